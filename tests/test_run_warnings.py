"""The run's warnings (``run.notices``: hidden rows, sheets not read, a share written as a fraction)
reach every workflow: units scored with their members' files (``score_units``), on the command line
and the council page, each said once; and the data workbook (``write_results_file``) keeps them."""
import json

from fastapi.testclient import TestClient

from conftest import ROOT
from test_composite import CDHT, DAT, CHUA_DAT, TT24_HEAD, tt24_unit, write_csv
from test_web import LOCAL, wait_job
from scoring import score_units
from scoring.web.app import Settings, create_app

MEMBERS = ROOT / "examples" / "members"
TT24 = "don-vi-hoc-tap-tt24-tinh"


def said(output: str) -> list[str]:
    """The warnings about shares written as fractions, as printed."""
    return [line for line in output.splitlines() if "(0–100)" in line]


def units_file(tmp_path):
    """The example units, the first one's discipline share written as a fraction (0,95)."""
    text = (MEMBERS / "don-vi-hoc-tap-tt24-tinh.csv").read_text(encoding="utf-8")
    path = tmp_path / "don-vi.csv"
    path.write_text(text.replace("co_quan_ubnd_tinh,có,có,có,có,có,100,98,", "co_quan_ubnd_tinh,có,có,có,có,có,0.95,98,", 1),
                    encoding="utf-8")
    return path


def communes_file(tmp_path):
    """The example communes (members of districts), the first one's share written as a fraction (0,842)."""
    text = (MEMBERS / "xa.csv").read_text(encoding="utf-8")
    path = tmp_path / "xa.csv"
    path.write_text(text.replace(",84.2,63.5,", ",0.842,63.5,", 1), encoding="utf-8")
    return path


def test_units_with_members_say_a_fraction_in_either_file_as_score_says_it(runner, cli, tmp_path):
    units, communes = units_file(tmp_path), communes_file(tmp_path)
    alone = runner.invoke(cli, ["score", "-c", TT24, str(units), "-f", "jsonl"])
    [line] = said(alone.stderr)
    with_members = runner.invoke(cli, ["score", "-c", TT24, str(units), "-m", str(MEMBERS / "members.csv"), "-f", "jsonl"])
    assert with_members.exit_code == 0, with_members.output
    assert said(with_members.stderr) == [line]
    assert with_members.stderr.index("(0–100)") < with_members.stderr.index("đã đọc 4 hồ sơ")
    # the members' file: the words 'hoctap score' says of it scored on its own (TT 25, communes of districts)
    [commune] = said(runner.invoke(cli, ["score", "-c", "cong-dong-hoc-tap-xa", str(communes), "-f", "jsonl"]).stderr)
    districts = runner.invoke(cli, ["score", "-c", "cong-dong-hoc-tap-huyen", str(MEMBERS / "cong-dong-hoc-tap-huyen.csv"),
                                    "-m", str(communes), "-f", "jsonl", "--lang", "vi"])
    assert districts.exit_code == 0, districts.output
    assert said(districts.stderr) == [commune] == [
        f"cảnh báo: {communes}: cột 'Tỷ lệ công dân đạt CDHT' (ty_le_cong_dan_cdht) là tỷ lệ phần trăm (0–100) nhưng "
        "1 hồ sơ ghi số từ 0 đến 1, không có dấu % (dòng 2 (XA-01)): 0,842 được chấm là 0,842 %; nếu là 84,2 %, ghi "
        "84,2 hoặc định dạng ô là %"]
    english = runner.invoke(cli, ["score", "-c", "cong-dong-hoc-tap-huyen", str(MEMBERS / "cong-dong-hoc-tap-huyen.csv"),
                                  "-m", str(communes), "-f", "jsonl", "--lang", "en"])
    assert said(english.stderr) == [
        f"warning: {communes}: column 'Tỷ lệ công dân đạt CDHT' (ty_le_cong_dan_cdht) is a percentage (0–100) but 1 "
        "record gives a number from 0 to 1 without '%' (row 2 (XA-01)): 0.842 is scored as 0.842 %; if it means "
        "84.2 %, write 84.2 or format the cell as %"]


