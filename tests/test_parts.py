"""Plain CSV files read by the workers in parts (``scoring.run.parts``): the output is the same,
byte for byte, as one process's, for every kind of row and file a council has; the parts are
really used where they can be, and the usual reader takes over wherever they cannot."""
import json
import operator
import random
import re
import unicodedata

import pytest

import scoring.run.api as api
import scoring.run.parts as parts
from conftest import FakeTerminal
from scoring import score_files
from scoring.records.rows import CsvParts
from scoring.results.aggregate import LineBlock
from scoring.run.batch import SeenIds

IND = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
HEADER = "id,group," + ",".join(IND)


def rows(n, seed=3, start=0):
    """n citizens' rows, some rejected (a point out of range, a word for a number)."""
    rng = random.Random(seed)
    out = []
    for i in range(start, start + n):
        points = [str(rng.choice(range(3, 21)) / 2).replace(".0", "") for _ in IND]
        if i % 11 == 10:
            points[rng.randrange(10)] = rng.choice(["11", "tám", ""])
        out.append(",".join([f"CD-{i:05d}", str(rng.randint(1, 4)), *points]))
    return out


def without_run(data: bytes) -> bytes:
    data = re.sub(rb'"run_id":"[^"]*"', b'"run_id":""', data)
    return re.sub(rb'"run_at":"[^"]*"', b'"run_at":""', data)


def one_and_two(runner, cli, paths):
    """The JSON lines (run fields blanked) and the messages of `score -f jsonl` with one process and with two."""
    outputs, messages = [], []
    for jobs in ("1", "2"):
        result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", *map(str, paths), "-f", "jsonl", "--jobs", jobs])
        assert result.exit_code == 1, result.output   # every file here has rejected rows
        outputs.append(without_run(result.stdout_bytes))
        messages.append(result.stderr)
    return outputs, messages


