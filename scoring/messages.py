"""Every sentence a user reads, in Vietnamese and English: one small message catalogue.

A message is a code and its fields (``Msg("file.empty", file=...)``); it becomes a sentence only
when shown, in the language asked for (``--lang``, else the environment variable HOCTAP_LANG,
else Vietnamese). Exceptions carry messages, so a record error made in a worker process reads the
same as one made here. Machine codes (outcome codes, statuses) stay in JSON; sentences use labels.

Numbers shown to people follow the language: ``1.234,5`` in Vietnamese, ``1,234.5`` in English.
"""
from __future__ import annotations

import os
import reprlib
from dataclasses import dataclass, field
from typing import Any

LANGS = ("vi", "en")
ENV = "HOCTAP_LANG"


def default_lang() -> str:
    """HOCTAP_LANG when it names a language, else Vietnamese."""
    value = os.environ.get(ENV, "").strip().lower()[:2]
    return value if value in LANGS else "vi"


_current = [default_lang()]


def set_lang(lang: str | None) -> str:
    """Make ``lang`` the language of every message shown from now on (None: the default)."""
    _current[0] = lang if lang in LANGS else default_lang()
    return _current[0]


def get_lang() -> str:
    return _current[0]


@dataclass(frozen=True)
class Msg:
    """A message not yet put into words: its catalogue code and fields (fields may be Msgs)."""

    code: str
    fields: dict[str, Any] = field(default_factory=dict)

    def __init__(self, code: str, **fields: Any):
        object.__setattr__(self, "code", code)
        object.__setattr__(self, "fields", fields)

    def render(self, lang: str | None = None) -> str:
        return t(self.code, lang, **self.fields)

    def __str__(self) -> str:
        return self.render()

    def __reduce__(self):  # picklable for worker processes despite the keyword-only constructor
        return (_msg, (self.code, self.fields))


def _msg(code: str, fields: dict[str, Any]) -> Msg:
    return Msg(code, **fields)


def text(item: Any, lang: str | None = None) -> str:
    """A message, a plain string or a list of them, as words in ``lang``."""
    if isinstance(item, Msg):
        return item.render(lang)
    if isinstance(item, (list, tuple)):
        return "; ".join(text(i, lang) for i in item)
    return "" if item is None else str(item)


def t(code: str, lang: str | None = None, **fields: Any) -> str:
    lang = lang or get_lang()
    if code == "num":
        return fmt_num(fields["x"], lang)
    if code == "list":
        return fields.get("sep", ", ").join(text(i, lang) for i in fields["items"])
    vi, en = CATALOGUE[code]
    shown = {k: _field(v, lang) for k, v in fields.items()}
    return (vi if lang == "vi" else en).format(**shown)


def _field(value: Any, lang: str) -> Any:
    """A field as it goes into a sentence: messages in words; a record's own value (which may be
    a list or object nested thousands deep, from a hostile file) shortened, never walked."""
    if isinstance(value, Msg) or (isinstance(value, (list, tuple)) and all(isinstance(i, (Msg, str)) for i in value)):
        return text(value, lang)
    if isinstance(value, (list, tuple, dict)):
        return reprlib.repr(value)
    return value


def fmt_num(x: Any, lang: str | None = None, decimals: int = 4) -> str:
    """A number as a person reads it: 80 -> '80', 79.5 -> '79,5' (vi) / '79.5' (en),
    1234.5 -> '1.234,5' (vi) / '1,234.5' (en). Not for years or ids."""
    if x is None:
        return ""
    if isinstance(x, bool) or not isinstance(x, (int, float)):
        return str(x)
    value = round(float(x), decimals)
    shown = f"{value:,.{decimals}f}".rstrip("0").rstrip(".") if not value.is_integer() else f"{int(value):,}"
    if (lang or get_lang()) == "vi":
        shown = shown.replace(",", "\0").replace(".", ",").replace("\0", ".")
    return shown


def fmt_share(share: float | None, lang: str | None = None) -> str:
    """0.4667 -> '46,7%' (vi) / '46.7%' (en); None -> ''."""
    return "" if share is None else f"{fmt_num(round(share * 100, 1), lang, 1)}%"


def did_you_mean(word: str, choices: Any) -> Msg | str:
    """A ' (có phải là 'x'?)' suffix, or '' when nothing is close."""
    import difflib
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return Msg("did_you_mean", close=close[0]) if close else ""


def col(code: str, lang: str | None = None) -> str:
    """A column heading shown to people (tables, workbooks) for a column code."""
    vi, en = COLUMNS.get(code, (code, code))
    return vi if (lang or get_lang()) == "vi" else en


