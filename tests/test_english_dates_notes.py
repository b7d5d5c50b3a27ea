"""English on request: a date is written as every English message writes it (2024-01-26, as
``fmt_date``), never 26/01/2024 beside it; a pack's note shows its English part. The Vietnamese
output stays as it was (26/01/2024, the whole note)."""

from __future__ import annotations

import datetime as dt
import json

from conftest import EXAMPLES
from pypdf import PdfReader

from scoring.packs.catalog import note_in, resolve_pack
from scoring.results.council import Letterhead

HUYEN = "don-vi-hoc-tap-tt24-huyen"
TUAN_LE = EXAMPLES / "tuan-le" / "hoat-dong-tuan-le-2023.csv"


def _row(out: str, start: str) -> str:
    return next(line for line in out.splitlines() if line.startswith(start))


def test_packs_in_english_write_iso_dates_as_the_in_force_line_does(runner, cli):
    english = runner.invoke(cli, ["packs", "--lang", "en"]).stdout
    assert "2022-07-28 – 2023-10-24" in _row(english, "cong-dan-hoc-tap-qd244 ")
    assert "from 2024-01-26; warns" in _row(english, HUYEN)
    assert "2025-06-30" in english and "30/06/2025" not in english and "26/01/2024" not in english
    vietnamese = runner.invoke(cli, ["packs"]).stdout
    assert "28/07/2022 – 24/10/2023" in _row(vietnamese, "cong-dan-hoc-tap-qd244 ")
    assert "từ 26/01/2024; cảnh báo" in _row(vietnamese, HUYEN)


def test_the_district_warning_writes_its_day_as_the_line_above_it(runner, cli):
    args = ["score", "-c", HUYEN, "--as-of", "2026-01-01", str(EXAMPLES / f"{HUYEN}.csv")]
    english = runner.invoke(cli, [*args, "--lang", "en"]).stderr
    version = resolve_pack(HUYEN).pack.version   # the line's date is the point, not the pack's version
    assert f"criteria in force on 2026-01-01: don-vi-hoc-tap-tt24-huyen {version} (from 2024-01-26)" in english
    assert "Every record dated after 2025-06-30 (such as DV-001) is still scored with" in english
    vietnamese = runner.invoke(cli, args).stderr
    assert "Mọi hồ sơ có ngày đánh giá sau 30/06/2025 (như DV-001)" in vietnamese


def test_the_undated_file_warning_writes_an_iso_day(runner, cli, tmp_path):
    undated = tmp_path / "units.csv"   # the example without its year column: no record can carry the warning
    lines = (EXAMPLES / f"{HUYEN}.csv").read_text(encoding="utf-8").splitlines()
    header = lines[0].split(",")
    year = header.index("nam_danh_gia")
    undated.write_text("\n".join(",".join(c for i, c in enumerate(line.split(",")) if i != year) for line in lines),
                       encoding="utf-8")
    english = runner.invoke(cli, ["score", "-c", HUYEN, str(undated), "--lang", "en"]).stderr
    assert "2025-06-30" in english and "30/06/2025" not in english, english
    assert "30/06/2025" in runner.invoke(cli, ["score", "-c", HUYEN, str(undated)]).stderr


def test_the_week_report_in_english_writes_iso_dates(runner, cli):
    english = runner.invoke(cli, ["thong-ke-tuan-le", str(TUAN_LE), "--ngay-bao-cao", "2023-10-21",
                                  "--lang", "en"]).stdout.splitlines()
    assert english[1].startswith("Kế hoạch 3693/KH-UBND of 2023-09-28, Ủy ban nhân dân tỉnh Lai Châu")
    assert english[2] == "Week: 2023-10-02 – 2023-10-08 · Report date: 2023-10-21 · Deadline: 2023-10-20 (REPORT IS LATE)"
    vietnamese = runner.invoke(cli, ["thong-ke-tuan-le", str(TUAN_LE), "--ngay-bao-cao", "2023-10-21"]).stdout
    assert vietnamese.splitlines()[2].startswith("Tuần lễ: 02/10/2023 – 08/10/2023 · Ngày báo cáo: 21/10/2023")


