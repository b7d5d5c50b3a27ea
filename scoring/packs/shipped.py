"""Where the shipped criteria packs lie: the installed ``hoctap_criteria`` package data, or the
checkout's own ``criteria/`` folder."""
from __future__ import annotations

import importlib.util
from pathlib import Path

from scoring.errors import PackNotFound


def shipped_dir() -> Path:
    """The shipped ``criteria/`` folder: installed as the ``hoctap_criteria`` package data
    by ``pip install .``, or the repository's own folder when run from a checkout."""
    here = Path(__file__).resolve().parents[2] / "criteria"
    if here.is_dir():
        return here
    # A namespace package (data only, no __init__.py): its folder is its search location.
    spec = importlib.util.find_spec("hoctap_criteria")
    if spec is None or not spec.submodule_search_locations:
        raise PackNotFound("hoctap_criteria", [])  # pragma: no cover - broken install
    return Path(list(spec.submodule_search_locations)[0])


def shipped_files() -> list[Path]:
    return sorted(p for p in shipped_dir().glob("*.yaml"))
