"""Objects made once per row without their frozen dataclass's ``__init__`` (``quick``, issue 14)
are the objects the ``__init__`` makes: the same fields, the same values, defaults included."""
from __future__ import annotations

import random
from dataclasses import fields

import pytest

from scoring.results.aggregate import Result

# a value for each field, given or not, so that a missed default or a field set twice shows
SAMPLES = {"scored": object(), "error": "lỗi", "loaded": object(), "lang": "en", "provenance": object(),
           "in_force": object(), "raw": {"id": "A"}, "members": ("m",), "verification": object(),
           "extra": {"xã": "Tân Lập"}, "given_reason": "vì", "warnings": ("w",), "source": "f.csv",
           "given_line": b"{}", "given_stored": ("0" * 64, "{}")}


@pytest.mark.parametrize("seed", range(40))
def test_a_quick_result_is_the_result_its_init_makes(seed):
    rng = random.Random(seed)
    given = {name: value for name, value in SAMPLES.items() if rng.random() < 0.5}
    quick, slow = Result.quick("CD-1", "f.csv:2", **given), Result("CD-1", "f.csv:2", **given)
    assert all(getattr(quick, f.name) is getattr(slow, f.name) or f.name == "extra" for f in fields(Result))
    assert quick.extra == slow.extra and quick == slow
    # a field not given is read from the class, where the dataclass leaves its default
    for f in fields(Result):
        if f.name not in vars(quick):
            assert Result.__dict__[f.name] is f.default


def test_a_quick_result_reads_every_field_the_init_sets():
    given = dict(SAMPLES)
    quick, slow = Result.quick("CD-1", "f.csv:2", **given), Result("CD-1", "f.csv:2", **given)
    assert vars(quick) == vars(slow)


def test_every_field_of_result_is_sampled():
    # a new field of Result must be added above, so that its default is checked too
    assert set(SAMPLES) | {"id", "where"} == {f.name for f in fields(Result)}


def test_quick_results_keep_their_own_extra():
    a, b = Result.quick("A", "w"), Result.quick("B", "w")
    assert a.extra == {} and a.extra is not b.extra


def test_a_quick_record_is_what_its_init_makes():
    from scoring.records.validate import Record
    for where in ({}, {"where": "f.csv:2"}):
        rq, rs = Record.quick("CD-1", {"a": 1}, **where), Record(id="CD-1", values={"a": 1}, **where)
        assert vars(rq) == vars(rs) and rq == rs
        assert set(vars(rq)) == {f.name for f in fields(Record)}


def test_a_lined_result_is_the_quick_one_with_its_line():
    from scoring.packs.catalog import InForce, resolve_pack
    chosen = InForce(resolve_pack("cong-dan-hoc-tap"))
    for warnings in ((), ("w",)):
        lined = Result.lined("CD-1", "f.csv:2", b"{}", chosen, "en", {"id": "CD-1"}, "f.csv", warnings)
        quick = Result.quick("CD-1", "f.csv:2", loaded=chosen.loaded, lang="en", in_force=chosen, raw={"id": "CD-1"},
                             warnings=warnings, source="f.csv", given_line=b"{}")
        assert vars(lined) == vars(quick) and lined == quick
        assert all(getattr(lined, f.name) == getattr(quick, f.name) for f in fields(Result))
    assert Result.lined("A", "w", b"", chosen, "vi", {}, "f").extra is not Result.lined("B", "w", b"", chosen, "vi", {}, "f").extra
