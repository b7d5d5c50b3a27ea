"""Packs once checked, kept in the user's cache folder (issue 14: start in a blink).

Checking a pack (the YAML reader, then pydantic's models) costs more than scoring a few records.
A pack read from a file is looked up here by the SHA-256 of its text, of hoctap's version and of
Python's and of the code that reads a pack (this folder's modules: a checkout installed again keeps
its version number, not its reading); if found, the plain objects are built from the data kept (``scoring.packs.model``),
which are the very objects a check of the text gives. Nothing can go stale: a changed text, or
another hoctap, reader or Python, is another key. Only packs that extend none are kept (a variant's
meaning depends on its parent's file too).

The folder: ``$HOCTAP_CACHE_DIR`` if set (empty: no cache), else ``%LOCALAPPDATA%\\hoctap\\Cache``
on Windows, else ``$XDG_CACHE_HOME/hoctap`` (``~/.cache/hoctap``), never beside the user's files.
A folder that is missing and cannot be made, or is read-only, just means no cache.

An entry is JSON of plain data (strings, numbers, booleans, lists), never code nor pickled
objects: a damaged or edited entry can do no more than fail the checks ``build`` and
``model.problems`` make, and an entry that fails them, or cannot be read, is ignored and
written again from the text.
"""
from __future__ import annotations

import functools
import hashlib
import json
import os
import sys
from collections.abc import Mapping
from pathlib import Path

from scoring.packs.model import LoadedPack, Pack, build, problems, to_data
from scoring.packs.textfile import normalized, read_text
from scoring.version import __version__

FORMAT = "hoctap.pack-cache/1"
ENV = "HOCTAP_CACHE_DIR"
KEEP = 200   # entries kept at most (about 20 KB each): the oldest go when a new one is written


def cache_dir() -> Path | None:
    return folder_for(os.environ, os.name == "nt")


def folder_for(env: Mapping[str, str], windows: bool) -> Path | None:
    given = env.get(ENV)
    if given is not None:
        return Path(given) / "packs" if given else None
    if windows:
        base = env.get("LOCALAPPDATA")
        return Path(base) / "hoctap" / "Cache" / "packs" if base else None
    xdg = env.get("XDG_CACHE_HOME", "")
    if os.path.isabs(xdg):   # the XDG rule: a relative path is ignored
        return Path(xdg) / "hoctap" / "packs"
    try:
        return Path.home() / ".cache" / "hoctap" / "packs"
    except (RuntimeError, KeyError, OSError):   # no home folder to be found: no cache
        return None


def entry_key(text: str) -> str:
    """The key of a pack text's entry: the text, the format of the entry, hoctap's version, the reader's
    code and Python's version."""
    return hashlib.sha256(f"{FORMAT}\n{__version__}\n{reader()}\n{sys.version}\n{text}".encode("utf-8")).hexdigest()


@functools.cache
def reader() -> str:
    """The SHA-256 of the modules that read a pack (this folder's): a pack checked by other code, such
    as a text an older checkout accepted and this one refuses, is never taken from the cache."""
    digest = hashlib.sha256()
    for module in sorted(Path(__file__).parent.glob("*.py")):
        code = module.read_bytes()
        digest.update(f"{module.name}\n{len(code)}\n".encode() + code)
    return digest.hexdigest()


def load_pack_file(path: str | Path) -> LoadedPack:
    """The pack in file ``path``, as ``scoring.packs.pack.load_pack`` gives it, from the cache when
    this very text was checked before."""
    text = normalized(read_text(path))
    folder = cache_dir()
    key = entry_key(text)
    pack = _read(folder, key) if folder is not None else None
    if pack is not None:
        return LoadedPack(pack, source=str(Path(path)), text=text)
    from scoring.packs.pack import load_pack_text
    loaded = load_pack_text(text, str(Path(path)))
    if folder is not None and loaded.base is None:
        _write(folder, key, loaded.pack)
    return loaded


def _read(folder: Path, key: str) -> Pack | None:
    """The pack kept under ``key``, or None: missing, unreadable, damaged or not what it claims."""
    try:
        with open(folder / f"{key}.json", encoding="utf-8") as f:
            entry = json.load(f)
        if not isinstance(entry, dict) or entry.get("format") != FORMAT or entry.get("key") != key:
            return None
        pack = build(Pack, entry["pack"])
        return None if problems(pack) else pack
    except (OSError, ValueError, TypeError, KeyError, AttributeError, IndexError, RecursionError):
        return None


def _write(folder: Path, key: str, pack: Pack) -> None:
    """Kept atomically (a reader never sees half an entry); any failure just means no entry."""
    target = folder / f"{key}.json"
    partial = folder / f".{key}.{os.getpid()}.tmp"
    try:
        folder.mkdir(parents=True, exist_ok=True, mode=0o700)
        with open(partial, "w", encoding="utf-8") as f:
            json.dump({"format": FORMAT, "key": key, "pack": to_data(pack)}, f, ensure_ascii=False)
        os.replace(partial, target)
        _prune(folder)
    except (OSError, ValueError):
        try:
            partial.unlink()
        except OSError:
            pass


def _prune(folder: Path) -> None:
    """Each edit of a pack file is a new entry: past KEEP entries, the oldest written go."""
    entries = list(folder.glob("*.json"))
    if len(entries) <= KEEP:
        return
    for old in sorted(entries, key=lambda p: p.stat().st_mtime)[:len(entries) - KEEP]:
        old.unlink(missing_ok=True)
