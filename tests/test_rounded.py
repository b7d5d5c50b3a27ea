"""A record's total skips round() when it is in sixteenths (issue 14): the same number as
round(total, TOTAL_DIGITS), bit for bit, whatever the total."""
from __future__ import annotations

import math
import random
import struct

from scoring.engine.evaluate import TOTAL_DIGITS, rounded_total


def _bits(x):
    return struct.pack("<d", x) if isinstance(x, float) else x


def test_sixteenths_and_others_round_as_round_does():
    rng = random.Random(14)
    totals = [k / 16 for k in range(-3200, 3201)]                       # every sixteenth of -200 … 200
    totals += [sum(rng.choice([0.5, 1.0, 2.5, 7.25]) for _ in range(10)) for _ in range(2000)]
    totals += [sum(rng.uniform(0, 10) for _ in range(10)) for _ in range(2000)]   # most have many decimals
    totals += [8.1 + 7.9 + 64.0, 0.1 + 0.2, -0.0, 0.0, 1e300, 2.0 ** 60 + 0.0, 123456.78125, 0.0625, 0.03125]
    for total in totals:
        assert _bits(rounded_total(total)) == _bits(round(total, TOTAL_DIGITS)), total


def test_ints_and_odd_floats_are_rounded_as_before():
    for total in (0, 80, -3, True):
        got = rounded_total(total)
        assert got == round(total, TOTAL_DIGITS) and type(got) is type(round(total, TOTAL_DIGITS))
    assert math.isnan(rounded_total(float("nan")))
    assert rounded_total(float("inf")) == math.inf
