"""Vietnamese alphabetical order, for lists people read (villages, names, units).

Python's sort compares code points: 'Đ' (U+0110) comes after every Latin letter, and toned
vowels land far from their base letter, so 'Thôn Đoài' sorted after 'Thôn Thượng'. Here the
alphabet is a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y; letters are compared
first, then the tones (none, huyền, hỏi, ngã, sắc, nặng), then the text itself; runs of digits
compare as numbers ('Thôn 2' before 'Thôn 10').
"""
from __future__ import annotations

import re
import unicodedata

_LETTERS = "aăâbcdđeêghiklmnoôơpqrstuưvxy"
_RANK = {ch: i for i, ch in enumerate(_LETTERS)}
_SHAPE = {"\u0306": "ă", "\u0302": {"a": "â", "e": "ê", "o": "ô"}, "\u031b": {"o": "ơ", "u": "ư"}}
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}


def _letters(word: str) -> tuple[tuple[int, ...], tuple[int, ...]]:
    """(letter ranks, tones) of a piece of text without digits."""
    ranks: list[int] = []
    tones: list[int] = []
    for ch in unicodedata.normalize("NFD", word.casefold()):
        if ch in _TONES:
            tones[-1:] = [_TONES[ch]] if tones else []
            continue
        shape = _SHAPE.get(ch)
        if shape is not None and ranks:
            base = _LETTERS[ranks[-1]] if ranks[-1] < len(_LETTERS) else ""
            new = shape if isinstance(shape, str) else shape.get(base)
            if new and (isinstance(shape, dict) or base == "a"):
                ranks[-1] = _RANK[new]
            continue
        if unicodedata.combining(ch):
            continue
        ranks.append(_RANK.get(ch, len(_LETTERS) + ord(ch) if ch.isalnum() else ord(ch) - 0x110000))  # punctuation first
        tones.append(0)
    return tuple(ranks), tuple(tones)


def vi_key(text: object) -> tuple:
    """A sort key giving Vietnamese alphabetical order (see the module's note)."""
    text = str(text)
    primary, secondary = [], []
    for part in re.split(r"(\d+)", text):
        if not part:
            continue
        if part.isdigit():
            primary.append((0, int(part)))
            continue
        ranks, tones = _letters(part)
        primary.append((1, ranks))
        secondary.append(tones)
    return tuple(primary), tuple(secondary), text
