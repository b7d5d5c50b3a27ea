"""The fast YAML reader (libyaml) reads what the Python reader reads, or leaves the file to it.

Naming a pack reads its YAML at every start (issue 14). libyaml's parser reads it in a tenth of
the time; the Python loader keeps every message. So for any text, the fast reader either gives up
(the Python reader then reads it, as before) or gives the same data, of the same types, and the
same line of every YAML path."""
from __future__ import annotations

import datetime as dt
from pathlib import Path

import pytest
import yaml

import scoring.packs.yamlfile as yamlfile
from scoring.errors import CriteriaError
from scoring.packs.shipped import shipped_files

ROOT = Path(__file__).resolve().parent.parent
EVERY_YAML = sorted(p for p in ROOT.rglob("*.y*ml") if ".venv" not in p.parts and p.suffix in (".yaml", ".yml"))

TEXTS = [
    "id: a\nid: b\n",                                     # a duplicate key
    "a: 1\n\tb: 2\n",                                     # a tab
    "day: 2024-02-30\n",                                  # no such day
    "day: 2024-02-28\nwhen: 2024-02-28 10:00:00\n",
    "n: " + "9" * 150 + "\n",                             # an integer too long
    "base: &b {x: 1}\nother: *b\n",                       # an alias
    "base: &b {x: 1}\nother:\n  <<: *b\n  y: 2\n",        # a merge key
    "a: 1\n---\nb: 2\n",                                  # two documents
    "x: !!python/object:os.system {}\n",                  # a tag that builds an object
    "x: !custom 1\n",
    "a: \x00\n",                                          # NUL
    "a: \x85b\n",                                         # NEL
    "a: 'x\u2028y'\n",
    "\ufeffa: 1\n",
    "",
    "# only a comment\n",
    "[1, 2, {a: b}]\n",
    "? [a, b]\n: 1\n",                                    # an unhashable key
    "a: yes\nb: no\nc: on\nd: ~\ne: .nan\nf: -.inf\ng: 0x1f\nh: 0o17\ni: 1_000\nj: 1e3\nk: 010\nl: +1\n",
    "text: |\n  line one\n  line two\n\nfolded: >\n  a\n  b\n",
    "'quoted key': \"a\\u00e9\\tb\"\nplain: chữ có dấu: không\n",
    "a:\n- 1\n- - 2\n  - 3\n-   b: 4\n    c: 5\n",
    "list:\n  - {id: '1.1', max: 10}\n  - {id: \"1.2\", max: 10.5}\n",
    "a: [1, 2\n",                                         # unclosed
    "a: 'unclosed\n",
    "key: value: other\n",
    "a: 1\n b: 2\n",
    "- a\nb: 1\n",
    "a: &x 1\nb: &x 2\n",
    "a: *nowhere\n",
    "a: \"\\q\"\n",
    "[" * 2000 + "]" * 2000,                              # deeper than a parser may go
    "id: a\r\nlist:\r\n  - 1\r\n  - x: 2\r\n    y: 3\r\n",   # saved on Windows
    "text: |\r\n  one\r\n  two\r\nz: 1\r\n",
    "k: 'a\r\n  b'\r\n",
    "a: 1\rb: 2\r",                                     # line breaks YAML also knows
    "a: 1\u2028b: 2\n",
    "a: 1\u2029b: 2\n",
    "a: x\x85b: 2\n",
    "a: !!str 1\nb: !!int '2'\nc: !!float 3\nd: !!binary aGk=\ne: !!set {x}\nf: !!omap [{a: 1}]\n",
]


def typed(value):
    """The value with every scalar's type beside it (1, 1.0 and True are equal in Python)."""
    if isinstance(value, dict):
        return {typed(k): typed(v) for k, v in value.items()}
    if isinstance(value, list):
        return [typed(v) for v in value]
    return (type(value).__name__, value if value == value else "nan")


