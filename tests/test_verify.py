"""Verification of self-assessments: every record whose claimed total, outcome or indicator
points differ from what the rules give is reported, with the indicators concerned."""
import csv
import re
import json


from conftest import EXAMPLES
from scoring import score_files

IND = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
HEADER = "id,group," + ",".join(IND) + ",tu_danh_gia_tong,tu_danh_gia_ket_qua"


def run(tmp_path, lines, header=HEADER, name="r.csv", pack="cong-dan-hoc-tap"):
    path = tmp_path / name
    path.write_text("\n".join([header, *lines]) + "\n", encoding="utf-8")
    batch = score_files(pack, [path])
    results = {r.id: r for r in batch.results()}
    assert batch.claims and batch.counts.read == batch.counts.scored + batch.counts.rejected
    return results


def row(rid, points, total="", outcome=""):
    points = [points] * 10 if not isinstance(points, list) else points
    return ",".join([rid, "1", *map(str, points), str(total), outcome])


def test_claims_that_hold_and_claims_that_do_not(tmp_path):
    r = run(tmp_path, [
        row("OK", 8, 80, "Đạt"),                        # 80, all ≥ 5: dat, as claimed
        row("SUM", 8, 85, "dat"),                       # adding up wrong
        row("LOW", [9] * 9 + [4], 85, "Đạt"),           # 85 but 3.2 = 4: chua_dat
        row("MODEST", 9, "", "Chưa đạt"),               # claims less than the rules give
        row("KHONG", [8] * 9 + [4], "", "Không đạt"),   # 'Không đạt' is the pack's 'Chưa đạt'
        row("ODD", 8, "", "xuất sắc"),                  # not an outcome of this pack
        row("COMMA", [8] * 9 + [7.5], '"79,5"', ""),     # decimal comma, as Excel writes it
        row("NONE", 8),                                 # no claim: no verification
    ])
    assert r["OK"].verification.agrees and r["OK"].verification.differences == ()
    assert r["NONE"].verification is None
    assert r["COMMA"].verification.agrees
    assert r["KHONG"].verification.agrees

    [d] = r["SUM"].verification.differences
    assert (d.what, d.claimed, d.computed) == ("total", 85, 80)
    assert r["SUM"].verification.indicators == ()

    [d] = r["LOW"].verification.differences
    assert (d.what, d.claimed, d.computed) == ("outcome", "dat", "chua_dat")
    assert r["LOW"].verification.indicators == ("3.2",)
    assert r["LOW"].verification.text() == "kết quả: tự đánh giá Đạt danh hiệu Công dân học tập, tính được Chưa đạt danh hiệu Công dân học tập (chỉ số 3.2 là 4, cần ít nhất 5)"

    [d] = r["MODEST"].verification.differences
    assert (d.claimed, d.computed, d.blockers) == ("chua_dat", "dat", ())

    [d] = r["ODD"].verification.differences
    assert d.claimed == "xuất sắc" and d.note.startswith("kết quả tự đánh giá không phải một trong: Đạt danh hiệu Công dân "
                                                         "học tập; Chưa đạt danh hiệu Công dân học tập (hoặc mã dat, chua_dat")


def test_claimed_points_per_indicator_name_the_indicators_that_differ(tmp_path):
    header = "Mã số,Nhóm đối tượng," + ",".join(IND) + ",Tự đánh giá (1.1),TĐG 2.2,Tự đánh giá (tổng điểm)"
    r = run(tmp_path, ["A,1," + ",".join(["8"] * 10) + ",9,8,81",     # council gave 8 where 9 was claimed
                       "B,1," + ",".join(["8"] * 10) + ",8,8,80"], header=header)
    v = r["A"].verification
    assert [(d.what, d.claimed, d.computed) for d in v.differences] == [("1.1", 9, 8), ("total", 81, 80)]
    assert v.indicators == ("1.1",)
    assert r["B"].verification.agrees


def test_levels_pack_outcome_and_yes_no_claims(tmp_path):
    source = [json.loads(line) for line in (EXAMPLES / "don-vi-hoc-tap-tt24-tinh.jsonl").read_text(encoding="utf-8").splitlines()]
    dv2 = {**source[1], "tu_danh_gia_ket_qua": "Mức độ 2", "tu_danh_gia_tc1_ct1": "không"}   # muc_do_1, tc1_ct1 met
    dv3 = {**source[2], "Tự đánh giá (kết quả)": "Chưa đạt"}                                 # chua_dat
    path = tmp_path / "dv.jsonl"
    path.write_text("\n".join(json.dumps(x, ensure_ascii=False) for x in (dv2, dv3)), encoding="utf-8")
    results = {r.id: r for r in score_files("don-vi-hoc-tap-tt24-tinh", [path]).results()}
    v = results["DV-002"].verification
    assert [d.what for d in v.differences] == ["tc1_ct1", "outcome"]
    outcome = v.differences[1]
    assert (outcome.claimed, outcome.computed) == ("muc_do_2", "muc_do_1")
    # DV-002 has 93% CDHT members (level 2 needs 95%); its 'Tập thể lao động tiên tiến' is enough at level 2 (Art. 13.3.c)
    assert outcome.blockers == ("tc3_ct1_md2",)
    assert v.indicators == ("tc1_ct1", "tc3_ct1_md2")
    assert results["DV-003"].verification.agrees


