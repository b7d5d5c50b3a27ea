"""Summary reports: counts and shares by outcome and by any column, and the recognition list
(best outcome first, then input order), checked against totals computed here by hand."""
import csv
import json

import openpyxl

from scoring import shipped_packs

from conftest import EXAMPLES

TT22 = EXAMPLES / "don-vi-hoc-tap-tt22.csv"
BANDS = [(85, "tot"), (70, "kha"), (50, "trung_binh")]  # Thông tư 22/2020: 85–100, 70–<85, 50–<70


def by_hand(path):
    """(id, total, band) for every row, summing the points the way the Thông tư says."""
    out = []
    for row in csv.DictReader(path.open(encoding="utf-8")):
        total = sum(float(v) for k, v in row.items() if k not in ("id", "ten_don_vi"))
        band = next((code for low, code in BANDS if total >= low), "chua_dat")
        out.append((row["id"], total, band))
    return out


def test_report_counts_shares_and_recognition_list(runner, cli):
    expected = by_hand(TT22)
    result = runner.invoke(cli, ["report", "-c", "don-vi-hoc-tap-tt22", str(TT22)])
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2] == f"đã đọc {len(expected)} hồ sơ: {len(expected)} được chấm, 0 bị loại"
    pack = shipped_packs()["don-vi-hoc-tap-tt22"].pack
    for code in ("tot", "kha", "trung_binh", "chua_dat"):
        n = sum(1 for _, _, band in expected if band == code)
        [line] = [x for x in lines if x.startswith(pack.outcome_label(code, "vi") + "  ")]
        assert line.split()[-2:] == [str(n), f"{n / len(expected) * 100:.1f}".rstrip("0").rstrip(".").replace(".", ",") + "%"]
    listed = lines[lines.index(next(x for x in lines if x.startswith("Danh sách đề nghị công nhận"))) + 4:]
    order = {"tot": 0, "kha": 1, "trung_binh": 2}
    recognised = sorted([x for x in expected if x[2] != "chua_dat"], key=lambda x: order[x[2]])  # stable: input order
    assert [line.split()[1] for line in listed] == [rid for rid, _, _ in recognised]
    assert [line.split()[0] for line in listed] == [str(n) for n in range(1, len(recognised) + 1)]


def test_report_by_columns_counts_rejected_rows_too(runner, cli, tmp_path):
    ind = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
    rows = [("A", "Xã Tân Lập", "1", "8"), ("B", "Xã Tân Lập", "Nhóm 2", "4"), ("C", "Xã Hòa Bình", "1", "9"),
            ("D", "Xã Hòa Bình", "3", "11"), ("E", "", "4", "10")]
    path = tmp_path / "r.csv"
    path.write_text("id,ho_ten,xa,Nhóm đối tượng," + ",".join(ind) + "\n"
                    + "".join(f"{rid},Nguyễn {rid},{xa},{g}," + ",".join([p] * 10) + "\n" for rid, xa, g, p in rows),
                    encoding="utf-8")
    out = tmp_path / "bc.json"
    result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(path), "--by", "xa", "--by", "group",
                                 "-o", str(out)])
    assert result.exit_code == 1  # D is rejected (11 > 10)
    report = json.loads(out.read_text(encoding="utf-8"))
    assert report["counts"] == {"read": 5, "scored": 4, "rejected": 1, "skipped": 0}
    assert report["by"]["xa"] == [
        {"xa": "(trống)", "dat": 1, "chua_dat": 0, "rejected": 0, "total": 1, "recognised share": 1.0},
        {"xa": "Xã Hòa Bình", "dat": 1, "chua_dat": 0, "rejected": 1, "total": 2, "recognised share": 1.0},
        {"xa": "Xã Tân Lập", "dat": 1, "chua_dat": 1, "rejected": 0, "total": 2, "recognised share": 0.5}]
    groups = {row["group"]: (row["dat"], row["chua_dat"], row["rejected"]) for row in report["by"]["group"]}
    assert groups == {"1 · Người dân trong xã": (2, 0, 0), "2 · Người lao động": (0, 1, 0),
                      "3 · Cán bộ, công nhân viên, doanh nhân": (0, 0, 1), "4 · Học sinh, sinh viên, học viên": (1, 0, 0)}
    assert [(x["id"], x["total"], x["xa"]) for x in report["recognised"]] == [("A", 80, "Xã Tân Lập"),
                                                                            ("C", 90, "Xã Hòa Bình"), ("E", 100, "(trống)")]
    assert "Nguyễn" not in out.read_text(encoding="utf-8")  # names are not carried unless asked for