def files(tmp_path):
    """Each kind of file: its name and bytes."""
    body = rows(120)
    made = {
        "plain": HEADER + "\n" + "\n".join(body) + "\n",
        "crlf_bom_no_last_break": "\ufeff" + HEADER + "\r\n" + "\r\n".join(body),
        "blank_lines_and_titles": "BÁO CÁO CÔNG DÂN HỌC TẬP\n\n" + HEADER + "\n" + "\n\n".join(body[:60]) + "\n\n\n"
                                  + "\n".join(body[60:]) + "\n",
        # the same id far apart, and twice in a row (alone in its part, or with another): rejected as duplicates
        "duplicates": HEADER + "\n" + "\n".join(body[:90] + [body[5], body[89]] + body[90:110] + [body[111]]
                                                + body[111:] + [body[100]]) + "\n",
        "no_id_and_short_rows": HEADER + "\n" + "\n".join(body[:30] + [",2," + ",".join(["5"] * 10), "CD-77777,1,5,5"]
                                                         + body[30:]) + "\n",
        "footer_at_the_end": HEADER + "\n" + "\n".join(body) + "\nTổng cộng,,,,,,,,,,,\nNgười lập biểu,,,,,,,,,,,\n"
                             + ",Trần Văn Bình,,,,,,,,,,\n",
        "footer_in_the_middle": HEADER + "\n" + "\n".join(body[:50] + ["Cộng:,,,,,,,,,,,"] + body[50:]) + "\n",
        # a second list pasted under the first, its header row with it, and a summary table under both
        "header_again": HEADER + "\n" + "\n".join(body[:70] + [HEADER.upper()] + body[70:])
                        + "\nSố người,Đạt,Chưa đạt,,,,,,,,,\n120,100,20,,,,,,,,,\n",
        # a list numbered ahead (STT alone under the people) with group headings: layout rows, not records
        "numbered_and_groups": "STT," + HEADER + "\nI,Thôn Đoài" + "," * 11 + "\n"
                               + "\n".join(f"{n},{row}" for n, row in enumerate(body[:60], start=1))
                               + "\nII,,Thôn Thượng" + "," * 10 + "\n"
                               + "\n".join(f"{n},{row}" for n, row in enumerate(body[60:], start=61))
                               + "\n" + "".join(f"{n}" + "," * 12 + "\n" for n in range(121, 131)),
        "quote_in_the_middle": HEADER + "\n" + "\n".join(body[:70] + ['CD-88888,"1",5,5,5,5,5,5,5,5,5,5'] + body[70:])
                               + "\n",
        "lone_cr": HEADER + "\n" + "\n".join(body[:40]) + "\r" + "\n".join(body[40:]) + "\n",
        "long_line": HEADER + "\n" + "\n".join(body[:20] + ["CD-99999,1," + "5," * 9 + "5" + " " * 3000] + body[20:])
                     + "\n",
    }
    # a council's own layout: Vietnamese headers, ';' between values (Excel in Vietnamese), names written
    # decomposed (NFD) in some rows, and rows wider than the header (blank or not)
    vi_header = "Mã số;Họ và tên;Nhóm;" + ";".join(IND)
    vi_rows = []
    for i, row in enumerate(body):
        rid, group, *points = row.split(",")
        name = unicodedata.normalize("NFD" if i % 3 else "NFC", f"Nguyễn Thị Ánh {i}")
        extra = ";;" if i % 17 == 0 else ";x" if i % 29 == 0 else ""
        vi_rows.append(";".join([rid, name, group, *points]) + extra)
    made["vietnamese_semicolons"] = "\ufeff" + vi_header + "\r\n" + "\r\n".join(vi_rows) + "\r\n"
    made["tabs"] = HEADER.replace(",", "\t") + "\n" + "\n".join(r.replace(",", "\t") for r in body) + "\n"
    records = []
    for row in body:
        rid, group, *points = row.split(",")
        records.append(json.dumps({"id": rid, "group": int(group),
                                   **{k: (float(v) if v.replace(".", "").isdigit() else v) for k, v in zip(IND, points)}},
                                  ensure_ascii=False))
    made["jsonl.jsonl"] = "\n".join(records) + "\n"
    # as a system writes them: a BOM, CRLF, blank lines, a line that is no JSON, one that is no object, a note
    # holding U+2028 (a line break to str.splitlines, not to JSON Lines), a repeat, bytes that are not UTF-8
    # (below), and a total under the table
    note = json.dumps({"id": "CD-70000", "group": 2, **{k: 6 for k in IND}, "ghi chú": "dòng một\u2028dòng hai"},
                      ensure_ascii=False)
    awkward = (records[:30] + ["", "{not json", "[1, 2]", note] + records[30:60] + ["", records[12]] + records[60:]
               + [json.dumps({"id": "", "ghi chú": "Tổng cộng"}, ensure_ascii=False)])
    made["jsonl_awkward.jsonl"] = "\ufeff" + "\r\n".join(awkward) + "\r\n"
    paths = {}
    for name, text in made.items():
        paths[name] = tmp_path / (name if name.endswith(".jsonl") else f"{name}.csv")
        paths[name].write_bytes(text.encode("utf-8"))
    bad = (tmp_path / "bad_bytes.csv")
    bad.write_bytes((HEADER + "\n" + "\n".join(body[:60])).encode() + b"\nCD-\xff1,1,5,5,5,5,5,5,5,5,5,5\n"
                    + "\n".join(body[60:]).encode() + b"\n")
    paths["bad_bytes"] = bad
    at = paths["jsonl_awkward.jsonl"].read_bytes()
    cut = at.index(b'"CD-00077"')
    paths["jsonl_awkward.jsonl"].write_bytes(at[:cut] + b'"CD-\xff0077"' + at[cut + len(b'"CD-00077"'):])
    return paths


@pytest.mark.parametrize("name", ["plain", "crlf_bom_no_last_break", "blank_lines_and_titles", "duplicates",
                                  "no_id_and_short_rows", "footer_at_the_end", "footer_in_the_middle", "numbered_and_groups",
                                  "header_again", "quote_in_the_middle", "lone_cr", "long_line", "bad_bytes", "two_files",
                                  "vietnamese_semicolons", "tabs", "jsonl.jsonl", "jsonl_awkward.jsonl"])
