"""Large batches: the output is the same, byte for byte, whatever the number of processes;
duplicate ids are caught across chunks and processes; an interrupted run leaves no file."""
import json
import os
import random
import re
import signal
import subprocess
import sys
import threading
import time
import unicodedata
from pathlib import Path

import openpyxl
import pytest

from books import citizen, council_workbook
from conftest import ROOT, FakeTerminal
import scoring.run.batch as batch_module
from scoring import score_files
from scoring.run.batch import SeenIds, cores, default_jobs
from scoring.results.output import write_results_file
from openpyxl.worksheet._writer import ALL_TEMP_FILES as openpyxl_temporary_files

IND = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]


def records_csv(path, n, seed=7):
    """n citizens, about 1 in 20 invalid, and ids repeated far apart (across chunks)."""
    rng = random.Random(seed)
    lines = ["id,group," + ",".join(IND)]
    for i in range(n):
        rid = f"CD-{i:05d}" if i % 97 != 96 else f"CD-{i - 90:05d}"  # a repeat of a row 90 rows earlier
        points = [str(rng.choice(range(3, 21)) / 2) for _ in IND]
        if i % 20 == 19:
            points[rng.randrange(10)] = rng.choice(["11", "tám", ""])
        lines.append(",".join([rid, str(rng.randint(1, 4)), *points]))
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


@pytest.mark.parametrize("ext", ["csv", "jsonl", "json", "xlsx"])
def test_one_and_two_processes_write_the_same_bytes(runner, cli, tmp_path, monkeypatch, ext):
    monkeypatch.setattr(batch_module, "CHUNK_ROWS", 7)   # many small chunks: order and duplicates get tested
    source = records_csv(tmp_path / "r.csv", 400)
    outputs = []
    for jobs in ("1", "2"):
        out = tmp_path / f"out{jobs}.{ext}"
        result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(source), "-o", str(out), "--jobs", jobs])
        assert result.exit_code == 1, result.output
        rejected = 400 // 20 + 4  # every 20th row is invalid; rows 96, 193, 290 and 387 repeat an id
        assert result.stderr == f"đã đọc 400 hồ sơ: {400 - rejected} được chấm, {rejected} bị loại\nđã ghi {out}\n"
        outputs.append(without_run(out.read_bytes()))
    assert outputs[0] == outputs[1]


def awkward_csv(path, n):
    """A council's file as it comes: a BOM, Vietnamese (some of it decomposed, NFD), a note with
    quoted line breaks, invalid rows, bytes that are not UTF-8, ids repeated across chunks, and
    a total and signatures under the table."""
    rng = random.Random(11)
    lines = ["\ufeffMã số,Họ và tên,Ghi chú,Nhóm," + ",".join(IND)]
    for i in range(n):
        rid = f"CĐ-{i:04d}" if i % 37 != 36 else f"CĐ-{i - 30:04d}"
        name = unicodedata.normalize("NFD" if i % 3 else "NFC", f"Nguyễn Thị Ánh {i}")
        note = f'"dòng một\ndòng ""hai"" {i}"' if i % 5 == 0 else ""
        points = [str(rng.choice(range(3, 21)) / 2).replace(".0", "") for _ in IND]
        if i % 13 == 12:
            points[rng.randrange(10)] = rng.choice(["11", "tám", ""])
        lines.append(",".join([rid, name, note, str(rng.randint(1, 4)), *points]))
    lines += [",Tổng cộng,,,,,,,,,,,,", ",Người lập biểu,,,,,,,,,,,,", ",Trần Văn Bình,,,,,,,,,,,,"]
    data = ("\r\n".join(lines) + "\r\n").encode("utf-8")
    at = data.index("CĐ-0009,".encode())
    path.write_bytes(data[:at] + b"C\xff-0009," + data[at + len("CĐ-0009,".encode()):])   # not UTF-8: rejected
    return path


