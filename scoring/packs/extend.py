"""Local variants: a pack that ``extends`` another overrides only what changes.

The override rule, in full (also in criteria/README.md, "Local variants"):

- a mapping is merged key by key: a key the child writes replaces or merges into the parent's;
  keys it leaves out are kept;
- a list whose items all carry an ``id``, ``name`` or ``code`` (criteria, indicators, inputs,
  choices, bands, levels) is merged item by item on that key: an item with a known key merges
  into the parent's item, an item with a new key is added at the end;
- labels (``title``, ``label``, ``hint``, ``evidence``) and ``reference`` are replaced whole,
  so a local citation never mixes with the national one; a ``rule`` or ``outcome`` whose
  ``kind`` changes is replaced whole as well;
- anything else (text, numbers, dates, lists of words such as ``aliases`` or ``notes``) is replaced.

Merging works on the YAML data, before validation, and remembers which file and line every
merged value came from, so an error in the merged pack still points at the line to fix.
"""
from __future__ import annotations

import difflib
import unicodedata
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from scoring.errors import CriteriaError
from scoring.messages import Msg, did_you_mean
from scoring.packs.shipped import shipped_dir
from scoring.packs.yamlfile import YamlDocument

ITEM_KEYS = ("id", "name", "code")
REPLACED_WHOLE = {"title", "label", "hint", "evidence", "reference"}
OWN_KEYS = ("id", "version")   # a child must say these itself: they identify the result

Where = tuple[str, int]


@dataclass
class MergedDocument(YamlDocument):
    """The data of a child pack merged over its parent, with the origin of every path."""

    origins: dict[str, Where] = field(default_factory=dict)

    def where(self, path: str) -> tuple[str, int | None]:
        while path:
            if path in self.origins:
                return self.origins[path]
            cut = max(path.rfind("."), path.rfind("["))
            path = path[:cut] if cut > 0 else ""
        return self.file, None

    def line_of(self, path: str) -> int | None:
        return self.where(path)[1]

    def locations(self) -> dict[str, Where]:
        return dict(self.origins)


def parent_path(ref: Any, child: YamlDocument) -> Path:
    """Where the pack named by ``extends`` lives: a path relative to the child file, or a pack
    id looked up beside the child first, then among the shipped packs."""
    where = child.line_of("extends")
    if not isinstance(ref, str) or not ref.strip():
        raise CriteriaError(child.file, "extends", Msg("ext.not_ref"), where)
    base = Path(child.file).parent
    if ref.endswith((".yaml", ".yml")) or "/" in ref:
        path = base / ref
        if not path.is_file():
            raise CriteriaError(child.file, "extends", _no_file(ref, path, base), where)
        return path
    for folder in (base, shipped_dir()):
        if (folder / f"{ref}.yaml").is_file():
            return folder / f"{ref}.yaml"
    known = sorted({p.stem for folder in (base, shipped_dir()) for p in folder.glob("*.yaml")})
    named = next((ref.split(sep)[0].strip() for sep in ("@", " ", ":") if ref.split(sep)[0].strip() in known), None)
    if named is not None and named != ref:   # 'don-vi-hoc-tap-tt22@1.3': a pack is named by its id alone
        raise CriteriaError(child.file, "extends", Msg("ext.with_version", ref=ref, id=named), where)
    raise CriteriaError(child.file, "extends", Msg("ext.no_pack", ref=ref, hint=did_you_mean(ref, known)), where)


def _no_file(ref: str, path: Path, base: Path) -> Msg:
    """A file that is not there; when its name is a shipped pack's, the id is what to write."""
    stem = Path(ref.replace("\\", "/")).stem
    if not (base / f"{stem}.yaml").is_file() and (shipped_dir() / f"{stem}.yaml").is_file():
        return Msg("ext.shipped_by_id", ref=ref, path=str(path), id=stem)
    return Msg("ext.no_file", ref=ref, path=str(path))


def check_child(child: YamlDocument, parent_id: str) -> None:
    """A child must carry its own identity, or its results would pass for the parent's."""
    for key in OWN_KEYS:
        if key not in child.data:
            typo = _near_key(key, child.data)
            if typo is not None:   # 'vérsion', 'Version', 'versoin': say which line, not only what is missing
                raise CriteriaError(child.file, typo, Msg("ext.own_key_typo", parent=parent_id, key=key, typo=typo),
                                    child.line_of(typo))
            raise CriteriaError(child.file, key, Msg("ext.own_key", parent=parent_id, key=key),
                                child.line_of("extends"))
    if child.data["id"] == parent_id:
        raise CriteriaError(child.file, "id", Msg("ext.different_id", parent=parent_id),
                            child.line_of("id"))


def _near_key(key: str, data: dict) -> str | None:
    """A key of ``data`` that is ``key`` mistyped: another case, accents, or a slip of the fingers."""
    plain = {str(k): unicodedata.normalize("NFD", str(k)).encode("ascii", "ignore").decode().lower() for k in data}
    same = [k for k, p in plain.items() if p == key]
    close = difflib.get_close_matches(key, [str(k) for k in data], n=1, cutoff=0.75)
    return (same or close or [None])[0]


