"""JSON Lines put together from encoded pieces (issue 14) are the general way's text, byte for
byte: on every shipped pack, with rejected rows, duplicates, odd numbers (-0, 1e-05, huge), text
that JSON must escape, dates that choose a pack, and claimed results; and a result contract that
changed under the fast way makes it give up rather than write something else."""
import datetime as dt
import io
import random

import pytest

from reference import random_values
from scoring import shipped_packs
from scoring.records.raw import RawRow
from scoring.results.lines import JsonLines
from scoring.results.provenance import RunInfo
from scoring.run.api import Batch, score_records
import scoring.results.render as render

RUN = RunInfo("20261201T000000Z-abcdef", "2026-12-01T00:00:00Z")


def general(r) -> str:
    return render.dumps(render.result_dict(r))


def rows_for(loaded, n: int, seed: str) -> list[RawRow]:
    rng = random.Random(seed)
    rows = []
    for i in range(n):
        values = random_values(loaded.pack, rng)
        if i % 41 == 7:
            values[loaded.pack.inputs[0].name] = "không rõ"   # rejected
        rid = f"R{i % (n - 5)}" if i % 13 else f'id "{i}"\\\n\t\u2028ư'   # duplicates, escapes
        rows.append(RawRow("gen \"ư\".jsonl", i + 1, {"id": rid, **values}))
    return rows


def check(results) -> int:
    lines = JsonLines(general)
    for r in results:
        assert lines.line(r) == general(r), r.where
    assert lines.fast, "the fast way gave up on a result contract it should know"
    return len(results)


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_every_shipped_pack_gives_the_general_text(pack_id):
    loaded = shipped_packs()[pack_id]
    assert check(list(Batch(loaded, rows_for(loaded, 300, pack_id), run=RUN).results())) == 300


def test_odd_numbers_and_languages():
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    base = {inp.name: 7.0 for inp in loaded.pack.inputs} | {"group": "1"}
    odd = ["-0", "0", "0.0", "1e-05", "0.00001", "9.999999999999999", "10", "5", "4.5", ".5", "7,5"]
    records = [{**base, "id": str(i), "1.1": v, "2.2": odd[-i % len(odd)]} for i, v in enumerate(odd)]
    for lang in ("vi", "en"):
        assert check(score_records(loaded, records, lang=lang)) == len(odd)


@pytest.mark.parametrize("model", ["don-vi-hoc-tap-huyen", "cong-dan-hoc-tap"])
def test_dates_that_choose_the_pack(model):
    """Each record's date picks its pack (the provenance then says which date, from where, and
    why the pack was in force; a district pack used after its day warns), or --as-of does."""
    from scoring.packs.catalog import models
    rng = random.Random(model)
    records = []
    for i in range(240):
        loaded = rng.choice(models()[model])
        date = f"{rng.choice([2019, 2021, 2023, 2024, 2025, 2026])}-{rng.randint(1, 12):02d}-15"
        records.append({"id": f"D{i}", "ngay_danh_gia": date, **random_values(loaded.pack, rng)})
    by_record = score_records(model, records, as_of="record")
    assert sum(1 for r in by_record if r.ok and r.provenance.as_of) > 100
    check(by_record)
    check(score_records(model, records, as_of=dt.date(2024, 6, 1)))


def test_a_changed_contract_makes_the_fast_way_give_up():
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    results = list(Batch(loaded, rows_for(loaded, 20, "changed"), run=RUN).results())
    changed = lambda r: render.dumps({**render.result_dict(r), "new": 1})   # noqa: E731
    lines = JsonLines(changed)
    assert [lines.line(r) for r in results] == [changed(r) for r in results]
    assert not lines.fast


def test_the_command_line_writes_the_general_text(tmp_path):
    """write_results (the CLI's jsonl) and the general way agree on a whole file."""
    loaded = shipped_packs()["don-vi-hoc-tap-tt24-tinh"]
    results = list(Batch(loaded, rows_for(loaded, 200, "cli"), run=RUN).results())
    out = io.StringIO()
    render.write_results(results, "jsonl", out, loaded.pack, None)
    assert out.getvalue() == "".join(general(r) + "\n" for r in results)


def written(batch) -> str:
    out = io.StringIO()
    render.write_results(batch.results(), "jsonl", out, batch.loaded.pack, batch.counts)
    return out.getvalue()


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_lines_made_beside_the_score_are_the_general_text(pack_id):
    """``Batch.lines`` (the CLI's jsonl): each scored row's line is written from its parts where it
    is scored, without making its result; the file is the general way's, byte for byte."""
    loaded = shipped_packs()[pack_id]
    rows = rows_for(loaded, 300, pack_id)
    assert written(Batch(loaded, rows, run=RUN, lines=True)) == written(Batch(loaded, rows, run=RUN))


