"""Start in a blink (issue 14): a CSV scored to JSON Lines imports neither openpyxl, nor the table
printer, nor the questionnaire, nor the run store, and parses only the pack it names; once that pack
is in the pack cache, neither pydantic nor the YAML reader either; --help loads no pack model.
(Timings are the benchmark's: benchmarks/bench_speed.py.)"""
import json
import os
import subprocess
import sys

from conftest import EXAMPLES, ROOT

from scoring.packs.shipped import shipped_files
from scoring.packs.yamlfile import read_yaml_file

PROBE = """
import runpy, sys
sys.argv = ["hoctap", "score", "-c", "cong-dan-hoc-tap", sys.argv[1], "-f", "jsonl"]
try:
    runpy.run_path("cli.py", run_name="__main__")
except SystemExit:
    pass
from scoring.packs import catalog
print("\\n" + json.dumps({"modules": sorted(sys.modules), "parsed": catalog._load_shipped.cache_info().currsize}))
"""


def _probe(tmp_path) -> tuple[set[str], dict, str]:
    env = {**os.environ, "HOCTAP_CACHE_DIR": str(tmp_path / "cache")}
    done = subprocess.run([sys.executable, "-c", "import json\n" + PROBE, str(EXAMPLES / "cong-dan-hoc-tap.csv")],
                          cwd=ROOT, capture_output=True, text=True, timeout=120, env=env)
    report = json.loads(done.stdout.strip().splitlines()[-1])
    return set(report["modules"]), report, done.stdout


def test_scoring_a_csv_loads_only_what_it_needs(tmp_path):
    first, _, _ = _probe(tmp_path)            # the pack is checked (pydantic, YAML) and kept in the cache
    assert {"pydantic.main", "yaml"} <= first
    modules, report, stdout = _probe(tmp_path)
    assert '"outcome"' in stdout          # it did score
    assert not {"openpyxl", "tabulate", "scoring.selfcheck.questionnaire"} & modules
    # nor the run store, the goal reports, council documents, PDFs, the web pages, the authoring tools,
    # nor what only --jobs > 1 uses
    assert not {"sqlite3", "multiprocessing", "concurrent.futures", "fpdf", "fastapi", "scoring.audit.store",
                "scoring.goals.report", "scoring.results.council", "scoring.results.workbook", "scoring.web",
                "scoring.authoring.lint"} & modules
    # nor the explanation tree's classes, nor a self-assessment's (a dataclass costs about a millisecond
    # to make on Python 3.11): the file has no claims
    assert not {"scoring.results.tree", "scoring.results.claims"} & modules
    # and, the pack read back from the cache: neither pydantic nor the YAML reader, nor the pack's models,
    # nor importlib.metadata (the durable-rules version is read from its folder's name)
    assert not {"pydantic", "yaml", "scoring.packs.pack", "scoring.packs.yamlfile", "importlib.metadata",
                "email"} & modules
    assert report["parsed"] == 1               # of the shipped packs, only the one named


def test_the_durable_rules_version_read_from_its_folder_is_the_installed_one():
    """What importlib.metadata says: the durable-rules distribution's version, else, where hoctap
    carries its own copy (Python 3.13+), that copy's."""
    from importlib.metadata import PackageNotFoundError, packages_distributions, version

    from scoring.engine.adapter import VENDORED_DURABLE, _installed_beside, durable_version
    try:
        installed = version("durable-rules")
    except PackageNotFoundError:
        installed = VENDORED_DURABLE if "hoctap" in packages_distributions().get("durable", []) else None
    assert _installed_beside() == installed
    assert durable_version() == (installed or "unknown")


def test_every_shipped_pack_file_is_named_after_its_id():
    """Naming a pack reads only <id>.yaml, so each file must carry the id of its name."""
    for path in shipped_files():
        assert read_yaml_file(path).data["id"] == path.stem, path


def test_the_choices_cli_offers_are_the_librarys():
    """cli.py writes its options' choices down (click needs them before the library is loaded)."""
    import cli
    import scoring.audit.store as store
    import scoring.goals.render as render_goals
    import scoring.results.render as render
    assert cli.RESULT_FORMATS == render.RESULT_FORMATS
    assert cli.EXPLAIN_FORMATS == render.EXPLAIN_FORMATS
    assert cli.CSV_DIALECTS == render.CSV_DIALECTS
    assert cli.GOAL_FORMATS == render_goals.GOAL_FORMATS
    assert cli.STORE_DEFAULT == store.DEFAULT_PATH


HELP_PROBE = """
import json, runpy, sys
sys.argv = ["hoctap", *sys.argv[1:]]
try:
    runpy.run_path("cli.py", run_name="__main__")
except SystemExit:
    pass
print("\\n" + json.dumps(sorted(sys.modules)))
"""


def test_help_loads_no_pack_model_nor_engine():
    for argv in (["--help"], ["score", "--help"], ["--version"]):
        done = subprocess.run([sys.executable, "-c", HELP_PROBE, *argv], cwd=ROOT, capture_output=True, text=True,
                              timeout=120)
        modules = set(json.loads(done.stdout.strip().splitlines()[-1]))
        assert "hoctap" in done.stdout, argv
        assert not {"pydantic.main", "yaml", "durable.engine", "scoring.packs.pack", "scoring.results.render"} & modules, argv


def test_every_public_name_is_found_where_the_package_looks_for_it():
    """``scoring`` imports each public name from its module on first use (PEP 562): a name moved to
    another module (as the explanation's classes were, to ``results/tree.py``) must move in its
    table too, or ``scoring.Explanation`` fails only when someone asks for it."""
    import importlib
    import scoring
    for name, module in scoring._MODULE_OF.items():
        assert getattr(importlib.import_module(module), name, None) is not None, (name, module)
        assert getattr(scoring, name) is getattr(importlib.import_module(module), name), name
    assert scoring.Explanation.__module__ == "scoring.results.tree"
