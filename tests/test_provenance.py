"""Provenance: every result says which pack text, engine, date and input produced it, and the
same pack and input give byte-identical results in separate processes (run id and time aside)."""
import json
import os
import subprocess
import sys

import pytest

from conftest import ROOT
from scoring import score_records, shipped_packs
from scoring.packs.pack import load_pack_text
from scoring.results.provenance import canonical_json, input_sha256, raw_sha256, sha256_text
from scoring.records.validate import Record
from scoring.results.render import result_dict

POINTS = {k: 8 for k in "1.1 1.2 1.3 1.4 2.1 2.2 2.3 2.4 3.1 3.2".split()}


def test_a_result_carries_its_provenance_and_keeps_the_old_contract():
    [r] = score_records("cong-dan-hoc-tap", [{"id": "A", "group": "1", **POINTS}])
    d = result_dict(r)
    assert set(d) == {"id", "outcome", "label", "total", "max", "indicators", "explanation", "criteria", "where",
                      "provenance"}
    p = d["provenance"]
    pack = shipped_packs()["cong-dan-hoc-tap"]
    assert p["criteria"] == {"id": "cong-dan-hoc-tap", "version": pack.pack.version, "sha256": pack.sha256}
    assert pack.sha256 == sha256_text(pack.text)
    assert p["engine"]["durable_rules"] == "2.0.28" and p["engine"]["hoctap"]
    assert (p["as_of"], p["as_of_source"], p["in_force"]) == (None, None, None)
    expected_input = {"id": "A", "values": {"group": "1", **{k: 8.0 for k in POINTS}}}
    assert p["input_sha256"] == sha256_text(canonical_json(expected_input))
    assert p["result_id"].startswith("r-") and len(p["result_id"]) == 26
    assert p["run_at"].endswith("Z") and p["run_id"].startswith(p["run_at"][:10].replace("-", ""))


def test_the_input_hash_ignores_personal_columns_but_the_raw_hash_does_not():
    a, b = score_records("cong-dan-hoc-tap", [{"id": "A", "group": "1", "ho_ten": "Nguyễn Văn An", **POINTS},
                                              {"id": "B", "group": "1", "ho_ten": "Nguyễn Văn An", **POINTS}])
    [a2] = score_records("cong-dan-hoc-tap", [{"id": "A", "group": "1", "ho_ten": "Trần Thị Bình", **POINTS}])
    assert a.provenance.input_sha256 == a2.provenance.input_sha256          # same scores, other name
    assert a.provenance.result_id == a2.provenance.result_id
    assert a.provenance.raw_sha256 != a2.provenance.raw_sha256              # the raw row did change
    assert a.provenance.input_sha256 != b.provenance.input_sha256           # the id is part of the input
    assert input_sha256(Record("A", dict(a.scored.values))) == a.provenance.input_sha256


def test_the_result_id_changes_with_the_pack_text_the_date_and_the_input():
    row = {"id": "A", "group": "1", **POINTS}
    [base] = score_records("cong-dan-hoc-tap", [row])
    edited = load_pack_text(shipped_packs()["cong-dan-hoc-tap"].text + "\n# a comment changes the text\n")
    [other_pack] = score_records(edited, [row])
    [other_input] = score_records("cong-dan-hoc-tap", [{**row, "3.2": 9}])
    [dated] = score_records("cong-dan-hoc-tap", [row], as_of=__import__("datetime").date(2024, 6, 30))
    ids = {base.provenance.result_id, other_pack.provenance.result_id, other_input.provenance.result_id,
           dated.provenance.result_id}
    assert len(ids) == 4
    assert other_pack.scored.outcome == base.scored.outcome   # same rules, different text: still traceable


def test_rejected_rows_have_provenance_and_distinct_ids():
    rows = [{"id": "A", "group": "9", **POINTS}, {"id": "A", "group": "9", **POINTS}]
    a, b = score_records("cong-dan-hoc-tap", rows)
    assert not a.ok and not b.ok
    assert a.provenance.input_sha256 is None and a.provenance.raw_sha256 == raw_sha256(rows[0])
    assert a.provenance.result_id != b.provenance.result_id               # told apart by their place
    assert "provenance" in result_dict(a)


def _run_cli(args, seed):
    env = {**os.environ, "PYTHONHASHSEED": str(seed)}
    done = subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=ROOT, env=env,
                          capture_output=True, text=True, encoding="utf-8")
    assert done.returncode in (0, 1), done.stderr
    return done.stdout


