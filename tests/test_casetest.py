"""`hoctap test`: named cases run like a compiler's checks, rule coverage, inherited cases."""
from pathlib import Path

import pytest

from conftest import ROOT
from scoring import CriteriaError, CriteriaErrors, load_pack, shipped_packs
from scoring.authoring.casetest import coverage_lines, failure_lines, load_cases, summary_line, test_pack
from scoring.authoring.coverage import reachable_targets
from scoring.engine.adapter import RulesEngine

BASE = ROOT / "tests" / "valid_base_pack.yaml"

GOOD_CASE = """\
  - name: "16 points with every indicator met is Đạt"
    record: {"1.1": 8, "1.2": 8, danh_hieu: tien_tien}
    expect: {outcome: dat, total: 16}
"""
WRONG_CASE = """\
  - name: "15.5 points is wrongly expected to be Đạt"
    record: {"1.1": 8, "1.2": 7.5, danh_hieu: tien_tien}
    expect:
      outcome: dat
      total: 15.5
      indicators:
        "1.2": {status: met, points: 7}
"""


def make_pack(tmp_path, cases: str, name="thu-nghiem.yaml", pack_text=None) -> Path:
    pack = tmp_path / name
    pack.write_text(pack_text or BASE.read_text(encoding="utf-8"), encoding="utf-8")
    (tmp_path / "cases").mkdir(exist_ok=True)
    (tmp_path / "cases" / f"{Path(name).stem}.yaml").write_text(f"pack: {Path(name).stem}\ncases:\n{cases}", encoding="utf-8")
    return pack


@pytest.fixture(scope="module")
def engine():
    return RulesEngine()


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_every_shipped_pack_passes_its_cases_with_full_coverage(pack_id, engine):
    report = test_pack(shipped_packs()[pack_id], engine=engine)
    assert report.results and not report.failed, failure_lines(report)
    assert report.coverage == 100.0, coverage_lines(report)


def test_a_failing_case_is_reported_like_a_compiler_error(tmp_path, engine):
    pack = make_pack(tmp_path, GOOD_CASE + WRONG_CASE)
    report = test_pack(load_pack(pack), engine=engine)
    lines = failure_lines(report)
    where = f"{tmp_path / 'cases' / 'thu-nghiem.yaml'}:6"
    assert lines[0] == f'{where}: tình huống "15.5 points is wrongly expected to be Đạt": cần kết quả \'dat\', nhưng nhận được \'chua_dat\''
    assert lines[1] == f'{where}: tình huống "15.5 points is wrongly expected to be Đạt": chỉ số 1.2: cần 7 điểm, nhưng nhận được 7,5'
    assert len([line for line in lines if line.startswith(where)]) == 2   # the right total is no failure
    assert "    Kết quả: Chưa đạt (chua_dat)" in lines          # then the explanation, indented
    assert summary_line(report) == "thu-nghiem: 2 tình huống: 1 đúng, 1 sai"


def test_coverage_lists_what_no_case_reaches(tmp_path, engine):
    pack = make_pack(tmp_path, GOOD_CASE + WRONG_CASE)
    report = test_pack(load_pack(pack), engine=engine)
    # 1.1 and 1.2 are required (no 'missing') and have no applies_to (no 'not_applicable');
    # dh reads an optional input, so it can be missing
    assert [t.rule for t in report.targets] == ["1.1__met", "1.1__not_met", "1.2__met", "1.2__not_met", "dh__met",
                                                "dh__not_met", "dh__missing", "band__dat", "band__chua_dat"]
    assert [t.rule for t in report.uncovered] == ["1.1__not_met", "1.2__not_met", "dh__not_met", "dh__missing"]
    lines = coverage_lines(report)
    assert lines[0] == f"{pack}:22: criteria[0].indicators[0]: chưa tình huống nào đi tới 1.1__not_met"
    assert lines[-1] == "thu-nghiem: độ phủ 55,6% (đi tới 5 trên 9 kết quả của quy tắc)"


def test_rejections_and_as_of(tmp_path, engine):
    cases = GOOD_CASE + """\
  - name: "11 points on 1.1 is rejected"
    record: {"1.1": 11, "1.2": 8}
    expect: {rejected: "above the maximum 10"}
  - name: "a day before the pack applies"
    as_of: 2023-10-24
    record: {"1.1": 8, "1.2": 8}
    expect: {rejected: "the pack does not apply on 2023-10-24: it applies from 2023-10-25 on"}
  - name: "a rejection expected but the record scores"
    record: {"1.1": 8, "1.2": 8}
    expect: {rejected: "above the maximum"}
"""
    report = test_pack(load_pack(make_pack(tmp_path, cases)), engine=engine)
    assert [r.case.case.name for r in report.failed] == ["a rejection expected but the record scores"]
    assert report.failed[0].failures == ["cần hồ sơ bị loại (\"above the maximum\"), nhưng kết quả là 'chua_dat'"]


