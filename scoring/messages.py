"""Every sentence a user reads, in Vietnamese and English: one small message catalogue.

A message is a code and its fields (``Msg("file.empty", file=...)``); it becomes a sentence only
when shown, in the language asked for (``--lang``, else the environment variable HOCTAP_LANG,
else Vietnamese). Exceptions carry messages, so a record error made in a worker process reads the
same as one made here. Machine codes (outcome codes, statuses) stay in JSON; sentences use labels.

Numbers shown to people follow the language: ``1.234,5`` in Vietnamese, ``1,234.5`` in English.
"""
from __future__ import annotations

import os
import re
import reprlib
import string
from dataclasses import dataclass, field
from collections.abc import Sequence
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
        return fmt_num(fields["x"], lang, fields.get("decimals", 4))
    if code == "date":
        return fmt_date(fields["d"], lang)
    if code == "list":
        return fields.get("sep", ", ").join(text(i, lang) for i in fields["items"])
    vi, en = CATALOGUE[code]
    shown = {k: _field(v, lang) for k, v in fields.items()}
    return plural_format(vi if lang == "vi" else en, **shown)


class _Counted(string.Formatter):
    """``{n:record|records}``: the count, then its words for one or for any other number;
    ``{n:|row|rows}``: the words alone ('rows 3–4', after the count was said)."""

    def format_field(self, value: Any, format_spec: str) -> str:
        if "|" not in format_spec:
            return super().format_field(value, format_spec)
        alone = format_spec.startswith("|")
        one, other = format_spec.removeprefix("|").split("|", 1)
        words = one if str(value) == "1" else other
        return words if alone else f"{value} {words}"


_COUNTED = _Counted()


def plural_format(template: str, /, **fields: Any) -> str:
    """``template.format(**fields)``, where English may write a count with its noun as
    ``{n:row|rows}`` or ``{n:row does|rows do}``: '1 row', '2 rows', never '1 rows'."""
    return _COUNTED.vformat(template, (), fields) if "|" in template else template.format(**fields)


def _field(value: Any, lang: str) -> Any:
    """A field as it goes into a sentence: messages in words; a record's own value (which may be
    a list or object nested thousands deep, from a hostile file) shortened, never walked."""
    if isinstance(value, Msg) or (isinstance(value, (list, tuple)) and all(isinstance(i, (Msg, str)) for i in value)):
        return text(value, lang)
    if isinstance(value, (list, tuple, dict)):
        return reprlib.repr(value)
    return value


def fmt_date(d: Any, lang: str | None = None) -> str:
    """A date as a person reads it: 28/07/2022 (vi), 2022-07-28 (en); anything else as it is."""
    if not hasattr(d, "strftime"):
        return str(d)
    return d.strftime("%d/%m/%Y") if (lang or get_lang()) == "vi" else d.isoformat()


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


def fmt_points(x: Any, lang: str | None = None) -> str:
    """A number of points with its word: '1 point', '0.5 points' (en); '1 điểm', '7,5 điểm' (vi).
    English says one point, never '1 points'."""
    lang = lang or get_lang()
    word = "điểm" if lang == "vi" else "point" if x == 1 else "points"
    return f"{fmt_num(x, lang)} {word}"


def first_of(items: Sequence[str], shown: int, sep: str = ", ") -> str:
    """The first ``shown`` items, then how many more: 'A, B, … (+3)'; a list of ids or rows said in one line."""
    more = len(items) - shown
    return sep.join(items[:shown]) + (f"{sep}… (+{more})" if more > 0 else "")


def fmt_share(share: float | None, lang: str | None = None) -> str:
    """0.4667 -> '46,7%' (vi) / '46.7%' (en); None -> ''."""
    return "" if share is None else f"{fmt_num(round(share * 100, 1), lang, 1)}%"


def fmt_decimals_in(text: str, lang: str | None = None) -> str:
    """The decimal numbers inside a text written with dots ('≥ 89.9 %', the explanation tree's
    texts, which are hashed into stored runs and so cannot change) as ``fmt_num`` writes them.
    Only numbers with a decimal part: an integer may be a year or a code."""
    return _DECIMAL.sub(lambda m: fmt_num(float(m.group(0)), lang), text)


_DECIMAL = re.compile(r"(?<![\d.])\d+\.\d+(?![\d.])")   # not inside an id such as 1.2.3


def did_you_mean(word: str, choices: Any) -> Msg | str:
    """A ' (có phải là 'x'?)' suffix, or '' when nothing is close."""
    import difflib
    close = difflib.get_close_matches(str(word), [str(c) for c in choices], n=1, cutoff=0.6)
    return Msg("did_you_mean", close=close[0]) if close else ""


def template(code: str, lang: str | None = None) -> str:
    """A message's words in ``lang``, its fields not filled in: for code that fills them itself, many times."""
    vi, en = CATALOGUE[code]
    return vi if (lang or get_lang()) == "vi" else en


def words_table(prefix: str, lang: str) -> dict[str, str]:
    """Every message whose code starts with ``prefix`` ('head.'), by the rest of its code ('record'), in
    ``lang``, not filled in: a module that says them per row or per record looks them up once per
    language (at import) rather than once per row, and reads them where tests check the catalogue."""
    if not _BY_PREFIX:
        for code in CATALOGUE:
            _BY_PREFIX.setdefault(code[:code.find(".") + 1], []).append(code)
    start = prefix[:prefix.find(".") + 1]
    return {code[len(prefix):]: template(code, lang) for code in _BY_PREFIX.get(start, ()) if code.startswith(prefix)}


_BY_PREFIX: dict[str, list[str]] = {}   # the codes of each prefix ('head.'), made at the first words_table


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
    "all": ("Tổng số", "Total"), "recognised_share": ("Tỷ lệ được công nhận (trên số được chấm)", "Recognised share (of scored)"),
    "claimed_total": ("Tự đánh giá (tổng điểm)", "Claimed total"),
    "claimed_outcome": ("Tự đánh giá (kết quả)", "Claimed outcome"), "verification": ("Đối chiếu", "Verification"),
    "indicators": ("Chỉ số khác nhau", "Indicators"), "differences": ("Khác nhau ở", "Differences"),
    "status": ("Tình trạng", "Status"), "input": ("Giá trị", "Input"), "condition": ("Điều kiện", "Condition"),
    "rule": ("Quy tắc", "Rule"), "reference": ("Căn cứ", "Reference"), "indicator": ("Chỉ số", "Indicator"),
    "signature": ("Ký tên", "Signature"), "file": ("Tệp", "File"), "sheet": ("Trang tính", "Sheet"), "warning_col": ("Cảnh báo", "Warning"), "note": ("Ghi chú", "Note"),
}


