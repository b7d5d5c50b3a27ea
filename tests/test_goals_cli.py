"""'hoctap goals' as a user meets it: the table, the JSON contract, --check, and the errors
(unknown year, unknown pack, a criteria pack given as goals) with their exit codes."""
import json

import pytest

from conftest import EXAMPLES
from scoring import shipped_goals

LANGSON = str(EXAMPLES / "goals" / "muc-tieu-langson-stnmt-2024.csv")
GOAL_EXAMPLES = sorted((EXAMPLES / "goals").glob("*.csv"))
QD387_VERSION = shipped_goals()["muc-tieu-qd387"].pack.version   # read from the pack: its notes got English in 1.1


def goals(runner, cli, *args):
    return runner.invoke(cli, ["goals", *args])


def test_table_for_the_langson_example_2025(runner, cli):
    result = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "--year", "2025", LANGSON)
    assert result.exit_code == 0, result.output
    lines = result.stdout.splitlines()
    assert lines[2] == "Năm: 2025 · Đối tượng: Công chức, viên chức, người lao động trong cơ quan (một dòng cho mỗi người)"
    rows = {line.split()[0]: line for line in lines[6:] if line and not line.startswith(" ")}
    assert "≥ 60% (12/20)  13/20 = 65%     đạt" in rows["cdht"]
    assert "≥ 70% (10/13)  10/13 = 76,92%  đạt" in rows["ky-nang-so"]   # the decimal comma
    assert "≥ 60% (6/10)   6/10 = 60%      đạt" in rows["thanh-thao-ky-nang-so"]
    assert lines[-1] == ("đã đọc 20 hồ sơ: 20 được tính, 0 bị loại; "
                         "'Danh hiệu Công dân học tập' được chấm theo bộ tiêu chí Công dân học tập (Quyết định 324/QĐ-KHVN) cho 5 hồ sơ")


def test_json_contract_2030_and_check(runner, cli):
    result = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2030", LANGSON, "--format", "json", "--check")
    assert result.exit_code == 1  # targets not met
    report = json.loads(result.stdout)
    assert report["year"] == 2030
    first = report["targets"][0]
    assert set(first) >= {"id", "label", "met", "required_pct", "actual_pct", "numerator", "denominator", "gap"}
    figures = [(t["id"], t["met"], t["required_pct"], t["actual_pct"], t["numerator"], t["denominator"], t["gap"])
               for t in report["targets"]]
    assert figures == [("cdht", False, 80, 65.0, 13, 20, 3),
                       ("ky-nang-so", False, 90, 76.92, 10, 13, 2),
                       ("thanh-thao-ky-nang-so", False, 80, 60.0, 6, 10, 2)]
    assert "20 records read" not in result.stdout and "đã đọc 20 hồ sơ" in result.stderr


def test_check_passes_when_every_target_is_met(runner, cli):
    result = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", "--check", LANGSON)
    assert result.exit_code == 0


def test_unknown_year_exits_2_and_lists_the_years(runner, cli):
    result = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2027", LANGSON)
    assert result.exit_code == 2
    assert result.stderr == ("lỗi: gói mục tiêu 'muc-tieu-langson-stnmt-2024' không có mục tiêu cho năm 2027: các năm có "
                             "mục tiêu là 2025, 2030; chọn một năm bằng --year\n")


def test_without_year_the_next_target_year_is_used_and_said(runner, cli):
    import datetime as dt
    result = goals(runner, cli, "-g", "muc-tieu-qd1373", str(EXAMPLES / "goals" / "muc-tieu-qd1373.csv"))
    expected = 2025 if dt.date.today().year <= 2025 else 2030
    assert result.exit_code == 0, result.output
    assert f"năm: {expected} (năm mục tiêu gần nhất từ hôm nay" in result.stderr
    assert f"Năm: {expected} ·" in result.stdout


