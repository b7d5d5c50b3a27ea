"""A long run's progress line: a total (declared by a workbook, else estimated from the part of the
files read) and the time left in words: on a terminal, and now and then in a log."""
import io
import json
import os
import re
import subprocess
import sys
import zipfile

import pytest

from books import citizen, council_workbook
from conftest import ROOT
from scoring.records.raw import Position
from scoring.run.api import Inputs
from scoring.run.progress import Progress, duration, line, progress_of, time_left
from test_batch import records_csv

CDHT = "cong-dan-hoc-tap"


# --- words ----------------------------------------------------------------------------------

@pytest.mark.parametrize("seconds, vi, en", [
    (0, "5 giây", "5 s"), (3, "5 giây", "5 s"), (44, "45 giây", "45 s"),
    (59, "1 phút", "1 min"), (60, "1 phút", "1 min"), (65, "1 phút 10 giây", "1 min 10 s"),
    (80, "1 phút 20 giây", "1 min 20 s"), (599, "10 phút", "10 min"), (659, "11 phút", "11 min"),
    (3599, "1 giờ", "1 h"), (3600, "1 giờ", "1 h"), (5400, "1 giờ 30 phút", "1 h 30 min"),
    (7320, "2 giờ", "2 h"), (7350, "2 giờ 5 phút", "2 h 5 min"), (36_000, "10 giờ", "10 h"),
])
def test_time_left_in_words_rounded_as_a_person_says_it(seconds, vi, en):
    assert duration(seconds, "vi") == vi
    assert duration(seconds, "en") == en


def test_time_left_is_elapsed_times_what_is_left_over_what_is_done_after_a_couple_of_seconds():
    assert time_left(10, 0.25) == pytest.approx(30)
    assert time_left(30, 0.75) == pytest.approx(10)
    assert time_left(5, 1.0) == 0
    assert time_left(1.9, 0.5) is None      # too early to tell
    assert time_left(10, 0) is None and time_left(10, None) is None


def test_the_line_says_the_count_of_the_total_and_the_time_left():
    estimated = Progress(0.12, 100_000)
    assert line(12_000, estimated, 10.9, "vi") == "đang chấm: 12.000/≈100.000 hồ sơ (12%), còn khoảng 1 phút 20 giây"
    assert line(12_000, estimated, 10.9, "en") == "scoring: 12,000/≈100,000 records (12%), about 1 min 20 s left"
    declared = Progress(0.5, 3_000, estimated=False)
    assert line(1_500, declared, 1.0, "vi") == "đang chấm: 1.500/3.000 hồ sơ (50%)"   # no time left yet
    assert line(1_500, declared, 4.0, "en") == "scoring: 1,500/3,000 records (50%), about 5 s left"
    assert line(1_999, Progress(0.9999, 2_000, estimated=False), 60, "vi").startswith("đang chấm: 1.999/2.000 hồ sơ (99%)")
    assert line(200, Progress(None, None), 10, "vi") is None   # no total: the caller shows the count alone


# --- the estimate ---------------------------------------------------------------------------

def position(size, share, rows=None):
    p = Position()
    p.size, p.end, p.rows = size, 1000, rows
    p.tell = lambda: int(share * 1000)
    return p


def test_files_are_read_in_order_each_weighing_its_size():
    files = [position(3000, 0.5), position(1000, 0.2)]   # the second is opened (its first rows read), not yet reached
    first = progress_of(1500, 1500, files, reading=0)
    assert first.total == 4000 and first.fraction == pytest.approx(1500 / 4000) and first.estimated  # 1,500 rows in 37.5%
    second = progress_of(3100, 3100, files, reading=1)
    assert second.fraction == pytest.approx(0.8) and second.total == 3880   # 3000 + 0.2 × 1000 bytes of 4000
    assert progress_of(0, 0, files, reading=0) == Progress(None, None)
    assert progress_of(10, 10, [position(0, 0.5)], reading=0) == Progress(None, None)


def test_rows_read_ahead_of_the_results_count_for_the_total_not_for_the_fraction():
    total = progress_of(800, 1000, [position(1000, 0.1)], reading=0)
    assert total.total == 10_000 and total.fraction == pytest.approx(0.08)


def test_an_estimate_keeps_three_digits_and_never_falls_below_the_rows_seen():
    assert progress_of(1234, 1234, [position(1000, 0.012)], reading=0).total == 103_000   # 1234 / 0.012 = 102.833
    assert progress_of(90, 90, [position(1000, 1.0)], reading=0).total == 90