@pytest.mark.parametrize("to_file", [False, True])
def test_any_number_of_processes_writes_the_same_json_lines(runner, cli, tmp_path, monkeypatch, to_file):
    """-f jsonl, where the lines are made where each row is scored (here or in a worker) and come
    back as bytes: the same bytes for 1, 2 and 3 processes, to stdout and to a file, with every
    awkward row a council's file has."""
    monkeypatch.setattr(batch_module, "CHUNK_ROWS", 3)   # ids repeated across chunks, scored here and in workers
    source = awkward_csv(tmp_path / "r.csv", 150)
    outputs = []
    for jobs in ("1", "2", "3"):
        out = tmp_path / f"out{jobs}.jsonl"
        args = ["score", "-c", "cong-dan-hoc-tap", str(source), "-f", "jsonl", "--jobs", jobs]
        result = runner.invoke(cli, args + (["-o", str(out)] if to_file else []))
        assert result.exit_code == 1, result.output
        assert result.stderr.startswith("đã đọc 153 hồ sơ: ") and "bỏ qua 3 dòng cuối bảng" in result.stderr
        outputs.append(without_run(out.read_bytes() if to_file else result.stdout_bytes))
    assert outputs[0] == outputs[1] == outputs[2]
    lines = [json.loads(line) for line in outputs[0].decode("utf-8").splitlines()]
    assert len(lines) == 150
    assert any("trùng với hồ sơ ở" in r.get("error", "") for r in lines)   # a repeated id, rejected the general way
    assert any("UTF-8" in r.get("error", "") for r in lines) and any(r.get("explanation") for r in lines)


def test_the_parent_scores_a_share_of_the_chunks(tmp_path, monkeypatch):
    """--jobs 2 is this process and one worker: while the worker starts, and whenever it has enough
    waiting, the parent scores chunks itself; the results are those of one process, in order."""
    monkeypatch.setattr(batch_module, "CHUNK_ROWS", 5)
    here = []
    real = batch_module._ChunkScorer.__call__
    monkeypatch.setattr(batch_module._ChunkScorer, "__call__", lambda self, chunk: here.append(len(chunk)) or real(self, chunk))
    source = records_csv(tmp_path / "r.csv", 400)
    one = [(r.where, r.id, r.error, r.scored and r.scored.total) for r in score_files("cong-dan-hoc-tap", [source]).results()]
    assert here == []   # one process: no chunks
    two = [(r.where, r.id, r.error, r.scored and r.scored.total) for r in score_files("cong-dan-hoc-tap", [source], jobs=2).results()]
    assert one == two and len(one) == 400
    assert 0 < sum(here) < 400   # the worker scored the rest (its calls are in its own process)


def test_the_engines_answers_go_between_the_processes_row_by_row_too(tmp_path, monkeypatch):
    """Rows read by the parent (any format but JSON Lines in parts, --keep, --store): what the
    worker's engine answered comes back with its chunks and is remembered here, what this one's
    answered goes with the next chunks given; the results are one process's, field for field."""
    from scoring.engine.evaluate import Scorer
    monkeypatch.setattr(batch_module, "CHUNK_ROWS", 5)
    absorbed, sent = [], []
    absorb, learned = Scorer.absorb, Scorer.learned
    monkeypatch.setattr(Scorer, "absorb", lambda self, got: absorbed.append(got) or absorb(self, got))
    monkeypatch.setattr(Scorer, "learned", lambda self: sent.append(learned(self)) or sent[-1])
    source = records_csv(tmp_path / "r.csv", 300)
    one = [(r.where, r.id, r.error, r.scored) for r in score_files("cong-dan-hoc-tap", [source]).results()]
    assert not absorbed and not sent   # one process passes nothing on
    two = [(r.where, r.id, r.error, r.scored) for r in score_files("cong-dan-hoc-tap", [source], jobs=2).results()]
    assert one == two and len(one) == 300
    from_worker = [got for got in absorbed if got is not None]
    assert from_worker and all(len(entry) == 4 for got in from_worker for entry in got[0]) and sent


def test_the_switch_interval_is_short_while_workers_run_and_set_back_after(tmp_path):
    """The pool's threads take the workers' answers and give them chunks: while this process
    scores, they must get the interpreter's lock at once, not every 5 ms; after the run (ended,
    or stopped early), the interval is what it was."""
    source = records_csv(tmp_path / "r.csv", 50)
    before = sys.getswitchinterval()
    seen = []
    for result in score_files("cong-dan-hoc-tap", [source], jobs=2).results():
        seen.append(sys.getswitchinterval())
    assert len(seen) == 50 and max(seen) == batch_module.SWITCH_INTERVAL_S < before
    assert sys.getswitchinterval() == before
    results = score_files("cong-dan-hoc-tap", [source], jobs=2).results()
    next(results)
    results.close()   # the reader stopped early
    assert sys.getswitchinterval() == before


