"""Every text a shipped pack shows has English as well as Vietnamese.

``--lang en`` (web: ``?lang=en``) shows a text's ``en`` and falls back to its ``vi`` when there is
none, so a text written only in Vietnamese reaches English readers untranslated. This walks the
YAML of every shipped criteria pack, goal pack and thong-ke form, finds every text object (a
mapping with a ``vi`` key: titles, labels, hints, evidence, warnings, choice labels, populations…)
and names, by file, line and YAML path, each one whose ``en`` is missing or blank.
"""
from __future__ import annotations

from pathlib import Path
from typing import Any, Iterator

import pytest

from scoring.packs.shipped import shipped_dir
from scoring.packs.yamlfile import read_yaml_file, yaml_path

FOLDERS = {"criteria": "", "goals": "goals", "thongke": "thongke"}   # kind -> folder under criteria/


def shipped_pack_files() -> list[Path]:
    return [path for folder in FOLDERS.values() for path in sorted((shipped_dir() / folder).glob("*.yaml"))]


def text_objects(node: Any, path: tuple = ()) -> Iterator[tuple[tuple, dict]]:
    """(YAML path, mapping) of every text object under ``node``; a text object is not searched further."""
    if isinstance(node, dict):
        if "vi" in node:
            yield path, node
            return
        for key, value in node.items():
            yield from text_objects(value, path + (str(key),))
    elif isinstance(node, list):
        for i, value in enumerate(node):
            yield from text_objects(value, path + (i,))


def without_english(path: Path) -> list[str]:
    doc = read_yaml_file(path)
    missing = []
    for parts, text in text_objects(doc.data):
        english = text.get("en")
        if not isinstance(english, str) or not english.strip():
            where = yaml_path(parts)
            missing.append(f"{path.relative_to(shipped_dir().parent)}:{doc.line_of(where)}: {where} "
                           f"(vi: {str(text.get('vi'))[:60]!r})")
    return missing


def test_every_kind_of_shipped_pack_is_found():
    """The walk below covers something of every kind, so it cannot pass by finding no file."""
    for kind, folder in FOLDERS.items():
        assert list((shipped_dir() / folder).glob("*.yaml")), f"no shipped {kind} pack in criteria/{folder}"


def test_the_walk_finds_a_text_with_no_english(tmp_path):
    pack = tmp_path / "p.yaml"
    pack.write_text("title: {vi: Tiêu đề, en: Title}\ninputs:\n  - name: a\n    hint: {vi: Gợi ý}\n"
                    "  - name: b\n    label: {vi: Nhãn, en: ''}\n", encoding="utf-8")
    found = [(yaml_path(p), t.get("en")) for p, t in text_objects(read_yaml_file(pack).data)]
    assert found == [("title", "Title"), ("inputs[0].hint", None), ("inputs[1].label", "")]


@pytest.mark.parametrize("path", shipped_pack_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_every_text_of_a_shipped_pack_has_english(path):
    missing = without_english(path)
    assert not missing, f"{len(missing)} text(s) with 'vi' but no 'en':\n" + "\n".join(missing)


_ARTICLE = r"^\s*((Tiêu chí|Criterion) \d+ – )?(Chỉ tiêu|Chỉ số|Indicator) [\d.]+[a-z]?\b[\s:]*"


def bare_english_labels(path: Path) -> list[str]:
    """Each input label whose Vietnamese says what it measures after the article's name ('Tiêu chí 2 –
    Chỉ tiêu 3 (cơ chế phối hợp)') but whose English is the name alone ('Criterion 2 – Indicator 3')."""
    import re
    doc = read_yaml_file(path)
    bare = []
    for parts, text in text_objects(doc.data):
        vi, en = text.get("vi"), text.get("en")
        if isinstance(vi, str) and isinstance(en, str) and re.sub(_ARTICLE, "", vi) and not re.sub(_ARTICLE, "", en):
            bare.append(f"{doc.line_of(yaml_path(parts))}: {en!r} (vi: {vi!r})")
    return bare


@pytest.mark.parametrize("path", shipped_pack_files(), ids=lambda p: f"{p.parent.name}/{p.name}")
def test_an_english_label_says_what_it_measures_where_the_vietnamese_does(path):
    """The English reason read 'criterion 2 – Indicator 3 is no' where the Vietnamese said what it is."""
    bare = bare_english_labels(path)
    assert not bare, f"{len(bare)} English label(s) with the article's name only:\n" + "\n".join(bare)