def test_verify_report_and_explain_say_it_once(runner, cli, tmp_path):
    units = units_file(tmp_path)
    claims = tmp_path / "tu-danh-gia.csv"
    lines = units.read_text(encoding="utf-8").splitlines()
    claims.write_text("\n".join([lines[0] + ",tu_danh_gia_ket_qua", *(line + ",muc_do_1" for line in lines[1:])]) + "\n",
                      encoding="utf-8")
    members = ["-m", str(MEMBERS / "members.csv")]
    for args in (["verify", "-c", TT24, str(claims)], ["report", "-c", TT24, str(units)],
                 ["explain", "-c", TT24, str(units)]):
        for extra in ([], members):
            result = runner.invoke(cli, [*args, *extra])
            assert len(said(result.stderr)) == 1, (args, extra, result.stderr)


def test_a_share_of_members_under_1_percent_is_not_taken_for_a_fraction(tmp_path):
    """1 member of 200 holds the title: the unit's share is 0,5 %, computed, never written as a fraction."""
    rows = [[f"U1-M{i}", "U1", "1", *(DAT if i == 0 else CHUA_DAT)] for i in range(200)]
    members = write_csv(tmp_path / "members.csv", ["id", "don_vi", "group", *CDHT], rows)
    units = write_csv(tmp_path / "units.csv", TT24_HEAD, [tt24_unit("U1", "")])
    batch = score_units(TT24, [units], [members])
    [result] = batch.results()
    assert result.scored.values["ty_le_thanh_vien_cdht"] == 0.5
    assert json.loads(json.dumps(result.scored.values["ty_le_thanh_vien_cdht"])) == 0.5
    assert batch.after == [] and not [w for w in batch.warnings if "(0–100)" in w]


def test_the_council_page_with_members_says_both_files_fractions(runner, cli, tmp_path):
    units, communes = units_file(tmp_path), communes_file(tmp_path)
    [unit_line] = said(runner.invoke(cli, ["score", "-c", TT24, str(units), "-f", "jsonl"]).stderr)
    [commune_line] = said(runner.invoke(cli, ["score", "-c", "cong-dong-hoc-tap-xa", str(communes), "-f", "jsonl"]).stderr)
    districts = MEMBERS / "cong-dong-hoc-tap-huyen.csv"
    with TestClient(create_app(Settings(max_upload=1 << 20)), base_url=LOCAL) as client:
        jobs = [wait_job(client, client.post("/api/council", data={"pack": pack},
                                             files={"records": (records.name, records.read_bytes()),
                                                    "members": (members.name, members.read_bytes())}).json()["status_url"])
                for pack, records, members in ((TT24, units, MEMBERS / "members.csv"),
                                               ("cong-dong-hoc-tap-huyen", districts, communes))]
    assert [job["status"] for job in jobs] == ["done", "done"]
    page = [line.removeprefix("cảnh báo: ").replace(f"{tmp_path}/", "") for line in (unit_line, commune_line)]
    assert [[w for w in job["warnings"] if "(0–100)" in w] for job in jobs] == [[page[0]], [page[1]]]