def test_lines_given_as_bytes_are_written_the_same_to_any_stream(tmp_path):
    """A worker's line comes as UTF-8 bytes: written as it is under a UTF-8 file, decoded for any
    other stream (a str buffer, UTF-16, a terminal), so that every stream gets what text gave."""
    import io
    from scoring.results.aggregate import Counts, Result
    from scoring.results.render import utf8_bytes_under, write_results
    text = '{"id":"CĐ-1","explanation":"Đạt danh hiệu"}'
    results = [Result("CĐ-1", "f:2", given_line=text.encode("utf-8")), Result("CĐ-2", "f:3", given_line=text)]
    expected = text + "\n" + text + "\n"
    with open(tmp_path / "a.jsonl", "w", encoding="utf-8", newline="") as out:
        assert utf8_bytes_under(out) is out.buffer
        write_results(results, "jsonl", out, None, Counts())
    assert (tmp_path / "a.jsonl").read_text(encoding="utf-8") == expected
    with open(tmp_path / "b.jsonl", "w", encoding="utf-16") as out:
        assert utf8_bytes_under(out) is None
        write_results(results, "jsonl", out, None, Counts())
    assert (tmp_path / "b.jsonl").read_text(encoding="utf-16") == expected
    terminal = io.TextIOWrapper(io.BytesIO(), encoding="utf-8", line_buffering=True)
    assert utf8_bytes_under(terminal) is None
    buffer = io.StringIO()
    write_results(results, "jsonl", buffer, None, Counts())
    assert buffer.getvalue() == expected