def test_lines_from_parts_are_used_and_checked_first():
    """The first plain result is written both ways and compared: equal, the parts are used from then
    on; different (the result contract changed), every line is made the general way."""
    from scoring.run.batch import LineSpec, RowScorer
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    rows = rows_for(loaded, 60, "parts")
    scorer = RowScorer(loaded, lines=LineSpec(RUN))
    made = [scorer(row) for row in rows]
    assert scorer._plain is True
    changed = RowScorer(loaded, lines=LineSpec(RUN))
    changed.writer.scored = lambda *parts, **how: "something else"   # what a stale assembly would write
    text = lambda line: line.decode("utf-8") if isinstance(line, bytes) else line   # noqa: E731
    assert [text(changed(row).line) for row in rows] == [text(out.line) for out in made]
    assert any(isinstance(out.line, bytes) for out in made)   # the parts' lines, ready to write
    assert changed._plain is False


@pytest.mark.parametrize("pack_id", sorted(shipped_packs()))
def test_rows_scored_a_stage_at_a_time_give_what_each_row_scored_alone_gives(pack_id):
    """``RowScorer.many`` works the usual rows a stage at a time: every outcome, field for field,
    is the one a scorer of its own gives row by row, whatever lies among them (rows rejected, rows
    with a problem, claimed results, duplicates), from the first rows (scored one by one until the
    usual line is checked) to the rest, in chunks of any size."""
    from scoring.run.batch import LineSpec, RowScorer
    loaded = shipped_packs()[pack_id]
    rows = rows_for(loaded, 240, pack_id + " many")
    for i, row in enumerate(rows):
        if i % 17 == 3:
            rows[i] = RawRow(row.file, row.row, row.data, problem="một dòng hỏng")
        elif i % 19 == 5:   # a claimed result: checked, so off the usual path
            rows[i] = RawRow(row.file, row.row, {**row.data, "Tự đánh giá tổng điểm": "12",
                                                 "Tự đánh giá kết quả": loaded.pack.outcome_codes[0]})
    alone = RowScorer(loaded, lines=LineSpec(RUN))
    expected = [alone(row) for row in rows]
    for size in (1, 5, 64, len(rows)):
        scorer = RowScorer(loaded, lines=LineSpec(RUN))
        calls = {"validate": 0, "score": 0}
        for name, owner in (("validate", scorer.validator), ("score", scorer.scorer)):
            def counted(*args, _call=getattr(owner, name), _name=name):
                calls[_name] += 1
                return _call(*args)
            setattr(owner, name, counted)
        got = [out for at in range(0, len(rows), size) for out in scorer.many(rows[at:at + size])]
        assert got == expected, size
        assert scorer._plain is alone._plain
        # each row checked once (a row with a problem never) and each valid one scored once: none again
        assert calls["validate"] == sum(not row.problem for row in rows), size
        assert calls["score"] == sum(out.error is None for out in expected), size
    assert sum(out.error is not None for out in expected) >= 20   # the unusual rows were there
    assert sum(out.line.__class__ is str for out in expected) >= 5   # claims: written the general way
    assert sum(out.line.__class__ is bytes for out in expected) >= 150   # … and the usual rows from their parts


def test_rows_scored_a_stage_at_a_time_when_the_usual_line_is_given_up():
    """A scorer whose line from its parts was found to differ writes every line the general way,
    row by row: ``many`` gives what each row scored alone gives then too."""
    from scoring.run.batch import LineSpec, RowScorer
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    rows = rows_for(loaded, 60, "given up")
    made = []
    for _ in range(2):
        scorer = RowScorer(loaded, lines=LineSpec(RUN))
        scorer.writer.scored = lambda *parts, **how: "something else"   # what a stale assembly would write
        made.append(scorer)
    expected = [made[0](row) for row in rows]
    assert made[1].many(rows[:30]) + made[1].many(rows[30:]) == expected
    assert made[1]._plain is False and all(isinstance(out.line, str) for out in expected if out.line is not None)


