"""Self-check answers files: one mapping of question to answer, in YAML or JSON."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from scoring.errors import InputFileError, not_a_regular_file, os_reason
from scoring.messages import CATALOGUE, Msg
from scoring.packs.yamlfile import _DuplicateKey, _StrictLoader, compose_checked, yaml_problem
from scoring.records.rows import json_reason, nfc_item


# --- self-check answers ---------------------------------------------------------------

ANSWER_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def read_answers(path: str | Path) -> dict[str, Any]:
    """A self-check answers file: one mapping of question (input name, alias or label) to
    answer, in YAML (safe loader, duplicate keys rejected) or JSON."""
    path = Path(path)
    kind = ANSWER_FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputFileError(str(path), Msg("ans.unknown_type", suffix=path.suffix))
    special = not_a_regular_file(path)
    if special:
        raise InputFileError(str(path), special)
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputFileError(str(path), Msg("file.cannot_read", reason=os_reason(exc))) from None
    except UnicodeDecodeError as exc:
        raise InputFileError(str(path), Msg("ans.not_utf8", offset=exc.start)) from None
    data = _answers_json(text, str(path)) if kind == "json" else _answers_yaml(text, str(path))
    if data is None:
        raise InputFileError(str(path), Msg("ans.empty"))
    if not isinstance(data, dict):
        raise InputFileError(str(path), Msg("ans.not_mapping", kind=_kind(data)))
    return nfc_item(data)


def _answers_json(text: str, file: str) -> Any:
    def odd(token: str) -> Any:
        raise InputFileError(file, Msg("vf.ans_odd_number", token=token))
    try:
        data = json.loads(text, parse_constant=odd) if text.strip() else None
    except json.JSONDecodeError as exc:
        raise InputFileError(file, Msg("json.invalid", line=exc.lineno, column=exc.colno,
                                       reason=json_reason(exc.msg))) from None
    except RecursionError:
        raise InputFileError(file, Msg("vf.ans_deep")) from None
    except ValueError as exc:   # an integer of more than 4,300 digits
        raise InputFileError(file, Msg("vf.ans_number", detail=str(exc))) from None
    if isinstance(data, dict):
        bad = next((k for k, v in data.items() if _bad_text(k) or _bad_text(v) or
                    (isinstance(v, float) and v in (float("inf"), float("-inf")))), None)
        if bad is not None:
            raise InputFileError(file, Msg("vf.ans_bad_value", key=ascii(bad)[1:-1]))
    return data


def _kind(data: Any) -> Msg | str:
    """What a YAML or JSON value is, in words (a list, a string, a date…)."""
    code = f"vf.kind_{type(data).__name__}"
    return Msg(code) if code in CATALOGUE else type(data).__name__


def _bad_text(value: Any) -> bool:
    return isinstance(value, str) and any("\ud800" <= ch <= "\udfff" for ch in value)


def _answers_yaml(text: str, file: str) -> Any:
    text = unicodedata.normalize("NFC", text)
    try:
        loader = _StrictLoader(text)
    except yaml.YAMLError as exc:
        raise InputFileError(file, _where(*yaml_problem(exc, text))) from None
    try:
        node = compose_checked(loader)
        return None if node is None else loader.construct_document(node)
    except _DuplicateKey as dup:
        raise InputFileError(file, Msg("ans.twice", line=dup.line, key=dup.key, first=dup.first)) from None
    except (yaml.YAMLError, RecursionError) as exc:
        raise InputFileError(file, _where(*yaml_problem(exc, text))) from None
    finally:
        loader.dispose()


def _where(line: int | None, problem: Any) -> Msg:
    return Msg("ans.yaml", where=Msg("ans.line", line=line) if line else "", reason=problem)