def _without_run(text):
    out = []
    for line in text.splitlines():
        d = json.loads(line)
        run = (d["provenance"].pop("run_id"), d["provenance"].pop("run_at"))
        out.append(json.dumps(d, ensure_ascii=False))
    return out, run


@pytest.mark.parametrize("pack,file,extra", [
    ("cong-dan-hoc-tap", "cong-dan-hoc-tap.csv", []),
    ("don-vi-hoc-tap-tinh", "don-vi-hoc-tap-tt24-tinh.jsonl", ["--as-of", "2024-06-30"]),
    ("don-vi-hoc-tap-tt22", "don-vi-hoc-tap-tt22.csv", ["--lang", "en"]),
])
def test_two_processes_give_byte_identical_results_apart_from_run_id_and_time(pack, file, extra):
    args = ["score", "-c", pack, f"examples/{file}", "-f", "jsonl", *extra]
    first, run1 = _without_run(_run_cli(args, seed=1))
    second, run2 = _without_run(_run_cli(args, seed=2))     # another hash seed: dict order must not leak
    assert first == second and len(first) > 3
    assert run1[0] != run2[0]                               # they were two runs
    # the explanation trees too
    ex1 = _run_cli(["explain", "-c", pack, f"examples/{file}", "-f", "json", *extra], seed=3)
    ex2 = _run_cli(["explain", "-c", pack, f"examples/{file}", "-f", "json", *extra], seed=4)
    assert ex1 == ex2



def test_canonical_pieces_write_the_general_encoders_text():
    """``Canonical`` (pieces kept per key and value) gives the text of the general encoder for
    every value a row or record can hold, the second time (from its pieces) as the first."""
    import pytest
    from scoring.records.validate import Record
    from scoring.results.provenance import Canonical, canonical_json, raw_sha256, input_sha256, sha256_text
    rows = [
        {"id": "A-1", "1.1": "7,5", "Họ tên": "Nguyễn Văn \"Tư\"\n", "x": "\udc81", "e": ""},
        {"id": 12, "v": 0.0, "w": -0.0, "big": 1e300, "tiny": 5e-324, "n": 3, "t": True, "f": False, "none": None},
        {"b": 1, "a": 1.0, "c": True, "ä": "é", "A": "\u0000\t"},
        {"nested": {"k": [1, 2]}, "id": "N"},          # not flat: the general way
        {1.5: "x", "id": "K"},                          # a key that is not text: the general way
        {"id": "Z", "v": -0.0}, {"id": "Z", "v": 0.0},  # equal values, different texts
        {"id": "Z", "v": "1.0"}, {"id": "Z", "v": 1.0}, {"id": "Z", "v": 1}, {"id": "Z", "v": True},
    ]
    canonical = Canonical()
    for _ in range(2):
        for row in rows:
            assert sha256_text(canonical.flat(row)) == raw_sha256(row)
            record = Record(str(row.get("id")), {k: v for k, v in row.items() if isinstance(k, str)})
            assert sha256_text(canonical.record(record)) == input_sha256(record)
    assert canonical.flat({"id": "Z", "v": -0.0}) == canonical_json({"id": "Z", "v": -0.0})
    for bad in (float("nan"), float("inf")):
        with pytest.raises(ValueError):
            canonical.flat({"id": "Z", "v": bad})


def test_rows_of_texts_written_from_their_template_are_the_general_text():
    """A row whose values are all texts (a CSV row) is written from a template kept per layout;
    a value that is not a text (a workbook's number, None) sends that layout the piece-by-piece
    way, for good, with the same text. Keys with '%' and values with JSON escapes included, and
    the characters either side of what JSON escapes (a text with nothing to escape is written as it is)."""
    import random
    from scoring.results.provenance import Canonical, canonical_json
    rng = random.Random(2026)
    pieces = ["7.5", "", "%s", "100%", "Nguyễn \"Tư\"\n", "\\", "\u2028", "e\u0301", "\udc81", "\x00", "có", "\x1f", "\x20", "\x7f", "\x85", "\u200b", "\U0001F600"]
    layouts = [("id", "1.1", "Tỉ lệ %", "%(x)s"), ("b", "a"), ("id", "x", "y", "z", "w")]
    canonical = Canonical()
    for n in range(600):
        keys = rng.choice(layouts)
        row = {k: rng.choice(pieces) for k in keys}
        if n > 300 and keys == layouts[1] and rng.random() < 0.2:
            row["a"] = rng.choice([7.5, 3, None, True])   # that layout leaves its template from here on
        assert canonical.flat(row) == canonical_json(row), row
    assert canonical._plans[layouts[0]][0] is not None and canonical._plans[layouts[1]][0] is None


