"""Vietnamese alphabetical order, for the lists people read (names, villages, communes, units).

Python compares code points: 'Đ' (U+0110) comes after every Latin letter and a toned vowel lands far
from its base letter, so 'Thôn Đoài' sorted after 'Thôn Thượng'. Here letters compare first, in the
Vietnamese alphabet a ă â b c d đ e ê g h i k l m n o ô ơ p q r s t u ư v x y (f j w z, from
foreign names, take their Latin places); then the tones, in the dictionary order none, huyền, hỏi,
ngã, sắc, nặng; then upper before lower case. Digit runs compare as numbers ('Thôn 2' before 'Thôn
10'). Letter pairs (ch, nh, th, …) are not given places of their own: letter-by-letter order is what
spreadsheets and most current lists use.
"""
from __future__ import annotations

import re
import unicodedata

ALPHABET = "aăâbcdđeêfghijklmnoôơpqrstuưvwxyz"
_RANK = {ch: i for i, ch in enumerate(ALPHABET)}
_MARKS = {"\u0306": "ă", "\u0302": "âêô", "\u031b": "ơư"}           # breve, circumflex, horn
_TONES = {"\u0300": 1, "\u0309": 2, "\u0303": 3, "\u0301": 4, "\u0323": 5}   # huyền hỏi ngã sắc nặng
_DIGITS = re.compile(r"(\d+)")
_LETTER, _NUMBER, _OTHER = 2, 1, 0    # spaces and punctuation first, then numbers, then letters


def _letters(text: str) -> tuple[list[tuple[int, int]], list[int], list[int]]:
    """(letter ranks, tones, cases) of text without digits."""
    ranks: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    for ch in unicodedata.normalize("NFD", text):
        if ch in _TONES and ranks:
            tones[-1] = _TONES[ch]
        elif ch in _MARKS and ranks and ranks[-1][0] == _LETTER:
            base = ALPHABET[ranks[-1][1]] if ranks[-1][1] < len(ALPHABET) else ""
            shaped = next((s for s in _MARKS[ch] if unicodedata.normalize("NFD", s)[0] == base), None)
            if shaped:
                ranks[-1] = (_LETTER, _RANK[shaped])
        elif unicodedata.combining(ch):
            continue   # another accent (from a foreign name): the base letter decides
        else:
            low = ch.casefold()
            if low in _RANK:
                ranks.append((_LETTER, _RANK[low]))
            elif ch.isalpha():
                ranks.append((_LETTER, len(ALPHABET) + ord(low[0])))   # other scripts after ours
            else:
                ranks.append((_OTHER, ord(ch)))
            tones.append(0)
            cases.append(0 if ch.isupper() else 1)
    return ranks, tones, cases


def vi_key(value: object) -> tuple:
    """A sort key giving Vietnamese alphabetical order (see the module's note)."""
    text = unicodedata.normalize("NFC", str(value)).strip()
    primary: list[tuple[int, int]] = []
    tones: list[int] = []
    cases: list[int] = []
    for part in _DIGITS.split(text):
        if part.isdigit():
            primary.append((_NUMBER, int(part)))
        elif part:
            r, t, c = _letters(part)
            primary += r
            tones += t
            cases += c
    return tuple(primary), tuple(tones), tuple(cases), text


def name_key(full_name: object) -> tuple:
    """A person's name in the order of Vietnamese lists: by given name (the last word), then by
    family and middle names — 'Trần Văn An' before 'Nguyễn Thị Bình'."""
    words = str(full_name).split()
    if not words:
        return vi_key("")
    return vi_key(words[-1]), vi_key(" ".join(words[:-1])), vi_key(full_name)
