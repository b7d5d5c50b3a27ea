"""Lint in `hoctap validate`: one file per finding (tests/lint_criteria/), each checked against
the wording of its message, which starts with FILE:LINE: yaml.path: lỗi|cảnh báo: (error|warning: in English)."""
from pathlib import Path

import pytest

from conftest import ROOT
from scoring import load_pack, shipped_packs
from scoring.authoring.lint import lint
from scoring.packs.yamlfile import display_path

HERE = Path(__file__).parent
WORD = {"error": "lỗi", "warning": "cảnh báo"}    # the severity as the first line of a message says it
LINT_FILES = sorted((HERE / "lint_criteria").glob("*.yaml"))


def _expected(path: Path) -> tuple[str, str]:
    severity, text = path.read_text(encoding="utf-8").splitlines()[0].removeprefix("# expect: ").split(": ", 1)
    return severity, text


@pytest.mark.parametrize("path", LINT_FILES, ids=[p.stem for p in LINT_FILES])
def test_lint_file_gives_its_message(path):
    severity, text = _expected(path)
    messages = lint(load_pack(path))        # the file loads: lint is about what loading lets through
    found = [m for m in messages if text in m.message]
    assert found, [str(m) for m in messages]
    m = found[0]
    assert m.severity == severity and m.line is not None
    assert str(m).startswith(f"{display_path(path)}:{m.line}: {m.path}: {WORD[severity]}: ")


@pytest.mark.parametrize("path", LINT_FILES, ids=[p.stem for p in LINT_FILES])
def test_validate_exits_2_on_an_error_and_0_on_warnings(runner, cli, path):
    severity, text = _expected(path)
    result = runner.invoke(cli, ["validate", str(path)])
    assert result.exit_code == (2 if severity == "error" else 0), result.output
    stream = result.stderr if severity == "error" else result.stdout
    assert f"{WORD[severity]}: {text}" in stream
    assert (": đạt — " in result.stdout) == (severity == "warning")


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_shipped_packs_are_lint_clean(pack_id):
    assert [str(m) for m in lint(shipped_packs()[pack_id])] == []


def test_declared_totals_of_the_shipped_point_packs():
    declared = {p.pack.id: p.pack.declared_max_total for p in shipped_packs().values()}
    assert declared["don-vi-hoc-tap-tt22"] == declared["cong-dan-hoc-tap"] == declared["cong-dan-hoc-tap-qd244"] == 100
    assert declared["don-vi-hoc-tap-tt22-dia-phuong-vi-du"] == 100       # inherited from the national pack


def line_of(text: str, start: str) -> int:
    """The line of a shipped pack that starts with ``start`` (after indentation): the tests
    must point at it without hard-coding a number that every edit of the pack moves."""
    [line] = [n for n, t in enumerate(text.splitlines(), start=1) if t.lstrip().startswith(start)]
    return line


def test_a_changed_maximum_in_a_shipped_pack_is_caught(tmp_path):
    """What a civil servant may do: raise 3a's maximum to 30 and forget the total."""
    text = (ROOT / "criteria" / "don-vi-hoc-tap-tt22.yaml").read_text(encoding="utf-8")
    text = text.replace('{name: "3a", type: number, min: 0, max: 25', '{name: "3a", type: number, min: 0, max: 30')
    text = text.replace("rule: {kind: points, max: 25}", "rule: {kind: points, max: 30}")
    path = tmp_path / "don-vi-hoc-tap-tt22.yaml"
    path.write_text(text, encoding="utf-8")
    [message, unraised] = lint(load_pack(path))   # errors first; then: the version was not raised
    assert (unraised.severity, unraised.path) == ("warning", "version")
    assert str(message) == (f"{display_path(path)}:{line_of(text, 'max_total:')}: max_total: lỗi: điểm tối đa các chỉ số cộng lại là 105 "
                            "(1: 30, 2: 30, 3: 45), không phải max_total 100 đã khai báo: sửa điểm tối đa của một chỉ số hoặc max_total")


def test_a_lint_finding_in_a_local_variant_points_at_the_file_it_comes_from(tmp_path):
    child = tmp_path / "child.yaml"
    child.write_text("""\
format: hoctap/criteria@1
extends: don-vi-hoc-tap-tt22
id: tt22-thu-nghiem
version: "1"
outcome:
  bands:
    - {code: tot, min_total: 70}
""", encoding="utf-8")
    [overlap] = [str(m) for m in lint(load_pack(child))]
    # the 'kha' band (70) comes from the national file; the band that takes it first is the child's 'tot'
    national = display_path(ROOT / "criteria" / "don-vi-hoc-tap-tt22.yaml")
    kha = line_of((ROOT / "criteria" / "don-vi-hoc-tap-tt22.yaml").read_text(encoding="utf-8"), "- code: kha")
    assert overlap.startswith(f"{national}:{kha}: outcome.bands[1]: lỗi: mức 'kha' trùng với mức 'tot' phía trên")