def test_records_of_numbers_written_from_kept_pieces_are_the_general_text():
    """A record's values (texts and floats, most met before) are written from the pieces kept for
    each key and value; a value that equals a kept one but reads differently (1 and True beside
    1.0, 0.0 beside -0.0) or was never kept (not finite, past the cap) gets its own text."""
    import random
    from scoring.results.provenance import Canonical, canonical_json
    rng = random.Random(14)
    values = [1.0, 1, True, False, 0.0, -0.0, 0, 2.5, 7.25, "1.0", "có", None, 1e300, 5e-324, -3.5, 10.0, 10]
    canonical = Canonical()
    for _ in range(3000):
        record = {k: rng.choice(values) for k in ("id", "1.1", "1.2", "group")}
        assert canonical.flat(record) == canonical_json(record), record
    kept = canonical._plans[("id", "1.1", "1.2", "group")][4]   # the types last kept by value: compared, not collected
    assert kept is not None and set(kept) <= {str, float}
    # right after a record kept by value, the same values of other types read as they are
    for record in ({"id": "a", "1.1": 1.0, "1.2": 2.5, "group": "có"}, {"id": "a", "1.1": 1, "1.2": 2.5, "group": "có"},
                   {"id": "a", "1.1": True, "1.2": 2.5, "group": "có"}, {"id": "a", "1.1": 1.0, "1.2": 2.5, "group": "có"},
                   {"id": 1.0, "1.1": 1.0, "1.2": 2.5, "group": "có"}, {"id": "a", "1.1": 1.0, "1.2": 2.5, "group": 1.0}):
        assert canonical.flat(record) == canonical_json(record), record


def test_workbook_rows_and_json_records_are_the_general_text_and_keep_no_piece_by_type():
    """A workbook's row holds texts, floats and whole numbers (a cell typed 8 is read as 8, not 8.0),
    a JSON record yes/no and blanks: json's encoder writes them, so 1, 1.0 and True, 10 and 10.0,
    0, 0.0, -0.0 and False never share a piece. Only texts and non-zero floats are kept."""
    import random
    from scoring.results.provenance import Canonical, canonical_json
    rng = random.Random(24)
    values = [1, 1.0, 0, 0.0, -0.0, 10, 10.0, "1", "1.0", 7.5, 2**70, -3, True, False, None]
    keys = ("id", "1.1", "1.2", "group")
    canonical = Canonical()
    for _ in range(3000):
        row = {k: rng.choice(values) for k in keys}
        assert canonical.flat(row) == canonical_json(row), row
    kept = canonical._plans[keys][2]
    assert kept is not None and kept[sorted(keys).index("1.1")]   # some rows were texts and floats only
    assert all(k.__class__ in (str, float) and k for pieces in kept for k in pieces)   # no whole number, no zero


def test_a_layout_stops_keeping_pieces_that_do_not_serve():
    """Pieces kept for a key new in every row (a JSON row's id) never serve, nor pieces of a layout
    whose rows are never texts and floats only (a JSON unit's yes/no): past a trial of 256 rows
    such a layout goes to the encoder for good, with the same text. A layout whose values repeat
    keeps its pieces (the usual record), whatever the rows that miss among them."""
    import random
    from scoring.results.provenance import Canonical, canonical_json
    rng = random.Random(256)
    canonical = Canonical()
    for i in range(1000):
        row = {"id": f"CD-{i}", "1.1": rng.choice([7.5, 8.0, -0.0, 0.0]), "group": rng.choice(["1", "2"])}
        assert canonical.flat(row) == canonical_json(row), row
        assert (canonical._plans[tuple(row)][2] is None) == (i >= 255), i
        unit = {"id": f"DV-{i}", "a": rng.choice([True, False, None]), "b": rng.choice([95.5, 0.0])}
        values = {"1.1": rng.choice([7.5, 8.0, 0.0, -0.0]), "note": rng.choice(["có", "", f"x{i % 7}"])}
        assert canonical.flat(unit) == canonical_json(unit) and canonical.flat(values) == canonical_json(values)
        assert (canonical._plans[tuple(unit)][2] is None) == (i >= 255), i
    assert canonical._plans[("1.1", "note")][2] is not None
    for few in ({}, {"id": "X"}, {"v": 7.5}, {"v": True}, {1: "a", "1": "b"}):   # a rejected row has no keys
        assert canonical.flat(few) == canonical.flat(few) == canonical_json({str(k): v for k, v in few.items()})
