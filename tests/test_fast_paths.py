"""The fast paths of validation and of the decision cache (issue 14) against the general way they
stand for, on generated records of every shipped pack and on boundary values: same values, same
refusals, same keys, same engine answers."""
import math
import random

import pytest

from reference import random_values
from scoring import Record, Scorer, shipped_packs
from scoring.engine.evaluate import value_key, value_keys
from scoring.records.validate import RecordValidator, _boolean_parser, _choice_parser, _number_parser, value_parser

PACKS = sorted(shipped_packs())


def _outcome(parse, value):
    try:
        got = parse(value)
    except ValueError as exc:
        return ("refused", repr(getattr(exc, "msg", exc)))
    return (got.__class__, repr(got))


def _awkward_values(inp) -> list:
    values = [None, "", " ", True, False, 0, 1, 0.0, -0.0, 1.0, 0.5, -1.0, 7, 7.5, 100, 100.0, 1e300, -1e300,
              math.nan, math.inf, -math.inf, "7,5", "abc", "có", "không", "x"]
    for bound in (inp.min, inp.max):
        if bound is not None:
            b = float(bound)
            values += [b, int(b) if b.is_integer() else b, math.nextafter(b, math.inf), math.nextafter(b, -math.inf)]
    values += [c.code for c in inp.choices]
    return values


@pytest.mark.parametrize("pack_id", PACKS)
def test_a_value_parser_gives_what_the_general_parser_gives(pack_id):
    """A JSON number in range and a JSON true/false skip the parser's checks: on every input of
    the pack, at and just beyond its bounds, and on values the checks refuse, the result (value
    and type) or the refusal is the general parser's."""
    general = {"number": _number_parser, "boolean": _boolean_parser, "choice": _choice_parser}
    rng = random.Random(pack_id)
    for inp in shipped_packs()[pack_id].pack.inputs:
        fast, slow = value_parser(inp), general[inp.type](inp)
        values = _awkward_values(inp) + [rng.uniform(-10, 110) for _ in range(200)]
        for value in values * 2:   # the second time, texts come from the parser's memory
            assert _outcome(fast, value) == _outcome(slow, value), (inp.name, value)


@pytest.mark.parametrize("pack_id", PACKS)
def test_validated_rows_are_the_general_parsers_values(pack_id):
    """Whole rows, as generated for the engine-vs-reference tests: each value is the general
    parser's, and a row is refused exactly when one of them refuses a value."""
    loaded = shipped_packs()[pack_id]
    validator = RecordValidator(loaded.pack)
    general = {"number": _number_parser, "boolean": _boolean_parser, "choice": _choice_parser}
    parsers = {inp.name: general[inp.type](inp) for inp in loaded.pack.inputs}
    rng = random.Random(f"rows-{pack_id}")
    for i in range(300):
        raw = random_values(loaded.pack, rng)
        if i % 7 == 3:
            name = rng.choice(list(raw))
            raw[name] = rng.choice([math.nan, -1.0, 1e9, "?", True])
        expected = {}
        refused = False
        for inp in loaded.pack.inputs:
            got = _outcome(parsers[inp.name], raw.get(inp.name))
            refused |= got[0] == "refused"
            expected[inp.name] = raw.get(inp.name) if got[0] == "refused" else parsers[inp.name](raw.get(inp.name))
        try:
            record = validator.validate({"id": f"R{i}", **raw})
        except Exception:
            assert refused or None in expected.values(), raw   # refused, or a required value missing
            continue
        assert not refused, raw
        assert {k: (v.__class__, repr(v)) for k, v in record.values.items()} == \
            {k: (v.__class__, repr(v)) for k, v in expected.items()}


def test_value_keys_tell_apart_exactly_what_reads_differently():
    values = [True, False, 1, 0, 1.0, 0.0, -0.0, None, "", "a", "1", "True", 2.5, 2, "0.0", 1e-05, math.inf]
    named = {f"n{i}": v for i, v in enumerate(values)}
    keys = value_keys(named, tuple(named))
    assert keys == [value_key(v) if not isinstance(v, str) else v for v in values]
    for (a, ka) in zip(values, keys):
        for (b, kb) in zip(values, keys):
            same = a.__class__ is b.__class__ and repr(a) == repr(b)
            assert (ka == kb) == same, (a, b)
            if same:
                assert hash(ka) == hash(kb)


