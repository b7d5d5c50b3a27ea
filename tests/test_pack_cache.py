"""The pack cache (scoring/packs/cache.py, issue 14): a pack read back from the cache is the pack its
text gives when checked, so every output is byte for byte the same; a changed text never finds an
old entry; a damaged entry is ignored and written again; no cache folder means no cache."""
import ast
import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from conftest import EXAMPLES, ROOT
from scoring.errors import CriteriaErrors
from scoring.packs import cache, model
from scoring.packs.pack import load_pack
from scoring.packs.shipped import shipped_files

BASE = (ROOT / "tests" / "valid_base_pack.yaml").read_text(encoding="utf-8")


@pytest.fixture
def folder(tmp_path, monkeypatch):
    """A cache folder of this test's own."""
    monkeypatch.setenv(cache.ENV, str(tmp_path / "cache"))
    return tmp_path / "cache" / "packs"


def entries(folder):
    return sorted(folder.glob("*.json")) if folder.exists() else []


def unchecked(monkeypatch):
    """From here on a pack can only come from the cache: checking a text fails the test."""
    import scoring.packs.pack as pack

    def refuse(*args, **kwargs):
        raise AssertionError("the pack was checked again instead of read from the cache")
    monkeypatch.setattr(pack, "load_pack_text", refuse)


def test_every_shipped_pack_read_back_is_the_pack_its_text_gives(folder, monkeypatch):
    bases = []
    for path in shipped_files():
        checked = load_pack(path)
        first = cache.load_pack_file(path)            # not kept yet: checked, then kept (unless a variant)
        assert first.pack == checked.pack and first.sha256 == checked.sha256
        bases += [path] if checked.base is None else []
    assert len(entries(folder)) == len(bases) >= 8
    unchecked(monkeypatch)
    for path in bases:
        again = cache.load_pack_file(path)
        checked = load_pack(path)
        assert again.pack == checked.pack, path
        assert model.to_data(again.pack) == model.to_data(checked.pack)
        assert (again.text, again.sha256, again.source) == (checked.text, checked.sha256, checked.source)
        assert again.document.data == checked.document.data   # read from the text when asked for


def _score(args, cache_dir, tmp_path):
    env = {**os.environ, cache.ENV: cache_dir, "SOURCE_DATE_EPOCH": "1767225600"}
    done = subprocess.run([sys.executable, "cli.py", "score", *args], cwd=ROOT, env=env, capture_output=True,
                          timeout=120)
    assert done.returncode in (0, 1), done.stderr.decode()
    return done.stdout, done.stderr


def test_the_cli_gives_the_same_bytes_with_the_cache_empty_full_or_off(tmp_path):
    runs = [(pack, EXAMPLES / f"{pack}.csv") for pack in ("cong-dan-hoc-tap", "don-vi-hoc-tap-tt24-huyen",
                                                          "cong-dong-hoc-tap-xa")]
    runs.append(("don-vi-hoc-tap-tt24-tinh", EXAMPLES / "don-vi-hoc-tap-tt24-tinh.jsonl"))
    kept = tmp_path / "kept"
    for pack, records in runs:
        args = ["-c", pack, str(records), "-f", "json"]
        off = _score(args, "", tmp_path)
        empty = _score(args, str(kept), tmp_path)                # checked, then kept
        assert len(entries(kept / "packs")) == runs.index((pack, records)) + 1
        full = _score(args, str(kept), tmp_path)                 # read back
        assert b'"outcome"' in off[0]
        assert off == empty == full, pack


def test_a_changed_text_never_finds_the_old_entry(folder, tmp_path):
    path = tmp_path / "thu-nghiem.yaml"
    path.write_text(BASE, encoding="utf-8")
    before = cache.load_pack_file(path)
    path.write_text(BASE.replace('version: "1"', 'version: "9.9"'), encoding="utf-8")
    after = cache.load_pack_file(path)
    assert (before.pack.version, after.pack.version) == ("1", "9.9")
    assert after.pack == load_pack(path).pack and after.sha256 != before.sha256
    assert len(entries(folder)) == 2
    # nor a text that is wrong now: it is refused as ever, whatever was kept for the old one
    path.write_text(BASE.replace("format: hoctap/criteria@1", "format: hoctap/criteria@9"), encoding="utf-8")
    with pytest.raises(CriteriaErrors):
        cache.load_pack_file(path)


