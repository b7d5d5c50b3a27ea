"""The CSV reader reads a file a block at a time (``rows._Tap``, issue 14): it must give the CSV
module exactly the lines ``readline`` gave it, cut where readline cuts ('\\n', '\\r\\n', '\\r', and
never at the other breaks str.splitlines knows), wherever a block ends, and stop at a line too
long exactly where reading line by line stopped."""
import io
import random

import pytest

from scoring.errors import InputFileError
from scoring.records import rows

PIECES = ["a", "bc", ",", '"', "\n", "\r\n", "\r", "\x0c", "\x0b", "\x1c", "\x85", "\u2028", "ư", "  ", "\udcff"]


def text_for(seed: int) -> str:
    rng = random.Random(seed)
    return "".join(rng.choice(PIECES) * rng.choice([1, 1, 2, 9]) for _ in range(rng.randint(0, 400)))


def readline_lines(text: str, limit: int) -> tuple[list[str], int | None]:
    """What the reader line by line gave: the lines, and the '\\n' count before a line too long."""
    f = io.StringIO(text, newline="")
    lines, newlines = [], 0
    while line := f.readline(limit):
        if len(line) == limit and not line.endswith("\n"):
            return lines, newlines
        newlines += line.count("\n")
        lines.append(line)
    return lines, None


def tap_lines(text: str, limit: int, block: int, monkeypatch) -> tuple[list[str], int | None]:
    monkeypatch.setattr(rows, "LINE_LIMIT", limit)
    tap = rows._Tap(io.StringIO(text, newline=""), "f.csv")
    tap.BLOCK = block
    lines = []
    try:
        for line in tap:
            lines.append(line)
    except InputFileError as exc:
        assert exc.problem.code == "vf.line_too_long"
        return lines, exc.problem.fields["after"]
    return lines, None


@pytest.mark.parametrize("seed", range(300))
def test_blocks_give_the_lines_readline_gave(seed, monkeypatch):
    text = text_for(seed)
    rng = random.Random(seed)
    limit = rng.choice([10 ** 6, 40, 25, 12])
    block = rng.choice([1, 2, 3, 7, 64, 1 << 16])
    assert tap_lines(text, limit, block, monkeypatch) == readline_lines(text, limit)


@pytest.mark.parametrize("seed", range(40))
def test_the_lines_of_a_row_are_kept_across_blocks(seed):
    text = text_for(seed)
    tap = rows._Tap(io.StringIO(text, newline=""), "f.csv")
    tap.BLOCK = random.Random(seed).choice([1, 5, 16])
    seen, done = [], 0
    for n, line in enumerate(tap, start=1):
        seen.append(line)
        if n % 5 == 0:   # a row ends every five lines: the lines since the last one are still there
            assert tap.text(done + 1, n) == seen[done:n]
            tap.done = done = n
