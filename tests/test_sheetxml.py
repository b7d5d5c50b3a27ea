"""The fast sheet reader (``scoring/records/sheetxml.py``) against the XML parser's: every kind of
sheet, row and cell read both ways gives the same rows, or the same error (issue 14)."""
from __future__ import annotations

import datetime as dt
import random
import zipfile

import openpyxl
import pytest

from scoring import InputFileError
from scoring.records import excel, sheetxml

MAIN = "http://schemas.openxmlformats.org/spreadsheetml/2006/main"
EXCEL_HEAD = ('<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\r\n'
              f'<worksheet xmlns="{MAIN}" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships" '
              'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" mc:Ignorable="x14ac" '
              'xmlns:x14ac="http://schemas.microsoft.com/office/spreadsheetml/2009/9/ac">'
              '<dimension ref="A1:E9"/><sheetViews><sheetView workbookViewId="0"/></sheetViews>'
              '<sheetFormatPr defaultRowHeight="15" x14ac:dyDescent="0.25"/><cols><col min="1" max="1" width="12"/></cols>'
              '<sheetData>')
PLAIN_HEAD = f'<worksheet xmlns="{MAIN}"><sheetData>'
TAIL = '</sheetData><pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/></worksheet>'
HEADER = '<row r="1"><c r="A1" t="s"><v>0</v></c><c r="B1" t="s"><v>1</v></c><c r="C1" t="inlineStr"><is><t>ngay</t></is></c></row>'
STRINGS = ["id", "diem", "Nguyễn Văn A", "Xã Tân Phú & Hòa", "  cách  ", "e\u0301"]   # the last not in NFC


@pytest.fixture(scope="module")
def styled(tmp_path_factory):
    """A workbook saved by openpyxl with a date and a percent style, and the style ids of each kind."""
    path = tmp_path_factory.mktemp("styled") / "styled.xlsx"
    wb = openpyxl.Workbook()
    ws = wb.active
    ws.append(["id", dt.date(2024, 3, 1), 0.85, 1.5])
    ws["B1"].number_format = "dd/mm/yyyy"
    ws["C1"].number_format = "0%"
    ws["D1"].number_format = "0.00"
    wb.save(path)
    book = excel._Book(path)
    parser = excel._SheetRows(book, book.sheets[0]).parser
    date = min(parser.date_formats)
    percent = next(i for i in range(1, 10) if i not in parser.date_formats and excel._SheetRows(book, book.sheets[0])._is_percent(i))
    plain = next(i for i in range(1, 10) if i not in parser.date_formats and i != percent)
    book.close()
    return path, {"date": date, "percent": percent, "plain": plain}


def _book(styled, tmp_path, sheet: str | bytes, name: str = "t.xlsx"):
    """The styled workbook with its sheet and shared strings replaced."""
    source, _ = styled
    strings = "".join(f'<si><t xml:space="preserve">{s.replace("&", "&amp;")}</t></si>' for s in STRINGS)
    parts = {"xl/worksheets/sheet1.xml": sheet,
             "xl/sharedStrings.xml": f'<sst xmlns="{MAIN}" count="{len(STRINGS)}" uniqueCount="{len(STRINGS)}">{strings}</sst>'}
    path = tmp_path / name
    with zipfile.ZipFile(source) as old, zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as new:
        names = old.namelist()
        for item in names:
            if item not in parts and item not in ("[Content_Types].xml", "xl/_rels/workbook.xml.rels"):
                new.writestr(item, old.read(item))
        types = old.read("[Content_Types].xml").decode()
        if "sharedStrings" not in types:
            types = types.replace("</Types>", '<Override PartName="/xl/sharedStrings.xml" ContentType="application/'
                                  'vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>')
        new.writestr("[Content_Types].xml", types)
        rels = old.read("xl/_rels/workbook.xml.rels").decode()
        if "sharedStrings" not in rels:
            rels = rels.replace("</Relationships>", '<Relationship Id="rIdS" Type="http://schemas.openxmlformats.org/'
                                'officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>')
        for item, data in parts.items():
            new.writestr(item, data)
        new.writestr("xl/_rels/workbook.xml.rels", rels)
    return path


def _read(path, fast: bool, monkeypatch) -> tuple[list, bool]:
    """The sheet's rows (and the error that ended them) as the reader gives them, and whether the
    fast reader read the whole sheet itself."""
    whole = []
    real = sheetxml.fast_rows

    def slow(reader, source):
        raise sheetxml.GaveUp()

    def watched(reader, source):
        yield from real(reader, source)
        whole.append(True)
    monkeypatch.setattr(excel, "fast_rows", watched if fast else slow)
    out: list = []
    book = excel._Book(path)
    try:
        for row in excel._SheetRows(book, book.sheets[0]):
            out.append(row)
    except InputFileError as exc:
        out.append(("error", str(exc)))
    finally:
        book.close()
        monkeypatch.undo()
    return out, bool(whole)


