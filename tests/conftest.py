import atexit
import os
import shutil
import sqlite3
import sys
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))          # cli.py lives at the repo root
sys.path.insert(0, str(Path(__file__).parent))  # tests/reference.py

CRITERIA = ROOT / "criteria"
EXAMPLES = ROOT / "examples"

# The pack cache (scoring/packs/cache.py) of every test, and of every process a test starts, is a
# folder of this run's own, never the user's: made here, before any test, so that subprocesses inherit it.
os.environ["HOCTAP_CACHE_DIR"] = tempfile.mkdtemp(prefix="hoctap-test-cache-")
atexit.register(shutil.rmtree, os.environ["HOCTAP_CACHE_DIR"], True)


@pytest.fixture
def runner():
    from click.testing import CliRunner
    return CliRunner()


@pytest.fixture
def cli():
    from cli import cli as command
    return command


RUN_FIELDS = ("run_id", "run_at", "raw_sha256")


def sql(db, statement, *args):
    """One statement on a store, committed (tests that alter a store as someone with the file could)."""
    c = sqlite3.connect(db)
    try:
        rows = c.execute(statement, args).fetchall()
        c.commit()
        return rows
    finally:
        c.close()


def without_run(result: dict) -> dict:
    """A result without what names the run or the source bytes (run id and time, the raw row's
    hash, file:row): two runs of the same record under the same rules agree on the rest."""
    provenance = {k: v for k, v in result.get("provenance", {}).items() if k not in RUN_FIELDS}
    return {**result, "where": None, "provenance": provenance}


@pytest.fixture(autouse=True)
def _default_language(monkeypatch):
    """Each test starts in the default language (Vietnamese): a command run with --lang en sets the
    process's language, which in a real run ends with the process but here would leak to the next test."""
    from scoring.messages import set_lang
    monkeypatch.delenv("HOCTAP_LANG", raising=False)
    set_lang(None)
    yield
    set_lang(None)


class FakeTerminal:
    """stderr as a terminal (or not) that keeps what is written: for the progress line."""

    def __init__(self, tty: bool = True):
        self.tty, self.text = tty, ""

    def isatty(self):
        return self.tty

    def write(self, text):
        self.text += text

    def flush(self):
        pass


@pytest.fixture
def slow_clock(monkeypatch):
    """The command line's clock moves one second at every call (the progress line is refreshed
    at most twice a second): what is shown then depends on the rows alone."""
    import cli as command_line
    clock = iter(range(0, 10_000))
    monkeypatch.setattr(command_line.time, "monotonic", lambda: float(next(clock)))
    return command_line