def test_a_parts_lines_are_written_as_they_are_not_copied(tmp_path):
    """A part's lines (a LineBlock, hundreds of KB) go to the file as the very bytes object the
    worker sent, its line end after it: the parent, which writes every line of a run, copied each
    block whole to add one byte. A short line is still written with its line end in one piece."""
    import io
    from scoring.results.aggregate import Counts, LineBlock, Result
    from scoring.results.render import BLOCK_BYTES, write_results
    block = b"\n".join(b'{"id":"C%05d","explanation":"\xc4\x90\xe1\xba\xa1t"}' % i for i in range(BLOCK_BYTES // 30))
    short = '{"id":"CĐ-1"}'.encode("utf-8")
    assert len(block) >= BLOCK_BYTES

    class Recorded(io.BufferedWriter):
        def write(self, data):
            written.append(data)
            return super().write(data)
    written: list = []
    with open(tmp_path / "a.jsonl", "wb", buffering=0) as raw:
        out = io.TextIOWrapper(Recorded(raw, 1 << 18), encoding="utf-8", newline="")
        write_results([LineBlock(block, 2, 2), Result("CĐ-1", "f:2", given_line=short)], "jsonl", out, None, Counts())
        out.flush()
    assert (tmp_path / "a.jsonl").read_bytes() == block + b"\n" + short + b"\n"
    assert written[0] is block and written[1:] == [b"\n", short + b"\n"]


def without_run(data: bytes) -> bytes:
    """The bytes with the run's id and time blanked: they name the run, not the result, so two
    runs differ there and nowhere else (JSON output carries them in each result's provenance)."""
    data = re.sub(rb'"run_id": ?"[^"]*"', b'"run_id":""', data)
    return re.sub(rb'"run_at": ?"[^"]*"', b'"run_at":""', data)


def test_duplicates_across_processes_name_the_first_row(tmp_path, monkeypatch):
    monkeypatch.setattr(batch_module, "CHUNK_ROWS", 5)
    source = records_csv(tmp_path / "r.csv", 200)
    batch = score_files("cong-dan-hoc-tap", [source], jobs=2)
    results = list(batch.results())
    assert [r.where for r in results] == [f"{source}:{n}" for n in range(2, 202)]
    duplicates = [r for r in results if r.error and r.error.startswith("mã '")]
    assert [r.id for r in duplicates] == ["CD-00006", "CD-00103"]
    assert duplicates[0].error == f"mã 'CD-00006' trùng với hồ sơ ở {source}:8: mỗi hồ sơ cần một mã riêng"
    assert batch.counts.read == 200 == batch.counts.scored + batch.counts.rejected


def test_seen_ids_move_to_disk_past_the_limit_and_stay_exact():
    seen = SeenIds(memory_limit=2)
    assert [seen.first("f", x, f"f:{i}") for i, x in enumerate("abc")] == [None, None, None]
    assert seen._db is not None and seen._memory == {}
    assert seen.first("f", "a", "f:9") == "f:0"
    assert seen.first("f", "d", "f:10") is None
    assert seen.first("f", "d", "f:11") == "f:10"
    seen.close()


@pytest.mark.parametrize("limit", [10, 0])   # in memory, and on disk from the first id
def test_a_record_is_its_source_and_id_even_where_one_holds_a_line_break(limit):
    seen = SeenIds(memory_limit=limit)
    assert seen.first("a\nb", "c", "x:1") is None and seen.first("a", "b\nc", "x:2") is None
    assert seen.fresh("a", ["b", "b\nc\nd"], [3, 4]) and seen.fresh("a\nb", ["c\nd"], [5])
    assert seen.first("a\nb", "c", "x:6") == "x:1" and seen.first("a", "b\nc", "x:7") == "x:2"
    assert seen.first("a\nb", "c\nd", "x:8") == "a\nb:5"
    assert (seen._db is not None) == (limit == 0)
    seen.close()


@pytest.mark.parametrize("filter_bits", [SeenIds.FILTER_BITS, 64])   # 64 bits: nearly every id a false "maybe"
def test_seen_ids_on_disk_answer_as_a_dict_does(monkeypatch, filter_bits):
    monkeypatch.setattr(SeenIds, "FILTER_BITS", filter_bits)
    monkeypatch.setattr(SeenIds, "FLUSH_IDS", 7)   # repeats found in the batch not yet written, and on disk
    rng = random.Random(14)
    ids = [f"CD-{rng.randrange(400):04d}" for _ in range(3000)]
    # a record is its source and id: the same id in another file, or another sheet of the file, is another record
    sources = [rng.choice(["f", "f:Trang1", "g"]) for _ in ids]
    seen, model = SeenIds(memory_limit=50), {}
    for i, (source, rid) in enumerate(zip(sources, ids)):
        expected = model.setdefault((source, rid), f"{source}!{i}")
        assert seen.first(source, rid, f"{source}!{i}") == (None if expected == f"{source}!{i}" else expected), (i, rid)
    assert seen._db is not None
    seen.close()


def test_default_jobs_use_every_core_only_for_large_inputs(tmp_path):
    small, large = tmp_path / "s.csv", tmp_path / "l.csv"
    small.write_text("id\n")
    with open(large, "wb") as f:
        f.truncate(1 << 20)
    assert default_jobs([small]) == 1
    assert default_jobs([small, large]) == cores() >= 1


@pytest.mark.parametrize("ext", ["csv", "jsonl", "json", "xlsx"])
def test_an_interrupted_write_leaves_the_old_file_and_no_temporary(tmp_path, ext):
    source = records_csv(tmp_path / "r.csv", 30)
    target = tmp_path / f"out.{ext}"
    target.write_bytes(b"the previous results")
    batch = score_files("cong-dan-hoc-tap", [source])
    temporary = len(openpyxl_temporary_files)

    def interrupted():
        for n, result in enumerate(batch.results()):
            if n == 20:
                raise KeyboardInterrupt
            yield result
    with pytest.raises(KeyboardInterrupt):
        write_results_file(target, interrupted(), batch.loaded, batch.counts)
    assert target.read_bytes() == b"the previous results"
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted(["r.csv", target.name])
    assert not [f for f in openpyxl_temporary_files[temporary:] if os.path.exists(f)]  # sheets written so far


def test_a_killed_run_leaves_no_output_and_no_temporary(tmp_path):
    """A real process stopped by SIGTERM while two workers score (the signal comes as soon as
    the temporary output file exists, long before 3,000 records are done)."""
    source = records_csv(tmp_path / "r.csv", 3000)
    target = tmp_path / "out.xlsx"
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "score", "-c", "cong-dan-hoc-tap", str(source),
                             "-o", str(target), "--jobs", "2"], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.xlsx.*.tmp")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.01)
    assert proc.poll() is None, "the run ended before it could be interrupted"
    proc.send_signal(signal.SIGTERM)
    _, stderr = proc.communicate(timeout=60)
    assert proc.returncode == 130
    assert "đã dừng: chưa ghi tệp nào" in stderr and "Traceback" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]


def test_workbook_input_gives_the_same_results_with_two_processes(tmp_path, monkeypatch):
    monkeypatch.setattr(batch_module, "CHUNK_ROWS", 3)
    rows = [citizen(f"CD-{i}", (i % 11) or "x") for i in range(40)] + [None, citizen("CD-3", 9)]
    path = council_workbook(tmp_path / "xa.xlsx", rows)
    one = [(r.where, r.id, r.error, r.scored and r.scored.total) for r in score_files("cong-dan-hoc-tap", [path]).results()]
    two = [(r.where, r.id, r.error, r.scored and r.scored.total) for r in score_files("cong-dan-hoc-tap", [path], jobs=2).results()]
    assert one == two and len(one) == 41
    assert one[-1][2].startswith("mã 'CD-3' trùng với hồ sơ ở ")
    assert openpyxl.load_workbook(path).sheetnames == ["Danh mục", "Tự đánh giá"]


