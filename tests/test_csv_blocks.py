"""The CSV reader reads a file a block at a time (``rows._Tap``, issue 14): it must give the CSV
module exactly the lines ``readline`` gave it, cut where readline cuts ('\\n', '\\r\\n', '\\r', and
never at the other breaks str.splitlines knows), wherever a block ends, and stop at a line too
long exactly where reading line by line stopped."""
import io
import random

import pytest

from scoring.errors import InputFileError
from scoring.records import rows
from scoring.records.raw import Position

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


CELLS = ["", "a", " b ", "ư", "x\x0cy", "7,5", "\t", "  ", "\udcff", "Tổng cộng"]


@pytest.mark.parametrize("seed", range(200))
@pytest.mark.parametrize("delimiter", [",", ";", "\t"])
def test_a_line_without_quotes_gives_what_the_csv_module_gives(seed, delimiter, tmp_path):
    """Lines with no quote are cut at their delimiters by the reader itself: the same values, the
    same rows (blank ones left out, short and long ones rejected) as the csv module reading all."""
    rng = random.Random(seed)
    eol = rng.choice(["\n", "\r\n", "\r"])
    header = delimiter.join(["id", "a", "b"])
    body = [delimiter.join(rng.choice(CELLS) for _ in range(rng.choice([0, 1, 3, 3, 3, 5]))) for _ in range(30)]
    if seed % 3 == 0:   # a few quoted rows among them, one over two lines
        body[5] = delimiter.join(['"q' + eol + 'r"', '"s""t"', "u"])
    text = eol.join([header, *body]) + rng.choice([eol, ""])
    path = tmp_path / "f.csv"
    path.write_bytes(text.encode("utf-8", "surrogateescape"))
    got = [(r.row, r.data, r.problem) for r in rows._rows(path, None, None, None, Position())]   # no footer left out
    assert got == list(module_rows(text, delimiter, str(path)))


def module_rows(text: str, delimiter: str, file: str):
    """The rows the csv module's reader gives, as the reader made them before (issue 14)."""
    import csv
    import unicodedata
    from scoring.messages import Msg
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter)
    header = [h.strip() for h in next(reader)]
    line = reader.line_num
    for values in reader:
        start, line = line + 1, reader.line_num
        if not "".join(values).strip():
            continue
        data = {h: unicodedata.normalize("NFC", v) for h, v in zip(header, values) if h}
        bad = next((rows._bad_bytes(v) for v in values if rows._bad_bytes(v)), None)
        if bad:
            problem = Msg("row.bad", problem=bad)
        elif len(values) < len(header) or any(v.strip() for v in values[len(header):]):
            problem = Msg("csv.width", values=len(values), columns=len(header))
        else:
            problem = None
        yield start, data, problem
