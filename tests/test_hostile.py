"""A hostile-input corpus (issue 12, item 11; issue 16, items 2 and 5): several hundred generated
cases across record files (CSV, JSON, JSON Lines, Excel), criteria packs, goal packs, self-check
answers and process faults. For every case:

- no traceback (in process: no exception escapes click; in a child process: no 'Traceback');
- the exit code is 0, 1 or 2 (130 only for an interrupted run, as documented);
- where records are read: every record written comes out, scored or rejected, and the count line
  adds up (read = scored + rejected + skipped);
- an error names the file it is about (and, for records, the row);
- time is bounded (each in-process case under 60 s; child processes are killed at a deadline),
  and memory too for the cases built to exhaust it (bombs, huge files: peak RSS of the child).

Most cases run in process through click's CliRunner; signals, closed or full stdout, encodings
of stdout and the memory cases run as child processes.
"""
from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import sys
import time
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

import pytest
from click.testing import CliRunner

import hostile as H
from cli import cli
from conftest import ROOT

INTERNAL = "lỗi nội bộ"   # the last-resort message: a case that reaches it was not handled on purpose


@dataclass
class Case:
    id: str
    build: Callable[[Path], list[str]]   # writes the files into a folder; returns the command's arguments
    rows: int | None = None              # records written: each must come out (exit 0 or 1)
    codes: tuple[int, ...] = (0, 1, 2)
    says: tuple[str, ...] = ()           # each must appear in stderr (or stdout) when given
    stdin: str | None = None


def score(name: str, *extra: str) -> list[str]:
    return ["score", "-c", H.PACK, name, "-f", "jsonl", *extra]


def write(path: Path, data: str | bytes, encoding: str = "utf-8", errors: str = "strict") -> Path:
    if isinstance(data, str):
        data = data.encode(encoding, errors)
    path.write_bytes(data)
    return path


# --- record files: one hostile value in one cell, in every format --------------------------------

CELL_VALUES = {
    "nan": "NaN", "nan-lower": "nan", "inf": "Infinity", "minus-inf": "-Infinity", "inf-short": "inf",
    "1e400": "1e400", "minus-1e400": "-1e400", "1e-400": "1e-400", "digits-5000": "9" * 5000,
    "underscore": "1_0", "comma-decimal": "8,5", "two-dots": "8.5.5", "fullwidth": "８", "arabic-digit": "٨",
    "nul-after": "8\x00", "nul": "\x00", "controls": "\x01\x02\x03", "escape-seq": "\x1b[31m8", "u2028": "8\u2028",
    "u2029": "\u20298", "nel": "8\x85", "bom-inside": "\ufeff8", "rtl-override": "\u202e8", "spaces": "  8  ",
    "plus": "+8", "minus-zero": "-0", "hex": "0x8", "exponent": "8e0", "true": "true", "co": "có", "empty": "",
    "blank": "   ", "emoji": "💥", "formula-text": "=1+1", "percent": "8%", "unit": "8 điểm", "quote": "'8",
    "tab": "8\t", "newline": "8\n9", "cr": "8\r", "long": "x" * 200_000, "huge-number": "1" + "0" * 400,
}
ID_VALUES = ("nul", "controls", "u2028", "nel", "empty", "blank", "long", "rtl-override", "digits-5000", "emoji",
             "newline", "nan", "bom-inside")
GROUP_VALUES = ("nan", "1e400", "nul", "empty", "fullwidth", "digits-5000", "u2028")


def _records(fmt: str, rows: list[list]) -> Callable[[Path], list[str]]:
    def build(d: Path) -> list[str]:
        name = f"r.{fmt}"
        if fmt == "csv":
            write(d / name, H.csv_text(rows))
        elif fmt == "json":
            write(d / name, H.json_text(rows))
        elif fmt == "jsonl":
            write(d / name, H.jsonl_text(rows))
        else:
            H.xlsx(d / name, rows)
        return score(str(d / name))
    return build


def cell_cases() -> list[Case]:
    cases = []
    for fmt in ("csv", "json", "jsonl", "xlsx"):
        for key, value in CELL_VALUES.items():
            cases.append(Case(f"{fmt}-cell-2.2-{key}", _records(fmt, H.with_cell("2.2", value)), rows=3, codes=(0, 1)))
        for key in ID_VALUES:
            cases.append(Case(f"{fmt}-cell-id-{key}", _records(fmt, H.with_cell("id", CELL_VALUES[key])), rows=3,
                              codes=(0, 1)))
        for key in GROUP_VALUES:
            cases.append(Case(f"{fmt}-cell-group-{key}", _records(fmt, H.with_cell("group", CELL_VALUES[key])), rows=3,
                              codes=(0, 1)))
    return cases


# --- JSON numbers and values that Python's json reads but cannot always write back -----------------

JSON_TOKENS = {"nan": "NaN", "inf": "Infinity", "minus-inf": "-Infinity", "1e400": "1e400", "minus-1e400": "-1e400",
               "1e-400": "1e-400", "digits-5000": "9" * 5000, "minus-zero": "-0", "true": "true", "false": "false",
               "null": "null", "object": '{"a": 1}', "array": "[1, 2]", "deep-value": "[" * 500 + "]" * 500,
               "lone-surrogate": '"\\ud800"', "surrogate-pair-broken": '"\\udc00\\ud800"', "string-nul": '"\\u0000"',
               "big-float": "1.7976931348623157e308", "tiny": "5e-324"}


def json_token_cases() -> list[Case]:
    cases = []
    for key, token in JSON_TOKENS.items():
        for column in ("2.2", "id"):
            for fmt in ("json", "jsonl"):
                def build(d: Path, token=token, column=column, fmt=fmt) -> list[str]:
                    objs = [json.dumps(o, ensure_ascii=False) for o in H.json_objects(H.good_rows())]
                    objs[1] = objs[1].replace(f'"{column}": "{dict(zip(H.HEADER, H.good_rows()[1]))[column]}"',
                                              f'"{column}": {token}')
                    text = "[\n" + ",\n".join(objs) + "\n]\n" if fmt == "json" else "\n".join(objs) + "\n"
                    write(d / f"r.{fmt}", text)
                    return score(str(d / f"r.{fmt}"))
                cases.append(Case(f"{fmt}-token-{column}-{key}", build, rows=3, codes=(0, 1)))
    return cases


# --- whole record files -----------------------------------------------------------------------

def file_case(case_id: str, name: str, data: str | bytes, rows: int | None = None, codes=(0, 1, 2),
              encoding: str = "utf-8", says: tuple[str, ...] = (), extra: tuple[str, ...] = ()) -> Case:
    def build(d: Path) -> list[str]:
        write(d / name, data, encoding, "surrogatepass")
        return score(str(d / name), *extra)
    return Case(case_id, build, rows=rows, codes=codes, says=says or ((name,) if 2 in codes else ()))