def test_progress_counts_on_a_terminal_only(monkeypatch, slow_clock):
    command_line = slow_clock
    for tty in (False, True):
        terminal = FakeTerminal(tty)
        monkeypatch.setattr(command_line.sys, "stderr", terminal)
        assert list(command_line._progress(iter(range(450)))) == list(range(450))
        if tty:
            assert terminal.text.startswith("\r200 hồ sơ… ") and "\r400 hồ sơ… " in terminal.text
            widest = max(len(shown) for shown in terminal.text.split("\r"))
            assert terminal.text.endswith("\r" + " " * widest + "\r")
        else:
            assert terminal.text == ""


def test_progress_with_a_total_on_a_terminal(monkeypatch, slow_clock):
    from scoring.run.progress import Progress
    command_line = slow_clock

    class Rows:   # as Inputs: how far the reading is, asked only when the line is refreshed
        asked = []

        def progress(self, done):
            self.asked.append(done)
            return Progress(done / 1000, 1000, estimated=done < 600)
    terminal, rows = FakeTerminal(), Rows()
    monkeypatch.setattr(command_line.sys, "stderr", terminal)
    assert list(command_line._progress(iter(range(1000)), rows)) == list(range(1000))
    assert rows.asked == [200, 400, 600, 800, 1000]
    shown = terminal.text.split("\r")
    assert shown[1] == "đang chấm: 200/≈1.000 hồ sơ (20%), còn khoảng 10 giây"   # 2 s for 200: 8 s for 800
    assert shown[3].startswith("đang chấm: 600/1.000 hồ sơ (60%), còn khoảng 5 giây")
    assert shown[-2:] == [" " * max(map(len, shown)), ""]


def test_explain_reads_a_chosen_sheet(runner, cli, tmp_path):
    path = council_workbook(tmp_path / "xa.xlsx", [citizen("CD-1", [9] * 9 + [4])])
    result = runner.invoke(cli, ["explain", "-c", "cong-dan-hoc-tap", str(path), "--sheet", "Tự đánh giá", "-r", "CD-1", "-f", "detail"])
    assert result.exit_code == 0 and "Hồ sơ: CD-1" in result.stdout and "[3.2__not_met]" in result.stdout


def test_workers_exit_when_the_parent_is_killed_outright(tmp_path):
    """SIGKILL (or the out-of-memory killer) gives the parent no chance to stop its pool: the
    workers notice on their own. Checked through the process group of the run."""
    source = records_csv(tmp_path / "r.csv", 20000)
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "score", "-c", "cong-dan-hoc-tap", str(source),
                             "-o", str(tmp_path / "out.csv"), "--jobs", "2"], stdout=subprocess.DEVNULL,
                            stderr=subprocess.DEVNULL, start_new_session=True)
    deadline = time.monotonic() + 60
    while not list(tmp_path.glob(".out.csv.*.tmp")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)
    assert proc.poll() is None, "the run ended before it could be killed"
    proc.kill()
    proc.wait()
    deadline = time.monotonic() + 20
    try:
        while time.monotonic() < deadline:
            os.killpg(proc.pid, 0)   # raises once no process of the run is left
            time.sleep(0.2)
        os.killpg(proc.pid, signal.SIGKILL)
        pytest.fail("worker processes outlived their killed parent by 20 s")
    except ProcessLookupError:
        pass


def _workers_of(pid: int) -> list[int]:
    """The scoring processes a run started (forked or spawned by multiprocessing), from /proc: its
    children, less the resource tracker a spawning pool starts."""
    found = []
    for entry in Path("/proc").iterdir():
        if not entry.name.isdigit():
            continue
        try:
            ppid = int((entry / "stat").read_text().rsplit(")", 1)[1].split()[1])
            cmdline = (entry / "cmdline").read_bytes()
        except (OSError, ValueError, IndexError):
            continue
        if ppid == pid and b"resource_tracker" not in cmdline:
            found.append(int(entry.name))
    return found


def _start_a_long_run(tmp_path):
    """A --jobs 2 run of 20,000 records, once its workers score and its output is begun."""
    source = records_csv(tmp_path / "r.csv", 20000)
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "score", "-c", "cong-dan-hoc-tap", str(source),
                             "-o", str(tmp_path / "out.csv"), "--jobs", "2"], stdout=subprocess.PIPE,
                            stderr=subprocess.PIPE, text=True)
    deadline = time.monotonic() + 60
    while not (workers := _workers_of(proc.pid)) or not list(tmp_path.glob(".out.csv.*.tmp")):
        assert proc.poll() is None and time.monotonic() < deadline, "the run ended before a worker could be killed"
        time.sleep(0.05)
    return proc, workers