def test_a_day_outside_the_week_is_named_in_iso_in_english(runner, cli, tmp_path):
    late = tmp_path / "late.csv"
    late.write_text("don_vi,muc,so_luong,so_nguoi,ngay\nXã A,1.8,1,12,15/10/2023\n", encoding="utf-8")
    english = runner.invoke(cli, ["thong-ke-tuan-le", str(late), "--lang", "en"]).output
    assert "column 'ngay': 2023-10-15 is outside the Week (2023-10-02 – 2023-10-08)" in english
    vietnamese = runner.invoke(cli, ["thong-ke-tuan-le", str(late)]).output
    assert "cột 'ngay': 15/10/2023 nằm ngoài Tuần lễ (02/10/2023 – 08/10/2023)" in vietnamese


def test_the_council_heading_in_english_writes_iso_dates_and_vietnamese_keeps_its_own():
    day = dt.date(2024, 12, 5)
    english = Letterhead(place="Lai Châu", date=day, lang="en")
    assert english.date_line() == "Lai Châu, 2024-12-05"
    assert english.where_when() == "Locality: Lai Châu; drawn up on: 2024-12-05"
    blank = Letterhead(lang="en")
    assert blank.date_line() == "……………, ………-……-……" and blank.where_when().endswith("drawn up on: ………-……-……")
    vietnamese = Letterhead(place="Lai Châu", date=day)
    assert vietnamese.date_line() == "Lai Châu, ngày 05 tháng 12 năm 2024"
    assert vietnamese.where_when() == "Địa bàn: Lai Châu; ngày lập: 05/12/2024"
    assert Letterhead().where_when().endswith("ngày lập: ……/……/………")


def test_the_recognition_list_pdf_in_english_is_dated_in_iso(runner, cli, tmp_path):
    out = tmp_path / "list.pdf"
    result = runner.invoke(cli, ["report", "-c", "cong-dan-hoc-tap", str(EXAMPLES / "cong-dan-hoc-tap.csv"),
                                 "-o", str(out), "--ngay", "05/12/2024", "--dia-danh", "Lai Châu", "--lang", "en"])
    assert result.exit_code == 0, result.output
    text = " ".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "Lai Châu, 2024-12-05" in text and "drawn up on: 2024-12-05" in text and "05/12/2024" not in text


def test_the_self_check_page_in_english_is_printed_on_an_iso_day(runner, cli, tmp_path, monkeypatch):
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(int(dt.datetime(2026, 5, 5, 12, tzinfo=dt.timezone.utc).timestamp())))
    answers = tmp_path / "a.json"
    answers.write_text(json.dumps({"group": 2, **{k: 8 for k in ("1.1", "1.2", "1.3", "1.4", "2.1", "2.2", "2.3",
                                                                  "2.4", "3.1", "3.2")}}), encoding="utf-8")
    pages = {}
    for lang in ("en", "vi"):
        out = tmp_path / f"{lang}.pdf"
        result = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap", "-a", str(answers), "--pdf", str(out),
                                     "--lang", lang])
        assert result.exit_code == 0, result.output
        pages[lang] = " ".join(page.extract_text() for page in PdfReader(str(out)).pages)
    assert "Printed on 2026-05-05" in pages["en"] and "……………, date ………-……-……" in pages["en"]
    assert "Ngày in: 05/05/2026" in pages["vi"]


def test_the_web_pack_list_in_english_writes_iso_dates():
    from fastapi.testclient import TestClient

    from scoring.web.app import Settings, create_app
    with TestClient(create_app(Settings(max_upload=1 << 20)), base_url="http://127.0.0.1") as client:
        english, vietnamese = client.get("/tu-kiem-tra?lang=en").text, client.get("/tu-kiem-tra").text
    assert "cong-dan-hoc-tap-qd244 1.2 · " in english and "· 2022-07-28 – 2023-10-24" in english
    assert "28/07/2022" not in english and "· 28/07/2022 – 24/10/2023" in vietnamese