def test_verify_command_lists_disagreements_and_exits_1(runner, cli, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("\n".join([HEADER, row("OK", 8, 80, "Đạt"), row("LOW", [9] * 9 + [4], 85, "Đạt")]) + "\n",
                    encoding="utf-8")
    out = tmp_path / "diff.csv"
    result = runner.invoke(cli, ["verify", "-c", "cong-dan-hoc-tap", str(path), "-o", str(out)])
    assert result.exit_code == 1
    head, body = result.stdout.split("\n-", 1)   # headings wrap onto two lines, then the rule, then the rows
    assert sorted(head.split()) == sorted(["Vị", "trí", "Mã", "Kết", "quả", "Tổng", "điểm", "Tự", "đánh", "giá", "(tổng",
                                           "điểm)", "Tự", "đánh", "giá", "(kết", "quả)", "Chỉ", "số", "khác", "nhau",
                                           "Khác", "nhau", "ở"])
    assert len(head.splitlines()) == 2 and max(map(len, result.stdout.splitlines())) <= 140   # fits a console
    rows = body.split("\n", 1)[1]
    assert "LOW" in rows and not re.search(r"\bOK\b", rows) and "chỉ số 3.2 là 4" in " ".join(rows.split())
    assert "2 hồ sơ có tự đánh giá: 1 khớp, 1 không khớp" in result.stderr
    assert f"đã ghi {out}" in result.stderr   # the file written is named, as by every command
    written = list(csv.reader(out.open(encoding="utf-8-sig")))
    assert written == [["Vị trí", "Mã", "Kết quả", "Tổng điểm", "Tự đánh giá (tổng điểm)", "Tự đánh giá (kết quả)",
                        "Chỉ số khác nhau", "Khác nhau ở", "Tình trạng", "Lỗi"],
                       [f"{path}:3", "LOW", "Chưa đạt danh hiệu Công dân học tập", "85", "85", "Đạt", "3.2",
                        "kết quả: tự đánh giá Đạt danh hiệu Công dân học tập, tính được Chưa đạt danh hiệu Công dân học tập (chỉ số 3.2 là 4, cần ít nhất 5)",
                        "không khớp", ""]]


def test_verify_exits_0_when_all_agree_and_2_without_claim_columns(runner, cli, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("\n".join([HEADER, row("OK", 8, 80, "Đạt")]) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["verify", "-c", "cong-dan-hoc-tap", str(path)])
    assert result.exit_code == 0 and result.stdout == ""
    plain = tmp_path / "plain.csv"
    plain.write_text("id,group," + ",".join(IND) + "\nA,1," + ",".join(["8"] * 10) + "\n", encoding="utf-8")
    result = runner.invoke(cli, ["verify", "-c", "cong-dan-hoc-tap", str(plain)])
    assert result.exit_code == 2 and "không có cột tự đánh giá" in result.stderr


def test_score_output_carries_the_verification(runner, cli, tmp_path):
    path = tmp_path / "r.csv"
    path.write_text("\n".join([HEADER, row("LOW", [9] * 9 + [4], 85, "Đạt"), row("NONE", 8)]) + "\n", encoding="utf-8")
    out = tmp_path / "out.csv"
    assert runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path), "-o", str(out)]).exit_code == 0
    header, low, none = csv.reader(out.open(encoding="utf-8-sig"))
    assert header[-4:] == ["Vị trí", "Tự đánh giá (tổng điểm)", "Tự đánh giá (kết quả)", "Đối chiếu"]
    assert low[-3:] == ["85", "Đạt", "kết quả: tự đánh giá Đạt danh hiệu Công dân học tập, tính được Chưa đạt danh hiệu Công dân học tập (chỉ số 3.2 là 4, cần ít nhất 5)"]
    assert none[-3:] == ["", "", ""]
    jsonl = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path), "-f", "jsonl"])
    first, second = map(json.loads, jsonl.stdout.splitlines())
    assert first["verification"]["indicators"] == ["3.2"] and not first["verification"]["agrees"]
    assert "verification" not in second