def test_rows_declared_by_every_file_give_the_total_without_an_estimate():
    files = [position(5000, 0.1, rows=300), position(9000, 0.0, rows=700)]
    assert progress_of(250, 400, files, reading=0) == Progress(0.25, 1000, estimated=False)
    files[1].rows = None   # one file that does not say: estimated from the part read
    assert progress_of(250, 400, files, reading=0).estimated


# --- real files -------------------------------------------------------------------------------

def samples(inputs, every=250):
    """(rows, progress) every ``every`` rows while iterating, and once after the end."""
    seen, n = [], 0
    for n, _ in enumerate(inputs, start=1):
        if n % every == 0:
            seen.append((n, inputs.progress(n)))
    seen.append((n, inputs.progress(n)))
    return seen


def check_grows_to_one(seen, rows):
    fractions = [p.fraction for _, p in seen]
    assert fractions == sorted(fractions), fractions
    assert fractions[0] < 0.1 and fractions[-1] == 1.0
    assert seen[-1] == (rows, Progress(1.0, rows, seen[-1][1].estimated))


@pytest.mark.parametrize("kind", ["csv", "jsonl"])
def test_the_part_read_of_a_text_file_grows_from_nothing_to_all(tmp_path, kind):
    path = records_csv(tmp_path / "ho-so.csv", 6000)
    if kind == "jsonl":
        header, *rows = path.read_text(encoding="utf-8").splitlines()
        path = tmp_path / "ho-so.jsonl"
        path.write_text("".join(json.dumps(dict(zip(header.split(","), r.split(",")))) + "\n" for r in rows),
                        encoding="utf-8")
    seen = samples(Inputs([path]))
    check_grows_to_one(seen, 6000)
    assert all(p.estimated for _, p in seen)
    # the readers read ahead (a buffer, a 64 KiB chunk): close enough once half the file is read
    assert all(abs(p.total - 6000) <= 600 for n, p in seen if n >= 3000), seen


def test_two_files_are_one_run_the_first_read_then_the_second(tmp_path):
    one, two = records_csv(tmp_path / "a.csv", 2000), records_csv(tmp_path / "b.csv", 2000, seed=8)
    seen = samples(Inputs([one, two]), every=100)
    check_grows_to_one(seen, 4000)
    assert all(p.fraction <= 0.55 for n, p in seen if n <= 2000)
    assert all(p.fraction >= 0.45 for n, p in seen if n > 2000)


def test_a_workbook_declares_its_rows_and_the_part_read_grows(tmp_path):
    path = council_workbook(tmp_path / "xa.xlsx", [citizen(f"CD-{i}", (i % 11) or 5) for i in range(3000)])
    seen = samples(Inputs([path]))
    check_grows_to_one(seen, 3000)
    assert all(p == Progress(n / 3000, 3000, estimated=False) for n, p in seen)   # rows under the header


def test_a_workbook_that_does_not_declare_its_size_is_estimated_from_its_sheet_read(tmp_path):
    made = council_workbook(tmp_path / "made.xlsx", [citizen(f"CD-{i}", 7) for i in range(3000)])
    path = tmp_path / "xa.xlsx"
    with zipfile.ZipFile(made) as source, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as copy:
        for item in source.infolist():
            data = source.read(item)
            if item.filename.startswith("xl/worksheets/"):
                data, found = re.subn(rb"<dimension [^>]*/>", b"", data)
                assert found == 1
            copy.writestr(item, data)
    seen = samples(Inputs([path]))
    check_grows_to_one(seen, 3000)
    assert all(p.estimated for _, p in seen)
    assert all(abs(p.total - 3000) <= 300 for n, p in seen if n >= 1500), seen


# --- on a terminal, and not in a pipe -------------------------------------------------------------