@pytest.mark.parametrize("args,message", [
    (["-g", "muc-tieu-langson", LANGSON], "không có gói mục tiêu 'muc-tieu-langson' (có phải là 'muc-tieu-langson-stnmt-2024'?)"),
    (["-g", "criteria/cong-dan-hoc-tap.yaml", LANGSON], "đây là một bộ tiêu chí, không phải gói mục tiêu"),
    (["-g", "muc-tieu-qd677", "-y", "2025", "missing.csv"], "missing.csv: không đọc được tệp"),
])
def test_errors_exit_2_without_traceback(runner, cli, args, message):
    import os
    from conftest import ROOT
    os.chdir(ROOT)
    result = goals(runner, cli, *args)
    assert result.exit_code == 2 and message in result.stderr and "Traceback" not in result.output


def test_missing_column_and_empty_population_are_explained(runner, cli, tmp_path):
    no_skills = tmp_path / "staff.csv"
    no_skills.write_text("id,cong_dan_hoc_tap\nA,dat\nB,chua_dat\n", encoding="utf-8")
    result = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(no_skills), "--lang", "en")
    assert result.exit_code == 0
    assert ("- ky-nang-so: not evaluable: the 1 record in the population lacks 'ky_nang_so' "
            "(Has the digital skills the job needs): add the column or fill it in") in result.stdout
    assert "- thanh-thao-ky-nang-so: not evaluable: no record could be placed in the population" in result.stdout
    assert goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", "--check", str(no_skills)).exit_code == 1
    empty = tmp_path / "empty.csv"
    empty.write_text("id,cong_dan_hoc_tap,ky_nang_so\n", encoding="utf-8")
    result = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(empty), "-f", "json")
    statuses = [t["status"] for t in json.loads(result.stdout)["targets"]]
    assert statuses == ["not_evaluable"] * 3 and result.exit_code == 0


def test_a_staff_list_without_its_header_row_is_not_quoted_in_the_warnings(runner, cli, tmp_path):
    # the 'headers not recognised' were the first person's values: name, phone, ID card number
    person = ("Nguyễn Bí Mật", "0912345678", "001161012345")
    staff = tmp_path / "staff.csv"
    staff.write_text(f"VP-001,{','.join(person)},cong_chuc,có\nVP-002,Trần An,0987654321,001170099999,cong_chuc,có\n",
                     encoding="utf-8")
    result = goals(runner, cli, "-g", "muc-tieu-laichau-vp-2026-2030", "-y", "2026", str(staff), "--lang", "en")
    assert "is the header row missing?" in result.output
    assert not any(value in result.output for value in person), result.output


def test_rejected_rows_are_listed_and_exit_1(runner, cli, tmp_path):
    staff = tmp_path / "staff.csv"
    staff.write_text("id,cong_dan_hoc_tap,ky_nang_so\nA,dat,có\nB,maybe,có\nA,dat,không\n", encoding="utf-8")
    result = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(staff), "--lang", "en")
    assert result.exit_code == 1
    assert "'cong_dan_hoc_tap' is 'maybe', which is not one of dat, chua_dat" in result.stdout
    assert "id 'A' repeats" in result.stdout
    assert result.stdout.rstrip().endswith("3 records read: 1 evaluated, 2 rejected")


@pytest.mark.parametrize("path", GOAL_EXAMPLES, ids=[p.stem for p in GOAL_EXAMPLES])
def test_every_goal_example_runs_cleanly_for_every_year(runner, cli, path):
    for year in shipped_goals()[path.stem].pack.years():
        result = goals(runner, cli, "-g", path.stem, "-y", str(year), str(path), "-f", "json")
        assert result.exit_code == 0, result.output
        assert json.loads(result.stdout)["counts"]["rejected"] == 0


def test_every_goal_pack_has_an_example(runner, cli):
    assert {p.stem for p in GOAL_EXAMPLES} == set(shipped_goals())
    listing = runner.invoke(cli, ["goal-packs"])
    for goal_id in shipped_goals():
        assert goal_id in listing.stdout


def test_validate_accepts_goal_packs_by_id(runner, cli):
    result = runner.invoke(cli, ["validate", "muc-tieu-qd387"])
    assert result.exit_code == 0 and f"muc-tieu-qd387 {QD387_VERSION}, 15 mục tiêu, tạm thời (gói mục tiêu)" in result.stdout