COLUMNS: dict[str, tuple[str, str]] = {
    "stt": ("STT", "No."), "id": ("Mã", "ID"), "where": ("Vị trí", "Where"), "error": ("Lỗi", "Error"),
    "outcome": ("Mã kết quả", "Outcome code"), "label": ("Kết quả", "Outcome"), "result": ("Kết quả", "Result"),
    "total": ("Tổng điểm", "Total"), "max": ("Điểm tối đa", "Maximum"), "points": ("Điểm", "Points"),
    "reason": ("Lý do", "Reason"), "records": ("Số hồ sơ", "Records"), "share": ("Tỷ lệ", "Share"),
    "share_scored": ("Tỷ lệ trên số được chấm", "Share of scored"), "rejected": ("Bị loại", "Rejected"),
    "all": ("Tổng số", "Total"), "recognised_share": ("Tỷ lệ được công nhận", "Recognised share"),
    "claimed_total": ("Tự đánh giá (tổng điểm)", "Claimed total"),
    "claimed_outcome": ("Tự đánh giá (kết quả)", "Claimed outcome"), "verification": ("Đối chiếu", "Verification"),
    "indicators": ("Chỉ số khác nhau", "Indicators"), "differences": ("Khác nhau ở", "Differences"),
    "status": ("Tình trạng", "Status"), "input": ("Giá trị", "Input"), "condition": ("Điều kiện", "Condition"),
    "rule": ("Quy tắc", "Rule"), "reference": ("Căn cứ", "Reference"), "indicator": ("Chỉ số", "Indicator"),
    "signature": ("Ký tên", "Signature"), "file": ("Tệp", "File"), "warning_col": ("Cảnh báo", "Warning"), "note": ("Ghi chú", "Note"),
}


