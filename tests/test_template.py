"""`hoctap template`: a workbook per pack whose filled rows score without a single rejection."""
from __future__ import annotations

import json

import openpyxl
import pytest

from scoring.authoring.template import DATA_SHEET, FIRST_ROW, HEADER_ROW, HELP_SHEET, LISTS_SHEET, columns
from scoring.packs.catalog import shipped_packs
from scoring.records.headers import header_key
from scoring.records.validate import RecordValidator

PACKS = sorted(shipped_packs())


def _offered(book, ws, column: int) -> list[str]:
    """The texts the drop-down of a column offers, read from the workbook itself."""
    letter = openpyxl.utils.get_column_letter(column)
    for dv in ws.data_validations.dataValidation:
        if any(str(r).startswith(f"{letter}{FIRST_ROW}:") for r in dv.sqref.ranges):
            if dv.type != "list":
                return []
            formula = dv.formula1
            if formula.startswith('"'):
                return formula.strip('"').split(",")
            sheet, cells = formula.split("!")
            lists = book[sheet.strip("'")]
            first, last = (int(c.split("$")[-1]) for c in cells.split(":"))
            return [lists.cell(r, column).value for r in range(first, last + 1)]
    return []


def _validation(ws, column: int):
    letter = openpyxl.utils.get_column_letter(column)
    found = [dv for dv in ws.data_validations.dataValidation
             if any(str(r) == f"{letter}{FIRST_ROW}:{letter}{FIRST_ROW + 1999}" for r in dv.sqref.ranges)]
    return found[0] if found else None


def _fill(path, pack) -> int:
    """Fill the template as a secretary would: every drop-down choice used at least once, numbers
    at both ends of their range. Returns the number of rows written."""
    book = openpyxl.load_workbook(path)
    ws = book[DATA_SHEET]
    headers = [c.value for c in ws[HEADER_ROW]]
    offered = {j: _offered(book, ws, j) for j in range(2, len(headers) + 1)}
    rows = max([3] + [len(v) for v in offered.values()])
    for i in range(rows):
        row = FIRST_ROW + i
        ws.cell(row, 1, f"HS-{i + 1:03d}")
        for j, inp in enumerate(pack.inputs, start=2):
            if inp.type in ("boolean", "choice"):
                ws.cell(row, j, offered[j][i % len(offered[j])])
            else:
                low = inp.min if inp.min is not None else 0
                high = inp.max if inp.max is not None else low + 10
                ws.cell(row, j, [high, low, (low + high) / 2][i % 3])
    book.save(path)
    return rows


@pytest.mark.parametrize("pack_id", PACKS)
def test_a_filled_template_scores_without_rejection(runner, cli, tmp_path, pack_id):
    path = tmp_path / "mau.xlsx"
    made = runner.invoke(cli, ["template", "-c", pack_id, "-o", str(path)])
    assert made.exit_code == 0, made.output
    assert str(path) in made.output
    pack = shipped_packs()[pack_id].pack
    n = _fill(path, pack)
    scored = runner.invoke(cli, ["score", "-c", pack_id, str(path), "-f", "jsonl"])
    assert scored.exit_code == 0, scored.output
    results = [json.loads(line) for line in scored.stdout.splitlines()]
    assert len(results) == n and all("error" not in r for r in results), scored.output
    assert [r["id"] for r in results] == [f"HS-{i + 1:03d}" for i in range(n)]
    # the only note is the title rows skipped: no loose header, no joined header, no other table
    notes = [line for line in scored.stderr.splitlines() if line.startswith("cảnh báo") and "TẠM THỜI" not in line]
    assert len(notes) == 1 and "bỏ qua 2 dòng phía trên dòng tiêu đề cột" in notes[0], notes


