"""A workbook for entering a pack's records: ``hoctap template -c PACK``.

Council secretaries fill Excel on Windows and read Vietnamese. The template has the data sheet
(``Hồ sơ``: a title row, a row saying in words what each column holds, then the header row the
reader reads — ``Mã`` and one column per input — frozen, with drop-down lists for choices and
yes/no, number validation with the pack's ranges), an instructions sheet (``Hướng dẫn``: each
column's meaning, its legal citation, how to fill it and what a blank means) and a hidden sheet of
the drop-down lists. The two rows above the header are skipped by the reader as title rows, and
every value the lists offer is one the reader accepts: a filled template scores without rejection.
"""
from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from openpyxl import Workbook
from openpyxl.comments import Comment
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter, quote_sheetname
from openpyxl.worksheet.datavalidation import DataValidation

from scoring.errors import OutputFileError
from scoring.messages import Msg
from scoring.packs.model import Indicator, Input, LevelsOutcome, LoadedPack, Pack, build
from scoring.records.dates import YEAR_COLUMNS
from scoring.records.headers import choice_texts, column_name, header_key
from scoring.records.validate import RecordValidator
from scoring.results.explain import numbered, shown_id
from scoring.results.output import atomic_path

DATA_SHEET, HELP_SHEET, LISTS_SHEET = "Hồ sơ", "Hướng dẫn", "DanhMuc"
ID_HEADER = "Mã"
HEADER_ROW = 3              # rows 1–2: title and the columns' descriptions (skipped by the reader)
FIRST_ROW = HEADER_ROW + 1
VALIDATED_ROWS = 2000       # rows that carry the drop-down lists and number checks
YES, NO = "có", "không"
_BOLD = Font(bold=True)
_HEAD_FILL = PatternFill("solid", fgColor="DDEBF7")
_WRAP = Alignment(wrap_text=True, vertical="top")


def default_name(loaded: LoadedPack) -> str:
    return f"mau-nhap-{loaded.pack.id}.xlsx"


@dataclass(frozen=True)
class Column:
    """One column of the template: its header, the input it gives (None: the id), and its words."""

    header: str
    input: Input | None
    meaning: str
    citation: str
    how: str
    blank: str


def columns(pack: Pack) -> list[Column]:
    """The id column, then one column per input, in the pack's order, each with a header the
    reader maps back to that input (checked: a pack whose aliases collide falls back to names)."""
    validator = RecordValidator(pack)
    out = [Column(ID_HEADER, None, "Mã riêng của từng hồ sơ, không trùng nhau trong một trang tính (ví dụ CD-001, "
                                   "DV-01). Không ghi số căn cước, số điện thoại: mã được chép vào kết quả.",
                  "", "Chữ và số, không có dấu cách.", "Bắt buộc: dòng không có mã bị từ chối.")]
    for i, inp in enumerate(pack.inputs):
        header = column_name(inp)
        if validator.columns.get(header_key(header)) != f"f{i}":
            header = inp.name
        readers = [ind for ind in pack.indicators if ind.input_name == inp.name]
        out.append(Column(header, inp, _meaning(pack, inp, readers), _citation(pack, readers), _how(inp),
                          _blank(pack, inp, readers)))
    if pack.warn_after is not None:   # each result can then carry the pack's warning for records after its day
        out.append(_year_column(pack))
    return out


def _year_column(pack: Pack) -> Column:
    """The assessment year, for a pack that warns records assessed after a day (TT 24/25's district
    tier, abolished on 1 July 2025): read by the date rules, not by an indicator."""
    year = build(Input, {"name": YEAR_COLUMNS[0], "type": "number", "min": 2000.0, "max": 2100.0, "required": False,
                         "label": {"vi": "Năm đánh giá"}, "aliases": ["Năm đánh giá"]})
    after = pack.warn_after
    return Column("Năm đánh giá", year, f"Năm đánh giá của hồ sơ. {after.text.vi}",
                  after.reference.cite() if after.reference else pack.reference.cite(), "Ghi năm, ví dụ 2025.",
                  f"Để trống: kết quả không kèm cảnh báo dành cho hồ sơ đánh giá sau {after.after:%d/%m/%Y}.")