def test_counts_and_shares_are_written_as_vietnamese_documents_write_them(runner, cli, tmp_path):
    """A department of 1,200: 'đã đọc 1.200 hồ sơ', '840/1.200 = 70%'; in English 1,200 and a decimal point."""
    lines = ["id,phong,cong_dan_hoc_tap,ky_nang_so,thanh_thao_ky_nang_so"]
    lines += [f"NV-{i:04d},Phòng {i % 7},{'dat' if i % 10 < 7 else 'chua_dat'},{'có' if i % 3 else 'không'},có"
              for i in range(1200)]
    staff = tmp_path / "nhan-su.csv"
    staff.write_text("\n".join(lines) + "\n", encoding="utf-8")
    vi = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "--year", "2025", str(staff))
    assert vi.exit_code == 0, vi.output
    assert "đã đọc 1.200 hồ sơ: 1.200 được tính, 0 bị loại" in vi.output
    assert "840/1.200 = 70%" in vi.output and "≥ 60% (720/1.200)" in vi.output
    assert "Năm: 2025" in vi.output   # a year is never written 2.025
    en = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "--year", "2025", "--lang", "en", str(staff))
    assert "1,200 records read: 1,200 evaluated, 0 rejected" in en.output and "840/1,200 = 70%" in en.output
    assert json.loads(goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "--year", "2025", "-f", "json",
                            str(staff)).stdout)["counts"]["read"] == 1200   # JSON keeps the number


def test_every_file_written_is_confirmed_and_its_extension_chooses_the_format(runner, cli, tmp_path):
    # as 'score -o': -o plan.json was the text table under a .json name, and only the workbook was confirmed
    as_json, as_text = tmp_path / "ke-hoach.json", tmp_path / "ke-hoach.txt"
    for out in (as_json, as_text):
        result = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", LANGSON, "-o", str(out))
        assert result.exit_code == 0, result.output
        assert f"đã ghi {out}" in result.stderr and "Năm: 2025" in result.stdout   # the screen keeps --format
    assert json.loads(as_json.read_text(encoding="utf-8"))["year"] == 2025
    assert "≥ 60% (12/20)" in as_text.read_text(encoding="utf-8")
    english = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", LANGSON, "-f", "json",
                    "-o", str(tmp_path / "plan.txt"), "--lang", "en")
    assert english.exit_code == 0 and f"wrote {tmp_path / 'plan.txt'}" in english.stderr
    assert json.loads((tmp_path / "plan.txt").read_text(encoding="utf-8"))["year"] == 2025   # --format, as score


def test_the_workbook_confirmation_counts_the_targets_of_every_year(runner, cli, tmp_path):
    # it said "1 mục tiêu" for 2026 + 2030: only 2026's one target (the standards) was counted, not 2030's ten
    out = tmp_path / "son-hong.xlsx"
    result = goals(runner, cli, "-g", "muc-tieu-son-hong-2026-2030", "-y", "2026", "-y", "2030",
                   str(EXAMPLES / "goals" / "muc-tieu-son-hong-2026-2030.csv"), "-o", str(out))
    assert result.exit_code == 0, result.output
    assert f"đã ghi {out} (10 mục tiêu, năm 2026, 2030)" in result.stderr


@pytest.mark.parametrize("name", ["ke-hoach.csv", "ke-hoach.docx", "ke-hoach.pdf", "ke-hoach"])
def test_an_output_goals_cannot_write_is_refused_before_reading(runner, cli, tmp_path, name):
    result = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", "chua-co.csv",
                   "-o", str(tmp_path / name))
    assert result.exit_code == 2 and "Traceback" not in result.output, result.output
    assert ".json, .txt, .xlsx" in result.stderr or "PDF" in result.stderr
    assert "chua-co.csv" not in result.stderr and not list(tmp_path.iterdir())   # refused before any record was read


