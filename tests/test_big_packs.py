"""Big packs and the rules engine's fixed tables (issue 16, item 3).

durable-rules 2.0.28 matches a fact with a 64-node stack and keeps at most 255 properties per
fact: a pack of 65 indicators used to abort the process (heap corruption), one of 150 was
refused with "error code 107". The adapter now splits a record's rules into groups that fit
(scoring/engine/adapter.py); these tests score generated packs of every rule kind through the
engine and compare each record with the plain-Python reference evaluator."""
import copy
import random

import pytest

from reference import reference_score
from scoring import Record, Scorer
from scoring.authoring.lint import lint
from click.testing import CliRunner

from cli import cli
from scoring.engine.adapter import FANOUT_BUDGET, RulesEngine, _plan
from scoring.engine.compile import compile_pack
from scoring.packs.pack import load_pack_text

KINDS = ("points", "at_least", "yes_no", "graded", "title", "points_applies")


def big_pack(n: int, outcome: str = "bands", seed: int = 0) -> str:
    """A valid pack of ``n`` indicators cycling through every rule kind (some only for one
    unit type, some inputs optional), with point bands or two levels."""
    rng = random.Random(seed)
    inputs = ['  - {name: loai, type: choice, choices: [{code: a, label: {vi: A}}, {code: b, label: {vi: B}}, '
              '{code: c, label: {vi: C}}]}',
              '  - {name: dh, type: choice, ordered: true, required: false, choices: [{code: khong, label: {vi: Không}}, '
              '{code: tt, label: {vi: Tiên tiến}}, {code: cs, label: {vi: Chiến sĩ}}]}']
    indicators = []
    for i in range(n):
        kind = KINDS[i % len(KINDS)]
        required = "true" if rng.random() < 0.7 else "false"
        lv = "" if outcome != "levels" else (", levels: [l1, l2]" if i % 3 == 0 else ", levels: [l2]")
        if kind == "yes_no":
            inputs.append(f'  - {{name: "i{i}", type: boolean, required: {required}}}')
            rule = f"{{kind: yes_no, points: {'2' if outcome == 'bands' else 'null'}}}"
        elif kind == "title":
            indicators.append(f'      - {{id: "i{i}", label: {{vi: Chỉ số {i}}}, rule: {{kind: title_at_least, input: dh, '
                              f'title: tt{", points: 1" if outcome == "bands" else ""}}}{lv}}}')
            continue
        else:
            inputs.append(f'  - {{name: "i{i}", type: number, min: 0, max: 100, required: {required}}}')
            rule = {"points": "{kind: points, max: 100, pass_at: 50}",
                    "points_applies": "{kind: points, max: 100, pass_at: 40}",
                    "at_least": f"{{kind: at_least, value: {rng.choice([30, 50, 70])}, strict: {rng.choice(['true', 'false'])}"
                                + (", points: 3}" if outcome == "bands" else "}"),
                    "graded": "{kind: graded, table: [{at_least: 90, points: 4}, {at_least: 70, points: 3}, "
                              "{at_least: 40, points: 1}]}"}[kind]
        if outcome == "levels" and kind in ("points", "points_applies", "graded"):
            rule = "{kind: at_least, value: 50}"
        applies = ", applies_to: {input: loai, values: [a, b]}" if kind == "points_applies" else ""
        indicators.append(f'      - {{id: "i{i}", label: {{vi: Chỉ số {i}}}, rule: {rule}{applies}{lv}}}')
    if outcome == "bands":
        out = ["outcome:", "  kind: bands", "  bands:",
               f"    - {{code: tot, label: {{vi: Tốt}}, min_total: {n * 20}, all_met: true}}",
               f"    - {{code: kha, label: {{vi: Khá}}, min_total: {n * 10}}}",
               "    - {code: chua_dat, label: {vi: Chưa đạt}}"]
    else:
        out = ["outcome:", "  kind: levels", "  levels:", "    - {code: l2, label: {vi: Mức 2}}",
               "    - {code: l1, label: {vi: Mức 1}}", "  otherwise: {code: chua_dat, label: {vi: Chưa đạt}}"]
    return "\n".join([
        "format: hoctap/criteria@1", f"id: lon-{n}-{outcome}", 'version: "1"', "title: {vi: Bộ tiêu chí lớn}",
        "valid_from: 2023-10-25", "reference: {document: Thử nghiệm}", "status: official", "inputs:", *inputs,
        "criteria:", '  - id: "1"', "    label: {vi: Tất cả}", "    indicators:", *indicators, *out]) + "\n"


def _values(pack, rng: random.Random, k: int) -> dict:
    """Values near every threshold the generated packs use (the reference's own generator is
    quadratic in the pack's size); one record in five passes everything, to reach the best outcome."""
    values = {}
    for inp in pack.inputs:
        if not inp.required and k % 5 and rng.random() < 0.1:
            values[inp.name] = None
        elif inp.type == "choice":
            values[inp.name] = rng.choice([c.code for c in inp.choices])
        elif inp.type == "boolean":
            values[inp.name] = k % 5 == 0 or rng.random() < 0.6
        else:
            values[inp.name] = 100.0 if k % 5 == 0 else float(rng.choice([0, 29, 30, 31, 39, 40, 49, 50, 51, 69, 70, 71,
                                                                           89, 90, 100]))
    if k % 5 == 0:
        values["dh"] = "cs"
    return values