# code: (Vietnamese, English). Fields in braces.
CATALOGUE: dict[str, tuple[str, str]] = {
    "did_you_mean": (" (có phải là '{close}'?)", " (did you mean '{close}'?)"),
    "error": ("lỗi: {message}", "error: {message}"),
    "warning": ("cảnh báo: {message}", "warning: {message}"),
    "doc.warning": ("Cảnh báo ({n} hồ sơ): {text}", "Warning ({n:record|records}): {text}"),
    "interrupted": ("đã dừng: chưa ghi tệp nào", "interrupted: nothing was written"),
    "interrupted.stored": ("đã dừng: chưa ghi tệp kết quả nào; kho {path} giữ lượt chấm là 'chưa xong'",
                           "interrupted: no results file was written; the store {path} keeps the run as 'incomplete'"),
    "interrupted.written": ("đã dừng: {output} đã ghi đủ; kho {path} giữ lượt chấm là 'chưa xong'",
                            "interrupted: {output} is written whole; the store {path} keeps the run as 'incomplete'"),
    "cli.bad_lang_variable": ("biến môi trường HOCTAP_LANG='{value}' không phải ngôn ngữ hoctap có: hãy đặt một trong {langs} (vi: tiếng Việt, en: tiếng Anh), hoặc bỏ biến này",
                              "the environment variable HOCTAP_LANG='{value}' is not a language hoctap has: set one of {langs} (vi: Vietnamese, en: English), or unset it"),
    "where_message": ("{where}: {message}", "{where}: {message}"),
    "criteria_error": ("{where}: {path}: {problem}", "{where}: {path}: {problem}"),
    "top": ("(đầu tệp)", "(top)"),
    # packs
    "pack_not_found": ("không có {kind} '{name}'{hint}: hãy ghi mã một {kind} có sẵn ({known}) hoặc đường dẫn tệp .yaml",
                       "no {kind} '{name}'{hint}: give a shipped {kind} id ({known}) or the path of a .yaml file"),
    "wrong_kind.goals": ("'{name}' là một gói mục tiêu, không phải bộ tiêu chí: dùng nó với 'hoctap goals --goals {name}' "
                         "('hoctap packs' liệt kê các bộ tiêu chí)",
                         "'{name}' is a goal pack, not a criteria pack: use it with 'hoctap goals --goals {name}' "
                         "('hoctap packs' lists the criteria packs)"),
    "wrong_kind.criteria": ("'{name}' là một bộ tiêu chí, không phải gói mục tiêu: dùng nó với 'hoctap score --criteria {name}' "
                            "('hoctap goal-packs' liệt kê các gói mục tiêu)",
                            "'{name}' is a criteria pack, not a goal pack: use it with 'hoctap score --criteria {name}' "
                            "('hoctap goal-packs' lists the goal packs)"),
    "kind_criteria": ("bộ tiêu chí", "criteria pack"),
    "kind_goals": ("gói mục tiêu", "goal pack"),
    "kind_stats_form": ("mẫu thống kê", "statistics form"),
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
    # criteria pack files (packs/pack.py, yamlfile.py, extend.py, catalog.py)
    "pk.choice_needs_choices": ("một giá trị đầu vào kiểu 'choice' cần danh sách 'choices' không rỗng", "an input of type 'choice' needs a non-empty 'choices' list"),
    "pk.choices_only_choice": ("'choices'/'ordered' chỉ dùng với kiểu 'choice', không dùng với '{type}'", "'choices'/'ordered' only go with type 'choice', not '{type}'"),
    "pk.minmax_only_number": ("'min'/'max' chỉ dùng với kiểu 'number', không dùng với '{type}'", "'min'/'max' only go with type 'number', not '{type}'"),
    "pk.whole_only_number": ("'whole' chỉ dùng với kiểu 'number', không dùng với '{type}'", "'whole' only goes with type 'number', not '{type}'"),
    "pk.min_gt_max": ("min {min} lớn hơn max {max}", "min {min} is greater than max {max}"),
    "pk.choice_code_twice": ("mã lựa chọn '{choice}' được dùng hai lần: mỗi lựa chọn cần một mã riêng", "choice code '{choice}' is used twice: each choice needs its own code"),
    "pk.pass_at_range": ("pass_at {pass_at} phải nằm trong khoảng từ 0 đến max {max}", "pass_at {pass_at} must be between 0 and max {max}"),
    "pk.table_order": ("dòng {row} của bảng (at_least {value}) không thấp hơn dòng trên nó ({above}): các dòng phải xếp từ "
                       "'at_least' cao nhất xuống thấp nhất (bảng đang ghi: {shares}) — sửa số sai, hoặc xếp lại các dòng",
                       "row {row} of the table (at_least {value}) is not below the row above it ({above}): rows go from the "
                       "highest 'at_least' down (the table has: {shares}) — fix the wrong number, or put the rows in that order"),
    "pk.table_points": ("dòng {row} của bảng cho nhiều điểm hơn dòng trên nó ({value} > {above}): điểm không được tăng từ "
                        "dòng trên xuống dòng dưới (bảng đang ghi: {points})",
                        "row {row} of the table gives more points than the row above it ({value} > {above}): points must not "
                        "go up from one row to the next (the table has: {points})"),
    "pk.table_first": ("dòng đầu (tốt nhất) của bảng phải cho hơn 0 điểm", "the first (best) row of the table must give more than 0 points"),
    "pk.valid_to": ("valid_to {end} sớm hơn valid_from {start}", "valid_to {end} is before valid_from {start}"),
    "pk.warn_after": ("warn_after.after {after} nằm ngoài thời hạn của bộ tiêu chí {start} → {end}: không hồ sơ nào có thể được cảnh báo",
                      "warn_after.after {after} is outside the pack's period {start} → {end}: no record could be warned"),
    "pk.blank_not_met_reference": ("blank_not_met với basis: text cần reference: điều khoản của văn bản quy định ô trống là không đạt",
                                   "blank_not_met with basis: text needs a reference: the article of the text that makes a blank not met"),
    "pk.open": ("(chưa có ngày kết thúc)", "(open)"),
    "pk.input_name_twice": ("tên giá trị đầu vào '{name}' được dùng hai lần: mỗi giá trị đầu vào cần một tên riêng", "input name '{name}' is used twice: each input needs its own name"),
    "pk.indicator_twice": ("mã chỉ số '{id}' được dùng hai lần: mỗi chỉ số cần một mã riêng", "indicator id '{id}' is used twice: each indicator needs its own id"),
    "pk.check_undeclared": ("checks[{i}] đọc giá trị đầu vào '{input}', nhưng giá trị này không được khai báo trong 'inputs'{hint}",
                            "checks[{i}] reads input '{input}', which is not declared in 'inputs'{hint}"),
    "pk.check_number": ("checks[{i}] so sánh hai giá trị số, nhưng '{input}' có kiểu {type}",
                        "checks[{i}] compares two numbers, but '{input}' is of type {type}"),
    "pk.fm_where": ("giá trị đầu vào '{name}': from_members", "input '{name}': from_members"),
    "pk.fm_number": ("{where} cần một giá trị đầu vào kiểu số, không phải {type}", "{where} needs a number input, not {type}"),
    "pk.fm_share": ("{where} cho một tỷ lệ phần trăm, nên giá trị đầu vào cần min 0 và max 100 (đang là {min}, {max})",
                    "{where} gives a share in percent, so the input needs min 0 and max 100 (it has {min}, {max})"),
    "pk.fm_full": ("{where} cho đủ điểm, nên một chỉ số 'points' phải đọc '{name}'", "{where} gives full points, so a 'points' indicator must read '{name}'"),
    "pk.ind_where": ("chỉ số '{id}'", "indicator '{id}'"),
    "pk.undeclared": ("{where} đọc giá trị đầu vào '{input}', nhưng giá trị này không được khai báo trong 'inputs'{hint}",
                      "{where} reads input '{input}', which is not declared in 'inputs'{hint}"),
    "pk.rule_input_type": ("{where}: quy tắc '{kind}' cần giá trị đầu vào kiểu {wanted}, nhưng '{name}' có kiểu {type}",
                           "{where}: a '{kind}' rule needs a {wanted} input, but '{name}' is {type}"),
    "pk.points_range": ("{where}: giá trị đầu vào '{name}' phải có min 0 và max {max} (điểm tối đa của chỉ số); hiện có min {has_min}, max {has_max}",
                        "{where}: input '{name}' must have min 0 and max {max} (the indicator's maximum); it has min {has_min}, max {has_max}"),
    "pk.ordered": ("{where}: giá trị đầu vào '{name}' phải có 'ordered: true' để so sánh danh hiệu", "{where}: input '{name}' must be 'ordered: true' to compare titles"),
    "pk.title_not_choice": ("{where}: danh hiệu '{title}' không thuộc các lựa chọn của '{name}'{hint}", "{where}: title '{title}' is not a choice of '{name}'{hint}"),
    "pk.applies_undeclared": ("{where}: applies_to đọc giá trị đầu vào '{input}', nhưng giá trị này không được khai báo{hint}",
                              "{where}: applies_to reads input '{input}', which is not declared{hint}"),
    "pk.applies_choice": ("{where}: giá trị đầu vào '{input}' của applies_to phải là giá trị bắt buộc kiểu 'choice'",
                          "{where}: applies_to input '{input}' must be a required input of type 'choice'"),
    "pk.applies_value": ("{where}: giá trị '{value}' trong applies_to không thuộc các lựa chọn của '{input}'{hint}",
                         "{where}: applies_to value '{value}' is not a choice of '{input}'{hint}"),
    "pk.levels_list": ("{where}: trong bộ tiêu chí xếp theo mức, mỗi chỉ số phải ghi các mức 'levels' mà nó được tính ({known})",
                       "{where}: in a levels pack every indicator lists the 'levels' it counts for ({known})"),
    "pk.level_unknown": ("{where}: mức '{level}' không được khai báo trong outcome.levels{hint}", "{where}: level '{level}' is not declared in outcome.levels{hint}"),
    "pk.levels_only": ("{where}: 'levels' chỉ dùng với outcome kiểu 'levels'", "{where}: 'levels' only go with an outcome of kind 'levels'"),
    "pk.outcome_code_twice": ("mã kết quả '{outcome}' được dùng hai lần: mỗi kết quả cần một mã riêng", "outcome code '{outcome}' is used twice: each outcome needs its own code"),
    "pk.fallback_band": ("mức cuối ('{band}') là mức mặc định nên không được có điều kiện", "the last band ('{band}') is the fallback and must have no conditions"),
    "pk.bands_order": ("mức '{band}' (min_total {value}) cao hơn mức trên nó ({above}): các mức (bands) phải xếp từ tốt nhất "
                       "trở xuống, min_total giảm dần (đang ghi: {mins}) — sửa số sai, hoặc xếp lại các mức",
                       "band '{band}' (min_total {value}) is above the band before it ({above}): bands go best first, "
                       "with min_total going down (the pack has: {mins}) — fix the wrong number, or put the bands in that order"),
    "pk.band_no_condition": ("mức '{band}' không có điều kiện: chỉ mức cuối cùng mới được không có điều kiện", "band '{band}' has no condition: only the last band may be unconditional"),
    "pk.level_unlisted": ("mức '{level}' không được chỉ số nào liệt kê, nên mọi hồ sơ đều đạt mức này: hãy ghi nó vào 'levels' của một chỉ số",
                          "level '{level}' is listed by no indicator, so every record would reach it: list it in some indicator's 'levels'"),
    "pk.not_mapping": ("bộ tiêu chí phải là một bảng YAML (các dòng khoá: giá trị) ở cấp ngoài cùng", "a criteria pack is a YAML mapping (key: value lines) at the top level"),
    "pk.unknown_key": ("khoá '{key}' không hợp lệ{hint}: xoá khoá này hoặc sửa lại chính tả", "unknown key '{key}'{hint}: remove it or fix its spelling"),
    "pk.vi_key": (" (khoá viết bằng tiếng Anh như trong mẫu: '{key}' → '{meant}')", " (keys are written in English, as in the template: '{key}' → '{meant}')"),
    "pk.hidden_key": ("khoá '{key}' không hợp lệ: {problem}", "unknown key '{key}': {problem}"),
    "pk.required": ("ở đây bắt buộc phải có '{key}'", "'{key}' is required here"),
    "pk.text_bool": ("phải là chữ, nhưng YAML đọc từ này là {value} (yes/no/on/off là giá trị đúng/sai trong YAML): đặt trong dấu ngoặc kép, ví dụ \"no\"",
                     "must be text, but YAML read the word as {value} (yes/no/on/off are booleans in YAML): put it in quotes, e.g. \"no\""),
    "pk.text_number": ("phải là chữ, nhưng YAML đọc thành số {value}: đặt trong dấu ngoặc kép, ví dụ \"{given}\"",
                       "must be text, but YAML read the number {value}: put it in quotes, e.g. \"{given}\""),
    "pk.decimal_comma": ("phải là một số, không phải {value}: viết số thập phân bằng dấu chấm: {fixed}", "must be a number, not {value}: write decimals with a point: {fixed}"),
    "pk.percent_sign": ("phải là một số, không phải {value}: viết số không kèm dấu %: {fixed}", "must be a number, not {value}: write the number without the % sign: {fixed}"),
    "pk.not_number": ("phải là một số, không phải {value}: chỉ viết chữ số (ví dụ 80, không viết '80 điểm')", "must be a number, not {value}: write only the digits (e.g. 80, not '80 điểm')"),
    "pk.not_finite": ("phải là một số thông thường, không phải {value} (YAML đọc .nan và .inf là 'không phải số' và vô cực)",
                      "must be an ordinary number, not {value} (YAML reads .nan and .inf as 'not a number' and infinity)"),
    "pk.literal": ("phải là {vi_expected}, không phải {value}", "must be {en_expected}, not {value}"),
    "pk.unknown_kind": ("không có kiểu (kind) {tag}{hint}: các kiểu là {tags}", "unknown kind {tag}{hint}: the kinds are {tags}"),
    "pk.boolean_key": ("'{name}': một khoá là {value}, không phải một năm: YAML đọc các từ yes/no/on/off là giá trị đúng/sai; viết năm bằng chữ số, ví dụ 2025",
                       "'{name}': a key is {value}, not a year: YAML reads the words yes/no/on/off as booleans; write the year in digits, e.g. 2025"),
    "pk.boolean_number": ("'{name}' phải là một số, nhưng YAML đọc từ này là {value} (yes/no/on/off là giá trị đúng/sai trong YAML): viết một số, ví dụ 80",
                          "'{name}' must be a number, but YAML read the word as {value} (yes/no/on/off are booleans in YAML): write a number, e.g. 80"),
    "yaml.invalid": ("không phải YAML hợp lệ: {problem}", "not valid YAML: {problem}"),
    "yaml.parser": ("{vi}", "{en}"),
    "yaml.tab": (" — YAML không cho phép thụt lề bằng ký tự tab: hãy dùng dấu cách", " — YAML does not allow tab characters for indentation: use spaces"),
    "yaml.nbsp": ("có dấu cách không ngắt ({char}, chép từ Word){at}: trông như dấu cách nhưng YAML không coi nó là dấu cách — "
                  "hãy xoá nó và gõ một dấu cách thường",
                  "there is a non-breaking space ({char}, pasted from Word){at}: it looks like a space but YAML does not take "
                  "it as one — delete it and type an ordinary space"),
    "yaml.zero_width": ("có một ký tự vô hình ({char}, chép từ Word hay trang web){at}: không nhìn thấy nhưng YAML đọc nó như "
                        "một chữ — hãy xoá nó (xoá cả chữ bên cạnh rồi gõ lại)",
                        "there is an invisible character ({char}, pasted from Word or a web page){at}: it cannot be seen but "
                        "YAML reads it as a letter — delete it (delete the letter next to it too, and type it again)"),
    "yaml.line_sep": ("có ký tự ngắt dòng lạ ({char}, chép từ Word hay trang web){at}: YAML coi nó là xuống dòng, trình soạn "
                      "thảo thì không — hãy xoá nó (xuống dòng bằng phím Enter nếu cần)",
                      "there is an unusual line separator ({char}, pasted from Word or a web page){at}: YAML takes it as a "
                      "new line, editors do not — delete it (press Enter for a new line if one is needed)"),
    "yaml.at_column": (" ở cột {column}", " at column {column}"),
    "yaml.empty": ("tệp trống: một bộ tiêu chí cần ít nhất 'id', 'version' và 'indicators'", "the file is empty: a criteria pack needs at least 'id', 'version' and 'indicators'"),
    "yaml.empty_goals": ("tệp trống: một gói mục tiêu cần ít nhất 'format', 'id', 'inputs' và 'targets'", "the file is empty: a goal pack needs at least 'format', 'id', 'inputs' and 'targets'"),
    "yaml.dup_key": ("khoá '{key}' xuất hiện hai lần (dòng {first} và {line}): giữ một", "key '{key}' appears twice (lines {first} and {line}): keep one"),
    "yaml.dup_key_line": ("khoá '{key}' xuất hiện hai lần trên dòng {line}: giữ một", "key '{key}' appears twice on line {line}: keep one"),
    "yaml.not_utf8": ("không phải văn bản UTF-8 (byte {byte} ở vị trí {offset}): hãy lưu tệp dạng UTF-8", "not UTF-8 text (byte {byte} at offset {offset}): save the file as UTF-8"),
    "yaml.not_utf8_at": ("có byte {byte} không phải UTF-8 (tệp lưu dạng ANSI, Windows-1258 hoặc TCVN3?): hãy lưu lại dạng UTF-8 — Notepad: Lưu thành…, Mã hoá: UTF-8; Notepad++: Mã hoá > Chuyển sang UTF-8",
                         "the byte {byte} is not UTF-8 (the file was saved as ANSI, Windows-1258 or TCVN3?): save it again as UTF-8 — Notepad: Save As…, Encoding: UTF-8; Notepad++: Encoding > Convert to UTF-8"),
    "yaml.utf16_no_bom": ("tệp có byte NUL giữa các chữ: có lẽ lưu dạng UTF-16 không có dấu BOM; hãy lưu lại dạng UTF-8 — Notepad: Lưu thành…, Mã hoá: UTF-8; Notepad++: Mã hoá > Chuyển sang UTF-8",
                          "the file has NUL bytes between its letters: probably UTF-16 without its byte order mark; save it again as UTF-8 — Notepad: Save As…, Encoding: UTF-8; Notepad++: Encoding > Convert to UTF-8"),
    "yaml.curly_quotes": ("{value} được viết trong dấu ngoặc cong (chép từ Word?): YAML chỉ hiểu dấu ngoặc thẳng \" và ', nên dấu ngoặc cong sẽ nằm trong giá trị — hãy viết {fixed}",
                          "{value} is written between curly quotes (copied from Word?): YAML only knows the straight quotes \" and ', so the curly ones would be part of the value — write {fixed}"),
    "yaml.decimal_comma": ("{number}: trong {{ }} dấu phẩy ngăn cách các khoá, nên {number} bị đọc thành hai thứ — viết số thập phân bằng dấu chấm: {fixed}",
                           "{number}: inside {{ }} a comma separates keys, so {number} is read as two things — write decimals with a point: {fixed}"),
    "ext.not_ref": ("phải là mã của một bộ tiêu chí hoặc đường dẫn tệp .yaml", "must be the id of a pack or the path of a .yaml file"),
    "ext.no_file": ("không có tệp '{ref}' cạnh bộ tiêu chí này (đã tìm {path})", "no file '{ref}' next to this pack (looked for {path})"),
    "ext.no_pack": ("không có bộ tiêu chí '{ref}'{hint}: ghi mã một bộ tiêu chí (tệp <mã>.yaml cạnh tệp này hoặc một bộ có sẵn) hoặc một đường dẫn tương đối",
                    "no criteria pack '{ref}'{hint}: give a pack id (the file <id>.yaml beside this one or a shipped pack) or a relative path"),
    "ext.own_key": ("bộ tiêu chí mở rộng '{parent}' cần '{key}' riêng", "a pack that extends '{parent}' needs its own '{key}'"),
    "ext.own_key_typo": ("bộ tiêu chí mở rộng '{parent}' cần '{key}' riêng: khoá '{typo}' ở đây có phải là '{key}'? Hãy viết đúng '{key}' (chữ thường, không dấu)",
                         "a pack that extends '{parent}' needs its own '{key}': is the key '{typo}' here meant to be '{key}'? Write '{key}' exactly (lower case, no accents)"),
    "ext.with_version": ("'{ref}': 'extends' ghi mã bộ tiêu chí, không kèm phiên bản — hãy viết extends: {id} (luôn dùng bộ '{id}' hiện có; kết quả ghi rõ phiên bản của nó)",
                         "'{ref}': 'extends' names a pack by its id, without a version — write extends: {id} (the pack '{id}' in use is always taken; results name its version)"),
    "ext.shipped_by_id": ("không có tệp '{ref}' cạnh bộ tiêu chí này (đã tìm {path}); '{id}' là một bộ có sẵn: để mở rộng nó, viết mã của nó: extends: {id}",
                          "no file '{ref}' next to this pack (looked for {path}); '{id}' is a shipped pack: to extend it, write its id: extends: {id}"),
    "ext.different_id": ("bộ tiêu chí mở rộng '{parent}' cần một mã (id) khác", "a pack that extends '{parent}' needs a different id"),
    "ext.twice": ("{key} '{value}' được ghi hai lần trong danh sách này: hãy gộp hai mục làm một", "{key} '{value}' is written twice in this list: merge the two items"),
    "ext.loop": ("các bộ tiêu chí mở rộng lẫn nhau thành vòng ({names}): một bộ phải đứng riêng", "packs extend each other in a loop ({names}): one must stand alone"),
    "ext.holds": ("tệp {path} chứa bộ tiêu chí '{id}', không phải '{ref}'", "the file {path} holds pack '{id}', not '{ref}'"),
    "cat.overlap": ("các bộ tiêu chí {names} của mô hình '{model}' cùng có hiệu lực vào ngày {on}: hãy sửa thời hạn để chúng không chồng lên nhau",
                    "packs {names} of model '{model}' are both in force on {on}: make their periods not overlap"),
    "cat.by_record": ("--as-of {by} chọn giữa các bộ tiêu chí của một mô hình, mà '{name}' không phải mô hình: dùng một trong {models}",
                      "--as-of {by} chooses among the packs of a model, and '{name}' is not a model: use one of {models}"),
    "cat.pack_of_model": ("{id} (mô hình {model})", "{id} (model {model})"),
    # lint (authoring/lint.py): what a valid pack may still get wrong
    "lint.shipped_version": ("'{id}' phiên bản {version} là bộ tiêu chí có sẵn, nhưng nội dung tệp này khác nó: kết quả sẽ mang tên bộ có sẵn cho những quy tắc nó không có — hãy nâng 'version' hoặc đặt mã (id) riêng cho bộ của địa phương",
                             "'{id}' version {version} is a shipped pack, but this file's text differs from it: results would name the shipped pack for rules it does not have — raise 'version' or give the local pack its own id"),
    "lint.error": ("lỗi", "error"),
    "lint.warning": ("cảnh báo", "warning"),
    "lint.no_max_total": ("điểm tối đa các chỉ số cộng lại là {total}: hãy ghi 'max_total: {total}' (tổng điểm văn bản quy định) để phát hiện khi một điểm tối đa bị sửa nhầm",
                          "the maxima add up to {total}: write 'max_total: {total}' (the total the text states), so that a maximum changed by mistake is caught"),
    "lint.levels_max_total": ("bộ tiêu chí này không cho điểm (kết quả xếp theo mức): hãy xoá max_total", "this pack gives no points (its outcome is levels): remove max_total"),
    "lint.max_total": ("điểm tối đa các chỉ số cộng lại là {total} ({parts}), không phải max_total {declared} đã khai báo: sửa điểm tối đa của một chỉ số hoặc max_total",
                       "the indicators' maxima add up to {total} ({parts}), not the declared max_total {declared}: fix an indicator's maximum or max_total"),
    "lint.band_above_max": ("mức '{band}' cần {min} điểm, nhưng điểm tối đa cộng lại chỉ là {top}: không hồ sơ nào đạt được",
                            "band '{band}' needs {min:point|points}, but the maxima add up to {top}: no record can reach it"),
    "lint.band_overlap": ("mức '{band}' trùng với mức '{above}' phía trên: mọi hồ sơ đạt '{band}' cũng đạt '{above}', mức được xét trước, nên '{band}' không bao giờ là kết quả — hãy cho mức tốt hơn min_total cao hơn",
                          "band '{band}' overlaps band '{above}' above it: every record that meets '{band}' also meets '{above}', which is tried first, so '{band}' is never the outcome — give the better band a higher min_total"),
    "lint.band_takes_all": ("mọi hồ sơ có ít nhất {floor} điểm, nên mức '{band}' nhận mọi hồ sơ và các mức bên dưới không bao giờ được xét đến",
                            "every record has at least {floor:point|points}, so band '{band}' takes every record and the bands below it are never reached"),
    "lint.level_never": ("mức '{level}' không bao giờ là kết quả: mọi chỉ số của '{better}', ghi trước nó, cũng được tính cho '{level}', nên hồ sơ đạt '{level}' sẽ đạt '{better}' trước — hãy xếp mức tốt nhất lên đầu, mức tốt nhất có nhiều chỉ số nhất",
                         "level '{level}' is never the outcome: every indicator of '{better}', listed before it, also counts for '{level}', so a record that reaches '{level}' reaches '{better}' first — list levels best first, the best one with the most indicators"),
    "lint.input_unread": ("không quy tắc nào và không applies_to nào đọc giá trị đầu vào '{name}': hãy xoá nó, viết chỉ số đọc nó, hoặc ghi 'read_by_rules: false' nếu nó chỉ được kiểm tra và lưu lại",
                          "input '{name}' is read by no rule and no applies_to: remove it, write the indicator that reads it, or say 'read_by_rules: false' if it is only checked and kept"),
    "lint.menu_clash": ("'{n}' là một tên khác của lựa chọn '{choice}' của '{name}', nhưng 'hoctap check' đánh số lựa chọn từ 1, "
                        "và lựa chọn số {n} là '{shown}': người gõ {n} khi tự kiểm tra được '{shown}', còn {n} trong tệp là "
                        "'{choice}' — hãy xếp '{choice}' ở vị trí {n}, bỏ tên '{n}', hoặc cho mỗi lựa chọn đúng một số riêng (danh sách "
                        "khi đó đánh số theo các số ấy)",
                        "'{n}' is another name for choice '{choice}' of '{name}', but 'hoctap check' numbers the choices from 1 "
                        "and choice {n} is '{shown}': typing {n} in the self-check gives '{shown}', while {n} in a file means "
                        "'{choice}' — list '{choice}' at position {n}, drop the name '{n}', or give every choice exactly one number of its "
                        "own (the list is then numbered by those numbers)"),
    "lint.input_read": ("giá trị đầu vào '{name}' ghi 'read_by_rules: false', nhưng có quy tắc đọc nó: hãy xoá read_by_rules",
                        "input '{name}' says 'read_by_rules: false', but a rule reads it: remove read_by_rules"),
    "lint.applies_all": ("applies_to liệt kê mọi lựa chọn của '{name}', nên chỉ số '{id}' luôn được áp dụng: hãy xoá applies_to",
                         "applies_to lists every choice of '{name}', so indicator '{id}' always applies: remove applies_to"),
    "lint.levels_points": ("bộ tiêu chí xếp theo mức không cộng điểm: 'points' của '{id}' không bao giờ được dùng", "a levels pack adds no points: 'points' of '{id}' is never used"),
    "lint.never_met": ("'{id}' không bao giờ đạt: cần ít nhất {value}, nhưng giá trị đầu vào '{name}' tối đa chỉ là {high}",
                       "'{id}' can never be met: it needs at least {value}, but input '{name}' allows at most {high}"),
    "lint.never_met_strict": ("'{id}' không bao giờ đạt: cần hơn {value}, nhưng giá trị đầu vào '{name}' tối đa chỉ là {high}",
                              "'{id}' can never be met: it needs more than {value}, but input '{name}' allows at most {high}"),
    "lint.always_met": ("'{id}' luôn đạt: giá trị đầu vào '{name}' ít nhất là {low}", "'{id}' is always met: input '{name}' is at least {low}"),
    "lint.always_pass_at": ("'{id}' luôn đạt: pass_at {pass_at} không cao hơn mức tối thiểu {low}", "'{id}' is always met: pass_at {pass_at} is at or below the minimum {low}"),
    "lint.always_title": ("'{id}' luôn đạt: '{title}' là lựa chọn thấp nhất của '{name}'", "'{id}' is always met: '{title}' is the lowest choice of '{name}'"),
    "lint.row_never": ("dòng {row} của '{id}' không bao giờ được áp dụng: cần {at_least}, nhưng giá trị đầu vào '{name}' tối đa chỉ là {high}",
                       "row {row} of '{id}' can never apply: it needs {at_least}, but input '{name}' allows at most {high}"),
    "lint.row_shadowed": ("dòng {row} của '{id}' không bao giờ được áp dụng: giá trị đầu vào '{name}' ít nhất là {low}, đã đạt dòng {above}",
                          "row {row} of '{id}' can never apply: input '{name}' is at least {low}, which already reaches row {above}"),
    "lint.no_en_hint": ("lời gợi ý (hint) chỉ có tiếng Việt, trong khi các chữ khác của bộ tiêu chí này có tiếng Anh: hãy thêm en: …",
                        "the hint has no English ('en'), while other texts of this pack have it: add en: …"),
    "lint.no_en_evidence": ("phần minh chứng (evidence) chỉ có tiếng Việt, trong khi các chữ khác của bộ tiêu chí này có tiếng Anh: "
                            "hãy thêm en: …", "the evidence text has no English ('en'), while other texts of this pack have it: add en: …"),
    "lint.fraction": ("ngưỡng {value} so với '{name}', một tỷ lệ tính bằng % (0–100): {value} nghĩa là {value} %, không phải "
                      "{pct} % — nếu muốn {pct} %, hãy viết {typed}",
                      "the threshold {value} is compared with '{name}', a share in % (0–100): {value} means {value} %, not "
                      "{pct} % — if {pct} % is meant, write {typed}"),
    "lint.no_en": ("thiếu nhãn tiếng Anh ('en'), trong khi các nhãn khác của bộ tiêu chí này có: hãy thêm en: …",
                   "no English label ('en'), while other labels of this pack have one: add en: …"),
    "lint.unit_no_en": ("đơn vị '{unit}' chỉ có tiếng Việt, nên bản tiếng Anh cũng ghi '{unit}': hãy viết "
                        "unit: {{vi: {unit}, en: …}}",
                        "unit '{unit}' is Vietnamese only, so English output shows '{unit}' too: write "
                        "unit: {{vi: {unit}, en: …}}"),
    # test cases of a pack (authoring/casetest.py)
    "case.outcome_or_rejected": ("ghi 'outcome' (mã mức xếp loại) hoặc 'rejected' (nội dung lý do bị loại), chỉ một trong hai",
                                 "give either 'outcome' (the band or level code) or 'rejected' (text of the rejection)"),
    "case.rejected_extra": ("hồ sơ bị loại không có 'total' hay 'indicators': hãy xoá chúng", "a rejected record has no 'total' or 'indicators': remove them"),
    "case.record_or_records": ("ghi 'record' (một hồ sơ) hoặc 'records' (danh sách hồ sơ), chỉ một trong hai", "give 'record' (one record) or 'records' (a list of records), not both or neither"),
    "case.expect_required": ("bắt buộc có 'expect': ghi kết quả bộ tiêu chí phải cho", "'expect' is required: say what the pack must give"),
    "case.empty": ("tệp tình huống trống: ghi 'pack: {pack}' và một danh sách 'cases'", "the case file is empty: write 'pack: {pack}' and a list of 'cases'"),
    "case.not_mapping": ("tệp tình huống phải là một bảng YAML có 'pack' và 'cases'", "a case file is a YAML mapping with 'pack' and 'cases'"),
    "case.other_pack": ("tệp này kiểm tra bộ tiêu chí '{tests}', không phải '{pack}': sửa 'pack' hoặc dùng tệp tình huống của bộ này",
                        "this file tests pack '{tests}', not '{pack}': fix 'pack' or give the case file of this pack"),
    "case.no_name": ("mỗi tình huống cần một 'name': một câu nói tình huống cho thấy điều gì", "every case needs a 'name': a sentence saying what it shows"),
    "case.name_twice": ("tên tình huống '{name}' được dùng hai lần (lần đầu ở dòng {first}): mỗi tình huống cần một tên riêng",
                        "case name '{name}' is used twice (first at line {first}): give each case its own name"),
    "case.not_outcome": ("'{outcome}' không phải một kết quả của bộ tiêu chí '{pack}' ({codes}){hint}", "'{outcome}' is not an outcome of pack '{pack}' ({codes}){hint}"),
    "case.no_points": ("bộ tiêu chí '{pack}' không cho điểm (kết quả xếp theo mức): hãy xoá 'total'", "pack '{pack}' gives no points (it has levels): remove 'total'"),
    "case.not_indicator": ("'{id}' không phải một chỉ số của bộ tiêu chí '{pack}'{hint}", "'{id}' is not an indicator of pack '{pack}'{hint}"),
    "case.record_n": ("hồ sơ {n}: ", "record {n}: "),
    "case.rejected_detail": ("bị loại: {rejection}", "rejected: {rejection}"),
    "case.not_in_force_until": ("bộ tiêu chí không áp dụng vào ngày {on}: chỉ áp dụng từ {start} đến {end}", "the pack does not apply on {on}: it applies from {start} to {end}"),
    "case.not_in_force": ("bộ tiêu chí không áp dụng vào ngày {on}: chỉ áp dụng từ {start}", "the pack does not apply on {on}: it applies from {start} on"),
    "case.want_rejected": ("cần hồ sơ bị loại (\"{want}\"), nhưng kết quả là '{outcome}'", "expected the record to be rejected (\"{want}\"), got outcome '{outcome}'"),
    "case.want_rejection_text": ("cần lý do bị loại có chứa \"{want}\", nhưng nhận được: {got}", "expected a rejection containing \"{want}\", got: {got}"),
    "case.want_outcome_rejected": ("cần kết quả '{want}', nhưng hồ sơ bị loại: {got}", "expected outcome '{want}', but the record was rejected: {got}"),
    "case.want_outcome": ("cần kết quả '{want}', nhưng nhận được '{got}'", "expected outcome '{want}', got '{got}'"),
    "case.want_total": ("cần tổng điểm {want}, nhưng nhận được {got}", "expected total {want}, got {got}"),
    "case.want_status": ("chỉ số {id}: cần tình trạng '{want}', nhưng nhận được '{got}'", "indicator {id}: expected status '{want}', got '{got}'"),
    "case.want_points": ("chỉ số {id}: cần {want} điểm, nhưng nhận được {got}", "indicator {id}: expected {want:point|points}, got {got}"),
    "case.inherited_from": (" (kế thừa từ {file})", " (inherited from {file})"),
    "case.overrides": (" (sửa tình huống của {file})", " (changes the case of {file})"),
    "case.failure": ("{where}: tình huống \"{name}\"{origin}: {failure}", "{where}: case \"{name}\"{origin}: {failure}"),
    "case.unreached": ("{where}: {path}: chưa tình huống nào đi tới {rule}", "{where}: {path}: no case reaches {rule}"),
    "case.coverage": ("{pack}: độ phủ {share} (đi tới {reached} trên {n} kết quả của quy tắc)", "{pack}: coverage {share} ({reached} of {n} rule outcomes reached)"),
    "case.coverage_low": ("{pack}: độ phủ {share} thấp hơn --min-coverage {least}", "{pack}: coverage {share} is below --min-coverage {least}"),
    "case.none": ("{pack}: chưa có tình huống kiểm tra nào (đã tìm {file}): hãy viết, xem criteria/README.md",
                  "{pack}: no test cases (looked for {file}): write some, see criteria/README.md"),
    # files read
    "file.unknown_type": ("loại tệp '{suffix}' không đọc được: dùng .csv, .json, .jsonl hoặc .xlsx", "unknown file type '{suffix}': use .csv, .json, .jsonl or .xlsx"),
    "file.xls": ("định dạng Excel cũ (.xls) không đọc được: mở tệp trong Excel và lưu thành 'Excel Workbook (.xlsx)' hoặc 'CSV UTF-8'",
                 "the old Excel format (.xls) cannot be read: open the file in Excel and save it as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'"),
    "file.xlsb": ("định dạng Excel nhị phân (.xlsb) không đọc được: mở tệp trong Excel và lưu thành 'Excel Workbook (.xlsx)' hoặc 'CSV UTF-8'",
                  "the binary Excel format (.xlsb) cannot be read: open the file in Excel and save it as 'Excel Workbook (.xlsx)' or 'CSV UTF-8'"),
    "file.ods": ("định dạng OpenDocument (.ods) không đọc được: mở tệp trong LibreOffice Calc, chọn Tệp > Lưu thành, kiểu 'Excel 2007-365 (.xlsx)'",
                 "the OpenDocument format (.ods) cannot be read: open the file in LibreOffice Calc, choose File > Save As, type 'Excel 2007-365 (.xlsx)'"),
    "file.txt": ("tệp văn bản '{suffix}' không đọc được (Excel lưu 'Văn bản Unicode' thành .txt): mở tệp trong Excel và lưu thành 'CSV UTF-8 (Comma delimited)' hoặc 'Excel Workbook (.xlsx)'",
                 "a '{suffix}' text file cannot be read (Excel saves 'Unicode Text' as .txt): open the file in Excel and save it as 'CSV UTF-8 (Comma delimited)' or 'Excel Workbook (.xlsx)'"),
    "file.cannot_read": ("không đọc được tệp: {reason}", "cannot read the file: {reason}"),
    "file.no_such": ("không có tệp này", "No such file or directory"),
    # why the system refused a file (errors.os_reason): strerror is English on every system
    "os.denied": ("không có quyền: tệp hoặc thư mục chỉ đọc, hoặc tệp đang mở trong chương trình khác (Excel?): đóng tệp, hoặc chọn thư mục khác",
                  "permission denied: the file or folder is read-only, or the file is open in another program (Excel?): close it, or choose another folder"),
    "os.read_only_disk": ("ổ đĩa chỉ đọc (USB khoá ghi, ổ mạng, đĩa CD): chọn thư mục trên ổ đĩa khác",
                          "the disk is read-only (a locked USB stick, a network share, a CD): choose a folder on another disk"),
    "os.name_too_long": ("tên tệp hoặc đường dẫn quá dài: đặt tên tệp ngắn hơn, hoặc chuyển vào thư mục gần gốc ổ đĩa hơn (ví dụ D:\\HoSo)",
                         "the file name or path is too long: give the file a shorter name, or move it to a folder nearer the top of the disk (e.g. D:\\Records)"),
    "os.disk_full": ("ổ đĩa đầy: xoá bớt tệp hoặc chọn ổ đĩa khác", "the disk is full: free some space or choose another disk"),
    "os.is_folder": ("đây là một thư mục, không phải một tệp", "this is a folder, not a file"),
    "file.empty": ("tệp trống: cần một dòng tiêu đề và ít nhất một hồ sơ", "the file is empty: expected a header row and at least one record"),
    "file.empty_header": ("tệp trống: cần một dòng tiêu đề", "the file is empty: expected a header row"),
    "file.not_utf8": ("có byte không phải UTF-8 (0x{byte}): hãy lưu tệp dạng 'CSV UTF-8' (Excel) hoặc văn bản UTF-8",
                      "contains bytes that are not UTF-8 (0x{byte}): save the file as 'CSV UTF-8' (Excel) or UTF-8 text"),
    "file.other_code_page": ("tệp không phải UTF-8 mà theo một bảng mã cũ (ANSI, Windows-1258 hoặc TCVN3; Excel lưu 'CSV (Comma delimited)' như vậy): dòng {line} có byte 0x{byte}, và mọi dòng có dấu tiếng Việt đều thế. Chưa hồ sơ nào được chấm: mở tệp trong Excel, chọn Tệp > Lưu thành > 'CSV UTF-8 (Comma delimited)', rồi chạy lại với tệp mới",
                             "the file is not UTF-8 but in an older code page (ANSI, Windows-1258 or TCVN3; Excel's 'CSV (Comma delimited)' saves so): line {line} has the byte 0x{byte}, as has every line with Vietnamese letters. No record was scored: open the file in Excel, choose File > Save As > 'CSV UTF-8 (Comma delimited)', and run again with the new file"),
    "file.header_bad": ("dòng tiêu đề {problem}", "the header row {problem}"),
    "file.whole_bad": ("tệp {problem}", "the file {problem}"),
    "row.bad": ("dòng này {problem}", "the row {problem}"),
    "line.bad": ("dòng này {problem}", "the line {problem}"),
    "csv.unclosed": ("dòng {start}: một dấu ngoặc kép mở ở dòng này không bao giờ đóng, nên các dòng {start}–{end} bị đọc thành một: hãy đóng hoặc xoá dấu ngoặc kép rồi chạy lại",
                     "line {start}: a quote opened in this row is never closed, so lines {start}–{end} were read as one row: close or remove the quote and run again"),
    "csv.width": ("dòng có {values} giá trị nhưng tiêu đề có {columns} cột (thiếu hoặc thừa dấu phân cách, hay một dấu ngoặc kép chưa đóng?)",
                  "the row has {values:value|values} but the header has {columns:column|columns} (a missing or extra separator, or an unclosed quote?)"),
    "csv.unreadable": ("dòng {line}: không đọc được như CSV ({reason}): dấu ngoặc kép chưa đóng, hay một tệp nhị phân lưu thành .csv?",
                       "line {line}: not readable as CSV ({reason}): an unclosed quote, or a binary file saved as .csv?"),
    "csv.twice": ("cột '{name}' xuất hiện hai lần trong dòng tiêu đề: đổi tên hoặc xoá một cột", "column '{name}' appears twice in the header row: rename or remove one"),
    "json.invalid": ("không phải JSON hợp lệ ở dòng {line}, cột {column}: {reason}", "not valid JSON at line {line}, column {column}: {reason}"),
    "json.not_array": ("cần một mảng JSON các hồ sơ, ví dụ [{{\"id\": \"CD-001\", ...}}]", "expected a JSON array of record objects, e.g. [{{\"id\": \"CD-001\", ...}}]"),
    "json.item_not_object": ("hồ sơ {i} là một {kind} JSON, không phải một đối tượng", "record {i} is a JSON {kind}, not an object"),
    "json.what_not_object": ("{what} là một {kind} JSON, không phải một đối tượng", "{what} is a JSON {kind}, not an object"),
    "json.record_n": ("hồ sơ {i}", "record {i}"), "json.the_line": ("dòng này", "the line"),
    "jsonl.invalid": ("không phải JSON hợp lệ (cột {column}): {reason}", "not valid JSON (column {column}): {reason}"),
    "jsonl.not_object": ("dòng này là một {kind} JSON, không phải một đối tượng", "the line is a JSON {kind}, not an object"),
    "xlsx.no_sheet": ("sổ tính không có trang tính nào", "the workbook has no worksheet"),
    "xlsx.unknown_sheet": ("không có trang '{name}'{hint}: các trang là {sheets}", "no sheet '{name}'{hint}: the sheets are {sheets}"),
    "xlsx.hidden": (" (ẩn)", " (hidden)"),
    "xlsx.sheet_name": ("'{name}'{hidden}", "'{name}'{hidden}"),
    "list": ("{items}", "{items}"),
    "xlsx.unreadable": ("không phải sổ Excel đọc được: hãy lưu lại từ Excel dạng 'Excel Workbook (.xlsx)', không đặt mật khẩu",
                        "not an Excel workbook that can be read ({reason}): save it from Excel as 'Excel Workbook (.xlsx)', without a password"),
    # a workbook damaged inside (a part cut short, broken XML): the library's reason (zlib's, expat's English)
    # is shown with --lang en only, as for xlsx.unreadable; the fix is Excel's own repair on opening
    "xlsx.sheet_damaged": ("trang tính '{sheet}' bị hỏng bên trong tệp (tệp .xlsx bị cắt cụt hoặc sao chép lỗi): mở tệp trong "
                           "Excel (Excel tự sửa khi mở) và lưu lại, rồi tải lên hoặc chạy lại; nếu Excel không mở được, hãy lấy "
                           "lại bản gốc của tệp",
                           "sheet '{sheet}' is damaged inside the file (the .xlsx was cut short or copied with errors; {reason}): "
                           "open it in Excel (Excel repairs it on opening), save it, and upload or run again; if Excel cannot "
                           "open it, get the original file again"),
    "xlsx.sheet_xml": ("trang tính '{sheet}': phần XML của trang bị hỏng ở dòng {line}, cột {column} của phần đó: mở tệp trong "
                       "Excel (hoặc LibreOffice) và lưu lại, hoặc lưu dạng 'CSV UTF-8'",
                       "sheet '{sheet}': the sheet's XML is damaged at line {line}, column {column} of that part ({reason}): "
                       "open the file in Excel (or LibreOffice) and save it again, or save it as 'CSV UTF-8'"),
    "xlsx.sheet_entity": ("trang tính '{sheet}': phần XML của trang khai báo thực thể (DOCTYPE/ENTITY), điều Excel không bao giờ "
                          "ghi: mở tệp trong Excel (hoặc LibreOffice) và lưu lại, hoặc lưu dạng 'CSV UTF-8'",
                          "sheet '{sheet}': the sheet's XML declares entities (DOCTYPE/ENTITY), which Excel never writes: "
                          "open the file in Excel (or LibreOffice) and save it again, or save it as 'CSV UTF-8'"),
    "xlsx.bad_row": ("dòng này của trang tính có ô không đọc được (ô hỏng bên trong tệp): mở tệp trong Excel và lưu lại",
                     "this row of the sheet has a cell that cannot be read (damaged inside the file; {reason}): open the "
                     "file in Excel and save it again"),
    "xlsx.above_header": ("trang tính '{sheet}' dòng {row}, phía trên dòng tiêu đề: {problem}",
                          "sheet '{sheet}' row {row}, above the header: {problem}"),
    "xlsx.no_table": ("không trang tính nào có dòng tiêu đề ghi cột mã và các cột của bộ tiêu chí: kiểm tra tên cột, hoặc "
                      "dùng tệp mẫu của bộ tiêu chí",
                      "no sheet has a header row naming the id column and the criteria pack's columns: check the column "
                      "names, or use the criteria pack's template"),
    "xlsx.bomb": ("phần '{part}' của sổ tính nở ra {big} MiB từ {small} MiB (gấp {ratio} lần): đây là một 'bom nén', không "
                  "phải một sổ tính Excel thật; mở tệp trong Excel và lưu lại, hoặc lưu dạng 'CSV UTF-8'",
                  "the workbook's part '{part}' inflates to {big} MiB from {small} MiB ({ratio} times): a 'zip bomb', not "
                  "a real Excel workbook; open the file in Excel and save it again, or save it as 'CSV UTF-8'"),
    "xlsx.lock_skipped": ("bỏ qua '{lock}': tệp khoá Excel tạo ra khi sổ '{real}' đang mở; sổ '{real}' vẫn được đọc như đã lưu "
                          "(thay đổi chưa lưu trong Excel không có trong kết quả: lưu sổ rồi chấm lại)",
                          "skipped '{lock}': the lock file Excel makes while workbook '{real}' is open; '{real}' is read as saved "
                          "(changes not saved in Excel are not in the results: save it and score again)"),
    "xlsx.lock_file": ("đây là tệp khoá mà Excel tạo ra khi sổ '{real}' đang mở, không phải sổ dữ liệu: đóng Excel rồi chọn tệp thật '{real}'",
                       "this is the lock file Excel makes while the workbook '{real}' is open, not a workbook: close Excel and give the real file '{real}'"),
    "xlsx.encrypted": ("sổ tính được đặt mật khẩu (mã hoá), hoặc là tệp Excel cũ (.xls) đổi tên thành .xlsx: mở trong Excel, bỏ mật khẩu "
                       "(Tệp > Thông tin > Bảo vệ sổ làm việc > Mã hoá bằng mật khẩu: xoá trống) rồi lưu dạng 'Excel Workbook (.xlsx)'",
                       "the workbook is password-protected (encrypted), or an old Excel file (.xls) renamed .xlsx: open it in Excel, remove the "
                       "password (File > Info > Protect Workbook > Encrypt with Password: clear it) and save as 'Excel Workbook (.xlsx)'"),
    "xlsx.sheet_empty": ("trang '{sheet}' trống: cần một dòng tiêu đề và ít nhất một hồ sơ", "sheet '{sheet}' is empty: expected a header row and at least one record"),
    "xlsx.no_header": ("trang '{sheet}': không thấy dòng tiêu đề trong {rows} dòng đầu — cần một dòng ghi cột mã và các cột của bộ tiêu chí ({seen}); {check}",
                       "sheet '{sheet}': no header row in its first {rows:row|rows} — expected a row naming the id column and the criteria pack's columns ({seen}); {check}"),
    "xlsx.no_table_first": ("trang đầu tiên '{sheet}' (trang được đọc khi không chọn trang) không có bảng hồ sơ; "
                            "trang tính {names} có bảng: {fix}",
                            "the first sheet '{sheet}' (read when no sheet is chosen) holds no records table; "
                            "{n:|sheet|sheets} {names} {n:|has|have} one: {fix}"),
    "xlsx.first_filled": ("dòng đầu có chữ là {cells}", "the first filled row reads {cells}"),
    "xlsx.check_sheet": ("hãy kiểm tra trang (--sheet) và tên cột", "check the sheet (--sheet) and the column names"),
    "xlsx.twice": ("trang '{sheet}' dòng {row}: hai cột {a} và {b} cùng tiêu đề '{name}': đổi tên hoặc xoá một cột",
                   "sheet '{sheet}' row {row}: columns {a} and {b} are both headed '{name}': rename or remove one"),
    "xlsx.formula": ("ô {cell} ('{name}') là công thức chưa được tính và lưu: mở tệp trong Excel (hoặc LibreOffice), để tính xong, lưu lại rồi chạy lại",
                     "cell {cell} ('{name}') is a formula whose result was never saved: open the file in Excel (or LibreOffice), let it calculate, save it, and run again"),
    "no_known_column": ("không cột nào của tệp được bộ tiêu chí '{pack}' đọc (bộ này đọc {reads}; {has}): {hint}",
                        "none of its columns is read by criteria pack '{pack}' (it reads {reads}; {has}): {hint}"),
    "no_known_column_has": ("tệp có {cells}", "the file has {cells}"),
    "no_known_column_hint": ("kiểm tra dòng tiêu đề, hoặc tạo tệp mẫu bằng 'hoctap template -c {pack}'", "check the header row, or write a template with 'hoctap template -c {pack}'"),
    "given_twice": ("{path} được ghi hai lần: mỗi tệp hồ sơ chỉ ghi một lần", "{path} is given twice: name each records file once"),
    "same_content": ("{first} và {second} có cùng nội dung (giống hệt từng byte): mỗi hồ sơ sẽ được tính và liệt kê hai "
                     "lần; chỉ ghi một trong hai tệp",
                     "{first} and {second} have the same content (byte for byte): every record would be counted and "
                     "listed twice; give only one of them"),
    "no_column": ("không có cột '{name}' trong hồ sơ{hint}: các cột là {columns}", "no column '{name}' in the records{hint}: the columns are {columns}"),
    # header diagnosis, once per file and sheet (records/headers.py)
    "column.unread": ("; tệp có cột không nhận ra: {headers}", "; the file's headers not recognised: {headers}"),
    "column.unread_record": ("; {what}", "; {what}"),
    # a supposed header row that holds a record's values (a file without its header row): they are
    # a person's data (names, birth dates, phone and ID card numbers), never repeated in a message
    "header.record_like": ("dòng tiêu đề của tệp trông như một hồ sơ, có số hoặc ngày, nên giá trị của nó không được nhắc lại ở đây: "
                           "tệp có thiếu dòng tiêu đề không? thêm một dòng ghi tên các cột lên trên cùng",
                           "the file's header row looks like a record, with numbers or dates, so its values are not repeated here: "
                           "is the header row missing? add a row naming the columns at the top"),
    "header.record_like_row": ("dòng {row}, dòng đầu có chữ, trông như một hồ sơ, có số hoặc ngày, nên giá trị của nó không được nhắc lại ở đây; "
                               "trang có thiếu dòng tiêu đề không?",
                               "row {row}, the first filled row, looks like a record, with numbers or dates, so its values are not "
                               "repeated here; is the sheet's header row missing?"),
    "column.close": ("; cột '{header}' có phải là '{name}'? đổi tiêu đề thành '{alias}'",
                     "; is the column '{header}' '{name}'? rename it '{alias}'"),
    "tl.count_line": ("đã đọc {read} dòng: {counted} được tính, {rejected} bị loại",
                      "{read:row|rows} read: {counted} counted, {rejected} rejected"),
    "tl.skipped": (", {n} bỏ qua (tiêu đề nhóm, dòng tổng, chữ ký dưới bảng: không cộng vào bảng): {rows}",
                   ", {n} skipped (group headings, totals, signatures under the table: not added): {rows}"),
    "tl.item_blank": ("cột '{column}' để trống: ghi mã mục của hoạt động, như ở cột TT của bảng tổng hợp (ví dụ {examples})",
                      "column '{column}' is blank: write the activity's item code, as in the No. column of the total table "
                      "(e.g. {examples})"),
    "tl.given_twice": ("{path} được ghi hai lần: mọi số liệu của tệp sẽ bị cộng hai lần; mỗi tệp chỉ ghi một lần",
                       "{path} is given twice: every figure in it would be added twice; name each file once"),
    "tl.same_content": ("{first} và {second} có cùng nội dung (giống hệt từng byte): mọi số liệu sẽ bị cộng hai lần; "
                        "chỉ ghi một trong hai tệp",
                        "{first} and {second} have the same content (byte for byte): every figure would be added twice; "
                        "give only one of them"),
    "tl.item_as_number": ("{n} dòng ghi mã mục {item} ở ô kiểu số ({rows}), được tính vào mục {item}: Excel lưu số {longer} "
                          "thành {item}, nên nếu dòng nào là mục {longer}, hãy ghi mã mục dạng chữ (định dạng ô là Văn bản, "
                          "hoặc gõ 'Mục {longer}') rồi tính lại",
                          "{n:row gives|rows give} item code {item} in a number cell ({rows}), counted under item {item}: "
                          "Excel keeps the number {longer} as {item}, so if any of them is item {longer}, write the code as "
                          "text (format the cell as Text, or type 'Mục {longer}') and count again"),
    "tl.unit_in_files": ("đơn vị '{unit}' có số liệu ở {n} tệp ({files}), đều được cộng: nếu một tệp là bản gửi lại, "
                         "chỉ ghi bản cuối cùng",
                         "unit '{unit}' has figures in {n} files ({files}), all added: if one is a file sent again, "
                         "give only the latest"),
    # a row of the Week's statistics rejected: the column as the file heads it, and what to write there
    "tl.unit_missing": ("cột '{column}': thiếu tên đơn vị báo cáo",
                        "column '{column}': the reporting unit is missing"),
    "tl.unit_repeated": ("cột '{column}': đơn vị '{unit}' đã có ở {first}; gộp số liệu vào một dòng",
                         "column '{column}': unit '{unit}' already has a row at {first}; merge the figures into one row"),
    "tl.item_unknown": ("cột '{column}': mục '{item}' không có trong bảng (các mục: {codes})",
                        "column '{column}': item '{item}' is not in the table (items: {codes})"),
    "tl.item_heading": ("cột '{column}': mục {item} là dòng tiêu đề (tổng), ghi vào mục con: {parts}",
                        "column '{column}': item {item} is a heading (a total); file the row under {parts}"),
    "tl.note_needed": ("cột '{column}': mục {item} cần ghi nội dung hoạt động",
                       "column '{column}': item {item} needs a description of the activity"),
    "tl.not_an_item": ("cột '{column}': mục {item} không phải một mục điền số của bảng",
                       "column '{column}': item {item} is not an item of the table that takes a figure"),
    "tl.no_figures": ("dòng không có số liệu: cần cột 'muc' (một dòng cho mỗi hoạt động) hoặc các cột "
                      "'Mục 1.1', 'Mục 1.1 người'… (một dòng cho mỗi đơn vị)",
                      "the row has no figures: give a 'muc' column (one row per activity) or item columns "
                      "'Mục 1.1', 'Mục 1.1 người'… (one row per unit)"),
    "tl.not_whole": ("cột '{column}': '{value}' không phải {what} (số nguyên, không âm)",
                     "column '{column}': '{value}' is not a {what} (a whole number, not negative)"),
    "tl.heading_figures": ("dòng tiêu đề nhóm '{heading}' có số liệu, nên không được cộng: số liệu ghi ở dòng của "
                           "từng đơn vị; nếu là số cộng của nhóm, xóa đi hoặc ghi ở dòng 'Cộng' dưới nhóm",
                           "group heading '{heading}' has figures, so they are not added: give the figures on each "
                           "unit's row; if they are the group's subtotal, delete them or put them on a 'Cộng' row "
                           "under the group"),
    "tl.heading_or_unit": ("dòng '{heading}' có số liệu mà tên mở đầu như tiêu đề nhóm ('A. Khối …', 'II. …'), nên không "
                           "được cộng: nếu là một đơn vị, ghi tên đầy đủ, không viết tắt ('Phường Tân Phong', 'Xã Phú Lợi'), "
                           "hoặc thêm cột 'TT' đánh số 1, 2, … cho các đơn vị; nếu là tiêu đề nhóm, số liệu ghi ở dòng của "
                           "từng đơn vị, số cộng của nhóm ghi ở dòng 'Cộng' dưới nhóm",
                           "row '{heading}' has figures but its name opens like a group heading ('A. Khối …', 'II. …'), "
                           "so they are not added: if it is a unit, write its name in full, not abbreviated ('Phường Tân "
                           "Phong', 'Xã Phú Lợi'), or add a 'TT' column numbering the units 1, 2, …; if it is a group "
                           "heading, give the figures on each unit's row, and the group's subtotal on a 'Cộng' row under "
                           "the group"),
    "tl.what_quantity": ("số lượng ({unit})", "number ({unit})"),
    "tl.what_people": ("số người", "number of people"),
    "tl.quantity_needed": ("cột '{column}': mục {item} cần ghi số lượng ({unit})",
                           "column '{column}': item {item} needs a number ({unit})"),
    "tl.no_people_column": ("cột '{column}': mục {item} không có cột Người trong mẫu; để trống ô này",
                            "column '{column}': item {item} has no 'Người' column in the form; leave it blank"),
    "tl.not_a_date": ("cột '{column}': '{value}' không phải ngày (dd/mm/yyyy)",
                      "column '{column}': '{value}' is not a date (dd/mm/yyyy)"),
    "tl.outside_week": ("cột '{column}': {day} nằm ngoài Tuần lễ ({first} – {last})",
                        "column '{column}': {day} is outside the Week ({first} – {last})"),
    "tl.total": ("TỔNG HỢP ({n} đơn vị)", "TOTAL ({n:unit|units})"),
    "tl.total_of": ("Tổng hợp {n} đơn vị", "Total of {n:unit|units}"),
    # the table's screen and workbook labels
    "tl.issued_on": ("ngày", "of"),
    "tl.reference": ("{document}{issued} của {issuer} — {article}", "{document}{issued}, {issuer} — {article}"),
    "tl.week_line": ("Tuần lễ: {first} – {last} · Ngày báo cáo: {day} · Hạn báo cáo: {deadline}{late}",
                     "Week: {first} – {last} · Report date: {day} · Deadline: {deadline}{late}"),
    "tl.late_mark": (" (BÁO CÁO SAU HẠN)", " (REPORT IS LATE)"),
    "tl.unit_title": ("ĐƠN VỊ: {unit}", "UNIT: {unit}"),
    "tl.unit_line": ("Đơn vị: {unit}", "Unit: {unit}"),
    "tl.rejected_rows": ("Dòng bị loại:", "Rejected rows:"),
    "tl.sheet_total": ("Tổng hợp", "Total"),
    "tl.sheet_rejected": ("Dòng bị loại", "Rejected rows"),
    "tl.col_where": ("Vị trí", "Where"),
    "tl.col_error": ("Lỗi", "Error"),
    "tl.warning": ("Cảnh báo", "Warning"),
    "tl.no_unit_column": ("không dòng nào có cột tên đơn vị báo cáo 'don_vi': tiêu đề được nhận: {accepted}{cause}",
                          "no row has a column naming the reporting unit 'don_vi': accepted headers: {accepted}{cause}"),
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
                      '{where}: skipped {n:row|rows} above the header row ({n:|row|rows} {rows}: {first})'),
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
    "header.missing": ('không thấy cột {names}, cột mà mọi hồ sơ phải có; dùng đúng tên cột {template}',
                       'no column {names}, which every record needs; use the column names of the template {template}'),
    "header.template": ('(tệp mẫu: hoctap template -c {pack})', '(hoctap template -c {pack})'),
    "header.twice": ('cột {a} và {b} đều được hiểu là {name}: đổi tên hoặc xoá một cột',
                     'columns {a} and {b} are both read as {name}: rename or remove one'),
    "skip.numbered": ("chỉ có số thứ tự", "row number only"),
    "skip.group": ("{mark} {text}", "{mark} {text}"),
    "skip.numbered_line": ("bỏ qua {n} dòng chỉ có số thứ tự, chưa điền gì (không phải hồ sơ): {rows}",
                           "skipped {n:row|rows} holding only a row number (STT), nothing filled in (not records): {rows}"),
    "skip.header": ("dòng tiêu đề cột lặp lại", "header row repeated"),
    "skip.header_line": ("bỏ qua {n} dòng lặp lại dòng tiêu đề cột (không phải hồ sơ; các dòng sau vẫn được đọc theo "
                         "cùng các cột): {rows}",
                         "skipped {n:row|rows} repeating the header row (not records; the rows below are read with "
                         "the same columns): {rows}"),
    "skip.title": ("'{text}'", "'{text}'"),
    "skip.title_line": ("bỏ qua {n} dòng tiêu đề trang ngay trên dòng tiêu đề cột lặp lại (không phải hồ sơ): {rows}",
                        "skipped {n:page title row|page title rows} right above a repeated header row (not records): {rows}"),
    "vf.header_moved": ("{place}: dòng này lặp lại tên các cột của bảng nhưng ở cột khác (một bảng thứ hai sắp cột "
                        "khác?): các dòng sau nó sẽ bị đọc sai cột, nên tệp không được đọc. Sắp các cột như bảng đầu, "
                        "hoặc chuyển bảng thứ hai sang một trang tính riêng (--sheet '*' đọc mọi trang)",
                        "{place}: this row repeats the table's column names, but in other columns (a second table laid "
                        "out differently?): the rows under it would be read into the wrong columns, so the file is not "
                        "read. Order its columns as the first table's, or move the second table to a sheet of its own "
                        "(--sheet '*' reads every sheet)"),
    "place.row": ("dòng {row}", "line {row}"),
    "place.sheet_row": ("trang tính '{sheet}' dòng {row}", "sheet '{sheet}' row {row}"),
    "skip.footer_line": ("bỏ qua {n} dòng cuối bảng (không phải hồ sơ): {rows}",
                         "skipped {n:row|rows} below the table (not records): {rows}"),
    "skip.group_line": ("bỏ qua {n} dòng tiêu đề nhóm (không phải hồ sơ): {rows}",
                        "skipped {n:group heading row|group heading rows} (not records): {rows}"),
    "header.col_letter": ("{col} ('{header}')", "{col} ('{header}')"),
    "header.col_number": ("thứ {col} ('{header}')", "{col} ('{header}')"),
    "header.cause_two_rows": ('; tiêu đề hai dòng? (dòng {row} cũng có chữ ở các cột đó): ghép thành một dòng tiêu đề',
                              '; a two-row header? (row {row} has text in those columns too): join it into one header row'),
    "header.cause_close": ("; cột '{header}' có phải là {name}? đổi tên thành '{name}'",
                           "; is column '{header}' meant as {name}? rename it '{name}'"),
    "header.cause_seen": ('; các cột đang có: {headers}',
                          '; the columns are: {headers}'),
    "template.wrote": ("đã ghi tệp mẫu {path}: {n} cột ({columns}); điền từ dòng {row} của trang '{sheet}', rồi chấm: hoctap score -c {pack} {path}",
                       "wrote the template {path}: {n:column|columns} ({columns}); fill it from row {row} of sheet '{sheet}', then score it: hoctap score -c {pack} {path}"),
    "template.exists": ("tệp này đã có; hoctap không ghi đè tệp có sẵn: chọn tên khác (-o TỆP.xlsx) hoặc tự xoá tệp cũ",
                        "this file exists; hoctap never overwrites a file: choose another name (-o FILE.xlsx) or remove the old file yourself"),
    # records
    "rec.not_number": ("{shown} phải là một số{range}, không phải '{value}'", "'{name}' must be a number{range}, not '{value}'"),
    "rec.thousands": ("{shown} là '{value}': dấu chấm làm số này có thể là {whole} (dấu chấm ngăn cách hàng nghìn) hoặc {decimal} "
                      "(dấu chấm thập phân); hãy ghi rõ {whole} hoặc {decimal}",
                      "'{name}' is '{value}': the point makes it either {whole} (a point between thousands, as Vietnamese "
                      "writes them) or {decimal} in Vietnamese writing (a decimal point); write {whole} or {decimal}"),
    "rec.bool_not_number": ("{shown} phải là một số, không phải {value}", "'{name}' must be a number, not {value}"),
    "rec.true": ("TRUE (đúng)", "TRUE"), "rec.false": ("FALSE (sai)", "FALSE"),   # a yes/no cell (Excel's TRUE) or JSON true
    "rec.not_whole": ("{shown} phải là một số nguyên (không có phần lẻ), không phải {value}",
                      "'{name}' must be a whole number, not {value}"),
    "rec.range": (" từ {min} đến {max}", " from {min} to {max}"),
    "rec.fraction_share": ("{where}: cột {shown} là tỷ lệ phần trăm (0–100) nhưng {n} hồ sơ ghi số từ 0 đến 1, không "
                           "có dấu % (dòng {rows}): {value} được chấm là {value} %; nếu là {percent} %, ghi {percent} hoặc "
                           "định dạng ô là %",
                           "{where}: column {shown} is a percentage (0–100) but {n:record gives|records give} a number "
                           "from 0 to 1 without '%' ({n:|row|rows} {rows}): {value} is scored as {value} %; if it means {percent} %, "
                           "write {percent} or format the cell as %"),
    "rec.below": ("{shown} là {value}, nhỏ hơn mức tối thiểu {min}", "'{name}' is {value}, below the minimum {min}"),
    "rec.above": ("{shown} là {value}, lớn hơn mức tối đa {max}", "'{name}' is {value}, above the maximum {max}"),
    "rec.not_yes_no": ("{shown} phải là có hoặc không (có/không, true/false, 1/0), không phải '{value}'",
                       "'{name}' must be yes or no (có/không, true/false, 1/0), not '{value}'"),
    "rec.not_choice": ("{shown} là '{value}', không phải một trong: {labels}{hint}", "'{name}' is '{value}', which is not one of {codes}{hint}"),
    "rec.bool_not_choice": ("{shown} phải là một trong: {labels}; không phải {value}", "'{name}' must be one of {codes}, not {value}"),
    "rec.no_id": ("hồ sơ không có mã ('id'): mỗi hồ sơ cần một mã", "the record has no 'id': every record needs an id"),
    "rec.two_columns": ("hai cột cùng cho '{name}' ('{key}' và một tên khác): giữ một", "two columns give '{name}' ('{key}' and another alias): keep one"),
    "rec.missing": ("thiếu {shown}: {what}", "'{name}' is missing: {what}"),
    "rec.what_number": ("ghi một số{range}", "give a number{range}"),
    "rec.what_whole": ("ghi một số nguyên{range}", "give a whole number{range}"),
    "rec.what_bool": ("ghi có hoặc không", "answer có or không"),
    "rec.what_choice": ("ghi một trong: {labels}", "give one of {codes}"),
    "rec.at_most": ("{shown} là {value}, lớn hơn {other_shown} ({other}), trong khi đây là một phần của nó (trong đó): "
                    "kiểm tra lại số liệu{cite}",
                    "'{name}' is {value}, more than '{other_name}' ({other}): it is part of it, so it cannot be more — "
                    "check the figures{cite}"),
    "rec.duplicate": ("mã '{id}' trùng với hồ sơ ở {first}: mỗi hồ sơ cần một mã riêng", "id '{id}' repeats the record at {first}: every record needs its own id"),
    "goal.missing_title": ("thiếu {shown}: ghi một trong: {labels}; hoặc điền các cột của bộ tiêu chí {title} ({columns}) "
                           "để chấm luôn",
                           "'{name}' is missing: give {codes}, or the columns of the criteria {title_en} ({columns}) to have it scored"),
    "goal.no_column": ("không tệp nào có cột '{name}' ({label}) mà mục tiêu {targets} cần; tiêu đề được nhận: {accepted}{unread}",
                       "no file has a column '{name}' ({label}), which {n:|target|targets} {targets} {n:|needs|need}; accepted headers: {accepted}{unread}"),
    "goal.noted_rows": ("{n} hồ sơ có ghi chú ở cột '{header}' ({rows}) vẫn được tính như mọi hồ sơ, kể cả vào mẫu số: "
                        "cột này không được đọc, và văn bản của các mục tiêu không nói người nghỉ hưu, chuyển công tác hay "
                        "nghỉ dài hạn trong năm có được tính hay không; nếu đơn vị không tính họ, bỏ các dòng đó khỏi tệp",
                        "{n:record has a note|records have a note} in column '{header}' ({rows}) and {n:|is|are} counted as "
                        "every record is, denominators included: the column is not read, and the targets' texts do not say "
                        "whether people retired, transferred or on long leave during the year count; if the office does not "
                        "count them, remove their rows from the file"),
    "goal.mixed_years": ("cột '{header}' ghi {k} năm khác nhau ({years}): báo cáo đếm mọi dòng như một danh sách, nên người có "
                         "dòng ở hai năm được tính hai lần, kể cả vào mẫu số; nếu tệp gộp danh sách của nhiều năm, hãy chỉ giữ "
                         "các dòng của năm cần báo cáo (hoặc tách mỗi năm một tệp)",
                         "column '{header}' holds {k} different years ({years}): the report counts every row as one list, so a "
                         "person with a row in two years is counted twice, denominators included; if the file joins several "
                         "years' lists, keep only the rows of the year to report (or split it into one file a year)"),
    "goal.year_rows": ("{year}: {n} dòng", "{year}: {n:row|rows}"),
    "goal.scored_blank": ("'{name}' để trống nên dòng được chấm bằng '{pack}': {problem}", "'{name}' is blank, so the row was scored with '{pack}': {problem}"),
    "members.no_unit_id": ("không có mã đơn vị: thêm cột '{column}' ghi mã đơn vị của thành viên (mã 'id' của đơn vị trong tệp đơn vị)",
                           "no unit id: add a '{column}' column with the id of the member's unit (the unit's 'id' in the units file)"),
    "members.id_alike": ("mã '{id}' chỉ khác mã '{other}' ở {first} về chữ hoa, chữ thường hoặc dấu cách, nên không được tính "
                         "thêm một người: nếu là một người ghi hai lần, xoá một dòng; nếu là hai người, đặt hai mã khác nhau",
                         "id '{id}' differs from the id '{other}' at {first} only in capitals or spaces, so it is not counted as "
                         "one more person: if one person is listed twice, delete one row; if they are two people, give them "
                         "different ids"),
    "members.no_unit_column": ("không có cột đơn vị: tệp thành viên cần cột '{column}' (hoặc một trong {others}) ghi mã đơn vị của mỗi thành viên",
                               "no unit column: a members file needs a '{column}' column (or one of {others}) with the id of each member's unit"),
    # output files
    "out.cannot_write_as": ("không ghi được {what} thành '{suffix}': hãy đặt tên tệp {names}", "cannot write {what} as '{suffix}': name the file {names}"),
    "out.no_extension": ("(không có phần mở rộng)", "(no extension)"),
    "out.what_results": ("kết quả", "results"),
    "out.what_table": ("bảng", "a table"),
    "out.what_report": ("báo cáo", "a report"),
    "out.what_list": ("danh sách", "a list"),
    "out.no_folder": ("thư mục '{folder}' không tồn tại: hãy tạo thư mục đó trước, hoặc chọn một thư mục có sẵn",
                      "the folder '{folder}' does not exist: create it first, or choose a folder that exists"),
    "out.folder_is_file": ("'{folder}' là một tệp, không phải thư mục: hãy ghi -o vào một thư mục có sẵn (ví dụ '{beside}')",
                           "'{folder}' is a file, not a folder: give -o a path in an existing folder (e.g. '{beside}')"),
    "out.cannot_write": ("không ghi được vào '{folder}': {reason}", "cannot write in '{folder}': {reason}"),
    "out.cannot_replace": ("không ghi được kết quả vào tệp này: {reason} (kết quả chưa được ghi; tệp cũ vẫn nguyên)",
                           "cannot write the results into this file: {reason} (nothing was written; the old file is as it was)"),
    "out.read_only_disk": ("ổ đĩa hoặc thư mục này chỉ cho đọc: ghi ra nơi khác bằng -o TỆP",
                           "the disk or folder is read-only: write elsewhere with -o FILE"),
    "out.no_space": ("ổ đĩa đầy: giải phóng dung lượng hoặc ghi ra nơi khác bằng -o TỆP",
                     "the disk is full: free some space or write elsewhere with -o FILE"),
    "out.wrote": ("đã ghi {path}", "wrote {path}"),
    "goals.wrote": ("đã ghi {path} ({n} mục tiêu, năm {years})", "wrote {path} ({n:target|targets}, {years})"),
    # goal reports: the table of 'hoctap goals' (goals/render.py) and its workbook (goals/workbook.py)
    "goals.pack": ("Gói mục tiêu", "Goal pack"), "goals.ref": ("Căn cứ", "Reference"), "goals.year": ("Năm", "Year"),
    "goals.years": ("Năm", "Years"), "goals.population": ("Đối tượng", "Population"),
    "goals.provisional": ("TẠM THỜI", "PROVISIONAL"), "goals.tentative": ("tạm thời", "provisional"),
    # the table's first column is the targets' codes: 'mã' in Vietnamese, as 'hoctap goal-packs' heads its codes
    "goals.table_cols": ("mã|mục tiêu|yêu cầu|thực tế|kết quả|còn thiếu", "id|target|required|actual|result|gap"),
    # a column no file has, named in a note: by its label in Vietnamese (a code is no word of a sentence), its code in English
    "goals.column_unheaded": ("{label}", "{name}"),
    "goals.status.met": ("đạt", "met"), "goals.status.not_met": ("chưa đạt", "not met"),
    "goals.status.not_evaluable": ("không đánh giá được", "not evaluable"), "goals.status.reported": ("theo dõi", "reported"),
    "goals.status.undetermined": ("chưa xác định", "undetermined"),
    "goals.unsure": ("{n} hồ sơ không đánh giá được", "{n:unevaluable record|unevaluable records}"),
    "goals.unsure_blank": ("{n} hồ sơ chưa xếp được vào mẫu số", "{n:record|records} not placed in the denominator"),
    "goals.unsure_both": ("{n} hồ sơ chưa rõ (bị loại hoặc để trống)", "{n:record|records} unknown (rejected or blank)"),
    "goals.unevaluable": ("{n} hồ sơ bị loại vẫn thuộc mẫu số, tính là không đánh giá được: {ids}",
                          "{n:rejected record stays|rejected records stay} in the denominator as not evaluable: {ids}"),
    "goals.needs": ("cần thêm {gap} {counted}", "{gap} more {counted} needed"),
    "goals.needs_one": ("cần thêm 1 {counted}", "1 more needed ({counted})"),
    "goals.unreachable": ("không thể đạt bằng cách thêm người", "cannot be met by more qualifying records"),
    "goals.unknown_count": ("{n} hồ sơ trong mẫu số không có giá trị {inputs}, tính là không đạt: {ids}",
                            "{n:record of the denominator has|records of the denominator have} no value for {inputs}, counted as not qualifying: {ids}"),
    "goals.unknown_population": ("{n} hồ sơ không xếp được vào mẫu số ({pop}) vì để trống giá trị cần xét: {ids}",
                                 "{n:record|records} could not be placed in the denominator ({pop}): a value it needs is blank: {ids}"),
    "goals.notes": ("Ghi chú", "Notes"), "goals.each": ("từng điều kiện", "each condition"),
    "goals.rejected": ("Hồ sơ bị loại", "Rejected records"),
    "goals.count_line": ("đã đọc {read} hồ sơ: {evaluated} được tính, {rejected} bị loại",
                         "{read:record|records} read: {evaluated} evaluated, {rejected} rejected"),
    "goals.skipped": (", {skipped} bỏ qua (không phải hồ sơ: dòng tổng, chữ ký, số thứ tự trống, tiêu đề nhóm)", ", {skipped} skipped (not records: totals, signatures, empty numbered rows, group headings)"),
    "goals.scored": ("; '{name}' được chấm theo bộ tiêu chí {pack} cho {n} hồ sơ", "; '{name}' scored with the criteria {pack} for {n:record|records}"),
    "goals.sheet.targets": ("Mục tiêu", "Targets"), "goals.sheet.charts": ("Biểu đồ", "Charts"),
    "goals.sheet.rejected": ("Hồ sơ bị loại", "Rejected records"),
    "goals.sheet_warning": ("Cảnh báo: {text}", "Warning: {text}"),
    "goals.doc_title": ("BÁO CÁO KẾT QUẢ THỰC HIỆN MỤC TIÊU NĂM {years}", "REPORT ON THE TARGETS FOR {years}"),
    "goals.signers": ("Người lập biểu|Thủ trưởng đơn vị", "Prepared by|Head of the office"),
    "goals.sheet_cols": ("Năm|STT|Mục tiêu|So sánh|Yêu cầu (%)|Số cần đạt|Số đạt|Mẫu số|Thực tế (%)|Thực tế tối đa (%)|Kết quả|Còn thiếu (hồ sơ)|Ghi chú",
                         "Year|No.|Target|Comparison|Required (%)|Count needed|Count met|Denominator|Actual (%)|Actual, at most (%)|Result|Gap (records)|Note"),
    "goals.sheet_counts": ("Hồ sơ: đã đọc {read}, {evaluated} được tính, {rejected} bị loại, {skipped} bỏ qua",
                           "Records: {read} read, {evaluated} evaluated, {rejected} rejected, {skipped} skipped"),
    "goals.chart_cols": ("Năm|Thực tế (%)|Yêu cầu (%)|Thực tế tối đa (%)", "Year|Actual (%)|Required (%)|Actual, at most (%)"),
    "goals.rejected_cols": ("Vị trí|Mã|Lý do", "Where|Id|Reason"),
    "goals.no_chart": ("Không có số liệu để vẽ (mục tiêu không có ngưỡng, hoặc không đánh giá được).",
                       "Nothing to chart (no threshold, or not evaluable)."),
    # counts and lines
    "count_line": ("đã đọc {read} hồ sơ: {scored} được chấm, {rejected} bị loại", "{read:record|records} read: {scored} scored, {rejected} rejected"),
    "rejected_records": ("Hồ sơ bị loại:", "Rejected records:"),
    "by_column": ("Theo {name}:", "By {name}:"),
    "list_title": ("Danh sách đề nghị công nhận", "Recognition list"),
    "sheet.results": ("Kết quả", "Results"), "sheet.rejected": ("Bị loại", "Rejected"), "sheet.summary": ("Tổng hợp", "Summary"),
    "sheet.by": ("Theo {name}", "By {name}"), "sheet.recognised": ("Danh sách công nhận", "Recognised"),
    "sheet.disagreements": ("Không khớp", "Disagreements"),
    "sheet.warnings": ("Cảnh báo", "Warnings"),
    "verify.agrees": ("khớp", "agrees"), "verify.disagrees": ("không khớp", "disagrees"), "verify.unchecked": ("không kiểm tra được", "could not be checked"),
    "sum.pack": ("Bộ tiêu chí", "Criteria pack"), "sum.status": ("Tình trạng", "Status"),
    "status.official": ("chính thức", "official"), "status.provisional": ("tạm thời", "provisional"),
    "status.draft": ("dự thảo", "draft"),
    "sum.read": ("Số hồ sơ đã đọc", "Records read"), "sum.scored": ("Được chấm", "Scored"), "sum.rejected": ("Bị loại", "Rejected"),
    "sum.skipped": ("Bỏ qua (không phải hồ sơ: dòng tổng, chữ ký, số thứ tự trống, tiêu đề nhóm)", "Skipped (not records: totals, signatures, empty numbered rows, group headings)"),
    "sum.balanced": ("Đã đọc = được chấm + bị loại + bỏ qua", "Read = scored + rejected + skipped"),
    "count_skipped": (", {skipped} bỏ qua", ", {skipped} skipped"), "col.status_of": ("Tình trạng: {id}", "Status: {id}"), "yes": ("có", "yes"), "no_caps": ("KHÔNG", "NO"),
    "sum.checked": ("Hồ sơ có tự đánh giá", "Claimed results checked"), "sum.agree": ("Khớp", "Agree"),
    "sum.disagree": ("Không khớp", "Disagree"),
    "verify_line": ("{checked} hồ sơ có tự đánh giá: {agree} khớp, {disagree} không khớp", "{checked} with a claimed result: {agree} agree, {disagree} disagree"),
    "rejected_line": ("bị loại {where} (mã {id}): {error}", "rejected {where} (id {id}): {error}"),
    "member_rejected": ("thành viên bị loại {where} (mã {id}): {error}", "member rejected {where} (id {id}): {error}"),
    "date.not_a_date": ("'{value}' không phải một ngày: ghi YYYY-MM-DD, DD/MM/YYYY hoặc một năm YYYY",
                        "'{value}' is not a date: write YYYY-MM-DD, DD/MM/YYYY or a year YYYY"),
    "date.column": ("'{column}': {problem}", "'{column}': {problem}"),
    "date.undated_files": ("{files}: không có cột năm (hoặc ngày) đánh giá ({year}), nên kết quả không kèm cảnh báo của bộ "
                           "tiêu chí cho hồ sơ đánh giá sau {after}: {text} — lượt chấm này đã sau ngày đó: thêm cột {year} "
                           "để mỗi kết quả mang cảnh báo khi cần",
                           "{files}: no assessment year (or date) column ({year}), so no result carries the pack's warning "
                           "for records assessed after {after}: {text} — this run is after that day: add a {year} column "
                           "so that each result carries the warning where it applies"),
    "date.none": ("không có ngày đánh giá: '{model}' là một mô hình, nên mỗi hồ sơ cần cột {date} (một ngày) hoặc {year} (một năm); "
                  "hoặc ghi --as-of NGÀY", "no assessment date: '{model}' is a model, so each record needs a column {date} (a date) "
                  "or {year} (a year); or give --as-of DATE"),
    "date.no_pack": ("'{column}' là {on}, khi không có bộ tiêu chí nào của mô hình '{model}' có hiệu lực: gần nhất {nearest}",
                     "'{column}' is {on}, when no pack of model '{model}' is in force: nearest {nearest}"),
    "validate.ok": ("{source}: đạt — {pack} {version}, {n} chỉ số, {status}", "{source}: ok — {pack} {version}, {n:indicator|indicators}, {status}"),
    "validate.ok_goals": ("{source}: đạt — {pack} {version}, {n} mục tiêu, {status} (gói mục tiêu)", "{source}: ok — {pack} {version}, {n:target|targets}, {status} (goal pack)"),
    "validate.provisional": ("{source}: ghi chú: bộ tiêu chí tạm thời — {n} ghi chú về những điểm văn bản chính thức chưa rõ",
                             "{source}: notes: warning: provisional — {n:note|notes} on what the official text leaves uncertain"),
    "validate.notes": ("{source}: {n} ghi chú của bộ tiêu chí (cách bộ tiêu chí đọc những điểm văn bản chưa nói rõ):",
                       "{source}: the pack's {n:note|notes} (how it reads what the text leaves open):"),
    "validate.add_notes": ("; thêm --notes để đọc", "; add --notes to read them"),
    # under 'hoctap runs' and 'hoctap runs RUN': what is listed is as stored, and what checks it
    "runs.as_stored": ("Các số trên là số đã lưu trong kho, chưa được kiểm tra: 'hoctap audit verify --store {path}' "
                       "chấm lại mọi lượt và kiểm tra mã niêm phong",
                       "The figures above are as stored, not checked: 'hoctap audit verify --store {path}' re-scores "
                       "every run and checks its seal"),
    "runs.as_stored_sealed": ("Các dòng trên là giá trị đã lưu trong kho; mã niêm phong dưới đây khớp với các dòng ấy (hãy so "
                              "nó với mã ghi trong biên bản), nhưng kết quả chưa được chấm lại: "
                              "'hoctap audit verify {run} --store {path}' chấm lại từng dòng",
                              "The rows above are as stored; the seal below matches them (compare it with the one in the "
                              "minutes), but the results were not re-scored: 'hoctap audit verify {run} --store {path}' "
                              "re-scores every row"),
    "runs.as_stored_seal_differs": ("Các dòng trên là giá trị đã lưu trong kho, chưa được kiểm tra; mã niêm phong KHÔNG khớp "
                                    "với các dòng ấy (kho bị sửa sau khi chấm?): 'hoctap audit verify {run} --store {path}' "
                                    "chỉ ra phần bị sửa",
                                    "The rows above are as stored, not checked; the seal does NOT match them (the store "
                                    "edited after the run?): 'hoctap audit verify {run} --store {path}' names what changed"),
    "runs.as_stored_unsealed": ("Các dòng trên là giá trị đã lưu trong kho, chưa được kiểm tra; lượt chấm chưa xong nên chưa "
                                "có mã niêm phong: 'hoctap audit verify {run} --store {path}' chấm lại từng dòng và so với "
                                "điểm kiểm tra cuối",
                                "The rows above are as stored, not checked; the run did not finish, so it has no seal: "
                                "'hoctap audit verify {run} --store {path}' re-scores every row and checks its last "
                                "checkpoint"),
    "runs.as_of_record": ("theo từng hồ sơ", "each record's own"),
    "run.complete": ("hoàn tất", "complete"), "run.incomplete": ("chưa xong", "incomplete"),
    "runs.headers": ("lượt chấm|bắt đầu (UTC)|trạng thái|bộ tiêu chí|ngày đánh giá|tệp hồ sơ|đã đọc|được chấm|bị loại|đã lưu",
                     "run|started (UTC)|status|criteria|as of|records|read|scored|rejected|stored"),
    "goal_packs.headers": ("mã|phiên bản|trạng thái|năm mục tiêu|tên", "id|version|status|years|title"),
    "cases.summary": ("{pack}: {n} tình huống: {passed} đúng, {failed} sai", "{pack}: {n:case|cases}: {passed} passed, {failed} failed"),
    "cases.inherited": (" (kế thừa: {kept} giữ nguyên, {changed} sửa ở đây, {skipped} bỏ qua)",
                        " (inherited: {kept} as they are, {changed} changed here, {skipped} skipped)"),
    "verify.total_not_number": ("tổng điểm tự đánh giá không phải một số", "the claimed total is not a number"),
    "verify.outcome_unknown": ("kết quả tự đánh giá không phải một trong: {known} (hoặc mã {codes}; viết hoa, thường hay "
                               "không dấu đều được)", "the claimed outcome is not one of: {known} (or the codes {codes})"),
    "verify.more_points": ("cần thêm {n}", "{n} still needed"),
    "verify.blocker": ("chỉ số {id} là {value}, cần {needs}", "indicator {id} is {value}, it needs {needs}"),
    "verify.not_applicable": ("chỉ số này không áp dụng cho hồ sơ", "the indicator does not apply to this record"),
    "verify.neither": ("tự đánh giá không phải số điểm, cũng không phải đạt/không đạt", "the claim is neither points nor đạt/không đạt"),
    # how a disagreement is said to a council member (kept out of the stored JSON, whose notes keep the words above)
    "verify.said_value": ("hồ sơ ghi {value}, cần {needs}", "the record has {value}, it needs {needs}"),
    "verify.said_blank": ("ô để trống (không có minh chứng), cần {needs}", "the cell is blank (no evidence), it needs {needs}"),
    "verify.not_applicable_said": ("không xét cho hồ sơ này: {why}; để trống ô tự đánh giá này",
                                   "not considered for this record: {why}; leave this claim blank"),
    "engine.internal": ("lỗi nội bộ của bộ máy luật — lỗi của hoctap, không phải của dữ liệu; hãy báo lỗi kèm lệnh đã chạy "
                        "(chi tiết kỹ thuật: {detail})", "internal error of the rules engine — hoctap's fault, not the data's; "
                        "please report it with the command you ran (technical detail: {detail})"),
    # the technical details of ``engine.internal`` (a defect of hoctap, for whoever fixes it)
    "engine.refused": ("bộ máy luật từ chối bộ luật '{name}': {exc}", "the rules engine refused ruleset '{name}': {exc}"),
    "engine.not_exhaustive": ("không luật nào của '{ruleset}' khớp với một dữ kiện loại '{kind}': các luật đã dịch không "
                              "bao quát mọi trường hợp",
                              "no rule of '{ruleset}' matched a '{kind}' fact: the compiled rules are not exhaustive"),
    "engine.sessions": ("bộ máy luật đã dùng hết phiên (tối đa 1.024 phiên cùng lúc): hãy chạy lại",
                        "the rules engine ran out of sessions (1,024 live at most): restart the run"),
    "engine.unknown_rule": ("bộ máy luật trả lời bằng luật '{name}', nhưng '{ruleset}' không có luật đó",
                            "the rules engine answered with rule '{name}', which '{ruleset}' does not have"),
    "engine.not_taken": ("bộ máy luật không nhận một dữ kiện (mã {number})", "the rules engine did not take a fact (code {number})"),
    "engine.rule_shape": ("luật '{name}' không bắt đầu bằng loại dữ kiện {{'t': …}}",
                          "rule '{name}' does not start with a fact kind {{'t': …}}"),
    "engine.no_outcome": ("không luật kết quả nào được kích hoạt: kết quả dự phòng phải luôn khớp",
                          "no outcome rule fired: the fallback outcome must always match"),
    "engine.firings": ("hồ sơ '{id}': các luật được kích hoạt không như dự kiến: {fired}",
                       "record '{id}': unexpected firings {fired}"),
    "engine.shared": ("câu trả lời của bộ máy luật nhận từ tiến trình khác không khớp với các chỉ số của bộ tiêu chí: {fired}",
                      "an answer of the rules engine from another process does not fit the pack's indicators: {fired}"),
    "engine.summary_key": ("dữ kiện tổng hợp {summary} không có khoá {key} đã dùng để tra",
                           "the summary fact {summary} does not have the key {key} it was looked up by"),
    "engine.rule_on_record": ("luật '{name}' được kích hoạt trên dữ kiện hồ sơ", "rule '{name}' fired on a record fact"),
    "engine.statuses": ("hồ sơ '{id}': chỉ số '{indicator}' nhận {n} trạng thái ({names}); phải đúng một",
                        "record '{id}': indicator '{indicator}' got {n} statuses ({names}); exactly one is required"),
    "engine.outcome_firings": ("các luật kết quả được kích hoạt không như dự kiến: {fired}",
                               "unexpected outcome firings: {fired}"),
    "engine.no_compiler": ("không có cách dịch loại luật {kind} sang bộ máy luật", "no compiler for rule kind {kind}"),
    "selfcheck.finished": ("bảng hỏi đã xong: không còn câu nào để trả lời",
                           "the questionnaire is finished: there is no question to answer"),
    "selfcheck.not_finished": ("bảng hỏi chưa xong: còn {n} câu", "the questionnaire is not finished: {n:question|questions} left"),
    # the self-check's questionnaire (selfcheck/questionnaire.py): what to type, why an answer is refused, the screens
    "q.points": ("Nhập điểm từ {min} đến {max} (có thể lẻ, ví dụ {example})",   # the example within the range
                 "Enter the points from {min} to {max} (decimals allowed, e.g. {example})"),
    "q.percent": ("Nhập tỷ lệ phần trăm từ {min} đến {max} (không cần dấu %)",
                  "Enter a percentage from {min} to {max} (no % sign needed)"),
    "q.number_range": ("Nhập một số từ {min} đến {max}", "Enter a number from {min} to {max}"),
    "q.number": ("Nhập một số", "Enter a number"),
    "q.whole": ("Nhập một số nguyên, không có phần lẻ (ví dụ 4, không phải 3,5)", "Enter a whole number (e.g. 4, not 3.5)"),
    "q.whole_range": ("Nhập một số nguyên từ {min} đến {max}", "Enter a whole number from {min} to {max}"),
    "q.not_whole": ("{value} không phải là một số nguyên", "{value} is not a whole number"),
    "q.boolean": ("Trả lời có hoặc không (c/k)", "Answer yes or no (y/n)"),
    "q.yes": ("có", "yes"), "q.no": ("không", "no"),   # a yes/no answer said back as the person types it
    "q.choice": ("Chọn một số từ {low} đến {high}", "Choose a number from {low} to {high}"),
    "q.choice_of": ("Chọn một số: {numbers}", "Choose a number: {numbers}"),
    "q.choice_file": ("Trong tệp trả lời, ghi mã hoặc tên của lựa chọn: {codes}",
                      "In an answers file, write the code or the Vietnamese name of a choice: {codes}"),
    "q.optional": ("; để trống nếu chưa biết", "; leave blank if you do not know yet"),
    "q.required": ("câu này cần câu trả lời", "this question needs an answer"),
    "q.not_number": ("«{text}» không phải là một số", "'{text}' is not a number"),
    "q.above": ("{value} lớn hơn mức tối đa {max}", "{value} is above the maximum {max}"),
    "q.below": ("{value} nhỏ hơn mức tối thiểu {min}", "{value} is below the minimum {min}"),
    "q.not_yes_no": ("«{text}» không phải có hay không", "'{text}' is not yes or no"),
    "q.not_choice": ("«{text}» không có trong danh sách", "'{text}' is not in the list"),
    "q.invalid": ("Chưa hợp lệ: {reason}. {instruction}.", "Not valid: {reason}. {instruction}."),
    "q.first": ("Đây là câu đầu tiên.", "This is the first question."),
    "q.back": ("Quay lại câu trước.", "Back to the previous question."),
    "q.no_help": ("Câu này chưa có gợi ý thêm.", "No further hint for this question."),
    "q.needs": ("Cần", "Needs"), "q.evidence": ("Minh chứng", "Evidence"), "q.reference": ("Căn cứ", "Reference"),
    "q.levels": ("Tính cho mức", "Counts for level"),
    "q.unknown_key": ("không có câu hỏi nào tên '{key}'{hint}: dùng tên cột như trong bộ tiêu chí",
                      "no question is called '{key}'{hint}: use the column names of the criteria pack"),
    "q.other_pack": ("không có câu hỏi nào tên '{key}' trong bộ tiêu chí này: các câu trả lời là của bộ tiêu chí {packs}",
                     "no question is called '{key}' in this criteria pack: the answers are for the criteria pack {packs}"),
    "q.or": (" hoặc ", " or "),
    "q.where": ("câu '{name}' ({title})", "question '{name}' ({title})"),
    "q.intro": ("Tự kiểm tra — {title}\nTrả lời {n} câu hỏi (số câu có thể thay đổi theo câu trả lời đầu).",
                "Self-check — {title}\nAnswer {n:question|questions} (the number may change with the first answers)."),
    "q.keys": ("Gõ < để quay lại câu trước, gõ ? để xem gợi ý, Ctrl-C để thoát.", "Type < to go back, ? for a hint, Ctrl-C to quit."),
    "q.progress": ("Câu {i}/{n}", "Question {i}/{n}"),
    "q.kept": ("Trả lời trước: {value} (nhấn Enter để giữ)", "Previous answer: {value} (press Enter to keep it)"),
    "q.interrupted": ("Đã dừng (Ctrl-C). Chưa có kết quả; không có gì được lưu.", "Stopped (Ctrl-C). No result; nothing was saved."),
    "q.eof": ("Hết dữ liệu vào (Ctrl-D) khi còn {left} câu. Chưa có kết quả; không có gì được lưu.",
              "Input ended (Ctrl-D) with {left:question|questions} left. No result; nothing was saved."),
    "q.twice": ("câu '{name}' được trả lời hai lần (tên cột và một tên khác của nó): giữ một",
                "question '{name}' is answered twice (its column name and another name for it): keep one"),
    "q.two_readings": ("Chưa rõ: {n} là lựa chọn số {n} trong danh sách («{shown}»), nhưng trong tệp hồ sơ {n} có nghĩa là "
                       "«{other}». Hãy gõ tên hoặc mã của lựa chọn ({codes}).",
                       "Not clear: {n} is choice {n} in the list ('{shown}'), but in a records file {n} means '{other}'. "
                       "Type the name or the code of the choice ({codes})."),
    # the self-check's printout (selfcheck/printout.py): where the points come from (said before the
    # first question, under the result and on the PDF), a saved answers file's header, the one-page PDF
    "p.note_kh": ("Điểm ở đây là điểm chấm theo {doc} ({issuer}): mỗi chỉ số từ 0 đến {top} điểm, tổng {max} điểm. "
                  "Công dân tự chấm theo phiếu tự đánh giá của nhóm mình, kèm minh chứng, rồi nộp cho Hội Khuyến học cơ "
                  "sở để xem xét, thẩm định. Hãy nhập số điểm đã chấm: điểm bạn tự chấm, hoặc điểm đã được Hội thẩm định "
                  "nếu có. hoctap không chấm thay và không có biểu điểm chi tiết của từng chỉ số: nó cộng điểm bạn nhập "
                  "và áp dụng điều kiện công nhận của bộ tiêu chí.",
                  "The points here are those graded under {doc} ({issuer}): each indicator from 0 to {top:point|points}, "
                  "{max} in all. Citizens grade themselves on their group's self-assessment form, with evidence, and file "
                  "it with the local Hội Khuyến học branch, which reviews and verifies it. Enter the points graded: your "
                  "own, or those the branch verified if there are any. hoctap does not grade and has no detailed rubric "
                  "per indicator: it adds up the points you enter and applies the criteria's recognition rule."),
    "p.note_tt22": ("Điểm ở đây là điểm của từng chỉ số theo {doc}, chấm theo hướng dẫn đánh giá, chấm điểm, xếp loại do "
                    "UBND cấp tỉnh ban hành (Điều 8, khoản 1, điểm b): đơn vị tự đánh giá, Sở hoặc Phòng GD&ĐT kiểm tra, "
                    "tổng hợp (Điều 7). Hãy nhập số điểm đã chấm. hoctap không chấm thay: nó cộng điểm bạn nhập và xếp "
                    "loại theo bộ tiêu chí.",
                    "The points here are each indicator's points under {doc}, graded by the scoring guide the provincial "
                    "People's Committee issues (Art. 8.1.b): the unit assesses itself, the provincial or district "
                    "education office checks and consolidates (Art. 7). Enter the points graded. hoctap does not grade: "
                    "it adds up the points you enter and classifies them by the criteria."),
    "p.note_points": ("Các câu hỏi lấy từ {doc}: nhập điểm đã chấm hoặc số liệu như mỗi câu yêu cầu (tự chấm kèm minh "
                      "chứng, hoặc đã được thẩm định). hoctap tính kết quả theo quy tắc của bộ tiêu chí, không chấm thay.",
                      "The questions come from {doc}: enter the points graded or the figures each question asks for "
                      "(self-assessed with evidence, or as verified). hoctap computes the result by the criteria's "
                      "rules; it does not grade."),
    "p.note_levels": ("Bộ tiêu chí này không chấm điểm: mỗi tiêu chí, chỉ tiêu được đánh giá đạt hoặc không đạt theo minh "
                      "chứng ({doc}); được công nhận ở một mức khi đạt mọi chỉ tiêu của mức đó. Hãy trả lời theo minh "
                      "chứng đơn vị đang có.",
                      "This criteria set gives no points: each criterion and indicator is met or not, on the evidence "
                      "({doc}); a level is recognised when every indicator of that level is met. Answer from the "
                      "evidence the unit has."),
    "p.saved": ("# Câu trả lời tự kiểm tra — {title}\n# Chạy lại: hoctap check -c {pack} --answers {name}\n",
                "# Self-check answers — {title}\n# Run again: hoctap check -c {pack} --answers {name}\n"),
    "p.title": ("PHIẾU KẾT QUẢ TỰ KIỂM TRA", "SELF-CHECK RESULT"),
    "p.printed": ("Ngày in: {day}", "Printed on {day}"),
    "p.checked_on": ("Ngày tự kiểm tra: {day}", "Self-check date: {day}"),   # the web result, on screen and printed
    "p.where": ("Điểm lấy từ đâu", "Where the points come from"),
    "p.indicator": ("Chỉ số", "Indicator"), "p.content": ("Nội dung", "Content"),
    "p.value": ("Điểm", "Points"), "p.value_levels": ("Trả lời", "Answer"),   # the value column: points, or a levels pack's answer
    "p.needs": ("Cần", "Needs"), "p.status": ("Tình trạng", "Status"),
    "p.signer": ("NGƯỜI TỰ KIỂM TRA", "CHECKED BY"), "p.sign": ("(Ký, ghi rõ họ tên)", "(Signature and full name)"),
    "p.date": ("……………, ngày …… tháng …… năm ………", "……………, date ………-……-……"),
    "p.not_applicable": ("Không áp dụng cho đơn vị này (không tính): {ids}.", "Not applicable to this unit (not counted): {ids}."),
    "validity": ("hiệu lực {validity}", "valid {validity}"),
    "validity.pack": ("{pack} (hiệu lực {validity})", "{pack} (valid {validity})"),
    "validity.ended": ("{pack} (hiệu lực {validity}: đã hết hiệu lực trước ngày đó)", "{pack} (valid {validity}, ended {n:day|days} earlier)"),
    "validity.starts": ("{pack} (hiệu lực {validity}: chỉ bắt đầu có hiệu lực sau ngày đó)", "{pack} (valid {validity}, starts {n:day|days} later)"),
    "validity.span": ("từ {start} đến {end}", "{start} → {end}"), "validity.open": ("từ {start}", "from {start}"),
    # the "Áp dụng theo ngày" line of an explanation and the head of 'audit show'
    "in_force.line": ("{date} ({source}) — bộ tiêu chí {pack}, có hiệu lực {period}",
                      "{date} ({source}) — criteria pack {pack}, valid {period}"),
    "in_force.span": ("từ {start} đến {end}", "from {start} to {end}"), "in_force.open": ("từ {start}", "from {start}"),
    "in_force.option": ("ngày ghi ở --as-of", "the date given with --as-of"),
    "in_force.today": ("ngày hôm nay", "today's date"),
    "in_force.date_column": ("ngày đánh giá ghi ở cột '{column}' của hồ sơ", "the assessment date in the record's column '{column}'"),
    "in_force.year_column": ("ngày cuối của năm đánh giá ghi ở cột '{column}' của hồ sơ",
                             "the last day of the assessment year in the record's column '{column}'"),
    # a result's warn_after warning as a person reads it (the result keeps it in records.dates.WARNING_FORM)
    "dated.warning": ("{text} (ngày đánh giá {on}, theo {source})", "{text} (assessment date {on}, from {source})"),
    "members.none": ("không có thành viên nào của đơn vị '{unit}' trong {files}", "no member of unit '{unit}' in {files}"),
    "members.unit_alike": ("không tính được '{name}' ({what}): {n} dòng thành viên ghi đơn vị '{other}' ({rows}), chỉ khác mã "
                           "'{unit}' của đơn vị về chữ hoa, chữ thường hoặc dấu cách, nên chưa được tính: nếu là thành viên của "
                           "đơn vị này, sửa mã đơn vị ở các dòng đó thành '{unit}'",
                           "'{name}' ({what}) cannot be computed: {n:member row gives|member rows give} the unit '{other}' "
                           "({rows}), which differs from the unit's id '{unit}' only in capitals or spaces, so {n:|it is|they "
                           "are} not counted: if {n:|it is a member|they are members} of this unit, write '{unit}' as the unit"),
    "members.rejected": ("không tính được '{name}' ({what}): {n} dòng thành viên của đơn vị '{unit}' bị loại ({rows}): "
                         "hãy sửa các dòng đó, hoặc ghi trực tiếp giá trị và bỏ các thành viên của đơn vị khỏi tệp thành viên",
                         "'{name}' ({what}) cannot be computed: unit '{unit}' has {n:member row|member rows} rejected ({rows}): fix them, "
                         "or type the value in and remove the unit's members from the members file"),
    "members.typed_and_computed": ("'{name}' ({what}) vừa được ghi trực tiếp ({typed}) vừa tính từ {files} ({figure} thành viên "
                                   "có kết quả {outcomes}, chấm theo bộ tiêu chí {pack}): để trống ô đó để dùng số liệu thành viên, "
                                   "hoặc bỏ các thành viên của đơn vị khỏi tệp thành viên",
                                   "'{name}' ({what}) is typed in ({typed}) and also computed from {files} ({figure} of the members "
                                   "are {outcomes}, scored with {pack}): leave the cell blank to use the members, or remove the "
                                   "unit's members from the members file"),
    "members.share": ("{figure} thành viên của đơn vị có kết quả {outcomes}", "{figure} of the unit's members are {outcomes}"),
    "members.share_groups": ("{figure} người thuộc {groups} của đơn vị có kết quả {outcomes}",
                             "{figure} of the unit's people in {groups} are {outcomes}"),
    "members.group": ("nhóm {group} ({label})", "group {group} ({label})"),
    "members.line": ("Thành viên → {what}: {note} (chấm theo bộ tiêu chí {pack}; {files})",
                     "Members → {what}: {note} (scored with {pack}; {files})"),
    "members.stored_line": ("Thành viên → {input}: {note} ({pack}; {source})", "Members → {input}: {note} ({pack}; {source})"),
    "members.file": ("tệp {files}", "file {files}"), "members.files": ("các tệp {files}", "files {files}"),
    "members.either": ("{first} hoặc {last}", "{first} or {last}"),
    "members.failed": ("; chưa tính (không đạt): {ids}", "; not counted: {ids}"),
    "members.people_none": ("không có thành viên nào của đơn vị", "no member of the unit"),
    "members.people_typed_used": ("{figure} thành viên có kết quả {outcomes}; dùng số điểm đã ghi ({typed})",
                                  "{figure} of the members are {outcomes}; the points typed in ({typed}) are used"),
    "members.strangers": ("{files}: {n} dòng thành viên ghi đơn vị '{unit}', không có trong tệp đơn vị{hint}: "
                          "đã được chấm nhưng không dùng cho đơn vị nào",
                          "{files}: {n:member row names|member rows name} unit '{unit}', which is not in the units file{hint}: {n:|it was|they were} "
                          "scored but used for no unit"),
    "members.as_of_record": ("--members không đi cùng --as-of {record}: mọi đơn vị của một lượt chấm dùng một bộ tiêu chí, "
                             "nên hãy ghi ngày đánh giá (--as-of 2024-06-30) hoặc ghi tên bộ tiêu chí đơn vị",
                             "--members does not combine with --as-of {record}: every unit of a run is scored with one "
                             "pack, so give the assessment date (--as-of 2024-06-30) or name the unit pack"),
    "members.model": ("'{pack}' là một mô hình: với --members hãy ghi ngày đánh giá (--as-of 2024-06-30) hoặc ghi tên "
                      "bộ tiêu chí đơn vị (ví dụ don-vi-hoc-tap-tt24-tinh)",
                      "'{pack}' is a model: with --members give the assessment date (--as-of 2024-06-30) "
                      "or name the unit pack itself (e.g. don-vi-hoc-tap-tt24-tinh)"),
    "members.no_composite": ("bộ tiêu chí '{pack}' không có đầu vào nào tính từ thành viên: --members dùng với bộ tiêu chí "
                             "có đầu vào khai báo 'from_members' (ví dụ don-vi-hoc-tap-tt24-tinh)",
                             "criteria pack '{pack}' has no input computed from members: --members goes with a pack "
                             "whose input declares 'from_members' (e.g. don-vi-hoc-tap-tt24-tinh)"),
    "members.typed_used": ("{figure} theo '{pack}'; dùng số điểm đã ghi ({typed})", "{figure} under '{pack}'; the points typed in ({typed}) are used"),
    "members.typed_differs_full": (" — khác với số điểm chỉ tính từ thành viên (đủ {top} điểm): hội đồng đánh giá theo nội dung của văn bản, "
                                   "bộ tiêu chí thành viên chỉ là căn cứ tham khảo",
                                   " — they differ from what the members alone would give (the full {top:point|points}): the council judges "
                                   "the text's own qualities, the member pack is an aid"),
    "members.typed_differs_less": (" — khác với số điểm chỉ tính từ thành viên (dưới {top} điểm): hội đồng đánh giá theo nội dung của văn bản, "
                                   "bộ tiêu chí thành viên chỉ là căn cứ tham khảo",
                                   " — they differ from what the members alone would give (less than full points): the council judges "
                                   "the text's own qualities, the member pack is an aid"),
    "members.all_qualify": ("{figure}: mọi thành viên đều đạt, đủ {top} điểm", "{figure}: every member qualifies, full {top:point|points}"),
    "members.partial": ("'{name}' ({what}): chỉ {figure} thành viên của đơn vị có kết quả {outcomes} (chấm theo bộ tiêu chí {pack}); "
                        "văn bản không quy định cách cho điểm một phần khi dưới 100%, nên hãy ghi số điểm hội đồng chấm "
                        "(0 đến {top}) vào dòng của đơn vị",
                        "'{name}' ({what}): only {figure} of the unit's members are {outcomes} (scored with {pack}); the criteria "
                        "give no method for partial credit below 100%, so type the points awarded (0 to {top}) in the unit's row"),
    "members_line": ("thành viên, chấm theo bộ tiêu chí {pack}: {counts}", "members, scored with {pack}: {counts}"),
    "provisional_pack": ("bộ tiêu chí '{pack}' là TẠM THỜI — một phần văn bản chính thức chưa có; xem ghi chú ('hoctap validate {name} --notes')",
                         "criteria pack '{pack}' is provisional — parts of the official text were not available; see its notes ('hoctap validate {name} --notes')"),
    "provisional_goals": ("gói mục tiêu '{pack}' là TẠM THỜI — một số mục tiêu dựa trên nguồn chưa chắc chắn; chúng được đánh dấu trong báo cáo",
                          "goal pack '{pack}' is provisional — some targets rest on uncertain sources; they are marked in the report"),
    "in_force_note": ("bộ tiêu chí có hiệu lực vào ngày {on}: {pack} {version} ({reason})", "criteria in force on {on}: {pack} {version} ({reason})"),
    "stored_run": ("đã lưu lượt chấm {run} vào {path}", "stored run {run} in {path}"),
    "run_incomplete": ("lượt chấm {run} vẫn 'chưa xong' trong {path} (các dòng đã lưu được giữ)", "run {run} stays 'incomplete' in {path} (its committed rows are kept)"),
    "goal_year_note": ("năm: {year} (năm mục tiêu gần nhất từ hôm nay; chọn năm khác bằng --year)", "year: {year} (the next target year on or after today; choose another with --year)"),
    "progress": ("{n} hồ sơ… {rate}/giây", "{n:record|records}… {rate}/s"),
    "progress.total": ("đang chấm: {n}/{total} hồ sơ ({percent}%)", "scoring: {n}/{total:record|records} ({percent}%)"),
    "progress.verify": ("đang kiểm tra lại: {n}/{total} dòng ({percent}%)", "re-checking: {n}/{total:row|rows} ({percent}%)"),
    "progress.about": ("≈{total}", "≈{total}"),
    "cli.took": (" (mất khoảng {time})", " (took about {time})"),
    "progress.left": ("{line}, còn khoảng {time}", "{line}, about {time} left"),
    "time.h": ("{n} giờ", "{n} h"),
    "time.min": ("{n} phút", "{n} min"),
    "time.s": ("{n} giây", "{n} s"),
    "no_record": ("không có hồ sơ mã '{id}' trong {files}", "no record with id '{id}' in {files}"),
    "verify.total_of_levels": ("{n} hồ sơ ghi tổng điểm tự đánh giá ({ids}) mà bộ tiêu chí này xếp theo mức, không cho điểm: "
                               "tổng điểm đó không được đối chiếu; ghi mức tự đánh giá vào cột 'Tự đánh giá (kết quả)' "
                               "(ví dụ 'Mức độ 1') và đạt/không đạt từng chỉ tiêu vào các cột 'Tự đánh giá <mã chỉ số>'",
                               "{n:record gives|records give} a self-assessed total ({ids}) but this pack grades by levels "
                               "and gives no points: that total is not compared; write the claimed level in the column "
                               "'Tự đánh giá (kết quả)' (e.g. 'Mức độ 1') and each indicator's met/not met in the columns "
                               "'Tự đánh giá <indicator id>'"),
    "no_claims_levels": ("không có cột tự đánh giá trong {files}: thêm cột tu_danh_gia_ket_qua (Tự đánh giá (kết quả)) hoặc "
                         "tu_danh_gia_<mã chỉ số> (Tự đánh giá 1.1); bộ tiêu chí này xếp theo mức, không cho điểm",
                         "no claimed-result column in {files}: add a column tu_danh_gia_ket_qua (Tự đánh giá (kết quả)) or "
                         "tu_danh_gia_<indicator id> (Tự đánh giá 1.1); this pack grades by levels and gives no points"),
    "no_claims": ("không có cột tự đánh giá trong {files}: thêm cột tu_danh_gia_tong (Tự đánh giá (tổng điểm)), tu_danh_gia_ket_qua (Tự đánh giá (kết quả)) hoặc tu_danh_gia_<mã chỉ số> (Tự đánh giá 1.1)",
                  "no claimed-result column in {files}: add a column tu_danh_gia_tong (Tự đánh giá (tổng điểm)), tu_danh_gia_ket_qua (Tự đánh giá (kết quả)) or tu_danh_gia_<indicator id> (Tự đánh giá 1.1)"),
    "usage.store_inputs": ("--store-inputs chỉ dùng cùng --store [PATH]", "--store-inputs only goes with --store [PATH]"),
    "usage.model_csv": ("'{criteria}' là một mô hình, nên ngày của từng hồ sơ có thể chọn bộ tiêu chí khác nhau, mà CSV/Excel chỉ có cột của một bộ: dùng --format jsonl hoặc json (mỗi kết quả ghi bộ tiêu chí của nó), hoặc ghi --as-of NGÀY",
                        "'{criteria}' is a model, so each record's date may choose a different pack, and CSV has one pack's columns: use --format jsonl or json (each result names its pack), or give --as-of DATE"),
    "usage.members_criteria": ("--members-criteria đi cùng --members TỆP", "--members-criteria goes with --members FILE"),
    "usage.no_cache_members": ("--no-cache chưa dùng được cùng --members: hãy chấm các đơn vị không có --no-cache",
                               "--no-cache does not combine with --members yet: score the units without it"),
    "usage.members_as_of": ("--members không đi cùng --as-of: hãy ghi chính bộ tiêu chí đơn vị (ví dụ don-vi-hoc-tap-tt24-tinh), không ghi mô hình và ngày",
                            "--members does not combine with --as-of: name the unit pack itself (e.g. don-vi-hoc-tap-tt24-tinh), not a model and a date"),
    "usage.cases_one": ("--cases đi cùng đúng một bộ tiêu chí: ghi bộ mà tệp tình huống kiểm tra", "--cases goes with exactly one PACK: name the pack the case file tests"),
    "usage.keep_store": ("--giu-cot với --store: các cột này là dữ liệu cá nhân; chỉ lưu khi có thêm --store-inputs", "--keep with --store: these columns are personal data; they are stored only with --store-inputs"),
    "usage.pdf_only_list": ("'{path}': lệnh này không tạo được PDF; PDF có ở 'hoctap report -o danh-sach.pdf' (danh sách đề nghị công nhận) và 'hoctap check --pdf'",
                            "'{path}': this command cannot write a PDF; PDFs come from 'hoctap report -o list.pdf' (the recognition list) and 'hoctap check --pdf'"),
    "usage.no_records": ("{files}: không có hồ sơ nào (chỉ có dòng tiêu đề, hoặc bảng trống), nên không ghi '{path}': "
                         "danh sách đề nghị công nhận sẽ không có ai để ký; hãy kiểm tra đúng tệp và đúng trang tính (--sheet)",
                         "{files}: no record in it (only a header row, or an empty table), so '{path}' is not written: "
                         "the recognition list would have no one to sign for; check the file and the sheet (--sheet)"),
    "usage.not_written": ("'{path}': lệnh này không ghi được tệp {suffix}; hãy đặt tên tệp {names}",
                          "'{path}': this command cannot write a {suffix} file; name the file {names}"),
    "usage.pdf_ext": ("--pdf {path}: hãy đặt tên tệp .pdf", "--pdf {path}: name the file .pdf"),
    "usage.save_ext": ("--luu {path}: câu trả lời được lưu thành tệp .yaml hoặc .json (để nạp lại bằng --answers)",
                       "--save {path}: answers are saved as a .yaml or .json file (to load again with --answers)"),
    "usage.bad_day": ("'{text}' không phải một ngày: ghi ngày/tháng/năm (01/12/2026), năm-tháng-ngày (2026-12-01) hoặc hom-nay",
                      "'{text}' is not a date: write day/month/year (01/12/2026), year-month-day (2026-12-01) or hom-nay (today)"),
    "usage.sort_column": ("--sap-xep '{name}': danh sách chỉ có các cột {columns}; hãy thêm --by '{name}' (hoặc --giu-cot '{name}') để danh sách mang cột này",
                          "--sort '{name}': the list carries only {columns}; add --by '{name}' (or --keep '{name}') so that the list carries it"),
    "usage.xls": ("'{path}': không ghi được định dạng {kind} ({suffix}): hãy đặt tên tệp .xlsx", "'{path}': the {kind} format ({suffix}) cannot be written: name the file .xlsx"),
    "fmt.xls": ("Excel cũ", "old Excel"), "fmt.xlsm": ("Excel có macro", "macro-enabled Excel"),
    "fmt.xlsb": ("Excel nhị phân", "Excel binary"), "fmt.ods": ("OpenDocument (LibreOffice, OpenOffice)", "OpenDocument (LibreOffice, OpenOffice)"),
    "usage.template_ext": ("tệp mẫu là sổ Excel: hãy đặt tên tệp .xlsx, không phải '{path}'", "a template is an Excel workbook: name the file .xlsx, not '{path}'"),
    "usage.output_exists": ("'{path}' đã có: hoctap không ghi đè tệp có sẵn; hãy chọn tên khác, hoặc thêm --ghi-de để thay "
                            "tệp đó bằng kết quả mới (chưa có gì được đọc hay ghi)",
                            "'{path}' exists: hoctap never overwrites a file unasked; choose another name, or add "
                            "--overwrite to replace it (nothing was read or written)"),
    "usage.exists": ("'{path}' đã có: không ghi đè lên tệp của người dùng; hãy chọn tên khác", "'{path}' exists: a user's file is never overwritten; choose another name"),
    # answers (self-check)
    "ans.unknown_type": ("loại tệp '{suffix}' không đọc được: dùng .yaml, .yml hoặc .json", "unknown file type '{suffix}': use .yaml, .yml or .json"),
    "ans.empty": ("tệp trống: ghi mỗi câu trả lời một dòng, ví dụ '\"2.2\": 7'", "the file is empty: write one answer per line, e.g. '\"2.2\": 7'"),
    "ans.not_mapping": ("cần một bảng câu hỏi → câu trả lời (ví dụ '\"2.2\": 7'), không phải một {kind}", "expected one mapping of question to answer (e.g. '\"2.2\": 7'), not a {kind}"),
    "ans.twice": ("dòng {line}: '{key}' được trả lời hai lần (dòng {first} và {line}): giữ một", "line {line}: '{key}' is answered twice (lines {first} and {line}): keep one"),
    "ans.yaml": ("{where}không phải YAML hợp lệ: {reason}", "{where}not valid YAML: {reason}"),
    "ans.line": ("dòng {line}: ", "line {line}: "),
    "ans.not_utf8": ("không phải văn bản UTF-8 (vị trí {offset}): hãy lưu tệp dạng UTF-8", "not UTF-8 text (offset {offset}): save the file as UTF-8"),
    "check.no_pack_today": ("không có bộ tiêu chí nào của mô hình '{model}' có hiệu lực hôm nay ({on}): gần nhất {nearest}. "
                            "Hãy ghi rõ tên bộ tiêu chí muốn tự kiểm tra ('hoctap packs' liệt kê)",
                            "no criteria pack of the model '{model}' is in force today ({on}): nearest {nearest}. "
                            "Name the criteria pack to self-check ('hoctap packs' lists them)"),
    "ans.saved": ("đã lưu câu trả lời vào {path} (chạy lại: hoctap check -c {pack} --answers {path})", "saved the answers in {path} (run again: hoctap check -c {pack} --answers {path})"),
    # engine
    "engine.worker": ("một tiến trình chấm điểm dừng bất ngờ (bị dừng, hết bộ nhớ, hoặc không khởi động được): chạy lại với --jobs 1 để biết thêm",
                      "a scoring process stopped unexpectedly (killed, out of memory, or it could not start): run again with --jobs 1 to learn more"),
    # command line (cli.py): the last-resort errors, the run store's paths, the server
    "cli.broken_pipe": ("đầu ra chuẩn (stdout) đã đóng trước khi ghi xong (ví dụ '| head'), nên kết quả không đầy đủ: ghi kết quả ra tệp bằng -o TỆP",
                        "standard output (stdout) was closed before everything was written (e.g. '| head'), so the results are incomplete: write them to a file with -o FILE"),
    "cli.disk_full": ("không ghi được{where}: ổ đĩa đầy; không tệp nào bị ghi dở: giải phóng dung lượng hoặc ghi ra nơi khác bằng -o TỆP",
                      "could not write{where}: the disk is full (No space left on device); no file was left half-written: free some space or write elsewhere with -o FILE"),
    "cli.os_error": ("không đọc hay ghi được{where}: {reason}: kiểm tra tệp, thư mục và quyền",
                     "could not read or write{where}: {reason}: check the file, the folder and the permissions"),
    "cli.memory": ("hết bộ nhớ: chia tệp thành nhiều tệp nhỏ hơn, hoặc báo lỗi này kèm tệp gây ra nó",
                   "out of memory: split the file into smaller files, or report this with the file that caused it"),
    "cli.too_deep": ("dữ liệu lồng nhau quá sâu để đọc: kiểm tra tệp đầu vào (dấu [ {{ thừa?)",
                     "the data is nested too deep to read: check the input file (a stray [ or {{?)"),
    "cli.internal": ("lỗi nội bộ (internal error) {kind}: {detail} — đây là lỗi của hoctap, không phải của dữ liệu: hãy báo lỗi kèm lệnh đã chạy (HOCTAP_DEBUG=1 in chi tiết)",
                     "internal error {kind}: {detail} — a defect of hoctap, not of the data: please report it with the command you ran (HOCTAP_DEBUG=1 prints the details)"),
    "cli.store_is_input": ("--store {store} là tệp đầu vào {path}: kho lưu không được ghi đè lên tệp hồ sơ; chọn tên khác, ví dụ --store={default}",
                           "--store {store} is the input file {path}: the run store must not overwrite a records file; choose another name, e.g. --store={default}"),
    "cli.store_is_output": ("--store {store} và --output {output} là cùng một tệp: chọn hai tên khác nhau",
                            "--store {store} and --output {output} are the same file: choose two different names"),
    "run.dated": ("{text} Mọi hồ sơ có ngày đánh giá sau {day} (như {id}) vẫn được chấm theo '{pack}' nhưng kèm cảnh báo này (trường 'warnings' trong JSON).",
                  "{text} Every record dated after {day} (such as {id}) is still scored with '{pack}' but carries this warning ('warnings' in JSON)."),
    "run.out_of_period": ("Có hồ sơ được đánh giá ngoài thời gian hiệu lực của bộ tiêu chí '{pack}' ({period}), như {id} (ngày đánh giá {on}, theo {source}): "
                          "vẫn được chấm theo '{pack}' vì bộ được ghi rõ tên, nhưng kèm cảnh báo (trường 'warnings' trong JSON). Để chọn bộ "
                          "tiêu chí có hiệu lực vào ngày đánh giá của từng hồ sơ, ghi tên mô hình (ví dụ {model}; 'hoctap packs' liệt kê các mô hình) với --as-of record.",
                          "Some records were assessed outside the period of criteria pack '{pack}' ({period}), such as {id} (assessment date {on}, from {source}): "
                          "they are still scored with '{pack}' because the pack was named, but carry a warning ('warnings' in JSON). To choose "
                          "the pack in force on each record's assessment date, name the model (e.g. {model}; 'hoctap packs' lists the models) with --as-of record."),
    "cli.model_one_pack": ("'{name}' là một mô hình: mỗi hồ sơ chọn bộ tiêu chí theo ngày đánh giá của nó, còn {what} đếm theo kết quả của một bộ tiêu chí. Thêm --as-of NGÀY hoặc ghi tên bộ tiêu chí (hoctap packs)",
                           "'{name}' is a model: each record chooses its criteria pack by its assessment date, while {what} counts the outcomes of one pack. Add --as-of DATE or name the pack (hoctap packs)"),
    "cli.member": ("thành viên", "member"), "cli.member_of": ("thành viên {unit}", "member of {unit}"),
    "cli.rows_headers": ("dòng|loại dòng|nơi|mã hồ sơ|kết quả|tổng điểm|mã kết quả|lỗi", "row|row kind|where|record id|outcome|total|result id|error"),
    "cli.seal": ("Mã niêm phong của lượt chấm: {seal}", "Run seal: {seal}"),
    "cli.no_seal": ("(chưa có: lượt chưa xong)", "(none yet: the run is not complete)"),
    "cli.remote_refused": ("--host {host} cho phép máy khác truy cập máy chủ (hồ sơ là dữ liệu cá nhân): thêm --allow-remote nếu thật sự muốn, hoặc giữ mặc định 127.0.0.1",
                           "--host {host} would let other machines reach the server (records are personal data): add --allow-remote to mean it, or keep the default 127.0.0.1"),
    "cli.remote_warning": ("CẢNH BÁO: đang nghe tại {host}: ai truy cập được địa chỉ này đều dùng được các trang và thấy được tệp tải lên; không có đăng nhập",
                           "warning: listening on {host}: anyone who can reach this address can use the pages and see what is uploaded; there is no login"),
    "cli.port_busy": ("cổng {port} tại {host} đang được một chương trình khác dùng (có thể là một 'hoctap serve' đang chạy): hãy chọn cổng khác, ví dụ --port {other}",
                      "port {port} on {host} is already in use by another program (perhaps a running 'hoctap serve'): choose another port, e.g. --port {other}"),
    "cli.cannot_listen": ("không mở được máy chủ tại {host}, cổng {port}: {reason}: hãy kiểm tra --host và --port",
                          "cannot listen on {host}, port {port}: {reason}: check --host and --port"),
    "cli.swept": ("đã xoá {n} thư mục tạm (tệp tải lên, tài liệu) mà một máy chủ hoctap bị dừng đột ngột để lại",
                  "deleted {n:temporary folder|temporary folders} (uploads, documents) left by a hoctap server stopped outright"),
    "cli.serving": ("hoctap đang chạy tại {url} (tiếng Anh: {url}?lang=en) — Ctrl-C để dừng",
                    "hoctap is running at {url} (Vietnamese: {url}?lang=vi) — Ctrl-C to stop"),
    "xl.unread": ("{file}: trang tính {names} cũng có bảng dữ liệu nhưng KHÔNG được đọc (chỉ đọc trang '{read}'): {fix}",
                  "{file}: {n:|sheet|sheets} {names} also {n:|holds|hold} a table but {n:|was|were} NOT read (only '{read}' was): {fix}"),
    "xl.unread_fix": ("thêm --sheet '*' để đọc mọi trang, hoặc --sheet TÊN cho từng trang cần đọc",
                      "add --sheet '*' to read every visible sheet, or --sheet NAME for each one"),
    # what the web page says instead of the command-line instructions above (a web user has no terminal):
    # the template link and the sheet box beside the message (scoring/web/council.py, for_the_page)
    "web.no_known_column_hint": ("kiểm tra dòng tiêu đề, hoặc tải tệp mẫu Excel bằng liên kết «Tải tệp mẫu Excel của bộ tiêu chí "
                                 "{pack}» ngay dưới đây",
                                 "check the header row, or download the Excel template with the link “Download the Excel "
                                 "template of the pack {pack}” just below"),
    "web.header_template": ("(tệp mẫu: liên kết «Tải tệp mẫu Excel của bộ tiêu chí {pack}» ngay dưới đây)",
                            "(the link “Download the Excel template of the pack {pack}” just below)"),
    "web.check_sheet": ("hãy kiểm tra trang (ô «Tên trang tính») và tên cột", "check the sheet (the “Sheet name” box) and the column names"),
    "web.unread_fix": ("ghi * vào ô «Tên trang tính» để đọc mọi trang, hoặc ghi tên trang cần đọc",
                       "type * in the “Sheet name” box to read every visible sheet, or the name of the sheet to read"),
    "xl.sheet_no_workbook": ("--sheet {sheet} chỉ dùng cho tệp Excel (.xlsx): không tệp nào đã cho là sổ Excel, nên --sheet bị bỏ qua",
                             "--sheet {sheet} applies to Excel files (.xlsx) only: none of the files given is a workbook, so --sheet is ignored"),
    "explain.applies_only": ("chỉ áp dụng khi {input} là một trong: {values}; hồ sơ ghi {value}",
                             "applies only when {input} is one of: {values}; the record has {value}"),
    "explain.applies_except": ("không áp dụng khi {input} là một trong: {values}; hồ sơ ghi {value}",
                               "does not apply when {input} is one of: {values}; the record has {value}"),
    "explain.not_applicable": ("Không áp dụng vì {input} là “{value}” ({n} chỉ tiêu): {labels}",
                               "Not applicable because {input} is “{value}” ({n:indicator|indicators}): {labels}"),
    # where a blank decides: whose rule it is that a blank counts as not met (the pack's blank_not_met)
    "explain.blank_text": ("Chỉ tiêu để trống (chưa có số liệu) được tính là không đạt theo {cite}.",
                           "An indicator left blank (no value) counts as not met under {cite}."),
    "explain.blank_reading": ("Chỉ tiêu để trống (chưa có số liệu) được tính là không đạt theo cách hiểu của bộ tiêu chí, không phải "
                              "theo văn bản: {document} không có quy định “không có minh chứng thì không đạt”.",
                              "An indicator left blank (no value) counts as not met by this pack's reading, not by the text: {document} "
                              "has no “no evidence = not met” clause."),
    "explain.note": ("ghi chú của bộ tiêu chí: {note}", "the pack's note: {note}"),
    "xl.merged": ("{file}: trang tính '{name}': ô gộp theo cột {cells}: mỗi dòng của vùng gộp được đọc với giá trị của ô đầu "
                  "(như Excel hiển thị)", "{file}: sheet '{name}': cells merged down {cells}: each row of a merge is read "
                  "with its first cell's value (as Excel shows it)"),
    "xl.hidden_columns": ("{where}: {n} cột bị ẩn vẫn được đọc và chấm: {cells}: bỏ ẩn để xem giá trị trong đó, hoặc xoá "
                          "cột nếu không muốn dùng",
                          "{where}: {n:hidden column is|hidden columns are} read and scored all the same: {cells}: unhide "
                          "to see the values, or delete a column that should not be used"),
    "xl.hidden_rows": ("{file}: trang tính '{name}' có {n} hàng bị ẩn (dòng {rows}) vẫn được chấm: bỏ ẩn để xem, "
                       "hoặc xoá hàng nếu không muốn chấm",
                       "{file}: sheet '{name}' has {n:hidden row|hidden rows} ({n:|row|rows} {rows}), scored all the same: unhide "
                       "{n:|it|them} to see {n:|it|them}, or delete {n:|the row if it|the rows that} should not be scored"),
    "xl.no_table": ("{file}: trang tính '{name}' không có bảng hồ sơ (không thấy dòng tiêu đề cột): bỏ qua trang này",
                    "{file}: sheet '{name}' holds no records table (no header row found): skipped"),
    "engine.limit": ("quy tắc '{rule}' {problem}: giảm số giá trị trong 'applies_to' hoặc số dòng của bảng 'graded' của chỉ số này, hoặc tách chỉ số thành nhiều chỉ số",
                     "rule '{rule}' {problem}: use fewer values in 'applies_to' or fewer rows in this indicator's 'graded' table, or split the indicator into several"),
    "engine.limit_groups": ("cần {n} nhóm quy tắc, quá giới hạn {limit} nhóm của bộ máy luật (durable-rules)",
                            "needs {n} rule groups, over the rules engine's (durable-rules) limit of {limit}"),
    "engine.limit_fanout": ("có {n} điều kiện ngang hàng (ví dụ {n} giá trị trong 'applies_to'), quá giới hạn {limit} của bộ máy luật (durable-rules)",
                            "has {n:side-by-side condition|side-by-side conditions} (e.g. {n:value|values} in 'applies_to'), over the rules engine's (durable-rules) limit of {limit}"),
    "engine.limit_stack": ("cần tới {n} điều kiện khớp cùng lúc trên một dữ kiện, quá giới hạn {limit} mà bộ máy luật (durable-rules) xử lý an toàn",
                           "needs {n:condition|conditions} matched at once on one fact, over the {limit} the rules engine (durable-rules) handles safely"),
    "engine.limit_fields": ("đọc {n} trường, quá giới hạn {limit} trường một dữ kiện của bộ máy luật (durable-rules)",
                            "reads {n:field|fields}, over the rules engine's (durable-rules) limit of {limit:field|fields} per fact"),
    # audit replay (audit/replay.py, audit/store.py): what 'hoctap audit verify' and 'audit show' print
    "au.differs": ("KHÁC {result_id} (lượt {run}, dòng {row}, mã hồ sơ {record})", "DIFFERS {result_id} (run {run}, row {row}, record id {record})"),
    "au.differs_member": ("KHÁC {result_id} (lượt {run}, dòng {row}, dòng thành viên, mã hồ sơ {record})",
                          "DIFFERS {result_id} (run {run}, row {row}, a member's row, record id {record})"),
    "au.pack_missing": ("văn bản bộ tiêu chí {sha}… không có trong kho", "the text of criteria pack {sha}… is not in the store"),
    "au.base_pack": ("bộ tiêu chí gốc của {sha}…: {problem}", "the base pack of {sha}…: {problem}"),
    "au.stored_pack_file": ("<bộ tiêu chí đã lưu {sha}>", "<stored pack {sha}>"),
    "au.pack_unloadable": ("văn bản bộ tiêu chí đã lưu {sha}… không còn nạp được: {error}", "the stored text of criteria pack {sha}… no longer loads: {error}"),
    "au.pack_hash": ("văn bản bộ tiêu chí đã lưu có mã băm {got}…, không phải {want}… (bị sửa trong kho?)",
                     "the stored pack text hashes to {got}…, not {want}… (altered in the store?)"),
    "au.values_count": ("dòng đã lưu có {n} giá trị đầu vào, nhưng bộ tiêu chí đã lưu có {inputs} giá trị đầu vào: dòng bị sửa trong kho?",
                        "the stored row has {n:input value|input values}, but the stored pack has {inputs:input|inputs}: was the row altered in the store?"),
    "au.no_values": ("dòng đã lưu không có giá trị đầu vào nào: dòng bị sửa trong kho?", "the stored row has no input values: was the row altered in the store?"),
    "au.row_unreadable": ("dòng đã lưu không đọc được: bị sửa trong kho? (chi tiết kỹ thuật: {error})",
                          "the stored row cannot be read: altered in the store? (technical detail: {error})"),
    "au.cannot_rescore": ("chấm lại không được: {error}", "cannot score it again: {error}"),
    "au.scored_no_pack": ("một dòng đã chấm phải có bộ tiêu chí: bị sửa trong kho?", "a scored row must name its criteria pack: altered in the store?"),
    "au.input_hash": ("input_sha256: đầu vào đã lưu có mã băm {got}…, không phải {want}… (đầu vào bị sửa trong kho?)",
                      "input_sha256: the stored inputs hash to {got}…, not {want}… (inputs altered in the store?)"),
    "au.no_inputs_not_rejected": ("một dòng không có đầu vào phải là dòng bị từ chối (có lỗi, không có kết quả): bị sửa trong kho?",
                                  "a row without inputs must be a rejected row (an error, no outcome): altered in the store?"),
    "au.not_rejected_id": ("mã kết quả không phải của một dòng bị từ chối: một kết quả đã chấm bị đổi thành dòng bị từ chối "
                           "hoặc bị xoá đầu vào (bị sửa trong kho?)",
                           "the result id is not that of a rejected row: a scored result was turned into a rejected row "
                           "or had its inputs removed (altered in the store?)"),
    "au.raw_hash": ("raw_sha256: dòng gốc đã lưu không khớp raw_sha256 (bị sửa trong kho?)",
                    "raw_sha256: the stored original row does not match raw_sha256 (altered in the store?)"),
    "au.column": ("{column}: đã lưu {stored}, chấm lại {fresh}", "{column}: stored {stored}, scored again {fresh}"),
    "au.blank": ("(trống)", "(none)"),
    "au.col_outcome": ("kết quả", "outcome"), "au.col_total": ("tổng điểm", "total"),
    "au.col_record_id": ("mã hồ sơ", "record id"), "au.col_result_id": ("mã kết quả", "result id"),
    "au.output_hash": ("output_sha256: kết quả và lời giải thích chấm lại có mã băm {got}…, lượt chấm đã ghi {want}… "
                       "(dòng bị sửa trong kho, ở một cột mà chỉ mã băm này kiểm: nơi của dòng (where_), lý do bị loại (error), "
                       "nguồn của ngày đánh giá (as_of_source), mã băm này; hoặc bản hoctap này cho kết quả khác)",
                       "output_sha256: the result and explanation scored again hash to {got}…, the run wrote {want}… "
                       "(the row was altered in the store, in a column only this hash checks: the row's place (where_), "
                       "why it was rejected (error), where its assessment date came from (as_of_source), this hash; "
                       "or this hoctap gives other results)"),
    "au.seal_in_no_run": ("không lượt chấm nào trong kho cho mã niêm phong {given} ghi trong biên bản: kho không có lượt chấm ấy, "
                          "hoặc lượt ấy bị sửa sau khi chấm; ghi thêm mã lượt chấm (hoctap audit verify MÃ_LƯỢT --seal …) để kiểm đúng lượt ấy",
                          "no run in the store gives the seal {given} written in the minutes: the store does not hold that run, "
                          "or it was altered after scoring; give the run id too (hoctap audit verify RUN_ID --seal …) to check that run"),
    "au.tail_seal_in_no_run": ("mã niêm phong trong biên bản không khớp lượt nào", "the seal in the minutes matches no run"),
    "au.seal_given": ("mã niêm phong tính lại từ kho là {seal}, không phải mã đã ghi {given}: kho không phải là kho của lượt chấm ấy",
                      "the seal recomputed from the store is {seal}, not the one written down, {given}: this is not that run's store"),
    "au.no_seal_unfinished": ("(không có: lượt chưa xong)", "(none: the run did not finish)"),
    "au.members_share": ("{name} (cột '{input}', tính từ thành viên): đã lưu {stored}, các dòng thành viên đã lưu cho {counted} (dòng thành viên bị sửa, thêm hoặc xoá?)",
                         "{name} (column '{input}', computed from members): stored {stored}, the stored member rows give {counted} (member rows altered, added or removed?)"),
    "au.in_words": ("{vi}", "{en}"),
    "au.unsealed": ("chưa niêm phong: lượt chấm chưa xong, nên không chứng minh được kho còn đủ các dòng của lượt "
                    "(dòng có thể thiếu vì tiến trình chấm dừng giữa chừng, hoặc bị xoá)",
                    "not sealed: the run did not finish, so the store cannot be proven to hold all the run's rows "
                    "(rows may be missing because the scoring stopped, or removed)"),
    "au.checkpoint_ok": ("điểm kiểm tra cuối: {rows} dòng (khớp{signed})", "last checkpoint: {rows:row|rows} (matches{signed})"),
    "au.signed_ok": (", chữ ký khớp", ", signature matches"),
    "au.signed_unchecked": ("; có chữ ký HMAC: đặt {var} để kiểm tra chữ ký", "; signed with HMAC: set {var} to check the signature"),
    "au.finished_marked_unfinished": ("lượt chấm đã xong (điểm kiểm tra cuối ghi như vậy) nhưng bị đánh dấu chưa xong: niêm phong "
                                      "và phần cuối của lượt bị xoá sau khi chấm",
                                      "the run finished (its last checkpoint says so) but is marked unfinished: its seal and end "
                                      "record were removed after scoring"),
    "au.checkpoint_rows": ("điểm kiểm tra cuối ghi {rows} dòng, kho giữ {stored} dòng: dòng bị thêm hoặc xoá sau lần ghi cuối của lượt",
                           "the last checkpoint recorded {rows:row|rows}, the store holds {stored}: rows added or removed after the run's last write"),
    "au.checkpoint_edited": ("{rows} dòng đã lưu không cho mã của điểm kiểm tra cuối: dòng bị sửa sau lần ghi cuối của lượt",
                             "the {rows:stored row does|stored rows do} not give the last checkpoint's hash: rows altered after the run's last write"),
    "au.checkpoint_not_signed": ("chữ ký: lượt chấm chưa xong không có điểm kiểm tra có chữ ký, dù {var} đã được đặt "
                                 "(lượt của bản hoctap trước khi có điểm kiểm tra, hoặc chữ ký bị xoá)",
                                 "signature: the unfinished run has no signed checkpoint, although {var} is set "
                                 "(a run of a hoctap before checkpoints, or the signature was removed)"),
    "au.checkpoint_bad_signature": ("chữ ký: điểm kiểm tra cuối không khớp với khoá trong {var} (điểm kiểm tra bị làm lại, hoặc khoá khác)",
                                    "signature: the last checkpoint does not match the key in {var} (it was redone, or another key)"),
    "au.why_header": ("phần đầu của lượt chấm (lệnh, thời điểm bắt đầu, bộ máy, tệp đầu vào) bị sửa sau khi chấm",
                      "the run's header (command, start time, engine, input files) was altered after scoring"),
    "au.why_rows": ("các dòng đã lưu bị sửa, thêm hoặc xoá sau khi chấm", "stored rows altered, added or removed after scoring"),
    "au.why_end": ("phần cuối của lượt chấm (thời điểm xong, số dòng đã đếm) bị sửa sau khi chấm",
                   "the run's end record (finish time, counts) was altered after scoring"),
    "au.why_unknown": ("phần đầu của lượt chấm hoặc các dòng đã lưu bị sửa, thêm hoặc xoá sau khi chấm (lượt ghi bởi bản hoctap "
                       "trước khi có điểm kiểm tra: không phân biệt được)",
                       "the run's header or its stored rows were altered, added or removed after scoring (a run stored by a "
                       "hoctap before checkpoints: the two cannot be told apart)"),
    "au.seal_differs": ("mã niêm phong: kho cho {seal}, lượt chấm đã niêm phong {stored}: {why}",
                        "seal: the store gives {seal}, the run sealed {stored}: {why}"),
    "au.run_column": ("runs.{column} ({what}): kho ghi {stored}, lượt chấm đã niêm phong cho {fresh}: cột này bị sửa sau khi chấm, "
                      "hoặc lượt chấm bị sửa rồi được niêm phong lại",
                      "runs.{column} ({what}): the store records {stored}, the sealed run gives {fresh}: this column was altered "
                      "after scoring, or the run was altered and sealed again"),
    "au.run_col_head": ("mã phần đầu của lượt", "the hash of the run's header"),
    "au.run_col_checkpoint_rows": ("số dòng của điểm kiểm tra cuối", "the row count of the last checkpoint"),
    "au.run_col_checkpoint": ("mã điểm kiểm tra cuối", "the hash of the last checkpoint"),
    "au.run_col_checkpoint_signature": ("chữ ký của điểm kiểm tra cuối", "the signature of the last checkpoint"),
    "au.tail_run_columns": ("mã phần đầu hoặc điểm kiểm tra cuối của lượt đã niêm phong bị sửa",
                            "a sealed run's header hash or last checkpoint was altered"),
    "au.signed_no_key": ("có chữ ký HMAC: đặt {var} để kiểm tra chữ ký", "signed with HMAC: set {var} to check the signature"),
    "au.not_signed": ("chữ ký: lượt chấm không được ký, dù {var} đã được đặt", "signature: the run is not signed, although {var} is set"),
    "au.bad_signature": ("chữ ký: không khớp với khoá trong {var} (niêm phong bị làm lại, hoặc khoá khác)",
                         "signature: does not match the key in {var} (the seal was redone, or another key)"),
    "au.state_complete": ("hoàn tất", "complete"),
    "au.state_incomplete": ("CHƯA XONG (tiến trình chấm dừng trước khi hết)", "INCOMPLETE (the scoring process stopped before the end)"),
    "au.state_incomplete_short": ("CHƯA XONG", "INCOMPLETE"),
    "au.run_line": ("lượt {run}: {state}; {stored} dòng đã lưu: {reproduced} tái lập đúng, {differ} khác, {not_replayed} dòng bị từ chối không chấm lại",
                    "run {run}: {state}; {stored:row|rows} stored: {reproduced} reproduce, {differ} differ, {not_replayed:rejected row|rejected rows} not scored again"),
    "au.run_unchecked": (", {n} không kiểm lại được (bộ tiêu chí đã lưu bị sửa)", ", {n} not checked (stored pack altered)"),
    "au.run_members": ("; {n} dòng thành viên", "; {n:member row|member rows}"),
    "au.shares_unchecked": ("  tỉ lệ thành viên của {n} đơn vị không đếm lại được: các dòng thành viên chấm theo bộ tiêu chí có văn bản đã lưu bị sửa ({packs}), nên không chấm lại được",
                            "  the member shares of {n:unit|units} cannot be recounted: the member rows were scored with a pack whose stored text was altered ({packs}), so they cannot be scored again"),
    "au.run_members_differ": ("; {n} dòng thành viên: {reproduced} tái lập đúng, {differ} khác",
                              "; {n:member row|member rows}: {reproduced} reproduce, {differ} differ"),
    "au.seal_ok": ("  mã niêm phong: {seal} (khớp)", "  seal: {seal} (matches)"),
    "au.seal_signed_ok": ("  mã niêm phong: {seal} (khớp, chữ ký khớp)", "  seal: {seal} (matches, signature matches)"),
    "au.engines": ("  chấm bằng {then}; chấm lại bằng {now}", "  scored with {then}; scored again with {now}"),
    "au.counts_differ": ("  lượt chấm ghi {read} dòng đọc ({scored} đã chấm, {rejected} bị từ chối) nhưng kho giữ {stored} "
                         "({stored_scored} đã chấm, {stored_rejected} bị từ chối): dòng bị xoá hoặc sửa?",
                         "  the run recorded {read:row|rows} read ({scored} scored, {rejected} rejected) but the store holds {stored} "
                         "({stored_scored} scored, {stored_rejected} rejected): rows removed or altered?"),
    "au.gaps": ("  không còn trong kho: {gaps}{more}; lượt chấm đánh số các dòng liền nhau từ 1, nên dòng thiếu là dòng bị xoá khỏi kho",
                "  no longer in the store: {gaps}{more}; a run numbers its rows one after another from 1, so a missing row was removed from the store"),
    "au.rows_beyond": ("  kho có dòng số {last} mà lượt chấm chỉ ghi {expected} dòng: dòng được thêm hoặc đánh số lại trong kho",
                       "  the store has row number {last} but the run recorded {expected:row|rows}: a row added or renumbered in the store"),
    "au.gaps_more": (" và {n} chỗ thiếu khác", " and {n:other gap|other gaps}"),
    "au.gap_row": ("dòng {row}", "row {row}"),
    "au.gap_rows": ("các dòng {first}–{last}", "rows {first}–{last}"),
    "au.gap_between": ("{rows} (giữa {before} và {after})", "{rows} (between {before} and {after})"),
    "au.gap_after": ("{rows} (sau {before})", "{rows} (after {before})"),
    "au.gap_before": ("{rows} (trước {after})", "{rows} (before {after})"),
    "au.tail_counts": ("số dòng đã lưu không khớp với số lượt chấm đã ghi", "the stored rows do not add up to the counts the run recorded"),
    "au.tail_differ": ("{n} kết quả khác", "{n:result differs|results differ}"),
    "au.tail_all_reproduce": ("mọi kết quả tái lập đúng", "every result reproduces"),
    "au.tail_seal": ("; niêm phong không khớp", "; the seal does not match"),
    "au.header_explains": ("  {n} dòng cho kết quả khác lúc chấm chỉ ở mã băm (output_sha256): các dòng đã lưu vẫn như lúc chấm (điểm kiểm tra cuối khớp), "
                           "nhưng thời điểm bắt đầu và bộ máy ghi ở phần đầu của lượt chấm, vốn có trong từng kết quả, đã bị sửa; sửa lại phần đầu cho đúng, hoặc so với bản sao của kho",
                           "  {n:row gives|rows give} another result than when scored only in the hash (output_sha256): the stored rows are as they were (the last checkpoint matches), "
                           "but the start time and engine in the run's header, which every result carries, were edited; put the header right, or compare with a copy of the store"),
    "au.tail_signature": ("; chữ ký của niêm phong không khớp hoặc thiếu", "; a seal's signature does not match or is missing"),
    "au.tail_checkpoint": ("; điểm kiểm tra của lượt chưa xong không khớp", "; the unfinished run's checkpoint does not match"),
    "au.tail_pack_altered": ("văn bản bộ tiêu chí đã lưu bị sửa", "a stored pack text was altered"),
    "au.tail_pack_identity": ("mã hoặc phiên bản của bộ tiêu chí đã lưu bị sửa", "a stored pack's id or version was altered"),
    "au.tail_schema": ("cấu trúc của kho bị sửa", "the store's structure was altered"),
    "au.schema_extra": ("có {kind} '{name}' mà hoctap không tạo ({sql}): kho bị sửa bằng tay? Một trigger có thể âm thầm sửa các dòng được lưu sau; dùng bản sao kho chưa bị sửa",
                        "there is a {kind} '{name}' that hoctap does not create ({sql}): was the store edited by hand? A trigger can silently change rows stored later; use an unaltered copy of the store"),
    "au.schema_missing": ("thiếu {kind} '{name}' mà hoctap tạo: kho bị sửa bằng tay?", "the {kind} '{name}' that hoctap creates is missing: was the store edited by hand?"),
    "au.schema_columns": ("bảng '{table}' có cột mà hoctap không tạo: {columns}: kho bị sửa bằng tay?", "table '{table}' has columns hoctap does not create: {columns}: was the store edited by hand?"),
    "au.schema_no_columns": ("bảng '{table}' thiếu cột mà hoctap tạo: {columns}: kho bị sửa bằng tay?", "table '{table}' lacks columns hoctap creates: {columns}: was the store edited by hand?"),
    "au.kind_table": ("bảng", "table"), "au.kind_index": ("chỉ mục", "index"), "au.kind_trigger": ("trigger", "trigger"),
    "au.kind_view": ("view", "view"),
    "au.pack_identity": ("bộ tiêu chí đã lưu {sha}… được ghi là {id} {version}, nhưng văn bản của nó là {own_id} {own_version}: cột id/version của bảng packs bị sửa",
                         "the stored pack {sha}… is recorded as {id} {version}, but its text is {own_id} {own_version}: the id/version columns of the packs table were altered"),
    "au.tail_store": ("kho có dấu vết bị xoá lượt chấm", "the store shows runs removed from it"),
    "au.store_problem": ("kho: {problem}", "store: {problem}"),
    "au.orphans": ("có {n} dòng kết quả của lượt số {run_no}, lượt này không còn trong kho (bị xoá?)",
                   "{n:result row|result rows} of run number {run_no}, a run no longer in the store (removed?)"),
    "au.run_missing": ("không có lượt số {run_no} (các lượt được đánh số liên tiếp: lượt bị xoá?)",
                       "there is no run number {run_no} (runs are numbered in sequence: a run removed?)"),
    "au.pack_altered": ("văn bản bộ tiêu chí {id} {version} đã lưu bị sửa (SHA-256 không khớp), văn bản không còn cho mã đã ghi {sha}…: "
                        "các dòng chấm theo nó không kiểm lại được",
                        "the stored text of criteria pack {id} {version} was altered (its SHA-256 does not match): the text no longer "
                        "gives the recorded {sha}…, so the rows scored with it cannot be checked again"),
    "au.pack_rows_unchecked": ("  {n} dòng chấm theo bộ tiêu chí này không kiểm lại được ({id} {version}, văn bản đã lưu bị sửa), "
                               "ví dụ: {examples}",
                               "  {n:row|rows} scored with this criteria pack cannot be checked again ({id} {version}, stored text altered), "
                               "for example: {examples}"),
    "au.example_row": ("dòng {row} (mã hồ sơ {record})", "row {row} (record id {record})"),
    "au.tail_unfinished": ("mọi kết quả đã lưu đều tái lập đúng, nhưng {n} lượt chưa xong không chứng minh được là đủ dòng",
                           "every stored result reproduces, but {n:unfinished run|unfinished runs} cannot be proven whole"),
    "au.tail_ok": ("mọi kết quả đã lưu đều tái lập đúng", "every stored result reproduces"),
    "au.tail_no_runs": ("kho không có lượt chấm nào, không có gì để kiểm tra", "the store holds no run, there is nothing to check"),
    "au.packs_without_runs": ("có {n} văn bản bộ tiêu chí nhưng không có lượt chấm nào (hoctap chỉ lưu bộ tiêu chí cùng lượt chấm "
                              "dùng nó, và không bao giờ xoá lượt chấm): các lượt chấm đã bị xoá khỏi kho; đối chiếu với bản sao của kho",
                              "the store holds {n:pack text|pack texts} but no run (hoctap stores a pack only with the run that uses "
                              "it, and never deletes a run): the runs were deleted from the store; compare with a copy of the store"),
    "au.checked": ("{n} lượt đã kiểm tra: {tail}", "{n:run|runs} checked: {tail}"),
    "au.in_file_not_store": ("{where} (mã {id}): dòng có trong tệp nhưng không có trong lượt chấm đã lưu", "{where} (id {id}): the row is in the file but not in the stored run"),
    "au.row_moved_of": ("{where} (mã {id}, nay ở {now}): {problem}", "{where} (id {id}, now at {now}): {problem}"),
    "au.row_moved": ("{where} (mã {id}): cùng nội dung, chỉ đổi vị trí, nay ở {now}", "{where} (id {id}): same content, only moved, now at {now}"),
    "au.against_moved": ("so với tệp gốc: {n} dòng chỉ đổi vị trí trong tệp (cùng mã, cùng nội dung); thứ tự dòng không đổi kết quả nào",
                         "against the original files: {n:row only moved|rows only moved} within the file (same id, same content); the order of rows changes no result"),
    "au.row_of": ("{where} (mã {id}): {problem}", "{where} (id {id}): {problem}"),
    "au.now_skipped": ("{where} (mã {id}): bị loại khi chấm, nay không được đọc là hồ sơ (dòng tiêu đề lặp lại, tiêu đề trang, dòng tổng hoặc chữ ký): không có kết quả khi đó cũng như bây giờ",
                       "{where} (id {id}): rejected when scored, now not read as a record (a repeated header, a page title, a totals or signature row): no result then, none now"),
    "au.in_store_not_file": ("dòng có trong kho nhưng không có trong tệp gốc", "the row is in the store but not in the original file"),
    "au.not_run_file": ("{path}: không phải một tệp của lượt chấm này (các tệp đã lưu: {files}); đưa các tệp gốc theo đúng thứ tự khi chấm",
                        "{path}: not a file of this run (stored files: {files}); give the original files in the order they were scored"),
    "au.file_as": ("{path}: so với tệp '{name}' của lượt chấm (tên khác; cùng vị trí trong lệnh chấm)",
                   "{path}: compared with the run's file '{name}' (another name; the same place in the command)"),
    "au.not_reached": ("{n} dòng từ {first} trở đi không có trong kho: lượt chấm chưa xong, dừng sau dòng {last}, chưa tới các dòng ấy "
                       "(không phải dòng bị xoá); chấm lại tệp để có kết quả của chúng",
                       "{n:row|rows} from {first} on are not in the store: the run did not finish, it stopped after {last} and never "
                       "reached them (not rows removed); score the file again for their results"),
    "au.sheets_differ": ("{path}: không có trang tính {gone} mà lượt chấm đã đọc, lại có trang tính {new} mà lượt chấm không có "
                         "(trang tính bị đổi tên, hoặc không phải tệp đã chấm): các dòng của chúng được liệt kê dưới đây",
                         "{path}: has no sheet {gone} that the run read, and has sheet {new} that the run does not have "
                         "(a sheet renamed, or not the file scored): their rows are listed below"),
    "au.file_changed": ("{path}: tệp khác tệp đã chấm (SHA-256 khác {sha}…); từng dòng được so với dòng đã chấm cùng mã hồ sơ:", "{path}: the file differs from the one scored (SHA-256 is not {sha}…); each row is compared with the stored row of the same record id:"),
    "au.raw_differs": ("dòng trong tệp gốc khác dòng đã chấm (raw_sha256)", "the row in the original file differs from the row scored (raw_sha256)"),
    "au.raw_differs_values": ("dòng trong tệp gốc khác dòng đã chấm, ở dữ liệu dùng để chấm: {changes}",
                              "the row in the original file differs from the row scored, in what was scored: {changes}"),
    "au.value_changed": ("'{name}' lúc chấm là {then}, nay là {now}", "'{name}' was {then} when scored, is now {now}"),
    "au.date_changed": ("ngày đánh giá của hồ sơ (chọn bộ tiêu chí, có trong kết quả) lúc chấm là {then}, nay là {now}",
                        "the record's assessment date (it chose the pack, and is in the result) was {then} when scored, is now {now}"),
    "au.warning_date_changed": ("ngày đánh giá của hồ sơ, vốn quyết định cảnh báo của bộ tiêu chí trong kết quả, lúc chấm là {then}, nay là {now}",
                                "the record's assessment date, which decides the pack's warning in the result, was {then} when scored, is now {now}"),
    "au.no_warning_date": ("một ngày không gây cảnh báo (hoặc không có)", "a date giving no warning (or none)"),
    "au.claims_changed": ("phần tự đánh giá (tổng điểm, kết quả hay điểm tự chấm) khác lúc chấm",
                          "the self-assessment (total, outcome or points claimed) differs from when it was scored"),
    "au.raw_differs_unscored": ("dòng trong tệp gốc khác dòng đã chấm, ở {columns}, nhưng các giá trị được chấm vẫn như lúc chấm: kết quả không đổi",
                                "the row in the original file differs from the row scored, in {columns}, but the values scored are as they were: the result is unchanged"),
    "au.raw_differs_in": ("dòng trong tệp gốc khác dòng đã chấm, ở {columns}", "the row in the original file differs from the row scored, in {columns}"),
    "au.unscored_columns": ("cột mà bộ tiêu chí không đọc (họ tên, địa chỉ…) hoặc ở cách viết một giá trị (8 và 8,0)",
                            "columns the pack does not read (names, addresses…) or in how a value is written (8 and 8.0)"),
    "au.columns_named": ("cột {names}", "column {names}"),
    "au.row_invalid": ("dòng trong tệp gốc không hợp lệ với bộ tiêu chí đã lưu: {error}", "the row in the original file is not valid under the stored pack: {error}"),
    "au.inputs_differ": ("đầu vào đã lưu không phải đầu vào đọc từ tệp gốc (input_sha256)", "the stored inputs are not those read from the original file (input_sha256)"),
    "au.against_ok": ("so với tệp gốc: {n} dòng khớp với các dòng đã lưu", "against the original files: {n:row matches|rows match} the stored rows"),
    "au.against_bad": ("so với tệp gốc: {n} dòng không khớp", "against the original files: {n:row does|rows do} not match"),
    "au.against_files": ("tệp gốc đi với --against: hoctap audit verify RUN --against TỆP…", "original files go with --against: hoctap audit verify RUN --against FILE…"),
    "au.against_needs": ("--against cần mã lượt chấm và các tệp gốc: hoctap audit verify RUN --against TỆP…", "--against needs a run id and the original files: hoctap audit verify RUN --against FILE…"),
    "au.id_in_rows": ("mã hồ sơ '{key}' có ở nhiều dòng của lượt {run}; để xem một dòng, chạy lệnh in bên cạnh nó:\n{choices}",
                      "record id '{key}' is on several rows of run {run}; to see one row, run the command beside it:\n{choices}"),
    "au.head_result": ("Kết quả {result_id}: lượt {run} ({status}), dòng {row}, {where}", "Result {result_id}: run {run} ({status}), row {row}, {where}"),
    "au.head_pack": ("Bộ tiêu chí: {pack}", "Criteria pack: {pack}"),
    # a member's row of a --members run: the unit it belongs to and the unit's shares it counted in
    "au.head_member": ("Thành viên của đơn vị {unit} ({place}): {counted}", "Member of unit {unit} ({place}): {counted}"),
    "au.member_unit_row": ("dòng {row} của lượt này, {where}", "row {row} of this run, {where}"),
    "au.member_counted": ("được tính là thành viên đạt trong {what} ({figure})",
                          "counted as qualifying in {what} ({figure})"),
    "au.member_not_counted": ("được tính là thành viên chưa đạt trong {what} ({figure})",
                              "counted as not qualifying in {what} ({figure})"),
    "au.member_in_no_share": ("không có tỷ lệ nào của đơn vị tính thành viên này (theo bộ tiêu chí và nhóm của thành viên)",
                              "none of the unit's shares counts this member (by its criteria pack and group)"),
    "au.member_unit_rejected": ("đơn vị bị loại ở lượt này, nên không có tỷ lệ nào được tính",
                                "the unit was rejected in this run, so no share was computed"),
    "au.head_member_stranger": ("Thành viên ghi đơn vị {unit}, không có dòng nào trong lượt chấm (không có trong tệp đơn vị): "
                                "đã được chấm nhưng không được tính cho đơn vị nào",
                                "Member of unit {unit}, which has no row in the run (not in the units file): scored, "
                                "but counted for no unit"),
    "au.head_member_rejected": ("Dòng thành viên bị loại, không được tính vào tỷ lệ nào: kho không giữ dữ liệu của dòng "
                                "bị loại, nên không ghi mã đơn vị của nó (tệp thành viên gốc có)",
                                "A member's row that was rejected, counted in no share: the store keeps no data of a "
                                "rejected row, so not its unit id (the original members file has it)"),
    "au.head_engine": ("Bộ máy: {engine}", "Engine: {engine}"),
    "au.head_as_of": ("Ngày đánh giá: {in_force}", "Assessment date: {in_force}"),
    "au.head_no_record_date": ("Ngày đánh giá: không có (hồ sơ không có ngày đánh giá đọc được; lượt chấm dùng '{criteria}' với --as-of record, nên cần ngày của từng hồ sơ để chọn bộ tiêu chí)",
                               "Assessment date: none (the record gives no readable assessment date, and the run of '{criteria}' with --as-of record needs each record's date to choose the pack)"),
    "au.head_no_as_of": ("Ngày đánh giá: không có (bộ tiêu chí được chỉ định)", "Assessment date: none (the pack was named)"),
    "au.head_hashes": ("Mã băm dữ liệu đã chuẩn hoá (sha256): {input}; mã băm dòng gốc (sha256): {raw}",
                       "Hash of the normalised inputs (sha256): {input}; hash of the original row (sha256): {raw}"),
    "au.head_seal": ("Mã niêm phong của lượt chấm: {seal}", "Run seal: {seal}"),
    "au.no_seal_yet": ("(chưa có: lượt chưa xong)", "(none yet: the run did not finish)"),
    "au.head_also": ("Cũng có trong các lượt: {runs}", "Also in the runs: {runs}"),
    "au.also_pack_differs": ("văn bản bộ tiêu chí khác, cùng phiên bản: sha256 {sha}…", "another pack text, same version: sha256 {sha}…"),
    "au.also_outcome_differs": ("kết quả khác: {outcome}", "another outcome: {outcome}"),
    "au.also_run": ("{run} ({marks})", "{run} ({marks})"),
    "au.pack_same_version": ("bộ tiêu chí {id} {version} đã có trong kho với văn bản khác (sha256 {old}, nay {new}…) mà không đổi "
                             "phiên bản: tệp bộ tiêu chí bị sửa nhưng vẫn mang số phiên bản cũ, nên các lượt cùng phiên bản có thể "
                             "cho kết quả khác nhau. Hãy nâng 'version' mỗi khi sửa tệp bộ tiêu chí",
                             "criteria pack {id} {version} is already in the store with another text (sha256 {old}, now {new}…) "
                             "without a new version: the pack file was edited but keeps its version, so runs of the same version "
                             "may give different results. Raise 'version' whenever the pack file is edited"),
    "au.head_lang": ("Lượt chấm ghi lời giải thích bằng tiếng {run_lang}; ở đây giải thích được dựng lại bằng tiếng Việt "
                     "(mã băm được kiểm tra trên bản của lượt chấm)",
                     "The run wrote its explanation in {run_lang}; it is rebuilt here in English (the hash is checked "
                     "on the run's own)"),
    "au.lang_vi": ("Việt", "Vietnamese"), "au.lang_en": ("Anh", "English"),
    "au.warning": ("CẢNH BÁO: {problem}", "WARNING: {problem}"),
    "au.not_rebuilt": ("Không dựng lại được kết quả từ kho.", "The result cannot be rebuilt from the store."),
    "au.rejected": ("Bị từ chối: {error}", "Rejected: {error}"),
    "au.identity": ("{id} {version} (sha256 {sha})", "{id} {version} (sha256 {sha})"),
    "au.identity_stored": ("{id} {version} (sha256 {sha}), như dòng đã lưu ghi (kết quả không dựng lại được)",
                           "{id} {version} (sha256 {sha}), as the stored row says (the result could not be rebuilt)"),
    "au.as_of_stored": ("{date} ({source}), như dòng đã lưu ghi (kết quả không dựng lại được)",
                        "{date} ({source}), as the stored row says (the result could not be rebuilt)"),
    "au.no_identity": ("không có (bị từ chối trước khi chọn bộ tiêu chí)", "none (rejected before a pack was chosen)"),
    "au.store_is_records": ("--store {path}: tệp này trông như một tệp hồ sơ, không phải kho lưu lượt chấm. Viết --store=ĐƯỜNG_DẪN "
                            "với tên .sqlite3, hoặc đặt --store sau các tệp hồ sơ (mặc định {default})",
                            "--store {path}: this looks like a records file, not a run store. Write --store=PATH with a "
                            ".sqlite3 name, or put --store after the records files (default {default})"),
    "au.no_store": ("không có kho lưu lượt chấm tại {path}: hãy chấm với 'hoctap score --store {path} …' trước, hoặc ghi đúng --store ĐƯỜNG_DẪN",
                    "no run store at {path}: score with 'hoctap score --store {path} …' first, or give the right --store PATH"),
    "au.store_busy": ("{path}: kho lưu đang bị một tiến trình khác giữ quá {seconds} giây: chạy lại khi lượt kia xong",
                      "{path}: another process has held the run store for more than {seconds} seconds: run again when that run is done"),
    "au.store_full": ("{path}: ổ đĩa chứa kho lưu đã đầy, không lưu tiếp được; kho không bị hỏng (các lượt đã lưu còn nguyên): "
                      "giải phóng dung lượng rồi chấm lại, hoặc lưu vào một kho ở ổ khác (--store ĐƯỜNG_DẪN)",
                      "{path}: the disk holding the run store is full, nothing more can be stored; the store is not damaged "
                      "(the runs stored are intact): free some space and score again, or store into a store on another disk "
                      "(--store PATH)"),
    "au.store_read_only": ("{path}: kho lưu ở nơi chỉ đọc được (tệp hoặc thư mục của nó không cho ghi): để lưu lượt chấm, chọn kho ở "
                           "một thư mục ghi được; để kiểm tra một bản sao chỉ đọc có tệp '-wal' bên cạnh, chép kho cùng tệp ấy vào một "
                           "thư mục ghi được",
                           "{path}: the run store is where it cannot be written (the file or its folder is read-only): to store a "
                           "run, choose a store in a folder you can write to; to check a read-only copy with a '-wal' file beside it, "
                           "copy the store with that file to a folder you can write to"),
    "au.store_other_tables": ("{path}: không phải kho lưu lượt chấm của hoctap (một cơ sở dữ liệu SQLite có các bảng khác: {tables})",
                              "{path}: not a hoctap run store (an SQLite database with other tables: {tables})"),
    "au.store_schema_1": ("{path}: kho lưu theo lược đồ 1 (hoctap trước khi có niêm phong); bản hoctap này đọc lược đồ {schema}. "
                          "Kiểm tra kho cũ bằng bản hoctap đã tạo ra nó, hoặc chấm lại các tệp gốc vào một kho mới (--store TÊN_MỚI.sqlite3)",
                          "{path}: a run store of schema 1 (hoctap before seals); this hoctap reads schema {schema}. Check the old "
                          "store with the hoctap that made it, or score the original files again into a new store (--store NEW_NAME.sqlite3)"),
    "au.empty_store": ("{path}: tệp rỗng, không phải kho lưu lượt chấm của hoctap (tệp được để nguyên): ghi đúng --store ĐƯỜNG_DẪN, "
                       "hoặc chấm với 'hoctap score --store {path} …' để tạo kho",
                       "{path}: an empty file, not a hoctap run store (the file was left as it is): give the right --store PATH, "
                       "or score with 'hoctap score --store {path} …' to make a store"),
    "au.store_no_tables": ("{path}: không phải kho lưu lượt chấm của hoctap (cơ sở dữ liệu không có bảng nào): ghi đúng --store ĐƯỜNG_DẪN",
                           "{path}: not a hoctap run store (a database without any table): give the right --store PATH"),
    "au.store_without_wal": ("{path}: kho lưu chưa có gì ngoài phần đầu tệp: có lẽ kho được chép khi một lượt chấm đang được lưu, "
                             "thiếu tệp '{path}-wal' nằm bên cạnh (nơi SQLite giữ những gì vừa ghi, cho đến khi lượt chấm xong). "
                             "Chép lại kho sau khi lượt chấm xong, hoặc chép cả tệp '-wal' cùng lúc",
                             "{path}: the run store holds nothing beyond its file header: it was probably copied while a run was "
                             "being stored, without the '{path}-wal' file beside it (where SQLite keeps what was just written, "
                             "until the run ends). Copy the store again after the run ends, or copy the '-wal' file with it"),
    "au.store_schema": ("{path}: không phải kho lưu lượt chấm mà bản hoctap này đọc được (lược đồ {version}, bản này đọc lược đồ {schema})",
                        "{path}: not a hoctap run store (schema {version}, this hoctap reads {schema})"),
    "au.run_exists": ("lượt chấm {run} đã có trong {path} (cùng tệp, cùng lệnh và cùng SOURCE_DATE_EPOCH cho cùng một mã lượt): "
                      "kiểm tra lượt đã lưu bằng 'hoctap audit verify {run} --store {path}', hoặc bỏ SOURCE_DATE_EPOCH để lưu một lượt mới",
                      "run {run} is already in {path} (the same files, command and SOURCE_DATE_EPOCH give the same run id): "
                      "check the stored run with 'hoctap audit verify {run} --store {path}', or unset SOURCE_DATE_EPOCH to store a new run"),
    "au.no_run": ("không có lượt chấm '{run}' trong {path}: 'hoctap runs --store {path}' liệt kê các lượt{known}",
                  "no run '{run}' in {path}: 'hoctap runs --store {path}' lists them{known}"),
    "au.latest_runs": (" (mới nhất: {runs})", " (latest: {runs})"),
    "au.no_runs": (" (kho chưa có lượt nào)", " (the store has no runs)"),
    "au.no_result": ("không có kết quả '{key}' trong {path}{where}: tìm theo mã hồ sơ (cột id của tệp) hoặc mã kết quả "
                     "(provenance.result_id); {rows}",
                     "no result '{key}' in {path}{where}: look for a record id (the file's id column) or a result id "
                     "(provenance.result_id); {rows}"),
    # {rows} of au.no_result: the rows of the run asked for, else of the newest, by its id; and where a deleted row shows
    "au.rows_of_run": ("'hoctap runs {run} --store {path}' liệt kê các dòng của lượt này; nếu hồ sơ đã được chấm mà nay "
                       "không còn trong kho (dòng bị xoá), 'hoctap audit verify {verify}--store {path}' chỉ ra dòng thiếu",
                       "'hoctap runs {run} --store {path}' lists the rows of this run; if the record was scored and is "
                       "no longer in the store (a row deleted), 'hoctap audit verify {verify}--store {path}' names the "
                       "missing rows"),
    "au.rows_of_newest": ("'hoctap runs {run} --store {path}' liệt kê các dòng của {which}; nếu hồ sơ đã được chấm mà nay "
                          "không còn trong kho (dòng bị xoá), 'hoctap audit verify --store {path}' chỉ ra dòng thiếu",
                          "'hoctap runs {run} --store {path}' lists the rows of {which}; if the record was scored and is "
                          "no longer in the store (a row deleted), 'hoctap audit verify --store {path}' names the "
                          "missing rows"),
    "au.rows_only_run": ("lượt duy nhất trong kho", "the store's only run"),
    "au.rows_newest_run": ("lượt mới nhất ('hoctap runs --store {path}' liệt kê cả {n} lượt)",
                           "the newest run ('hoctap runs --store {path}' lists all {n:run|runs})"),
    "au.no_runs_yet": ("kho chưa có lượt chấm nào", "the store has no runs"),
    "au.in_file": (" (tệp {file})", " (file {file})"), "au.in_run": (" (lượt {run})", " (run {run})"),
    # {error} is SQLite's or the system's own English: kept where it tells an auditor what happened, named as such
    "au.damaged": ("{path}: kho lưu bị hỏng hoặc không phải kho lưu lượt chấm của hoctap: khôi phục từ bản sao, "
                   "hoặc lưu vào một kho mới (--store TÊN_MỚI.sqlite3) (chi tiết kỹ thuật: {error})",
                   "{path}: the run store is damaged or not a hoctap run store: restore it from a copy, "
                   "or store into a new one (--store NEW_NAME.sqlite3) (technical detail: {error})"),
    "au.cannot_open_folder": ("không tạo được kho lưu lượt chấm {path}: {why}", "cannot make the run store {path}: {why}"),
    "au.cannot_open": ("không mở được kho lưu lượt chấm {path}: kiểm tra đường dẫn, thư mục và quyền (chi tiết kỹ thuật: {error})",
                       "cannot open the run store {path}: check the path, the folder and the permissions (technical detail: {error})"),
    # goal packs (goals/goalpack.py): the checks of a goal-pack YAML file, each saying what to fix
    "gp.from_members": ("'from_members' chỉ dùng cho giá trị đầu vào của bộ tiêu chí (điểm đơn vị), không dùng trong gói mục tiêu: hãy xoá khoá này",
                        "'from_members' belongs to criteria-pack inputs (unit scores), not to goal packs: remove it"),
    "gp.if_blank_required": ("'if_blank' chỉ đi cùng 'required: false' (giá trị bắt buộc không bao giờ để trống): thêm 'required: false' hoặc xoá 'if_blank'",
                             "'if_blank' only goes with 'required: false' (a required input is never blank): add 'required: false' or remove 'if_blank'"),
    "gp.if_blank_value": ("'if_blank' phải là một giá trị của giá trị đầu vào kiểu '{type}' này, không phải {value}: sửa lại 'if_blank'",
                          "'if_blank' must be a value of this '{type}' input, not {value}: fix 'if_blank'"),
    "gp.one_operator": ("mỗi điều kiện cần đúng một trong one_of, equals, at_least, below; điều kiện này có {given}: giữ lại một",
                        "a condition needs exactly one of one_of, equals, at_least, below; it has {given}: keep one"),
    "gp.any_of_alone": ("điều kiện có any_of không ghi đầu vào hay phép so sánh riêng: mỗi điều kiện con trong any_of có đầu vào và phép so sánh của nó",
                        "a condition with any_of has no input or operator of its own: each alternative in any_of has its own"),
    "gp.any_of_nested": ("các điều kiện trong any_of không được có any_of lồng bên trong: viết mọi lựa chọn trong cùng một any_of",
                         "the alternatives in any_of cannot hold any_of themselves: list every alternative in one any_of"),
    "gp.any_of_count": ("any_of chỉ dùng trong population (mẫu số); count tính riêng từng điều kiện: viết hai mục tiêu, hoặc một điều kiện trên một cột",
                        "any_of is for population (the denominator) only; count tallies each condition on its own: write two targets, or one condition on one column"),
    "gp.needs_input": ("điều kiện thiếu tên đầu vào: ghi tên đầu vào mà điều kiện đọc (hoặc any_of với các lựa chọn)",
                       "the condition has no input: name the input it reads (or use any_of with alternatives)"),
    "gp.last_before_first": ("last {last} sớm hơn first {first}: năm cuối phải từ năm đầu trở đi", "last {last} is before first {first}: the last year must be on or after the first"),
    "gp.values_or_every_year": ("ghi 'values' (năm: phần trăm) hoặc 'every_year' (first, last, value), chỉ một trong hai",
                                "give either 'values' (year: percent) or 'every_year' (first, last, value), not both or neither"),
    "gp.year_range": ("năm {year} trong 'values' không phải một năm từ {first} đến {last}: sửa năm đó", "year {year} in 'values' is not a year between {first} and {last}: fix that year"),
    "gp.value_range": ("giá trị của năm {year} là {value}: một tỷ lệ là phần trăm từ 0 đến 100 (ghi 60 cho 60%)",
                       "the value for {year} is {value}: a share is a percentage from 0 to 100 (write 60 for 60%)"),
    "gp.needs_compare": ("mục tiêu có giá trị cần 'compare' (\">=\", \">\" hoặc \"=\"); bỏ các giá trị đi nếu đây chỉ là số liệu để báo cáo",
                         "a target with values needs 'compare' (\">=\", \">\" or \"=\"); leave the values out for a figure that is only reported"),
    "gp.compare_needs_value": ("'compare' cần một giá trị: ghi 'values' hoặc 'every_year.value'", "'compare' needs a value: give 'values' or 'every_year.value'"),
    "gp.provisional_note": ("mục tiêu tạm thời cần một 'note' nói điều gì chưa chắc chắn", "a provisional target needs a 'note' saying what is uncertain"),
    "gp.input_twice": ("tên giá trị đầu vào '{name}' được dùng hai lần: mỗi giá trị đầu vào cần một tên riêng", "input name '{name}' is used twice: each input needs its own name"),
    "gp.id_reserved": ("'id' dành cho mã hồ sơ: không khai báo nó là một giá trị đầu vào", "'id' is reserved for the record id: do not declare it as an input"),
    "gp.scored_by_choice": ("'scored_by' cần một giá trị đầu vào kiểu 'choice' có các mã là kết quả của bộ tiêu chí, không phải kiểu '{type}'",
                            "'scored_by' needs a choice input whose codes are the pack's outcomes, not a '{type}' input"),
    "gp.target_twice": ("mã mục tiêu '{id}' được dùng hai lần: mỗi mục tiêu cần một mã riêng", "target id '{id}' is used twice: each target needs its own id"),
    "gp.target_provisional": ("mục tiêu '{id}' là tạm thời, nên 'status' của gói phải là 'provisional'", "target '{id}' is provisional, so the pack's status must be 'provisional'"),
    "gp.target": ("mục tiêu '{id}': {problem}", "target '{id}': {problem}"),
    "gp.undeclared": ("đọc giá trị đầu vào '{input}', nhưng giá trị này không được khai báo trong 'inputs'{hint}: khai báo nó hoặc sửa tên",
                      "reads input '{input}', which is not declared in 'inputs'{hint}: declare it or fix the name"),
    "gp.operator_type": ("'{operator}' cần giá trị đầu vào kiểu '{wanted}', nhưng '{name}' có kiểu '{type}': dùng toán tử hợp với kiểu (one_of: 'choice', equals: 'boolean', at_least/below: 'number')",
                          "'{operator}' needs a '{wanted}' input, but '{name}' is '{type}': use the operator of its type (one_of: 'choice', equals: 'boolean', at_least/below: 'number')"),
    "gp.not_choice": ("'{value}' không thuộc các lựa chọn của '{name}'{hint}: chọn một mã trong 'choices'", "'{value}' is not a choice of '{name}'{hint}: use a code from its 'choices'"),
    "gp.not_mapping": ("gói mục tiêu phải là một bảng YAML (các dòng khoá: giá trị) ở cấp ngoài cùng", "a goal pack is a YAML mapping (key: value lines) at the top level"),
    "gp.is_criteria": ("đây là một bộ tiêu chí, không phải gói mục tiêu: dùng nó với 'hoctap score --criteria', hoặc đưa một tệp có 'format: hoctap/goals@1'",
                       "this is a criteria pack, not a goal pack: use it with 'hoctap score --criteria', or give a file with 'format: hoctap/goals@1'"),
    "gp.no_pack": ("không có bộ tiêu chí có sẵn '{name}'{hint}: ghi mã một bộ tiêu chí có sẵn ('hoctap packs' liệt kê)",
                   "no shipped criteria pack '{name}'{hint}: give the id of a shipped pack ('hoctap packs' lists them)"),
    "gp.choices_outcomes": ("các lựa chọn của '{name}' ({codes}) phải đúng là các mã kết quả của '{pack}' ({outcomes}): sửa 'choices' cho khớp",
                            "the choices of '{name}' ({codes}) must be the outcome codes of '{pack}' ({outcomes}): make 'choices' match them"),
    "gp.form_format": ("mẫu thống kê cần dòng 'format: {format}'", "a statistics form needs 'format: {format}'"),
    "gp.form_output_ext": ("không ghi được '{output}': đặt tên tệp kết quả đuôi .xlsx hoặc .json",
                           "cannot write '{output}': give the report a name ending in .xlsx or .json"),
    "gp.form_repeat": ("mã mục {codes} xuất hiện nhiều lần: mỗi mục cần một mã riêng", "{n:|item code|item codes} {codes} {n:|appears|appear} more than once: give each item its own code"),
    "gp.form_sum_of": ("mục '{item}': sum_of ghi '{part}', nhưng đó không phải một mục{hint}: sửa tên mục", "item '{item}': sum_of names '{part}', which is not an item{hint}: fix the name"),
    "gp.members_outcome": ("'{value}' không phải một kết quả của bộ tiêu chí thành viên '{pack}' ({codes}){hint}: dùng một trong các mã này",
                           "'{value}' is not an outcome of the members' pack '{pack}' ({codes}){hint}: use one of these codes"),
    "gp.members_groups": ("'{value}' không phải một nhóm của bộ tiêu chí thành viên '{pack}' (cột '{input}': {codes}){hint}: "
                          "dùng một trong các mã này",
                          "'{value}' is not a group of the members' pack '{pack}' (input '{input}': {codes}){hint}: "
                          "use one of these codes"),
    # validation fallbacks: pydantic's and the YAML/JSON readers' own words, put into sentences (packs/pack.py,
    # packs/yamlfile.py, records/rows.py, selfcheck/answers.py); the path comes before each, from its error
    "vf.found": (", không phải {value}", ", not {value}"),
    "vf.text": ("phải là chữ{found}: viết một đoạn chữ (đặt trong dấu ngoặc kép nếu cần)", "must be text{found}: write a piece of text (in quotes if need be)"),
    "vf.text_short": ("không được để trống: cần ít nhất {n} ký tự", "must not be empty: it needs at least {n:character|characters}"),
    "vf.text_long": ("dài quá: tối đa {n} ký tự", "is too long: at most {n:character|characters}"),
    "vf.code_pattern": ("'{value}' không dùng được làm mã: chỉ dùng chữ thường không dấu, chữ số và các dấu - _ . (ví dụ cong-dan-hoc-tap, 1.1)",
                        "'{value}' cannot be a code: use only lower-case letters without marks, digits and - _ . (e.g. cong-dan-hoc-tap, 1.1)"),
    "vf.pattern": ("{value} không đúng dạng yêu cầu (mẫu «{pattern}»)", "{value} does not have the required form (pattern «{pattern}»)"),
    "vf.bool": ("phải là true hoặc false (đúng/sai){found}: viết true hoặc false", "must be true or false{found}: write true or false"),
    "vf.int": ("phải là một số nguyên{found}: viết một số không có phần lẻ, ví dụ 2030", "must be a whole number{found}: write a number without decimals, e.g. 2030"),
    "vf.gt": ("phải lớn hơn {bound}{found}", "must be greater than {bound}{found}"),
    "vf.ge": ("phải từ {bound} trở lên{found}", "must be {bound} or more{found}"),
    "vf.lt": ("phải nhỏ hơn {bound}{found}", "must be less than {bound}{found}"),
    "vf.le": ("phải từ {bound} trở xuống{found}", "must be {bound} or less{found}"),
    "vf.date": ("phải là một ngày dạng YYYY-MM-DD (ví dụ 2024-01-26){found}", "must be a date written YYYY-MM-DD (e.g. 2024-01-26){found}"),
    "vf.list": ("phải là một danh sách (mỗi mục một dòng bắt đầu bằng '- ', hoặc [a, b]){found}",
                "must be a list (one item per line starting with '- ', or [a, b]){found}"),
    "vf.mapping": ("phải là một bảng khoá: giá trị (ví dụ {{vi: …, en: …}} hoặc các dòng 'khoá: giá trị' thụt lề){found}",
                   "must be a mapping of key: value (e.g. {{vi: …, en: …}} or indented 'key: value' lines){found}"),
    "vf.too_short": ("cần ít nhất {n} mục, hiện có {actual}: thêm mục", "needs at least {n:item|items}, it has {actual}: add some"),
    "vf.too_long": ("có nhiều nhất {n} mục, hiện có {actual}: bớt mục", "takes at most {n:item|items}, it has {actual}: remove some"),
    "vf.no_tag": ("thiếu khoá '{tag}' (nói đây là loại nào): thêm '{tag}: …'", "the key '{tag}' is missing (it says which kind this is): add '{tag}: …'"),
    "vf.key": ("khoá {key}: {problem}", "key {key}: {problem}"),
    "vf.other": ("giá trị{found} không hợp lệ ở đây: sửa nó theo criteria/README.md (chi tiết kỹ thuật: «{detail}»)",
                 "the value{found} is not valid here: fix it as criteria/README.md says (technical detail: «{detail}»)"),
    "vf.yaml_other": ("trình đọc YAML không hiểu tệp ở dòng {line}, cột {column}: kiểm tra thụt lề, dấu ngoặc và dấu ':' ở đó (chi tiết kỹ thuật: «{detail}»)",
                      "the YAML reader cannot read the file at line {line}, column {column}: check the indentation, brackets and ':' there (technical detail: «{detail}»)"),
    "vf.yaml_other_nowhere": ("trình đọc YAML không đọc được tệp (chi tiết kỹ thuật: «{detail}»)", "the YAML reader cannot read the file (technical detail: «{detail}»)"),
    "vf.yaml_aliases": ("quá {n} bí danh (alias *…): tệp không cần nhiều như vậy, và một tệp lặp bí danh có thể nở ra hàng tỉ phần tử; viết thẳng giá trị thay cho bí danh",
                        "more than {n} aliases (*…): no such file needs that many, and a file of repeated aliases can expand to billions of items; write the values instead of aliases"),
    "vf.yaml_expanded": ("các bí danh (alias *…) nở ra hơn {n} phần tử: viết thẳng giá trị thay cho bí danh", "the aliases (*…) expand to more than {n:item|items}: write the values instead of aliases"),
    "vf.yaml_key": ("khoá (key) phải là một giá trị đơn như 'id' hay \"1.1\", không phải một danh sách hay một ánh xạ: viết lại khoá này",
                    "a key must be a single value such as 'id' or \"1.1\", not a list or a mapping: rewrite this key"),
    "vf.yaml_date": ("'{value}' không phải một ngày có thật: viết ngày dạng YYYY-MM-DD, ví dụ 2024-01-26 (chi tiết kỹ thuật: «{detail}»)",
                     "'{value}' is not a real date: write the date as YYYY-MM-DD, e.g. 2024-01-26 (technical detail: «{detail}»)"),
    "vf.yaml_int": ("số nguyên dài hơn {n} chữ số: không giá trị nào của tệp này cần dài như vậy", "an integer longer than {n} digits: no value of this file needs to be that long"),
    "vf.yaml_deep": ("lồng quá sâu (danh sách hay ánh xạ lồng nhau hàng nghìn tầng): không tệp nào cần như vậy; kiểm tra dấu [ {{ thừa",
                     "nested too deeply (lists or mappings inside one another thousands of times): no file needs that; look for stray [ or {{"),
    "vf.yaml_char": ("ký tự {char} không được phép trong YAML (ký tự điều khiển hoặc NUL): xoá nó, hoặc lưu lại tệp dạng văn bản UTF-8",
                     "the character {char} is not allowed in YAML (a control character or NUL): remove it, or save the file again as UTF-8 text"),
    "vf.yaml_merge": ("khoá gộp '<<' của YAML không được dùng: viết đủ từng khoá ở đây (tệp là dữ liệu, mỗi giá trị ghi ở chỗ của nó)",
                      "YAML's merge key '<<' is not used: write each key out here (the file is data, each value written where it belongs)"),
    "vf.yaml_tag": ("thẻ (tag) YAML {tag} không được phép: tệp là dữ liệu, không tạo đối tượng; xoá thẻ '!…' và viết giá trị thường",
                    "the YAML tag {tag} is not allowed: the file is data and builds no objects; remove the '!…' tag and write a plain value"),
    "vf.json_reason": ("{vi}", "{en}"),
    "vf.json_other": ("«{detail}»", "«{detail}»"),
    "vf.json_sep": ("cần dấu ',' hoặc ']' sau một phần tử của mảng", "expected ',' or ']' after an element of the array"),
    "vf.json_extra": ("còn dữ liệu thừa sau mảng", "extra data after the array"),
    "vf.json_long": ("một phần tử dài hơn {n} MiB: không hồ sơ nào dài như vậy", "one element is longer than {n} MiB: no record is that long"),
    "vf.json_deep": ("lồng quá sâu (mảng hay đối tượng lồng nhau hàng nghìn tầng)", "nested too deeply (arrays or objects inside one another thousands of times)"),
    "vf.json_deep_here": ("không hợp lệ ở đây: mảng hay đối tượng lồng nhau hàng nghìn tầng", "not valid here: arrays or objects nested thousands of times"),
    "vf.kind_dict": ("đối tượng", "object"), "vf.kind_list": ("danh sách", "list"),
    "vf.kind_str": ("chuỗi chữ", "string"), "vf.kind_int": ("số", "number"), "vf.kind_float": ("số", "number"),
    "vf.kind_number": ("số", "number"), "vf.kind_bool": ("giá trị đúng/sai", "boolean"), "vf.kind_NoneType": ("giá trị rỗng (null)", "null"),
    "vf.kind_date": ("ngày", "date"), "vf.kind_datetime": ("ngày giờ", "date and time"),
    "vf.ans_odd_number": ("{token} không phải một số JSON hợp lệ: ghi một số bình thường", "{token} is not a valid JSON number: write an ordinary number"),
    "vf.ans_deep": ("lồng quá sâu (mảng hay đối tượng lồng nhau hàng nghìn tầng): một tệp trả lời chỉ là một đối tượng câu hỏi → trả lời",
                    "nested too deeply (arrays or objects inside one another thousands of times): an answers file is one object of question → answer"),
    "vf.ans_number": ("không đọc được một số (chi tiết kỹ thuật: «{detail}»)", "a number cannot be read (technical detail: «{detail}»)"),
    "vf.ans_bad_value": ("câu trả lời '{key}' có giá trị không dùng được (số quá lớn, hoặc mã \\ud800… đứng lẻ): sửa giá trị đó",
                         "answer '{key}' has a value that cannot be used (a number too large, or a lone \\ud800… code): fix that value"),
    "vf.cannot_open": ("không mở được tệp ({reason}): kiểm tra đường dẫn (liên kết tượng trưng vòng tròn?)", "cannot open the file ({reason}): check the path (a symbolic-link loop?)"),
    "vf.a_folder": ("đây là một thư mục, không phải một tệp: chỉ ra một tệp trong thư mục đó", "this is a folder, not a file: name a file inside it"),
    "vf.fifo": ("FIFO (ống có tên)", "FIFO (named pipe)"), "vf.device": ("tệp thiết bị hoặc socket", "device file or socket"),
    "vf.special": ("đây là một {kind}, không phải một tệp thường: đọc nó có thể chờ mãi; lưu dữ liệu vào một tệp rồi chạy lại",
                   "this is a {kind}, not an ordinary file: reading it could wait forever; save the data into a file and run again"),
    # records files that are not what their name says (records/rows.py): in both languages too
    "vf.file_not_utf8": ("không đọc được như văn bản UTF-8 ({reason}): lưu tệp dạng 'CSV UTF-8' (Excel) hoặc UTF-8",
                         "cannot be read as UTF-8 text ({reason}): save the file as 'CSV UTF-8' (Excel) or UTF-8"),
    "vf.file_zip": ("một tệp nén (zip) — có thể là sổ tính Excel .xlsx bị đổi đuôi: đặt lại đuôi .xlsx",
                    "a zip archive — perhaps an Excel .xlsx workbook renamed: give it back its .xlsx ending"),
    "vf.file_office": ("một tệp Office cũ (.xls/.doc) hoặc tệp có mật khẩu: mở trong Excel và lưu dạng 'CSV UTF-8'",
                       "an old Office file (.xls/.doc) or a file with a password: open it in Excel and save it as 'CSV UTF-8'"),
    "vf.file_pdf": ("một tệp PDF: xuất dữ liệu ra 'CSV UTF-8' từ Excel", "a PDF file: export the data as 'CSV UTF-8' from Excel"),
    "vf.file_gzip": ("một tệp nén gzip: giải nén trước", "a gzip archive: unpack it first"),
    "vf.file_is": ("đây không phải tệp văn bản {kind} mà là {what}", "this is not a {kind} text file but {what}"),
    "vf.file_controls": ("tệp chứa nhiều byte điều khiển (NUL…) nên không phải tệp văn bản {kind} (tệp nhị phân, hay lưu dạng "
                         "UTF-16 không có BOM?): lưu lại dạng 'CSV UTF-8' hoặc UTF-8",
                         "the file holds many control bytes (NUL…), so it is not a {kind} text file (a binary file, or UTF-16 "
                         "saved without a BOM?): save it again as 'CSV UTF-8' or UTF-8"),
    "vf.lone_surrogate": ("chứa mã \\u{hex} đứng lẻ (nửa cặp UTF-16), không phải một ký tự: sửa hoặc xoá giá trị đó",
                          "holds a lone \\u{hex} code (half of a UTF-16 pair), not a character: fix or remove the value"),
    "vf.line_too_long": ("một dòng dài hơn {n} MiB (sau dòng {after}): không hồ sơ nào dài như vậy; kiểm tra tệp (thiếu xuống "
                         "dòng, hay một tệp nhị phân?)", "a line longer than {n} MiB (after line {after}): no record is that long; "
                         "check the file (a missing line break, or a binary file?)"),
    "vf.no_header_names": ("dòng tiêu đề (dòng đầu) không có tên cột nào: dòng đầu phải là tên các cột, ví dụ 'id,group,1.1,…'",
                           "the header row (the first line) has no column names: the first line must name the columns, e.g. 'id,group,1.1,…'"),
    "vf.json_odd_number": ("'{key}' là {value}, không phải một số JSON hợp lệ (NaN, Infinity hay số quá lớn): ghi một số bình thường hoặc để trống",
                           "'{key}' is {value}, not a valid JSON number (NaN, Infinity or too large): write an ordinary number or leave it blank"),
    "vf.jsonl_too_long": ("dòng dài hơn {n} MiB: một hồ sơ không thể dài như vậy; kiểm tra tệp (thiếu xuống dòng?)",
                          "the line is longer than {n} MiB: no record is that long; check the file (a missing line break?)"),
    # the explanation's headings (results/render.py HEAD: text, detail and Markdown; the web page's too)
    "head.record": ("Hồ sơ", "Record"),
    "head.pack": ("Bộ tiêu chí", "Criteria"),
    "head.outcome": ("Kết quả", "Outcome"),
    "head.rule": ("Quy tắc", "Rule"),
    "head.ref": ("Căn cứ", "Reference"),
    "head.total": ("Tổng điểm", "Total"),
    "head.next": ("Để đạt", "To reach"),
    "head.needs": ("cần thêm", "needs"),
    "head.points": ("điểm", "points"),
    "head.unreachable": ("không thể đạt với số điểm còn lại", "not reachable with the points left"),
    "head.input": ("giá trị", "value"),
    "head.missing": ("thiếu dữ liệu", "missing"),
    "head.best": ("Đã đạt mức cao nhất.", "Highest outcome reached."),
    "head.base": ("văn bản gốc", "base rule"),
    "head.extends": ("Dựa trên", "Extends"),
    "head.in_force": ("Áp dụng theo ngày", "In force on"),
    "head.warning": ("Cảnh báo", "Warning"),
    # a self-check's result in words (results/render.py CHECK: 'hoctap check', its printout, the web page)
    "check_text.title": ("Kết quả tự kiểm tra", "Self-check result"),
    "check_text.outcome": ("Kết quả", "Outcome"),
    "check_text.total": ("Tổng điểm", "Total"),
    "check_text.parts": ("Từng phần:", "By part:"),
    "check_text.best": ("Đã đạt mức cao nhất của bộ tiêu chí.", "The best outcome of this pack is reached."),
    "check_text.missing": ("Còn thiếu để đạt “{label}”:", "Still missing for “{label}”:"),
    "check_text.needs": ("cần", "needs"),
    "check_text.no_value": ("chưa trả lời", "not answered"),
    "check_text.total_need": ("tổng điểm {total}/{max}: cần ít nhất {target}, còn thiếu {gap}",
                              "total {total}/{max}: needs at least {target}, {gap} short"),
    "check_text.unreachable": (" — không thể đạt với số điểm còn lại", " — not reachable with the points left"),
    "check_text.provisional": ("Lưu ý: bộ tiêu chí này là TẠM THỜI (một phần văn bản chưa có); xem 'hoctap validate {id}'.",
                               "Note: this criteria pack is PROVISIONAL (parts of the text are missing); see 'hoctap validate {id}'."),
    "check_text.disclaimer": ("Đây là kết quả tự kiểm tra, chưa phải quyết định công nhận.",
                              "This is a self-check, not a recognition decision."),
    # the plain explanation for the person scored (results/render.py PLAIN: 'hoctap explain' by default)
    "plain.pack": ("Bộ tiêu chí", "Criteria"),
    "plain.outcome": ("Kết quả", "Outcome"),
    "plain.why": ("Lý do", "Why"),
    "plain.ref": ("Căn cứ", "Legal basis"),
    "plain.points": ("Điểm", "Points"),
    "plain.total": ("tổng {total}/{max}", "total {total}/{max}"),
    "plain.next": ("Để đạt “{label}”:", "To reach “{label}”:"),
    "plain.more": ("cần thêm {gap}", "{gap} still needed"),
    "plain.unreachable": (" (không thể đạt với số điểm còn lại)", " (not reachable with the points left)"),
    "plain.gain": ("Có thể tăng điểm ở (nhiều nhất trước): {items}", "Points can still be gained at (most first): {items}"),
    "plain.left": ("còn {n}", "{n} left"),
    "plain.gain_rest": ("và {n} chỉ số khác (còn {room})", "and {n} more ({room} left)"),
    "plain.points_need": ("{name}: được {value}, cần từ {x} điểm trở lên", "{name}: {value}, it needs {x} or more"),
    "plain.value_need": ("{name}: {value}, cần {need}", "{name}: {value}, it needs {need}"),
    "plain.no_value": ("{name}: chưa có số liệu, cần {need}", "{name}: no value, it needs {need}"),
    "plain.numbered": ("chỉ số {id}", "indicator {id}"),
    "plain.indicator": ("Chỉ số {id} ({label})", "Indicator {id} ({label})"),
    "plain.at_least": ("từ {x} trở lên", "{x} or more"),
    "plain.at_least_points": ("từ {x} điểm trở lên", "{x} or more"),   # a points condition ('≥ 5/10')
    "plain.more_than": ("trên {x}", "more than {x}"),
    "plain.least": ("Ít nhất phải thêm {all}: {raised} để đưa {which} lên mức tối thiểu, {rest} nữa ở chỉ số bất kỳ còn có thể tăng.",
                    "At least {all} more in all: {raised} to bring {which} up to the minimum, {rest} more at any indicator that can still gain."),
    "plain.least_enough": ("Ít nhất phải thêm {all}: chỉ cần đưa {which} lên mức tối thiểu, tổng điểm sẽ đủ.",
                           "At least {all} more in all: bringing {which} up to the minimum is enough for the total as well."),
    "plain.least_which_1": ("chỉ số trên", "the indicator above"),
    "plain.least_which_2": ("các chỉ số trên", "the indicators above"),
    "plain.best": ("Đã đạt mức cao nhất của bộ tiêu chí.", "The best outcome of this pack is reached."),
    "plain.provisional": ("bộ tiêu chí TẠM THỜI", "PROVISIONAL criteria"),
    "plain.warning": ("Cảnh báo:", "Warning:"),
    "plain.detail": ("Chi tiết từng chỉ số, quy tắc và căn cứ: hoctap explain -f detail",
                     "Each indicator, rule and reference: hoctap explain -f detail"),
    # the explanation tree's words (results/explain.py WORDS): statuses and conditions copied into the tree, HASHED
    # into stored runs: never reword (a stored run would no longer verify)
    "explain_word.met": ("đạt", "met"),
    "explain_word.not_met": ("chưa đạt", "not met"),
    "explain_word.missing": ("thiếu dữ liệu", "missing"),
    "explain_word.not_applicable": ("không áp dụng", "not applicable"),
    "explain_word.yes": ("có", "yes"),
    "explain_word.no": ("không", "no"),
    "explain_word.total": ("tổng điểm", "total"),
    "explain_word.all_met": ("mọi chỉ số đạt mức tối thiểu", "every indicator at its minimum"),
    "explain_word.otherwise": ("các trường hợp còn lại", "all other cases"),
    "explain_word.needs": ("cần", "needs"),
    "explain_word.level_all": ("mọi chỉ số áp dụng của mức này đều đạt", "every applicable indicator of this level met"),
    # what 'met' asks, in words (results/explain.py NEEDS): said in the reasons, so HASHED too: never reword
    "explain_need.at_least": ("ít nhất {x}", "at least {x}"),
    "explain_need.more_than": ("trên {x}", "more than {x}"),
    "explain_need.full": ("đủ {x}", "the full {x}"),
    "explain_need.or_higher": ("{x} trở lên", "{x} or higher"),
    # a result's one-line reason (results/explain.py REASON): HASHED into stored runs, never reword
    "reason.because": ("{label} vì {parts}", "{label} because {parts}"),
    "reason.not_next": ("{label}; chưa đạt “{next}” vì {parts}", "{label}; not “{next}” because {parts}"),
    "reason.best_total": ("{label}: tổng điểm {total}/{max}, từ {min} trở lên", "{label}: total {total}/{max}, at least {min}"),
    "reason.best_all": ("mọi chỉ số đạt mức tối thiểu", "every indicator at its minimum"),
    "reason.best_levels": ("{label}: mọi chỉ số áp dụng của mức này đều đạt",
                           "{label}: every applicable indicator of this level met"),
    "reason.best": ("{label}", "{label}"),
    "reason.total_short": ("tổng điểm {total}/{max}, cần từ {min} (thiếu {gap})",
                           "the total is {total}/{max}, it needs {min} ({gap} short)"),
    "reason.unreachable": (", không thể đạt với số điểm còn lại", ", not reachable with the points left"),
    "reason.total_ok": ("tổng điểm {total}/{max} đã đủ", "the total {total}/{max} is enough"),
    "reason.points": ("{name} được {value}, cần {needs} điểm trở lên", "{name} has {value}, it needs {needs} or more"),
    "reason.value": ("{name} là {value}, cần {needs}", "{name} is {value}, it needs {needs}"),
    "reason.missing": ("{name} chưa có số liệu (cần {needs})", "{name} has no value (it needs {needs})"),
    "reason.numbered": ("chỉ số {id}", "indicator {id}"),
    "reason.and": ("; ", "; "),
    # the council's documents (results/council.py): the national heading, titles, column heads, signers
    "council.country": ("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "SOCIALIST REPUBLIC OF VIET NAM"),
    "council.motto": ("Độc lập - Tự do - Hạnh phúc", "Independence - Freedom - Happiness"),
    "council.date": ("{place}, ngày {d} tháng {m} năm {y}", "{place}, {y}-{m}-{d}"),
    "council.sign": ("(Ký, ghi rõ họ tên)", "(Signature and full name)"),
    "council.signers_1": ("NGƯỜI LẬP BIỂU", "PREPARED BY"),
    "council.signers_2": ("CHỦ TỊCH HỘI ĐỒNG", "CHAIR OF THE COUNCIL"),
    "council.list_title": ("DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN", "LIST PROPOSED FOR RECOGNITION"),
    "council.results_title": ("KẾT QUẢ ĐÁNH GIÁ", "ASSESSMENT RESULTS"),
    "council.rejected_title": ("DANH SÁCH HỒ SƠ BỊ LOẠI (CẦN SỬA VÀ NỘP LẠI)",
                               "REJECTED RECORDS (TO BE CORRECTED AND FILED AGAIN)"),
    "council.disagree_title": ("DANH SÁCH HỒ SƠ CÓ KẾT QUẢ KHÁC TỰ ĐÁNH GIÁ",
                               "RECORDS WHOSE RESULT DIFFERS FROM THE SELF-ASSESSMENT"),
    "council.by_title": ("TỔNG HỢP THEO {name}", "SUMMARY BY {name}"),
    "council.where_when": ("Địa bàn: {locality}; ngày lập: {date}", "Locality: {locality}; drawn up on: {date}"),
    "council.pack": ("Bộ tiêu chí: {title}", "Criteria: {title}"),
    "council.stt": ("STT", "No."),
    "council.id": ("Mã", "ID"),
    "council.outcome": ("Kết quả", "Outcome"),
    "council.total": ("Tổng điểm", "Total"),
    "council.note": ("Ghi chú", "Note"),
    # the list's note on a record whose own claimed result differs from the one listed (the signer sees it)
    # under the list, so that the paper adds up: read = listed + not reached + rejected (+ skipped, said above)
    "council.not_listed": ("không có trong danh sách: {n} hồ sơ được chấm nhưng chưa đạt, {rejected} hồ sơ bị loại",
                           "not on the list: scored but not recognised {n}, rejected {rejected}"),
    "council.claimed_other": ("Tự đánh giá: {claimed}", "Self-assessed: {claimed}"),
    "council.reason": ("Lý do", "Reason"),
    "council.where": ("Vị trí trong tệp", "Where in the file"),
    "council.file": ("Tệp", "File"),
    "council.error": ("Lỗi cần sửa", "What to correct"),
    "council.records": ("Số hồ sơ", "Records"),
    "council.claimed_total": ("Tự đánh giá (tổng điểm)", "Claimed total"),
    "council.claimed_outcome": ("Tự đánh giá (kết quả)", "Claimed outcome"),
    "council.differences": ("Khác nhau ở", "Differences"),
    "council.rejected": ("Bị loại", "Rejected"),
    "council.all": ("Tổng số", "All"),
    "council.totals": ("Tổng cộng", "Total"),
    "council.count": ("{n} hồ sơ", "{n:record|records}"),
    "council.blank": ("(trống)", "(blank)"),
    "council.unmet": ("Chỉ tiêu chưa đạt", "Indicators not met"),
    "council.summary_title": ("TỔNG HỢP KẾT QUẢ ĐÁNH GIÁ", "SUMMARY OF THE ASSESSMENT"),
    "council.item": ("Nội dung", "Item"),
    "council.share_scored": ("Tỷ lệ trên số được chấm", "Share of scored"),
    "council.rejected_row": ("Bị loại (cần sửa và nộp lại)", "Rejected (to be corrected and filed again)"),
    "council.no_date": ("……/……/………", "………-……-……"),   # a day to fill in by hand
    "council.page": ("Trang &P/&N", "Page &P/&N"),   # the page footer: Excel puts the page (&P) and the pages (&N)
    # the council workbook's sheet names (results/council.py)
    "council_sheet.list": ("Danh sách công nhận", "Recognised"),
    "council_sheet.results": ("Kết quả", "Results"),
    "council_sheet.rejected": ("Bị loại", "Rejected"),
    "council_sheet.disagreements": ("Khác tự đánh giá", "Disagreements"),
    "council_sheet.summary": ("Tổng hợp", "Summary"),
    "council_sheet.by": ("Theo {name}", "By {name}"),
    # a claim's differences (results/claims.py): in 'verify' and in a result's verification
    "claim.total": ("tổng điểm", "total"),
    "claim.outcome": ("kết quả", "outcome"),
    "claim.indicator": ("chỉ số", "indicator"),
    "verify.numbered": ("chỉ số {id}", "indicator {id}"),
    "verify.item": ("chỉ tiêu {title}", "indicator {title}"),
    "claim.claimed": ("tự đánh giá", "claimed"),
    "claim.computed": ("tính được", "computed"),
    # an output that is an input (results/output.py)
    "out.not_an_input": ("{option} {output} chính là tệp đầu vào {input}: ghi vào đó sẽ xoá mất hồ sơ gốc. Chưa có gì được đọc hay ghi: hãy chọn một tên tệp khác",
                         "{option} {output} is the input file {input}: writing it would destroy the original. Choose another file name (nothing was read or written)"),
    # the list of shipped packs (packs/catalog.py: 'hoctap packs'): its column heads, then its cells
    "packs_head.id": ("mã", "id"),
    "packs_head.title": ("mô hình, văn bản", "model, document"),
    "packs_head.tier": ("cấp", "tier"),
    "packs_head.outcomes": ("kết quả", "outcomes"),
    "packs_head.in_force": ("hiệu lực", "in force"),
    "packs_head.status": ("trạng thái", "status"),
    "packs_head.provisional": ("còn tạm thời", "provisional"),
    "packs_list.from": ("từ {d}", "from {d}"),
    "packs_list.warn": ("cảnh báo với hồ sơ sau {d}", "warns for records after {d}"),
    "packs_list.none": ("không", "none"),
    "packs_list.official": ("chính thức", "official"),
    "packs_list.provisional": ("TẠM THỜI", "PROVISIONAL"),
    "packs_list.placeholders": ("chỉ số tạm: {ids}", "placeholder indicators: {ids}"),
    "packs_list.local": ("chỉ số theo hướng dẫn địa phương: {ids}", "indicators set by local guidance: {ids}"),
    "packs_list.notes": ("xem {n} ghi chú: hoctap validate {id} --notes", "see {n:note|notes}: hoctap validate {id} --notes"),
    "packs_list.model": ("mô hình", "model"),
    # the goals report's words (goals/report.py WORDS): conditions and counts
    "goal_word.yes": ("có", "yes"),
    "goal_word.no": ("không", "no"),
    "goal_word.every": ("mọi hồ sơ", "every record"),
    "goal_word.records": ("hồ sơ", "records"),
    "goal_word.and": (" và ", " and "),
    "goal_word.or": (" hoặc ", " or "),
    "goal_word.named": ("«{label}»", "“{label}”"),   # a target named by its label, in each language's quotes
    # a target's reason (goals/report.py REASONS); 'gap_one': English says 1 more without guessing a singular,
    # Vietnamese as 'gap'
    "goal_reason.reported": ("{share} (chỉ theo dõi: kế hoạch không đặt chỉ tiêu)",
                             "{share} (reported only: the plan sets no number)"),
    "goal_reason.undetermined": ("chưa xác định: {low} (nếu {u} hồ sơ không đánh giá được đều không đạt) đến {high} (nếu đều đạt), cần {sign} {req}%: sửa các hồ sơ bị loại để có kết luận",
                                 "undetermined: {low} (if the {u:unevaluable record fails|unevaluable records all fail}) to {high} (if {u:|it qualifies|they all qualify}), needs {sign} {req}%: fix the rejected records to decide it"),
    "goal_reason.undetermined_blank": ("chưa xác định: từ {low} đến {high}, tùy {p} hồ sơ chưa xếp được vào mẫu số (để trống giá trị cần xét) có thuộc mẫu số hay không, cần {sign} {req}%: điền các giá trị còn trống để có kết luận",
                                       "undetermined: from {low} to {high}, depending on whether the {p:record that could not be placed (a value it needs is blank) belongs|records that could not be placed (a value they need is blank) belong} to the population, needs {sign} {req}%: fill in the blanks to decide it"),
    "goal_reason.undetermined_both": ("chưa xác định: từ {low} đến {high}, tùy {p} hồ sơ chưa xếp được vào mẫu số (để trống giá trị cần xét) và {u} hồ sơ không đánh giá được, cần {sign} {req}%: điền các giá trị còn trống và sửa các hồ sơ bị loại để có kết luận",
                                      "undetermined: from {low} to {high}, depending on the {p:record that could not be placed|records that could not be placed} (a blank value) and the {u:unevaluable record|unevaluable records}, needs {sign} {req}%: fill in the blanks and fix the rejected records to decide it"),
    "goal_reason.met_blank": ("{low} {sign} {req}%: đạt, dù {p} hồ sơ chưa xếp được vào mẫu số có thuộc mẫu số hay không",
                              "{low} {sign} {req}%: met, whether or not the {p:record that could not be placed belongs|records that could not be placed belong} to the population"),
    "goal_reason.met_anyway": ("{low} {sign} {req}%: đạt, kể cả khi {u} hồ sơ không đánh giá được đều không đạt",
                               "{low} {sign} {req}%: met, even if the {u:unevaluable record fails|unevaluable records all fail}"),
    "goal_reason.not_met_anyway": ("{high} kể cả khi {u} hồ sơ không đánh giá được đều đạt, cần {sign} {req}%: cần thêm {gap} {counted}",
                                   "{high} even if the {u:unevaluable record qualifies|unevaluable records all qualify}, needs {sign} {req}%: {gap} more {counted} needed"),
    "goal_reason.met": ("{share} {sign} {req}%: đạt", "{share} {sign} {req}%: met"),
    "goal_reason.above": ("{share}, cao hơn mức {req}% yêu cầu: thêm người đạt không làm cho bằng được",
                          "{share}, above the required {req}%: more qualifying records cannot make it equal"),
    "goal_reason.fraction": ("{share}: {req}% của {d} không phải là số nguyên hồ sơ, nên không thể '='",
                             "{share}: {req}% of {d} is not a whole number of records, so '=' cannot be met"),
    "goal_reason.gap": ("{share}, cần {sign} {req}%: cần thêm {gap} {counted}",
                        "{share}, needs {sign} {req}%: {gap} more {counted} needed"),
    "goal_reason.gap_one": ("{share}, cần {sign} {req}%: cần thêm {gap} {counted}",
                            "{share}, needs {sign} {req}%: 1 more needed ({counted})"),
    "goal_reason.unplaced": ("không đánh giá được: không hồ sơ nào xếp được vào mẫu số ({pop}): {n} hồ sơ không có giá trị {blank}",
                             "not evaluable: no record could be placed in the population ({pop}): {n:record has|records have} no value for {blank}"),
    "goal_reason.empty": ("không đánh giá được: không có hồ sơ nào (mẫu số 0), nên không có tỷ lệ để so sánh",
                          "not evaluable: the population is empty (no record was evaluated), so there is no share to compare"),
    "goal_reason.no_one": ("không đánh giá được: không hồ sơ nào thuộc mẫu số ({pop}), nên tỷ lệ không có mẫu số (0 hồ sơ)",
                           "not evaluable: no record is in the population ({pop}), so the share has no denominator (0 records)"),
    "goal_reason.no_value": ("không đánh giá được: cả {n} hồ sơ của mẫu số đều không có giá trị '{input}' ({label}): thêm cột này hoặc điền giá trị",
                             "not evaluable: the {n:record in the population lacks|records in the population all lack} '{input}' ({label}): add the column or fill it in"),
    # how a result keeps the pack's dated warning (records/dates.py WARNING_FORM): HASHED into stored runs and read
    # back by records.dates.warning_words: never reword (people read 'dated.warning', said from it)
    "dated.kept": ("{text} (ngày đánh giá {on}, theo {source})", "{text} (assessment date {on}, from {source})"),
    # a record assessed outside the period of the pack named for it (records/dates.py date_warnings): kept as the
    # warning's {text} in 'dated.kept', so HASHED into stored runs too: never reword
    "dated.out_of_period": ("Hồ sơ được đánh giá ngoài thời gian hiệu lực của bộ tiêu chí '{pack}' ({period}) nhưng vẫn được "
                            "chấm theo bộ này vì bộ được ghi rõ tên. Để chọn bộ tiêu chí có hiệu lực vào ngày đánh giá của "
                            "từng hồ sơ, ghi tên mô hình (ví dụ {model}; 'hoctap packs' liệt kê các mô hình) với --as-of record.",
                            "The record was assessed outside the period of criteria pack '{pack}' ({period}) but is still "
                            "scored with it because the pack was named. To choose the pack in force on each record's "
                            "assessment date, name the model (e.g. {model}; 'hoctap packs' lists the models) with --as-of record."),
    # the tiers a pack is for (packs/model.py TIER_LABELS)
    "tier.ca_nhan": ("cá nhân", "individual"),
    "tier.thon": ("thôn, tổ dân phố", "village"),
    "tier.xa": ("cấp xã", "commune"),
    "tier.huyen": ("cấp huyện", "district"),
    "tier.tinh": ("cấp tỉnh", "province"),
}