def _ends_with_the_plain_message(proc, tmp_path):
    try:
        _, stderr = proc.communicate(timeout=60)
    except subprocess.TimeoutExpired:
        for pid in [proc.pid, *_workers_of(proc.pid)]:
            os.kill(pid, signal.SIGKILL)
        proc.communicate()
        pytest.fail("the run did not end within 60 s after a worker was killed")
    assert proc.returncode == 2, stderr   # an error that stopped the run (1: some records rejected)
    assert "một tiến trình chấm điểm dừng bất ngờ" in stderr and "--jobs 1" in stderr
    assert "Traceback" not in stderr and "lỗi nội bộ" not in stderr
    assert sorted(p.name for p in tmp_path.iterdir()) == ["r.csv"]


@pytest.mark.skipif(not Path("/proc/self/stat").exists(), reason="reads /proc")
def test_a_killed_worker_stops_the_run_with_a_plain_message(tmp_path):
    """The out-of-memory killer takes one scoring process: the run says so in words (not as a
    bug of hoctap, not as a traceback), writes nothing, and can be run again."""
    proc, workers = _start_a_long_run(tmp_path)
    os.kill(workers[0], signal.SIGKILL)
    _ends_with_the_plain_message(proc, tmp_path)


def _wchan(pid: int) -> str:
    """Where in the kernel the process sleeps ("0": it runs)."""
    try:
        return Path(f"/proc/{pid}/wchan").read_text()
    except OSError:
        return ""


@pytest.mark.skipif(not Path("/proc/self/wchan").exists(), reason="reads /proc/<pid>/wchan")
def test_a_worker_killed_while_sending_its_answer_stops_the_run(tmp_path):
    """A chunk's outcomes are larger than a pipe holds, so a worker may die half-way through
    sending them; the pool's own thread then waits forever for the rest (it once hung a loaded
    CI run). Made certain here: the run is paused while a worker scores, so that the worker
    blocks sending its answer, and it is killed there."""
    proc, workers = _start_a_long_run(tmp_path)
    victim, deadline = None, time.monotonic() + 30
    try:
        while victim is None and time.monotonic() < deadline:
            os.kill(proc.pid, signal.SIGCONT)
            while not any(_wchan(w) == "0" for w in workers) and time.monotonic() < deadline:
                time.sleep(0.001)   # until a worker is scoring a chunk
            os.kill(proc.pid, signal.SIGSTOP)
            paused = time.monotonic()
            while victim is None and time.monotonic() < paused + 3:
                victim = next((w for w in workers if _wchan(w).endswith("pipe_write")), None)
                time.sleep(0.01)
        if victim is None:
            pytest.skip("no worker was seen blocked writing to its pipe (/proc/<pid>/wchan says too little here)")
        os.kill(victim, signal.SIGKILL)
        time.sleep(0.2)
    finally:
        os.kill(proc.pid, signal.SIGCONT)
        if victim is None:
            proc.kill()
            proc.communicate()
    _ends_with_the_plain_message(proc, tmp_path)


def test_rows_sent_to_workers_as_tuples_keep_every_field():
    """A row goes to a worker as a tuple of RawRow's fields in order (cheaper to pickle): a field
    added to RawRow must be sent too."""
    from dataclasses import fields
    from scoring.records.raw import RawRow
    assert [f.name for f in fields(RawRow)] == ["file", "row", "data", "problem", "sheet"]
    row = RawRow("f.xlsx", 7, {"id": "A"}, problem="broken", sheet="Trang 1")
    again = RawRow(*batch_module.as_tuples([row])[0])
    assert [getattr(again, name) for name in RawRow.__slots__] == [getattr(row, name) for name in RawRow.__slots__]