def csv_file_cases() -> list[Case]:
    good = H.csv_text(H.good_rows())
    head = ",".join(H.HEADER)
    cases = [
        file_case("csv-utf16le-bom", "r.csv", "\ufeff" + good, encoding="utf-16-le", codes=(0, 2), rows=3),
        file_case("csv-utf16be-bom", "r.csv", "\ufeff" + good, encoding="utf-16-be", codes=(0, 2), rows=3),
        file_case("csv-utf16-no-bom", "r.csv", good, encoding="utf-16-le", codes=(0, 1, 2), rows=3),
        file_case("csv-utf32", "r.csv", good, encoding="utf-32", codes=(0, 2), rows=3),
        file_case("csv-latin1-name", "r.csv", good.replace("CD-2", "José"), encoding="latin-1", codes=(0, 1, 2), rows=3),
        file_case("csv-cp1258", "r.csv", good.replace("CD-2", "Hà"), encoding="cp1258", codes=(0, 1, 2), rows=3),
        file_case("csv-bom", "r.csv", "\ufeff" + good, rows=3, codes=(0,)),
        file_case("csv-double-bom", "r.csv", "\ufeff\ufeff" + good, rows=3, codes=(0, 1, 2)),
        file_case("csv-bom-only", "r.csv", "\ufeff", codes=(2,)),
        file_case("csv-empty", "r.csv", "", codes=(2,)),
        file_case("csv-whitespace", "r.csv", " \n\t\n", codes=(2,)),
        file_case("csv-header-only", "r.csv", head + "\n", rows=0, codes=(0, 2)),
        file_case("csv-blank-lines", "r.csv", good + "\n" * 20_000, rows=3, codes=(0,)),
        file_case("csv-crlf", "r.csv", H.csv_text(H.good_rows(), end="\r\n"), rows=3, codes=(0,)),
        file_case("csv-cr-only", "r.csv", H.csv_text(H.good_rows(), end="\r"), rows=3, codes=(0, 2)),
        file_case("csv-no-final-newline", "r.csv", good.rstrip("\n"), rows=3, codes=(0,)),
        file_case("csv-unclosed-quote-last-column-last-row", "r.csv", good.rstrip("\n")[:-1] + '"8\n', rows=3),
        file_case("csv-unclosed-quote-last-column-middle", "r.csv",
                  good.replace(",8\nCD-3", ',"8\nCD-3'), codes=(2,), says=("r.csv", "3")),
        file_case("csv-unclosed-quote-first-column", "r.csv", good.replace("CD-2", '"CD-2'), codes=(2,)),
        file_case("csv-stray-quote", "r.csv", good.replace("CD-2,1,8", 'CD-2,1,8"'), rows=3, codes=(1,)),
        file_case("csv-quoted-newline-ok", "r.csv", head + ',ghi_chu\n' + "\n".join(
            ",".join(r) + ',"dòng 1\ndòng 2"' for r in H.good_rows()) + "\n", rows=3, codes=(0,)),
        file_case("csv-nul-byte", "r.csv", good.replace("CD-2", "CD\x00-2"), rows=3, codes=(0, 1, 2)),
        file_case("csv-binary", "r.csv", bytes(range(256)) * 40, codes=(2,)),
        file_case("csv-gzip", "r.csv", b"\x1f\x8b\x08\x00" + os.urandom(200), codes=(2,)),
        file_case("csv-pdf", "r.csv", b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj\n", codes=(2,)),
        file_case("csv-10000-columns", "r.csv", head + "," + ",".join(f"c{i}" for i in range(10_000)) + "\n" +
                  "\n".join(",".join(r) + "," * 10_000 for r in H.good_rows()) + "\n", rows=3, codes=(0,)),
        file_case("csv-duplicate-header", "r.csv", good.replace("1.2", "1.1", 1), codes=(2,)),
        file_case("csv-empty-header-names", "r.csv", ",," + good, rows=None, codes=(0, 1, 2)),
        file_case("csv-extra-separators", "r.csv", good.replace("CD-2,", "CD-2,,,"), rows=3, codes=(1,)),
        file_case("csv-fewer-values", "r.csv", good.replace("CD-2,1,8,", "CD-2,1,"), rows=3, codes=(1,)),
        file_case("csv-semicolon", "r.csv", H.csv_text(H.good_rows(), sep=";"), rows=3, codes=(0,)),
        file_case("csv-tab", "r.csv", H.csv_text(H.good_rows(), sep="\t"), rows=3, codes=(0, 1, 2)),
        file_case("csv-huge-line", "r.csv", good + "CD-9,1," + "9" * 3_000_000 + "\n", rows=4, codes=(1, 2)),
        file_case("csv-huge-field-20mb", "r.csv", good + 'CD-9,1,"' + "9" * 20_000_000 + '"\n', rows=4, codes=(1, 2)),
        file_case("csv-lone-surrogate-bytes", "r.csv", good.replace("CD-2", "CD-\udcff2"), rows=3, codes=(1,)),
        file_case("csv-encoded-surrogate", "r.csv", good.replace("CD-2", "CD-\ud8002"), rows=3, codes=(1,)),
        file_case("csv-header-bad-bytes", "r.csv", good.replace("group", "gr\udcffoup"), codes=(2,)),
        file_case("csv-duplicate-ids", "r.csv", good.replace("CD-3", "CD-1"), rows=3, codes=(1,)),
        file_case("csv-u2028-in-value", "r.csv", good.replace("CD-2,1,8", "CD-2,1,8\u2028"), rows=3, codes=(0, 1)),
        file_case("csv-nel-in-value", "r.csv", good.replace("CD-2,1", "CD-2\x85,1"), rows=3, codes=(0, 1)),
        file_case("csv-form-feed", "r.csv", good.replace("CD-2,1", "CD-2\x0c,1"), rows=3, codes=(0, 1)),
        file_case("csv-only-separators", "r.csv", ",,,,\n,,,\n", codes=(2,)),
        file_case("csv-xlsx-named-csv", "r.csv", b"PK\x03\x04" + os.urandom(300), codes=(2,)),
    ]
    return cases


def json_file_cases() -> list[Case]:
    good = H.json_text(H.good_rows())
    return [
        file_case("json-deep-10000", "r.json", H.deep_json(10_000), codes=(2,)),
        file_case("json-deep-100000", "r.json", H.deep_json(100_000), codes=(2,)),
        file_case("json-deep-object", "r.json", '{"records": ' + '{"a": ' * 20_000 + "1" + "}" * 20_001, codes=(2,)),
        file_case("json-scalar", "r.json", "42", codes=(2,)),
        file_case("json-string", "r.json", '"records"', codes=(2,)),
        file_case("json-null", "r.json", "null", codes=(2,)),
        file_case("json-empty-object", "r.json", "{}", codes=(2,)),
        file_case("json-empty-array", "r.json", "[]", rows=0, codes=(0, 2)),
        file_case("json-records-not-list", "r.json", '{"records": "x"}', codes=(2,)),
        file_case("json-records-key", "r.json", '{"records": ' + good + "}", rows=3, codes=(0,)),
        file_case("json-truncated", "r.json", good[:-10], codes=(2,)),
        file_case("json-trailing-comma", "r.json", good[:-2] + ",\n]", codes=(2,)),
        file_case("json-duplicate-keys", "r.json", good.replace('"group": "1"', '"group": "1", "group": "2"', 1), rows=3,
                  codes=(0, 1)),
        file_case("json-bom", "r.json", "\ufeff" + good, rows=3, codes=(0,)),
        file_case("json-utf16", "r.json", "\ufeff" + good, encoding="utf-16-le", codes=(0, 2), rows=3),
        file_case("json-latin1", "r.json", good.replace("CD-2", "José"), encoding="latin-1", codes=(0, 1, 2), rows=3),
        file_case("json-non-objects", "r.json", "[1, \"a\", null, [], true]", rows=5, codes=(1,)),
        file_case("json-10000-keys", "r.json", json.dumps([{**dict(zip(H.HEADER, H.GOOD)),
                                                            **{f"k{i}": i for i in range(10_000)}}]), rows=1, codes=(0,)),
        file_case("json-comment", "r.json", "// danh sách\n" + good, codes=(2,)),
        file_case("json-nan-key", "r.json", good.replace('"group"', '"NaN"', 1), rows=3, codes=(1,)),
        file_case("json-raw-surrogate-bytes", "r.json", good.replace("CD-2", "CD-\udcff"), codes=(1, 2), rows=3),
        file_case("json-two-documents", "r.json", good + good, codes=(2,)),
        file_case("json-huge-string", "r.json", good.replace('"CD-2"', '"' + "x" * 2_000_000 + '"'), rows=3, codes=(0, 1)),
        file_case("json-many-records-non-dict", "r.json", "[" + ",".join(["0"] * 3_000) + "]", rows=3_000, codes=(1,)),
        file_case("json-number-key-values", "r.json", '[{"id": 1, "group": 1, "1.1": 8}]', rows=1, codes=(0, 1)),
    ]


def jsonl_file_cases() -> list[Case]:
    rows = H.good_rows()
    lines = [json.dumps(o, ensure_ascii=False) for o in H.json_objects(rows)]
    cases = []
    for key, sep in {"u2028": "\u2028", "u2029": "\u2029", "nel": "\x85", "vt": "\x0b", "ff": "\x0c", "fs": "\x1c",
                     "gs": "\x1d", "rs": "\x1e", "cr": "\r"}.items():
        raw = lines[:]
        raw[1] = raw[1].replace('"CD-2"', f'"CD-{sep}2"')   # raw, unescaped, inside a string
        # JSON allows U+2028/U+2029/NEL unescaped in strings (valid record); C0 controls are invalid JSON (rejected)
        codes = (0,) if key in ("u2028", "u2029", "nel") else (1,)
        cases.append(file_case(f"jsonl-separator-in-value-{key}", "r.jsonl", "\n".join(raw) + "\n", rows=3, codes=codes))
    cases += [
        file_case("jsonl-crlf", "r.jsonl", "\r\n".join(lines) + "\r\n", rows=3, codes=(0,)),
        file_case("jsonl-blank-lines", "r.jsonl", "\n\n".join(lines) + "\n\n\n", rows=3, codes=(0,)),
        file_case("jsonl-array-line", "r.jsonl", "\n".join([lines[0], "[1, 2]", lines[2]]) + "\n", rows=3, codes=(1,)),
        file_case("jsonl-garbage-line", "r.jsonl", "\n".join([lines[0], "{not json", lines[2]]) + "\n", rows=3, codes=(1,)),
        file_case("jsonl-deep-line", "r.jsonl", "\n".join([lines[0], H.deep_json(50_000), lines[2]]) + "\n", rows=3,
                  codes=(1,)),
        file_case("jsonl-deep-object-line", "r.jsonl", "\n".join([lines[0], '{"a": ' * 50_000 + "1" + "}" * 50_000,
                                                                  lines[2]]) + "\n", rows=3, codes=(1,)),
        file_case("jsonl-huge-line", "r.jsonl", "\n".join([lines[0], lines[1].replace('"CD-2"', '"' + "x" * 2_000_000 + '"'),
                                                           lines[2]]) + "\n", rows=3, codes=(0, 1)),
        file_case("jsonl-bom", "r.jsonl", "\ufeff" + "\n".join(lines) + "\n", rows=3, codes=(0,)),
        file_case("jsonl-bom-each-line", "r.jsonl", "\n".join("\ufeff" + x for x in lines) + "\n", rows=3, codes=(0, 1)),
        file_case("jsonl-utf16", "r.jsonl", "\ufeff" + "\n".join(lines) + "\n", encoding="utf-16-le", rows=3,
                  codes=(0, 2)),
        file_case("jsonl-nul-line", "r.jsonl", "\n".join([lines[0], "\x00" * 10, lines[2]]) + "\n", rows=3, codes=(1,)),
        file_case("jsonl-no-final-newline", "r.jsonl", "\n".join(lines), rows=3, codes=(0,)),
        file_case("jsonl-truncated-last", "r.jsonl", "\n".join(lines)[:-5], rows=3, codes=(1,)),
        file_case("jsonl-empty", "r.jsonl", "", codes=(2,)),
        file_case("jsonl-only-blank", "r.jsonl", "\n\n \n", codes=(2,)),
        file_case("jsonl-surrogate-escape", "r.jsonl", "\n".join([lines[0], lines[1].replace('"CD-2"', '"\\udfff"'),
                                                                  lines[2]]) + "\n", rows=3, codes=(0, 1)),
        file_case("jsonl-raw-bad-bytes", "r.jsonl", "\n".join([lines[0], lines[1].replace("CD-2", "CD-\udcfe"),
                                                               lines[2]]) + "\n", rows=3, codes=(1,)),
    ]
    return cases


# --- workbooks ------------------------------------------------------------------------------------

def xlsx_case(case_id: str, rows: int | None = None, codes=(0, 1, 2), **parts) -> Case:
    def build(d: Path) -> list[str]:
        H.xlsx(d / "r.xlsx", H.good_rows() if "sheet" not in parts else None, **parts)
        return score(str(d / "r.xlsx"))
    return Case(case_id, build, rows=rows, codes=codes, says=("r.xlsx",) if 2 in codes and rows is None else ())


def _sheet_with(row2: str) -> str:
    head = "".join(H.cell_xml(f"{H.column(c)}1", h) for c, h in enumerate(H.HEADER))
    r1 = "".join(H.cell_xml(f"{H.column(c)}2", v) for c, v in enumerate(H.good_rows()[0]))
    return H.SHEET_HEAD + f'<row r="1">{head}</row><row r="2">{r1}</row>{row2}' + H.SHEET_TAIL


def _row3(cells: str) -> str:
    first = '<c r="A3" t="inlineStr"><is><t>CD-3</t></is></c><c r="B3"><v>1</v></c>'
    rest = "".join(f'<c r="{H.column(c)}3"><v>8</v></c>' for c in range(2, 12) if H.column(c) not in cells[:8])
    return f'<row r="3">{first}{cells}{rest}</row>'


ENTITY_BOMB = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol">'
               + "".join(f'<!ENTITY lol{i} "{("&lol" + (str(i - 1) if i > 1 else "") + ";") * 10}">' for i in range(1, 10))
               + ']>')


