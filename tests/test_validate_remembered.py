"""A row whose values are all texts its parsers accepted before is validated by looking them up
(``RecordValidator.validate``, issue 14): the same record, or the same refusal, as parsing
them, on every shipped pack, for texts (a CSV file) and for typed values (JSON, a workbook)."""
import random

import pytest

from reference import random_values
from scoring import shipped_packs
from scoring.errors import RecordError
from scoring.records import validate as v


def texts(value, rng):
    """A value as a person might type it in a CSV cell."""
    if value is None:
        return rng.choice(["", " ", None])
    if value is True or value is False:
        return rng.choice({True: ["có", "x", "1", " Đạt "], False: ["không", "0", "chưa", "k"]}[value])
    if isinstance(value, float):
        text = repr(value)
        return rng.choice([text, text.replace(".", ","), text.removesuffix(".0"), f" {text}%"])
    return str(value)


def outcome(validator, row):
    try:
        record = validator.validate(row, "f.csv:2")
        return ("ok", record.id, record.values, record.where)
    except RecordError as exc:
        return ("refused", exc.render("vi"))


def rows(pack, n, seed, typed=False):
    rng = random.Random(seed)
    out = []
    for i in range(n):
        values = random_values(pack, rng)
        row = {"id": rng.choice([f"R{i}", f" R{i} ", ""]) if i % 17 == 0 else f"R{i}"}
        row.update(values if typed else {k: texts(x, rng) for k, x in values.items()})
        if i % 11 == 3:   # a value refused: not a number, out of range, not a choice
            row[rng.choice([inp.name for inp in pack.inputs])] = rng.choice(["abc", "-5", "1e9", "7.5.1", "nhóm 9"])
        if i % 13 == 5:   # a value left out (required or not)
            row.pop(rng.choice([inp.name for inp in pack.inputs]), None)
        out.append(row)
    return out


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
@pytest.mark.parametrize("typed", [False, True])
def test_remembered_values_give_what_parsing_gives(pack_id, typed):
    pack = shipped_packs()[pack_id].pack
    remembered, parsed = v.RecordValidator(pack), v.RecordValidator(pack)
    parsed._knowns = None   # every row parsed
    sample = rows(pack, 600, pack_id, typed)
    for row in sample + sample:   # the second time, every accepted text is remembered
        assert outcome(remembered, row) == outcome(parsed, row), row
    if not typed:
        assert remembered._knowns is not None and remembered._misses < len(sample)


def test_rows_that_are_not_texts_stop_being_looked_up():
    """Past ``MISSES`` accepted rows with a value never remembered (numbers from JSON), the look-up
    is no longer tried, and the records stay the same."""
    pack = shipped_packs()["cong-dan-hoc-tap"].pack
    validator, parsed = v.RecordValidator(pack), v.RecordValidator(pack)
    parsed._knowns = None
    sample = rows(pack, 2 * v.MISSES, "typed", typed=True)   # about one in ten refused
    for row in sample:
        assert outcome(validator, row) == outcome(parsed, row)
    assert validator._knowns is None


def test_refused_rows_keep_the_look_up():
    """A file with a refused value every few rows (a score over its maximum) keeps looking its
    texts up however long it is: refusals are not counted as rows the look-up missed."""
    pack = shipped_packs()["cong-dan-hoc-tap"].pack
    validator, parsed = v.RecordValidator(pack), v.RecordValidator(pack)
    parsed._knowns = None
    good = {"id": "A", "group": "1", **{inp.name: "7.5" for inp in pack.inputs if inp.name != "group"}}
    bad = {**good, "1.1": "11"}
    for i in range(2 * v.MISSES + 50):   # more refused rows than MISSES
        row = {**(bad if i % 2 else good), "id": f"R{i}"}
        assert outcome(validator, row) == outcome(parsed, row)
    assert validator._knowns is not None and validator._misses == 1   # the first row: its texts not met before
    assert outcome(validator, {**good, "id": "Z"})[0] == "ok"