def test_a_workers_answer_sent_slim_gives_back_the_same_outcomes(tmp_path):
    """A worker sends most rows back as (id, line) pairs: unpickled and made again, every outcome
    equals the one the parent would have had scoring the chunk itself, field for field; outcomes
    with more than an id and a line (rejected rows, warnings, a line kept as text) go as they are."""
    import pickle
    from scoring.packs.catalog import resolve_pack
    from scoring.records.rows import read_records
    from scoring.results.provenance import RunInfo
    source = records_csv(tmp_path / "r.csv", 60)
    rows = list(read_records(source))
    scorer = batch_module._ChunkScorer(batch_module.RowScorer(resolve_pack("cong-dan-hoc-tap"), "vi", reasons=True,
                                                               lines=batch_module.LineSpec(RunInfo.new())))
    here = scorer(rows)
    sent = batch_module._sent(rows, scorer)
    back = batch_module._received(pickle.loads(pickle.dumps(sent)))
    assert back == here and all(type(out) is batch_module.RowOutcome for out in back)
    assert [type(item) for item in sent].count(tuple) == sum(1 for out in here if out.line is not None) >= 40
    assert any(out.error for out in back)   # rejected rows came back whole
    RowOutcome = batch_module.RowOutcome
    odd = [RowOutcome("a", line=b"{}", warnings=("w",)), RowOutcome("b", line="{\udc80}"),
           RowOutcome("c", line=b"{}", digest="d"), RowOutcome("e", line=b"{}")]
    sent = batch_module._sent(rows[:4], lambda chunk: odd)
    assert [type(item) for item in sent] == [RowOutcome, RowOutcome, RowOutcome, tuple]
    assert batch_module._received(pickle.loads(pickle.dumps(sent))) == odd


def test_a_worker_has_every_chunk_given_to_it_at_hand():
    """The pool's queue holds the chunks in flight for each worker, not one more than there are
    workers (the standard size), and the standard size is left as it was for other pools."""
    import concurrent.futures.process as pool_module
    before = pool_module.EXTRA_QUEUED_CALLS
    executor = batch_module._pool(2, (os.getpid(), None, "vi", True, None))
    try:
        assert executor._call_queue._maxsize >= 2 * batch_module.CHUNKS_PER_WORKER
    finally:
        executor.shutdown()
    assert pool_module.EXTRA_QUEUED_CALLS == before