def xlsx_cases() -> list[Case]:
    sheet, strings = H.shared_sheet(H.good_rows())
    cases = [
        xlsx_case("xlsx-valid", rows=3, codes=(0,)),
        xlsx_case("xlsx-shared-strings", rows=3, codes=(0,), sheet=sheet, strings=strings),
        xlsx_case("xlsx-missing-shared-strings", codes=(1, 2), sheet=sheet, parts={"xl/sharedStrings.xml": None}),
        xlsx_case("xlsx-shared-string-index-too-big", codes=(1, 2), sheet=sheet.replace("<v>5</v>", "<v>99999</v>"),
                  strings=strings),
        xlsx_case("xlsx-shared-string-index-negative", codes=(1, 2), sheet=sheet.replace("<v>5</v>", "<v>-1</v>"),
                  strings=strings),
        xlsx_case("xlsx-shared-string-index-text", codes=(1, 2), sheet=sheet.replace("<v>5</v>", "<v>abc</v>"),
                  strings=strings),
        xlsx_case("xlsx-cell-ref-A0", codes=(0, 1, 2), sheet=_sheet_with('<row r="3"><c r="A0"><v>1</v></c></row>')),
        xlsx_case("xlsx-cell-ref-1A", codes=(0, 1, 2), sheet=_sheet_with('<row r="3"><c r="1A"><v>1</v></c></row>')),
        xlsx_case("xlsx-cell-ref-ZZZZ1", codes=(0, 1, 2), sheet=_sheet_with('<row r="3"><c r="ZZZZ3"><v>1</v></c></row>')),
        xlsx_case("xlsx-cell-ref-huge-row", codes=(0, 1, 2),
                  sheet=_sheet_with('<row r="99999999"><c r="A99999999"><v>1</v></c></row>')),
        xlsx_case("xlsx-cell-ref-empty", codes=(0, 1, 2), sheet=_sheet_with('<row r="3"><c r=""><v>1</v></c></row>')),
        xlsx_case("xlsx-cell-ref-missing", codes=(0, 1, 2), sheet=_sheet_with('<row r="3"><c><v>1</v></c></row>')),
        xlsx_case("xlsx-row-number-text", codes=(0, 1, 2), sheet=_sheet_with('<row r="abc"><c r="A3"><v>1</v></c></row>')),
        xlsx_case("xlsx-row-zero", codes=(0, 1, 2), sheet=_sheet_with('<row r="0"><c r="A0"><v>1</v></c></row>')),
        xlsx_case("xlsx-column-beyond-xfd", codes=(0, 1, 2), sheet=_sheet_with('<row r="3"><c r="XFE3"><v>1</v></c></row>')),
        xlsx_case("xlsx-number-nan", codes=(0, 1, 2), sheet=_sheet_with(_row3('<c r="C3"><v>NaN</v></c>'))),
        xlsx_case("xlsx-number-inf", codes=(0, 1, 2), sheet=_sheet_with(_row3('<c r="C3"><v>INF</v></c>'))),
        xlsx_case("xlsx-number-1e999", codes=(0, 1, 2), sheet=_sheet_with(_row3('<c r="C3"><v>1e999</v></c>'))),
        xlsx_case("xlsx-number-text", codes=(0, 1, 2), sheet=_sheet_with(_row3('<c r="C3"><v>tám</v></c>'))),
        xlsx_case("xlsx-bool-2", codes=(0, 1, 2), sheet=_sheet_with(_row3('<c r="C3" t="b"><v>2</v></c>'))),
        xlsx_case("xlsx-error-cell", codes=(0, 1, 2), sheet=_sheet_with(_row3('<c r="C3" t="e"><v>#DIV/0!</v></c>'))),
        xlsx_case("xlsx-date-cell-invalid", codes=(0, 1, 2), sheet=_sheet_with(_row3('<c r="C3" t="d"><v>2024-02-30</v></c>'))),
        xlsx_case("xlsx-date-cell-text", codes=(0, 1, 2), sheet=_sheet_with(_row3('<c r="C3" t="d"><v>hôm qua</v></c>'))),
        xlsx_case("xlsx-style-out-of-range", codes=(0, 1, 2), sheet=_sheet_with(_row3('<c r="C3" s="999"><v>8</v></c>'))),
        xlsx_case("xlsx-style-text", codes=(0, 1, 2), sheet=_sheet_with(_row3('<c r="C3" s="x"><v>8</v></c>'))),
        xlsx_case("xlsx-unknown-type", codes=(0, 1, 2), sheet=_sheet_with(_row3('<c r="C3" t="zz"><v>8</v></c>'))),
        xlsx_case("xlsx-formula-no-value", codes=(0, 1, 2), sheet=_sheet_with(_row3('<c r="C3"><f>1+1</f></c>'))),
        xlsx_case("xlsx-inline-control-chars", codes=(0, 1, 2),
                  sheet=_sheet_with(_row3('<c r="C3" t="inlineStr"><is><t>8&#x1;</t></is></c>'))),
        xlsx_case("xlsx-entity-bomb-sheet", codes=(2,), sheet=ENTITY_BOMB + H.sheet_xml(H.good_rows())[38:]),
        xlsx_case("xlsx-entity-bomb-strings", codes=(2,), sheet=sheet,
                  strings=ENTITY_BOMB + strings.replace("<t>CD-1</t>", "<t>&lol9;</t>")),
        xlsx_case("xlsx-xxe-file", codes=(1, 2), sheet=sheet, strings='<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe SYSTEM '
                  '"file:///etc/passwd">]>' + strings.replace("<t>CD-1</t>", "<t>&xxe;</t>")),
        xlsx_case("xlsx-xxe-workbook", codes=(2,), parts={"xl/workbook.xml": '<?xml version="1.0"?><!DOCTYPE x [<!ENTITY xxe '
                  'SYSTEM "file:///etc/passwd">]>' + H.WORKBOOK[55:].replace('name="Danh sách"', 'name="&xxe;"')}),
        xlsx_case("xlsx-truncated-sheet-xml", codes=(1, 2), sheet=H.sheet_xml(H.good_rows())[:-60]),
        xlsx_case("xlsx-sheet-not-xml", codes=(2,), sheet="this is not xml"),
        xlsx_case("xlsx-sheet-wrong-namespace", codes=(0, 1, 2), sheet=H.sheet_xml(H.good_rows()).replace(
            "spreadsheetml/2006/main", "example.com/other")),
        xlsx_case("xlsx-sheet-utf16", codes=(0, 2), rows=3, sheet=None, parts={"xl/worksheets/sheet1.xml": (
            H.sheet_xml(H.good_rows()).replace('encoding="UTF-8"', 'encoding="UTF-16"')).encode("utf-16")}),
        xlsx_case("xlsx-missing-content-types", codes=(0, 2), parts={"[Content_Types].xml": None}),
        xlsx_case("xlsx-missing-workbook", codes=(2,), parts={"xl/workbook.xml": None}),
        xlsx_case("xlsx-missing-sheet", codes=(2,), parts={"xl/worksheets/sheet1.xml": None}),
        xlsx_case("xlsx-missing-workbook-rels", codes=(2,), parts={"xl/_rels/workbook.xml.rels": None}),
        xlsx_case("xlsx-no-sheets", codes=(2,), parts={"xl/workbook.xml": H.WORKBOOK.replace(
            '<sheet name="Danh sách" sheetId="1" r:id="rId1"/>', "")}),
        xlsx_case("xlsx-workbook-garbage", codes=(2,), parts={"xl/workbook.xml": "<<<"}),
        xlsx_case("xlsx-rels-garbage", codes=(2,), parts={"xl/_rels/workbook.xml.rels": "\x00\x01"}),
        xlsx_case("xlsx-rel-target-traversal", codes=(2,), parts={"xl/_rels/workbook.xml.rels": H.WORKBOOK_RELS.replace(
            "worksheets/sheet1.xml", "../../../../etc/passwd")}),
        xlsx_case("xlsx-styles-garbage", codes=(0, 2), rows=3, parts={"xl/styles.xml": "<styleSheet><numFmts count='x'>"}),
        xlsx_case("xlsx-sheet-name-control-chars", codes=(0, 1, 2),
                  parts={"xl/workbook.xml": H.WORKBOOK.replace("Danh sách", "Danh&#x1;sách")}),
        xlsx_case("xlsx-header-duplicate", codes=(2,), sheet=H.sheet_xml(H.good_rows(), H.HEADER[:3] + ["1.1"] + H.HEADER[4:])),
        xlsx_case("xlsx-empty-sheet", codes=(2,), sheet=H.SHEET_HEAD + H.SHEET_TAIL),
        xlsx_case("xlsx-header-only", codes=(0, 2), rows=0, sheet=H.sheet_xml([])),
        xlsx_case("xlsx-16384-columns", codes=(0,), rows=3, sheet=H.sheet_xml(
            [r + ["x"] * 3000 for r in H.good_rows()], H.HEADER + [f"c{i}" for i in range(3000)])),
    ]
    for case_id, data in {"xlsx-not-a-zip": b"id,group\n1,2\n", "xlsx-empty-file": b"",
                          "xlsx-zip-garbage": b"PK\x03\x04" + os.urandom(500),
                          "xlsx-ole-encrypted": b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(2000),
                          "xlsx-zip-empty": b"PK\x05\x06" + bytes(18)}.items():
        cases.append(file_case(case_id, "r.xlsx", data, codes=(2,)))
    return cases