# code: (Vietnamese, English). Fields in braces.
CATALOGUE: dict[str, tuple[str, str]] = {
    "did_you_mean": (" (có phải là '{close}'?)", " (did you mean '{close}'?)"),
    "error": ("lỗi: {message}", "error: {message}"),
    "warning": ("cảnh báo: {message}", "warning: {message}"),
    "interrupted": ("đã dừng: chưa ghi tệp nào", "interrupted: nothing was written"),
    "where_message": ("{where}: {message}", "{where}: {message}"),
    "criteria_error": ("{where}: {path}: {problem}", "{where}: {path}: {problem}"),
    "top": ("(đầu tệp)", "(top)"),
    # packs
    "pack_not_found": ("không có {kind} '{name}'{hint}: hãy ghi mã một {kind} có sẵn ({known}) hoặc đường dẫn tệp .yaml",
                       "no {kind} '{name}'{hint}: give a shipped {kind} id ({known}) or the path of a .yaml file"),
    "kind_criteria": ("bộ tiêu chí", "criteria pack"),
    "kind_goals": ("gói mục tiêu", "goal pack"),
    "not_in_force_named": ("bộ tiêu chí '{name}' ({pack}) không có hiệu lực vào ngày {on}{then}. Hãy ghi tên mô hình để chọn theo ngày, hoặc đổi --as-of",
                           "criteria pack '{name}' ({pack}) is not in force on {on}{then}. Name the model instead to choose by date, or change --as-of"),
    "in_force_then": ("; có hiệu lực khi đó: {packs}", "; in force then: {packs}"),
    "not_in_force_model": ("không có bộ tiêu chí nào của mô hình '{name}' có hiệu lực vào ngày {on}: gần nhất {nearest}. Hãy ghi --as-of một ngày trong các khoảng này, hoặc ghi rõ tên bộ tiêu chí ('hoctap packs' liệt kê)",
                           "no criteria pack of model '{name}' is in force on {on}: nearest {nearest}. Give an --as-of date inside one of these periods, or name a pack explicitly (hoctap packs lists them)"),
    "no_model": ("không có mô hình '{model}'{hint}: các mô hình là {models}", "no model '{model}'{hint}: models are {models}"),
    "none": ("không có", "none"),
    "goal_year": ("{problem}: các năm có mục tiêu là {years}; chọn một năm bằng --year", "{problem}: its target years are {years}; choose one with --year"),
    "goal_no_year": ("gói mục tiêu '{pack}' không có mục tiêu cho năm {year}", "goal pack '{pack}' has no target for {year}"),
    "goal_years_past": ("mọi năm mục tiêu của gói '{pack}' đều trước năm {year}", "every target year of goal pack '{pack}' is before {year}"),
    # files read
    "file.unknown_type": ("loại tệp '{suffix}' không đọc được: dùng .csv, .json, .jsonl hoặc .xlsx", "unknown file type '{suffix}': use .csv, .json, .jsonl or .xlsx"),
    "file.xls": ("định dạng Excel cũ (.xls) không đọc được: mở tệp trong Excel và lưu thành 'Excel Workbook (.xlsx)' hoặc 'CSV UTF-8'",
                 "the old Excel format (.xls) cannot be read: open the file in Excel and save it as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'"),
    "file.cannot_read": ("không đọc được tệp: {reason}", "cannot read the file: {reason}"),
    "file.no_such": ("không có tệp này", "No such file or directory"),
    "file.empty": ("tệp trống: cần một dòng tiêu đề và ít nhất một bản ghi", "the file is empty: expected a header row and at least one record"),
    "file.empty_header": ("tệp trống: cần một dòng tiêu đề", "the file is empty: expected a header row"),
    "file.not_utf8": ("có byte không phải UTF-8 (0x{byte}): hãy lưu tệp dạng 'CSV UTF-8' (Excel) hoặc văn bản UTF-8",
                      "contains bytes that are not UTF-8 (0x{byte}): save the file as 'CSV UTF-8' (Excel) or UTF-8 text"),
    "file.header_bad": ("dòng tiêu đề {problem}", "the header row {problem}"),
    "file.whole_bad": ("tệp {problem}", "the file {problem}"),
    "row.bad": ("dòng này {problem}", "the row {problem}"),
    "line.bad": ("dòng này {problem}", "the line {problem}"),
    "csv.unclosed": ("dòng {start}: một dấu ngoặc kép mở ở dòng này không bao giờ đóng, nên các dòng {start}–{end} bị đọc thành một: hãy đóng hoặc xoá dấu ngoặc kép rồi chạy lại",
                     "line {start}: a quote opened in this row is never closed, so lines {start}–{end} were read as one row: close or remove the quote and run again"),
    "csv.width": ("dòng có {values} giá trị nhưng tiêu đề có {columns} cột (thiếu hoặc thừa dấu phân cách, hay một dấu ngoặc kép chưa đóng?)",
                  "the row has {values} values but the header has {columns} columns (a missing or extra separator, or an unclosed quote?)"),
    "csv.unreadable": ("dòng {line}: không đọc được như CSV ({reason}): dấu ngoặc kép chưa đóng, hay một tệp nhị phân lưu thành .csv?",
                       "line {line}: not readable as CSV ({reason}): an unclosed quote, or a binary file saved as .csv?"),
    "csv.twice": ("cột '{name}' xuất hiện hai lần trong dòng tiêu đề: đổi tên hoặc xoá một cột", "column '{name}' appears twice in the header row: rename or remove one"),
    "json.invalid": ("không phải JSON hợp lệ ở dòng {line}, cột {column}: {reason}", "not valid JSON at line {line}, column {column}: {reason}"),
    "json.not_array": ("cần một mảng JSON các bản ghi, ví dụ [{{\"id\": \"CD-001\", ...}}]", "expected a JSON array of record objects, e.g. [{{\"id\": \"CD-001\", ...}}]"),
    "json.item_not_object": ("bản ghi {i} là một {kind} JSON, không phải một đối tượng", "record {i} is a JSON {kind}, not an object"),
    "json.what_not_object": ("{what} là một {kind} JSON, không phải một đối tượng", "{what} is a JSON {kind}, not an object"),
    "json.record_n": ("bản ghi {i}", "record {i}"), "json.the_line": ("dòng này", "the line"),
    "jsonl.invalid": ("không phải JSON hợp lệ (cột {column}): {reason}", "not valid JSON (column {column}): {reason}"),
    "jsonl.not_object": ("dòng này là một {kind} JSON, không phải một đối tượng", "the line is a JSON {kind}, not an object"),
    "xlsx.no_sheet": ("sổ tính không có trang tính nào", "the workbook has no worksheet"),
    "xlsx.unknown_sheet": ("không có trang '{name}'{hint}: các trang là {sheets}", "no sheet '{name}'{hint}: the sheets are {sheets}"),
    "xlsx.hidden": (" (ẩn)", " (hidden)"),
    "xlsx.sheet_name": ("'{name}'{hidden}", "'{name}'{hidden}"),
    "list": ("{items}", "{items}"),
    "xlsx.unreadable": ("không phải sổ Excel đọc được ({reason}): hãy lưu lại từ Excel dạng 'Excel Workbook (.xlsx)', không đặt mật khẩu",
                        "not an Excel workbook that can be read ({reason}): save it from Excel as 'Excel Workbook (.xlsx)', without a password"),
    "xlsx.sheet_empty": ("trang '{sheet}' trống: cần một dòng tiêu đề và ít nhất một bản ghi", "sheet '{sheet}' is empty: expected a header row and at least one record"),
    "xlsx.no_header": ("trang '{sheet}': không thấy dòng tiêu đề trong {rows} dòng đầu — cần một dòng ghi cột mã và các cột của bộ tiêu chí (dòng đầu có chữ là {seen}); hãy kiểm tra trang (--sheet) và tên cột",
                       "sheet '{sheet}': no header row in its first {rows} rows — expected a row naming the id column and the criteria pack's columns (the first filled row reads {seen}); check the sheet (--sheet) and the column names"),
    "xlsx.twice": ("trang '{sheet}' dòng {row}: hai cột {a} và {b} cùng tiêu đề '{name}': đổi tên hoặc xoá một cột",
                   "sheet '{sheet}' row {row}: columns {a} and {b} are both headed '{name}': rename or remove one"),
    "xlsx.formula": ("ô {cell} ('{name}') là công thức chưa được tính và lưu: mở tệp trong Excel (hoặc LibreOffice), để tính xong, lưu lại rồi chạy lại",
                     "cell {cell} ('{name}') is a formula whose result was never saved: open the file in Excel (or LibreOffice), let it calculate, save it, and run again"),
    "no_known_column": ("không cột nào của tệp được bộ tiêu chí '{pack}' đọc (bộ này đọc {reads}; tệp có {has}): {hint}",
                        "none of its columns is read by criteria pack '{pack}' (it reads {reads}; the file has {has}): {hint}"),
    "no_known_column_hint": ("kiểm tra dòng tiêu đề, hoặc tạo tệp mẫu bằng 'hoctap template -c {pack}'", "check the header row, or write a template with 'hoctap template -c {pack}'"),
    "given_twice": ("{path} được ghi hai lần: mỗi tệp hồ sơ chỉ ghi một lần", "{path} is given twice: name each records file once"),
    "no_column": ("không có cột '{name}' trong hồ sơ{hint}: các cột là {columns}", "no column '{name}' in the records{hint}: the columns are {columns}"),
    # header diagnosis, once per file and sheet (records/headers.py)
    "header.read_as": ('{where}: cột {pairs}',
                       '{where}: column {pairs}'),
    "header.pair": ("'{header}' được hiểu là {name}",
                    "'{header}' is read as {name}"),
    "header.next_pair": ("'{header}' là {name}",
                         "'{header}' as {name}"),
    "header.more": (' và {n} cột khác cùng kiểu',
                    ' and {n} more of the same kind'),
    "header.id": ('mã (id)',
                  'the id'),
    "header.identity": ("{where}: cột '{header}' (số giấy tờ tùy thân) không được dùng làm mã hồ sơ, vì mã được chép vào kết quả và báo cáo: thêm một cột 'Mã' với mã riêng của từng hồ sơ (ví dụ CD-001)",
                        "{where}: column '{header}' (an identity document number) is not used as the record id, since the id is copied into results and reports: add a column 'id' with each record's own id"),
    "header.titles": ('{where}: bỏ qua {n} dòng phía trên dòng tiêu đề cột (dòng {rows}: {first})',
                      '{where}: skipped {n} row(s) above the header row (row(s) {rows}: {first})'),
    "header.two_rows": ('{where}: tiêu đề hai dòng (dòng {a} và {b}) được ghép thành một dòng tiêu đề cột',
                        '{where}: a two-row header (rows {a} and {b}) was joined into one header row'),
    "header.optional": ('{where}: không thấy cột {names}: mọi hồ sơ của tệp coi như để trống các cột đó{meaning}',
                        '{where}: no column {names}: every record of the file is read as blank there{meaning}'),
    "header.blank_means": (' (ô trống là chưa có minh chứng, chỉ tiêu không đạt)',
                           ' (a blank is no evidence: the indicator is not met)'),
    "header.no_id": ('không thấy cột mã hồ sơ: thêm cột {names}, mỗi hồ sơ một mã',
                     'no record id column: add a column {names}, one id per record'),
    "header.or": (' hoặc ',
                  ' or '),
    "header.missing": ('không thấy cột {names}, cột mà mọi hồ sơ phải có; dùng đúng tên cột (tệp mẫu: hoctap template -c {pack})',
                       'no column {names}, which every record needs; use the column names of the template (hoctap template -c {pack})'),
    "header.twice": ('cột {a} và {b} đều được hiểu là {name}: đổi tên hoặc xoá một cột',
                     'columns {a} and {b} are both read as {name}: rename or remove one'),
    "header.cause_two_rows": ('; tiêu đề hai dòng? (dòng {row} cũng có chữ ở các cột đó): ghép thành một dòng tiêu đề',
                              '; a two-row header? (row {row} has text in those columns too): join it into one header row'),
    "header.cause_close": ("; cột '{header}' có phải là {name}? đổi tên thành '{name}'",
                           "; is column '{header}' meant as {name}? rename it '{name}'"),
    "header.cause_seen": ('; các cột đang có: {headers}',
                          '; the columns are: {headers}'),
    "template.wrote": ("đã ghi tệp mẫu {path}: {n} cột ({columns}); điền từ dòng {row} của trang '{sheet}', rồi chấm: hoctap score -c {pack} {path}",
                       "wrote the template {path}: {n} columns ({columns}); fill it from row {row} of sheet '{sheet}', then score it: hoctap score -c {pack} {path}"),
    "template.exists": ("tệp này đã có; hoctap không ghi đè tệp có sẵn: chọn tên khác (-o TỆP.xlsx) hoặc tự xoá tệp cũ",
                        "this file exists; hoctap never overwrites a file: choose another name (-o FILE.xlsx) or remove the old file yourself"),
    # records
    "rec.not_number": ("'{name}' phải là một số{range}, không phải '{value}'", "'{name}' must be a number{range}, not '{value}'"),
    "rec.bool_not_number": ("'{name}' phải là một số, không phải {value}", "'{name}' must be a number, not {value}"),
    "rec.range": (" từ {min} đến {max}", " from {min} to {max}"),
    "rec.below": ("'{name}' là {value}, nhỏ hơn mức tối thiểu {min}", "'{name}' is {value}, below the minimum {min}"),
    "rec.above": ("'{name}' là {value}, lớn hơn mức tối đa {max}", "'{name}' is {value}, above the maximum {max}"),
    "rec.not_yes_no": ("'{name}' phải là có hoặc không (có/không, true/false, 1/0), không phải '{value}'",
                       "'{name}' must be yes or no (có/không, true/false, 1/0), not '{value}'"),
    "rec.not_choice": ("'{name}' là '{value}', không thuộc các giá trị {codes}{hint}", "'{name}' is '{value}', which is not one of {codes}{hint}"),
    "rec.bool_not_choice": ("'{name}' phải là một trong {codes}, không phải {value}", "'{name}' must be one of {codes}, not {value}"),
    "rec.no_id": ("bản ghi không có mã ('id'): mỗi bản ghi cần một mã", "the record has no 'id': every record needs an id"),
    "rec.two_columns": ("hai cột cùng cho '{name}' ('{key}' và một tên khác): giữ một", "two columns give '{name}' ('{key}' and another alias): keep one"),
    "rec.missing": ("thiếu '{name}': {what}", "'{name}' is missing: {what}"),
    "rec.what_number": ("ghi một số{range}", "give a number{range}"),
    "rec.what_bool": ("ghi có hoặc không", "answer có or không"),
    "rec.what_choice": ("ghi một trong {codes}", "give one of {codes}"),
    "rec.duplicate": ("mã '{id}' trùng với bản ghi ở {first}: mỗi bản ghi cần một mã riêng", "id '{id}' repeats the record at {first}: every record needs its own id"),
    "goal.missing_title": ("thiếu '{name}': ghi {codes}, hoặc các cột của bộ tiêu chí '{pack}' ({columns}) để chấm luôn",
                           "'{name}' is missing: give {codes}, or the columns of the criteria pack '{pack}' ({columns}) to have it scored"),
    "goal.scored_blank": ("'{name}' để trống nên dòng được chấm bằng '{pack}': {problem}", "'{name}' is blank, so the row was scored with '{pack}': {problem}"),
    "members.no_unit_id": ("không có mã đơn vị: thêm cột '{column}' ghi mã đơn vị của thành viên (mã 'id' của đơn vị trong tệp đơn vị)",
                           "no unit id: add a '{column}' column with the id of the member's unit (the unit's 'id' in the units file)"),
    "members.no_unit_column": ("không có cột đơn vị: tệp thành viên cần cột '{column}' (hoặc một trong {others}) ghi mã đơn vị của mỗi thành viên",
                               "no unit column: a members file needs a '{column}' column (or one of {others}) with the id of each member's unit"),
    # output files
    "out.cannot_write_as": ("không ghi được {what} thành '{suffix}': hãy đặt tên tệp {names}", "cannot write {what} as '{suffix}': name the file {names}"),
    "out.no_extension": ("(không có phần mở rộng)", "(no extension)"),
    "out.what_results": ("kết quả", "results"),
    "out.what_table": ("bảng", "a table"),
    "out.what_report": ("báo cáo", "a report"),
    "out.what_list": ("danh sách", "a list"),
    "out.no_folder": ("thư mục '{folder}' không tồn tại", "the folder '{folder}' does not exist"),
    "out.cannot_write": ("không ghi được vào '{folder}': {reason}", "cannot write in '{folder}': {reason}"),
    "out.wrote": ("đã ghi {path}", "wrote {path}"),
    "goals.wrote": ("đã ghi {path} ({n} mục tiêu, năm {years})", "wrote {path} ({n} targets, {years})"),
    # counts and lines
    "count_line": ("đã đọc {read} hồ sơ: {scored} được chấm, {rejected} bị loại", "{read} records read: {scored} scored, {rejected} rejected"),
    "rejected_records": ("Hồ sơ bị loại:", "Rejected records:"),
    "by_column": ("Theo {name}:", "By {name}:"),
    "list_title": ("Danh sách đề nghị công nhận", "Recognition list"),
    "sheet.results": ("Kết quả", "Results"), "sheet.rejected": ("Bị loại", "Rejected"), "sheet.summary": ("Tổng hợp", "Summary"),
    "sheet.by": ("Theo {name}", "By {name}"), "sheet.recognised": ("Danh sách công nhận", "Recognised"),
    "sheet.disagreements": ("Không khớp", "Disagreements"),
    "sum.pack": ("Bộ tiêu chí", "Criteria pack"), "sum.status": ("Tình trạng", "Status"),
    "status.official": ("chính thức", "official"), "status.provisional": ("tạm thời", "provisional"),
    "status.draft": ("dự thảo", "draft"),
    "sum.read": ("Số hồ sơ đã đọc", "Records read"), "sum.scored": ("Được chấm", "Scored"), "sum.rejected": ("Bị loại", "Rejected"),
    "sum.skipped": ("Bỏ qua (không phải hồ sơ: dòng tổng, chữ ký)", "Skipped (not records: totals, signatures)"),
    "sum.balanced": ("Đã đọc = được chấm + bị loại + bỏ qua", "Read = scored + rejected + skipped"),
    "count_skipped": (", {skipped} bỏ qua", ", {skipped} skipped"), "col.status_of": ("{id} tình trạng", "{id} status"), "yes": ("có", "yes"), "no_caps": ("KHÔNG", "NO"),
    "sum.checked": ("Hồ sơ có tự đánh giá", "Claimed results checked"), "sum.agree": ("Khớp", "Agree"),
    "sum.disagree": ("Không khớp", "Disagree"),
    "verify_line": ("{checked} hồ sơ có tự đánh giá: {agree} khớp, {disagree} không khớp", "{checked} with a claimed result: {agree} agree, {disagree} disagree"),
    "rejected_line": ("bị loại {where} (mã {id}): {error}", "rejected {where} (id {id}): {error}"),
    "member_rejected": ("thành viên bị loại {where} (mã {id}): {error}", "member rejected {where} (id {id}): {error}"),
    "date.not_a_date": ("'{value}' không phải một ngày: ghi YYYY-MM-DD, DD/MM/YYYY hoặc một năm YYYY",
                        "'{value}' is not a date: write YYYY-MM-DD, DD/MM/YYYY or a year YYYY"),
    "date.column": ("'{column}': {problem}", "'{column}': {problem}"),
    "date.none": ("không có ngày đánh giá: '{model}' là một mô hình, nên mỗi hồ sơ cần cột {date} (một ngày) hoặc {year} (một năm); "
                  "hoặc ghi --as-of NGÀY", "no assessment date: '{model}' is a model, so each record needs a column {date} (a date) "
                  "or {year} (a year); or give --as-of DATE"),
    "date.no_pack": ("'{column}' là {on}, khi không có bộ tiêu chí nào của mô hình '{model}' có hiệu lực: gần nhất {nearest}",
                     "'{column}' is {on}, when no pack of model '{model}' is in force: nearest {nearest}"),
    "validate.ok": ("{source}: đạt — {pack} {version}, {n} chỉ số, {status}", "{source}: ok — {pack} {version}, {n} indicators, {status}"),
    "validate.provisional": ("{source}: ghi chú: bộ tiêu chí tạm thời — {n} ghi chú về những điểm văn bản chính thức chưa rõ",
                             "{source}: notes: warning: provisional — {n} note(s) on what the official text leaves uncertain"),
    "validate.add_notes": ("; thêm --notes để đọc", "; add --notes to read them"),
    "run.complete": ("hoàn tất", "complete"), "run.incomplete": ("chưa xong", "incomplete"),
    "runs.headers": ("lượt chấm|bắt đầu (UTC)|trạng thái|bộ tiêu chí|ngày đánh giá|tệp hồ sơ|đã đọc|được chấm|bị loại|đã lưu",
                     "run|started (UTC)|status|criteria|as of|records|read|scored|rejected|stored"),
    "goal_packs.headers": ("mã|phiên bản|trạng thái|năm mục tiêu|tên", "id|version|status|years|title"),
    "cases.summary": ("{pack}: {n} tình huống: {passed} đúng, {failed} sai", "{pack}: {n} cases: {passed} passed, {failed} failed"),
    "cases.inherited": (" (kế thừa: {kept} giữ nguyên, {changed} sửa ở đây, {skipped} bỏ qua)",
                        " (inherited: {kept} as they are, {changed} changed here, {skipped} skipped)"),
    "verify.total_not_number": ("tổng điểm tự đánh giá không phải một số", "the claimed total is not a number"),
    "verify.outcome_unknown": ("kết quả tự đánh giá không phải một trong {known}", "the claimed outcome is not one of {known}"),
    "verify.more_points": ("cần thêm {n} điểm", "{n} more points needed"),
    "verify.blocker": ("chỉ số {id} là {value}, cần {needs}", "indicator {id} is {value}, it needs {needs}"),
    "verify.not_applicable": ("chỉ số này không áp dụng cho hồ sơ", "the indicator does not apply to this record"),
    "verify.neither": ("tự đánh giá không phải số điểm, cũng không phải đạt/không đạt", "the claim is neither points nor đạt/không đạt"),
    "validity": ("hiệu lực {validity}", "valid {validity}"),
    "validity.pack": ("{pack} (hiệu lực {validity})", "{pack} (valid {validity})"),
    "validity.ended": ("{pack} (hiệu lực {validity}, đã hết hiệu lực {n} ngày trước ngày đó)", "{pack} (valid {validity}, ended {n} day(s) earlier)"),
    "validity.starts": ("{pack} (hiệu lực {validity}, có hiệu lực {n} ngày sau ngày đó)", "{pack} (valid {validity}, starts {n} day(s) later)"),
    "members.none": ("không có thành viên nào của đơn vị '{unit}' trong {source}", "no member of unit '{unit}' in {source}"),
    "members.rejected": ("không tính được '{name}': {n} dòng thành viên của đơn vị '{unit}' bị loại ({rows}): hãy sửa các dòng đó, "
                         "hoặc ghi trực tiếp giá trị và bỏ các thành viên của đơn vị khỏi tệp thành viên",
                         "'{name}' cannot be computed: {n} member row(s) of unit '{unit}' were rejected ({rows}): fix them, "
                         "or type the value in and remove the unit's members from the members file"),
    "members.typed_and_computed": ("'{name}' vừa được ghi trực tiếp ({typed}) vừa tính từ {source} ({figure} {outcomes} theo '{pack}'): "
                                   "để trống ô đó để dùng số liệu thành viên, hoặc bỏ các thành viên của đơn vị khỏi tệp thành viên",
                                   "'{name}' is typed in ({typed}) and also computed from {source} ({figure} {outcomes} under '{pack}'): "
                                   "leave the cell blank to use the members, or remove the unit's members from the members file"),
    "members.share": ("{figure} thành viên của đơn vị có kết quả {outcomes}", "{figure} of the unit's members are {outcomes}"),
    "members.typed_used": ("{figure} theo '{pack}'; dùng số điểm đã ghi ({typed})", "{figure} under '{pack}'; the points typed in ({typed}) are used"),
    "members.typed_differs_full": (" — khác với số điểm chỉ tính từ thành viên (đủ {top} điểm): hội đồng đánh giá theo nội dung của văn bản, "
                                   "bộ tiêu chí thành viên chỉ là căn cứ tham khảo",
                                   " — they differ from what the members alone would give (the full {top} points): the council judges "
                                   "the text's own qualities, the member pack is an aid"),
    "members.typed_differs_less": (" — khác với số điểm chỉ tính từ thành viên (dưới {top} điểm): hội đồng đánh giá theo nội dung của văn bản, "
                                   "bộ tiêu chí thành viên chỉ là căn cứ tham khảo",
                                   " — they differ from what the members alone would give (less than full points): the council judges "
                                   "the text's own qualities, the member pack is an aid"),
    "members.all_qualify": ("{figure}: mọi thành viên đều đạt, đủ {top} điểm", "{figure}: every member qualifies, full {top} points"),
    "members.partial": ("'{name}': chỉ {figure} thành viên của đơn vị đạt theo '{pack}'; văn bản không quy định cách cho điểm một phần "
                        "khi dưới 100%, nên hãy ghi số điểm hội đồng chấm (0 đến {top}) vào dòng của đơn vị",
                        "'{name}': only {figure} of the unit's members qualify under '{pack}'; the criteria give no method for "
                        "partial credit below 100%, so type the points awarded (0 to {top}) in the unit's row"),
    "members_line": ("thành viên ({pack}): {counts}", "members ({pack}): {counts}"),
    "provisional_pack": ("bộ tiêu chí '{pack}' là TẠM THỜI — một phần văn bản chính thức chưa có; xem ghi chú ('hoctap validate {pack}')",
                         "criteria pack '{pack}' is provisional — parts of the official text were not available; see its notes ('hoctap validate {pack}')"),
    "provisional_goals": ("gói mục tiêu '{pack}' là TẠM THỜI — một số mục tiêu dựa trên nguồn chưa chắc chắn; chúng được đánh dấu trong báo cáo",
                          "goal pack '{pack}' is provisional — some targets rest on uncertain sources; they are marked in the report"),
    "in_force_note": ("bộ tiêu chí có hiệu lực vào ngày {on}: {pack} {version} ({reason})", "criteria in force on {on}: {pack} {version} ({reason})"),
    "stored_run": ("đã lưu lượt chấm {run} vào {path}", "stored run {run} in {path}"),
    "run_incomplete": ("lượt chấm {run} vẫn 'chưa xong' trong {path} (các dòng đã lưu được giữ)", "run {run} stays 'incomplete' in {path} (its committed rows are kept)"),
    "goal_year_note": ("năm: {year} (năm mục tiêu gần nhất từ hôm nay; chọn năm khác bằng --year)", "year: {year} (the next target year on or after today; choose another with --year)"),
    "progress": ("\r{n} hồ sơ… {rate}/giây", "\r{n} records… {rate}/s"),
    "no_record": ("không có hồ sơ mã '{id}' trong {files}", "no record with id '{id}' in {files}"),
    "no_claims": ("không có cột tự đánh giá trong {files}: thêm cột tu_danh_gia_tong (Tự đánh giá (tổng điểm)), tu_danh_gia_ket_qua (Tự đánh giá (kết quả)) hoặc tu_danh_gia_<mã chỉ số> (Tự đánh giá 1.1)",
                  "no claimed-result column in {files}: add a column tu_danh_gia_tong (Tự đánh giá (tổng điểm)), tu_danh_gia_ket_qua (Tự đánh giá (kết quả)) or tu_danh_gia_<indicator id> (Tự đánh giá 1.1)"),
    "usage.store_inputs": ("--store-inputs chỉ dùng cùng --store [PATH]", "--store-inputs only goes with --store [PATH]"),
    "usage.model_csv": ("'{criteria}' là một mô hình, nên ngày của từng hồ sơ có thể chọn bộ tiêu chí khác nhau, mà CSV/Excel chỉ có cột của một bộ: dùng --format jsonl hoặc json (mỗi kết quả ghi bộ tiêu chí của nó), hoặc ghi --as-of NGÀY",
                        "'{criteria}' is a model, so each record's date may choose a different pack, and CSV has one pack's columns: use --format jsonl or json (each result names its pack), or give --as-of DATE"),
    "usage.members_criteria": ("--members-criteria đi cùng --members TỆP", "--members-criteria goes with --members FILE"),
    "usage.members_as_of": ("--members không đi cùng --as-of: hãy ghi chính bộ tiêu chí đơn vị (ví dụ don-vi-hoc-tap-tt24-tinh), không ghi mô hình và ngày",
                            "--members does not combine with --as-of: name the unit pack itself (e.g. don-vi-hoc-tap-tt24-tinh), not a model and a date"),
    "usage.cases_one": ("--cases đi cùng đúng một bộ tiêu chí: ghi bộ mà tệp tình huống kiểm tra", "--cases goes with exactly one PACK: name the pack the case file tests"),
    "usage.keep_store": ("--giu-cot với --store: các cột này là dữ liệu cá nhân; chỉ lưu khi có thêm --store-inputs", "--keep with --store: these columns are personal data; they are stored only with --store-inputs"),
    "usage.pdf_only_list": ("'{path}': lệnh này không tạo được PDF; PDF có ở 'hoctap report -o danh-sach.pdf' (danh sách đề nghị công nhận) và 'hoctap check --pdf'",
                            "'{path}': this command cannot write a PDF; PDFs come from 'hoctap report -o list.pdf' (the recognition list) and 'hoctap check --pdf'"),
    "usage.not_written": ("'{path}': lệnh này không ghi được tệp {suffix}; hãy đặt tên tệp {names}",
                          "'{path}': this command cannot write a {suffix} file; name the file {names}"),
    "usage.pdf_ext": ("--pdf {path}: hãy đặt tên tệp .pdf", "--pdf {path}: name the file .pdf"),
    "usage.save_ext": ("--luu {path}: câu trả lời được lưu thành tệp .yaml hoặc .json (để nạp lại bằng --answers)",
                       "--save {path}: answers are saved as a .yaml or .json file (to load again with --answers)"),
    "usage.bad_day": ("'{text}' không phải một ngày: ghi ngày/tháng/năm (01/12/2026), năm-tháng-ngày (2026-12-01) hoặc hom-nay",
                      "'{text}' is not a date: write day/month/year (01/12/2026), year-month-day (2026-12-01) or hom-nay (today)"),
    "usage.sort_column": ("--sap-xep '{name}': danh sách chỉ có các cột {columns}; hãy thêm --by '{name}' (hoặc --giu-cot '{name}') để danh sách mang cột này",
                          "--sort '{name}': the list carries only {columns}; add --by '{name}' (or --keep '{name}') so that the list carries it"),
    "usage.xls": ("'{path}': không ghi được định dạng Excel cũ (.xls): hãy đặt tên tệp .xlsx", "'{path}': the old Excel format (.xls) cannot be written: name the file .xlsx"),
    "usage.template_ext": ("tệp mẫu là sổ Excel: hãy đặt tên tệp .xlsx, không phải '{path}'", "a template is an Excel workbook: name the file .xlsx, not '{path}'"),
    "usage.exists": ("'{path}' đã có: không ghi đè lên tệp của người dùng; hãy chọn tên khác", "'{path}' exists: a user's file is never overwritten; choose another name"),
    # answers (self-check)
    "ans.unknown_type": ("loại tệp '{suffix}' không đọc được: dùng .yaml, .yml hoặc .json", "unknown file type '{suffix}': use .yaml, .yml or .json"),
    "ans.empty": ("tệp trống: ghi mỗi câu trả lời một dòng, ví dụ '\"2.2\": 7'", "the file is empty: write one answer per line, e.g. '\"2.2\": 7'"),
    "ans.not_mapping": ("cần một bảng câu hỏi → câu trả lời (ví dụ '\"2.2\": 7'), không phải một {kind}", "expected one mapping of question to answer (e.g. '\"2.2\": 7'), not a {kind}"),
    "ans.twice": ("dòng {line}: '{key}' được trả lời hai lần (dòng {first} và {line}): giữ một", "line {line}: '{key}' is answered twice (lines {first} and {line}): keep one"),
    "ans.yaml": ("{where}không phải YAML hợp lệ: {reason}", "{where}not valid YAML: {reason}"),
    "ans.line": ("dòng {line}: ", "line {line}: "),
    "ans.not_utf8": ("không phải văn bản UTF-8 (vị trí {offset}): hãy lưu tệp dạng UTF-8", "not UTF-8 text (offset {offset}): save the file as UTF-8"),
    "ans.saved": ("đã lưu câu trả lời vào {path} (chạy lại: hoctap check -c {pack} --answers {path})", "saved the answers in {path} (run again: hoctap check -c {pack} --answers {path})"),
    # engine
    "engine.worker": ("một tiến trình chấm điểm dừng bất ngờ (bị dừng, hết bộ nhớ, hoặc không khởi động được): chạy lại với --jobs 1 để biết thêm",
                      "a scoring process stopped unexpectedly (killed, out of memory, or it could not start): run again with --jobs 1 to learn more"),
}