def _same(styled, tmp_path, monkeypatch, sheet, fast_expected: bool | None = None, name="t.xlsx"):
    path = _book(styled, tmp_path, sheet, name)
    slow, _ = _read(path, False, monkeypatch)
    fast, whole = _read(path, True, monkeypatch)
    assert fast == slow
    if fast_expected is not None:
        assert whole is fast_expected
    return fast


def _cells(styles):
    """Cells of every kind the fast reader reads itself, or hands on: (xml with {r} for the row)."""
    d, p, n = styles["date"], styles["percent"], styles["plain"]
    return [
        '<c r="B{r}"><v>8</v></c>', '<c r="B{r}" t="n"><v>8.5</v></c>', f'<c r="B{{r}}" s="{n}"><v>7</v></c>',
        f'<c r="B{{r}}" s="{p}"><v>0.85</v></c>', f'<c r="B{{r}}" s="{p}" t="n"><v>1</v></c>',
        f'<c r="B{{r}}" s="{d}"><v>45352</v></c>', f'<c r="B{{r}}" s="{d}"><v>45352.5</v></c>', f'<c r="B{{r}}" s="{d}"/>',
        '<c r="B{r}"><v>1E-3</v></c>', '<c r="B{r}"><v>-0</v></c>', '<c r="B{r}"><v>1e400</v></c>', '<c r="B{r}"><v>nan</v></c>',
        '<c r="B{r}"><v>abc</v></c>', '<c r="B{r}"><v> 8\n</v></c>', '<c r="B{r}"><v>1_0</v></c>', '<c r="B{r}"><v></v></c>',
        '<c r="B{r}"><v/></c>', '<c r="B{r}"/>', '<c r="B{r}" s="3"/>', '<c r="B{r}" t="s"><v>2</v></c>',
        '<c r="B{r}" t="s"><v>5</v></c>', '<c r="B{r}" t="s"><v>-1</v></c>', '<c r="B{r}" t="s"><v>99</v></c>',
        '<c r="B{r}" t="s"><v></v></c>', '<c r="B{r}" t="s"/>', '<c r="B{r}" t="b"><v>1</v></c>', '<c r="B{r}" t="e"><v>#N/A</v></c>',
        '<c r="B{r}" t="str"><f>A1</f><v>CD-1</v></c>', '<c r="B{r}" t="d"><v>2024-01-02T00:00:00</v></c>',
        '<c r="B{r}" t="zz"><v>8</v></c>', '<c r="B{r}"><f>1+1</f><v>2</v></c>', '<c r="B{r}"><f>1+1</f></c>',
        '<c r="B{r}"><f t="shared" ref="B2:B9" si="0">1+1</f><v>2</v></c>', '<c r="B{r}"><f t="shared" si="0"/><v>2</v></c>',
        '<c r="B{r}"><f>A1&amp;B1</f><v>2</v></c>',
        '<c r="B{r}" t="inlineStr"><is><t>Tám</t></is></c>', '<c r="B{r}" t="inlineStr"><is><t/></is></c>',
        '<c r="B{r}" t="inlineStr"><is><t xml:space="preserve"> a </t></is></c>',
        '<c r="B{r}" t="inlineStr"><is><t>e\u0301</t></is></c>', '<c r="B{r}" t="inlineStr"><is><t>A &amp; B</t></is></c>',
        '<c r="B{r}" t="inlineStr"><is><t>&#65;&#x42;</t></is></c>',
        '<c r="B{r}" t="inlineStr"><is><t>a\r\nb</t></is></c>', '<c r="B{r}" t="inlineStr"><is><t>a\tb\nc</t></is></c>',
        '<c r="B{r}" t="inlineStr"><is><r><t>a</t></r><r><t>b</t></r></is></c>', '<c r="B{r}" t="inlineStr"></c>',
        '<c r="B{r}" t="inlineStr"><v>8</v></c>', '<c r="B{r}"><is><t>x</t></is></c>', '<c r="B{r}" t="s"><is><t>x</t></is></c>',
        '<c r="B{r}" t="inlineStr"><is><t><![CDATA[<b>]]></t></is></c>', '<c r="B{r}"><v><![CDATA[5]]></v></c>',
        '<c r="B{r}"><!-- a note --><v>5</v></c>', '<c r="B{r}" cm="1"><v>5</v></c>', '<c r="B{r}" t="n" s="1"><v>5</v></c>',
        '<c r="b{r}"><v>5</v></c>', '<c r="XFD{r}"><v>5</v></c>', '<c r="XFE{r}"><v>5</v></c>', '<c r="ZZZ{r}"><v>5</v></c>',
        '<c><v>5</v></c>', '<c r="B{r}"><v>5</v></c><c r="B{r}"><v>6</v></c>', '<c r="B{r}"><v>5</v></c><c r="B{r}" t="s"><v>2</v></c>',
        '<c r="B{r}">\n  <v>5</v>\n</c>', '<c r="B{r}"><v>5</v></c>\n<c r="C{r}"><v>6</v></c>',
    ]


