"""Reading criteria YAML safely: the safe loader (no object construction, ever), duplicate keys
refused, and the line of every YAML path kept for messages. Nothing here knows what a pack means.
"""
from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

from scoring.errors import CriteriaError


# --- YAML -------------------------------------------------------------------------------

class _NoDuplicateKeys:
    """Rejects duplicate keys (mixed into the safe loaders: no object construction, ever)."""

    def construct_mapping(self, node: yaml.MappingNode, deep: bool = False) -> dict:
        seen: dict[Any, int] = {}
        for key_node, _ in node.value:
            key = self.construct_object(key_node, deep=deep)
            line = key_node.start_mark.line + 1
            if key in seen:
                raise _DuplicateKey(key, line, seen[key])
            seen[key] = line
        return super().construct_mapping(node, deep=deep)


class _StrictLoader(_NoDuplicateKeys, yaml.SafeLoader):
    """The pure-Python safe loader: its messages name what is wrong with a file."""


# libyaml's parser, where installed, reads a pack about ten times faster (start-up time); the
# constructor (safe, strict) is the same Python code. A file it refuses is read again by the
# pure-Python loader, whose message is the one reported.
_FastLoader = type("_FastLoader", (_NoDuplicateKeys, yaml.CSafeLoader), {}) if yaml.__with_libyaml__ else None


class _DuplicateKey(Exception):
    def __init__(self, key: Any, line: int, first: int):
        self.key, self.line, self.first = key, line, first


@dataclass
class YamlDocument:
    """A parsed YAML file and the line each YAML path starts on."""

    file: str
    data: Any
    text: str
    lines: dict[str, int] = field(default_factory=dict)

    def line_of(self, path: str) -> int | None:
        # Fall back to the nearest parent that has a line (an error may name a missing key).
        while path:
            if path in self.lines:
                return self.lines[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return None

    def where(self, path: str) -> tuple[str, int | None]:
        """The file and line a YAML path comes from (a merged pack spans several files)."""
        return self.file, self.line_of(path)

    def locations(self) -> dict[str, tuple[str, int]]:
        """YAML path -> (file, line), for every path of the document."""
        return {p: (self.file, line) for p, line in self.lines.items()}


def display_path(path: str | Path) -> str:
    """A file as reports show it: relative to the working folder when it lies below it."""
    try:
        return str(Path(path).resolve().relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def yaml_path(parts: tuple | list) -> str:
    """('criteria', 0, 'id') -> 'criteria[0].id'"""
    out = ""
    for part in parts:
        if isinstance(part, int):
            out += f"[{part}]"
        else:
            out += f".{part}" if out else str(part)
    return out


def _index_lines(node: yaml.Node, path: tuple, lines: dict[str, int]) -> None:
    lines[yaml_path(path)] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key_node, value_node in node.value:
            _index_lines(value_node, path + (str(key_node.value),), lines)
            lines[yaml_path(path + (str(key_node.value),))] = key_node.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for i, item in enumerate(node.value):
            _index_lines(item, path + (i,), lines)


def parse_yaml(text: str, file: str) -> YamlDocument:
    """Parse YAML text safely; every syntax problem becomes a CriteriaError with a line."""
    text = unicodedata.normalize("NFC", text)
    if _FastLoader is not None:
        try:
            return _parse(_FastLoader(text), text, file)
        except Exception:  # noqa: BLE001 - whatever it is, the pure-Python loader says it as before
            pass
    return _parse(_StrictLoader(text), text, file)


def _parse(loader: Any, text: str, file: str) -> YamlDocument:
    try:
        node = loader.get_single_node()
        if node is None:
            raise CriteriaError(file, "", "the file is empty: a criteria pack needs at least 'id', 'version' and 'indicators'")
        lines: dict[str, int] = {}
        _index_lines(node, (), lines)
        data = loader.construct_document(node)
    except _DuplicateKey as dup:
        raise CriteriaError(file, "", f"key '{dup.key}' appears twice (lines {dup.first} and {dup.line}): keep one", dup.line) from None
    except yaml.MarkedYAMLError as exc:
        raise _yaml_syntax_error(file, text, exc) from None
    finally:
        loader.dispose()
    return YamlDocument(file=file, data=data, text=text, lines=lines)


def _yaml_syntax_error(file: str, text: str, exc: yaml.MarkedYAMLError) -> CriteriaError:
    mark = exc.problem_mark or exc.context_mark
    line = mark.line + 1 if mark else None
    problem = f"{exc.problem or exc.context}"
    bad_line = text.splitlines()[line - 1] if line and line <= len(text.splitlines()) else ""
    if "\t" in bad_line or "'\\t'" in problem:
        problem += " — YAML does not allow tab characters for indentation: use spaces"
    if bad_line:
        caret = " " * (mark.column if mark else 0) + "^"
        problem += f"\n    {bad_line}\n    {caret}"
    return CriteriaError(file, "", f"not valid YAML: {problem}", line)


def read_yaml_file(path: str | Path) -> YamlDocument:
    path = Path(path)
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise CriteriaError(str(path), "", f"cannot read the file: {exc.strerror}") from None
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise CriteriaError(str(path), "", f"not UTF-8 text (byte {raw[exc.start]:#04x} at offset {exc.start}): save the file as UTF-8") from None
    return parse_yaml(text, str(path))
