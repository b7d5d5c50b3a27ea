"""A list printed from Excel repeats its header after each page break: a two-row header (a group title
row over the column titles), sometimes with the page's title line above it. Those rows were rejected one
by one as records ('Mã CB' with group 'Nhóm', a record with no id): the counts balanced, but the council
saw false rejected rows. They are skipped and said, as a repeated one-row header is."""
from __future__ import annotations

import json
import re

import openpyxl
import pytest

import scoring.run.parts as parts
from scoring import score_files

IND = ["1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3", "2.4", "3.1", "3.2"]
TITLE = "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN CÔNG DÂN HỌC TẬP NĂM 2024"
UPPER = ["STT", "Mã CB", "Họ và tên", "Nhóm", "Năng lực 1", None, None, None, "Năng lực 2", None, None, None, "Năng lực 3"]
LOWER = [None, None, None, None, *[f"{c} (10đ)" for c in IND]]


def person(n: int, name: str = "Nguyễn Văn An") -> list:
    return [n, f"CB-{n}", name, "1", *[8] * 10]


def page(first: int, count: int, title: bool = True) -> list[list]:
    """One printed page: (the title line,) the two header rows, then its people."""
    return [*([[TITLE]] if title else []), UPPER, LOWER, *(person(n) for n in range(first, first + count))]


def council_book(path, rows: list[list], merged: bool = True):
    """The rows under 'UBND XÃ TÂN LẬP', each header's cells merged as Excel prints them (when ``merged``)."""
    book = openpyxl.Workbook()
    ws = book.active
    ws.title = "DS"
    ws.append(["UBND XÃ TÂN LẬP"])
    for row in rows:
        ws.append(row)
        if merged and row == UPPER:
            r = ws.max_row
            for col in "ABCD":
                ws.merge_cells(f"{col}{r}:{col}{r + 1}")   # 'Mã CB' down both header rows
            for cols in ("E:H", "I:L", "M:N"):
                a, b = cols.split(":")
                ws.merge_cells(f"{a}{r}:{b}{r}")             # 'Năng lực 1' over 1.1–1.4
    book.save(path)
    return path


def csv_text(rows: list[list]) -> str:
    return "".join(";".join("" if c is None else str(c) for c in row) + "\n" for row in [["UBND XÃ TÂN LẬP"], *rows])


# rows 1 (UBND), 2 title, 3–4 header, 5–7 people; 8 title, 9–10 header, 11–12 people; 13–14 header, 15 person
ROWS = [*page(1, 3), *page(4, 2), *page(6, 1, title=False)]


@pytest.mark.parametrize("merged", [True, False])
def test_a_two_row_header_repeated_in_a_workbook_is_skipped_and_said(runner, cli, tmp_path, merged):
    book = council_book(tmp_path / "ds.xlsx", ROWS, merged)
    result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl"])
    assert result.exit_code == 0, result.output
    assert [json.loads(x)["id"] for x in result.stdout.splitlines()] == [f"CB-{n}" for n in range(1, 7)]
    assert "đã đọc 11 hồ sơ: 6 được chấm, 0 bị loại, 5 bỏ qua" in result.stderr   # in = scored + rejected + skipped
    assert ("bỏ qua 4 dòng lặp lại dòng tiêu đề cột (không phải hồ sơ; các dòng sau vẫn được đọc theo cùng các "
            f"cột): {book}:DS!9–10, {book}:DS!13–14\n") in result.stderr
    assert ("bỏ qua 1 dòng tiêu đề trang ngay trên dòng tiêu đề cột lặp lại (không phải hồ sơ): "
            f"{book}:DS!8 ('DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN C…')\n") in result.stderr
    english = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "--lang", "en"])
    assert "11 records read: 6 scored, 0 rejected, 5 skipped" in english.output
    assert f"skipped 4 rows repeating the header row (not records; the rows below are read with the same columns): " \
           f"{book}:DS!9–10, {book}:DS!13–14" in english.output
    assert f"skipped 1 page title row right above a repeated header row (not records): {book}:DS!8 (" in english.output


def test_a_two_row_header_repeated_in_a_csv_file_is_skipped_and_said(tmp_path):
    path = tmp_path / "ds.csv"
    path.write_text(csv_text(ROWS), encoding="utf-8")
    batch = score_files("cong-dan-hoc-tap", [path])
    assert [(r.id, r.ok) for r in batch.results()] == [(f"CB-{n}", True) for n in range(1, 7)]
    c = batch.counts
    assert (c.read, c.scored, c.rejected, c.skipped) == (11, 6, 0, 5) and c.balanced
    assert [(where.rsplit(":", 1)[1], what.code) for where, what in c.skipped_rows] == [
        ("8", "skip.title"), ("9", "skip.header"), ("10", "skip.header"), ("13", "skip.header"), ("14", "skip.header")]


def test_rows_that_look_like_a_title_or_a_header_but_are_records_stay_records(tmp_path):
    """A person whose name reads like a title, with an id and points, right above the header; a row with
    a title alone that no header follows; a header's upper row that no header row follows: as before."""
    rows = [*page(1, 1), person(2, "DANH SÁCH BỔ SUNG"), *page(3, 1),
            [TITLE], person(4),                     # a title line, then a person: no header under it
            UPPER, person(5)]                       # an upper row, then a person: no header row under it
    path = tmp_path / "ds.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    batch = score_files("cong-dan-hoc-tap", [path])
    results = list(batch.results())
    assert [(r.id, r.ok) for r in results] == [("CB-1", True), ("CB-2", True), ("CB-3", True), (None, False),
                                               ("CB-4", True), ("Mã CB", False), ("CB-5", True)]
    c = batch.counts
    assert (c.read, c.scored, c.rejected, c.skipped) == (10, 5, 2, 3) and c.balanced


def big_csv(tmp_path, pages: int = 12, per_page: int = 12):
    rows, n = [], 1
    for p in range(pages):
        rows += page(n, per_page, title=p % 2 == 0)
        n += per_page
    path = tmp_path / "big.csv"
    path.write_text(csv_text(rows), encoding="utf-8")
    return path, n - 1


def test_two_processes_reading_parts_skip_the_same_rows_as_one(runner, cli, tmp_path, monkeypatch):
    """With --jobs 2 a CSV file is read by the workers in parts: a repeated header (title, upper row, lower
    row) cut by a part's end is seen whole, as one process sees it."""
    path, people = big_csv(tmp_path)
    sizes = {300, 400, 500, 700}   # parts of a few rows: the header rows fall on every side of a cut
    outputs = set()
    for size in sizes:
        monkeypatch.setattr(parts, "PART_BYTES", size)
        monkeypatch.setattr(parts, "MIN_PART_BYTES", 100)
        for jobs in ("1", "2"):
            result = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path), "-f", "jsonl", "--jobs", jobs])
            assert result.exit_code == 0, result.output
            outputs.add((re.sub(rb'"run_(id|at)":"[^"]*"', b"", result.stdout_bytes), result.stderr))
    assert len(outputs) == 1
    stdout, stderr = outputs.pop()
    assert len(stdout.splitlines()) == people
    assert f"đã đọc {people + 11 * 2 + 5}" in stderr and f"{people} được chấm, 0 bị loại, {11 * 2 + 5} bỏ qua" in stderr
    batch = score_files("cong-dan-hoc-tap", [path], jobs=2)
    assert sum(1 for _ in batch.results()) == people and batch.counts.balanced and batch.counts.skipped == 27
