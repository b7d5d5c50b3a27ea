"""Self-check answers files: one mapping of question to answer, in YAML or JSON."""
from __future__ import annotations

import json
import unicodedata
from pathlib import Path
from typing import Any

import yaml

from scoring.errors import InputFileError
from scoring.packs.yamlfile import _DuplicateKey, _StrictLoader
from scoring.records.rows import nfc_item


# --- self-check answers ---------------------------------------------------------------

ANSWER_FORMATS = {".yaml": "yaml", ".yml": "yaml", ".json": "json"}


def read_answers(path: str | Path) -> dict[str, Any]:
    """A self-check answers file: one mapping of question (input name, alias or label) to
    answer, in YAML (safe loader, duplicate keys rejected) or JSON."""
    path = Path(path)
    kind = ANSWER_FORMATS.get(path.suffix.lower())
    if kind is None:
        raise InputFileError(str(path), f"unknown file type '{path.suffix}': use .yaml, .yml or .json")
    try:
        text = path.read_bytes().decode("utf-8-sig")
    except OSError as exc:
        raise InputFileError(str(path), f"cannot read the file: {exc.strerror}") from None
    except UnicodeDecodeError as exc:
        raise InputFileError(str(path), f"not UTF-8 text (offset {exc.start}): save the file as UTF-8") from None
    data = _answers_json(text, str(path)) if kind == "json" else _answers_yaml(text, str(path))
    if data is None:
        raise InputFileError(str(path), "the file is empty: write one answer per line, e.g. '\"2.2\": 7'")
    if not isinstance(data, dict):
        raise InputFileError(str(path), f"expected one mapping of question to answer (e.g. '\"2.2\": 7'), not a {type(data).__name__}")
    return nfc_item(data)


def _answers_json(text: str, file: str) -> Any:
    try:
        return json.loads(text) if text.strip() else None
    except json.JSONDecodeError as exc:
        raise InputFileError(file, f"not valid JSON at line {exc.lineno}, column {exc.colno}: {exc.msg}") from None


def _answers_yaml(text: str, file: str) -> Any:
    loader = _StrictLoader(unicodedata.normalize("NFC", text))
    try:
        return loader.get_single_data()
    except _DuplicateKey as dup:
        raise InputFileError(file, f"line {dup.line}: '{dup.key}' is answered twice (lines {dup.first} and {dup.line}): keep one") from None
    except yaml.MarkedYAMLError as exc:
        mark = exc.problem_mark or exc.context_mark
        where = f"line {mark.line + 1}: " if mark else ""
        raise InputFileError(file, f"{where}not valid YAML: {exc.problem or exc.context}") from None
    finally:
        loader.dispose()