def test_parts_give_what_one_process_gives(runner, cli, tmp_path, monkeypatch, name):
    monkeypatch.setattr(parts, "PART_BYTES", 500)   # parts of about ten rows: many cuts, a few rows each
    paths = files(tmp_path)
    given = [paths["plain"], paths["duplicates"]] if name == "two_files" else [paths[name]]
    outputs, messages = one_and_two(runner, cli, given)
    assert outputs[0] == outputs[1]
    assert messages[0] == messages[1]
    lines = [json.loads(line) for line in outputs[0].splitlines()]
    scored, rejected = map(int, re.search(r"(\d+) được chấm, (\d+) bị loại", messages[0]).groups())
    assert len(lines) == scored + rejected and rejected == sum(1 for line in lines if "error" in line)


def test_a_line_longer_than_a_part_may_grow_gives_the_rest_to_the_usual_reader(runner, cli, tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "PART_BYTES", 500)
    monkeypatch.setattr(parts, "LINE_BYTES", 2000)   # the long line (3,000 bytes) is past it
    path = files(tmp_path)["long_line"]
    outputs, _ = one_and_two(runner, cli, [path])
    assert outputs[0] == outputs[1] and outputs[0].count(b"\n") == 121
    given, counts = blocks_and_results([path])
    blocks = [g for g in given if g.__class__ is LineBlock]
    assert blocks and sum(b.rows for b in blocks) < 20 and counts.read == 121   # the parts stop at the long line


def test_a_workbook_beside_a_plain_file_is_read_the_usual_way(runner, cli, tmp_path, monkeypatch):
    """Files are taken in order, each in parts or row by row: a workbook (never in parts), then a
    plain CSV file, give the same lines with one process as with two."""
    from books import citizen, council_workbook
    import scoring.run.batch as batch_module
    monkeypatch.setattr(parts, "PART_BYTES", 500)
    monkeypatch.setattr(batch_module, "CHUNK_ROWS", 3)
    book = council_workbook(tmp_path / "xa.xlsx", [citizen(f"CD-{i}", (i % 11) or "x") for i in range(40)])
    given = [book, files(tmp_path)["plain"]]
    outputs, _ = one_and_two(runner, cli, given)
    assert outputs[0] == outputs[1] and outputs[0].count(b"\n") == 160
    results, counts = blocks_and_results(given)
    assert [r.__class__ is LineBlock for r in results[:40]] == [False] * 40 and results[-1].__class__ is LineBlock


def blocks_and_results(paths, jobs=2):
    batch = score_files("cong-dan-hoc-tap", paths, jobs=jobs)
    batch.lines = batch.blocks = True
    given = list(batch.results())
    return given, batch.counts


def test_a_plain_file_is_read_by_the_workers_and_its_counts_add_up(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "PART_BYTES", 500)
    paths = files(tmp_path)
    given, counts = blocks_and_results([paths["plain"]])
    blocks = [g for g in given if g.__class__ is LineBlock]
    assert len(blocks) >= 5 and given[0].__class__ is not LineBlock   # the first record is read the usual way
    assert sum(b.rows for b in blocks) == 119 and counts.read == 120 == counts.scored + counts.rejected
    assert sum(b.given_line.count(b"\n") + 1 for b in blocks) == 119
    rejected = sum(b.rows - b.scored for b in blocks)
    assert rejected == sum(1 for line in b"\n".join(b.given_line for b in blocks).splitlines() if b'"error"' in line)


def test_the_engines_answers_go_between_the_processes(runner, cli, tmp_path, monkeypatch):
    """With two processes, what the worker's engine answered comes back with its parts and is
    remembered here (``Scorer.absorb``), and what this one's answered goes with the next parts given
    (``_there`` absorbs it there): the output stays what one process writes."""
    from scoring.engine.evaluate import Scorer
    monkeypatch.setattr(parts, "PART_BYTES", 500)
    absorbed, sent = [], []
    absorb, learned = Scorer.absorb, Scorer.learned
    monkeypatch.setattr(Scorer, "absorb", lambda self, got: absorbed.append(got) or absorb(self, got))
    monkeypatch.setattr(Scorer, "learned", lambda self: sent.append(learned(self)) or sent[-1])
    path = files(tmp_path)["plain"]
    given, counts = blocks_and_results([path])
    assert counts.read == 120 and sum(g.rows for g in given if g.__class__ is LineBlock) >= 60
    from_worker = [got for got in absorbed if got is not None]
    assert from_worker and all(len(entry) == 4 for got in from_worker for entry in got[0])
    assert sent   # asked for at every item given to the worker
    outputs, _ = one_and_two(runner, cli, [path])
    assert outputs[0] == outputs[1]


