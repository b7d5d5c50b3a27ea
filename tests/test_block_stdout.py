"""Results sent to stdout are written in blocks even under PYTHONUNBUFFERED (issue 14): the same
bytes as a file written with -o, stdout itself still open afterwards, and a closed pipe or full
disk still reported as before."""
from __future__ import annotations

import io
import os
import subprocess
import sys

import pytest

from conftest import ROOT
from scoring.results.output import block_stdout

PACK = "cong-dan-hoc-tap"


def records(path, n: int = 600):
    rows = ["id,group,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2"]
    rows += [f"CD-{i:05d},{i % 4 + 1}," + ",".join(str((i * 7 + k * 3) % 11 if k != 3 or i % 97 else 12)
                                                    for k in range(10)) for i in range(n)]
    path.write_text("\n".join(rows) + "\n", encoding="utf-8")
    return path


def hoctap(args, cwd, unbuffered: bool, stdout=subprocess.PIPE):
    env = {**os.environ, "PYTHONPATH": str(ROOT), "SOURCE_DATE_EPOCH": "1764547200"}
    env.pop("PYTHONUNBUFFERED", None)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    return subprocess.run([sys.executable, str(ROOT / "cli.py"), *args], cwd=cwd, env=env, stdout=stdout,
                          stderr=subprocess.PIPE, timeout=120)


@pytest.mark.parametrize("unbuffered", [True, False])
def test_stdout_gives_the_bytes_of_the_output_file(tmp_path, unbuffered):
    path = records(tmp_path / "r.csv")
    target = tmp_path / "out.jsonl"
    written = hoctap(["score", "-c", PACK, str(path), "-o", str(target)], tmp_path, unbuffered)
    shown = hoctap(["score", "-c", PACK, str(path), "-f", "jsonl"], tmp_path, unbuffered)
    assert written.returncode == shown.returncode == 1, shown.stderr.decode()   # rows 97, 194 … are refused
    assert shown.stdout == target.read_bytes()
    assert shown.stdout.count(b"\n") == 600


@pytest.mark.parametrize("fmt", ["csv", "table", "json"])
def test_every_format_the_same_either_way(tmp_path, fmt):
    path = records(tmp_path / "r.csv")
    blocks, lines = (hoctap(["score", "-c", PACK, str(path), "-f", fmt], tmp_path, unbuffered)
                     for unbuffered in (True, False))
    assert blocks.stdout == lines.stdout and len(blocks.stdout) > 10_000
    assert blocks.returncode == lines.returncode == 1


@pytest.mark.parametrize("unbuffered", [True, False])
def test_closed_pipe_is_still_reported(tmp_path, unbuffered):
    path = records(tmp_path / "r.csv", 3000)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("PYTHONUNBUFFERED", None)
    if unbuffered:
        env["PYTHONUNBUFFERED"] = "1"
    proc = subprocess.Popen([sys.executable, str(ROOT / "cli.py"), "score", "-c", PACK, str(path), "-f", "jsonl"],
                            cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE, env=env)
    proc.stdout.read(100)
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    text = err.decode("utf-8", "replace")
    assert proc.returncode == 2, text
    assert "stdout" in text and "Traceback" not in text and "Exception ignored" not in text


def test_unbuffered_stdout_is_written_in_blocks_and_stays_open(tmp_path, monkeypatch):
    target = tmp_path / "stdout.txt"
    raw = io.FileIO(str(target), "w")
    unbuffered = io.TextIOWrapper(raw, encoding="utf-8", write_through=True)   # as PYTHONUNBUFFERED makes it
    monkeypatch.setattr(sys, "stdout", unbuffered)
    unbuffered.write("trước\n")
    with block_stdout() as out:
        assert out is not unbuffered
        out.write("một dòng\n")
        assert target.read_text(encoding="utf-8") == "trước\n"   # held back in a block until the end
    unbuffered.write("sau\n")   # stdout itself is still open
    assert target.read_text(encoding="utf-8") == "trước\nmột dòng\nsau\n"
    unbuffered.close()


def test_a_buffered_stdout_is_used_as_it_is(tmp_path, monkeypatch):
    buffered = io.TextIOWrapper(io.BufferedWriter(io.FileIO(str(tmp_path / "s.txt"), "w")), encoding="utf-8")
    monkeypatch.setattr(sys, "stdout", buffered)
    with block_stdout() as out:
        assert out is buffered
    buffered.close()