@pytest.mark.parametrize("pack_id", ["cong-dong-hoc-tap-xa", "cong-dan-hoc-tap"])
def test_lines_with_date_warnings_and_claims(pack_id, tmp_path):
    """A record whose date passes the pack's warn_after day, or that carries a claimed result, is
    written the general way, beside plain ones written from their parts."""
    loaded = shipped_packs()[pack_id]
    rng = random.Random(pack_id)
    rows = []
    for i in range(120):
        values = random_values(loaded.pack, rng)
        if i % 3 == 0:
            values["ngay_danh_gia"] = f"{rng.choice([2020, 2024, 2025, 2026])}-0{rng.randint(1, 9)}-10"
        if i % 4 == 1:
            values["tu_danh_gia_ket_qua"] = rng.choice(loaded.pack.outcome_codes)
        rows.append(RawRow("dated.csv", i + 2, {"id": f"X{i}", **values}))
    plain = Batch(loaded, rows, run=RUN)
    text = written(Batch(loaded, rows, run=RUN, lines=True))
    assert text == written(plain)
    assert '"verification"' in text or pack_id != "cong-dan-hoc-tap"
    assert "warn_after" not in text   # the code stays in the pack; the warning is in words
    if loaded.pack.warn_after is not None:
        assert any(r.warnings for r in Batch(loaded, rows, run=RUN).results())


def test_lines_as_utf8_bytes_are_the_text_encoded_and_stay_text_when_they_cannot_be():
    """``scored(..., utf8=True)``: the same line as UTF-8 bytes; with a lone surrogate (a file name
    with bytes that are not UTF-8) it cannot be encoded, and the text is given as it is."""
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    results = [r for r in Batch(loaded, rows_for(loaded, 40, "utf8"), run=RUN).results() if r.ok]
    lines = JsonLines(general)
    for r in results:
        p = r.provenance
        for where in (r.where, "tệp \udcff.csv:2"):
            args = (r.scored, loaded, r.lang, where, r.reason_now(), p.result_id, lines.run(p), p.input_sha256,
                    p.raw_sha256, p.schema)
            text, raw = lines.scored(*args), lines.scored(*args, utf8=True)
            assert isinstance(text, str)
            if "\udcff" in where:
                assert raw == text
            else:
                assert raw == text.encode("utf-8") and "ư" in text


def test_indicator_pieces_kept_by_object_stay_right_when_objects_come_and_go():
    """An indicator result's piece is found by the object's id; the writer keeps every such object
    alive, so a new object can never take the id of one whose piece is kept. Here each result is
    dropped at once (as the scorer drops them past its own limit), so without that the allocator
    would hand the next one the same address, and its line would carry the last one's points."""
    import dataclasses
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    results = [r for r in Batch(loaded, rows_for(loaded, 30, "ids"), run=RUN).results() if r.ok]
    lines = JsonLines(general)
    lines.line(results[0])   # the first line of a pack is checked the general way
    rng = random.Random(14)
    for n in range(400):
        r = results[n % len(results)]
        fresh = tuple(dataclasses.replace(i, points=rng.choice([0.0, 2.5, 5.0, 7.5, 10.0]), value=None)
                      for i in r.scored.indicators)
        scored = dataclasses.replace(r.scored, indicators=fresh)
        p = r.provenance
        args = (loaded, r.lang, r.where, "lý do", p.result_id, lines.run(p), p.input_sha256, p.raw_sha256, p.schema)
        assert lines.scored(scored, *args) == JsonLines(general).scored(scored, *args)
        del fresh, scored


def test_a_pack_named_outright_keeps_the_usual_line_for_rows_without_a_date_column(monkeypatch):
    """A pack named outright may warn a record whose own date is outside its period, so a row with a date
    column is looked at; a file without one (as most are: issue 14's benchmark files) keeps the usual line
    and the stages, and no row's date is looked for. A JSON Lines row naming its own date column is."""
    from scoring.run import batch as batch_module
    from scoring.run.batch import LineSpec, RowScorer
    loaded = shipped_packs()["cong-dan-hoc-tap"]
    rows = rows_for(loaded, 60, "parts")
    looked = []
    real = batch_module.date_warnings
    monkeypatch.setattr(batch_module, "date_warnings", lambda *a, **k: looked.append(a) or real(*a, **k))
    scorer = RowScorer(loaded, lines=LineSpec(RUN))
    assert scorer._dated   # named outright, no --as-of
    scorer.many(rows[:20])
    one_by_one = []
    row_by_row = RowScorer.__call__
    monkeypatch.setattr(RowScorer, "__call__", lambda self, row: one_by_one.append(row) or row_by_row(self, row))
    scorer.many(rows[20:])
    assert one_by_one == []   # a stage at a time, as without the check
    assert len(looked) <= 1 and scorer._plain is True   # the first line, made the general way to check the parts'
    assert not any(map(scorer._row_dated, rows))
    before = len(looked)
    dated = [r.__class__(r.file, r.row, {**r.data, "nam_danh_gia": "2022"}, r.problem, r.sheet) for r in rows[:3]]
    outs = scorer.many(dated)
    assert len(looked) >= before + 3
    assert all(out.warnings for out in outs if out.error is None)   # 31/12/2022: before QĐ 324 (25/10/2023)
