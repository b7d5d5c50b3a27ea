"""Properties that must hold for any input (Hypothesis)."""

import yaml
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from scoring import load_pack_text, score_files, shipped_packs
from scoring.packs.model import Pack, to_data

INDICATORS = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]

points = st.one_of(st.integers(0, 10).map(str), st.sampled_from(["7.5", "4,5", "", "11", "x", "-1"]))
rows = st.lists(st.tuples(st.sampled_from(["A", "B", "C", "D", "E", ""]), st.sampled_from(["1", "2", "4", "5"]),
                          st.lists(points, min_size=10, max_size=10)), max_size=25)
FAST = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


def _write(tmp_path, data, name):
    path = tmp_path / name
    lines = ["id,group," + ",".join(INDICATORS)] + [",".join([rid, g, *p]) for rid, g, p in data]
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@FAST
@given(data=rows)
def test_records_in_equal_scored_plus_rejected(tmp_path, data):
    batch = score_files("cong-dan-hoc-tap", [_write(tmp_path, data, "in.csv")])
    results = list(batch.results())
    assert len(results) == len(data) == batch.counts.read
    assert batch.counts.read == batch.counts.scored + batch.counts.rejected
    assert all((r.scored is None) == (r.error is not None) for r in results)


@FAST
@given(data=rows.map(lambda rs: [(f"R{i}", g, p) for i, (_, g, p) in enumerate(rs)]), seed=st.randoms())
def test_order_of_records_does_not_change_any_result(tmp_path, data, seed):
    def by_id(rows_):
        batch = score_files("cong-dan-hoc-tap", [_write(tmp_path, rows_, "x.csv")])
        return {r.id: (r.scored.outcome, r.scored.total) if r.ok else r.error for r in batch.results()}
    shuffled = list(data)
    seed.shuffle(shuffled)
    assert by_id(data) == by_id(shuffled)


def test_load_dump_load_is_stable_for_every_shipped_pack():
    for loaded in shipped_packs().values():
        dumped = yaml.safe_dump(to_data(loaded.pack, by_alias=True, exclude_none=True), allow_unicode=True)
        again = load_pack_text(dumped, f"{loaded.pack.id}-dumped.yaml").pack
        assert again == loaded.pack
        assert isinstance(again, Pack)
