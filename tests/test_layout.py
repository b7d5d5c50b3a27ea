"""The package layout: one folder per stage of the data's way, imports pointing one way.

A module may import from its own folder and from earlier stages, never from a later stage or
from a sibling folder of the same stage; ``scoring/errors.py`` and ``scoring/version.py`` are the
floor everyone may use. ``scoring/__init__.py`` (the public API) and ``cli.py`` stand above all.
There is no import cycle, between folders or inside one, counting imports inside functions too.
"""
from __future__ import annotations

import ast
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "scoring"

# Stage order: lower first. Folders of equal rank are siblings and do not import each other.
STAGES = {
    "messages": -1, "errors": 0, "version": 0, "helptext": 0,
    "packs": 1,
    "records": 2,
    "engine": 3,
    "results": 4,
    "audit": 5,
    "run": 6,
    "goals": 7, "selfcheck": 7, "authoring": 7,
    "web": 8,
}
# Where the one module that may import durable-rules lives.
DURABLE_ADAPTER = "scoring.engine.adapter"


def module_name(path: Path) -> str:
    parts = path.relative_to(ROOT).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def imports(path: Path) -> list[tuple[str, int]]:
    """Every module ``path`` imports (absolute name, line), module level or inside a function."""
    tree = ast.parse(path.read_text(encoding="utf-8"), str(path))
    me = module_name(path)
    package = me if path.name == "__init__.py" else me.rpartition(".")[0]
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            found += [(alias.name, node.lineno) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")
                base = base[:len(base) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            found.append((target, node.lineno))
            # 'from scoring.x import y' may name a module y
            found += [(f"{target}.{alias.name}", node.lineno) for alias in node.names]
    return found


def package_modules() -> dict[str, Path]:
    return {module_name(p): p for p in PACKAGE.rglob("*.py")}


def stage_of(module: str) -> str | None:
    parts = module.split(".")
    return parts[1] if len(parts) > 1 and parts[0] == "scoring" else None


def internal_edges(modules: dict[str, Path]) -> dict[str, set[tuple[str, int]]]:
    edges: dict[str, set[tuple[str, int]]] = {}
    for name, path in modules.items():
        edges[name] = {(target, line) for target, line in imports(path) if target in modules and target != name}
    return edges


def upward_imports(edges: dict[str, set[tuple[str, int]]]) -> list[str]:
    bad = []
    for name, targets in edges.items():
        if name == "scoring":
            continue  # the public API re-exports every stage
        mine = stage_of(name)
        for target, line in sorted(targets):
            theirs = stage_of(target)
            if theirs is None:
                bad.append(f"{name}:{line} imports the package top ('{target}'): import the module itself")
            elif theirs != mine and STAGES[theirs] >= STAGES[mine]:
                bad.append(f"{name}:{line}: stage '{mine}' imports '{target}' of stage '{theirs}', "
                           f"which comes {'after' if STAGES[theirs] > STAGES[mine] else 'beside'} it")
    return bad


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    found, state = [], {}

    def visit(node: str, stack: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph.get(node, ())):
            if state.get(nxt) == "open":
                found.append(stack[stack.index(nxt):] + [nxt])
            elif nxt not in state:
                visit(nxt, stack + [nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_every_folder_has_a_stage():
    folders = {p.parent.name for p in PACKAGE.rglob("*.py") if p.parent != PACKAGE}
    floor = {p.stem for p in PACKAGE.glob("*.py") if p.name != "__init__.py"}
    assert not (folders | floor) - STAGES.keys(), "a new folder needs its place in STAGES (and in the README's Layout)"


def test_imports_point_down_the_pipeline():
    assert upward_imports(internal_edges(package_modules())) == []


def test_there_is_no_import_cycle():
    edges = internal_edges(package_modules())
    assert cycles({name: {t for t, _ in targets} for name, targets in edges.items()}) == []


def test_only_the_adapter_imports_durable_rules():
    users = sorted(name for name, path in package_modules().items()
                   if any(t == "durable" or t.startswith("durable.") for t, _ in imports(path)))
    assert users == [DURABLE_ADAPTER]


def test_an_upward_or_sideways_import_is_caught():
    edges = {
        "scoring.packs.pack": {("scoring.run.api", 3)},            # later stage
        "scoring.goals.report": {("scoring.selfcheck.answers", 9)},  # a sibling stage
        "scoring.results.render": {("scoring.engine.evaluate", 5), ("scoring.results.explain", 6)},  # fine
        "scoring.engine.compile": {("scoring", 2)},                  # the package top
    }
    assert upward_imports(edges) == [
        "scoring.packs.pack:3: stage 'packs' imports 'scoring.run.api' of stage 'run', which comes after it",
        "scoring.goals.report:9: stage 'goals' imports 'scoring.selfcheck.answers' of stage 'selfcheck', which comes beside it",
        "scoring.engine.compile:2 imports the package top ('scoring'): import the module itself",
    ]


def test_a_cycle_is_found():
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": {"a"}}) == [["a", "b", "c", "a"]]
    assert cycles({"a": {"b"}, "b": set()}) == []


@pytest.mark.parametrize("source, expected", [
    ("from ..run import api\n", "scoring.run.api"),
    ("from .pack import Pack\n", "scoring.packs.pack"),
    ("import scoring.results.render\n", "scoring.results.render"),
    ("def f():\n    from scoring.audit.store import RunStore\n", "scoring.audit.store"),
])
def test_relative_and_late_imports_are_seen(tmp_path, monkeypatch, source, expected):
    path = tmp_path / "scoring" / "packs" / "m.py"
    path.parent.mkdir(parents=True)
    path.write_text(source, encoding="utf-8")
    monkeypatch.setattr(__import__(__name__), "ROOT", tmp_path)
    assert expected in [t for t, _ in imports(path)]


def test_every_folder_is_a_package():
    """setup.py ships every package find_packages() sees; a folder without __init__.py would be left
    out of every install while the tests, run from the checkout, still pass."""
    folders = {p.parent for p in PACKAGE.rglob("*.py")}
    assert sorted(str(f.relative_to(ROOT)) for f in folders if not (f / "__init__.py").exists()) == []