def test_old_entries_go_past_the_limit(folder, tmp_path, monkeypatch):
    monkeypatch.setattr(cache, "KEEP", 2)
    path = tmp_path / "thu-nghiem.yaml"
    for n, version in enumerate(("1", "2", "3")):
        path.write_text(BASE.replace('version: "1"', f'version: "{version}"'), encoding="utf-8")
        cache.load_pack_file(path)
        for entry in entries(folder):   # the one just written is dated n: their order, whatever the clock's resolution
            if entry.stat().st_mtime > 1000:
                os.utime(entry, (n, n))
    kept = {json.loads(e.read_text(encoding="utf-8"))["pack"]["version"] for e in entries(folder)}
    assert kept == {"2", "3"}


def test_the_key_covers_the_text_hoctaps_version_the_reader_and_pythons(monkeypatch):
    key = cache.entry_key(BASE)
    assert cache.entry_key(BASE + " ") != key
    monkeypatch.setattr(cache, "__version__", "99.0")
    assert cache.entry_key(BASE) != key
    monkeypatch.undo()
    monkeypatch.setattr(cache.sys, "version", "3.99.0 (other)")
    assert cache.entry_key(BASE) != key
    monkeypatch.undo()
    monkeypatch.setattr(cache, "reader", lambda: "another checkout's reader")
    assert cache.entry_key(BASE) != key


def test_the_reader_is_every_module_of_the_packs_folder(tmp_path, monkeypatch):
    """A checkout installed again keeps version 0.1.0: what changed is the code that reads a pack."""
    folder = Path(cache.__file__).parent
    cache.reader.cache_clear()   # as the files are now
    installed = cache.reader()
    for module in folder.glob("*.py"):
        (tmp_path / module.name).write_bytes(module.read_bytes())
    monkeypatch.setattr(cache, "__file__", str(tmp_path / "cache.py"))
    cache.reader.cache_clear()
    try:
        same = cache.reader()
        with open(tmp_path / "yamlfile.py", "a", encoding="utf-8") as f:
            f.write("\n# a changed reading\n")
        cache.reader.cache_clear()
        changed = cache.reader()
    finally:
        cache.reader.cache_clear()
    assert same == installed and changed != same


def _damaged(entry: dict) -> list[object]:
    """Ways an entry can be broken: not JSON, cut short, another shape, wrong kinds, values a check refuses."""
    pack = entry["pack"]
    first = pack["criteria"][0]["indicators"][0]
    twice = json.loads(json.dumps(pack))
    twice["criteria"][0]["indicators"].append(twice["criteria"][0]["indicators"][0])   # one id twice
    return [
        "not json at all",
        json.dumps(entry)[:200],
        [],
        {**entry, "format": "hoctap.pack-cache/0"},
        {**entry, "key": "0" * 64},
        {**entry, "pack": {**pack, "surprise": 1}},
        {**entry, "pack": {k: v for k, v in pack.items() if k != "inputs"}},
        {**entry, "pack": {**pack, "valid_from": "not a date"}},
        {**entry, "pack": {**pack, "inputs": "1.1"}},
        {**entry, "pack": {**pack, "criteria": [{**pack["criteria"][0], "indicators": [
            {**first, "rule": {**first["rule"], "max": "10"}}]}]}},
        {**entry, "pack": {**pack, "criteria": [{**pack["criteria"][0], "indicators": [
            {**first, "rule": {**first["rule"], "kind": "python"}}]}]}},
        {**entry, "pack": {**pack, "criteria": [{**pack["criteria"][0], "indicators": [
            {**first, "rule": {**first["rule"], "pass_at": float("nan")}}]}]}},
        {**entry, "pack": twice},
    ]


def test_a_damaged_entry_is_ignored_and_written_again(folder, tmp_path):
    path = tmp_path / "thu-nghiem.yaml"
    path.write_text(BASE, encoding="utf-8")
    right = load_pack(path)
    cache.load_pack_file(path)
    [entry_file] = entries(folder)
    entry = json.loads(entry_file.read_text(encoding="utf-8"))
    for damage in _damaged(entry):
        entry_file.write_text(damage if isinstance(damage, str) else json.dumps(damage), encoding="utf-8")
        assert cache._read(folder, entry_file.stem) is None, str(damage)[:80]
        again = cache.load_pack_file(path)
        assert again.pack == right.pack
        assert json.loads(entry_file.read_text(encoding="utf-8")) == entry   # written again, whole