def merge(parent: YamlDocument, child: YamlDocument) -> MergedDocument:
    """The child's data merged over the parent's (see the module docstring for the rule)."""
    origins: dict[str, Where] = {}
    merger = _Merger(parent.locations(), child.locations(), origins)
    data = merger.value(parent.data, "", child.data, "", "", key=None)
    lines = {p: line for p, (_, line) in origins.items()}
    return MergedDocument(file=child.file, data=data, text=child.text, lines=lines, origins=origins)


def overridden_indicators(child: YamlDocument) -> set[str]:
    """Ids of the indicators the child writes (whether it changes the rule, a label or a reference)."""
    ids: set[str] = set()
    for crit in _items(child.data.get("criteria")):
        for ind in _items(crit.get("indicators")):
            if "id" in ind:
                ids.add(str(ind["id"]))
    return ids


def overridden_outcomes(child: YamlDocument) -> set[str]:
    """Codes of the bands or levels (and 'otherwise') the child writes."""
    out = child.data.get("outcome")
    if not isinstance(out, dict):
        return set()
    codes = {str(x["code"]) for key in ("bands", "levels") for x in _items(out.get(key)) if "code" in x}
    other = out.get("otherwise")
    return codes | ({str(other["code"])} if isinstance(other, dict) and "code" in other else set())


def _items(value: Any) -> list[dict]:
    return [v for v in value if isinstance(v, dict)] if isinstance(value, list) else []


def _sub(path: str, part: str | int) -> str:
    if isinstance(part, int):
        return f"{path}[{part}]"
    return f"{path}.{part}" if path else part


class _Merger:
    def __init__(self, parent: dict[str, Where], child: dict[str, Where], origins: dict[str, Where]):
        self.parent, self.child, self.origins = parent, child, origins

    def copy(self, source: dict[str, Where], src: str, dst: str) -> None:
        """Every location under ``src`` in one document becomes a location under ``dst``."""
        for path, loc in source.items():
            if not src:
                self.origins[_join(dst, path)] = loc
            elif path == src or path.startswith((src + ".", src + "[")):
                self.origins[dst + path[len(src):]] = loc

    def value(self, p: Any, pp: str, c: Any, cp: str, mp: str, key: str | int | None) -> Any:
        if isinstance(p, dict) and isinstance(c, dict) and key not in REPLACED_WHOLE \
                and not ("kind" in c and c.get("kind") != p.get("kind")):
            return self.mapping(p, pp, c, cp, mp)
        item_key = _item_key(p, c)
        if item_key:
            return self.items(p, pp, c, cp, mp, item_key)
        self.copy(self.child, cp, mp)
        return c

    def mapping(self, p: dict, pp: str, c: dict, cp: str, mp: str) -> dict:
        if cp in self.child:
            self.origins[mp] = self.child[cp]
        out: dict = {}
        for k, v in p.items():
            if k in c:
                out[k] = self.value(v, _sub(pp, k), c[k], _sub(cp, k), _sub(mp, k), k)
            else:
                out[k] = v
                self.copy(self.parent, _sub(pp, k), _sub(mp, k))
        for k, v in c.items():
            if k not in p:
                out[k] = v
                self.copy(self.child, _sub(cp, k), _sub(mp, k))
        return out

    def items(self, p: list, pp: str, c: list, cp: str, mp: str, key: str) -> list:
        if cp in self.child:
            self.origins[mp] = self.child[cp]
        by_key = {item[key]: i for i, item in enumerate(c)}
        if len(by_key) != len(c):
            again = next(j for j, item in enumerate(c) if any(o[key] == item[key] for o in c[:j]))
            file, line = self.child.get(_sub(cp, again), self.child.get(cp, ("", 0)))   # the second one: the one to merge away
            raise CriteriaError(file, _sub(cp, again), Msg("ext.twice", key=key, value=c[again][key]), line)
        out: list = []
        for i, item in enumerate(p):
            j = by_key.pop(item[key], None)
            dst = _sub(mp, len(out))
            if j is None:
                out.append(item)
                self.copy(self.parent, _sub(pp, i), dst)
            else:
                out.append(self.value(item, _sub(pp, i), c[j], _sub(cp, j), dst, None))
        for j in sorted(by_key.values()):
            self.copy(self.child, _sub(cp, j), _sub(mp, len(out)))
            out.append(c[j])
        return out


def _join(dst: str, path: str) -> str:
    if not dst or not path:
        return dst or path
    return dst + path if path.startswith("[") else f"{dst}.{path}"


def _item_key(p: Any, c: Any) -> str | None:
    """The key a list is merged on: one that every item of both lists carries."""
    if not (isinstance(p, list) and isinstance(c, list) and p and c):
        return None
    items = [*p, *c]
    if not all(isinstance(x, dict) for x in items):
        return None
    return next((k for k in ITEM_KEYS if all(k in x for x in items)), None)