def test_the_by_table_says_its_share_is_of_the_scored_records(runner, cli, tmp_path):
    """Before, a row read 'Bị loại 3, Tổng số 5, Tỷ lệ được công nhận 100%': the share is of the
    scored records only, as the 'Tổng hợp' sheet says; the --by table now says so too."""
    path = tmp_path / "r.csv"
    ind = ",".join(["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"])
    path.write_text(f"id,xa,group,{ind}\n" + "".join(f"{rid},Xã A,1," + ",".join([p] * 10) + "\n"
                                              for rid, p in [("A", "9"), ("B", "11"), ("C", "12")]), encoding="utf-8")
    for lang, share in (("vi", "Tỷ lệ được công nhận (trên số được chấm)"), ("en", "Recognised share (of scored)")):
        lines = runner.invoke(cli, ["--lang", lang, "report", "-c", "cong-dan-hoc-tap", str(path), "--by", "xa"]).stdout.splitlines()
        header = lines[next(i for i, line in enumerate(lines) if line.startswith("xa ")):][:3]
        assert header[0].endswith(share) and header[2].startswith("Xã A") and header[2].split()[-3:] == ["2", "3", "100%"]


def test_report_workbook_sheets(runner, cli, tmp_path):
    """The council workbook: every sheet under its heading, its table from the row of its header."""
    out = tmp_path / "bc.xlsx"
    result = runner.invoke(cli, ["report", "-c", "don-vi-hoc-tap-tt22", str(TT22), "--by", "Chỉ số 3b", "-o", str(out)])
    assert result.exit_code == 0
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Danh sách công nhận", "Kết quả", "Bị loại", "Tổng hợp", "Theo Chỉ số 3b"]

    def table(name):
        rows = [list(r) for r in book[name].iter_rows(values_only=True)]
        start = next(i for i, r in enumerate(rows) if r[0] == "STT")
        return rows[start], [r for r in rows[start + 1:] if isinstance(r[0], int)], rows[start + 1:]
    head, by_3b, rest = table("Theo Chỉ số 3b")
    assert head == ["STT", "Chỉ số 3b", "Tốt", "Khá", "Trung bình", "Chưa đạt", "Bị loại", "Tổng số",
                    "Tỷ lệ được công nhận (trên số được chấm)"]
    assert sum(row[7] for row in by_3b) == len(by_hand(TT22))
    assert rest[len(by_3b)][:2] == ["Tổng cộng", None] and rest[len(by_3b)][7] == len(by_hand(TT22))
    head, listed, rest = table("Danh sách công nhận")
    assert head == ["STT", "Mã", "Chỉ số 3b", "Kết quả", "Tổng điểm", "Ghi chú"]
    recognised = [x for x in by_hand(TT22) if x[2] != "chua_dat"]
    assert len(listed) == len(recognised)
    assert sorted(r[1] for r in listed) == sorted(x[0] for x in recognised)
    head, scored, rest = table("Kết quả")
    assert [r[1] for r in scored] == [x[0] for x in by_hand(TT22)]   # every record, in input order


def test_report_errors_come_before_any_work(runner, cli, tmp_path):
    result = runner.invoke(cli, ["report", "-c", "don-vi-hoc-tap-tt22", str(TT22), "--by", "ten_don_vj"])
    assert result.exit_code == 2
    assert "không có cột 'ten_don_vj' trong hồ sơ (có phải là 'ten_don_vi'?)" in result.stderr
    result = runner.invoke(cli, ["report", "-c", "don-vi-hoc-tap-tt22", str(TT22), "-o", str(tmp_path / "bc.csv")])
    assert result.exit_code == 2 and "lệnh này không ghi được tệp .csv; hãy đặt tên tệp .json, .md, .pdf, .txt, .xlsx" in result.stderr


def test_by_column_typed_without_diacritics_finds_the_vietnamese_header(runner, cli, tmp_path):
    """A council types '--by xa' for the column 'Xã'; the values keep their diacritics."""
    path = tmp_path / "r.csv"
    path.write_text("id,Xã,group," + ",".join(f"1.{i}" for i in range(1, 5)) + ",2.1,2.2,2.3,2.4,3.1,3.2\n"
                    "A,Xã Tân Lập,1," + ",".join(["9"] * 10) + "\n"
                    "B,Xã Hòa Bình,1," + ",".join(["5"] * 10) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(path), "--by", "xa"])
    assert result.exit_code == 0, result.output
    by_commune = {" ".join(r[:3]): r[3] for r in (line.split() for line in result.stdout.splitlines())
                  if r[:1] == ["Xã"] and len(r) > 3}   # commune -> its 'dat' count
    assert by_commune == {"Xã Tân Lập": "1", "Xã Hòa Bình": "0"}
    missing = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(path), "--by", "huyen"])
    assert missing.exit_code == 2 and "không có cột 'huyen'" in missing.stderr