def test_no_folder_no_cache_and_no_failure(tmp_path, monkeypatch):
    path = tmp_path / "thu-nghiem.yaml"
    path.write_text(BASE, encoding="utf-8")
    right = load_pack(path).pack
    monkeypatch.setenv(cache.ENV, "")                       # switched off
    assert cache.cache_dir() is None
    assert cache.load_pack_file(path).pack == right
    blocker = tmp_path / "a-file"
    blocker.write_text("", encoding="utf-8")
    monkeypatch.setenv(cache.ENV, str(blocker / "below"))   # cannot be made
    assert cache.load_pack_file(path).pack == right
    assert set(tmp_path.iterdir()) == {path, blocker}     # nothing written beside the user's files


def test_a_variant_is_not_kept(folder, tmp_path):
    """A pack that extends another depends on the parent's file too: it is checked every time."""
    (tmp_path / "thu-nghiem.yaml").write_text(BASE, encoding="utf-8")
    child = tmp_path / "con.yaml"
    child.write_text("format: hoctap/criteria@1\nextends: thu-nghiem\nid: thu-nghiem-con\nversion: \"1\"\n",
                     encoding="utf-8")
    loaded = cache.load_pack_file(child)
    assert loaded.base is not None and entries(folder) == []


def test_the_folder_is_the_users_cache_never_beside_their_files(tmp_path):
    home = cache.Path.home()
    assert cache.folder_for({}, windows=False) == home / ".cache" / "hoctap" / "packs"
    xdg = str(tmp_path / "xdg")
    assert cache.folder_for({"XDG_CACHE_HOME": xdg}, windows=False) == tmp_path / "xdg" / "hoctap" / "packs"
    assert cache.folder_for({"XDG_CACHE_HOME": "relative"}, windows=False) == home / ".cache" / "hoctap" / "packs"
    local = str(tmp_path / "local")
    assert cache.folder_for({"LOCALAPPDATA": local}, windows=True) == tmp_path / "local" / "hoctap" / "Cache" / "packs"
    assert cache.folder_for({}, windows=True) is None
    assert cache.folder_for({cache.ENV: xdg, "XDG_CACHE_HOME": "/x"}, windows=False) == tmp_path / "xdg" / "packs"
    assert cache.folder_for({cache.ENV: ""}, windows=False) is None


def test_no_home_folder_means_no_cache(tmp_path, monkeypatch):
    def nowhere():
        raise RuntimeError("Could not determine home directory.")
    monkeypatch.setattr(cache.Path, "home", staticmethod(nowhere))
    assert cache.folder_for({}, windows=False) is None
    monkeypatch.delenv(cache.ENV)
    monkeypatch.delenv("XDG_CACHE_HOME", raising=False)
    path = tmp_path / "thu-nghiem.yaml"
    path.write_text(BASE, encoding="utf-8")
    assert cache.load_pack_file(path).pack == load_pack(path).pack


def test_a_plain_pack_is_frozen_and_copies_like_a_model():
    pack = load_pack(shipped_files()[0]).pack
    with pytest.raises(AttributeError):
        pack.id = "other"
    inp = pack.inputs[0]
    relaxed = inp.model_copy(update={"required": False})
    assert (relaxed.required, relaxed.name, inp.required) == (False, inp.name, True)


PYDANTIC_MODULES = {"scoring/packs/pack.py", "scoring/goals/goalpack.py", "scoring/goals/tuan_le.py",
                    "scoring/authoring/schema.py"}


def test_code_reading_a_pack_uses_the_plain_classes():
    """A loaded pack is made of scoring.packs.model's classes; an isinstance against the pydantic model
    of the same name (scoring.packs.pack) would never match. Only the schema's own users import those."""
    plain = {name for name, value in vars(model).items() if isinstance(value, type) and issubclass(value, model.Data)}
    wrong = []
    for path in [*ROOT.joinpath("scoring").rglob("*.py"), ROOT / "cli.py"]:
        relative = path.relative_to(ROOT).as_posix()
        if relative in PYDANTIC_MODULES:
            continue
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.ImportFrom) and node.module == "scoring.packs.pack":
                wrong += [f"{relative}:{node.lineno} {a.name}" for a in node.names if a.name in plain]
    assert not wrong