# --- criteria packs, goal packs and answers files: hostile YAML -------------------------------------

BASE_PACK = (ROOT / "tests" / "valid_base_pack.yaml").read_text(encoding="utf-8")
BASE_GOALS = (ROOT / "tests" / "valid_base_goals.yaml").read_text(encoding="utf-8")
BASE_ANSWERS = 'group: "1"\n"1.1": 8\n"1.2": 8\n"1.3": 8\n"1.4": 8\n"2.1": 8\n"2.2": 8\n"2.3": 8\n"2.4": 8\n"3.1": 8\n"3.2": 8\n'


def yaml_mutations(base: str, key_line: str) -> dict[str, str | bytes]:
    """Hostile variants of a valid YAML document; ``key_line`` is a line of it to play with."""
    key, _, value = key_line.partition(": ")
    return {
        "alias-bomb": H.alias_bomb() + base,
        "alias-bomb-inside": base.replace(key_line, f"{key}: " + "[" + ", ".join(["*b"] * 5) + "]") .replace(
            base.splitlines()[0], base.splitlines()[0] + "\n" + H.alias_bomb().replace("a0: &a0", "x0: &a0")
            .replace("\na", "\nx").replace("x8: &a8", "x8: &b")),
        "alias-few": base.replace(key_line, f"{key}: &v {value}") + "x_alias: *v\n",
        "recursive-alias": "a: &a [*a]\n" + base,
        "python-object": base.replace(key_line, f'{key}: !!python/object/apply:os.system ["echo pwned"]'),
        "python-name": base.replace(key_line, f"{key}: !!python/name:os.system"),
        "binary-tag": base.replace(key_line, f"{key}: !!binary aGVsbG8="),
        "custom-tag": base.replace(key_line, f"{key}: !thu {value}"),
        "set-tag": base.replace(key_line, f"{key}: !!set {{a, b}}"),
        "bad-timestamp": base.replace(key_line, f"{key}: !!timestamp 2024-02-30"),
        "merge-key": "defaults: &d {x: 1}\n" + base.replace(key_line, key_line + "\n<<: *d"),
        "merge-key-list": "base: &d [1, 2]\n" + base.replace(key_line, key_line + "\n<<: *d"),
        "unhashable-list-key": base.replace(key_line, key_line + "\n? [a, b]\n: 1"),
        "unhashable-map-key": base.replace(key_line, key_line + "\n{a: 1}: x"),
        "null-key": base.replace(key_line, key_line + "\n~: x"),
        "int-key": base.replace(key_line, key_line + "\n12: x"),
        "bool-key": base.replace(key_line, key_line + "\nyes: x"),
        "duplicate-key": base + key_line + "\n",
        "nul-char": base.replace(key_line, key_line + "\x00"),
        "control-char": base.replace(key_line, key_line + "\x01"),
        "nel": base.replace(key_line, key_line + "\x85x: 1"),
        "u2028": base.replace(key_line, key_line + "\u2028"),
        "lone-surrogate-escape": base.replace(key_line, f'{key}: "\\ud800"'),
        "tab-indent": base.replace("\n  ", "\n\t", 1),
        "utf16": ("\ufeff" + base).encode("utf-16-le"),
        "latin1": base.replace(key_line, f"{key}: José").encode("latin-1", "replace"),
        "bom": "\ufeff" + base,
        "empty": "",
        "comments-only": "# chỉ có chú thích\n",
        "scalar": "42\n",
        "list": "- 1\n- 2\n",
        "two-documents": base + "---\n" + base,
        "deep-nesting": H.deep_yaml(10_000) + base,
        "deep-mapping": "x: " + "{a: " * 5000 + "1" + "}" * 5000 + "\n" + base,
        "huge-int": base.replace(key_line, f"{key}: {'9' * 5000}"),
        "1e400": base.replace(key_line, f"{key}: 1e400"),
        "nan": base.replace(key_line, f"{key}: .nan"),
        "inf": base.replace(key_line, f"{key}: .inf"),
        "date-30-feb": base.replace(key_line, f"{key}: 2024-02-30"),
        "date-month-13": base.replace(key_line, f"{key}: 2024-13-01"),
        "date-zero": base.replace(key_line, f"{key}: 0000-00-00"),
        "long-string": base.replace(key_line, f"{key}: {'x' * 1_000_000}"),
        "binary-garbage": bytes(range(256)) * 10,
        "unclosed-quote": base.replace(key_line, f'{key}: "abc'),
        "bad-indent": base.replace(key_line, "   " + key_line),
    }


