"""Vietnamese alphabetical order (scoring/results/collation.py)."""
from __future__ import annotations

import random
import unicodedata

from scoring.results.collation import ALPHABET, name_key, vi_key


def ordered(items):
    return sorted(items, key=vi_key)


def test_d_stroke_comes_after_d_not_after_z():
    assert ordered(["Thôn Thượng", "Thôn Đoài", "Thôn Đông"]) == ["Thôn Đoài", "Thôn Đông", "Thôn Thượng"]
    assert ordered(["Đào", "Dũng", "Em"]) == ["Dũng", "Đào", "Em"]
    assert sorted(["Thôn Thượng", "Thôn Đoài"]) == ["Thôn Thượng", "Thôn Đoài"]   # what Python alone does


def test_the_alphabet_with_its_shaped_letters():
    letters = list("aăâbcdđeêghiklmnoôơpqrstuưvxy")
    shuffled = letters[:]
    random.Random(7).shuffle(shuffled)
    assert ordered(shuffled) == letters
    assert ordered(["ư", "u", "ơ", "ô", "o", "ê", "e", "â", "ă", "a"]) == ["a", "ă", "â", "e", "ê", "o", "ô", "ơ", "u", "ư"]
    assert [c for c in ALPHABET if c in "fjwz"] == ["f", "j", "w", "z"]


def test_tones_after_the_base_letters_in_dictionary_order():
    # the letters decide first: every 'ma…' word before 'mb'
    assert ordered(["mạ", "ma", "mã", "mả", "mà", "má", "mb"]) == ["ma", "mà", "mả", "mã", "má", "mạ", "mb"]
    assert ordered(["Hương", "Hưng", "Hường"]) == ["Hưng", "Hương", "Hường"]
    assert ordered(["ăn", "an", "ân", "ấn", "án"]) == ["an", "án", "ăn", "ân", "ấn"]


def test_composed_and_decomposed_text_sort_alike():
    nfd = unicodedata.normalize("NFD", "Nguyễn Thị Ánh")
    assert vi_key(nfd)[:3] == vi_key("Nguyễn Thị Ánh")[:3]


def test_numbers_compare_as_numbers_and_case_only_breaks_ties():
    assert ordered(["Thôn 10", "Thôn 2", "Thôn 1"]) == ["Thôn 1", "Thôn 2", "Thôn 10"]
    assert ordered(["xã An", "Xã An", "Xã Ba"]) == ["Xã An", "xã An", "Xã Ba"]
    assert ordered(["Tổ 3", "Tổ dân phố 1"]) == ["Tổ 3", "Tổ dân phố 1"]


def test_names_sort_by_given_name_then_family_name():
    names = ["Nguyễn Thị Bình", "Trần Văn An", "Lê Văn Đức", "Phạm Thị Dung", "Hoàng An"]
    assert sorted(names, key=name_key) == ["Hoàng An", "Trần Văn An", "Nguyễn Thị Bình", "Phạm Thị Dung", "Lê Văn Đức"]
