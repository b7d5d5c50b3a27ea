"""A district pack's dated warning (``warn_after``) as people read it: the date as they write it and
where it came from in the in-force line's words ('theo ngày ghi ở --as-of', 'theo … cột '…' của hồ
sơ'), in every output a person reads. The result keeps it as before (JSON, hashed into stored runs):
'… (ngày đánh giá 2025-09-01, theo --as-of)', so a run stored earlier still verifies."""
import html
import io
import json
from csv import reader
from pathlib import Path

import openpyxl
import pytest

from scoring import shipped_packs
from scoring.records.dates import warning_words
from test_tt24 import unit
from test_two_tier import HUYEN, write
from test_web import client, upload, wait_job  # noqa: F401 (client: the web app's fixture)

MODEL = "don-vi-hoc-tap-huyen"
ON = "2025-09-01"
SAID = {"vi": {"--as-of": "(ngày đánh giá 01/09/2025, theo ngày ghi ở --as-of)",
               "ngay_danh_gia": "(ngày đánh giá 01/09/2025, theo ngày đánh giá ghi ở cột 'ngay_danh_gia' của hồ sơ)",
               "nam_danh_gia": "(ngày đánh giá 31/12/2025, theo ngày cuối của năm đánh giá ghi ở cột 'nam_danh_gia' của hồ sơ)"},
        "en": {"--as-of": "(assessment date 2025-09-01, from the date given with --as-of)",
               "ngay_danh_gia": "(assessment date 2025-09-01, from the assessment date in the record's column 'ngay_danh_gia')",
               "nam_danh_gia": "(assessment date 2025-12-31, from the last day of the assessment year in the record's "
                               "column 'nam_danh_gia')"}}
KEPT = {"vi": "(ngày đánh giá {on}, theo {source})", "en": "(assessment date {on}, from {source})"}


def text_of(lang):
    return shipped_packs()[HUYEN].pack.warn_after.text.get(lang)


def said(lang, source="--as-of"):
    return f"{text_of(lang)} {SAID[lang][source]}"


def kept(lang, source="--as-of", on=ON):
    return f"{text_of(lang)} {KEPT[lang].format(on=on, source=source)}"


@pytest.mark.parametrize("lang", ["vi", "en"])
@pytest.mark.parametrize("source, on", [("--as-of", ON), ("ngay_danh_gia", ON), ("nam_danh_gia", "2025-12-31")])
def test_the_kept_warning_is_said_in_the_in_force_line_s_words(lang, source, on):
    assert warning_words(kept(lang, source, on), lang) == said(lang, source)


def test_other_warnings_and_unreadable_dates_are_said_as_kept():
    for other in ("một cảnh báo khác", f"{text_of('vi')} (ngày đánh giá 2025-02-30, theo --as-of)"):
        assert warning_words(other, "vi") == other


@pytest.mark.parametrize("lang, label", [("vi", "Cảnh báo:"), ("en", "Warning:")])
@pytest.mark.parametrize("fmt, shown", [("text", "{label} {w}"), ("detail", "{label}"), ("markdown", "- **{bare}**: {w}")])
def test_explain_says_the_date_and_its_source_in_words(runner, cli, tmp_path, lang, label, fmt, shown):
    path = write(tmp_path, unit(HUYEN))
    out = runner.invoke(cli, ["explain", "-c", MODEL, "--as-of", ON, path, "-f", fmt, "--lang", lang])
    assert out.exit_code == 0, out.output
    lines = out.stdout.splitlines()
    if fmt == "detail":   # a label padded to the others' width
        assert any(line.startswith(label) and line.endswith(" " + said(lang)) for line in lines), out.stdout
    else:
        assert shown.format(label=label, bare=label.rstrip(":"), w=said(lang)) in lines
    assert KEPT[lang].format(on=ON, source="--as-of") not in out.stdout


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_record_s_own_date_is_named_by_its_column(runner, cli, tmp_path, lang):
    """``--as-of record`` (the model's pack chosen by the record's date) and a pack named outright
    (the record's date decides the warning only)."""
    dated = write(tmp_path, {**unit(HUYEN), "ngay_danh_gia": ON})
    chosen = runner.invoke(cli, ["explain", "-c", MODEL, "--as-of", "record", dated, "--lang", lang])
    assert chosen.exit_code == 0, chosen.output
    assert said(lang, "ngay_danh_gia") in chosen.stdout
    (tmp_path / "y").mkdir()
    yearly = write(tmp_path / "y", {**unit(HUYEN), "nam_danh_gia": 2025})
    named = runner.invoke(cli, ["explain", "-c", HUYEN, yearly, "--lang", lang])
    assert named.exit_code == 0, named.output
    assert said(lang, "nam_danh_gia") in named.stdout


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_json_keeps_the_warning_as_results_always_kept_it(runner, cli, tmp_path, lang):
    path = write(tmp_path, unit(HUYEN))
    out = runner.invoke(cli, ["score", "-c", MODEL, "--as-of", ON, path, "-f", "jsonl", "--lang", lang])
    assert json.loads(out.stdout)["warnings"] == [kept(lang)]
    explained = runner.invoke(cli, ["explain", "-c", MODEL, "--as-of", ON, path, "-f", "json", "--lang", lang])
    assert json.loads(explained.stdout)[0]["warnings"] == [kept(lang)]


