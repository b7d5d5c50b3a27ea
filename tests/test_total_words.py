"""The words that name a total row are one list (``footer.TOTAL_WORDS``), read by the records' footer rules and by
the Tuần lễ reader. Taking both readers' patterns from it changed no decision: each pattern is checked against the
one it replaced, on the names officers type, and both readers decide the shipped examples as before."""
import json
import re

import pytest

from conftest import EXAMPLES
from scoring.goals import tuan_le_rows
from scoring.records import footer
from scoring.records.footer import total_among

# the patterns as they were written before they were taken from the one list
BEFORE_TOTAL = re.compile(r"(?:tổng cộng|tổng số|tổng|cộng|tong cong|tong so|tong|cong)\s*[:.]?")
BEFORE_BARE_TOTAL = re.compile(r"(?:cộng|tổng|tổng số)\s*[:.]?")
BEFORE_TOTAL_WORD = re.compile(r"(?:cộng|tổng)\b")

NAMES = ["Tổng cộng", "TỔNG CỘNG", "Tổng cộng:", "Tổng số", "Tổng số.", "Tổng", "Tổng:", "Cộng", "Cộng:", "CỘNG",
         "Cộng.", "cộng :", "Tong cong", "tong so", "Tong", "cong", "Cong:", "Cộng khối Mầm non", "Cộng I",
         "Cộng X. Tân Lập", "Cộng xã Tân Lập", "Tổng các trường", "Tổng cộng toàn huyện", "Cộng đồng học tập xã A",
         "Cộng Hòa", "Tổng công ty Điện lực", "Tổng hợp", "Tống Văn Minh", "Công ty A", "Người lập biểu",
         "Nguyễn Văn Cộng", "Tổngcộng", "Cộng-", "Tổng số người", ""]


@pytest.mark.parametrize("name", NAMES)
def test_each_reader_s_pattern_decides_as_the_one_it_replaced(name):
    folded = name.casefold().strip()
    assert bool(footer._TOTAL.fullmatch(folded)) == bool(BEFORE_TOTAL.fullmatch(folded))
    assert bool(tuan_le_rows._BARE_TOTAL.fullmatch(folded)) == bool(BEFORE_BARE_TOTAL.fullmatch(folded))
    assert bool(tuan_le_rows._TOTAL_WORD.match(folded)) == bool(BEFORE_TOTAL_WORD.match(folded))


def test_the_readers_decide_a_total_s_words_as_before():
    """A count in the id column beside a total's words is a total (unaccented too); the Tuần lễ reader tells a bare
    'Cộng' (subtotal or total, by the rows below) from 'Tổng cộng' (the total) and keeps accents."""
    assert [total_among(["7", n], "7") for n in ("Tổng cộng", "Tong cong", "Cộng:", "Nguyễn Văn Cộng")] == [
        "Tổng cộng", "Tong cong", "Cộng:", None]
    assert [tuan_le_rows.total_word(n) for n in ("Tổng cộng", "Cộng", "Tổng số:", "Tong cong", "Người lập biểu",
                                                 "Cộng Hòa")] == [True, True, True, False, False, False]


def test_both_readers_decide_the_shipped_examples_as_before(runner, cli):
    """The Tuần lễ example (30 rows, all counted) and the members example (38 members scored) read as before."""
    tuan_le = runner.invoke(cli, ["thong-ke-tuan-le", str(EXAMPLES / "tuan-le" / "hoat-dong-tuan-le-2023.csv"),
                                  "-f", "json", "--ngay-bao-cao", "2023-10-18"])
    assert json.loads(tuan_le.stdout)["counts"] == {"read": 30, "counted": 30, "rejected": 0, "skipped": 0}
    members = runner.invoke(cli, ["score", "-c", "don-vi-hoc-tap-tt24-tinh",
                                  str(EXAMPLES / "members" / "don-vi-hoc-tap-tt24-tinh.csv"),
                                  "--members", str(EXAMPLES / "members" / "members.csv")])
    assert "đã đọc 4 hồ sơ: 4 được chấm, 0 bị loại" in members.output
    assert "đã đọc 38 hồ sơ: 38 được chấm, 0 bị loại" in members.output