def test_a_terminal_sees_the_total_and_a_pipe_sees_nothing(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    path = records_csv(tmp_path / "ho-so.csv", 12_000)
    env = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8",
           "HOCTAP_CACHE_DIR": os.environ["HOCTAP_CACHE_DIR"]}
    command = ["cli.py", "score", "-c", CDHT, str(path), "-j", "1", "-o"]
    seen = io.StringIO()
    child = pexpect.spawn(sys.executable, [*command, str(tmp_path / "ket-qua.csv")], cwd=str(ROOT), env=env,
                          encoding="utf-8", timeout=60)
    child.logfile_read = seen
    child.expect(r"\rđang chấm: [\d.]+/≈[\d.]+ hồ sơ \(\d+%\)")
    child.expect(r"đã đọc 12\.000 hồ sơ: [^\r\n]* bị loại \(mất khoảng (\d+ phút )?\d+ giây\)\r?\n")   # and how long it took
    child.expect(pexpect.EOF)
    child.close()
    shown = seen.getvalue()
    assert child.exitstatus == 1, shown   # some records are rejected on purpose
    lines = [(int(n.replace(".", "")), int(t.replace(".", ""))) for n, t in re.findall(r": ([\d.]+)/≈([\d.]+) hồ sơ", shown)]
    assert lines and all(n <= t for n, t in lines), lines
    # the reader reads ahead a little: the estimate is close once half the file is read (no timing assumed)
    assert all(10_800 <= t <= 13_200 for n, t in lines if n >= 6000), lines
    last = shown.rindex("đang chấm")
    assert re.search(r"\r +\r", shown[last:]), "the line is erased at the end"

    piped = subprocess.run([sys.executable, *command, str(tmp_path / "ket-qua-2.csv")], cwd=ROOT, env=env,
                           capture_output=True, text=True, encoding="utf-8", check=False)
    assert piped.returncode == 1 and "đã đọc 12.000 hồ sơ" in piped.stderr
    assert "đang chấm" not in piped.stderr and "\r" not in piped.stderr and "mất khoảng" not in piped.stderr


# --- audit verify: the rows re-checked of the rows stored -------------------------------------------

def _stored_run(tmp_path, n):
    path, db = records_csv(tmp_path / "ho-so.csv", n), tmp_path / "runs.sqlite3"
    subprocess.run([sys.executable, "cli.py", "score", "-c", CDHT, str(path), "-j", "1", "-o", str(tmp_path / "kq.jsonl"),
                    "--store", str(db)], cwd=ROOT, capture_output=True, check=False)
    return db


def test_verify_tells_its_progress_of_every_stored_row(tmp_path):
    from scoring.audit import verify
    from scoring.audit.store import RunStore
    db = _stored_run(tmp_path, 450)
    heard = []
    checks = verify(RunStore.open(db), progress=lambda done, total: heard.append((done, total)))
    assert [c.ok for c in checks] == [True]
    assert heard == [(200, 450), (400, 450)]


def test_a_terminal_sees_verify_re_check_the_stored_rows_and_a_pipe_sees_nothing(tmp_path):
    pexpect = pytest.importorskip("pexpect")
    db = _stored_run(tmp_path, 4000)
    env = {"LANG": "C.UTF-8", "LC_ALL": "C.UTF-8", "PATH": "/usr/bin:/bin", "PYTHONIOENCODING": "utf-8",
           "HOCTAP_CACHE_DIR": os.environ["HOCTAP_CACHE_DIR"]}
    command = ["cli.py", "audit", "verify", "--store", str(db)]
    seen = io.StringIO()
    child = pexpect.spawn(sys.executable, command, cwd=str(ROOT), env=env, encoding="utf-8", timeout=120)
    child.logfile_read = seen
    child.expect(r"\rđang kiểm tra lại: [\d.]+/4\.000 dòng \(\d+%\)")
    child.expect(pexpect.EOF)
    child.close()
    shown = seen.getvalue()
    assert child.exitstatus == 0, shown
    assert re.search(r"\r +\r", shown[shown.rindex("đang kiểm tra lại"):]), "the line is erased at the end"
    assert "tái lập đúng" in shown[shown.rindex("đang kiểm tra lại"):]   # the report comes after it

    piped = subprocess.run([sys.executable, *command], cwd=ROOT, env=env, capture_output=True, text=True,
                           encoding="utf-8", check=False)
    assert piped.returncode == 0 and "tái lập đúng" in piped.stdout
    assert "đang kiểm tra lại" not in piped.stderr + piped.stdout and "\r" not in piped.stderr + piped.stdout


# --- in a log (stderr piped or redirected): a line of its own, now and then --------------------------

class _Declared:
    """As Inputs: a workbook that declares its rows."""

    def __init__(self, rows=1000):
        self.rows = rows

    def progress(self, done):
        return Progress(done / self.rows, self.rows, estimated=False)


