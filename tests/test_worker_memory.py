"""A worker keeps the memory it frees for its next answer (``batch._keep_freed_memory``, issue 14).

A worker's answer is a part's JSON lines, about 800 KB, joined and then pickled. With glibc's
defaults each such block comes from fresh pages, and every page touched is a page fault. The test
counts the page faults of the same work in a fresh process, as a worker starts and without that
start. It runs only where the setting exists: Linux with glibc.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def _glibc() -> bool:
    if not sys.platform.startswith("linux"):
        return False
    try:
        import ctypes
        libc = ctypes.CDLL(None)
        return hasattr(libc, "mallopt") and hasattr(libc, "gnu_get_libc_version")
    except (ImportError, OSError):
        return False


pytestmark = pytest.mark.skipif(not _glibc(), reason="glibc's mallopt only")

# The work of a worker's answers, as a worker does it: 300 answers of 800 KB, each joined and
# copied once more (pickled), then freed. Prints the page faults it cost.
WORK = """
import os, resource, sys
sys.path.insert(0, {root!r})
if {started}:
    from scoring.run.batch import worker_started
    worker_started(os.getppid(), "vi")   # as every worker starts
parts = [b"x" * 1000 for _ in range(800)]
before = resource.getrusage(resource.RUSAGE_SELF).ru_minflt
for _ in range(300):
    joined = b"\\n".join(parts)
    pickled = joined + b"."
    del joined, pickled
print(resource.getrusage(resource.RUSAGE_SELF).ru_minflt - before)
"""


def _faults(started: bool) -> int:
    done = subprocess.run([sys.executable, "-c", WORK.format(root=str(ROOT), started=started)],
                          capture_output=True, text=True, timeout=120, env={**os.environ, "PYTHONHASHSEED": "0"})
    assert done.returncode == 0, done.stderr
    return int(done.stdout.strip())


def test_a_started_worker_reuses_the_memory_of_its_last_answer():
    """Each 800 KB answer touches fresh pages without the setting (hundreds of thousands of page
    faults for 300 answers); a started worker reuses what it freed (a few hundred)."""
    plain, worker = _faults(False), _faults(True)
    assert plain > 20 * 300, plain             # the default way: the pages of each answer anew
    assert worker * 10 < plain, (worker, plain)
