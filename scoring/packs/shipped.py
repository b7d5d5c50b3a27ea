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


def goals_dir() -> Path:
    """Shipped goal packs live in ``criteria/goals/`` (package ``hoctap_criteria.goals``), apart
    from the criteria packs, because every ``criteria/*.yaml`` is loaded as a criteria pack."""
    return shipped_dir() / "goals"


def shipped_file(folder: Path, name: str) -> Path | None:
    """The shipped file ``folder/name.yaml`` (each is named after its pack's id), or None; ``name`` is
    an id, never a path: a name with a separator or a leading dot opens no other file."""
    if not name or "/" in name or "\\" in name or name.startswith("."):
        return None
    path = folder / f"{name}.yaml"
    return path if path.is_file() else None