# --- a pack's notes --------------------------------------------------------------------------

def test_a_note_in_english_is_its_english_part():
    note = "Trạng thái 'chính thức': đã xác nhận. EN: Status 'official': confirmed."
    assert note_in(note, "en") == "Status 'official': confirmed."
    assert note_in(note, "vi") == "Trạng thái 'chính thức': đã xác nhận."   # its Vietnamese part alone
    two = "Cách đọc A. (EN) reading A. (EN) Reading B."
    assert note_in(two, "en") == "Reading A. Reading B."
    assert note_in("Chỉ có tiếng Việt.", "en") == "Chỉ có tiếng Việt."   # no English in the pack: its own words


def test_validate_notes_in_english_prints_the_english_of_each_note(runner, cli):
    english = runner.invoke(cli, ["validate", "--notes", "cong-dan-hoc-tap", "--lang", "en"]).stdout.splitlines()
    assert english[2] == ("  - Status 'official': the rule this pack applies is confirmed — 3 competencies, 10 indicators "
                          "of 0–10 points each (100 in all), recognised when the total is at least 80 and no indicator "
                          "is below 5, and the 4 subject groups of QĐ 324. The gaps below concern how an indicator's "
                          "points are awarded and its exact wording, not the recognition rule, because the record "
                          "carries the awarded points.")
    assert not any("Trạng thái" in line or " EN: " in line for line in english)
    vietnamese = runner.invoke(cli, ["validate", "--notes", "cong-dan-hoc-tap"]).stdout.splitlines()
    assert vietnamese[2].startswith("  - Trạng thái 'chính thức': quy tắc gói áp dụng đã được xác nhận")
    assert not any(" EN: " in line or "(EN)" in line for line in vietnamese)   # the Vietnamese part alone


# --- verify's table -------------------------------------------------------------------------

def test_verify_in_english_keeps_the_word_indicators_whole(runner, cli):
    """The heading broke as 'Indicator' / 's' (a 9-wide column); Vietnamese wraps as it did."""
    workbook = str(EXAMPLES / "council" / "tu-danh-gia-2024.xlsx")
    english = runner.invoke(cli, ["verify", "-c", "cong-dan-hoc-tap", workbook, "--lang", "en"]).stdout.splitlines()
    assert english[0].split() == ["Where", "ID", "Outcome", "Total", "Claimed", "Claimed", "Indicators", "Differences"]
    assert english[1].split() == ["total", "outcome"]
    vietnamese = runner.invoke(cli, ["verify", "-c", "cong-dan-hoc-tap", workbook]).stdout.splitlines()
    assert vietnamese[0].split() == ["Vị", "trí", "Mã", "Kết", "quả", "Tổng", "Tự", "đánh", "giá", "Tự", "đánh", "giá",
                                     "Chỉ", "số", "Khác", "nhau", "ở"]
    assert vietnamese[1].split() == ["điểm", "(tổng", "điểm)", "(kết", "quả)", "khác", "nhau"]


def _both_parts(note: str) -> bool:
    """A note written "Vietnamese … EN: English": a Vietnamese part (with its diacritics) and an English part."""
    vietnamese, english = note_in(note, "vi"), note_in(note, "en")
    return vietnamese != english and bool(english.strip()) and any(ch in "ăâđêôơưạảấầẩậắặếềểệịọỏốồổộớờởợụủứừửựỳỹ"
                                                                  for ch in vietnamese.lower())


def test_every_note_of_every_shipped_pack_and_goal_pack_has_both_languages():
    """A note without English showed Vietnamese to English readers, one without Vietnamese English to everyone:
    a new note in one language only fails here."""
    from scoring.goals.goalpack import shipped_goals
    from scoring.packs.catalog import shipped_packs
    notes = [(loaded.pack.id, note) for loaded in [*shipped_packs().values(), *shipped_goals().values()]
             for note in loaded.pack.notes]
    assert len(notes) > 40
    assert [(pack_id, note[:60]) for pack_id, note in notes if not _both_parts(note)] == []