def test_every_row_rejected_stays_in_the_denominator_and_the_header_is_named(runner, cli, tmp_path):
    # all rows rejected read as 'no record (denominator 0)', against the rule that a rejected row stays in it
    staff = tmp_path / "gh.csv"
    staff.write_text("id,Kết quả CDHT\nA,dat\nB,dat\n", encoding="utf-8")
    result = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(staff), "-f", "json")
    assert result.exit_code == 1, result.output
    cdht = next(t for t in json.loads(result.stdout)["targets"] if t["id"] == "cdht")
    assert (cdht["status"], cdht["numerator"], cdht["denominator"]) == ("undetermined", 0, 2)
    assert (cdht["actual_pct"], cdht["upper_pct"]) == (0, 100)
    table = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(staff))
    assert "0/2 = 0% … 2/2 = 100%" in table.stdout and "mẫu số 0" not in table.stdout
    # the cause, said once: the column the targets need, the headers it is read from, the one not recognised
    said = [line for line in table.stderr.splitlines() if "'cong_dan_hoc_tap'" in line]
    assert len(said) == 1, table.stderr
    assert "CDHT" in said[0] and "Danh hiệu CDHT" in said[0] and "'Kết quả CDHT'" in said[0]
    english = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(staff), "--lang", "en")
    assert "no file has a column" in english.stderr and "'Kết quả CDHT'" in english.stderr


def test_a_column_given_by_the_criteria_pack_s_own_columns_is_not_missing(runner, cli, tmp_path):
    # cong_dan_hoc_tap scored on the way from the indicator columns: nothing to say about its header
    staff = tmp_path / "staff.csv"
    staff.write_text("id,group,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2,Kỹ năng số,thanh_thao_ky_nang_so\n"
                     "A,1,9,9,9,9,9,9,9,9,9,9,có,có\n", encoding="utf-8")
    result = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(staff))
    assert result.exit_code == 0 and "cảnh báo" not in result.stderr, result.output
    assert "1/1 = 100%" in result.stdout


def test_a_provisional_goal_pack_is_marked_in_the_reader_s_language_only(runner, cli, tmp_path):
    """Before, the Vietnamese heading ended '[TẠM THỜI (provisional)]', English in a Vietnamese
    document, on screen and in the workbook; English readers get the English word alone."""
    import openpyxl
    qd387 = str(EXAMPLES / "goals" / "muc-tieu-qd387.csv")
    heading = goals(runner, cli, "--goals", "muc-tieu-qd387", qd387).stdout.splitlines()[0]
    assert heading.endswith(f"muc-tieu-qd387 {QD387_VERSION} [TẠM THỜI]")
    english = runner.invoke(cli, ["--lang", "en", "goals", "--goals", "muc-tieu-qd387", qd387]).stdout.splitlines()[0]
    assert english.endswith(f"muc-tieu-qd387 {QD387_VERSION} [PROVISIONAL]")
    out = tmp_path / "g.xlsx"
    assert goals(runner, cli, "--goals", "muc-tieu-qd387", qd387, "-o", str(out)).exit_code == 0
    cells = [c for row in openpyxl.load_workbook(out).worksheets[0].iter_rows(values_only=True) for c in row
             if isinstance(c, str)]
    assert any(c.endswith("[TẠM THỜI]") for c in cells) and not any("provisional" in c for c in cells)


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_a_pack_given_to_the_other_command_is_named_for_what_it_is(runner, cli, lang):
    """An office head types the criteria pack's id as the goal pack (or the reverse): told which
    command takes it, not only that no pack of that name exists."""
    wrong = runner.invoke(cli, ["--lang", lang, "goals", "-g", "cong-dan-hoc-tap", LANGSON])
    assert wrong.exit_code == 2
    assert wrong.stderr.strip() == {
        "vi": "lỗi: 'cong-dan-hoc-tap' là một bộ tiêu chí, không phải gói mục tiêu: dùng nó với 'hoctap score "
              "--criteria cong-dan-hoc-tap' ('hoctap goal-packs' liệt kê các gói mục tiêu)",
        "en": "error: 'cong-dan-hoc-tap' is a criteria pack, not a goal pack: use it with 'hoctap score --criteria "
              "cong-dan-hoc-tap' ('hoctap goal-packs' lists the goal packs)"}[lang]
    reverse = runner.invoke(cli, ["--lang", lang, "score", "-c", "muc-tieu-qd1373", LANGSON])
    assert reverse.exit_code == 2
    assert reverse.stderr.strip().endswith({
        "vi": "'muc-tieu-qd1373' là một gói mục tiêu, không phải bộ tiêu chí: dùng nó với 'hoctap goals --goals "
              "muc-tieu-qd1373' ('hoctap packs' liệt kê các bộ tiêu chí)",
        "en": "'muc-tieu-qd1373' is a goal pack, not a criteria pack: use it with 'hoctap goals --goals "
              "muc-tieu-qd1373' ('hoctap packs' lists the criteria packs)"}[lang]), reverse.stderr
    unknown = runner.invoke(cli, ["goals", "-g", "khong-co", LANGSON])   # a name of neither kind: as before
    assert unknown.exit_code == 2 and "không có gói mục tiêu 'khong-co'" in unknown.stderr