@pytest.mark.parametrize("pack_id", PACKS)
def test_template_columns_lists_ranges_and_instructions(tmp_path, runner, cli, pack_id):
    path = tmp_path / "mau.xlsx"
    assert runner.invoke(cli, ["template", "-c", pack_id, "-o", str(path)]).exit_code == 0
    pack = shipped_packs()[pack_id].pack
    book = openpyxl.load_workbook(path)
    assert book.sheetnames == [DATA_SHEET, LISTS_SHEET, HELP_SHEET]
    assert book[LISTS_SHEET].sheet_state == "hidden"
    ws = book[DATA_SHEET]
    assert ws.freeze_panes == f"B{FIRST_ROW}"
    headers = [c.value for c in ws[HEADER_ROW]]
    validator = RecordValidator(pack)
    # exactly the id and one column per input, each read back as that input; a pack that warns records
    # assessed after a day (the district tier) has the assessment year last, read by the date rules
    assert validator.columns.get(header_key(headers[0])) == "id"
    n = len(pack.inputs)
    assert [validator.columns.get(header_key(h)) for h in headers[1:n + 1]] == [f"f{i}" for i in range(n)]
    assert headers[n + 1:] == (["Năm đánh giá"] if pack.warn_after else [])
    for j, inp in enumerate(pack.inputs, start=2):
        dv = _validation(ws, j)
        assert dv is not None, inp.name
        if inp.type == "boolean":
            assert dv.type == "list" and _offered(book, ws, j) == ["có", "không"]
        elif inp.type == "choice":
            assert dv.type == "list" and len(_offered(book, ws, j)) == len(inp.choices)
        elif inp.min is not None and inp.max is not None:
            assert (dv.type, dv.operator, float(dv.formula1), float(dv.formula2)) == ("decimal", "between", inp.min, inp.max)
        assert ws.cell(HEADER_ROW, j).comment is not None
    assert _validation(ws, 1) is None   # the id is free text
    help_text = "\n".join(str(c.value) for row in book[HELP_SHEET].iter_rows() for c in row if c.value)
    for col in columns(pack)[1:]:
        assert col.citation and col.citation in help_text, col.header
    assert pack.reference.document in help_text and "Để trống" in help_text


def test_the_choice_offered_is_the_choice_read(tmp_path):
    """Every text a drop-down offers maps back to its own choice code (not merely to some choice)."""
    from scoring.records.validate import value_parser
    for pack_id in PACKS:
        pack = shipped_packs()[pack_id].pack
        for inp in pack.inputs:
            if inp.type != "choice":
                continue
            from scoring.records.headers import choice_texts
            assert [value_parser(inp)(t) for t in choice_texts(inp)] == [c.code for c in inp.choices], inp.name


