"""Finding criteria packs: the shipped ones (by id) or any YAML file (by path)."""
from __future__ import annotations

from functools import lru_cache
from pathlib import Path

from .errors import CriteriaError, CriteriaErrors, PackNotFound
from .pack import LoadedPack, load_pack


def shipped_dir() -> Path:
    """The shipped ``criteria/`` folder: installed as the ``hoctap_criteria`` package data
    by ``pip install .``, or the repository's own folder when run from a checkout."""
    here = Path(__file__).resolve().parent.parent / "criteria"
    if here.is_dir():
        return here
    # hoctap_criteria has no __init__.py, so it installs as a namespace package: importlib.resources
    # then returns a MultiplexedPath whose str() is not a path; the import spec's location is.
    from importlib.util import find_spec
    spec = find_spec("hoctap_criteria")
    locations = list(spec.submodule_search_locations or []) if spec else []
    return Path(locations[0]) if locations else here


def shipped_files() -> list[Path]:
    return sorted(p for p in shipped_dir().glob("*.yaml"))


@lru_cache(maxsize=None)
def shipped_packs() -> dict[str, LoadedPack]:
    packs: dict[str, LoadedPack] = {}
    for path in shipped_files():
        loaded = load_pack(path)
        packs[loaded.pack.id] = loaded
    return packs


def resolve_pack(name: str) -> LoadedPack:
    """A shipped pack id, or the path of a criteria YAML file."""
    path = Path(name)
    if path.suffix in (".yaml", ".yml") or path.exists():
        if not path.exists():
            raise CriteriaError(name, "", "no such file")
        return load_pack(path)
    try:
        packs = shipped_packs()
    except (CriteriaError, CriteriaErrors) as exc:  # a broken shipped pack is a broken install
        raise exc
    if name not in packs:
        raise PackNotFound(name, packs)
    return packs[name]