def test_value_keys_of_texts_and_floats_are_the_values_but_zeros():
    """The usual record (texts and floats) is keyed by its values as they are, at once; a zero
    float (0.0 reads apart from -0.0) still gets its own key."""
    for values in ([2.5, "a", 1.0], [2.5, 0.0, "a"], [-0.0, 3.5], [math.nan, "x"], ["0.0", 1e-05, math.inf]):
        named = {f"n{i}": v for i, v in enumerate(values)}
        keys = value_keys(named, (*named, "absent"))
        wanted = [v if isinstance(v, str) or v else value_key(v) for v in values] + [value_key(None)]
        assert [repr(k) for k in keys] == [repr(k) for k in wanted], values
        keys = value_keys(named, tuple(named))
        assert [repr(k) for k in keys] == [repr(k) for k in wanted[:-1]], values


def _typed(loaded, rng):
    from scoring.errors import RecordError
    try:
        return RecordValidator(loaded.pack).validate({"id": "x", **random_values(loaded.pack, rng)}).values
    except RecordError:
        return None


@pytest.mark.parametrize("pack_id", PACKS)
def test_a_fact_of_the_fields_read_gets_the_whole_facts_answer(pack_id):
    """The engine asked about some indicators gets only the fields their rules read: it fires, for
    them, what it fires on the whole record fact with the same flags (the fact the uncached way
    asks with every flag)."""
    loaded = shipped_packs()[pack_id]
    scorer = Scorer(loaded)
    if scorer._known is None:
        pytest.skip("scored without the value cache")
    rng = random.Random(f"reduced-{pack_id}")
    checked = 0
    for _ in range(150):
        values = _typed(loaded, rng)
        if values is None:
            continue
        record = Record("x", values)
        runs = rng.sample(range(len(scorer._known)), k=rng.randint(1, min(3, len(scorer._known))))
        steps = [scorer._fact_of[n] for n in dict.fromkeys(n for i in runs for n in scorer._known[i].inputs)]
        flags = {a: 1 for i in runs for a in scorer._known[i].asks}
        with scorer.engine.session(scorer.compiled.name) as session:
            reduced = session.assert_fact({**scorer._record_fact(record, steps), **flags})
        with scorer.engine.session(scorer.compiled.name) as session:
            whole = session.assert_fact({**scorer._record_fact(record), **flags})
        assert reduced == whole
        checked += 1
    assert checked > 50


@pytest.mark.parametrize("pack_id", PACKS)
def test_the_summary_key_made_from_the_unmet_places_is_the_facts(pack_id):
    """Outcomes are looked up by a key made from a record's unmet indicators (and total), not from
    the summary fact: it is the key ``Decisions`` makes from the fact, on every record."""
    loaded = shipped_packs()[pack_id]
    scorer = Scorer(loaded)
    if scorer._outcome_masks is None:
        pytest.skip("the summary fact is made for every record")
    rng = random.Random(f"summary-{pack_id}")
    for _ in range(200):
        values = _typed(loaded, rng)
        if values is None:
            continue
        s = scorer.score(Record("x", values))
        unmet = sum(1 << p for p, r in enumerate(s.indicators) if r.status not in ("met", "not_applicable"))
        key = tuple(s.total if m is None else (unmet & m).bit_count() for m in scorer._outcome_masks)
        assert key == scorer.decisions.outcome_key(scorer._summary_fact(list(s.indicators), s.total))
        assert scorer._outcomes_known[key][0] == s.outcomes_reached


@pytest.mark.parametrize("pack_id", PACKS)
def test_a_remembered_result_is_the_result_made_the_usual_way(pack_id):
    """``Scored`` made without its __init__ on the remembered path: every field set, equal (and
    hashing equal) to the one made the usual way from the same parts, and still frozen."""
    import dataclasses
    from scoring.engine.evaluate import Scored
    loaded = shipped_packs()[pack_id]
    scorer = Scorer(loaded)
    rng = random.Random(f"scored-{pack_id}")
    for _ in range(50):
        values = _typed(loaded, rng)
        if values is None:
            continue
        record = Record("x", values, "gen.jsonl:1")
        for s in (scorer.score(record), scorer.score(record)):   # asked, then remembered
            assert set(vars(s)) == {f.name for f in dataclasses.fields(Scored)}
            usual = Scored(**{f.name: getattr(s, f.name) for f in dataclasses.fields(Scored)})
            assert s == usual and repr(s) == repr(usual)
            with pytest.raises(dataclasses.FrozenInstanceError):
                s.outcome = "other"


