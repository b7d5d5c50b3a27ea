"""`hoctap goals --output FILE.xlsx`: the targets table and a chart per target; `--sheet` for workbooks."""
import csv
import json
import re

import openpyxl
import pytest

from conftest import EXAMPLES

LANGSON = EXAMPLES / "goals" / "muc-tieu-langson-stnmt-2024.csv"
PACK = "muc-tieu-langson-stnmt-2024"


def _table(ws):
    """The targets table under its heading, as dicts keyed by the Vietnamese headers."""
    rows = list(ws.iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r[0] == "Năm")
    end = next((i for i in range(top + 1, len(rows)) if not isinstance(rows[i][0], int)), len(rows))   # notes, signatures
    return [dict(zip(rows[top], r)) for r in rows[top + 1:end]]


def test_workbook_has_the_figures_of_every_year_and_a_chart_per_target(runner, cli, tmp_path):
    out = tmp_path / "muc-tieu.xlsx"
    result = runner.invoke(cli, ["goals", "-g", PACK, "-y", "2025", "-y", "2030", str(LANGSON), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert f"đã ghi {out}" in result.stderr
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Mục tiêu", "Biểu đồ"]   # no rejected row, no rejected sheet
    rows = _table(book["Mục tiêu"])
    figures = [(r["Năm"], r["STT"], r["Yêu cầu (%)"], r["Số đạt"], r["Mẫu số"], r["Kết quả"], r["Còn thiếu (hồ sơ)"])
               for r in rows]
    assert figures == [(2025, 1, 0.6, 13, 20, "đạt", 0), (2025, 2, 0.7, 10, 13, "đạt", 0),
                       (2025, 3, 0.6, 6, 10, "đạt", 0),
                       (2030, 1, 0.8, 13, 20, "chưa đạt", 3), (2030, 2, 0.9, 10, 13, "chưa đạt", 2),
                       (2030, 3, 0.8, 6, 10, "chưa đạt", 2)]
    # the same figures as the JSON report of each year (there in per cent, here a percentage cell)
    for year in (2025, 2030):
        report = json.loads(runner.invoke(cli, ["goals", "-g", PACK, "-y", str(year), str(LANGSON), "-f", "json"]).stdout)
        assert [(t["label"], round(t["actual_pct"] / 100, 6), t["required_count"]) for t in report["targets"]] == [
            (r["Mục tiêu"], r["Thực tế (%)"], r["Số cần đạt"]) for r in rows if r["Năm"] == year]
    charts = book["Biểu đồ"]._charts
    assert len(charts) == 3
    for chart in charts:
        assert chart.tagname == "barChart" and len(chart.series) == 2   # actual and required
    data = [r for r in book["Biểu đồ"].iter_rows(values_only=True) if r[0] in ("2025", "2030")]
    assert [tuple(r[:3]) for r in data[:2]] == [("2025", 65, 60), ("2030", 65, 80)]


def test_rejected_rows_get_their_sheet_and_english_headers(runner, cli, tmp_path):
    staff = tmp_path / "staff.csv"
    with open(LANGSON, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    rows[1][2] = "đạt rồi?"   # an unreadable title: rejected, still in the denominator
    with open(staff, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    out = tmp_path / "goals.xlsx"
    result = runner.invoke(cli, ["goals", "-g", PACK, "-y", "2025", str(staff), "-o", str(out), "--lang", "en"])
    assert result.exit_code == 1, result.output
    book = openpyxl.load_workbook(out)
    assert book.sheetnames == ["Targets", "Charts", "Rejected records"]
    rejected = list(book["Rejected records"].iter_rows(values_only=True))
    assert rejected[0] == ("Where", "Id", "Reason") and rejected[1][1] == "STNMT-001"


def test_the_paper_notes_who_is_unknown_as_the_screen_does(runner, cli, tmp_path):
    """A target met or not met had an empty 'Ghi chú' on the paper the head signs, while the screen
    said that a rejected row stays in the denominator as unknown and that a blank value was counted as
    not qualifying: the paper showed '50%' and 'Mẫu số 20' with no word of either."""
    staff = tmp_path / "staff.csv"
    with open(LANGSON, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    assert rows[0][2] == "cong_dan_hoc_tap" and rows[0][14] == "ky_nang_so"
    rows[1][2] = "đạt rồi?"   # STNMT-001: rejected, still in the denominator
    rows[2][14] = ""          # STNMT-002 holds the title, its digital skills are not filled in
    with open(staff, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    out = tmp_path / "muc-tieu.xlsx"
    result = runner.invoke(cli, ["goals", "-g", PACK, "-y", "2030", str(staff), "-o", str(out)])
    assert result.exit_code == 1, result.output
    notes = {r["STT"]: (r["Kết quả"], r["Ghi chú"]) for r in _table(openpyxl.load_workbook(out)["Mục tiêu"])}
    assert notes[1] == ("chưa đạt", "1 hồ sơ bị loại vẫn thuộc mẫu số, tính là không đánh giá được: STNMT-001")
    status, note = notes[2]
    assert status == "chưa đạt" and note.splitlines() == [
        "1 hồ sơ bị loại vẫn thuộc mẫu số, tính là không đánh giá được: STNMT-001",
        "1 hồ sơ trong mẫu số không có giá trị 'ky_nang_so', tính là không đạt: STNMT-002"]
    for line in note.splitlines():      # the same sentences as under the table on screen
        assert f"- ky-nang-so: {line}" in result.stdout


def _residents_file(tmp_path):
    """Sơn Hồng: 7 residents of known working age, 6 of them with information competence and trained; 3 whose
    age and working-age cells are blank, with neither (they may or may not be of the population)."""
    path = tmp_path / "cu-dan.csv"
    rows = [["id", "loai", "tuoi", "trong_do_tuoi_lao_dong", "nang_luc_thong_tin", "trinh_do_chuyen_mon", "cong_dan_hoc_tap"]]
    rows += [[f"R{i}", "nguoi_dan", 20 + i, "có", "có", "da_dao_tao", "dat"] for i in range(1, 7)]
    rows += [["R7", "nguoi_dan", 45, "có", "không", "chua_qua_dao_tao", "chua_dat"]]
    rows += [[f"B{i}", "nguoi_dan", "", "", "không", "chua_qua_dao_tao", "chua_dat"] for i in range(1, 4)]
    with open(path, "w", encoding="utf-8", newline="") as f:
        csv.writer(f).writerows(rows)
    return path


@pytest.mark.parametrize("lang, actual, most, needed, met, denominator", [
    ("vi", "Thực tế (%)", "Thực tế tối đa (%)", "Số cần đạt", "Số đạt", "Mẫu số"),
    ("en", "Actual (%)", "Actual, at most (%)", "Count needed", "Count met", "Denominator")])
def test_a_share_left_open_is_its_worst_case_with_the_best_beside_never_a_middle_figure(
        runner, cli, tmp_path, lang, actual, most, needed, met, denominator):
    """'6/10 = 60% … 6/7 = 85,71%', undetermined, on screen; the paper's 'Thực tế (%)' said 85,71% (6 of 7, the
    best case) for a target of 70%, a figure the tool did not establish. Now the worst case, with its count,
    denominator and count needed, and the best case beside it; the chart draws both bars beside the required."""
    out = tmp_path / "cu-dan.xlsx"
    result = runner.invoke(cli, ["goals", "-g", "muc-tieu-son-hong-2026-2030", "-y", "2030", str(_residents_file(tmp_path)),
                                 "-o", str(out), "--lang", lang])
    assert "6/10 = 60% … 6/7 = 85" in result.stdout, result.output
    book = openpyxl.load_workbook(out)
    rows = list(book.worksheets[0].iter_rows(values_only=True))
    top = next(i for i, r in enumerate(rows) if r[0] in ("Năm", "Year"))
    by_number = {r[1]: dict(zip(rows[top], r)) for r in rows[top + 1:] if isinstance(r[0], int)}
    info, trained, holders = by_number[2], by_number[4], by_number[8]   # undetermined; met with a range; one figure
    # the screen's 'yêu cầu' says the count the worst case needs, as the paper's 'Số cần đạt' (7 of 10), then the
    # best case's, as 'thực tế' writes the two shares: it said '≥ 70% (5/7)' beside '6/10 = 60% …'
    cells = {line.split()[0]: re.split(r"\s{2,}", line)[2:4] for line in result.stdout.splitlines() if line[:1].isalpha()}
    assert cells["nang-luc-thong-tin"] == ["≥ 70% (7/10 … 5/7)", "6/10 = 60% … 6/7 = " + ("85,71%" if lang == "vi" else "85.71%")]
    assert cells["dao-tao-chuyen-mon"][0] == "≥ 55% (6/10 … 4/7)"
    assert cells["cong-dan-hoc-tap"] == ["≥ 60% (6/10)", "6/10 = 60%"]   # one denominator: one count
    assert [info[k] for k in (needed, met, denominator, actual, most)] == [7, 6, 10, 0.6, 0.8571]
    assert [trained[k] for k in (needed, met, denominator, actual, most)] == [6, 6, 10, 0.6, 0.8571]
    assert [holders[k] for k in (needed, met, denominator, actual, most)] == [6, 6, 10, 0.6, None]
    charts = book.worksheets[1]
    data = [r[:4] for r in charts.iter_rows(values_only=True) if r[0] in ("2030", "Năm", "Year")]
    assert data[:2] == [("Năm" if lang == "vi" else "Year", actual, "Yêu cầu (%)" if lang == "vi" else "Required (%)", most),
                        ("2030", 60, 70, 85.71)]
    assert data[-1] == ("2030", 60, 60, None)   # the holders' share is one figure: two bars
    assert [len(c.series) for c in charts._charts] == [3, 3, 3, 2]


def test_goals_read_a_named_sheet(runner, cli, tmp_path):
    with open(LANGSON, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    book = openpyxl.Workbook()
    book.active.title = "Ghi chú"
    book.active.append(["Bảng kê cán bộ"])
    ws = book.create_sheet("Cán bộ")
    ws.append(["DANH SÁCH CÁN BỘ NĂM 2025"])
    for row in rows:
        ws.append(row)
    path = tmp_path / "can-bo.xlsx"
    book.save(path)
    result = runner.invoke(cli, ["goals", "-g", PACK, "-y", "2025", str(path), "--sheet", "Cán bộ", "-f", "json"])
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["counts"]["read"] == 20
    unnamed = runner.invoke(cli, ["goals", "-g", PACK, "-y", "2025", str(path), "-f", "json"])
    assert unnamed.exit_code == 2   # the first sheet holds no table: the user is told to name one


def test_several_years_in_json_and_a_workbook_is_never_an_input(runner, cli, tmp_path):
    result = runner.invoke(cli, ["goals", "-g", PACK, "-y", "2025", "-y", "2030", str(LANGSON), "-f", "json"])
    assert [r["year"] for r in json.loads(result.stdout)] == [2025, 2030]
    bad = runner.invoke(cli, ["goals", "-g", PACK, "-y", "2031", "-y", "2025", str(LANGSON), "-o", str(tmp_path / "x.xlsx")])
    assert bad.exit_code == 2 and not (tmp_path / "x.xlsx").exists()
    copy = tmp_path / "in.xlsx"
    copy.write_bytes(b"PK")
    refused = runner.invoke(cli, ["goals", "-g", PACK, str(copy), "-o", str(copy)])
    assert refused.exit_code == 2 and copy.read_bytes() == b"PK"


def test_goal_files_get_the_header_notes_and_a_missing_id_is_one_error(runner, cli, tmp_path):
    text = LANGSON.read_text(encoding="utf-8")
    loose = tmp_path / "loose.csv"
    loose.write_text(text.replace(",ky_nang_so,", ",Ky nang so (có/không),", 1), encoding="utf-8")
    result = runner.invoke(cli, ["goals", "-g", PACK, "-y", "2025", str(loose), "-f", "json"])
    assert result.exit_code == 0, result.output
    assert result.stderr.count("cột 'Ky nang so (có/không)' được hiểu là ky_nang_so") == 1
    no_id = tmp_path / "no-id.csv"
    no_id.write_text("Mã CB" + text[2:], encoding="utf-8")
    refused = runner.invoke(cli, ["goals", "-g", PACK, "-y", "2025", str(no_id)])
    assert refused.exit_code == 2 and refused.output.count("không thấy cột mã hồ sơ") == 1
    assert "cột 'Mã CB' có phải là Mã?" in refused.output


def test_the_goal_words_live_in_the_catalogue_only():
    """The workbook and the table of 'hoctap goals' keep no word table of their own: every
    heading and sentence is a catalogue entry (scoring/messages.py), so both say the same."""
    import ast
    import re

    from conftest import ROOT
    from scoring.messages import CATALOGUE
    vietnamese = re.compile(r"[àáảãạăắằẳẵặâấầẩẫậđèéẻẽẹêếềểễệìíỉĩịòóỏõọôốồổỗộơớờởỡợùúủũụưứừửữựỳýỷỹỵ]", re.I)
    for name in ("workbook.py", "render.py"):
        tree = ast.parse((ROOT / "scoring" / "goals" / name).read_text(encoding="utf-8"))
        docstrings = {id(node.body[0].value) for node in ast.walk(tree)
                      if isinstance(node, (ast.Module, ast.FunctionDef, ast.ClassDef)) and node.body
                      and isinstance(node.body[0], ast.Expr) and isinstance(node.body[0].value, ast.Constant)}
        words = [node.value for node in ast.walk(tree) if isinstance(node, ast.Constant) and isinstance(node.value, str)
                 and id(node) not in docstrings and vietnamese.search(node.value)]
        assert words == [], f"scoring/goals/{name} has its own words: {words}"
    goal_codes = [code for code in CATALOGUE if code.startswith("goals.")]
    assert len(goal_codes) > 30 and all(vi and en for vi, en in (CATALOGUE[c] for c in goal_codes))


def test_the_workbook_and_the_table_say_the_same_in_both_languages(runner, cli, tmp_path):
    for lang, status, head in (("vi", "đạt", "Kết quả"), ("en", "met", "Result")):
        out = tmp_path / f"muc-tieu-{lang}.xlsx"
        result = runner.invoke(cli, ["goals", "-g", PACK, "-y", "2025", str(LANGSON), "-o", str(out), "--lang", lang])
        assert result.exit_code == 0, result.output
        ws = openpyxl.load_workbook(out).worksheets[0]
        rows = list(ws.iter_rows(values_only=True))
        top = next(i for i, r in enumerate(rows) if head in r)
        cdht = dict(zip(rows[top], rows[top + 1]))   # the first target, cdht
        assert cdht[head] == status
        table = next(line for line in result.stdout.splitlines() if line.startswith("cdht "))
        assert f" {status} " in table


def test_the_gap_column_fits_targets_that_count_schools_or_communes(runner, cli, tmp_path):
    # 'Còn thiếu (người)' was wrong for a target counting schools ('cần thêm 1 cơ sở') or communes ('1 xã')
    out = tmp_path / "sh.xlsx"
    pack = "muc-tieu-son-hong-2026-2030"
    result = runner.invoke(cli, ["goals", "-g", pack, "-y", "2030", str(EXAMPLES / "goals" / f"{pack}.csv"), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert "cơ sở" in result.output and "xã" in result.output   # the terminal names each target's own unit
    headers = next(r for r in openpyxl.load_workbook(out)["Mục tiêu"].iter_rows(values_only=True) if r[0] == "Năm")
    assert "Còn thiếu (hồ sơ)" in headers and not any("người" in str(h) for h in headers)


def test_the_targets_sheet_is_a_paper_to_print_and_sign(runner, cli, tmp_path):
    """As the council's documents: issuing body and national heading, the date line, a title, the
    table (shares as percentage cells, counts with the thousands separator), the signatures of the
    office; A4, one page wide, the table's header on every page, page numbers; no target code."""
    out = tmp_path / "muc-tieu.xlsx"
    result = runner.invoke(cli, ["goals", "-g", PACK, "-y", "2030", str(LANGSON), "-o", str(out),
                                 "--don-vi", "Sở Tài nguyên và Môi trường", "--dia-danh", "Lạng Sơn", "--ngay", "05/01/2031"])
    assert result.exit_code == 0, result.output
    ws = openpyxl.load_workbook(out)["Mục tiêu"]
    cells = [c for row in ws.iter_rows() for c in row if c.value is not None]
    texts = [str(c.value) for c in cells]
    for line in ("SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Lạng Sơn, ngày 05 tháng 01 năm 2031",
                 "BÁO CÁO KẾT QUẢ THỰC HIỆN MỤC TIÊU NĂM 2030", "NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ", "(Ký, ghi rõ họ tên)"):
        assert line in texts, line
    assert texts.index("NGƯỜI LẬP BIỂU") > texts.index("BÁO CÁO KẾT QUẢ THỰC HIỆN MỤC TIÊU NĂM 2030")
    header = next(c.row for c in cells if c.value == "Năm")
    assert ws.print_title_rows == f"${header}:${header}"
    assert (ws.page_setup.paperSize, ws.page_setup.orientation, ws.page_setup.fitToWidth) == (9, "landscape", 1)
    assert ws.sheet_properties.pageSetUpPr.fitToPage and "&P" in ws.oddFooter.center.text
    head = [c.value for c in ws[header]]
    for row in ws.iter_rows(min_row=header + 1, max_row=header + 3):
        by = dict(zip(head, row))
        assert by["Thực tế (%)"].number_format == by["Yêu cầu (%)"].number_format == "0.0%"
        assert 0 <= by["Thực tế (%)"].value <= 1 and by["Mẫu số"].number_format == "#,##0"
    codes = {"cdht", "ky-nang-so", "thanh-thao-ky-nang-so"}
    assert not codes & set(texts)
    charts = openpyxl.load_workbook(out)["Biểu đồ"]
    assert not any(str(c.value).split(":")[0] in codes for row in charts.iter_rows() for c in row if c.value)


def _staff_noted_without_skills(tmp_path):
    """Three staff, two of them noted as retired or transferred in a 'Ghi chú' column; no digital skills column."""
    path = tmp_path / "can-bo.csv"
    path.write_text("id,cong_dan_hoc_tap,Ghi chú\nA,dat,nghỉ hưu\nB,chua_dat,\nC,dat,chuyển công tác\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("lang, said", [
    ("vi", ["Cảnh báo: không tệp nào có cột 'ky_nang_so' (Có kỹ năng số đáp ứng yêu cầu công việc) mà mục tiêu "
            "«Người đạt danh hiệu \"Công dân học tập\" có kỹ năng số đáp ứng yêu cầu công việc», «Trong đó, thành thạo "
            "kỹ năng số để tự cập nhật thông tin về tiêu chí \"Công dân học tập\" trên môi trường số» cần; ",
            "Cảnh báo: không tệp nào có cột 'thanh_thao_ky_nang_so' ",
            "Cảnh báo: 2 hồ sơ có ghi chú ở cột 'Ghi chú' (A: nghỉ hưu; C: chuyển công tác) vẫn được tính như mọi hồ sơ, "
            "kể cả vào mẫu số: "]),
    ("en", ["Warning: no file has a column 'ky_nang_so' (Has the digital skills the job needs), which targets "
            "“Holders with the digital skills their job needs”, ",
            "Warning: no file has a column 'thanh_thao_ky_nang_so' ",
            "Warning: 2 records have a note in column 'Ghi chú' (A: nghỉ hưu; C: chuyển công tác) and are counted as "
            "every record is, denominators included: "])])
def test_the_paper_says_the_warnings_of_the_run_before_the_signatures(runner, cli, tmp_path, lang, said):
    """The screen warned that two people noted as retired or transferred are counted, denominators included, and
    that no file has the column two targets read; the paper the office head prints and signs said neither. Now
    each warning of the run is a line under the table, before the signatures, as tall as its wrapped text,
    naming targets as the paper does (by label, never a code such as 'ky-nang-so')."""
    out = tmp_path / "muc-tieu.xlsx"
    result = runner.invoke(cli, ["goals", "-g", PACK, "-y", "2025", str(_staff_noted_without_skills(tmp_path)),
                                 "-o", str(out), "--lang", lang])
    assert result.exit_code == 0, result.output
    assert len([line for line in result.stderr.splitlines() if line.startswith(("cảnh báo: ", "warning: "))]) == 3
    ws = openpyxl.load_workbook(out).worksheets[0]
    texts = [(c.row, str(c.value)) for row in ws.iter_rows() for c in row if c.value is not None]
    warned = [(row, text) for row, text in texts if text.startswith(("Cảnh báo: ", "Warning: "))]
    assert [text[:len(start)] for (_, text), start in zip(warned, said)] == said and len(warned) == 3
    last_target = max(row for row, text in texts if text == "3" or text.startswith("Trong đó") or text.startswith("Of those"))
    signers = next(row for row, text in texts if text in ("NGƯỜI LẬP BIỂU", "PREPARED BY"))
    assert all(last_target < row < signers for row, _ in warned)
    assert all("ky-nang-so" not in text for _, text in warned)
    assert all(ws.row_dimensions[row].height >= 32 for row, _ in warned)   # two lines at least: fit to print
    report = json.loads(runner.invoke(cli, ["goals", "-g", PACK, "-y", "2025", str(_staff_noted_without_skills(tmp_path)),
                                            "-f", "json", "--lang", lang]).stdout)
    assert "paper_warnings" not in report and len(report["warnings"]) == 3   # the JSON as it was: the screen's words
    assert "ky-nang-so, thanh-thao-ky-nang-so" in report["warnings"][0]


def test_the_paper_names_the_files_by_their_names_not_the_folders_typed(runner, cli, tmp_path):
    """The paper said 'Cảnh báo: /home/.../can-bo.xlsx: trang tính 'Phòng B' cũng có bảng dữ liệu...' and its
    rejected rows were at '/home/.../can-bo.xlsx:Phòng A!4': the folders of someone's computer, on a paper an
    office head signs and sends upward. Now it names the file as the council's papers do; the screen (and the
    JSON) still say the path as typed, for whoever ran the command."""
    folder = tmp_path / "Tài liệu" / "2025"
    folder.mkdir(parents=True)
    book = openpyxl.Workbook()
    first = book.active
    first.title = "Phòng A"
    first.append(["DANH SÁCH CÁN BỘ NĂM 2025"])   # a title row: said, naming where
    for ws, rows in ((first, [["A", "dat", "có", "có"], ["B", "xyz", "có", "có"]]),
                     (book.create_sheet("Phòng B"), [["C", "dat", "có", "không"]])):
        ws.append(["id", "cong_dan_hoc_tap", "ky_nang_so", "thanh_thao_ky_nang_so"])
        for row in rows:
            ws.append(row)
    path = folder / "can-bo.xlsx"
    book.save(path)
    out = tmp_path / "muc-tieu.xlsx"
    result = runner.invoke(cli, ["goals", "-g", PACK, "-y", "2025", str(path), "-o", str(out)])
    assert result.exit_code == 1 and f"đã ghi {out}" in result.stderr, result.output   # 1: a row rejected
    screen = [line for line in result.stderr.splitlines() if line.startswith("cảnh báo: ")]
    assert len(screen) == 2 and all(line.startswith(f"cảnh báo: {path}:") for line in screen)
    paper = openpyxl.load_workbook(out)
    texts = [str(c.value) for ws in paper.worksheets for row in ws.iter_rows() for c in row if c.value is not None]
    warned = [text for text in texts if text.startswith("Cảnh báo: ")]
    assert warned[1] == "Cảnh báo: can-bo.xlsx:Phòng A: bỏ qua 1 dòng phía trên dòng tiêu đề cột (dòng 1: 'DANH SÁCH CÁN BỘ NĂM 2025')"
    assert warned[0] == ("Cảnh báo: can-bo.xlsx: trang tính 'Phòng B' cũng có bảng dữ liệu nhưng KHÔNG được đọc "
                         "(chỉ đọc trang 'Phòng A')")   # the paper's reader has no terminal: no '--sheet' to add
    rejected = list(paper["Hồ sơ bị loại"].iter_rows(values_only=True))
    assert [r[:2] for r in rejected] == [("Vị trí", "Mã"), ("can-bo.xlsx:Phòng A!4", "B")]
    assert not [text for text in texts if str(tmp_path) in text or "Tài liệu" in text]