def test_a_log_hears_the_count_of_the_total_and_the_time_left_at_most_every_log_seconds(monkeypatch, slow_clock):
    """A scheduled run writing to a log said nothing for many minutes: now a line at most every
    LOG_SECONDS (a clock of one second a call; the line is looked at every 200 rows)."""
    from conftest import FakeTerminal
    from scoring.run import progress
    monkeypatch.setattr(progress, "LOG_SECONDS", 3)
    command_line, log = slow_clock, FakeTerminal(tty=False)
    monkeypatch.setattr(command_line.sys, "stderr", log)
    assert list(command_line._progress(iter(range(2000)), _Declared(2000))) == list(range(2000))
    assert log.text == ("đang chấm: 600/2.000 hồ sơ (30%), còn khoảng 10 giây\n"     # 4 s for 600: 9.3 s for 1.400
                        "đang chấm: 1.200/2.000 hồ sơ (60%), còn khoảng 5 giây\n"    # not at every 200 rows: 4 s later
                        "đang chấm: 1.800/2.000 hồ sơ (90%), còn khoảng 5 giây\n")   # each line stays, none erased


def test_a_log_line_is_english_with_lang_en_and_a_count_alone_without_a_total(monkeypatch, slow_clock):
    from conftest import FakeTerminal
    from scoring.messages import set_lang
    from scoring.run import progress
    monkeypatch.setattr(progress, "LOG_SECONDS", 3)
    command_line, log = slow_clock, FakeTerminal(tty=False)
    monkeypatch.setattr(command_line.sys, "stderr", log)
    set_lang("en")
    assert list(command_line._progress(iter(range(1000)), _Declared())) == list(range(1000))
    assert log.text.splitlines()[0] == "scoring: 600/1,000 records (60%), about 5 s left"
    set_lang("vi")
    log.text = ""
    assert list(command_line._progress(iter(range(2000)))) == list(range(2000))
    assert log.text == "600 hồ sơ… 150/giây\n1.200 hồ sơ… 150/giây\n1.800 hồ sơ… 150/giây\n"


def test_a_run_shorter_than_log_seconds_writes_no_progress_to_a_log(monkeypatch, slow_clock):
    """The default: 30 seconds; a run of a few (documented blocks, tests reading stderr) writes nothing more."""
    from conftest import FakeTerminal
    from scoring.run import progress
    assert progress.LOG_SECONDS == 30
    command_line, log = slow_clock, FakeTerminal(tty=False)
    monkeypatch.setattr(command_line.sys, "stderr", log)
    assert list(command_line._progress(iter(range(5000)), _Declared())) == list(range(5000))   # 26 s on the clock
    assert log.text == ""


def test_a_scheduled_score_writes_its_progress_into_its_log(runner, cli, tmp_path, monkeypatch):
    """The whole command, as a scheduled task runs it: stderr not a terminal (click's runner), each
    line whole, before the counts and the file written; the total is the one the workbook declares."""
    from scoring.run import progress
    monkeypatch.setattr(progress, "LOG_SECONDS", 0)   # every look (every 200 rows) is due
    path = council_workbook(tmp_path / "xa.xlsx", [citizen(f"CD-{i}", (i % 11) or 5) for i in range(1000)])
    out = tmp_path / "kq.jsonl"
    done = runner.invoke(cli, ["score", "-c", CDHT, str(path), "-j", "1", "-o", str(out), "--lang", "en"])
    lines = done.stderr.splitlines()[1:]   # first, the title row above the header, skipped
    assert [re.sub(r"(\(\d+%\)).*", r"\1", shown) for shown in lines[:5]] == [
        f"scoring: {n:,}/1,000 records ({n // 10}%)" for n in (200, 400, 600, 800, 1000)]
    assert lines[5:] == ["1,000 records read: 1,000 scored, 0 rejected", f"wrote {out}"]


def test_audit_verify_in_a_log_says_the_rows_re_checked_now_and_then(monkeypatch, slow_clock):
    from conftest import FakeTerminal
    from scoring.run import progress
    monkeypatch.setattr(progress, "LOG_SECONDS", 3)
    command_line, log = slow_clock, FakeTerminal(tty=False)
    monkeypatch.setattr(command_line.sys, "stderr", log)
    tell = command_line._verify_progress(command_line._Ticker())
    for done in range(200, 2001, 200):
        tell(done, 2000)
    assert log.text == ("đang kiểm tra lại: 600/2.000 dòng (30%), còn khoảng 10 giây\n"
                        "đang kiểm tra lại: 1.200/2.000 dòng (60%), còn khoảng 5 giây\n"
                        "đang kiểm tra lại: 1.800/2.000 dòng (90%), còn khoảng 5 giây\n")