def _sheet(head: str, rows: list[str], tail: str = TAIL) -> str:
    return head + HEADER + "".join(rows) + tail


@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date:UserWarning")
def test_every_kind_of_cell_reads_as_the_xml_parser_reads_it(styled, tmp_path, monkeypatch):
    """Each cell alone in a row, between an ordinary cell before and after it, in a sheet as Excel
    writes it: the same rows both ways, and the fast reader reads the whole sheet itself."""
    _, styles = styled
    rows = [f'<row r="{r}" spans="1:3" x14ac:dyDescent="0.25"><c r="A{r}" t="inlineStr"><is><t>CD-{r}</t></is></c>'
            + cell.format(r=r) + f'<c r="C{r}"><v>{r}</v></c></row>'
            for r, cell in enumerate(_cells(styles), start=2)]
    read = _same(styled, tmp_path, monkeypatch, _sheet(EXCEL_HEAD, rows), fast_expected=True)
    assert len(read) == len(rows) + 1
    assert read[1] == (2, ["CD-2", 8, 2], set(), None)


@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date:UserWarning")
@pytest.mark.parametrize("row", [
    '<row r="2"/>', '<row r="2"></row>', '<row><c r="A2"><v>1</v></c></row>', '<row r="02"><c r="A2"><v>1</v></c></row>',
    '<row r="2.0"><c r="A2"><v>1</v></c></row>', '<row r="x"><c r="A2"><v>1</v></c></row>',
    '<row r="2" spans="1:2" spans="1:3"><c r="A2"><v>1</v></c></row>', '<row r="2" ht="20" customHeight="1"><c r="A2"><v>1</v></c></row>',
    '<row r="2" xmlns:q="urn:q" q:a="1"><c r="A2"><v>1</v></c></row>', '<row r="2" q:a="1"><c r="A2"><v>1</v></c></row>',
    '<row spans="1:2" r="2"><c r="A2"><v>1</v></c></row>', '<row r="2" >\n<c r="A2"><v>1</v></c></row>',
    '<row r="2"><c r="A2"><v>1</v></c><extLst/></row>', '<row r="2"><c r="A2"><v>1</v></c>text</row>',
    '<row r="2"><c r="A2"><v>1</v></c></row><!-- a note --><row r="3"><c r="A3"><v>1</v></c></row>',
    '<row r="2"><c r="A2"><v>1</v></c></row>\r\n  <row r="3"><c r="A3"><v>1</v></c></row>',
    '<row r="2"><c r="A2"><v>1</v></c></row><?pi x?><row r="3"><c r="A3"><v>1</v></c></row>',
    '<row r="2"><c r="A2"><v>1\x01</v></c></row>', '<row r="2"><c r="A2" t="inlineStr"><is><t>\uffff</t></is></c></row>',
    '<row r="2"><c r="A2" t="inlineStr"><is><t>&foo;</t></is></c></row>', '<row r="2"><c r="A2" t="inlineStr"><is><t>a]]>b</t></is></c></row>',
    '<row r="2"><c r="A2"><f t="shared" t="array">1</f><v>2</v></c></row>', '<row r="2"><c r="A2"><v>1</v></row>',
    '<row r="5"><c r="A5"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c></row><row><c r="A4"><v>3</v></c></row>',
])
def test_odd_rows_read_as_the_xml_parser_reads_them(styled, tmp_path, monkeypatch, row):
    _same(styled, tmp_path, monkeypatch, _sheet(EXCEL_HEAD, [row, '<row r="9"><c r="A9"><v>9</v></c></row>']))


BAD_UTF8 = (PLAIN_HEAD + HEADER).encode() + b'<row r="2"><c r="A2" t="inlineStr"><is><t>\xff</t></is></c></row>' + TAIL.encode()