def _meaning(pack: Pack, inp: Input, readers: list[Indicator]) -> str:
    parts = [f"{_named(pack, ind)}: {ind.label.vi}" for ind in readers] or [inp.label.vi if inp.label else inp.name]
    if inp.hint:
        parts.append(inp.hint.vi)
    for ind in readers:
        if ind.applies_to is not None:
            by = pack.input(ind.applies_to.input)
            labels = [c.label.vi for c in by.choices if c.code in ind.applies_to.values] or ind.applies_to.values
            parts.append(f"Chỉ áp dụng khi {by.label.vi if by.label else by.name} là: {'; '.join(labels)}.")
            break
    return "\n".join(parts)


def _named(pack: Pack, ind: Indicator) -> str:
    """An indicator as the circular numbers it ('1.1', 'Tiêu chí 2, chỉ tiêu 1 (Mức độ 1)'), never its
    code (tc2_ct1_md1): a secretary reads these lines, and the code means nothing to her."""
    number = shown_id(ind.id)
    if not number or numbered(ind.id):
        return number or ind.label.vi
    criterion, item = number.split(".")
    named = f"Tiêu chí {criterion}, chỉ tiêu {item}"
    if isinstance(pack.outcome, LevelsOutcome) and len(ind.levels) == 1:   # md1 and md2 measure the same thing
        named += f" ({pack.outcome_label(ind.levels[0], 'vi')})"
    return named


def _citation(pack: Pack, readers: list[Indicator]) -> str:
    cites = []
    for ind in readers:
        crit = next(c for c in pack.criteria if ind in c.indicators)
        ref = ind.reference or crit.reference or pack.reference
        cites.append(ref.cite())
    return "\n".join(dict.fromkeys(cites)) or pack.reference.cite()


def _how(inp: Input) -> str:
    if inp.type == "boolean":
        return f"Chọn '{YES}' hoặc '{NO}' trong danh sách."
    if inp.type == "choice":
        return "Chọn một mục trong danh sách: " + "; ".join(choice_texts(inp)) + "."
    unit = f" {inp.unit_in('vi')}" if inp.unit else ""   # the instructions sheet is Vietnamese
    number, decimals = ("số nguyên", "không có phần lẻ") if inp.whole else ("số", "số lẻ ghi dấu phẩy (7,5)")
    if inp.min is not None and inp.max is not None:
        span = f"từ {_num(inp.min)} đến {_num(inp.max)}{unit}"
    elif inp.min is not None:
        span = f"từ {_num(inp.min)}{unit} trở lên"
    else:
        return f"Ghi một {number}{unit}; {decimals}."
    return f"Ghi một {number} {span}; {decimals}."


def _blank(pack: Pack, inp: Input, readers: list[Indicator]) -> str:
    if inp.from_members is not None:
        return ("Để trống khi tính từ danh sách thành viên (hoctap score --members TỆP); ghi số khi đã có tỷ lệ.")
    if inp.required:
        if readers and all(ind.applies_to is not None for ind in readers):
            return "Bắt buộc khi chỉ tiêu áp dụng cho hồ sơ; để trống thì hồ sơ đó bị từ chối."
        return "Bắt buộc: để trống thì hồ sơ bị từ chối (không chấm)."
    if isinstance(pack.outcome, LevelsOutcome):
        return "Để trống là chưa có minh chứng: chỉ tiêu tính là không đạt; hồ sơ vẫn được chấm."
    return "Để trống là chưa có giá trị: chỉ số tính là không đạt (0 điểm); hồ sơ vẫn được chấm."


def _num(x: float) -> str:
    return f"{x:g}".replace(".", ",")