PACK_FIELDS = {"version": 'version: "1"', "valid_from": "valid_from: 2023-10-25", "status": "status: official"}


def yaml_cases() -> list[Case]:
    cases = []
    targets = {
        "pack-validate": (BASE_PACK, 'version: "1"', "p.yaml", lambda p: ["validate", p]),
        "pack-score": (BASE_PACK, "valid_from: 2023-10-25", "p.yaml", None),
        "goals": (BASE_GOALS, 'version: "1"', "g.yaml", None),
        "answers-yaml": (BASE_ANSWERS, '"2.2": 8', "a.yaml", lambda p: ["check", "-c", H.PACK, "--answers", p, "-f", "json"]),
    }
    for target, (base, key_line, name, command) in targets.items():
        for key, text in yaml_mutations(base, key_line).items():
            def build(d: Path, text=text, name=name, target=target, command=command) -> list[str]:
                write(d / name, text, errors="surrogatepass")
                path = str(d / name)
                if target == "pack-score":
                    write(d / "r.csv", "id,1.1,1.2,danh_hieu\nA,8,8,tien_tien\nB,3,9,\n")
                    return ["score", "-c", path, str(d / "r.csv"), "-f", "jsonl"]
                if target == "goals":
                    write(d / "r.csv", "id,ok,loai\n1,có,a\n2,không,b\n")
                    return ["goals", "-g", path, "-y", "2030", str(d / "r.csv"), "-f", "json"]
                return command(path)
            cases.append(Case(f"{target}-{key}", build, says=(name,) if key not in ("alias-few",) else ()))
    return cases


ANSWERS_JSON = {
    "nan": '{"group": "1", "2.2": NaN}', "inf": '{"group": "1", "2.2": Infinity}', "1e400": '{"group": "1", "2.2": 1e400}',
    "digits": '{"group": "1", "2.2": ' + "9" * 5000 + "}", "deep": H.deep_json(10_000), "deep-value": '{"2.2": ' +
    H.deep_json(5000) + "}", "lone-surrogate": '{"group": "\\ud800"}', "list": "[1, 2]", "string": '"x"', "null": "null",
    "empty": "", "object-value": '{"2.2": {"a": 1}}', "bool-value": '{"2.2": true}', "duplicate": '{"2.2": 1, "2.2": 2}',
    "nul": '{"group": "\\u0000"}', "bom": "\ufeff{}", "utf16": "\ufeff{}".encode("utf-16-le"), "truncated": '{"group": "1"',
    "unknown-key": '{"zz": 1}', "huge-string": '{"2.2": "' + "x" * 2_000_000 + '"}',
}


def answers_json_cases() -> list[Case]:
    cases = []
    for key, text in ANSWERS_JSON.items():
        def build(d: Path, text=text) -> list[str]:
            write(d / "a.json", text, errors="surrogatepass")
            return ["check", "-c", H.PACK, "--answers", str(d / "a.json"), "-f", "json"]
        cases.append(Case(f"answers-json-{key}", build, says=("a.json",)))
    return cases


# --- special files and paths given as records, packs or outputs ------------------------------------

def path_cases() -> list[Case]:
    def loop(d: Path) -> str:
        (d / "a.csv").symlink_to(d / "b.csv")
        (d / "b.csv").symlink_to(d / "a.csv")
        return str(d / "a.csv")

    def folder(d: Path, name: str) -> str:
        (d / name).mkdir()
        return str(d / name)

    def good(d: Path) -> str:
        return str(write(d / "r.csv", H.csv_text(H.good_rows())))

    return [
        Case("records-symlink-loop", lambda d: score(loop(d)), codes=(2,), says=("a.csv",)),
        Case("records-directory", lambda d: score(folder(d, "r.csv")), codes=(2,), says=("r.csv",)),
        Case("records-directory-xlsx", lambda d: score(folder(d, "r.xlsx")), codes=(2,), says=("r.xlsx",)),
        Case("records-missing", lambda d: score(str(d / "none.csv")), codes=(2,), says=("none.csv",)),
        Case("records-dev-null", lambda d: score("/dev/null"), codes=(2,)),
        Case("records-no-extension", lambda d: score(str(write(d / "r", "x"))), codes=(2,), says=("r",)),
        Case("pack-symlink-loop", lambda d: ["validate", _yaml_loop(d)], codes=(2,), says=("p.yaml",)),
        Case("pack-directory", lambda d: ["validate", folder(d, "p.yaml")], codes=(2,), says=("p.yaml",)),
        Case("pack-score-directory", lambda d: ["score", "-c", folder(d, "p.yaml"), good(d)], codes=(2,), says=("p.yaml",)),
        Case("goals-directory", lambda d: ["goals", "-g", folder(d, "g.yaml"), good(d)], codes=(2,), says=("g.yaml",)),
        Case("answers-directory", lambda d: ["check", "-c", H.PACK, "--answers", folder(d, "a.yaml")], codes=(2,),
             says=("a.yaml",)),
        Case("answers-symlink-loop", lambda d: ["check", "-c", H.PACK, "--answers", _yaml_loop(d, "a.yaml")], codes=(2,),
             says=("a.yaml",)),
        Case("output-directory", lambda d: score(good(d), "-o", folder(d, "out.jsonl")), codes=(2,), says=("out.jsonl",)),
        Case("output-missing-folder", lambda d: score(good(d), "-o", str(d / "no" / "out.jsonl")), codes=(2,),
             says=("out.jsonl",)),
        Case("output-dev-full", lambda d: score(good(d), "-o", "/dev/full"), codes=(2,)),
        Case("output-unknown-extension", lambda d: ["score", "-c", H.PACK, good(d), "-o", str(d / "out.exe")], codes=(0,),
             says=("out.exe",)),
        Case("store-directory", lambda d: score(good(d), "--store", folder(d, "s.sqlite3")), codes=(2,), says=("s.sqlite3",)),
        Case("store-garbage", lambda d: score(good(d), "--store", str(write(d / "s.sqlite3", os.urandom(5000)))), codes=(2,),
             says=("s.sqlite3",)),
        Case("runs-garbage-store", lambda d: ["runs", "--store", str(write(d / "s.sqlite3", b"SQLite format 3\x00" +
                                                                            os.urandom(5000)))], codes=(2,)),
        Case("explain-symlink-loop", lambda d: ["explain", "-c", H.PACK, loop(d)], codes=(2,), says=("a.csv",)),
        Case("report-directory", lambda d: ["report", "-c", H.PACK, folder(d, "r.csv")], codes=(2,), says=("r.csv",)),
        Case("verify-symlink-loop", lambda d: ["verify", "-c", H.PACK, loop(d)], codes=(2,), says=("a.csv",)),
    ]


def _yaml_loop(d: Path, name: str = "p.yaml") -> str:
    (d / name).symlink_to(d / f"x-{name}")
    (d / f"x-{name}").symlink_to(d / name)
    return str(d / name)


# --- the in-process corpus ------------------------------------------------------------------------

CASES = [*cell_cases(), *json_token_cases(), *csv_file_cases(), *json_file_cases(), *jsonl_file_cases(), *xlsx_cases(),
         *yaml_cases(), *answers_json_cases(), *path_cases()]


def test_the_corpus_is_large_and_its_ids_unique():
    assert len(CASES) >= 300
    assert len({c.id for c in CASES}) == len(CASES)


def check_counts(stderr: str) -> None:
    """The count line (read = scored + rejected [+ skipped]) adds up, in any language."""
    for line in stderr.splitlines():
        numbers = [int(n) for n in re.findall(r"\d+", line.replace(",", ""))]
        if len(numbers) >= 3 and re.search(r"read|đọc", line) and re.search(r"scored|chấm", line):
            assert numbers[0] == sum(numbers[1:]), line


def check_records_out(stdout: str, rows: int) -> None:
    """Every record written comes out once, as a scored or rejected JSON object (strict JSON)."""
    def refuse(token: str):
        raise AssertionError(f"non-standard JSON number {token} in the output")
    lines = [line for line in stdout.split("\n") if line.strip()]
    objects = [json.loads(line, parse_constant=refuse) for line in lines]
    assert len(objects) == rows, stdout[:2000]
    for o in objects:
        assert ("outcome" in o) != ("error" in o)
        if "error" in o:
            assert o["where"] and o["error"]


