"""pydantic's validation errors in the user's language.

The loaders of criteria packs, goal packs, statistics forms and test cases validate YAML data with
pydantic, whose messages are English ("Input should be a valid list"). Each common error type is
put here into a catalogue sentence that says what the value must be and, when it is a plain value,
what was found; the YAML path and line come before it (``CriteriaError``). A type not in the
table still gets a sentence in the user's language, with pydantic's text quoted as a technical
detail, so nothing English stands alone in Vietnamese output.
"""
from __future__ import annotations

from typing import Any

from scoring.messages import Msg

CODE_PATTERN = r"^[a-z0-9][a-z0-9_.\-]*$"   # packs.pack.Code: ids and codes

# pydantic error type -> catalogue code; each takes {found}, and {bound} or {n} from the context
_BY_TYPE = {
    "string_type": "vf.text", "bool_parsing": "vf.bool", "bool_type": "vf.bool",
    "int_from_float": "vf.int", "date_parsing": "vf.date", "date_type": "vf.date",
    "date_from_datetime_parsing": "vf.date", "date_from_datetime_inexact": "vf.date",
    "datetime_parsing": "vf.date", "datetime_type": "vf.date",
    "list_type": "vf.list", "tuple_type": "vf.list", "set_type": "vf.list",
    "dict_type": "vf.mapping", "model_type": "vf.mapping", "model_attributes_type": "vf.mapping",
    "dataclass_type": "vf.mapping",
}
_BOUNDS = {"greater_than": ("vf.gt", "gt"), "greater_than_equal": ("vf.ge", "ge"),
           "less_than": ("vf.lt", "lt"), "less_than_equal": ("vf.le", "le")}
_LENGTHS = {"string_too_short": ("vf.text_short", "min_length"), "string_too_long": ("vf.text_long", "max_length"),
            "too_short": ("vf.too_short", "min_length"), "too_long": ("vf.too_long", "max_length")}


def pydantic_problem(err: dict[str, Any]) -> Msg:
    """The sentence for one pydantic error (``ValidationError.errors()`` item) whose type the pack
    loader does not word itself (missing and unknown keys, numbers, literals, kinds)."""
    kind, ctx, given = err["type"], err.get("ctx") or {}, err.get("input")
    found = _found(given)
    if kind in _BY_TYPE:
        return Msg(_BY_TYPE[kind], found=found)
    if kind in _BOUNDS:
        code, key = _BOUNDS[kind]
        return Msg(code, bound=_bound(ctx.get(key)), found=found)
    if kind in _LENGTHS:
        code, key = _LENGTHS[kind]
        return Msg(code, n=ctx.get(key), actual=ctx.get("actual_length"))
    if kind == "string_pattern_mismatch":
        if ctx.get("pattern") == CODE_PATTERN:
            return Msg("vf.code_pattern", value=given)
        return Msg("vf.pattern", value=repr(given), pattern=ctx.get("pattern"))
    if kind == "union_tag_not_found":
        return Msg("vf.no_tag", tag=ctx.get("discriminator", "kind").strip("'"))
    return Msg("vf.other", found=f" {given!r}" if found else "", detail=err.get("msg", kind))


def _found(given: Any) -> Msg | str:
    """', không phải 'Bộ'' for a plain value the user wrote; nothing for a list or mapping (the
    line of the file shows it) or for a value that is not there."""
    if given is None or isinstance(given, (dict, list, tuple)):
        return ""
    return Msg("vf.found", value=repr(given))


def _bound(value: Any) -> Any:
    """A limit as people write it: 2000 stays 2000 (a year or a count), 0.5 is '0,5' in Vietnamese."""
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return Msg("num", x=value) if isinstance(value, float) else value