def write_template(loaded: LoadedPack, path: str | Path, criteria: str | None = None) -> list[Column]:
    """Write the template to ``path`` (an .xlsx file that must not exist yet); return its columns.
    ``criteria``: how the pack is named on the command line (its id, or the path of its file)."""
    path = Path(path)
    if path.suffix.lower() != ".xlsx":
        raise OutputFileError(str(path), Msg("usage.template_ext", path=path.name))
    if path.exists() or path.is_symlink():
        raise OutputFileError(str(path), Msg("template.exists"))
    pack = loaded.pack
    cols = columns(pack)
    book = Workbook()
    data = book.active
    data.title = DATA_SHEET
    lists = book.create_sheet(LISTS_SHEET)
    lists.sheet_state = "hidden"
    _data_sheet(data, lists, pack, cols)
    _help_sheet(book.create_sheet(HELP_SHEET), loaded, cols, criteria or pack.id)
    with atomic_path(path) as tmp:
        book.save(tmp)
    return cols


def _data_sheet(ws, lists, pack: Pack, cols: list[Column]) -> None:   # noqa: ANN001 - openpyxl sheets
    ws.cell(1, 1, f"MẪU NHẬP HỒ SƠ — {pack.title.vi} (mỗi dòng một hồ sơ, từ dòng {FIRST_ROW}; "
                  f"xem trang '{HELP_SHEET}')").font = Font(bold=True, size=13)
    for j, col in enumerate(cols, start=1):
        described = ws.cell(2, j, _short(col))
        described.alignment = _WRAP
        head = ws.cell(HEADER_ROW, j, col.header)
        head.font, head.fill = _BOLD, _HEAD_FILL
        head.comment = Comment(f"{col.meaning}\n{col.citation}\n{col.how}\n{col.blank}".strip(), "hoctap",
                               width=420, height=260)
        letter = get_column_letter(j)
        ws.column_dimensions[letter].width = 14 if col.input is None else max(18, min(26, len(col.header) + 4))
        ws[f"{letter}{FIRST_ROW}"].number_format = "@" if col.input is None else "General"
        validation = _validation(col, j, lists)
        if validation is not None:
            ws.add_data_validation(validation)
            validation.add(f"{letter}{FIRST_ROW}:{letter}{FIRST_ROW + VALIDATED_ROWS - 1}")
    ws.row_dimensions[2].height = 120
    ws.freeze_panes = ws.cell(FIRST_ROW, 2)   # the header rows and the id column stay in view


def _short(col: Column) -> str:
    """The description row: the column's meaning in a few words, then what to write (never a
    text the reader could take for a header: it is a sentence, not a column name)."""
    first = col.meaning.split("\n", 1)[0]
    if len(first) > 80:
        first = first[:79].rstrip() + "…"
    inp = col.input
    if inp is None:
        return "Mã riêng của từng hồ sơ (không trùng)"
    if inp.type == "boolean":
        return f"{first} — chọn {YES}/{NO}"
    if inp.type == "choice":
        return f"{first} — chọn trong danh sách"
    return f"{first} — {col.how.split(';')[0].removeprefix('Ghi ')}"


def _validation(col: Column, j: int, lists) -> DataValidation | None:   # noqa: ANN001
    inp = col.input
    if inp is None:
        return None
    if inp.type == "boolean":
        dv = DataValidation(type="list", formula1=f'"{YES},{NO}"', allow_blank=True)
    elif inp.type == "choice":
        texts = choice_texts(inp)
        for i, text in enumerate(texts, start=1):
            lists.cell(i, j, text)
        letter = get_column_letter(j)
        dv = DataValidation(type="list", allow_blank=True,
                            formula1=f"{quote_sheetname(LISTS_SHEET)}!${letter}$1:${letter}${len(texts)}")
    else:
        dv = _number_validation(inp)
    dv.error, dv.errorTitle = f"Cột {col.header}: {col.how}", "Giá trị không hợp lệ"
    dv.prompt, dv.promptTitle = col.how, col.header[:32]
    dv.showErrorMessage = dv.showInputMessage = True
    return dv