@pytest.mark.parametrize("lang, column", [("vi", "Cảnh báo"), ("en", "Warning")])
def test_csv_for_excel_and_the_workbook_say_it_in_words(runner, cli, tmp_path, lang, column):
    path = write(tmp_path, {**unit(HUYEN), "nam_danh_gia": 2025})
    csv = tmp_path / "kq.csv"
    assert runner.invoke(cli, ["score", "-c", HUYEN, path, "-o", str(csv), "--lang", lang]).exit_code == 0
    [header, row] = list(reader(io.StringIO(csv.read_text(encoding="utf-8-sig"))))
    assert row[header.index(column)] == said(lang, "nam_danh_gia")
    programs = runner.invoke(cli, ["score", "-c", HUYEN, path, "-f", "csv", "--csv", "utf8", "--lang", lang]).stdout
    [header, row] = list(reader(io.StringIO(programs)))
    assert row[header.index("warning")] == kept(lang, "nam_danh_gia", "2025-12-31")   # for programs: as JSON keeps it
    xlsx = tmp_path / "kq.xlsx"
    assert runner.invoke(cli, ["score", "-c", HUYEN, path, "-o", str(xlsx), "--lang", lang]).exit_code == 0
    rows = list(openpyxl.load_workbook(xlsx).worksheets[0].values)
    assert rows[1][rows[0].index(column)] == said(lang, "nam_danh_gia")


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_audit_show_says_a_stored_warning_in_words_and_the_run_verifies(runner, cli, tmp_path, lang):
    path = write(tmp_path, {**unit(HUYEN), "ngay_danh_gia": ON})
    db = str(tmp_path / "s.sqlite3")
    assert runner.invoke(cli, ["score", "-c", HUYEN, path, "--store", db, "-f", "jsonl", "--lang", lang]).exit_code == 0
    for fmt in ("text", "detail", "markdown"):
        shown = runner.invoke(cli, ["audit", "show", "--store", db, "U", "-f", fmt, "--lang", lang])
        assert shown.exit_code == 0, shown.output
        assert said(lang, "ngay_danh_gia") in shown.stdout
    tree = runner.invoke(cli, ["audit", "show", "--store", db, "U", "-f", "json", "--lang", lang]).stdout
    assert json.loads(tree)["explanation"]["warnings"] == [kept(lang, "ngay_danh_gia")]
    assert runner.invoke(cli, ["audit", "verify", "--store", db]).exit_code == 0


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_the_council_page_s_data_workbook_says_it_in_words(client, tmp_path, lang):
    job = wait_job(client, upload(client, Path(write(tmp_path, unit(HUYEN))), pack=MODEL, as_of="01/09/2025",
                                  lang=lang).json()["status_url"])
    assert job["status"] == "done", job
    assert text_of(lang) in html.unescape(client.get(f"/hoi-dong/viec/{job['id']}").text)
    data = tmp_path / "ket-qua.xlsx"
    data.write_bytes(client.get(job["download_urls"]["ket-qua.xlsx"]).content)
    rows = list(openpyxl.load_workbook(data).worksheets[0].values)
    assert rows[1][rows[0].index("Cảnh báo" if lang == "vi" else "Warning")] == said(lang)