@pytest.mark.parametrize("case", CASES, ids=[c.id for c in CASES])
def test_hostile_input(case: Case, tmp_path: Path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    args = case.build(tmp_path)
    start = time.monotonic()
    result = CliRunner().invoke(cli, args, input=case.stdin)
    elapsed = time.monotonic() - start
    out = result.stdout + result.stderr
    assert result.exception is None or isinstance(result.exception, SystemExit), \
        f"{type(result.exception).__name__}: {result.exception}"
    assert result.exit_code in case.codes, out[-3000:]
    assert "Traceback" not in out and INTERNAL not in out, out[-3000:]
    assert elapsed < 60, f"{elapsed:.1f} s"   # generous: the machine may be shared
    if result.exit_code == 2:
        assert result.stderr.strip(), "an error must say what is wrong"
        for text in case.says:
            assert text in out, out[-3000:]
    elif case.rows is not None:
        check_records_out(result.stdout, case.rows)
        check_counts(result.stderr)


# --- process faults: child processes --------------------------------------------------------------

ENTRY = [sys.executable, str(ROOT / "hoctap_main.py")]   # the console command's own entry point
MiB = 1024 * 1024
PEAK = "PEAK_RSS_KIB="
# Runs a command and prints the peak resident memory of it and its children (the wrapper is
# a fresh process, so RUSAGE_CHILDREN holds the command's processes only).
MEASURE = ("import resource, subprocess, sys; code = subprocess.call(sys.argv[1:]); "
           f"sys.stderr.write('\\n{PEAK}%d\\n' % resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss); sys.exit(code)")


@dataclass
class Child:
    code: int
    out: str
    err: str
    peak_mib: float | None = None


def child(args: list[str], cwd: Path, env: dict | None = None, stdout=subprocess.PIPE, timeout: float = 120,
          signal_at: float | None = None, sig: int = signal.SIGINT, measure: bool = False) -> Child:
    """Run hoctap in a child process (killed at a deadline, which fails the test)."""
    command = [sys.executable, "-c", MEASURE, *ENTRY, *args] if measure else [*ENTRY, *args]
    proc = subprocess.Popen(command, cwd=cwd, stdout=stdout, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT), **(env or {})})
    if signal_at is not None:
        time.sleep(signal_at)
        proc.send_signal(sig)
    try:
        out, err = proc.communicate(timeout=timeout)
    except subprocess.TimeoutExpired:
        proc.kill()
        proc.communicate()
        raise AssertionError(f"hoctap {' '.join(args)} did not finish in {timeout} s") from None
    err_text = err.decode("utf-8", "replace")
    peak = None
    if measure and PEAK in err_text:
        err_text, _, kib = err_text.rpartition(PEAK)
        peak = int(kib) / 1024
    return Child(proc.returncode, (out or b"").decode("utf-8", "replace"), err_text, peak)


def assert_clean(run: Child, codes=(0, 1, 2)) -> None:
    assert run.code in codes, (run.code, run.err[-2000:])
    for bad in ("Traceback", INTERNAL, "Exception ignored"):
        assert bad not in run.err, run.err[-3000:]


def records_file(d: Path, n: int, name: str = "r.csv") -> Path:
    rows = [[f"CD-{i:06d}", str(i % 4 + 1), *[str((i * 7 + k * 3) % 11) for k in range(10)]] for i in range(n)]
    return write(d / name, H.csv_text(rows))


def test_closed_stdout(tmp_path):
    """`hoctap score … | head -0`: the reader is gone before the first line."""
    path = records_file(tmp_path, 2000)
    proc = subprocess.Popen([*ENTRY, *score(str(path))], cwd=tmp_path, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                            env={**os.environ, "PYTHONPATH": str(ROOT)})
    proc.stdout.close()
    _, err = proc.communicate(timeout=120)
    run = Child(proc.returncode, "", err.decode("utf-8", "replace"))
    assert_clean(run, codes=(2,))
    assert "stdout" in run.err


@pytest.mark.parametrize("fmt", ["jsonl", "table"])
def test_full_disk_on_stdout(tmp_path, fmt):
    path = records_file(tmp_path, 50)
    with open("/dev/full", "wb") as full:
        run = child(["score", "-c", H.PACK, str(path), "-f", fmt], tmp_path, stdout=full)
    assert_clean(run, codes=(2,))
    assert "đầy" in run.err


def test_full_disk_on_output_file(tmp_path):
    run = child(score(str(records_file(tmp_path, 50)), "-o", "/dev/full"), tmp_path)
    assert_clean(run, codes=(2,))
    assert Path("/dev/full").is_char_device()   # written to, never replaced by a file


@pytest.mark.parametrize("env", [{"PYTHONIOENCODING": "latin-1"}, {"PYTHONIOENCODING": "ascii"},
                                 {"LANG": "C", "LC_ALL": "C", "PYTHONUTF8": "0", "PYTHONIOENCODING": ""}],
                         ids=["latin-1", "ascii", "lang-c"])
@pytest.mark.parametrize("fmt", ["table", "jsonl"])
def test_stdout_not_utf8(tmp_path, env, fmt):
    run = child(["score", "-c", H.PACK, str(ROOT / "examples" / "cong-dan-hoc-tap.csv"), "-f", fmt], tmp_path, env=env)
    assert_clean(run, codes=(0,))
    assert "Đạt danh hiệu Công dân học tập" in run.out


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("at", [0.05, 0.4, 1.5])
def test_interrupted_while_starting(tmp_path, sig, at):
    """Signals from the end of Python's own start-up on (a signal during it is Python's to report):
    a clean exit 130, or the process ends by the signal itself (-2, -15: the shell shows 130, 143)
    when it arrives before the entry point's first line. Never a traceback."""
    start = time.monotonic()
    subprocess.run([sys.executable, "-c", "pass"], check=True)   # Python's own start-up, on this machine now
    python_up = time.monotonic() - start
    run = child(score(str(records_file(tmp_path, 20))), tmp_path, signal_at=python_up + at, sig=sig)
    assert_clean(run, codes=(0, 130, -sig))


def _made_while_interrupted() -> BaseException:
    """What Python raises when Ctrl-C arrives while a class is being made: on 3.11, a RuntimeError
    ('Error calling __set_name__') caused by the KeyboardInterrupt; on 3.12 on, the interrupt itself."""
    class Interrupted:
        def __set_name__(self, owner, name):
            raise KeyboardInterrupt
    try:
        type("Made", (), {"field": Interrupted()})
    except BaseException as exc:  # noqa: BLE001
        return exc
    raise AssertionError("the class was made")


def test_an_interrupt_is_known_however_python_raised_it():
    import hoctap_main
    from cli import EXIT_INTERRUPTED, failure
    made = _made_while_interrupted()
    try:
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            raise ValueError("while stopping")
    except ValueError as exc:
        during = exc
    for exc in (KeyboardInterrupt(), made, during):
        assert hoctap_main.by_interrupt(exc), exc
        assert failure(exc)[0] == EXIT_INTERRUPTED
    for exc in (RuntimeError("Error calling __set_name__"), ValueError("x"), SystemExit(1)):
        assert not hoctap_main.by_interrupt(exc)


LOST_IN_A_CALLBACK = """
import sys, time, weakref
import hoctap_main
import cli
class Thing:
    pass
def stop(ref):
    raise {raised}
cli.main = lambda: (weakref.ref(Thing(), stop), [time.sleep(0.01) for _ in range(300)], print("carried on"))
hoctap_main.main()
"""