def slow(text: str, monkeypatch) -> yamlfile.YamlDocument | CriteriaError:
    with monkeypatch.context() as m:
        m.setattr(yamlfile, "_FastLoader", None)
        try:
            return yamlfile.parse_yaml(text, "f.yaml")
        except CriteriaError as exc:
            return exc


def same_or_left_to_python(text: str, monkeypatch) -> yamlfile.YamlDocument | None:
    import unicodedata
    fast = yamlfile._fast_parse(unicodedata.normalize("NFC", text), "f.yaml")
    python = slow(text, monkeypatch)
    if fast is None:
        return None
    assert not isinstance(python, CriteriaError), f"the fast reader took a file the Python reader refuses: {python}"
    assert typed(fast.data) == typed(python.data)
    assert fast.lines == python.lines
    assert fast.text == python.text
    return fast


@pytest.mark.parametrize("path", EVERY_YAML, ids=lambda p: str(p.relative_to(ROOT)))
def test_every_yaml_file_of_the_repository(path, monkeypatch):
    text = path.read_bytes().decode("utf-8-sig", errors="replace")
    fast = same_or_left_to_python(text, monkeypatch)
    if path in shipped_files() and yamlfile._FastLoader is not None:
        assert fast is not None, "a shipped pack is read by the fast reader"


@pytest.mark.parametrize("text", TEXTS, ids=range(len(TEXTS)))
def test_tricky_texts(text, monkeypatch):
    same_or_left_to_python(text, monkeypatch)


def test_an_error_reads_as_before(monkeypatch):
    """Whatever the fast reader gives up on reaches the user as the Python reader says it."""
    for text in TEXTS:
        with_fast, without = None, slow(text, monkeypatch)
        try:
            with_fast = yamlfile.parse_yaml(text, "f.yaml")
        except CriteriaError as exc:
            with_fast = exc
        if isinstance(without, CriteriaError):
            assert isinstance(with_fast, CriteriaError) and str(with_fast) == str(without), text
        else:
            assert typed(with_fast.data) == typed(without.data), text


def test_the_fast_reader_is_there_and_used():
    """PyYAML's wheels carry libyaml; without it the Python reader reads everything (slower, same)."""
    if not yaml.__with_libyaml__:
        pytest.skip("this PyYAML was built without libyaml: every file is read by the Python reader")
    assert yamlfile._FastLoader is not None
    doc = yamlfile._fast_parse("valid_from: 2024-01-26\nmax: 10\n", "f.yaml")
    assert doc is not None and doc.data == {"valid_from": dt.date(2024, 1, 26), "max": 10}
    assert doc.lines == {"": 1, "valid_from": 1, "max": 2}


def test_the_limits_are_the_python_readers(monkeypatch):
    """Aliases: the fast reader counts them as the Python reader does, and leaves a file over the
    limit (or swelling past the size limit) to it, so that the message is the same."""
    anchors = "base: &b {x: 1}\n"
    at_limit = anchors + "".join(f"k{i}: *b\n" for i in range(yamlfile.MAX_ALIASES))
    over = anchors + "".join(f"k{i}: *b\n" for i in range(yamlfile.MAX_ALIASES + 1))
    assert same_or_left_to_python(at_limit, monkeypatch) is not None
    assert yamlfile._fast_parse(over, "f.yaml") is None
    assert "100" in str(slow(over, monkeypatch))
    nested = "a: &a [" + ", ".join(["x"] * 50) + "]\n"
    for level in range(1, 5):
        nested += f"l{level}: &l{level} [" + ", ".join([f"*{'a' if level == 1 else f'l{level - 1}'}"] * 20) + "]\n"
    assert yamlfile._fast_parse(nested, "f.yaml") is None   # 50 * 20**4 nodes once expanded
    assert isinstance(slow(nested, monkeypatch), CriteriaError)
    small = "a: &a [" + ", ".join(["x"] * 50) + "]\n" + "b: [*a, *a]\n"
    assert same_or_left_to_python(small, monkeypatch) is not None