@pytest.mark.parametrize("name, read", [("quote_in_the_middle", 121), ("lone_cr", 120)])
def test_a_file_that_is_not_plain_is_read_the_usual_way(tmp_path, name, read):
    given, counts = blocks_and_results([files(tmp_path)[name]])
    assert not any(g.__class__ is LineBlock for g in given) and counts.read == read


def test_a_footer_gives_the_rest_of_the_file_to_the_usual_reader(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "PART_BYTES", 500)
    given, counts = blocks_and_results([files(tmp_path)["footer_at_the_end"]])
    assert any(g.__class__ is LineBlock for g in given)
    assert counts.read == 123 and counts.skipped == 3 and counts.scored + counts.rejected == 120
    assert [where for where, _ in counts.skipped_rows] == [f"{tmp_path / 'footer_at_the_end.csv'}:{n}" for n in (122, 123, 124)]


def test_rows_numbered_ahead_and_group_headings_are_skipped_as_the_usual_reader_skips_them(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "PART_BYTES", 500)
    path = files(tmp_path)["numbered_and_groups"]
    given, counts = blocks_and_results([path])
    assert counts.read == 132 and counts.skipped == 12 and counts.scored + counts.rejected == 120
    assert sorted(int(where.rsplit(":", 1)[1]) for where, _ in counts.skipped_rows) == [2, 63, *range(124, 134)]


def test_a_repeated_header_gives_the_rest_of_the_file_to_the_usual_reader(tmp_path, monkeypatch):
    """A worker meeting the header row again gives its part back, as for a total: the row is skipped
    and said, never scored as a record with id 'ID', whichever way the file is read."""
    monkeypatch.setattr(parts, "PART_BYTES", 500)
    path = files(tmp_path)["header_again"]
    given, counts = blocks_and_results([path])
    assert any(g.__class__ is LineBlock for g in given)
    assert counts.read == 123 and counts.skipped == 3 and counts.scored + counts.rejected == 120
    assert [where for where, _ in counts.skipped_rows] == [f"{path}:{n}" for n in (72, 123, 124)]


def test_one_process_reads_a_small_file_the_usual_way(tmp_path):
    given, counts = blocks_and_results([files(tmp_path)["plain"]], jobs=1)
    assert not any(g.__class__ is LineBlock for g in given) and counts.read == 120


def test_one_process_reads_a_large_file_in_parts(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "PART_BYTES", 500)
    path = files(tmp_path)["plain"]
    monkeypatch.setattr(api, "LARGE_INPUT_BYTES", path.stat().st_size)   # the file is just large enough
    given, counts = blocks_and_results([path], jobs=1)
    assert sum(g.rows for g in given if g.__class__ is LineBlock) == 119 and counts.read == 120
    monkeypatch.setattr(api, "LARGE_INPUT_BYTES", path.stat().st_size + 1)   # one byte short of it
    given, counts = blocks_and_results([path], jobs=1)
    assert not any(g.__class__ is LineBlock for g in given) and counts.read == 120


@pytest.mark.parametrize("name", ["plain", "crlf_bom_no_last_break", "blank_lines_and_titles", "duplicates",
                                  "no_id_and_short_rows", "footer_at_the_end", "footer_in_the_middle", "numbered_and_groups",
                                  "header_again", "quote_in_the_middle", "lone_cr", "long_line", "bad_bytes", "two_files",
                                  "vietnamese_semicolons", "tabs", "jsonl.jsonl", "jsonl_awkward.jsonl"])
def test_one_process_in_parts_gives_what_it_gives_row_by_row(runner, cli, tmp_path, monkeypatch, name):
    monkeypatch.setattr(parts, "PART_BYTES", 500)
    paths = files(tmp_path)
    given = [paths["plain"], paths["duplicates"]] if name == "two_files" else [paths[name]]
    outputs, messages = [], []
    for large in (1 << 40, 0):   # row by row, then in parts
        monkeypatch.setattr(api, "LARGE_INPUT_BYTES", large)
        result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", *map(str, given), "-f", "jsonl", "--jobs", "1"])
        assert result.exit_code == 1, result.output   # every file here has rejected rows
        outputs.append(without_run(result.stdout_bytes))
        messages.append(result.stderr)
    assert outputs[0] == outputs[1] and messages[0] == messages[1]