def test_a_fact_is_sent_to_the_engine_as_engine_number_writes_each_value():
    """``_readable`` passes a fact on as it is unless a float would be written with an exponent:
    on floats around the bounds where repr starts to use one, and on the awkward ones, the text
    sent is what ``engine_number`` applied to every value gives."""
    import json
    from scoring.engine.adapter import _readable, _to_json, engine_number
    rng = random.Random("readable")
    values = [0.0, -0.0, 1e-4, -1e-4, 1e-5, 1e16, -1e16, 1e300, 5e-324, math.inf, -math.inf, math.nan, 7, True,
              "a", None, 2.5, 123456789012345.6]
    for edge in (1e-4, 1e16):
        for x in (edge, -edge):
            values += [math.nextafter(x, math.inf), math.nextafter(x, -math.inf)]
    values += [rng.uniform(-1, 1) * 10 ** rng.randint(-8, 20) for _ in range(2000)]
    for v in values:
        fact = {"t": "rec", "a": 1.5, "v": v}
        assert _to_json({**_readable(fact), "sid": "1"}) == json.dumps(
            {**{k: engine_number(x) for k, x in fact.items()}, "sid": "1"}, ensure_ascii=False), v
        assert fact == {"t": "rec", "a": 1.5, "v": v} or v != v   # the fact given is not changed


@pytest.mark.parametrize("pack_id", [*PACKS, "big: split into groups"])
def test_planning_a_ruleset_leaves_its_definition_as_it_was(pack_id):
    """The engine's plan is made from the compiled rules without a copy of them first: it must not
    change them (the same definition is planned again for another engine, and checked by
    ``check_fits``); and registering shares the plan's conditions, so it must not change those."""
    import json
    from scoring.engine import adapter
    from scoring.engine.compile import compile_pack
    if pack_id.startswith("big"):   # rules that get a group number each (``_plan``)
        from test_big_packs import big_pack
        from scoring.packs.pack import load_pack_text
        loaded = load_pack_text(big_pack(100, "levels"), "lon.yaml")
    else:
        loaded = shipped_packs()[pack_id]
    compiled = compile_pack(loaded)
    before = json.dumps(compiled.definition, sort_keys=True)
    adapter._PLANS.pop(compiled.name, None)
    planned = adapter._plan(compiled.definition)[0]
    kept = json.dumps(planned, sort_keys=True)
    adapter.check_fits(compiled.definition)
    engine = adapter.RulesEngine()
    engine.register(compiled.name, compiled.definition)
    assert json.dumps(compiled.definition, sort_keys=True) == before
    assert json.dumps(adapter._PLANS[compiled.name][0], sort_keys=True) == kept
    assert (len(adapter._PLANS[compiled.name][1]["rec"].groups) > 1) == pack_id.startswith("big")


def _line_read_the_general_way(line: str):
    """A JSON Lines line as ``_jsonl_row`` read it before its fast path: every number through the
    decoder's hooks, every text checked for bad bytes and made NFC."""
    import json
    from scoring.messages import Msg
    from scoring.records import rows
    bad = rows._bad_bytes(line)
    if bad:
        return None, Msg("line.bad", problem=bad)
    try:
        item = rows._DECODER.decode(line.removeprefix("\ufeff"))
    except json.JSONDecodeError as exc:
        return None, Msg("jsonl.invalid", column=exc.colno, reason=rows.json_reason(exc.msg))
    except RecursionError:
        return None, Msg("vf.json_deep_here")
    problem = rows._item_problem(item, Msg("json.the_line"))
    return (None, problem) if problem is not None else (rows.nfc_item(item), None)