def test_a_stored_run_keeps_the_same_rows_with_two_processes(runner, cli, tmp_path, monkeypatch):
    # with --jobs 2 and --store, what the store keeps of a scored row (its output hash and replay
    # inputs) is made where the row is scored; the parent uses it as it is
    import sqlite3
    import scoring.audit.store as store_module
    monkeypatch.setattr(batch_module, "CHUNK_ROWS", 7)   # many small chunks, some scored in the parent
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1767225600")   # both runs get the same run id and time
    used: list[int] = []
    given = store_module.RunStore._given

    def checked(self, r, member, unit):
        made = given(self, r, member, unit)
        if made is not None:
            used.append(1)
            assert made == store_module.stored_here(r)   # every row, not only the first the store checks
        return made
    monkeypatch.setattr(store_module.RunStore, "_given", checked)
    source = records_csv(tmp_path / "r.csv", 400)
    rows = {}
    for jobs in ("1", "2"):
        used.clear()
        db = tmp_path / f"run{jobs}.sqlite3"
        result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(source), "-f", "jsonl", "-o",
                                     str(tmp_path / f"out{jobs}.jsonl"), "--jobs", jobs, "--store", str(db)])
        assert result.exit_code == 1, result.output
        with sqlite3.connect(db) as c:
            rows[jobs] = c.execute("SELECT row_no, result_id, record_id, where_, outcome, total, error, input_sha256, "
                                   "raw_sha256, output_sha256, inputs FROM results ORDER BY row_no").fetchall()
        assert len(used) == (0 if jobs == "1" else 400 - (400 // 20 + 4))   # every scored row but the duplicates
        verified = runner.invoke(cli, ["audit", "verify", "--store", str(db)])
        assert verified.exit_code == 0, verified.output
    assert len(rows["1"]) == 400 and rows["1"] == rows["2"]


def test_store_fields_made_elsewhere_that_differ_are_not_used(tmp_path):
    import dataclasses
    from scoring.audit.store import RunStore, output_sha256
    batch = score_files("cong-dan-hoc-tap", [records_csv(tmp_path / "r.csv", 30)])
    store = RunStore.create(tmp_path / "s.sqlite3", chunk=4)
    store.begin_run(batch.run, {"criteria": "cong-dan-hoc-tap", "lang": "vi"})
    results = [dataclasses.replace(r, given_stored=("0" * 64, "{}")) if r.ok else r for r in batch.results()]
    list(store.record(results))
    store.finish(batch.counts)
    with store.guard():
        kept = store.conn.execute("SELECT output_sha256, inputs FROM results ORDER BY row_no").fetchall()
    assert [bytes(k[0]).hex() for k in kept] == [output_sha256(r) for r in results]
    assert all(k[1] != "{}" for k in kept)


# A worker's end, as the pool's loop leaves it: something still in its buffers, and a clean-up
# registered before it started (the interpreter's teardown runs after the clean-ups).
WORKER_END = """
import atexit, os, sys
sys.path.insert(0, {root!r})
atexit.register(lambda: open({marker!r}, "w").close())   # runs only if the teardown runs
from scoring.run.batch import worker_started
worker_started(os.getppid(), "vi")
sys.stdout.write("answered")   # no line end: still in the buffer of a pipe
sys.stderr.write("a worker's last words")
"""


def test_a_worker_ends_at_once_and_loses_nothing_it_wrote(tmp_path):
    """A started worker skips the interpreter's teardown when its work is done (the parent waited
    for it at the end of every run), after writing out what its streams held, with exit code 0."""
    marker = tmp_path / "teardown-ran"
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}   # as a user's machine has it
    done = subprocess.run([sys.executable, "-c", WORKER_END.format(root=str(ROOT), marker=str(marker))],
                          capture_output=True, text=True, timeout=60, env=buffered)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "answered"
    assert done.stderr == "a worker's last words"
    assert not marker.exists(), "the interpreter's teardown ran after the worker's work"


def test_a_process_that_is_no_worker_ends_as_usual(tmp_path):
    """The same script without a worker's start: its clean-ups run (the check above can fail)."""
    marker = tmp_path / "teardown-ran"
    script = WORKER_END.replace('worker_started(os.getppid(), "vi")', "pass")
    done = subprocess.run([sys.executable, "-c", script.format(root=str(ROOT), marker=str(marker))],
                          capture_output=True, text=True, timeout=60)
    assert done.returncode == 0 and done.stdout == "answered", done.stderr
    assert marker.exists()


@pytest.mark.skipif(not sys.platform.startswith("linux"), reason="workers are forked on Linux only")
def test_workers_are_forked_only_where_it_is_safe():
    """A scoring run forks its workers (they start with what is loaded, not a new interpreter)
    while this process runs one thread; with another thread running, or where the caller's
    workers use SQLite (fork=False), they are spawned."""
    assert batch_module._threads() >= 1
    assert batch_module.start_method(False) == "spawn"
    if batch_module._threads() == 1:
        assert batch_module.start_method(True) == "fork"
    stop = threading.Event()
    other = threading.Thread(target=stop.wait)
    other.start()
    try:
        assert batch_module._threads() >= 2 and batch_module.start_method(True) == "spawn"
    finally:
        stop.set()
        other.join()


@pytest.mark.parametrize("fmt", ["jsonl", "csv"])
def test_forked_and_spawned_workers_write_the_same_bytes(runner, cli, tmp_path, monkeypatch, fmt):
    monkeypatch.setattr(batch_module, "CHUNK_ROWS", 5)
    source = awkward_csv(tmp_path / "r.csv", 120)
    outputs, methods = [], []
    made = batch_module._pool

    def pool(*args):
        methods.append(args[-1])
        return made(*args)
    monkeypatch.setattr(batch_module, "_pool", pool)
    for method in ("fork", "spawn"):
        monkeypatch.setattr(batch_module, "start_method", lambda fork, method=method: method)
        out = tmp_path / f"out-{method}.{fmt}"
        result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(source), "-f", fmt, "--jobs", "2", "-o", str(out)])
        assert result.exit_code == 1, result.output
        outputs.append(without_run(out.read_bytes()))
    assert methods == ["fork", "spawn"] and outputs[0] == outputs[1]


PENDING_OUTPUT = """
import sys
sys.path.insert(0, {root!r})
from scoring import score_files
sys.stdout.write("written before the run")   # no line end: still in the buffer of a pipe
batch = score_files("cong-dan-hoc-tap", [{source!r}], jobs=2)
print(sum(1 for _ in batch.results()), end="")
"""


def test_a_forked_worker_does_not_write_again_what_the_parent_had_not_yet_written(tmp_path):
    """A forked worker starts with a copy of this process's stream buffers, and flushes them when it
    ends: they must be empty when it is forked (multiprocessing flushes them first)."""
    source = records_csv(tmp_path / "r.csv", 2000)
    buffered = {k: v for k, v in os.environ.items() if k != "PYTHONUNBUFFERED"}
    done = subprocess.run([sys.executable, "-c", PENDING_OUTPUT.format(root=str(ROOT), source=str(source))],
                          capture_output=True, text=True, timeout=120, env=buffered)
    assert done.returncode == 0, done.stderr
    assert done.stdout == "written before the run2000"