def test_parts_are_cut_at_line_breaks_and_number_their_lines(tmp_path, monkeypatch):
    monkeypatch.setattr(parts, "PART_BYTES", 64)
    path = tmp_path / "r.csv"
    lines = [HEADER, *rows(30)]
    path.write_bytes(("\n".join(lines)).encode())   # no line break after the last line
    cut = list(parts._parts(0, str(path), len(lines[0]) + 1, 2, CsvParts(HEADER.split(","), ",")))
    assert b"".join(p.data for p in cut) == "\n".join(lines[1:]).encode()
    for p in cut:
        first = p.data.split(b"\n", 1)[0].decode()
        assert lines[p.line - 1] == first
        assert p.data.endswith(b"\n") or p is cut[-1]


def test_a_worker_reads_every_part_of_a_file_with_one_reader(tmp_path, monkeypatch):
    """Each part reaches a worker pickled, its reader (the CSV header) with it, as the file's first
    record came in a chunk: the worker reads every part with one reader whose columns are the str
    objects of that first record's, so the validator, which keeps the first row's, finds a column
    by identity rather than by comparing texts in every row. A file with another header keeps its
    own reader. The rows read are the same."""
    import pickle
    from scoring.run import batch
    from scoring.run.batch import LineSpec, RowScorer, _ChunkScorer, as_tuples
    monkeypatch.setattr(parts, "PART_BYTES", 64)
    monkeypatch.setattr(parts, "_readers", [])
    monkeypatch.setattr(batch, "columns_seen", {})
    path = tmp_path / "r.csv"
    lines = [HEADER, *rows(30)]
    path.write_bytes(("\n".join(lines) + "\n").encode())
    b = score_files("cong-dan-hoc-tap", [path])
    monkeypatch.setattr(batch, "_worker", _ChunkScorer(RowScorer(b.loaded, "vi", True, reasons=True, lines=LineSpec(b.run))))
    chunk = pickle.loads(pickle.dumps(as_tuples([b.rows.started[0][0]])))   # the first record, as a worker gets it
    batch._score_chunk(chunk)
    columns = list(chunk[0][2])
    cut = list(parts._parts(0, str(path), len(lines[0]) + len(lines[1]) + 2, 3, CsvParts(HEADER.split(","), ",")))
    sent = [pickle.loads(pickle.dumps(p)) for p in cut]   # as a worker receives them
    assert len(sent) >= 3 and sent[1].reader is not sent[0].reader
    kept = [parts._kept_reader(p) for p in sent]
    assert all(p.reader is kept[0].reader for p in kept)
    read = [list(p.reader.rows(p.data, p.line, p.file)) for p in kept]
    assert all(all(map(operator.is_, row.data, columns)) for part in read for row in part)
    assert read == [list(p.reader.rows(p.data, p.line, p.file)) for p in sent]
    other = pickle.loads(pickle.dumps(cut[0]._replace(index=1, reader=CsvParts([*IND[:-1], "3.3"], ","))))
    assert parts._kept_reader(other).reader is other.reader


@pytest.mark.parametrize("limit", [10_000, 7])   # in memory, and on disk
def test_seen_ids_checked_a_block_at_a_time_answer_as_one_at_a_time(limit):
    rng = random.Random(5)
    seen, model, line = SeenIds(memory_limit=limit), {}, {"f": 1, "g": 1}
    for b in range(300):
        file = "fg"[b % 3 == 2]
        block = [f"CD-{rng.randrange(600):04d}" for _ in range(rng.randint(1, 6))]
        if b % 10 == 0:   # an id given twice in one block, and never before
            block = [f"new-{b}", f"new-{b}"]
        numbers = []
        for _ in block:   # rising lines, some skipped (a rejected row between two scored ones)
            line[file] += rng.choice([1, 1, 1, 2, 5])
            numbers.append(line[file])
        fresh = all((file, rid) not in model for rid in block) and len(set(block)) == len(block)
        assert seen.fresh(file, block, numbers) == fresh
        for rid, n in zip(block, numbers):
            where = f"{file}:{n}"
            expected = model.setdefault((file, rid), where)
            if not fresh:   # the caller then asks of each row: the first place of a repeated id
                assert seen.first(file, rid, where) == (None if expected == where else expected)
        if b % 50 == 49:   # one at a time in between, as a file read the usual way does
            rid = f"CD-{rng.randrange(600):04d}"
            line["f"] += 1
            where = f"f:{line['f']}"
            before = model.setdefault(("f", rid), where)
            assert seen.first("f", rid, where) == (None if before == where else before)
    assert (seen._db is not None) == (limit == 7)
    seen.close()