def _agree(loaded, records: int, seed: str) -> set[str]:
    scorer = Scorer(loaded)
    rng = random.Random(seed)
    outcomes = set()
    for k in range(records):
        values = _values(loaded.pack, rng, k)
        scored = scorer.score(Record(id=str(k), values=values))
        ref = reference_score(loaded.pack, values)
        got = {i.id: {"status": i.status, "points": i.points} for i in scored.indicators}
        assert (scored.outcome, scored.total, got) == (ref["outcome"], ref["total"], ref["indicators"]), values
        outcomes.add(scored.outcome)
    return outcomes


@pytest.mark.parametrize("n, outcome", [(1, "bands"), (22, "bands"), (65, "bands"), (100, "bands"), (300, "bands"),
                                        (22, "levels"), (100, "levels"), (300, "levels")])
def test_big_packs_validate_and_score_as_the_reference_does(n, outcome):
    loaded = load_pack_text(big_pack(n, outcome), f"lon-{n}.yaml")
    assert [m for m in lint(loaded) if m.severity == "error"] == []
    assert len(loaded.pack.indicators) == n
    outcomes = _agree(loaded, 40 if n >= 100 else 150, f"big-{n}-{outcome}")
    assert len(outcomes) >= 2


def test_every_group_fits_the_engine_and_every_rule_keeps_its_conditions():
    """The plan for 300 indicators: several groups, each within the stack budget, and every
    rule's own conditions unchanged apart from the group number."""
    loaded = load_pack_text(big_pack(300), "lon-300.yaml")
    compiled = compile_pack(loaded)
    rules, layouts = _plan(copy.deepcopy(compiled.definition))
    assert len(layouts["rec"].groups) > 1 and len(layouts["sum"].groups) == 1
    for name, rule in compiled.definition.items():
        original = rule["all"][0]["m"]["$and"]
        planned = rules[name]["all"][0]["m"]["$and"]
        if original[0] == {"t": "rec"}:
            assert planned[0] == original[0] and planned[2:] == original[1:] and set(planned[1]) == {"g"}
        else:
            assert planned == original


def test_a_record_with_every_input_missing_in_a_big_pack():
    loaded = load_pack_text(big_pack(100), "lon-100.yaml")
    values = {inp.name: None for inp in loaded.pack.inputs}
    values["loai"] = "c"
    scored = Scorer(loaded).score(Record(id="r", values=values))
    assert scored == Scorer(loaded).score(Record(id="r", values=values))
    ref = reference_score(loaded.pack, values)
    assert scored.outcome == ref["outcome"]
    assert {i.status for i in scored.indicators} >= {"missing", "not_applicable"}


def test_a_long_graded_table_is_split_across_facts():
    """A graded table of 60 rows is wider than one fact can match; its rules go to several groups."""
    rows = ", ".join(f"{{at_least: {100 - k}, points: {60 - k}}}" for k in range(60))
    text = big_pack(1).replace("{kind: points, max: 100, pass_at: 50}", f"{{kind: graded, table: [{rows}]}}")
    loaded = load_pack_text(text, "bang-dai.yaml")
    assert [m for m in lint(loaded) if m.severity == "error"] == []
    scorer = Scorer(loaded)
    for value in (100.0, 99.0, 70.5, 41.0, 40.0, 0.0):
        scored = scorer.score(Record(id="r", values={"loai": "a", "i0": value}))
        assert scored.indicators[0].points == reference_score(loaded.pack, {"loai": "a", "i0": value})["indicators"]["i0"]["points"]


def test_an_indicator_too_wide_for_the_engine_is_refused_by_validate(tmp_path):
    """One indicator alone whose conditions cannot be split (applies_to listing 150 unit types:
    one node with 150 children; 512 make the engine loop forever) is refused by validate,
    naming the indicator and the limit."""
    codes = ", ".join(f"{{code: k{k}, label: {{vi: K{k}}}}}" for k in range(150))
    text = (big_pack(6).replace("{code: c, label: {vi: C}}]}", f"{{code: c, label: {{vi: C}}}}, {codes}]}}")
            .replace("applies_to: {input: loai, values: [a, b]}",
                     f"applies_to: {{input: loai, values: [a, b, {', '.join(f'k{k}' for k in range(150))}]}}"))
    loaded = load_pack_text(text, "rong.yaml")
    errors = [m for m in lint(loaded) if m.severity == "error"]
    assert len(errors) == 1 and errors[0].path == "criteria[0].indicators[5]"
    assert "'i5__met'" in errors[0].message and str(FANOUT_BUDGET) in errors[0].message
    path = tmp_path / "rong.yaml"
    path.write_text(text, encoding="utf-8")
    result = CliRunner().invoke(cli, ["validate", str(path)])
    assert result.exit_code == 2 and "i5__met" in result.output
    assert "Traceback" not in result.output


def test_the_engine_limit_is_real():
    """What the split protects from: 70 matching sibling conditions on one fact overflow the
    engine's stack. Run in a child process, since the engine corrupts its heap."""
    import subprocess
    import sys
    code = ("from durable import engine\n"
            "class H(engine.Host):\n    def _run(self): pass\n"
            "h = H(); rules = {f'r{k}': {'all': [{'m': {'$and': [{'t': 'rec'}, {'$gte': {f'v{k}': 0}}]}}], "
            "'run': lambda c: None} for k in range(70)}\n"
            "h.register_rulesets({'x': rules})\n"
            "h.assert_fact('x', {'t': 'rec', 'sid': '1', **{f'v{k}': 1 for k in range(70)}})\n")
    proc = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert proc.returncode != 0
    assert RulesEngine  # the adapter is the only module that may import durable in the library