def _langson_rows() -> list[dict]:
    """The Lạng Sơn example staff file's rows, as dicts."""
    import csv
    with open(LANGSON, encoding="utf-8") as f:
        return list(csv.DictReader(f))


def _staff_file(tmp_path, rows: list[dict], suffix: str = ".csv"):
    """``rows`` as can-bo.csv (a usual CSV file, read the quick way), .json or .xlsx (read row by row, the
    general way; a workbook holds a number as a number)."""
    import csv
    import openpyxl
    path = tmp_path / f"can-bo{suffix}"
    if suffix == ".json":
        path.write_text(json.dumps(rows, ensure_ascii=False), encoding="utf-8")
    elif suffix == ".xlsx":
        wb = openpyxl.Workbook()
        wb.active.append(list(rows[0]))
        for row in rows:
            wb.active.append(list(row.values()))
        wb.save(path)
    else:
        with open(path, "w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=list(rows[0]))
            writer.writeheader()
            writer.writerows(rows)
    return path


def _staff_with_notes(tmp_path, suffix):
    """The Lạng Sơn staff, with a 'Ghi chú' column: STNMT-003 retired in July, STNMT-008 transferred."""
    notes = {"STNMT-003": "nghỉ hưu từ 01/7/2025", "STNMT-008": "chuyển công tác"}
    return _staff_file(tmp_path, [{**row, "Ghi chú": notes.get(row["id"], "")} for row in _langson_rows()], suffix)


@pytest.mark.parametrize("suffix", [".csv", ".json"])
@pytest.mark.parametrize("lang, said", [
    ("vi", "cảnh báo: 2 hồ sơ có ghi chú ở cột 'Ghi chú' (STNMT-003: nghỉ hưu từ 01/7/2025; STNMT-008: chuyển công tác) "
           "vẫn được tính như mọi hồ sơ, kể cả vào mẫu số: cột này không được đọc, và văn bản của các mục tiêu không nói "
           "người nghỉ hưu, chuyển công tác hay nghỉ dài hạn trong năm có được tính hay không; nếu đơn vị không tính họ, "
           "bỏ các dòng đó khỏi tệp"),
    ("en", "warning: 2 records have a note in column 'Ghi chú' (STNMT-003: nghỉ hưu từ 01/7/2025; STNMT-008: chuyển công "
           "tác) and are counted as every record is, denominators included: the column is not read, and the targets' "
           "texts do not say whether people retired, transferred or on long leave during the year count; if the office "
           "does not count them, remove their rows from the file")])
def test_a_retired_or_transferred_person_noted_in_the_file_is_counted_and_said_so(runner, cli, tmp_path, lang, said, suffix):
    """No plan nor pack says whether people who retired, left or are on long leave count: the tool invents no
    rule (they stay in the denominator, 20 people) but no longer counts a 'Ghi chú: nghỉ hưu' silently."""
    result = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(_staff_with_notes(tmp_path, suffix)),
                   "-f", "json", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert said in result.stderr.splitlines()
    report = json.loads(result.stdout)
    assert report["warnings"] == [said.split(": ", 1)[1]]
    assert report["targets"][0]["denominator"] == 20
    plain = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", LANGSON, "-f", "json")
    assert json.loads(plain.stdout)["warnings"] == []   # no notes column, nothing said


@pytest.mark.parametrize("lang, missing", [
    ("vi", "cảnh báo: không tệp nào có cột 'ky_nang_so' (Có kỹ năng số đáp ứng yêu cầu công việc) mà mục tiêu "
           "ky-nang-so, thanh-thao-ky-nang-so cần; tiêu đề được nhận: 'ky_nang_so', 'Có kỹ năng số đáp ứng yêu cầu "
           "công việc', 'Kỹ năng số', 'Ky nang so', 'Có kỹ năng số', 'Co ky nang so'; tệp có cột không nhận ra: 'Họ tên'"),
    ("en", "warning: no file has a column 'ky_nang_so' (Has the digital skills the job needs), which targets "
           "ky-nang-so, thanh-thao-ky-nang-so need; accepted headers: 'ky_nang_so', 'Có kỹ năng số đáp ứng yêu cầu "
           "công việc', 'Kỹ năng số', 'Ky nang so', 'Có kỹ năng số', 'Co ky nang so'; the file's headers not "
           "recognised: 'Họ tên'")])
def test_a_notes_column_is_named_once_when_a_targets_column_is_missing(runner, cli, tmp_path, lang, missing):
    """A file without the digital skills column, with a 'Ghi chú' column: the warning of the missing column
    listed 'Ghi chú' among the headers not recognised (as if it could be the column the targets need) and
    the notes warning named it again. Now only the notes warning names it, with the rows that write in it;
    the other headers not recognised are still listed, where one may be the missing column misspelt."""
    path = tmp_path / "can-bo.csv"
    path.write_text("id,Họ tên,cong_dan_hoc_tap,Ghi chú\nA,An,dat,nghỉ hưu\nB,Bình,chua_dat,\n", encoding="utf-8")
    result = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(path), "--lang", lang)
    assert result.exit_code == 0, result.output
    warned = [line for line in result.stderr.splitlines() if line.startswith(("cảnh báo: ", "warning: "))]
    assert warned[0] == missing and len(warned) == 3
    assert [line.count("'Ghi chú'") for line in warned] == [0, 0, 1]
    assert warned[2].startswith(("cảnh báo: 1 hồ sơ có ghi chú ở cột 'Ghi chú' (A: nghỉ hưu)",
                                 "warning: 1 record has a note in column 'Ghi chú' (A: nghỉ hưu)"))