def test_never_overwrites_and_names_the_default(runner, cli, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    first = runner.invoke(cli, ["template", "-c", "cong-dan-hoc-tap"])
    assert first.exit_code == 0, first.output
    made = tmp_path / "mau-nhap-cong-dan-hoc-tap.xlsx"
    before = made.read_bytes()
    again = runner.invoke(cli, ["template", "-c", "cong-dan-hoc-tap"])
    assert again.exit_code == 2 and "không ghi đè" in again.output and "Traceback" not in again.output
    assert made.read_bytes() == before
    wrong = runner.invoke(cli, ["template", "-c", "cong-dan-hoc-tap", "-o", "mau.csv"])
    assert wrong.exit_code == 2 and ".xlsx" in wrong.output and not (tmp_path / "mau.csv").exists()


def test_an_empty_template_reads_as_no_records(runner, cli, tmp_path):
    path = tmp_path / "mau.xlsx"
    runner.invoke(cli, ["template", "-c", "don-vi-hoc-tap-tt24-tinh", "-o", str(path)])
    result = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt24-tinh", str(path)])
    assert result.exit_code == 0 and "đã đọc 0 hồ sơ" in result.output


def test_a_pack_file_given_by_path_round_trips(runner, cli, tmp_path):
    from conftest import ROOT
    from scoring import resolve_pack
    pack_file = str(ROOT / "tests" / "valid_base_pack.yaml")
    path = tmp_path / "mau.xlsx"
    made = runner.invoke(cli, ["template", "-c", pack_file, "-o", str(path)])
    assert made.exit_code == 0 and f"hoctap score -c {pack_file} {path}" in made.output
    n = _fill(path, resolve_pack(pack_file).pack)
    scored = runner.invoke(cli, ["score", "-c", pack_file, str(path), "-f", "jsonl"])
    assert scored.exit_code == 0 and len(scored.stdout.splitlines()) == n, scored.output


def _case_per_outcome(loaded) -> dict[str, dict]:
    """One hand-written case record (criteria/cases/PACK.yaml) per outcome the pack gives: the first
    single record, scored on any day, whose values are all columns of the template."""
    from scoring.authoring.casetest import load_cases
    names = {inp.name for inp in loaded.pack.inputs}
    found: dict[str, dict] = {}
    for lc in load_cases(loaded):
        case = lc.case
        if case.skip or case.record is None or case.as_of or case.expect.outcome is None:
            continue
        if set(case.record) - {"id"} <= names:
            found.setdefault(case.expect.outcome, case.record)
    return found


def _as_typed(inp, value):
    """What a secretary puts in the cell for a case's value: the drop-down's text, or the number."""
    from scoring.records.headers import choice_texts
    if value is None:
        return None
    if inp.type == "boolean":
        return "có" if value else "không"
    if inp.type == "choice":
        return choice_texts(inp)[[c.code for c in inp.choices].index(value)]
    return value


@pytest.mark.parametrize("pack_id", PACKS)
def test_a_template_filled_with_the_packs_cases_reaches_each_outcome(runner, cli, tmp_path, pack_id):
    """The round trip a council does: the template filled, through its drop-downs, with one record per
    outcome (taken from the pack's own test cases), scores each record to the outcome its case expects."""
    loaded = shipped_packs()[pack_id]
    cases = _case_per_outcome(loaded)
    assert set(cases) == set(loaded.pack.outcome_codes), f"no case for {set(loaded.pack.outcome_codes) - set(cases)}"
    path = tmp_path / "mau.xlsx"
    assert runner.invoke(cli, ["template", "-c", pack_id, "-o", str(path)]).exit_code == 0
    book = openpyxl.load_workbook(path)
    ws = book[DATA_SHEET]
    for i, (outcome, record) in enumerate(sorted(cases.items())):
        ws.cell(FIRST_ROW + i, 1, outcome)
        for j, inp in enumerate(loaded.pack.inputs, start=2):
            typed = _as_typed(inp, record.get(inp.name))
            if inp.type in ("boolean", "choice") and typed is not None:
                assert typed in _offered(book, ws, j), (inp.name, typed)
            ws.cell(FIRST_ROW + i, j, typed)
    book.save(path)
    scored = runner.invoke(cli, ["score", "-c", pack_id, str(path), "-f", "jsonl"])
    assert scored.exit_code == 0, scored.output
    assert {r["id"]: r["outcome"] for r in map(json.loads, scored.stdout.splitlines())} == {o: o for o in cases}


@pytest.mark.parametrize("pack_id", PACKS)
def test_the_instructions_name_indicators_as_the_circular_does_not_by_code(tmp_path, runner, cli, pack_id):
    """Every sentence a secretary reads (the description row, each header's note, the instructions
    sheet) names an indicator by its number ('Tiêu chí 2, chỉ tiêu 1 (Mức độ 1)'), never its code
    (tc2_ct1_md1), and says how to write a number in one plain phrase."""
    path = tmp_path / "mau.xlsx"
    assert runner.invoke(cli, ["template", "-c", pack_id, "-o", str(path)]).exit_code == 0
    pack = shipped_packs()[pack_id].pack
    book = openpyxl.load_workbook(path)
    ws = book[DATA_SHEET]
    texts = [str(c.value) for c in ws[2] if c.value] + [c.comment.text for c in ws[HEADER_ROW] if c.comment]
    texts += [str(c.value) for row in book[HELP_SHEET].iter_rows() for c in row[1:] if c.value]
    codes = {i.id for i in pack.indicators if "_" in i.id}
    for text in texts:
        assert not any(code in text for code in codes), text
        assert "một số một số" not in text, text