def _awkward_lines() -> list[str]:
    rng = random.Random("awkward lines")
    numbers = ["0", "-0", "0.0", "-0.0", "7", "7.5", "1e5", "1E-5", "1e400", "-1e400", "1e-400", "NaN", "Infinity",
               "-Infinity", "9" * 100, "-" + "9" * 100, "9" * 101, "-" + "9" * 101, "9" * 5000, "true", "false", "null",
               '"7,5"', '"NaN"', '"1e400"', '"Nhóm 1"', '"Nho\\u0301m 1"', '"\\u00e9"', '"\\ud800"', '"\\udc80x"',
               '"e\u0301"', '"\\\\u"', "[1e400]", "[1]", '{"a": 1e400}', "{}", '"a\\"b"']
    lines = [f'{{"id": "X{i}", "v": {n}}}' for i, n in enumerate(numbers)]
    lines += [f'{{"id": "Y", "a": {rng.choice(numbers)}, "b": {rng.choice(numbers)}, "c": {rng.choice(numbers)}}}'
              for _ in range(300)]
    lines += ['[1, 2]', '"text"', "7", "1e400", "9" * 5000, '{"id": "Z", "v": 1', '{"id": "Z", "v": }', "{", "",
              "\ufeff" + '{"id": "B", "v": 1}', '{"id": "D", "id": "E", "v": 1e400, "v": 2}', '{"e\u0301": 1}',
              '{"Nho\\u0301m": "a"}', '{"id": "F", "v": 7}   ', '{"id": "G", "v": "\udcff"}', '{"id": "H", "v": 1.5e308}']
    return lines


def _shown(x):
    """A value as it reads, with its type; an odd number's marker as its text."""
    from scoring.records import rows
    if isinstance(x, rows._Odd):
        return ("odd", x.text)
    if isinstance(x, dict):
        return [(_shown(k), _shown(v)) for k, v in x.items()]
    if isinstance(x, list):
        return [_shown(v) for v in x]
    return (type(x).__name__, repr(x))


def test_a_json_lines_row_is_read_as_the_general_way_reads_it():
    """``_jsonl_row`` reads numbers in C and skips the text checks on ASCII lines: on lines with
    every number the hooks mark (1e400, 101 digits, past Python's limit, NaN), the same inside
    texts and lists, escapes, decomposed accents, lone surrogates, BOM and broken JSON, the
    record (values, types, a zero's sign) or the refusal is the general way's."""
    from scoring.records import rows
    for line in _awkward_lines():
        row = rows._jsonl_row("f.jsonl", 3, line)
        if not line.strip():
            assert row is None
            continue
        data, problem = _line_read_the_general_way(line)
        assert repr(row.problem) == repr(problem), line
        if problem is None:
            assert _shown(row.data) == _shown(data), line


def test_an_encoder_made_once_writes_what_its_encode_writes():
    """``adapter.one_shot`` makes json's C encoder once (``encode`` makes one per call): for the
    encoders hoctap uses (the canonical one, sorted, compact, refusing NaN; the engine's facts'),
    and ASCII-only and indented ones, the same text for texts with every kind of escape, numbers of
    every kind (a zero's sign, 1e300, 5e-324, 2**70), yes/no, blanks and nested values, and the same
    refusal for what the encoder refuses (NaN, an object it cannot write)."""
    import json
    from scoring.engine.adapter import one_shot
    rng = random.Random("one shot")
    atoms = [0, -1, 2**70, 0.0, -0.0, 7.5, 1e300, 5e-324, 1e-7, True, False, None, "", "có", 'a"b\\c\n\t',
             "\u2028\x00\x1f\x7f", "\ud800", "😀", "Nguyễn"]

    def value(depth=0):
        kind = rng.random()
        if depth < 3 and kind < 0.15:
            return [value(depth + 1) for _ in range(rng.randrange(4))]
        if depth < 3 and kind < 0.3:
            return {rng.choice(["b", "a", "é", "1", "Z"]): value(depth + 1) for _ in range(rng.randrange(4))}
        return rng.choice(atoms)

    encoders = [json.JSONEncoder(ensure_ascii=False, sort_keys=True, separators=(",", ":"), allow_nan=False),
                json.JSONEncoder(ensure_ascii=False), json.JSONEncoder(), json.JSONEncoder(indent=2, sort_keys=True)]
    for encoder in encoders:
        fast = one_shot(encoder)
        for _ in range(500):
            x = value()
            assert fast(x) == encoder.encode(x), x
        for bad in (math.nan, math.inf, {"a": [1, -math.inf]}, {"a": object()}, {"a": {1, 2}}):
            try:
                expected = ("text", encoder.encode(bad))
            except (ValueError, TypeError) as exc:
                expected = (type(exc), str(exc).split(" at 0x")[0])
            try:
                got = ("text", fast(bad))
            except (ValueError, TypeError) as exc:
                got = (type(exc), str(exc).split(" at 0x")[0])
            assert got == expected, bad