@pytest.mark.parametrize("case,message", [
    ('  - name: "x"\n    record: {"1.1": 8}\n    expect: {outcom: dat}\n',
     "cases.yaml:5: cases[0].expect.outcom: khoá 'outcom' không hợp lệ (có phải là 'outcome'?)"),
    ('  - name: "x"\n    record: {"1.1": 8}\n    expect: {outcome: dta}\n',
     "cases.yaml:5: cases[0].expect.outcome: 'dta' không phải một kết quả của bộ tiêu chí 'thu-nghiem' (dat, chua_dat) (có phải là 'dat'?)"),
    ('  - name: "x"\n    record: {"1.1": 8}\n    expect: {outcome: dat, indicators: {"dhh": {status: met}}}\n',
     "cases.yaml:5: cases[0].expect.indicators.dhh: 'dhh' không phải một chỉ số của bộ tiêu chí 'thu-nghiem' (có phải là 'dh'?)"),
    ('  - name: "x"\n    record: {"1.1": 8}\n    expect: {outcome: dat, total: "16 điểm"}\n',
     "cases.yaml:5: cases[0].expect.total: phải là một số, không phải '16 điểm'"),
    ('  - name: "x"\n    expect: {outcome: dat}\n',
     "cases.yaml:3: cases[0]: ghi 'record' (một hồ sơ) hoặc 'records' (danh sách hồ sơ), chỉ một trong hai"),
    ('  - name: "x"\n    record: {}\n    expect: {outcome: dat}\n  - name: "x"\n    record: {}\n    expect: {outcome: dat}\n',
     "cases.yaml:6: cases[1].name: tên tình huống 'x' được dùng hai lần (lần đầu ở dòng 3): mỗi tình huống cần một tên riêng"),
])
def test_a_broken_case_file_names_file_line_and_path(tmp_path, case, message):
    pack = load_pack(BASE)
    cases = tmp_path / "cases.yaml"
    cases.write_text(f"pack: thu-nghiem\ncases:\n{case}", encoding="utf-8")
    with pytest.raises((CriteriaError, CriteriaErrors)) as err:
        load_cases(pack, cases)
    assert str(err.value).startswith(str(tmp_path)) and message in str(err.value), str(err.value)


def test_a_case_file_for_another_pack_is_refused(tmp_path):
    cases = tmp_path / "cases.yaml"
    cases.write_text("pack: cong-dan-hoc-tap\ncases:\n" + GOOD_CASE, encoding="utf-8")
    with pytest.raises(CriteriaError, match="tệp này kiểm tra bộ tiêu chí 'cong-dan-hoc-tap', không phải 'thu-nghiem'"):
        load_cases(load_pack(BASE), cases)


CHILD = """\
format: hoctap/criteria@1
extends: thu-nghiem
id: thu-nghiem-dia-phuong
version: "1"
criteria:
  - id: "1"
    indicators:
      - id: "1.2"
        rule: {pass_at: 8}
"""


def test_a_child_runs_its_parents_cases_and_may_change_or_skip_them(tmp_path, engine):
    make_pack(tmp_path, GOOD_CASE + WRONG_CASE.replace("15.5 points is wrongly expected to be Đạt", "15.5 points is Chưa đạt")
              .replace("outcome: dat", "outcome: chua_dat").replace("status: met, points: 7", "status: met, points: 7.5"))
    child = make_pack(tmp_path, name="thu-nghiem-dia-phuong.yaml", pack_text=CHILD, cases="""\
  - name: "15.5 points is Chưa đạt"
    expect:                 # the record is the parent's; with pass_at 8, 1.2 at 7.5 is no longer met
      outcome: chua_dat
      indicators:
        "1.2": {status: not_met, points: 7.5}
  - name: "1.2 at 7 fails the local threshold of 8"
    record: {"1.1": 10, "1.2": 7, danh_hieu: tien_tien}
    expect: {outcome: chua_dat, total: 17}
""")
    loaded = load_pack(child)
    cases = load_cases(loaded)
    assert [(c.case.name, c.inherited_from, c.overrides) for c in cases] == [
        ("16 points with every indicator met is Đạt", "thu-nghiem", None),
        ("15.5 points is Chưa đạt", None, "thu-nghiem"),
        ("1.2 at 7 fails the local threshold of 8", None, None)]
    assert cases[1].case.record == {"1.1": 8, "1.2": 7.5, "danh_hieu": "tien_tien"}   # kept from the parent
    assert cases[1].file.endswith("thu-nghiem-dia-phuong.yaml")                    # reported where it was changed
    report = test_pack(loaded, engine=engine)
    assert not report.failed, failure_lines(report)
    assert summary_line(report) == ("thu-nghiem-dia-phuong: 3 tình huống: 3 đúng, 0 sai "
                                    "(kế thừa: 1 giữ nguyên, 1 sửa ở đây, 0 bỏ qua)")