def test_a_hidden_row_of_the_members_workbook_is_said_once(runner, cli, tmp_path):
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "DS"
    for line in (MEMBERS / "members.csv").read_text(encoding="utf-8").splitlines():
        sheet.append(line.split(","))
    sheet.row_dimensions[3].hidden = True
    members = tmp_path / "thanh-vien.xlsx"
    book.save(members)
    result = runner.invoke(cli, ["score", "-c", TT24, str(MEMBERS / "don-vi-hoc-tap-tt24-tinh.csv"), "-m", str(members),
                                 "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [line for line in result.stderr.splitlines() if "bị ẩn" in line] == [
        f"cảnh báo: {members}: trang tính 'DS' có 1 hàng bị ẩn (dòng 3) vẫn được chấm: bỏ ẩn để xem, hoặc xoá hàng nếu "
        "không muốn chấm"]


def warnings_sheet(path):
    """The workbook's sheets, and its warnings sheet's rows (None: there is none)."""
    import openpyxl
    book = openpyxl.load_workbook(path)
    last = book.worksheets[-1]
    rows = [row for (row,) in last.iter_rows(values_only=True)] if last.title in ("Cảnh báo", "Warnings") else None
    return book.sheetnames, rows


def test_the_data_workbook_keeps_the_runs_warnings_as_the_screen_says_them(runner, cli, tmp_path):
    units = units_file(tmp_path)
    for lang, sheets, word in (("vi", ["Kết quả", "Bị loại", "Tổng hợp", "Cảnh báo"], "cảnh báo: "),
                               ("en", ["Results", "Rejected", "Summary", "Warnings"], "warning: ")):
        out = tmp_path / f"kq-{lang}.xlsx"
        result = runner.invoke(cli, ["score", "-c", TT24, str(units), "-m", str(MEMBERS / "members.csv"), "-o", str(out),
                                     "--lang", lang])
        assert result.exit_code == 0, result.output
        screen = [line.removeprefix(word).replace(f"{tmp_path}/", "") for line in result.stderr.splitlines()
                  if line.startswith(word)]
        assert len(screen) == 2 and "(0–100)" in screen[1]   # the columns not in the file, then the fraction
        assert warnings_sheet(out) == (sheets, [sheets[-1].removesuffix("s"), *screen])
    assert warnings_sheet(tmp_path / "kq-vi.xlsx")[1][2] == (
        "don-vi.csv: cột 'Tỷ lệ chấp hành kỷ luật' (ty_le_chap_hanh_ky_luat) là tỷ lệ phần trăm (0–100) nhưng 1 hồ sơ "
        "ghi số từ 0 đến 1, không có dấu % (dòng 2 (DV-101)): 0,95 được chấm là 0,95 %; nếu là 95 %, ghi 95 hoặc định "
        "dạng ô là %")


def test_the_members_files_warnings_are_in_the_workbook_too_and_none_is_no_sheet(runner, cli, tmp_path):
    communes = communes_file(tmp_path)
    out = tmp_path / "huyen.xlsx"
    result = runner.invoke(cli, ["score", "-c", "cong-dong-hoc-tap-huyen", str(MEMBERS / "cong-dong-hoc-tap-huyen.csv"),
                                 "-m", str(communes), "-o", str(out)])
    assert result.exit_code == 0, result.output
    [line] = said(result.stderr)
    assert warnings_sheet(out) == (["Kết quả", "Bị loại", "Tổng hợp", "Cảnh báo"],
                                   ["Cảnh báo", line.removeprefix(f"cảnh báo: {tmp_path}/")])
    for lang, sheets in (("vi", ["Kết quả", "Bị loại", "Tổng hợp"]), ("en", ["Results", "Rejected", "Summary"])):
        clean = tmp_path / f"sach-{lang}.xlsx"
        result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(ROOT / "examples" / "cong-dan-hoc-tap.csv"),
                                     "-o", str(clean), "--lang", lang])
        assert result.exit_code == 0 and not [w for w in result.stderr.splitlines() if w.startswith(("cảnh báo", "warning"))]
        assert warnings_sheet(clean) == (sheets, None)


def test_the_council_pages_data_workbook_keeps_the_pages_words(tmp_path):
    import io
    import openpyxl
    units = units_file(tmp_path)
    with TestClient(create_app(Settings(max_upload=1 << 20)), base_url=LOCAL) as client:
        for lang, title in (("vi", "Cảnh báo"), ("en", "Warnings")):
            job = wait_job(client, client.post("/api/council", data={"pack": TT24, "lang": lang},
                                               files={"records": (units.name, units.read_bytes()),
                                                      "members": ("members.csv", (MEMBERS / "members.csv").read_bytes())}
                                               ).json()["status_url"])
            assert job["status"] == "done", job["error"]
            book = openpyxl.load_workbook(io.BytesIO(client.get(job["download_urls"]["ket-qua.xlsx"]).content))
            assert book.sheetnames[-1] == title
            rows = [row for (row,) in book[title].iter_rows(values_only=True)][1:]
            assert rows == job["warnings"] and len(rows) == 2 and "(0–100)" in rows[1] and "don-vi.csv: " in rows[1]
            assert str(tmp_path) not in "".join(rows)