def test_a_claimed_outcome_written_as_the_start_of_its_label_is_read(runner, cli, tmp_path):
    """'Đạt danh hiệu' is how a person writes 'Đạt danh hiệu Công dân học tập'; a start that fits two
    outcomes ('Mức độ' of TT 24) stays unknown, and the message lists the outcomes as people write them."""
    path = tmp_path / "sa.csv"
    path.write_text("Mã,Nhóm,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2,Tự đánh giá (kết quả)\n"
                    "A7,2,8,7,7,8,6,4,8,7,9,9,Đạt danh hiệu\n", encoding="utf-8")
    out = tmp_path / "lech.json"
    result = runner.invoke(cli, ["verify", "-c", "cong-dan-hoc-tap", str(path), "-o", str(out)])
    assert result.exit_code == 1
    [row] = json.loads(out.read_text(encoding="utf-8"))["disagreements"]
    assert row["differences"] == ("kết quả: tự đánh giá Đạt danh hiệu Công dân học tập, tính được Chưa đạt danh hiệu "
                                  "Công dân học tập (cần thêm 7 điểm; chỉ số 2.2 là 4, cần ít nhất 5)")
    from scoring import resolve_pack
    from scoring.results.verify import ClaimReader
    reader = ClaimReader(resolve_pack("don-vi-hoc-tap-tt24-tinh").pack)
    assert reader.outcome_code("Mức độ") is None and reader.outcome_code("mức độ 2") == "muc_do_2"


def test_verify_shows_totals_as_the_language_writes_numbers(runner, cli, tmp_path):
    path = tmp_path / "s8.csv"
    path.write_text("Mã,Nhóm,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2,Tự đánh giá (tổng điểm)\n"
                    "A7,2,8.5,7,7,8,6,4,8,7,9,9,80\n", encoding="utf-8")
    vi = runner.invoke(cli, ["verify", "-c", "cong-dan-hoc-tap", str(path)]).stdout
    assert "73,5" in vi and "73.5" not in vi
    en = runner.invoke(cli, ["--lang", "en", "verify", "-c", "cong-dan-hoc-tap", str(path)]).stdout
    assert "computed 73.5" in en


def test_the_verify_file_accounts_for_every_record_it_could_not_check(runner, cli, tmp_path):
    """Before, 'verify -o' wrote only the 4 disagreements: CD-009 ('tám') and CD-010 (a formula never
    calculated) were not checked, and '10 hồ sơ: 8 chấm, 2 loại; 4 khớp, 4 không khớp' was only on
    the screen, so a council filing the file read it as 'every other record matches'."""
    import openpyxl
    source = EXAMPLES / "council" / "tu-danh-gia-2024.xlsx"
    written = {}
    for suffix in ("xlsx", "csv", "json", "jsonl"):
        written[suffix] = tmp_path / f"v.{suffix}"
        result = runner.invoke(cli, ["verify", "-c", "cong-dan-hoc-tap", str(source), "-o", str(written[suffix])])
        assert result.exit_code == 1, result.output
    book = openpyxl.load_workbook(written["xlsx"])
    assert book.sheetnames == ["Không khớp", "Bị loại", "Tổng hợp"]
    assert [r[1] for r in book["Không khớp"].iter_rows(min_row=2, values_only=True)] == ["CD-003", "CD-004", "CD-005", "CD-006"]
    rejected = list(book["Bị loại"].iter_rows(values_only=True))
    assert rejected[0] == ("Vị trí", "Mã", "Lỗi") and [r[1] for r in rejected[1:]] == ["CD-009", "CD-010"]
    assert "không phải 'tám'" in rejected[1][2] and "công thức" in rejected[2][2]
    counts = {r[0]: r[1] for r in book["Tổng hợp"].iter_rows(values_only=True) if r and r[0]}
    assert (counts["Số hồ sơ đã đọc"], counts["Được chấm"], counts["Bị loại"]) == (10, 8, 2)
    assert (counts["Hồ sơ có tự đánh giá"], counts["Khớp"], counts["Không khớp"]) == (8, 4, 4)
    rows = list(csv.reader(written["csv"].open(encoding="utf-8-sig")))
    assert rows[0][-2:] == ["Tình trạng", "Lỗi"]
    assert [(r[1], r[-2]) for r in rows[1:]] == [("CD-003", "không khớp"), ("CD-004", "không khớp"),
                                                 ("CD-005", "không khớp"), ("CD-006", "không khớp"),
                                                 ("CD-009", "không kiểm tra được"), ("CD-010", "không kiểm tra được")]
    assert "không phải 'tám'" in rows[5][-1]
    report = json.loads(written["json"].read_text(encoding="utf-8"))
    assert [d["id"] for d in report["disagreements"]] == ["CD-003", "CD-004", "CD-005", "CD-006"]
    assert set(report["disagreements"][0]) >= {"where", "id", "label", "total", "claimed total", "differences"}
    assert [r["id"] for r in report["rejected"]] == ["CD-009", "CD-010"] and report["rejected"][0]["error"]
    assert report["counts"] == {"read": 10, "scored": 8, "rejected": 2, "skipped": 0}
    assert report["verification"] == {"checked": 8, "agree": 4, "disagree": 4}
    lines = [json.loads(line) for line in written["jsonl"].read_text(encoding="utf-8").splitlines()]
    assert [(x["id"], x["status"]) for x in lines] == [("CD-003", "disagrees"), ("CD-004", "disagrees"),
                                                       ("CD-005", "disagrees"), ("CD-006", "disagrees"),
                                                       ("CD-009", "rejected"), ("CD-010", "rejected")]