def test_seen_ids_on_disk_read_a_block_given_by_line_exactly(monkeypatch):
    """On disk, a block's ids reach SQLite as one JSON array: every text an id may hold comes back
    as it was; where SQLite cannot take the array (a NUL), the block is checked id by id."""
    seen = SeenIds(memory_limit=1)
    assert seen.first("f", "x", "f:1") is None and seen.first("f", "y", "f:2") is None   # on disk now
    one_by_one = SeenIds._fresh_one_by_one
    monkeypatch.setattr(SeenIds, "_fresh_one_by_one", None)   # not used unless SQLite cannot read the array
    odd = ['a"b', "c\\d", "e\nf", "đã ✓ 😀", "\u2028", "[1]", "null", "Nhóm\t2", " x "]
    numbers = [10 + 3 * i for i in range(len(odd))]   # with gaps: nulls between them in the array
    assert seen.fresh("dir/a b.csv", odd, numbers)
    for rid, n in zip(odd, numbers):
        assert seen.first("dir/a b.csv", rid, "x:0") == f"dir/a b.csv:{n}"
    assert not seen.fresh("dir/a b.csv", ["new", "null"], [99, 100])   # the text 'null', not a JSON null
    assert seen.first("dir/a b.csv", "new", "x:1") is None   # the block that failed left nothing behind
    assert seen.fresh("other.csv", odd, numbers)   # the same ids in another file are other records
    assert not seen.fresh("dir/a b.csv", ["c\\d"], [13])   # the same file given twice: its lines again
    assert seen.fresh("dir/a b.csv", ["p", "q", "r"], [300, 301, 302])   # no gap: the ids as the array
    assert seen.first("dir/a b.csv", "r", "x:3") == "dir/a b.csv:302"
    monkeypatch.setattr(SeenIds, "_fresh_one_by_one", one_by_one)
    assert seen.fresh("dir/a b.csv", ["s", "t", "u"], [350, 350, 352])   # two rows on one line: one by one
    assert [seen.first("dir/a b.csv", rid, "x:9") for rid in "stu"] == ["dir/a b.csv:350", "dir/a b.csv:350",
                                                                            "dir/a b.csv:352"]
    assert seen.fresh("dir/a b.csv", ["v", "w"], [361, 360])   # out of order: one by one
    assert seen.first("dir/a b.csv", "w", "x:9") == "dir/a b.csv:360"
    assert seen.fresh("dir/a b.csv", ["g\x00h", "i"], [400, 401])   # a NUL: one by one
    assert seen.first("dir/a b.csv", "g\x00h", "x:4") == "dir/a b.csv:400"
    assert not seen.fresh("dir/a b.csv", ["g\x00h"], [500])
    monkeypatch.setattr(SeenIds, "_fresh_by_line", lambda *a: None)   # SQLite without JSON: one by one, the same answers
    assert not seen.fresh("dir/a b.csv", ["zz", "e\nf"], [600, 601])
    assert seen.fresh("dir/a b.csv", ["zz", "yy"], [600, 602])
    assert seen.first("dir/a b.csv", "yy", "x:5") == "dir/a b.csv:602"
    seen.close()


def test_the_last_parts_of_a_file_are_short(tmp_path):
    """So that when the file is all given out, what the worker still has in hand is little."""
    path = tmp_path / "r.csv"
    lines = [HEADER, *rows(20000)]   # about 1 MB: the first parts are whole ones
    path.write_bytes(("\n".join(lines) + "\n").encode())
    start = len(lines[0]) + 1
    cut = list(parts._parts(0, str(path), start, 2, CsvParts(HEADER.split(","), ",")))
    sizes = [len(p.data) for p in cut]
    assert b"".join(p.data for p in cut) == path.read_bytes()[start:]
    longest = max(map(len, lines))
    assert max(sizes) <= parts.PART_BYTES + longest and sizes[0] > parts.PART_BYTES - longest   # a line is never cut
    assert all(size <= parts.MIN_PART_BYTES + longest for size in sizes[-4:])   # the tail: a few rows each