def _staff_of_two_years(tmp_path, suffix):
    """The Lạng Sơn staff (20 people) listed for 2024 and again for 2025 in one file, with a 'Năm' column
    (as an .xlsx holds it: a number; as a CSV: a text)."""
    rows = _langson_rows()
    return _staff_file(tmp_path, [{**row, "id": f"{row['id']}-{year}", "Năm": year} for year in (2024, 2025)
                                  for row in rows], suffix)


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("lang, said", [
    ("vi", "cảnh báo: cột 'Năm' ghi 2 năm khác nhau (2024: 20 dòng; 2025: 20 dòng): báo cáo đếm mọi dòng như một danh "
           "sách, nên người có dòng ở hai năm được tính hai lần, kể cả vào mẫu số; nếu tệp gộp danh sách của nhiều năm, "
           "hãy chỉ giữ các dòng của năm cần báo cáo (hoặc tách mỗi năm một tệp)"),
    ("en", "warning: column 'Năm' holds 2 different years (2024: 20 rows; 2025: 20 rows): the report counts every row "
           "as one list, so a person with a row in two years is counted twice, denominators included; if the file joins "
           "several years' lists, keep only the rows of the year to report (or split it into one file a year)")])
def test_a_file_joining_two_years_lists_is_counted_as_one_and_said_so(runner, cli, tmp_path, lang, said, suffix):
    """A staff list of 2024 and of 2025 in one file doubled the denominator (40 for 20 people) without a word.
    The tool cannot know which year's row is the one to count (the target year is not the year measured), so
    it counts the rows as given and says which years the column holds, with their rows."""
    result = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(_staff_of_two_years(tmp_path, suffix)),
                   "-f", "json", "--lang", lang)
    assert result.exit_code == 0, result.output
    assert said in result.stderr.splitlines()
    report = json.loads(result.stdout)
    assert report["warnings"] == [said.split(": ", 1)[1]]
    assert report["targets"][0]["denominator"] == 40


def test_a_year_column_of_one_year_is_not_warned(runner, cli, tmp_path):
    path = _staff_file(tmp_path, [{**row, "Năm đánh giá": "2025"} for row in _langson_rows()])
    result = goals(runner, cli, "-g", "muc-tieu-langson-stnmt-2024", "-y", "2025", str(path), "-f", "json")
    assert result.exit_code == 0, result.output
    assert json.loads(result.stdout)["warnings"] == []