def test_an_interrupt_lost_in_one_of_pythons_callbacks_still_stops_the_run():
    """Ctrl-C while Python runs a weakref callback (the import system releases its module locks in
    them: CI met one while the library loaded) cannot be raised there; Python would print 'Exception
    ignored' and carry on. It stops the run as anywhere else: our words and 130."""
    run = subprocess.run([sys.executable, "-c", LOST_IN_A_CALLBACK.format(raised="KeyboardInterrupt")],
                         capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert (run.returncode, run.stdout, run.stderr) == (130, "", "đã dừng: chưa ghi tệp nào\n")


def test_another_error_in_one_of_pythons_callbacks_is_reported_as_python_does():
    run = subprocess.run([sys.executable, "-c", LOST_IN_A_CALLBACK.format(raised="ValueError('in a callback')")],
                         capture_output=True, text=True, timeout=60, env={**os.environ, "PYTHONPATH": str(ROOT)})
    assert run.returncode == 0 and run.stdout == "carried on\n"
    assert "Exception ignored" in run.stderr and "ValueError: in a callback" in run.stderr


def test_the_command_ends_without_pythons_teardown_once_its_work_is_done(tmp_path):
    """``hoctap_main.console`` (the installed command) ends the process at once after the command:
    the exit code is the command's, every line is out, and a run store is closed first (no
    '-wal' or '-shm' file left beside it: one file to copy or hand over)."""
    store = tmp_path / "s.sqlite3"
    examples = ROOT / "examples" / "cong-dan-hoc-tap.csv"
    stored = child(["score", "-c", H.PACK, str(examples), "-f", "jsonl", "--store", str(store)], tmp_path)
    assert_clean(stored, codes=(0,))
    assert len(stored.out.splitlines()) == 12 and "vào" in stored.err
    for command in (["runs", "--store", str(store)], ["audit", "verify", "--store", str(store)],
                    ["audit", "verify", "--store", str(store), "--jobs", "2"]):
        run = child(command, tmp_path)
        assert_clean(run, codes=(0,))
        assert sorted(p.name for p in tmp_path.iterdir()) == ["s.sqlite3"], command
    bad = write(tmp_path / "r.csv", H.csv_text([["CD-1", "1", *["5"] * 10], ["CD-2", "1", "mười", *["5"] * 9]]))
    rejected = child(score(str(bad)), tmp_path)
    assert rejected.code == 1 and len(rejected.out.splitlines()) == 2 and '"error"' in rejected.out
    wrong = child(["score", "-c", "no-such-pack", str(examples)], tmp_path)
    assert wrong.code == 2 and "no-such-pack" in wrong.err


def test_the_quick_end_runs_the_exit_functions_and_keeps_the_code(monkeypatch):
    import atexit
    import hoctap_main

    class Ended(Exception):
        pass

    def ended(code):
        raise Ended(code)
    done = []
    monkeypatch.setattr(os, "_exit", ended)
    monkeypatch.setattr(atexit, "_run_exitfuncs", lambda: done.append("atexit"))
    for given, code in ((None, 0), (0, 0), (1, 1), (130, 130)):
        monkeypatch.setattr(hoctap_main, "main", lambda: sys.exit(given))
        with pytest.raises(Ended) as end:
            hoctap_main.console()
        assert end.value.args == (code,) and done.pop() == "atexit"
    monkeypatch.setattr(hoctap_main, "main", lambda: None)
    with pytest.raises(Ended) as end:
        hoctap_main.console()
    assert end.value.args == (0,)


def test_python_ends_as_usual_while_another_thread_runs_or_the_exit_is_a_message(monkeypatch):
    """``hoctap serve`` may leave a thread behind, which an ordinary exit waits for; an exit with a
    message has Python print it: neither ends at once."""
    import threading
    import hoctap_main
    monkeypatch.setattr(os, "_exit", lambda code: pytest.fail("ended at once"))
    monkeypatch.setattr(hoctap_main, "main", lambda: sys.exit("a message"))
    with pytest.raises(SystemExit) as end:
        hoctap_main.console()
    assert end.value.code == "a message"
    stop = threading.Event()
    waiting = threading.Thread(target=stop.wait)
    waiting.start()
    try:
        monkeypatch.setattr(hoctap_main, "main", lambda: sys.exit(0))
        with pytest.raises(SystemExit) as end:
            hoctap_main.console()
        assert end.value.code == 0
    finally:
        stop.set()
        waiting.join()


def test_an_interrupt_while_the_command_loads_is_a_clean_stop(monkeypatch, capsys):
    """A signal while ``cli`` is being imported, whatever Python wrapped it in: our words and 130."""
    import hoctap_main

    class Fails:
        def __init__(self, exc):
            self.exc = exc

        def find_spec(self, name, path=None, target=None):
            if name == "cli":
                raise self.exc
            return None

    monkeypatch.delitem(sys.modules, "cli")
    monkeypatch.setattr(signal, "signal", lambda *a: None)   # the test's own handlers stay as they are
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)   # and pytest's own hook
    monkeypatch.setattr(sys, "argv", ["hoctap"])
    monkeypatch.setattr(sys, "meta_path", [Fails(_made_while_interrupted()), *sys.meta_path])
    with pytest.raises(SystemExit) as stopped:
        hoctap_main.main()
    assert stopped.value.code == 130 and capsys.readouterr().err == "đã dừng: chưa ghi tệp nào\n"
    sys.meta_path[0] = Fails(RuntimeError("a defect, not an interrupt"))
    with pytest.raises(RuntimeError, match="a defect"):
        hoctap_main.main()


def test_an_interrupt_in_the_commands_first_lines_is_a_clean_stop(monkeypatch, capsys):
    """A signal after ``cli`` is loaded but before its own handler is in place (its language, its
    streams; CI met one in ``warnings.filterwarnings``): our words and 130, not a traceback."""
    import cli
    import hoctap_main

    def interrupted(*args, **kwargs):
        raise KeyboardInterrupt
    monkeypatch.setattr(signal, "signal", lambda *a: None)   # the test's own handlers stay as they are
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)   # and pytest's own hook
    monkeypatch.setattr(sys, "argv", ["hoctap", "--version"])
    monkeypatch.setattr(cli, "utf8_streams", interrupted)
    stopped = None
    try:
        hoctap_main.main()
    except BaseException as exc:  # noqa: BLE001 - an interrupt let through would stop pytest itself
        stopped = exc
    assert isinstance(stopped, SystemExit), repr(stopped)
    assert stopped.code == 130 and capsys.readouterr().err == "đã dừng: chưa ghi tệp nào\n"


def test_the_commands_own_exit_after_an_interrupt_is_left_as_it_is(monkeypatch, capsys):
    """The command's exit made while it handled an interruption (its message already said) goes
    out unchanged: not a second message, not another code."""
    import cli
    import hoctap_main

    def handled():
        try:
            raise KeyboardInterrupt
        except KeyboardInterrupt:
            sys.stderr.write("the command's own words\n")
            raise SystemExit(7)
    monkeypatch.setattr(signal, "signal", lambda *a: None)
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)
    monkeypatch.setattr(cli, "main", handled)
    with pytest.raises(SystemExit) as stopped:
        hoctap_main.main()
    assert stopped.value.code == 7 and capsys.readouterr().err == "the command's own words\n"


@pytest.mark.parametrize("sig", [signal.SIGINT, signal.SIGTERM], ids=["SIGINT", "SIGTERM"])
@pytest.mark.parametrize("jobs", ["1", "2"])
def test_interrupted_mid_run_leaves_nothing_half_written(tmp_path, sig, jobs):
    path = records_file(tmp_path, 40_000)
    proc = subprocess.Popen([*ENTRY, *score(str(path), "-o", "out.jsonl", "-j", jobs)], cwd=tmp_path,
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)})
    deadline = time.monotonic() + 90
    while not list(tmp_path.glob(".out.jsonl.*.tmp")) and proc.poll() is None and time.monotonic() < deadline:
        time.sleep(0.05)   # until the output is being written: mid-run, inside the engine's callbacks
    time.sleep(0.3)
    proc.send_signal(sig)
    out, err = proc.communicate(timeout=60)
    run = Child(proc.returncode, out.decode(), err.decode("utf-8", "replace"))
    assert_clean(run, codes=(0, 130))
    assert "statuses" not in run.err
    leftovers = [p.name for p in tmp_path.iterdir() if p.name not in ("r.csv", "out.jsonl")]
    assert leftovers == []
    if run.code == 130:
        assert not (tmp_path / "out.jsonl").exists()


def test_interrupts_inside_engine_callbacks_never_give_false_errors(tmp_path):
    """Signals at many moments of an in-process scoring loop: each stops the run cleanly."""
    path = records_file(tmp_path, 3000)
    for at in (0.9, 1.3, 1.7, 2.2, 2.9):
        run = child(["score", "-c", H.PACK, str(path), "-f", "jsonl", "-j", "1"], tmp_path, signal_at=at)
        assert_clean(run, codes=(0, 130))
        assert "statuses" not in run.err and "EngineError" not in run.err


def test_fifo_with_no_writer(tmp_path):
    for name, args in {"r.csv": lambda p: score(p), "r.xlsx": lambda p: score(p), "p.yaml": lambda p: ["validate", p],
                       "g.yaml": lambda p: ["goals", "-g", p, str(ROOT / "examples" / "cong-dan-hoc-tap.csv")],
                       "a.yaml": lambda p: ["check", "-c", H.PACK, "--answers", p]}.items():
        fifo = tmp_path / name
        os.mkfifo(fifo)
        run = child(args(str(fifo)), tmp_path, timeout=60)
        assert_clean(run, codes=(2,))
        assert name in run.err and "FIFO" in run.err


def test_concurrent_runs_write_one_store(tmp_path):
    path = records_file(tmp_path, 300)
    procs = [subprocess.Popen([*ENTRY, *score(str(path), "--store", "s.sqlite3")], cwd=tmp_path, stdout=subprocess.DEVNULL,
                              stderr=subprocess.PIPE, env={**os.environ, "PYTHONPATH": str(ROOT)}) for _ in range(3)]
    for proc in procs:
        _, err = proc.communicate(timeout=180)
        assert_clean(Child(proc.returncode, "", err.decode("utf-8", "replace")), codes=(0,))
    runs = child(["runs", "--store", "s.sqlite3"], tmp_path)
    assert_clean(runs, codes=(0,))
    assert runs.out.count("hoàn tất") >= 3