@pytest.mark.parametrize("name", ["plain", "crlf_bom_no_last_break", "blank_lines_and_titles", "duplicates",
                                  "no_id_and_short_rows", "footer_in_the_middle", "long_line", "bad_bytes",
                                  "vietnamese_semicolons", "tabs", "jsonl.jsonl", "jsonl_awkward.jsonl"])
def test_parts_are_used_in_every_plain_file(tmp_path, monkeypatch, name):
    monkeypatch.setattr(parts, "PART_BYTES", 500)
    given, counts = blocks_and_results([files(tmp_path)[name]])
    assert sum(g.rows for g in given if g.__class__ is LineBlock) > 10
    assert counts.read == counts.scored + counts.rejected + counts.skipped


def test_the_progress_line_counts_the_rows_of_a_block(monkeypatch, slow_clock):
    command_line, terminal = slow_clock, FakeTerminal()
    monkeypatch.setattr(command_line.sys, "stderr", terminal)
    given = [object()] + [LineBlock(b"{}", 300, 300) for _ in range(3)]   # one row, then blocks of 300
    assert list(command_line._progress(iter(given))) == given
    shown = [part for part in terminal.text.split("\r") if part.strip()]
    assert shown[0].startswith("301 hồ sơ… ") and shown[1].startswith("601 hồ sơ… ") and shown[2].startswith("901 hồ sơ… ")


def test_the_benchmark_of_parts_runs(tmp_path):
    """benchmarks/bench_parts.py calls this module's inner steps: it must keep up with them (no timing asserted)."""
    import subprocess
    import sys
    from conftest import ROOT
    done = subprocess.run([sys.executable, str(ROOT / "benchmarks" / "bench_parts.py"), "--make", "3000",
                           str(tmp_path / "c.csv"), "--rounds", "1", "--units", "200"],
                          capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "every row in parts" in done.stdout and "200 TT 24 units in one process" in done.stdout
    # 1 in 50 generated records is out of range, and the first record is read the usual way, not in a part
    assert "the ids of 2,939 scored rows" in done.stdout
    # two scorers passing on what they learn ask the engine as often as one does
    asked = re.search(r"engine asked ([\d,]+) times in one process;.*, ([\d,]+) \(([\d,]+) \+ ([\d,]+)\) passing on",
                      done.stdout)
    assert asked, done.stdout
    one, together, first, second = (int(n.replace(",", "")) for n in asked.groups())
    assert one == together == first + second and first and second


def test_a_count_in_the_id_column_of_a_total_row_is_skipped_by_a_worker_as_by_one_process(runner, cli, tmp_path, monkeypatch):
    """Numbered ids (STT as the id) with '60 | Tổng cộng' after each group: the count is no record numbered 60."""
    monkeypatch.setattr(parts, "PART_BYTES", 500)
    head = "id,ho_ten,group," + ",".join(IND)
    people = [f"{i},Người {i},1," + ",".join(["8"] * 10) for i in range(1, 121)]
    total = ",Tổng cộng,," + ",".join([""] * 10)
    path = tmp_path / "stt.csv"
    path.write_text("\n".join([head, *people[:60], "60" + total, *people[60:], "120" + total, "Người lập biểu"]) + "\n",
                    encoding="utf-8")
    outputs, messages = [], []
    for jobs in ("1", "2"):
        result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path), "-f", "jsonl", "--jobs", jobs])
        assert result.exit_code == 0, result.output
        outputs.append(without_run(result.stdout_bytes))
        messages.append(result.stderr)
    assert outputs[0] == outputs[1] and messages[0] == messages[1]
    assert [json.loads(line)["id"] for line in outputs[0].splitlines()] == [str(i) for i in range(1, 121)]
    assert "đã đọc 123 hồ sơ: 120 được chấm, 0 bị loại, 3 bỏ qua" in messages[0]
    assert "bỏ qua 3 dòng cuối bảng (không phải hồ sơ): Tổng cộng, Người lập biểu" in messages[0]