@pytest.mark.parametrize("sheet, fast", [
    (_sheet(EXCEL_HEAD, []), True),
    (_sheet(PLAIN_HEAD, ['<row r="2"><c r="A2"><v>1</v></c></row>']), True),
    ("\ufeff" + _sheet(EXCEL_HEAD, ['<row r="2"><c r="A2"><v>1</v></c></row>']), True),
    (_sheet(EXCEL_HEAD.replace('encoding="UTF-8"', 'encoding="utf-8"'), ['<row r="2"><c r="A2"><v>1</v></c></row>']), True),
    (_sheet(EXCEL_HEAD.replace("<sheetData>", "<!-- x --><sheetData>"), ['<row r="2"><c r="A2"><v>1</v></c></row>']), False),
    (_sheet(f'<x:worksheet xmlns:x="{MAIN}"><x:sheetData>', ['<x:row r="2"><x:c r="A2"><x:v>1</x:v></x:c></x:row>'],
            '</x:sheetData></x:worksheet>').replace(HEADER, ""), False),
    (_sheet('<?xml version="1.0"?><!DOCTYPE w [<!ENTITY e "x">]>' + PLAIN_HEAD, ['<row r="2"><c r="A2"><v>1</v></c></row>']), False),
    (_sheet(PLAIN_HEAD.replace("<sheetData>", "<cols><col min='1' max='x'/></cols><sheetData>"), []), None),
    (_sheet(PLAIN_HEAD.replace("<sheetData>", "<cols><col></cols><sheetData>"), []), False),
    (_sheet(PLAIN_HEAD.replace("<sheetData>", "<q:x/><sheetData>"), []), False),
    (_sheet(PLAIN_HEAD.replace("<sheetData>", '<x xmlns="urn:x"><sheetData>'), [], "</sheetData></x></worksheet>"), False),
    (_sheet(PLAIN_HEAD.replace("<sheetData>", '<x><sheetData>'), ['<row r="2"><c r="A2"><v>1</v></c></row>'],
            "</sheetData></x></worksheet>"), True),
    (_sheet(PLAIN_HEAD.replace("<sheetData>", '<sheetPr codeName="<sheetData>"/><sheetData>'), []), False),
    (PLAIN_HEAD + HEADER + '<row r="2"><c r="A2"><v>1</v></c></row>', False),               # the data never ends
    (PLAIN_HEAD + HEADER + '<row r="2"><c r="A2"><v>1</v></c></row></sheetData>', True),   # the rest is not read
    (PLAIN_HEAD + HEADER + '</sheetData><row r="2"><c r="A2"><v>1</v></c></row></worksheet>', True),
    (f'<worksheet xmlns="{MAIN}"><sheetData/></worksheet>', False),
    (_sheet(PLAIN_HEAD.replace("<sheetData>", '<sheetData xmlns="urn:other">'), []), False),
    ('<?xml version="1.0" encoding="UTF-16"?>' + _sheet(PLAIN_HEAD, []), False),
    (BAD_UTF8, False),
])
def test_odd_sheets_read_as_the_xml_parser_reads_them(styled, tmp_path, monkeypatch, sheet, fast):
    _same(styled, tmp_path, monkeypatch, sheet, fast_expected=fast)


@pytest.mark.filterwarnings("ignore:Cell .* is marked as a date:UserWarning")
def test_rows_cut_across_blocks_read_the_same(styled, tmp_path, monkeypatch):
    """Many rows of random cells, read in blocks of a few bytes (a row and a character cut
    anywhere), as the XML parser reads them; the odd rows among them read one by one."""
    _, styles = styled
    cells = _cells(styles)
    pick = random.Random(14)
    rows = []
    for r in range(2, 400):
        kinds = pick.sample(cells, 3) if r % 7 == 0 else [cells[0], cells[19], cells[36], cells[39]]
        rows.append(f'<row r="{r}">' + "".join(k.replace("B{r}", f"{c}{{r}}").format(r=r)
                                              for c, k in zip("ABCD", kinds)) + "</row>")
    for block in (7, 64, 1000):
        monkeypatch.setattr(sheetxml, "BLOCK", block)
        # a block size this module sets for the fast reader stays set while both are read
        path = _book(styled, tmp_path, _sheet(EXCEL_HEAD, rows), f"b{block}.xlsx")
        slow, _ = _read(path, False, monkeypatch)
        monkeypatch.setattr(sheetxml, "BLOCK", block)
        fast, _ = _read(path, True, monkeypatch)
        assert fast == slow and len(fast) == len(rows) + 1