def _number_validation(inp: Input) -> DataValidation:
    """Excel's check of a number column: 'whole' for a count (Excel then refuses 3,5), else 'decimal'."""
    kind = "whole" if inp.whole else "decimal"
    if inp.min is not None and inp.max is not None:
        return DataValidation(type=kind, operator="between", formula1=f"{inp.min:g}", formula2=f"{inp.max:g}",
                              allow_blank=True)
    if inp.min is not None:
        return DataValidation(type=kind, operator="greaterThanOrEqual", formula1=f"{inp.min:g}", allow_blank=True)
    bound = "999999999999" if inp.whole else "1E+307"   # any number: Excel's bounds need a figure
    return DataValidation(type=kind, allow_blank=True, operator="between", formula1=f"-{bound}", formula2=bound)


HELP_WIDTHS = (24, 70, 40, 40, 40)


def _lines(values: tuple[str, ...], widths: tuple[int, ...]) -> int:
    """Lines the tallest wrapped cell takes (not every program measures a row's height on opening)."""
    return max(sum(-(-len(part) // int(w * 1.1)) or 1 for part in str(v).split("\n")) for v, w in zip(values, widths))


def _help_sheet(ws, loaded: LoadedPack, cols: list[Column], criteria: str) -> None:   # noqa: ANN001
    pack = loaded.pack
    lines = [
        (f"HƯỚNG DẪN NHẬP HỒ SƠ — {pack.title.vi}", Font(bold=True, size=13)),
        (f"Bộ tiêu chí: {pack.id} {pack.version}; căn cứ: {pack.reference.cite()}; áp dụng từ "
         f"{pack.valid_from:%d/%m/%Y}" + (f" đến {pack.valid_to:%d/%m/%Y}" if pack.valid_to else "") + ".", None),
    ]
    if pack.status == "provisional":
        lines.append(("Bộ tiêu chí này là TẠM THỜI: một phần văn bản gốc chưa có; kết quả chỉ để tham khảo.", _BOLD))
    lines += [
        ("Cách điền:", _BOLD),
        (f"1. Nhập ở trang '{DATA_SHEET}', mỗi dòng một hồ sơ, bắt đầu từ dòng {FIRST_ROW}. Không sửa, không xoá "
         f"dòng tiêu đề cột (dòng {HEADER_ROW}); hai dòng trên nó chỉ để đọc.", None),
        ("2. Cột có danh sách: bấm vào ô rồi chọn. Cột số: chỉ ghi số trong khoảng cho phép (Excel báo khi sai).", None),
        ("3. Có thể thêm cột của địa phương (Họ và tên, Thôn/xóm…) vào bên phải bảng: hoctap không đọc và không "
         "chép các cột đó vào kết quả, trừ khi được yêu cầu.", None),
        ("4. Dòng Tổng cộng, người lập biểu, chữ ký dưới bảng được bỏ qua. Có thể thêm trang tính khác "
         "(chấm mọi trang: --sheet '*').", None),
        (f"5. Chấm: hoctap score -c {criteria} TỆP.xlsx -o ket-qua.xlsx", None),
        ("", None),
    ]
    for i, (text, font) in enumerate(lines, start=1):
        cell = ws.cell(i, 1, text)
        if font is not None:
            cell.font = font
    top = len(lines) + 1
    for j, title in enumerate(("Cột", "Ý nghĩa", "Căn cứ", "Cách ghi", "Để trống"), start=1):
        head = ws.cell(top, j, title)
        head.font, head.fill = _BOLD, _HEAD_FILL
    for i, col in enumerate(cols, start=top + 1):
        # 'Cột B: 1.1', not '1.1' alone: a row of this table must never look like a header row
        values = (f"Cột {get_column_letter(i - top)}: {col.header}", col.meaning, col.citation, col.how, col.blank)
        for j, value in enumerate(values, start=1):
            ws.cell(i, j, value).alignment = _WRAP
        ws.row_dimensions[i].height = 15 * _lines(values, HELP_WIDTHS)
    for letter, width in zip("ABCDE", HELP_WIDTHS):
        ws.column_dimensions[letter].width = width
    ws.page_setup.paperSize, ws.page_setup.orientation = ws.PAPERSIZE_A4, "landscape"
    ws.page_setup.fitToWidth, ws.page_setup.fitToHeight = 1, 0
    ws.sheet_properties.pageSetUpPr.fitToPage = True