# --- a run with --store stopped or failing at its end: what its last lines say --------------------

def _stored_score(tmp_path, *extra):
    db, out = tmp_path / "kho.sqlite3", tmp_path / "kq.jsonl"
    args = ["score", "-c", H.PACK, str(ROOT / "examples" / "cong-dan-hoc-tap.csv"), "-o", str(out), "--store", str(db), *extra]
    return db, out, CliRunner().invoke(cli, args)


def _stored_run(db):
    from scoring.audit.store import RunStore
    [run] = RunStore.open(db).runs()
    return run


@pytest.mark.parametrize("lang, last", [
    ("vi", "đã dừng: chưa ghi tệp kết quả nào; kho {db} giữ lượt chấm là 'chưa xong'"),
    ("en", "interrupted: no results file was written; the store {db} keeps the run as 'incomplete'")])
def test_interrupted_with_a_store_says_no_results_file_and_the_run_kept_unfinished(tmp_path, monkeypatch, lang, last):
    """Its last line said 'đã dừng: chưa ghi tệp nào' under the line saying the store keeps the run:
    the store was written. Ctrl-C after five records."""
    import cli as command_line
    real = command_line._warned

    def stopping(batch):
        for n, result in enumerate(real(batch)):
            if n == 5:
                raise KeyboardInterrupt
            yield result
    monkeypatch.setattr(command_line, "_warned", stopping)
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)
    db, out, run = _stored_score(tmp_path, "--lang", lang)
    stored = _stored_run(db)
    said = {"vi": f"lượt chấm {stored.run_id} vẫn 'chưa xong' trong {db} (các dòng đã lưu được giữ)",
            "en": f"run {stored.run_id} stays 'incomplete' in {db} (its committed rows are kept)"}[lang]
    assert (run.exit_code, run.stderr.splitlines()) == (130, [said, last.format(db=db)])
    assert stored.status == "incomplete" and not out.exists()


def _sealing_fails(monkeypatch, error: BaseException) -> None:
    """The store's last transaction (the seal, the 'complete' mark) fails: the results file is written by then."""
    from scoring.audit.store import RunStore
    real = RunStore._checkpoint

    def checkpoint(self, final):
        if final:
            raise error
        return real(self, final)
    monkeypatch.setattr(RunStore, "_checkpoint", checkpoint)


def test_a_store_failing_as_it_seals_says_the_results_file_written_first(tmp_path, monkeypatch):
    """The results file was whole and kept, but the user saw only the store's error, never its name."""
    import sqlite3
    _sealing_fails(monkeypatch, sqlite3.OperationalError("database or disk is full"))
    db, out, run = _stored_score(tmp_path)
    stored = _stored_run(db)
    assert (run.exit_code, run.stderr.splitlines()) == (2, [
        f"đã ghi {out}",
        f"lượt chấm {stored.run_id} vẫn 'chưa xong' trong {db} (các dòng đã lưu được giữ)",
        f"lỗi: {db}: ổ đĩa chứa kho lưu đã đầy, không lưu tiếp được; kho không bị hỏng (các lượt đã lưu còn nguyên): "
        "giải phóng dung lượng rồi chấm lại, hoặc lưu vào một kho ở ổ khác (--store ĐƯỜNG_DẪN)"])
    assert stored.status == "incomplete"
    assert [json.loads(line)["id"] for line in out.read_text(encoding="utf-8").splitlines()] == [
        f"CD-2024-{i:03d}" for i in range(1, 13)]


def test_interrupted_as_the_store_seals_says_the_results_file_is_whole(tmp_path, monkeypatch):
    monkeypatch.setattr(sys, "unraisablehook", sys.unraisablehook)
    _sealing_fails(monkeypatch, KeyboardInterrupt())
    db, out, run = _stored_score(tmp_path)
    stored = _stored_run(db)
    assert (run.exit_code, run.stderr.splitlines()) == (130, [
        f"đã ghi {out}",
        f"lượt chấm {stored.run_id} vẫn 'chưa xong' trong {db} (các dòng đã lưu được giữ)",
        f"đã dừng: {out} đã ghi đủ; kho {db} giữ lượt chấm là 'chưa xong'"])
    assert stored.status == "incomplete" and len(out.read_text(encoding="utf-8").splitlines()) == 12


# --- memory and time bounds on inputs built to exhaust them -------------------------------------------

MEMORY_LIMIT_MIB = 150


def _zip_bomb(d: Path) -> Path:
    """A workbook of about 1 MB whose sheet inflates to 1 GiB (one row, then blank padding)."""
    import zipfile
    path = d / "bom.xlsx"
    sheet = H.sheet_xml(H.good_rows())
    pad = " " * (1 << 20)
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as z:
        for name, data in {"[Content_Types].xml": H.CONTENT_TYPES, "_rels/.rels": H.ROOT_RELS, "xl/workbook.xml": H.WORKBOOK,
                           "xl/_rels/workbook.xml.rels": H.WORKBOOK_RELS,
                           "xl/sharedStrings.xml": H.shared_strings([])}.items():
            z.writestr(name, data)
        with z.open("xl/worksheets/sheet1.xml", "w", force_zip64=True) as part:
            part.write(sheet[:-len(H.SHEET_TAIL)].encode())
            for _ in range(1024):
                part.write(pad.encode())
            part.write(H.SHEET_TAIL.encode())
    return path


def _many_strings(d: Path, n: int = 1_500_000) -> Path:
    import zipfile
    path = d / "chuoi.xlsx"
    sheet, _ = H.shared_sheet(H.good_rows())
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as z:
        for name, data in {"[Content_Types].xml": H.CONTENT_TYPES, "_rels/.rels": H.ROOT_RELS, "xl/workbook.xml": H.WORKBOOK,
                           "xl/_rels/workbook.xml.rels": H.WORKBOOK_RELS, "xl/worksheets/sheet1.xml": sheet}.items():
            z.writestr(name, data)
        texts = [*H.HEADER, *[v for r in H.good_rows() for v in r]]
        with z.open("xl/sharedStrings.xml", "w", force_zip64=True) as part:
            part.write(f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="{n}" '
                       f'uniqueCount="{n}">'.encode())
            part.write("".join(f"<si><t>{t}</t></si>" for t in texts).encode())
            block = "".join(f"<si><t>chuỗi {i}</t></si>" for i in range(10_000)).encode()
            for _ in range(n // 10_000):
                part.write(block)
            part.write(b"</sst>")
    return path


MEMORY_CASES = {
    "xlsx-zip-bomb-1gib": lambda d: score(str(_zip_bomb(d))),
    "xlsx-1.5-million-shared-strings": lambda d: score(str(_many_strings(d))),
    "pack-alias-bomb": lambda d: ["validate", str(write(d / "p.yaml", H.alias_bomb() + BASE_PACK))],
    "goals-alias-bomb": lambda d: ["goals", "-g", str(write(d / "g.yaml", H.alias_bomb() + BASE_GOALS)),
                                   str(ROOT / "examples" / "cong-dan-hoc-tap.csv")],
    "answers-alias-bomb": lambda d: ["check", "-c", H.PACK, "--answers", str(write(d / "a.yaml", H.alias_bomb(9, 10)))],
    "json-deep-1m": lambda d: score(str(write(d / "r.json", H.deep_json(1_000_000)))),
    "csv-one-100mb-line": lambda d: score(str(write(d / "r.csv", "id,group," + "x" * 100 * MiB))),
    "jsonl-one-100mb-line": lambda d: score(str(write(d / "r.jsonl", '{"id": "' + "x" * 100 * MiB + '"}\n'))),
    "json-100mb-string": lambda d: score(str(write(d / "r.json", '[{"id": "' + "x" * 100 * MiB + '"}]'))),
}


@pytest.mark.parametrize("name", sorted(MEMORY_CASES))
def test_bounded_memory_and_time(tmp_path, name):
    args = MEMORY_CASES[name](tmp_path)
    start = time.monotonic()
    run = child(args, tmp_path, measure=True, timeout=120)
    assert_clean(run)
    assert time.monotonic() - start < 120
    assert run.peak_mib is not None and run.peak_mib < MEMORY_LIMIT_MIB, f"peak {run.peak_mib:.0f} MiB"
    if run.code == 2:
        assert run.err.strip()


def test_an_error_whose_message_cannot_be_put_into_words_is_no_traceback():
    # a message naming a code the catalogue lacks once escaped as a KeyError traceback from the error handler
    from cli import EXIT_ERROR, failure
    from scoring.errors import UsageError
    from scoring.messages import Msg
    code, message = failure(UsageError(Msg("pack_not_found", kind=Msg("khong-co-ma"), name="x", hint="", known="")))
    assert code == EXIT_ERROR and "lỗi nội bộ" in message and "khong-co-ma" in message