def test_an_inherited_case_that_fails_on_the_child_names_the_parents_file(tmp_path, engine):
    make_pack(tmp_path, GOOD_CASE + WRONG_CASE)       # the parent's second case fails anyway: the child skips it
    child = make_pack(tmp_path, name="thu-nghiem-dia-phuong.yaml", pack_text=CHILD, cases="""\
  - name: "15.5 points is wrongly expected to be Đạt"
    skip: "written for the national threshold"
""")
    report = test_pack(load_pack(child), engine=engine)
    parent_cases = tmp_path / "cases" / "thu-nghiem.yaml"
    # 16 points with 1.2 at 8: still met with the local pass_at 8, so the inherited case passes ...
    assert not report.failed and [c.case.skip for c in report.skipped] == ["written for the national threshold"]
    # ... and fails once the local threshold is raised above 8, reported at the parent's case
    child.write_text(CHILD.replace("pass_at: 8", "pass_at: 9"), encoding="utf-8")
    report = test_pack(load_pack(child), engine=engine)
    assert failure_lines(report)[0] == (f'{parent_cases}:3: tình huống "16 points with every indicator met is Đạt" '
                                        "(kế thừa từ thu-nghiem): cần kết quả 'dat', nhưng nhận được 'chua_dat'")


def test_coverage_leaves_out_what_no_record_can_reach():
    """TT24: optional inputs can be missing; an indicator without applies_to is never 'not applicable'."""
    rules = {t.rule for t in reachable_targets(shipped_packs()["don-vi-hoc-tap-tt24-tinh"])}
    assert {"tc1_ct1__missing", "tc1_ct3__not_applicable", "level__muc_do_2", "level__chua_dat"} <= rules
    assert "tc1_ct1__not_applicable" not in rules
    rules = {t.rule for t in reachable_targets(shipped_packs()["don-vi-hoc-tap-tt22-dia-phuong-vi-du"])}
    assert {"2a__met", "2a__not_met__row2", "2a__not_met__row5", "2a__not_met__below"} <= rules
    assert "2a__missing" not in rules and "2a__not_met" not in rules


def test_cli_test_exit_codes_and_coverage(runner, cli, tmp_path):
    pack = make_pack(tmp_path, GOOD_CASE)
    ok = runner.invoke(cli, ["test", str(pack)])
    assert ok.exit_code == 0 and ok.stdout == "thu-nghiem: 1 tình huống: 1 đúng, 0 sai\n"
    low = runner.invoke(cli, ["test", str(pack), "--min-coverage", "90"])
    assert low.exit_code == 1
    assert low.stdout.splitlines()[-2:] == ["thu-nghiem: độ phủ 44,4% (đi tới 4 trên 9 kết quả của quy tắc)",
                                            "thu-nghiem: độ phủ 44,4% thấp hơn --min-coverage 90%"]
    other = tmp_path / "other.yaml"
    other.write_text("pack: thu-nghiem\ncases:\n" + WRONG_CASE, encoding="utf-8")
    failing = runner.invoke(cli, ["test", str(pack), "--cases", str(other)])
    assert failing.exit_code == 1 and f"{other}:3: tình huống" in failing.stdout
    both = runner.invoke(cli, ["test", str(pack), "cong-dan-hoc-tap", "--cases", str(other)])
    assert both.exit_code == 2 and "--cases đi cùng đúng một bộ tiêu chí" in both.stderr
    none = runner.invoke(cli, ["test", str(BASE)])
    assert none.exit_code == 1 and "thu-nghiem: chưa có tình huống kiểm tra nào (đã tìm" in none.stdout


def test_cli_test_runs_every_shipped_pack_by_default(runner, cli):
    result = runner.invoke(cli, ["test", "--coverage"])
    assert result.exit_code == 0, result.output
    for pack_id in shipped_packs():
        assert f"{pack_id}: độ phủ 100% (" in result.stdout


def test_a_pack_with_a_lint_error_is_not_tested_but_reported(runner, cli, tmp_path):
    """'hoctap test' says what 'validate' says (here an overlapping band) instead of running
    the cases and showing only their symptoms."""
    from conftest import ROOT
    text = (ROOT / "criteria" / "don-vi-hoc-tap-tt22.yaml").read_text(encoding="utf-8")
    kha = text.index("    - code: kha")
    text = text[:kha] + text[kha:].replace("min_total: 70", "min_total: 85", 1)
    (tmp_path / "cases").mkdir()
    (tmp_path / "don-vi-hoc-tap-tt22.yaml").write_text(text, encoding="utf-8")
    (tmp_path / "cases" / "don-vi-hoc-tap-tt22.yaml").write_text(
        (ROOT / "criteria" / "cases" / "don-vi-hoc-tap-tt22.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    result = runner.invoke(cli, ["test", str(tmp_path / "don-vi-hoc-tap-tt22.yaml")])
    assert result.exit_code == 2
    assert "lỗi: mức 'kha' trùng với mức 'tot' phía trên" in result.stderr
    assert "cases:" not in result.stdout
