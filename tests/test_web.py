"""The web application (``hoctap serve``) through FastAPI's test client: the JSON API, the pages'
forms, uploads refused for what they are, and the safety rules (CSRF, origin, size, logs)."""
from __future__ import annotations

import html
import io
import json
import logging
import os
import re
import time
from pathlib import Path

import openpyxl
import pytest
from fastapi.testclient import TestClient

from books import INDICATORS, citizen, council_workbook
from conftest import EXAMPLES, ROOT, without_run
from scoring import score_records
from scoring.results.render import result_dict
from scoring.web.app import Settings, create_app
from scoring.web.security import SESSION_COOKIE

DAT = {"group": "1", "1.1": 9, "1.2": 9, "1.3": 8, "1.4": 8, "2.1": 9, "2.2": 6, "2.3": 9, "2.4": 8, "3.1": 8, "3.2": "7,5"}
SHORT = {**DAT, "2.2": 4, "3.2": 8}          # total 80, indicator 2.2 below 5: chua_dat
WORKBOOK = EXAMPLES / "council" / "tu-danh-gia-2024.xlsx"
STAFF = EXAMPLES / "goals" / "muc-tieu-langson-stnmt-2024.csv"
LOCAL = "http://127.0.0.1"   # the address the browser opens (the test client's own "testserver" is a strange name)


@pytest.fixture
def client():
    with TestClient(create_app(Settings(max_upload=1 << 20)), base_url=LOCAL) as c:
        yield c


def csrf_of(client: TestClient, path: str = "/hoi-dong") -> str:
    page = client.get(path)
    return re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)


def wait_job(client: TestClient, url: str) -> dict:
    deadline = time.monotonic() + 30
    while time.monotonic() < deadline:
        job = client.get(url).json()
        if job["status"] in ("done", "failed"):
            return job
        time.sleep(0.05)
    raise AssertionError(f"job {url} did not finish")


# --- self-check -----------------------------------------------------------------------------

def test_api_self_check_is_the_same_result_as_score(client):
    got = client.post("/api/self-check", json={"pack": "cong-dan-hoc-tap", "answers": SHORT})
    assert got.status_code == 200
    body = got.json()
    [expected] = score_records("cong-dan-hoc-tap", [{"id": "tu-kiem-tra", **SHORT}])
    ignore = ("where", "provenance")
    assert {k: v for k, v in body["result"].items() if k not in ignore} == \
           {k: v for k, v in without_run(result_dict(expected)).items() if k not in ignore}
    assert body["result"]["outcome"] == "chua_dat" and body["result"]["total"] == 80
    assert [b["indicator"] for b in body["explanation"]["next"]["blockers"]] == ["2.2"]
    assert "Chỉ số 2.2" in body["text"] and "cần ít nhất 5" in body["text"]


def test_api_self_check_reaching_dat(client):
    body = client.post("/api/self-check", json={"pack": "cong-dan-hoc-tap", "answers": DAT, "lang": "en"}).json()
    assert body["result"]["outcome"] == "dat" and body["result"]["total"] == 81.5
    assert body["explanation"]["next"] is None
    assert "The best outcome" in body["text"]


def test_api_self_check_names_the_wrong_answer(client):
    got = client.post("/api/self-check", json={"pack": "cong-dan-hoc-tap", "answers": {**DAT, "2.2": 60}})
    assert got.status_code == 422
    assert got.json()["question"] == "2.2" and "lớn hơn mức tối đa 10" in got.json()["message"]
    unknown = client.post("/api/self-check", json={"pack": "../../etc/passwd", "answers": DAT})
    assert unknown.status_code == 404 and "Không có bộ tiêu chí" in unknown.json()["message"]


@pytest.mark.parametrize("body, where, vi, en", [
    ("not json", "body.0", "nội dung không phải JSON hợp lệ", "the body is not valid JSON"),
    ('{"pack": "cong-dan-hoc-tap"}', "body.answers", "thiếu trường bắt buộc này", "this field is required"),
    ('{"pack": "cong-dan-hoc-tap", "answers": []}', "body.answers", "phải là một đối tượng JSON {tên câu hỏi: câu trả lời}",
     "must be a JSON object {question name: answer}"),
    ('{"pack": "cong-dan-hoc-tap", "answers": {}, "lang": "fr"}', "body.lang", "phải là một trong các giá trị 'vi', 'en'",
     "must be one of 'vi', 'en'")])
def test_api_request_errors_are_worded_in_the_requests_language(client, body, where, vi, en):
    for query, message, said in (("", "Yêu cầu không hợp lệ: xem từng chỗ sai trong 'details'.", vi),
                                 ("?lang=en", "Invalid request: see each problem in 'details'.", en)):
        got = client.post("/api/self-check" + query, content=body, headers={"content-type": "application/json"})
        assert got.status_code == 422
        assert got.json() == {"error": "request", "message": message, "details": [{"where": where, "message": said}]}


def test_api_questions_follow_the_unit_type(client):
    url = "/api/self-check/don-vi-hoc-tap-tt24-huyen/questions"
    gates = client.get(url).json()
    assert [g["name"] for g in gates["gates"]] == ["loai_don_vi"]
    agency = {q["name"] for q in client.get(url, params={"loai_don_vi": "co_quan_nha_nuoc"}).json()["questions"]}
    business = {q["name"] for q in client.get(url, params={"loai_don_vi": "to_chuc_khac"}).json()["questions"]}
    assert agency != business   # a business is not asked about the state budget, and so on


def test_page_self_check_shows_what_is_missing(client):
    page = client.get("/tu-kiem-tra/cong-dan-hoc-tap", params={"group": "2"})
    token = re.search(r'name="csrf" value="([0-9a-f]+)"', page.text).group(1)
    got = client.post("/tu-kiem-tra/cong-dan-hoc-tap", data={**SHORT, "group": "2", "csrf": token})
    assert got.status_code == 200
    assert 'data-outcome="chua_dat"' in got.text and "80/100" in got.text
    missing = got.text.split('id="con-thieu"')[1].split("</ul>")[0]
    assert 'data-indicator="2.2"' in missing and "Chỉ số 2.2 (Sử dụng ngoại ngữ theo yêu cầu công việc): 4 điểm, cần ít nhất 5" in missing
    dat = client.post("/tu-kiem-tra/cong-dan-hoc-tap", data={**DAT, "csrf": token})
    assert 'data-outcome="dat"' in dat.text and "Đã đạt mức cao nhất" in dat.text and 'id="con-thieu"' not in dat.text


def test_page_questions_say_what_to_do_in_a_form_not_in_a_terminal(client):
    """A choice is a radio button on the page: 'Chọn một số từ 1 đến 5' (type a number) and
    'Trả lời có hoặc không (c/k)' are the terminal's words."""
    for lang, pick, terminal in (("vi", "Chọn một câu trả lời.", ("Chọn một số từ", "(c/k)")),
                                 ("en", "Choose one answer.", ("Choose a number from", "(y/n)"))):
        groups = _visible(client.get("/tu-kiem-tra/cong-dan-hoc-tap", params={"lang": lang}).text)
        unit = _visible(client.get("/tu-kiem-tra/don-vi-hoc-tap-tt24-huyen",
                                   params={"loai_don_vi": "doanh_nghiep", "lang": lang}).text)
        assert pick in groups and pick.rstrip(".") in unit
        assert not any(words in page for words in terminal for page in (groups, unit))
    optional = _visible(client.get("/tu-kiem-tra/cong-dong-hoc-tap-xa", params={"vung_kho_khan": "co"}).text)
    assert "Chọn một câu trả lời; chọn “Chưa biết” nếu chưa biết." in optional


UNIT = {"loai_don_vi": "doanh_nghiep", "tc1_ct1": "có", "tc1_ct2": "có", "tc1_ct4": "có", "tc1_ct5": "không",
        "ty_le_chap_hanh_ky_luat": "95", "ty_le_hoan_thanh_boi_duong": "92,5", "ty_le_chuyen_doi_so": "96",
        "ty_le_lao_dong_tien_tien": "91", "tc3_ct2": "có", "danh_hieu_thi_dua": "tap_the_lao_dong_tien_tien"}


def _visible(html: str) -> str:
    return re.sub(r"<[^>]+>", " ", html)


def test_page_self_check_names_indicators_by_number_never_by_code(client):
    """A unit head reads 'Tiêu chí 1 – Chỉ tiêu 5' or 3.1, not the pack's code tc1_ct5 (nor tc3_ct1_md1); each line
    says which indicator, its value and what it needs, as 'hoctap check' does (not the requirement's sentence)."""
    token = csrf_of(client, "/tu-kiem-tra/don-vi-hoc-tap-tt24-huyen?loai_don_vi=doanh_nghiep")
    got = client.post("/tu-kiem-tra/don-vi-hoc-tap-tt24-huyen", data={**UNIT, "csrf": token})
    assert got.status_code == 200, got.text
    shown = _visible(got.text)
    assert re.findall(r"\btc\d+_ct\w*", shown) == []
    missing = _visible(got.text.split('id="con-thieu"')[1].split("</ul>")[0])
    assert "Tiêu chí 1 – Chỉ tiêu 5 — phục vụ học tập suốt đời cho người dân: không, cần có" in missing
    assert "3.1 Tỷ lệ thành viên đạt danh hiệu Công dân học tập: chưa trả lời, cần ít nhất 90%" in missing
    assert 'data-indicator="tc1_ct5"' in got.text      # the code stays for programs reading the page
    # a blank among them: whose rule makes it not met, as 'hoctap check' says it (TT 24's own Art. 9.3)
    assert ('<p id="o-trong">Chỉ tiêu để trống (chưa có số liệu) được tính là không đạt theo Thông tư 24/2023/TT-BGDĐT, '
            'Điều 9, khoản 3.</p>') in got.text


def test_page_self_check_shows_every_wrong_answer_at_once(client):
    token = csrf_of(client, "/tu-kiem-tra/cong-dan-hoc-tap?group=1")
    got = client.post("/tu-kiem-tra/cong-dan-hoc-tap", data={**DAT, "2.2": "chín", "3.1": "11", "csrf": token})
    assert got.status_code == 422
    assert "Có 2 câu chưa hợp lệ" in got.text
    assert "«chín» không phải là một số" in got.text and "11 lớn hơn mức tối đa 10" in got.text
    assert 'value="chín"' in got.text            # what was typed is kept, to be corrected


def test_page_self_check_downloads(client):
    token = csrf_of(client, "/tu-kiem-tra/cong-dan-hoc-tap?group=1")
    text = client.post("/tu-kiem-tra/cong-dan-hoc-tap/tai-ve", data={**SHORT, "csrf": token, "format": "txt"})
    assert text.headers["content-disposition"].startswith("attachment")
    assert "Kết quả: Chưa đạt danh hiệu Công dân học tập" in text.text and "Chỉ số 2.2" in text.text
    data = client.post("/tu-kiem-tra/cong-dan-hoc-tap/tai-ve", data={**SHORT, "csrf": token, "format": "json"}).json()
    assert data["outcome"] == "chua_dat" and data["explanation_tree"]["next"]["blockers"][0]["indicator"] == "2.2"



def test_page_self_check_result_as_hoctap_check_gives_it(client, runner, cli, tmp_path):
    """The page and its .txt say where the points come from, as the terminal does; the PDF is
    the one-page sheet of 'hoctap check --pdf'; the rule of a fallback outcome is said plainly."""
    from pypdf import PdfReader
    answers = tmp_path / "tra-loi.json"
    answers.write_text(json.dumps(SHORT), encoding="utf-8")
    terminal = runner.invoke(cli, ["check", "-c", "cong-dan-hoc-tap", "--answers", str(answers),
                                   "--pdf", str(tmp_path / "cli.pdf")]).stdout
    token = csrf_of(client, "/tu-kiem-tra/cong-dan-hoc-tap?group=1")
    page = html.unescape(client.post("/tu-kiem-tra/cong-dan-hoc-tap", data={**SHORT, "csrf": token}).text)
    where = terminal[terminal.index("Điểm lấy từ đâu:"):].strip().split(": ", 1)[1]
    assert f'<p class="note" id="diem-tu-dau"><span class="k">Điểm lấy từ đâu:</span> {where}</p>' in page
    assert "các trường hợp còn lại" not in page
    assert "Vì sao có kết quả này:</span> chưa đủ mọi điều kiện của một kết quả cao hơn" in page
    text = client.post("/tu-kiem-tra/cong-dan-hoc-tap/tai-ve", data={**SHORT, "csrf": token, "format": "txt"}).text
    assert text == terminal
    pdf = client.post("/tu-kiem-tra/cong-dan-hoc-tap/tai-ve", data={**SHORT, "csrf": token, "format": "pdf"})
    assert pdf.headers["content-type"] == "application/pdf"
    assert pdf.headers["content-disposition"] == 'attachment; filename="tu-kiem-tra-cong-dan-hoc-tap.pdf"'
    (tmp_path / "web.pdf").write_bytes(pdf.content)
    pages = [PdfReader(tmp_path / name).pages for name in ("web.pdf", "cli.pdf")]
    assert len(pages[0]) == 1 and pages[0][0].extract_text() == pages[1][0].extract_text()


UNDER_THE_MINIMUM = {**DAT, "2.2": 2, "2.3": 3}   # 71,5 in all, two indicators under 5: the fewest points in all is said


@pytest.mark.parametrize("lang", ["vi", "en"])
def test_page_self_check_says_the_group_and_the_fewest_points_as_hoctap_check_does(client, runner, cli, tmp_path, lang):
    """A person reading the page reads what the terminal prints: the group answered ('Nhóm đối tượng:
    …', not the question's title) and 'Ít nhất phải thêm …', the same lines from the same functions."""
    answers = tmp_path / "tra-loi.json"
    answers.write_text(json.dumps(UNDER_THE_MINIMUM), encoding="utf-8")
    terminal = runner.invoke(cli, ["--lang", lang, "check", "-c", "cong-dan-hoc-tap", "--answers", str(answers)]).stdout
    token = csrf_of(client, f"/tu-kiem-tra/cong-dan-hoc-tap?group=1&lang={lang}")
    page = html.unescape(client.post("/tu-kiem-tra/cong-dan-hoc-tap",
                                     data={**UNDER_THE_MINIMUM, "csrf": token, "lang": lang}).text)
    group, least = {"vi": ("Nhóm đối tượng: Người dân trong xã", "Ít nhất phải thêm 8,5 điểm: 5 điểm để đưa các chỉ số "
                           "trên lên mức tối thiểu, 3,5 điểm nữa ở chỉ số bất kỳ còn có thể tăng."),
                    "en": ("Subject group: Residents of the commune", "At least 8.5 points more in all: 5 points to bring "
                           "the indicators above up to the minimum, 3.5 points more at any indicator that can still gain.")}[lang]
    assert group in terminal.splitlines() and f"  {least}" in terminal.splitlines()
    assert f'<p class="chosen">{group}</p>' in page
    assert f'<p id="it-nhat">{least}</p>' in page


@pytest.mark.parametrize("lang, first", [
    ("vi", "Có thể tăng điểm ở (nhiều nhất trước): chỉ số 2.2 Sử dụng ngoại ngữ theo yêu cầu công việc (còn 8 điểm); "),
    ("en", "Points can still be gained at (most first): indicator 2.2 Uses a foreign language as the job requires (8 points left); "),
])
def test_page_self_check_says_where_points_can_be_gained_in_the_terminal_s_sentence(client, runner, cli, tmp_path, lang, first):
    """The page kept its own list, every indicator as '3.2 …: 7,5/10 (còn 2,5 điểm)', where 'hoctap check'
    says one sentence, the largest rooms by name and the rest in one count: a person reads one answer."""
    answers = tmp_path / "tra-loi.json"
    answers.write_text(json.dumps(UNDER_THE_MINIMUM), encoding="utf-8")
    terminal = runner.invoke(cli, ["--lang", lang, "check", "-c", "cong-dan-hoc-tap", "--answers", str(answers)]).stdout
    gain = next(line.strip() for line in terminal.splitlines() if line.startswith(f"  {first[:12]}"))
    assert gain.startswith(first) and gain.endswith(("; và 5 chỉ số khác (còn 7 điểm)", "; and 5 more (7 points left)"))
    token = csrf_of(client, f"/tu-kiem-tra/cong-dan-hoc-tap?group=1&lang={lang}")
    page = html.unescape(client.post("/tu-kiem-tra/cong-dan-hoc-tap",
                                     data={**UNDER_THE_MINIMUM, "csrf": token, "lang": lang}).text)
    assert f'<p id="tang-diem">{gain}</p>' in page and page.count(first[:12]) == 1
    assert 'class="room"' not in page and not re.search(r"\d/10 \((còn|\d)", page)   # no list of its own


DISTRICT_UNIT = "/tu-kiem-tra/don-vi-hoc-tap-tt24-huyen"


@pytest.mark.parametrize("lang,in_force,warning", [
    ("vi", "Áp dụng theo ngày:</span> 05/12/2025 (ngày hôm nay) — bộ tiêu chí don-vi-hoc-tap-tt24-huyen, có hiệu lực từ 26/01/2024",
     "(ngày đánh giá 05/12/2025, theo ngày hôm nay)"),
    ("en", "In force on:</span> 2025-12-05 (today's date) — criteria pack don-vi-hoc-tap-tt24-huyen, valid from 2024-01-26",
     "(assessment date 2025-12-05, from today's date)"),
])
def test_page_self_check_warns_a_district_pack_by_todays_date(client, monkeypatch, lang, in_force, warning):
    """After 30/06/2025 a district unit checking itself on the page reads the warning 'hoctap check'
    and 'hoctap score' give, said to be by today's date."""
    from scoring import resolve_pack
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764892800")   # 05/12/2025
    text = resolve_pack("don-vi-hoc-tap-tt24-huyen").pack.warn_after.text.get(lang)
    token = csrf_of(client, f"{DISTRICT_UNIT}?loai_don_vi=doanh_nghiep&lang={lang}")
    page = html.unescape(client.post(DISTRICT_UNIT, data={**UNIT, "csrf": token, "lang": lang}).text)
    assert f'<p class="note" data-dated="in_force"><span class="k">{in_force}</p>' in page
    heading = {"vi": "Cảnh báo", "en": "Warning"}[lang]
    assert f'<p class="warn" data-dated="warning"><span class="k">{heading}:</span> {text} {warning}</p>' in page
    txt = client.post(f"{DISTRICT_UNIT}/tai-ve", data={**UNIT, "csrf": token, "lang": lang, "format": "txt"}).text
    assert f"{heading}: {text} {warning}" in txt.splitlines()
    api = client.post("/api/self-check", json={"pack": "don-vi-hoc-tap-tt24-huyen", "answers": UNIT, "lang": lang}).json()
    assert api["result"]["warnings"] == [text + {"vi": " (ngày đánh giá 2025-12-05, theo today)",
                                                 "en": " (assessment date 2025-12-05, from today)"}[lang]]
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1748736000")   # 01/06/2025: the district tier still stands
    before = html.unescape(client.post(DISTRICT_UNIT, data={**UNIT, "csrf": token, "lang": lang}).text)
    assert 'data-dated="warning"' not in before and 'data-dated="in_force"' in before


@pytest.mark.parametrize("lang,said", [("vi", "Ngày tự kiểm tra: 05/12/2025"), ("en", "Self-check date: 2025-12-05")])
def test_the_result_page_says_the_day_of_the_self_check_on_screen_and_on_paper(client, monkeypatch, lang, said):
    """A citizen's printed result page had a title, the answers and the result but no day (only a
    dated pack's warning said one): kept in a file, it did not say when it held."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764892800")   # 05/12/2025
    token = csrf_of(client, f"/tu-kiem-tra/cong-dan-hoc-tap?group=1&lang={lang}")
    page = client.post("/tu-kiem-tra/cong-dan-hoc-tap", data={**SHORT, "csrf": token, "lang": lang}).text
    assert f'<p class="note" id="ngay">{said}</p>' in page



# --- every result page says the pack text and the day it was judged by (W6) -------------------

def _scored_page(client: TestClient, lang: str) -> str:
    token = csrf_of(client, f"/hoi-dong?lang={lang}")
    got = client.post("/hoi-dong", files={"records": (WORKBOOK.name, WORKBOOK.read_bytes())},
                      data={"pack": "cong-dan-hoc-tap", "csrf": token, "lang": lang})
    deadline = time.monotonic() + 30
    while 'id="dem"' not in (page := client.get(got.url)).text:
        assert time.monotonic() < deadline and 'id="loi"' not in page.text
        time.sleep(0.05)
    return page.text


@pytest.mark.parametrize("lang, said", [
    ("vi", "Bộ tiêu chí: cong-dan-hoc-tap, phiên bản 1.2 · Ngày chấm: 05/12/2025"),
    ("en", "Criteria pack: cong-dan-hoc-tap, version 1.2 · Scored on 2025-12-05")])
def test_the_council_page_says_its_pack_version_and_day(client, monkeypatch, lang, said):
    """A council's printed run page named the pack by its title alone (two versions of a pack share
    it) and said no day: on paper it did not say what text, or when, it was scored by."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764892800")   # 05/12/2025
    page = _scored_page(client, lang)
    assert f'<p class="meta" id="lan-cham">{said}</p>' in page


def test_the_council_api_says_the_pack_version_and_day_it_scored_by(client, monkeypatch):
    """The page says which pack text and which day; the JSON API said neither (a model's name picks a pack by date)."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764892800")   # 05/12/2025
    job = wait_job(client, upload(client, WORKBOOK).json()["status_url"])
    assert job["status"] == "done", job
    assert (job["criteria"], job["scored_on"]) == ({"id": "cong-dan-hoc-tap", "version": "1.2"}, "2025-12-05")


def test_the_council_pages_links_are_not_printed(client):
    """Printed, the run page carried its list of downloads and 'Tải tệp khác': links, not a record."""
    page = _scored_page(client, "vi")
    downloads = page.index('<div class="no-print"><h2>Tải về</h2>')
    assert page.index('id="tai-pdf"') > downloads and page.index("</ul></div>", downloads) > page.index('id="tai-ket-qua"')
    assert '<p class="no-print"><a href="/hoi-dong?viec=' in page


@pytest.mark.parametrize("lang, said", [("vi", "Bộ tiêu chí: cong-dan-hoc-tap, phiên bản 1.2"),
                                        ("en", "Criteria pack: cong-dan-hoc-tap, version 1.2")])
def test_the_self_check_result_says_its_pack_version(client, lang, said):
    token = csrf_of(client, f"/tu-kiem-tra/cong-dan-hoc-tap?group=1&lang={lang}")
    page = client.post("/tu-kiem-tra/cong-dan-hoc-tap", data={**SHORT, "csrf": token, "lang": lang}).text
    assert f'<p class="meta" id="bo-tieu-chi">{said}</p>' in page


@pytest.mark.parametrize("lang, said", [("vi", "Ngày lập báo cáo: 05/12/2025"), ("en", "Report date: 2025-12-05")])
def test_the_goals_report_says_its_day(client, monkeypatch, lang, said):
    """The goal report said its year, pack and version but not the day it was made: a printed one
    could not be told from one made on other data later in the same year."""
    monkeypatch.setenv("SOURCE_DATE_EPOCH", "1764892800")
    token = csrf_of(client, f"/muc-tieu?lang={lang}")
    page = client.post(f"/muc-tieu?lang={lang}", files={"staff": (STAFF.name, STAFF.read_bytes())},
                       data={"goals": "muc-tieu-langson-stnmt-2024", "year": "2030", "csrf": token, "lang": lang}).text
    assert f'<p class="note" id="ngay">{said}</p>' in page

def test_page_small_words_agree_with_the_rest(client):
    """One wrong answer in English is singular; dates read dd/mm/yyyy on every page."""
    token = csrf_of(client, "/tu-kiem-tra/cong-dan-hoc-tap?group=1&lang=en")
    one = client.post("/tu-kiem-tra/cong-dan-hoc-tap", data={**DAT, "2.2": "11", "csrf": token, "lang": "en"})
    assert "1 answer is not valid. Fix the marked question" in html.unescape(one.text)
    two = client.post("/tu-kiem-tra/cong-dan-hoc-tap", data={**DAT, "2.2": "11", "2.3": "x", "csrf": token, "lang": "en"})
    assert "2 answers are not valid." in html.unescape(two.text)
    packs = client.get("/tu-kiem-tra").text
    assert "28/07/2022 – 24/10/2023" in packs and not re.search(r"\d{4}-\d\d-\d\d", _visible(packs))
    council = client.get("/hoi-dong").text
    assert 'id="as_of" name="as_of" type="text" inputmode="numeric" placeholder="01/12/2026"' in council


def test_forms_need_the_session_token(client):
    client.get("/tu-kiem-tra")  # a session cookie, but no token in the form
    assert client.post("/tu-kiem-tra/cong-dan-hoc-tap", data=SHORT).status_code == 403
    assert client.post("/tu-kiem-tra/cong-dan-hoc-tap", data={**SHORT, "csrf": "0" * 64}).status_code == 403
    other = TestClient(create_app(), base_url=LOCAL)  # a token of another server (another secret) is refused too
    token = csrf_of(other, "/tu-kiem-tra/cong-dan-hoc-tap?group=1")
    assert client.post("/tu-kiem-tra/cong-dan-hoc-tap", data={**SHORT, "csrf": token}).status_code == 403


def _restarted(client: TestClient) -> TestClient:
    """The same browser (its session cookie) on a server started again: a new secret, so the
    tokens of the forms it shows are no longer valid."""
    return TestClient(create_app(Settings(max_upload=1 << 20)), base_url=LOCAL, cookies=dict(client.cookies))


def _boxes(page: str) -> dict[str, str]:
    return {m.group(1): html.unescape(m.group(2)) for m in re.finditer(r'name="([^"]+)" type="text"[^>]*value="([^"]*)"', page)}


@pytest.mark.parametrize("lang, said", [
    ("vi", "Chưa gửi được: phiên làm việc đã hết hạn (máy chủ có thể đã khởi động lại) hoặc biểu mẫu không đến từ trang "
           "này. Các câu trả lời vẫn được giữ dưới đây: hãy bấm “Xem kết quả” lại."),
    ("en", "Not sent: the session expired (the server may have restarted) or the form did not come from this site. "
           "Your answers are kept below: press “See the result” again.")])
def test_a_self_check_sent_after_a_restart_keeps_its_answers(client, lang, said):
    """The answers of a form shown before the server restarted were lost: an error page whose
    link went to the home page. The questions come back with the answers, and sent again, score."""
    token = csrf_of(client, "/tu-kiem-tra/cong-dan-hoc-tap?group=1")
    later = _restarted(client)
    for path in ("/tu-kiem-tra/cong-dan-hoc-tap", "/tu-kiem-tra/cong-dan-hoc-tap/tai-ve"):
        kept = later.post(path, data={**SHORT, "csrf": token, "lang": lang, "format": "txt"})
        assert kept.status_code == 403
        assert html.unescape(re.search(r'id="phien">([^<]*)', kept.text).group(1)) == said
        assert _boxes(kept.text)["3.2"] == "8" and _boxes(kept.text)["2.2"] == "4" and 'id="loi"' not in kept.text
    again = re.search(r'name="csrf" value="([0-9a-f]+)"', kept.text).group(1)
    result = later.post("/tu-kiem-tra/cong-dan-hoc-tap", data={**SHORT, "csrf": again, "lang": lang})
    assert result.status_code == 200 and 'id="phien"' not in result.text


@pytest.mark.parametrize("lang, said", [
    ("vi", "Chưa gửi được: phiên làm việc đã hết hạn (máy chủ có thể đã khởi động lại) hoặc biểu mẫu không đến từ trang "
           "này. Các ô đã điền vẫn được giữ dưới đây; trình duyệt không giữ tệp đã chọn: hãy chọn lại tệp rồi gửi lại."),
    ("en", "Not sent: the session expired (the server may have restarted) or the form did not come from this site. "
           "What you filled in is kept below; the browser does not keep the chosen file: choose it again and send.")])
def test_an_upload_sent_after_a_restart_keeps_what_was_typed(client, lang, said):
    token = csrf_of(client)
    later = _restarted(client)
    council = later.post("/hoi-dong", files={"records": (WORKBOOK.name, WORKBOOK.read_bytes())},
                         data={"pack": "cong-dan-hoc-tap-qd244", "as_of": "01/12/2024", "sheet": "Tự đánh giá",
                               "co_quan": "UBND xã Phú Mỹ", "giu_cot": "Họ và tên", "csrf": token, "lang": lang})
    assert council.status_code == 403 and html.unescape(re.search(r'id="loi">([^<]*)', council.text).group(1)) == said
    assert '<option value="cong-dan-hoc-tap-qd244" selected' in council.text and ">Họ và tên</textarea>" in council.text
    assert {k: v for k, v in _boxes(council.text).items() if v} == {"as_of": "01/12/2024", "sheet": "Tự đánh giá",
                                                                      "co_quan": "UBND xã Phú Mỹ"}
    goals = later.post("/muc-tieu", files={"staff": (STAFF.name, STAFF.read_bytes())},
                       data={"goals": "muc-tieu-langson-stnmt-2024", "year": "2030", "sheet": "DS", "csrf": token,
                             "don_vi": "Sở Tài nguyên và Môi trường", "lang": lang})
    assert goals.status_code == 403 and html.unescape(re.search(r'id="loi">([^<]*)', goals.text).group(1)) == said
    assert {k: v for k, v in _boxes(goals.text).items() if v} == {"year": "2030", "sheet": "DS",
                                                                    "don_vi": "Sở Tài nguyên và Môi trường"}
    again = re.search(r'name="csrf" value="([0-9a-f]+)"', goals.text).group(1)
    with later:   # its server stopped at the end: the report's workbook, now kept, is deleted with it
        read = later.post("/muc-tieu", files={"staff": (STAFF.name, STAFF.read_bytes())},
                          data={"goals": "muc-tieu-langson-stnmt-2024", "year": "2030", "csrf": again, "lang": lang})
    assert read.status_code == 200 and "13/20 = 65%" in read.text


@pytest.mark.parametrize("path, back", [
    ("/hoi-dong/viec/khong-co", "/hoi-dong"), ("/tu-kiem-tra/khong-co", "/tu-kiem-tra"),
    ("/tu-kiem-tra/cong-dan-hoc-tap?group=9", None), ("/khong-co", "/")])
def test_an_error_page_goes_back_to_the_form_it_came_from(client, path, back):
    """'Quay lại' went to the home page from every error, whatever form the person was on."""
    for lang, word in (("vi", "Quay lại"), ("en", "Back")):
        page = client.get(path + ("&" if "?" in path else "?") + f"lang={lang}")
        if back is None:   # a wrong gate answer is said on the form itself
            assert page.status_code == 422 and 'id="quay-lai"' not in page.text
            continue
        assert page.status_code == 404
        assert f'<a href="{back}{"" if lang == "vi" else "?lang=en"}" id="quay-lai">{word}</a>' in page.text


def test_the_session_cookie_is_strict(client):
    cookie = client.get("/").headers["set-cookie"]
    assert SESSION_COOKIE in cookie and "httponly" in cookie.lower() and "samesite=strict" in cookie.lower()


def test_a_post_from_another_site_is_refused(client):
    got = client.post("/api/self-check", json={"pack": "cong-dan-hoc-tap", "answers": DAT},
                      headers={"origin": "http://evil.example"})
    assert got.status_code == 403 and "trang khác" in got.json()["message"]
    same = client.post("/api/self-check", json={"pack": "cong-dan-hoc-tap", "answers": DAT},
                       headers={"origin": LOCAL})
    assert same.status_code == 200


def test_a_request_naming_the_server_by_another_name_is_refused(client):
    # DNS rebinding: evil.example made to point at 127.0.0.1 is, for the browser, the page's own
    # origin, so its POST passed the Origin check and its script could read the job's results
    rebound = {"host": "evil.example:8000", "origin": "http://evil.example:8000"}
    got = client.post("/api/self-check", json={"pack": "cong-dan-hoc-tap", "answers": DAT}, headers=rebound)
    assert got.status_code == 403 and "tên lạ" in got.json()["message"]
    page = client.get("/hoi-dong?lang=en", headers={"host": "evil.example"})
    assert page.status_code == 403 and "unknown name" in page.text and "Traceback" not in page.text
    for name in ("localhost:8000", "127.0.0.1", "[::1]:8000"):
        assert client.get("/api/packs", headers={"host": name}).status_code == 200, name


@pytest.mark.parametrize("host,allowed", [("0.0.0.0", True), ("192.168.1.5", False)])
def test_a_server_started_on_another_address_takes_its_names(host, allowed):
    # on every address (--allow-remote) the machine's network names cannot be known; on one, it is that one
    with TestClient(create_app(Settings(host=host)), base_url=LOCAL) as c:
        assert c.get("/api/packs", headers={"host": "192.168.1.5:8000"}).status_code == 200
        assert (c.get("/api/packs", headers={"host": "evil.example"}).status_code == 200) is allowed


def test_the_real_server_refuses_a_rebound_name_and_hoctap_serve_passes_its_address(runner, cli, monkeypatch):
    import http.client
    from browser import running_server
    with running_server() as base:
        port = int(base.rsplit(":", 1)[1])
        asked = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        asked.request("POST", "/api/council", body=b"", headers={"Host": f"rebind.example:{port}",
                                                               "Origin": f"http://rebind.example:{port}"})
        assert asked.getresponse().status == 403
        asked = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        asked.request("GET", "/api/packs")
        assert asked.getresponse().status == 200
    started = []
    monkeypatch.setattr("scoring.web.app.listening_socket", _Bound)
    monkeypatch.setattr("scoring.web.app.serve", lambda sock, settings: started.append(settings))
    runner.invoke(cli, ["serve", "--host", "192.168.1.5", "--cho-phep-mang"])
    assert started[0].host == "192.168.1.5"


def test_nothing_personal_is_kept_in_the_browsers_cache(client):
    # a job's status (ids, rejected rows) and the pages were cacheable: only downloads said no-store
    started = upload(client, WORKBOOK).json()
    job = client.get(started["status_url"])
    assert job.headers["cache-control"] == "no-store"
    for path in ("/hoi-dong", "/api/packs"):
        assert client.get(path).headers["cache-control"] == "no-store", path
    assert "cache-control" not in client.get("/static/style.css").headers   # the same for everyone
    wait_job(client, started["status_url"])


def test_pages_carry_security_headers_and_no_outside_assets(client):
    for path in ("/", "/tu-kiem-tra", "/tu-kiem-tra/cong-dan-hoc-tap?group=1", "/hoi-dong", "/muc-tieu", "/tuan-le"):
        page = client.get(path)
        assert "default-src 'self'" in page.headers["content-security-policy"]
        assert not re.search(r'(src|href)="(https?:)?//', page.text), path   # nothing fetched from elsewhere
    assert client.get("/static/style.css").status_code == 200 and client.get("/static/app.js").status_code == 200


def test_the_english_council_page_says_how_long_results_are_kept_in_english(client):
    page = client.get("/hoi-dong", params={"lang": "en"}).text
    assert "1 hours" not in page and "kept for download for 1 h." in page


def test_the_english_council_page_gives_the_english_documents_default_signers(client):
    """The hint said 'Default: Người lập biểu; Chủ tịch Hội đồng' while English documents sign 'PREPARED BY',
    'CHAIR OF THE COUNCIL'; the Vietnamese page keeps its own titles."""
    from scoring.results.council import WORDS
    english = html.unescape(client.get("/hoi-dong", params={"lang": "en"}).text)
    assert "Default: Prepared by; Chair of the council." in english and "Người lập biểu" not in english
    assert [s.casefold() for s in WORDS["en"]["signers"]] == ["prepared by", "chair of the council"]
    assert "Mặc định: Người lập biểu; Chủ tịch Hội đồng." in html.unescape(client.get("/hoi-dong").text)

def test_english_is_switchable(client):
    assert "Self-check" in client.get("/tu-kiem-tra?lang=en").text
    assert '<html lang="vi">' in client.get("/").text and '<html lang="en">' in client.get("/?lang=en").text


def test_openapi_schema_is_served_and_docs_are_not(client):
    schema = client.get("/openapi.json").json()
    assert {"/api/self-check", "/api/council", "/api/goals", "/api/packs"} <= set(schema["paths"])
    assert client.get("/docs").status_code == 404   # its page would load scripts from a CDN


# --- council uploads ---------------------------------------------------------------------------

def upload(client: TestClient, path: Path | None = None, name: str | None = None, data: bytes | None = None,
           pack: str = "cong-dan-hoc-tap", **form) -> dict:
    content = data if data is not None else path.read_bytes()
    got = client.post("/api/council", files={"records": (name or path.name, io.BytesIO(content))},
                      data={"pack": pack, **form})
    return got


def test_council_workbook_scored_and_files_downloaded(client, tmp_path):
    got = upload(client, WORKBOOK)
    assert got.status_code == 202
    job = wait_job(client, got.json()["status_url"])
    assert job["status"] == "done", job["error"]
    assert job["counts"] == {"read": 10, "scored": 8, "rejected": 2, "skipped": 0}
    assert all(r["where"].startswith("tu-danh-gia-2024.xlsx:") for r in job["rejected"])   # not a temporary path
    assert job["checked"] and job["disagreements"] and all(d["differences"] for d in job["disagreements"])
    results = tmp_path / "ket-qua.xlsx"
    results.write_bytes(client.get(job["download_urls"]["ket-qua.xlsx"]).content)
    book = openpyxl.load_workbook(results)
    assert book.sheetnames == ["Kết quả", "Bị loại", "Tổng hợp", "Cảnh báo"]   # the title rows skipped, as the page says
    assert [row for (row,) in book["Cảnh báo"].iter_rows(values_only=True)] == ["Cảnh báo", *job["warnings"]]
    assert book["Kết quả"].max_row == 1 + 8 and book["Bị loại"].max_row == 1 + 2
    listing = tmp_path / "danh-sach.xlsx"   # the council workbook of 'hoctap report -o danh-sach.xlsx'
    listing.write_bytes(client.get(job["download_urls"]["danh-sach-cong-nhan.xlsx"]).content)
    council = openpyxl.load_workbook(listing)
    assert council.sheetnames == ["Danh sách công nhận", "Kết quả", "Bị loại", "Khác tự đánh giá", "Tổng hợp"]
    rows = list(council["Danh sách công nhận"].iter_rows(values_only=True))
    head = next(i for i, row in enumerate(rows) if row[0] == "STT")
    dat = sum(n for code, _, n, _ in job["outcomes"] if code == "dat")
    assert [row[0] for row in rows[head + 1:head + 2 + dat]] == [*range(1, dat + 1), "Tổng cộng"]
    assert rows[0][0] == "……………"   # no heading given: a dotted line to fill in by hand
    pdf = client.get(job["download_urls"]["danh-sach-cong-nhan.pdf"])
    assert pdf.headers["content-type"] == "application/pdf" and pdf.content.startswith(b"%PDF")


def test_council_says_what_hoctap_score_warns_of_and_counts_the_rows_it_skips(client, tmp_path, runner, cli):
    """A workbook with a title row over the table and a total and a signature under it: the page
    and the API count and name them as 'hoctap score' does (read = scored + rejected + skipped)."""
    book = council_workbook(tmp_path / "xa.xlsx", [citizen("CD-1", [9, 9, 8, 8, 9, 6, 9, 8, 8, 8]),
                                                   citizen("CD-2", [9, 9, 8, 8, 9, 6, 9, 8, 8, None]),
                                                   [None, "Tổng cộng"], [None, "Người lập biểu"]], title_rows=1)
    said = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl"])
    warned = [line.removeprefix("cảnh báo: ").replace(f"{tmp_path}/", "") for line in said.stderr.splitlines()
              if not line.startswith("đã đọc")]
    job = wait_job(client, upload(client, book).json()["status_url"])
    assert job["counts"] == {"read": 4, "scored": 1, "rejected": 1, "skipped": 2}
    assert "đã đọc 4 hồ sơ: 1 được chấm, 1 bị loại, 2 bỏ qua" in said.stderr
    assert len(warned) == 2 and job["warnings"] == warned   # the title row; the total and the signature, named
    assert "Tổng cộng, Người lập biểu" in warned[1]
    page = html.unescape(client.get(f"/hoi-dong/viec/{job['id']}").text)   # an API job's page opens for anyone
    assert "Đã đọc 4 hồ sơ: 1 được chấm, 1 bị loại, 2 bỏ qua" in page and all(w in page for w in warned)
    results = tmp_path / "ket-qua.xlsx"
    results.write_bytes(client.get(job["download_urls"]["ket-qua.xlsx"]).content)
    summary = {row[0]: row[1] for row in openpyxl.load_workbook(results)["Tổng hợp"].iter_rows(values_only=True)}
    assert summary["Bỏ qua (không phải hồ sơ: dòng tổng, chữ ký, số thứ tự trống, tiêu đề nhóm)"] == 2


def test_council_page_says_hidden_rows_and_a_repeated_header_as_hoctap_score_does(client, tmp_path, runner, cli):
    """A hidden row was scored on the page without a word; a header row repeated under the list was a record."""
    from books import HEADER, SHEET
    book = council_workbook(tmp_path / "xa.xlsx", [citizen("CD-1", 8), citizen("CD-2", 8), HEADER, citizen("CD-3", 8)],
                            title_rows=1)
    wb = openpyxl.load_workbook(book)
    wb[SHEET].row_dimensions[3].hidden = True   # CD-2
    wb.save(book)
    said = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(book), "-f", "jsonl"])
    warned = [line.removeprefix("cảnh báo: ").replace(f"{tmp_path}/", "") for line in said.stderr.splitlines()
              if not line.startswith("đã đọc")]
    job = wait_job(client, upload(client, book).json()["status_url"])
    assert job["counts"] == {"read": 4, "scored": 3, "rejected": 0, "skipped": 1}
    assert job["warnings"] == warned
    assert f"xa.xlsx: trang tính '{SHEET}' có 1 hàng bị ẩn (dòng 3) vẫn được chấm" in warned[1]
    assert warned[2].startswith("bỏ qua 1 dòng lặp lại dòng tiêu đề cột")
    page = html.unescape(client.get(f"/hoi-dong/viec/{job['id']}").text)
    assert all(w in page for w in warned)


def test_council_warns_of_a_second_sheet_not_read_and_of_the_district_tier_abolished(client, tmp_path):
    wb = openpyxl.Workbook()
    for name in ("Thôn 1", "Thôn 2"):
        sheet = wb.create_sheet(name)
        sheet.append(["id", "group", *INDICATORS])
        for i in range(3):
            sheet.append([f"{name[-1]}-{i}", 1, 9, 9, 8, 8, 9, 6, 9, 8, 8, 8])
    del wb["Sheet"]
    wb.save(tmp_path / "hai-thon.xlsx")
    job = wait_job(client, upload(client, tmp_path / "hai-thon.xlsx").json()["status_url"])
    assert job["counts"] == {"read": 3, "scored": 3, "rejected": 0, "skipped": 0}
    [warning] = job["warnings"]
    assert warning.startswith("hai-thon.xlsx: trang tính 'Thôn 2' cũng có bảng dữ liệu nhưng KHÔNG được đọc")
    huyen = EXAMPLES / "don-vi-hoc-tap-tt24-huyen.csv"
    for lang, said in (("vi", "Từ 01/07/2025 chính quyền địa phương không còn cấp huyện"),
                       ("en", "From 1 July 2025 local government has no district tier")):
        job = wait_job(client, upload(client, huyen, pack="don-vi-hoc-tap-huyen", as_of="01/01/2031",
                                      lang=lang).json()["status_url"])
        assert [w[:len(said)] for w in job["warnings"]] == [said]
        page = html.unescape(client.get(f"/hoi-dong/viec/{job['id']}").text)
        assert said in page


def test_council_uploads_are_deleted(client):
    job = wait_job(client, upload(client, WORKBOOK).json()["status_url"])
    web_jobs = client.app.state.web.jobs
    stored = web_jobs.get(job["id"], None)
    folder = stored.workdir.path
    assert sorted(p.name for p in folder.rglob("*") if p.is_file()) == ["danh-sach-cong-nhan.pdf",
                                                                        "danh-sach-cong-nhan.xlsx", "ket-qua.xlsx"]
    web_jobs.close()           # what the server does when it stops
    assert not folder.exists()


PRINTED = {"giu_cot": "Họ và tên", "sap_xep": "Họ và tên", "co_quan": "UBND xã Tân Lập", "don_vi": "Hội đồng xã Tân Lập",
           "dia_danh": "Tân Lập", "dia_ban": "xã Tân Lập", "ngay": "2026-12-01", "ky": "Thư ký; Chủ tịch Hội đồng"}


def test_council_documents_carry_the_heading_and_the_names_asked_for(client, tmp_path):
    from pypdf import PdfReader
    job = wait_job(client, upload(client, WORKBOOK, **PRINTED).json()["status_url"])
    assert job["status"] == "done", job["error"]
    pdf = tmp_path / "danh-sach.pdf"
    pdf.write_bytes(client.get(job["download_urls"]["danh-sach-cong-nhan.pdf"]).content)
    text = PdfReader(pdf).pages[0].extract_text()
    for line in ("UBND XÃ TÂN LẬP", "HỘI ĐỒNG XÃ TÂN LẬP", "Tân Lập, ngày 01 tháng 12 năm 2026",
                 "Địa bàn: xã Tân Lập; ngày lập: 01/12/2026", "THƯ KÝ", "CHỦ TỊCH HỘI ĐỒNG", "Họ và tên"):
        assert line in text.splitlines() or line in text, line
    data = tmp_path / "ket-qua.xlsx"    # the names are in the data workbook too, beside the id
    data.write_bytes(client.get(job["download_urls"]["ket-qua.xlsx"]).content)
    sheet = openpyxl.load_workbook(data)["Kết quả"]
    assert [c.value for c in sheet[1]][:2] == ["Mã", "Họ và tên"]
    names = {r[0]: r[1] for r in sheet.iter_rows(min_row=2, values_only=True)}
    listed = [line for line in text.splitlines() if line[:1].isdigit() and " CD-" in line]
    assert listed and all(names[line.split()[1]] in line for line in listed)


def test_council_printing_fields_are_checked_before_the_upload_is_read(client):
    token = csrf_of(client)
    for fields, said in (({"ngay": "31/02/2026"}, "'31/02/2026' không phải một ngày"),
                         ({"sap_xep": "Họ và tên"}, "Không sắp xếp được theo cột «Họ và tên»")):
        page = client.post("/hoi-dong", files={"records": (WORKBOOK.name, WORKBOOK.read_bytes())},
                           data={"pack": "cong-dan-hoc-tap", "csrf": token, "dia_danh": "Tân Lập", **fields})
        assert page.status_code == 400 and said in html.unescape(page.text)
        assert 'value="Tân Lập"' in page.text   # what was typed is kept
    assert upload(client, WORKBOOK, ngay="hôm qua").status_code == 400
    assert not client.app.state.web.jobs._jobs   # no job started, no upload kept


def _said(page) -> str:
    return html.unescape(re.search(r'id="loi">([^<]*)', page.text).group(1))


def _marked(page) -> list[str]:
    """The boxes the page marks invalid (the one the error is about)."""
    return re.findall(r'<(?:input|select|textarea) id="([^"]+)"[^>]*aria-invalid="true"', page.text)


TYPED = {"pack": "cong-dan-hoc-tap-qd244", "as_of": "01/12/2024", "co_quan": "UBND xã Phú Mỹ", "dia_danh": "Phú Mỹ"}


@pytest.mark.parametrize("lang, said", [
    ("vi", "tu-danh-gia-2024.xlsx: không có trang 'Xã B' (có phải là 'Xã A'?): các trang là 'Danh mục' (ẩn), 'Xã A'"),
    ("en", "tu-danh-gia-2024.xlsx: no sheet 'Xã B' (did you mean 'Xã A'?): the sheets are 'Danh mục' (hidden), 'Xã A'")])
def test_a_sheet_the_workbook_has_not_is_said_on_the_form_by_the_sheet_box(client, tmp_path, lang, said, runner, cli):
    """Before, the council form took the upload, and the job, in the background, failed on its page with
    these words: the form and what was typed were gone. The workbook's sheets are listed when the form is
    sent (no cell read), and the command's own words come back by the sheet box, the rest kept."""
    book = openpyxl.load_workbook(WORKBOOK)
    book["Tự đánh giá"].title = "Xã A"
    path = tmp_path / WORKBOOK.name
    book.save(path)
    before = _workdirs()
    page = client.post("/hoi-dong", files={"records": (path.name, path.read_bytes())},
                       data={**TYPED, "sheet": "Xã B", "giu_cot": "Họ và tên", "csrf": csrf_of(client), "lang": lang})
    assert page.status_code == 400 and _said(page) == said and _marked(page) == ["sheet"]
    assert 'aria-describedby="loi sheet-hint"' in page.text
    assert {k: v for k, v in _boxes(page.text).items() if v} == {"as_of": "01/12/2024", "sheet": "Xã B",
                                                                   "co_quan": "UBND xã Phú Mỹ", "dia_danh": "Phú Mỹ"}
    assert '<option value="cong-dan-hoc-tap-qd244" selected' in page.text and ">Họ và tên</textarea>" in page.text
    assert not client.app.state.web.jobs._jobs and _workdirs() == before   # no job, no upload kept
    command = runner.invoke(cli, ["--lang", lang, "score", "-c", "cong-dan-hoc-tap", "--sheet", "Xã B", str(path)])
    assert command.exit_code == 2 and f"{path}{said.removeprefix(path.name)}" in command.output   # the command's words
    api = upload(client, path, sheet="Xã B", lang=lang)
    assert api.status_code == 400 and api.json()["message"] == said


@pytest.mark.parametrize("sheet", ["xã a", "*", ""])
def test_a_sheet_the_workbook_has_starts_the_job(client, tmp_path, sheet):
    """A sheet named as the reader finds it (case and accents as typed in Excel, '*' every visible
    sheet, none the first) starts the job as before."""
    book = openpyxl.load_workbook(WORKBOOK)
    book["Tự đánh giá"].title = "Xã A"
    path = tmp_path / WORKBOOK.name
    book.save(path)
    job = wait_job(client, upload(client, path, sheet=sheet).json()["status_url"])
    assert job["status"] == "done" and job["counts"]["read"] == 10


def test_a_sheet_typed_for_a_csv_file_is_warned_of_by_the_job_as_before(client):
    """A CSV has no sheets: as 'hoctap score --sheet' on a CSV, the run warns and reads the file."""
    csv = EXAMPLES / "cong-dan-hoc-tap.csv"
    job = wait_job(client, upload(client, csv, sheet="Xã A").json()["status_url"])
    assert job["status"] == "done" and job["warnings"][0] == (
        "Ô «Tên trang tính» chỉ dùng cho sổ Excel (.xlsx): «cong-dan-hoc-tap.csv» không phải sổ Excel, "
        "nên trang «Xã A» không được dùng.")


def test_a_file_that_is_no_workbook_is_said_on_the_form_by_the_file_box(client, runner, cli, tmp_path):
    """A zip that passes for a workbook at a glance but has none inside: the command's words, by the
    file's box, on the form (before, the job's failure page), whether a sheet was typed or not."""
    import zipfile
    path = tmp_path / "hong.xlsx"
    with zipfile.ZipFile(path, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("xl/workbook.xml", "<workbook/>")
    said = "hong.xlsx: không đọc được tệp: File contains no valid workbook part"
    for sheet in ("", "Xã A"):
        page = client.post("/hoi-dong", files={"records": (path.name, path.read_bytes())},
                           data={**TYPED, "sheet": sheet, "csrf": csrf_of(client)})
        assert page.status_code == 400 and _said(page) == said and _marked(page) == ["records"]
        assert _boxes(page.text)["dia_danh"] == "Phú Mỹ" and _boxes(page.text).get("sheet", "") == sheet
    command = runner.invoke(cli, ["score", "-c", "cong-dan-hoc-tap", str(path)])
    assert command.exit_code == 2 and f"{tmp_path}/{said}" in command.output



def test_the_forms_list_of_sheets_is_the_readers(tmp_path):
    """The form's check lists a workbook's sheets without its strings and styles: the same sheets, in the
    same order and states, as the records reader (hidden ones too, no chart sheet), so that it never
    refuses a sheet the job would read."""
    from openpyxl.chart import BarChart
    from scoring.records.excel import _Book
    book = openpyxl.Workbook()
    book.active.title = "Xã A"
    book.create_sheet("Danh mục").sheet_state = "hidden"
    book.create_chartsheet("Biểu đồ").add_chart(BarChart())
    book.create_sheet("Xã B")
    path = tmp_path / "xa.xlsx"
    book.save(path)
    reader, listing = _Book(path), _Book(path, listing=True)
    reader.close()
    listing.close()
    assert listing.sheets == reader.sheets and [s.name for s in reader.sheets] == ["Xã A", "Danh mục", "Xã B"]
    assert listing.strings is None

@pytest.mark.parametrize("lang, said", [
    ("vi", "Ô «Ngày lập»: '31/02/2026' không phải một ngày: ghi ngày/tháng/năm (01/12/2026), năm-tháng-ngày (2026-12-01) "
           "hoặc hom-nay"),
    ("en", "The “Date” box: '31/02/2026' is not a date: write day/month/year (01/12/2026), year-month-day (2026-12-01) "
           "or hom-nay (today)")])
def test_the_letterhead_dates_error_names_its_box_in_words(client, runner, cli, lang, said):
    """The error began with the date typed and named no box: one hearing the page, or reading the line
    at the top, did not know which of the form's dates it was. It names the box by its label, on the
    council's and the Week's forms; the command line still names its option."""
    council = client.post("/hoi-dong", files={"records": (WORKBOOK.name, WORKBOOK.read_bytes())},
                          data={**TYPED, "ngay": "31/02/2026", "csrf": csrf_of(client), "lang": lang})
    assert council.status_code == 400 and _said(council) == said and _marked(council) == ["ngay"]
    assert _boxes(council.text)["ngay"] == "31/02/2026" and _boxes(council.text)["dia_danh"] == "Phú Mỹ"
    week = _week_post(client, [("a.csv", WEEK_CSV)], lang=lang, ngay="31/02/2026", dia_danh="Phong Thổ")
    assert week.status_code == 400 and _said(week) == said and _marked(week) == ["ngay"]
    assert _boxes(week.text)["dia_danh"] == "Phong Thổ"
    command = runner.invoke(cli, ["--lang", lang, "report", "-c", "cong-dan-hoc-tap", str(WORKBOOK), "--ngay", "31/02/2026"])
    option = {"vi": "Giá trị không hợp lệ cho '--ngay' / '--date': ", "en": "Invalid value for '--ngay' / '--date': "}[lang]
    assert command.exit_code == 2 and option + said.partition(": ")[2] in command.output


def test_a_carried_column_the_file_does_not_have_fails_the_job_naming_it(client):
    job = wait_job(client, upload(client, WORKBOOK, giu_cot="Ho va ten; Thôn").json()["status_url"])
    assert job["status"] == "failed" and "không có cột 'Thôn'" in job["error"] and "Họ và tên" in job["error"]


def test_names_carried_into_the_documents_are_not_kept_in_the_run_store(tmp_path):
    import sqlite3
    store = tmp_path / "kho.sqlite3"
    with TestClient(create_app(Settings(store=str(store))), base_url=LOCAL) as client:
        job = wait_job(client, upload(client, WORKBOOK, **PRINTED).json()["status_url"])
    assert job["status"] == "done" and job["seal"]
    with sqlite3.connect(store) as db:
        tables = [t for (t,) in db.execute("select name from sqlite_master where type='table'")]
        dump = "\n".join(str(row) for t in tables for row in db.execute(f"select * from {t}"))
    assert "CD-001" in dump and "Nguyễn Thị Hoa" not in dump


def test_a_failing_second_writer_stops_the_job_and_leaves_no_file(client, monkeypatch):
    import scoring.web.council as council_jobs

    def full_disk(*args, **kwargs):
        raise OSError(28, "No space left on device")
    monkeypatch.setattr(council_jobs, "write_results_file", full_disk)
    job = wait_job(client, upload(client, WORKBOOK).json()["status_url"])
    assert job["status"] == "failed" and not job["downloads"]
    folder = client.app.state.web.jobs.get(job["id"], None).workdir.path
    assert not [p for p in folder.rglob("*") if p.is_file()]


def test_the_second_writer_gets_every_result_in_order_or_stops_with_the_stream():
    from contextlib import closing

    from scoring.web.council import alongside
    taken, ended = [], []

    def writer(items):
        try:
            for item in items:
                taken.append(item)
        finally:
            ended.append(len(taken))   # where a writer removes its half-written file
    assert list(alongside(iter(range(1000)), writer, chunk=7)) == list(range(1000))
    assert taken == list(range(1000)) and ended == [1000]
    taken.clear(), ended.clear()
    with closing(alongside(iter(range(1000)), writer, chunk=7)) as stream:
        first = [next(stream) for _ in range(100)]   # the first writer fails here
    assert first == list(range(100)) and ended and taken == list(range(len(taken))) and len(taken) <= 100


@pytest.mark.parametrize("form", ["NFC", "NFD"])
def test_rows_are_named_by_the_file_name_the_person_gave(client, form):
    """'Hồ sơ xã Tân Lập (đợt 2).csv' was 'Hồ_sơ_xã_Tân_Lập_đợt_2_.csv' in every message, and sent
    from a Mac or a phone (accents as separate marks) 'Ho_so_xa_Ta_n_La_p_đo_t_2_.csv'."""
    import unicodedata
    name = unicodedata.normalize(form, "Hồ sơ xã Tân Lập (đợt 2).csv")
    body = (EXAMPLES / "cong-dan-hoc-tap.csv").read_text(encoding="utf-8").splitlines()
    body[1] = body[1].replace(",9,", ",mười,", 1)
    job = wait_job(client, upload(client, name=name, data="\n".join(body).encode()).json()["status_url"])
    assert [r["where"] for r in job["rejected"]] == ["Hồ sơ xã Tân Lập (đợt 2).csv:2"]


def test_a_renamed_pdf_is_refused(client):
    pdf = b"%PDF-1.7\n1 0 obj << /Type /Catalog >> endobj\n"
    got = upload(client, name="ho-so.csv", data=pdf)
    assert got.status_code == 400 and "PDF" in got.json()["message"] and "ho-so.csv" in got.json()["message"]
    as_xlsx = upload(client, name="ho-so.xlsx", data=pdf)
    assert as_xlsx.status_code == 400 and "PDF" in as_xlsx.json()["message"]
    zipped = upload(client, name="ho-so.xlsx", data=b"PK\x03\x04" + b"\0" * 100)
    assert zipped.status_code == 400 and "không phải là sổ tính Excel" in zipped.json()["message"]
    assert upload(client, name="ho-so.exe", data=b"MZ...").status_code == 400
    assert client.get("/").status_code == 200   # and the server keeps serving


@pytest.mark.parametrize("member, lang, said", [
    ("word/document.xml", "vi", "Tệp «Danh sách.xlsx» thực ra là một tài liệu Word (.docx), không phải Excel .xlsx."),
    ("word/document.xml", "en", "The file 'Danh sách.xlsx' is really a Word document (.docx), not Excel .xlsx."),
    ("content.xml", "vi", "Tệp «Danh sách.xlsx» thực ra là một tệp OpenDocument của LibreOffice (.ods, .odt), không phải Excel .xlsx.")])
def test_a_document_renamed_xlsx_is_named_for_what_it_is(client, member, lang, said):
    """A Word list renamed '.xlsx' was 'not a valid workbook (an old .xls, or damaged)': the
    secretary looked for an old Excel file that was never there."""
    import zipfile
    body = io.BytesIO()
    with zipfile.ZipFile(body, "w") as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr(member, "<document/>")
    got = upload(client, name="Danh sách.xlsx", data=body.getvalue(), lang=lang)
    assert got.status_code == 400 and got.json()["message"].startswith(said)


@pytest.mark.parametrize("lang, points, box", [
    ("vi", "dùng đúng tên cột (tệp mẫu: liên kết «Tải tệp mẫu Excel của bộ tiêu chí don-vi-hoc-tap-tt24-tinh» ngay dưới đây)",
     "hãy kiểm tra trang (ô «Tên trang tính») và tên cột"),
    ("en", "use the column names of the template (the link “Download the Excel template of the pack "
           "don-vi-hoc-tap-tt24-tinh” just below)", "check the sheet (the “Sheet name” box) and the column names")])
def test_header_errors_point_to_the_page_not_to_a_command_line(client, lang, points, box):
    """A model chosen by date names the pack in force: its template is the one linked. A sheet
    without a header names the form's sheet box, not '--sheet'."""
    token = csrf_of(client)
    missing = "id,ten_don_vi,tc1_ct1\nDV-1,Sở A,có\n".encode()   # no loai_don_vi, which every unit needs
    got = client.post("/hoi-dong", data={"pack": "don-vi-hoc-tap-tinh", "as_of": "30/06/2024", "csrf": token, "lang": lang},
                      files={"records": ("don-vi.csv", missing)})
    page = client.get(got.url).text
    while "<progress" in page:
        time.sleep(0.05)
        page = client.get(got.url).text
    error = html.unescape(re.search(r'id="loi">(.*?)</p>', page, re.S).group(1))
    assert points in error and "hoctap template" not in error
    assert '<a href="/mau/don-vi-hoc-tap-tt24-tinh.xlsx" download id="tai-mau">' in page
    wb = openpyxl.Workbook()
    wb.active.append(["Danh sách"])
    wb.active.append(["không có tiêu đề"])
    data = io.BytesIO()
    wb.save(data)
    job = wait_job(client, upload(client, name="trang.xlsx", data=data.getvalue(), lang=lang).json()["status_url"])
    assert box in job["error"] and "--sheet" not in job["error"]


@pytest.mark.parametrize("lang, unread, csv", [
    ("vi", "trang tính 'Xã B' cũng có bảng dữ liệu nhưng KHÔNG được đọc (chỉ đọc trang 'Xã A'): ghi * vào ô «Tên trang tính» "
           "để đọc mọi trang, hoặc ghi tên trang cần đọc", "Ô «Tên trang tính» chỉ dùng cho sổ Excel (.xlsx)"),
    ("en", "sheet 'Xã B' also holds a table but was NOT read (only 'Xã A' was): type * in the “Sheet name” box to read "
           "every visible sheet, or the name of the sheet to read", "The “Sheet name” box is for Excel workbooks (.xlsx) only")])
def test_sheet_warnings_name_the_sheet_box_in_the_pages_language(client, lang, unread, csv):
    """Before, the page warned in the server's language and told to add --sheet '*' (a command
    line option), and a sheet named for a CSV file was said as '--sheet … applies to Excel files'."""
    from scoring.messages import set_lang
    set_lang("en" if lang == "vi" else "vi")   # the server process in the other language
    wb = openpyxl.Workbook()
    for ws in (wb.active, wb.create_sheet("Xã B")):
        ws.append(["id", *DAT])
        ws.append(["CD-1", *DAT.values()])
    wb.active.title = "Xã A"
    data = io.BytesIO()
    wb.save(data)
    job = wait_job(client, upload(client, name="hai.xlsx", data=data.getvalue(), lang=lang).json()["status_url"])
    assert job["status"] == "done" and job["warnings"] == [f"hai.xlsx: {unread}"]
    plain = "id,group\n".encode()
    job = wait_job(client, upload(client, name="a.csv", data=plain, lang=lang, sheet="Xã A").json()["status_url"])
    assert job["warnings"][0].startswith(csv) and "--sheet" not in " ".join(job["warnings"])


def test_an_instructions_sheet_in_front_names_the_sheets_with_records_and_the_sheet_box(client):
    wb = openpyxl.Workbook()
    wb.active.title = "Hướng dẫn"
    wb.active.append(["Nhập mỗi thôn một trang"])
    for name in ("Thôn Đông", "Thôn Tây"):
        ws = wb.create_sheet(name)
        ws.append(["id", *DAT])
        ws.append(["CD-1", *DAT.values()])
    data = io.BytesIO()
    wb.save(data)
    job = wait_job(client, upload(client, name="huyen.xlsx", data=data.getvalue()).json()["status_url"])
    assert job["status"] == "failed" and job["error"] == (
        "huyen.xlsx: trang đầu tiên 'Hướng dẫn' (trang được đọc khi không chọn trang) không có bảng hồ sơ; trang tính "
        "'Thôn Đông', 'Thôn Tây' có bảng: ghi * vào ô «Tên trang tính» để đọc mọi trang, hoặc ghi tên trang cần đọc")


@pytest.mark.parametrize("lang, said, fix", [
    ("vi", "ho-so.xlsx: trang tính 'Hồ sơ' bị hỏng bên trong tệp", "mở tệp trong Excel (Excel tự sửa khi mở) và lưu lại"),
    ("en", "ho-so.xlsx: sheet 'Hồ sơ' is damaged inside the file", "open it in Excel (Excel repairs it on opening), save it")])
def test_a_workbook_damaged_inside_is_said_with_the_file_sheet_and_fix(client, lang, said, fix):
    """A sheet whose compressed bytes were damaged (a copy gone wrong): before, zlib's English
    ('Bad CRC-32 for file …') in a Vietnamese sentence, whatever the page's language."""
    import zipfile
    wb = openpyxl.Workbook()
    wb.active.title = "Hồ sơ"
    wb.active.append(["id", *DAT])
    for i in range(30):
        wb.active.append([f"CD-{i}", *DAT.values()])
    data = io.BytesIO()
    wb.save(data)
    raw = bytearray(data.getvalue())
    with zipfile.ZipFile(io.BytesIO(raw)) as z:
        info = z.getinfo("xl/worksheets/sheet1.xml")
    middle = info.header_offset + 30 + len(info.filename.encode()) + len(info.extra) + info.compress_size // 2
    raw[middle:middle + 40] = bytes(40)
    job = wait_job(client, upload(client, name="ho-so.xlsx", data=bytes(raw), lang=lang).json()["status_url"])
    assert job["status"] == "failed" and job["error"].startswith(said) and fix in job["error"]
    assert "CRC" not in job["error"] or lang == "en"


def test_a_file_over_the_limit_is_refused_with_a_page(client):
    big = b"id,group\n" + b"x" * (2 << 20)
    token = csrf_of(client)
    got = client.post("/hoi-dong", files={"records": ("lon.csv", io.BytesIO(big))},
                      data={"pack": "cong-dan-hoc-tap", "csrf": token})
    assert got.status_code == 413 and "Tệp quá lớn: giới hạn là 1 MB" in got.text
    assert '<a href="/hoi-dong" id="quay-lai">Quay lại</a>' in got.text   # the form, not the home page
    assert 'action="/muc-tieu?lang=en"' in client.get("/muc-tieu?lang=en").text   # so the refusal says it in English
    en = client.post("/muc-tieu?lang=en", files={"staff": ("lon.csv", io.BytesIO(big))},
                     data={"goals": "muc-tieu-langson-stnmt-2024", "csrf": token, "lang": "en"})
    assert en.status_code == 413 and "The file is too large: the limit is 1 MB" in en.text
    assert '<a href="/muc-tieu?lang=en" id="quay-lai">Back</a>' in en.text
    api = upload(client, name="lon.csv", data=big)
    assert api.status_code == 413 and "1 MB" in api.json()["message"]
    assert client.get("/hoi-dong").status_code == 200


def test_a_body_without_length_is_cut_at_the_limit(client):
    def chunks():
        yield b'--zz\r\nContent-Disposition: form-data; name="records"; filename="a.csv"\r\n\r\n'
        for _ in range(40):
            yield b"x" * (64 << 10)
    got = client.post("/api/council", content=chunks(), headers={"content-type": "multipart/form-data; boundary=zz"})
    assert got.status_code == 413


def test_a_csv_of_other_columns_fails_the_job_with_the_file_named(client):
    """The message points to the template link beside it, in words: before, it told a web user
    (who has no terminal) to run 'hoctap template -c cong-dan-hoc-tap'."""
    other = "Họ tên;Tuổi\nNguyễn Văn A;30\n".encode()
    job = wait_job(client, upload(client, name="hong.csv", data=other).json()["status_url"])
    assert job["status"] == "failed"
    assert job["error"].startswith("hong.csv: không cột nào của tệp được bộ tiêu chí") and "hoctap-web" not in job["error"]
    assert job["error"].endswith("hoặc tải tệp mẫu Excel bằng liên kết «Tải tệp mẫu Excel của bộ tiêu chí "
                                 "cong-dan-hoc-tap» ngay dưới đây") and "hoctap template" not in job["error"]
    assert job["template_url"] == "/mau/cong-dan-hoc-tap.xlsx"
    page = client.get(f"/hoi-dong/viec/{job['id']}").text   # the template the command line would make, a click away
    link = re.search(r'<a href="(/mau/cong-dan-hoc-tap.xlsx)" download id="tai-mau">Tải tệp mẫu Excel của bộ tiêu chí '
                     r'cong-dan-hoc-tap:', page).group(1)
    template = client.get(link)
    assert template.headers["content-disposition"] == 'attachment; filename="mau-nhap-cong-dan-hoc-tap.xlsx"'
    header = next(openpyxl.load_workbook(io.BytesIO(template.content)).worksheets[0].iter_rows(values_only=True))
    header = ",".join(h for h in header if h)
    again = wait_job(client, upload(client, name="mau.csv", data=(header + "\n").encode()).json()["status_url"])
    assert again["status"] == "failed" and again["error"].startswith("Tệp «mau.csv» không có hồ sơ nào")   # its columns are the pack's
    assert client.get("/mau/khong-co.xlsx").status_code == 404


@pytest.mark.parametrize("lang, said", [
    ("vi", "Tệp «{name}» không có hồ sơ nào (chỉ có dòng tiêu đề, hoặc bảng trống), nên không có danh sách nào để in "
           "và ký. Hãy kiểm tra đúng tệp và đúng trang tính (ô «Tên trang tính»)."),
    ("en", "'{name}' holds no record (only a header row, or an empty table), so there is no list to print and sign. "
           "Check the file and the sheet (the “Sheet name” box).")])
def test_a_file_of_no_record_offers_nothing_to_print(client, lang, said):
    """An empty JSON, a header row alone, the pack's template not filled in: the page said 'Đã đọc
    0 hồ sơ' and offered a recognition list (PDF) and a council workbook with no one on them, to
    sign. It says the file holds no record and offers the template, as 'hoctap report -o' refuses. The
    API's answer lacked the page's template link ('template_url', as a file of other columns has it)."""
    header = "id,Họ và tên,group,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2\n".encode()
    template = client.get("/mau/cong-dan-hoc-tap.xlsx").content
    for name, data in (("rong.json", b"[]"), ("chi-tieu-de.csv", header), ("mau.xlsx", template)):
        job = wait_job(client, upload(client, name=name, data=data, lang=lang).json()["status_url"])
        assert job["status"] == "failed" and job["error"] == said.format(name=name), job
        assert job["download_urls"] == {} and job["downloads"] == []
        assert job["template_url"] == "/mau/cong-dan-hoc-tap.xlsx"   # the page's link, in the API's answer too
    token = csrf_of(client)
    got = client.post("/hoi-dong", files={"records": ("rong.json", b"[]")},
                      data={"pack": "cong-dan-hoc-tap", "csrf": token, "lang": lang})
    while 'id="tien-do"' in (page := client.get(got.url)).text:
        time.sleep(0.05)
    assert html.unescape(re.search(r'id="loi">([^<]*)', page.text).group(1)) == said.format(name="rong.json")
    assert 'id="tai-mau"' in page.text and ".pdf" not in page.text and 'id="tai-danh-sach"' not in page.text


def test_broken_csv_rows_are_rejected_with_their_messages(client):
    # every column the pack needs is in the header (a missing one refuses the file: tests/test_headers.py)
    header = b"id,group,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2"
    broken = header + b"\r\nCD-1,1,9,9,9\n\xff\xfe,1\n"
    job = wait_job(client, upload(client, name="hong.csv", data=broken).json()["status_url"])
    assert job["status"] == "done" and job["counts"] == {"read": 2, "scored": 0, "rejected": 2, "skipped": 0}
    assert [r["where"] for r in job["rejected"]] == ["hong.csv:2", "hong.csv:3"]
    assert "dòng có 5 giá trị nhưng tiêu đề có 12 cột" in job["rejected"][0]["error"] and "UTF-8" in job["rejected"][1]["error"]


def test_a_page_upload_goes_to_a_progress_page(client):
    token = csrf_of(client)
    got = client.post("/hoi-dong", files={"records": (WORKBOOK.name, WORKBOOK.read_bytes())},
                      data={"pack": "cong-dan-hoc-tap", "csrf": token}, follow_redirects=False)
    assert got.status_code == 303
    url = got.headers["location"]
    deadline = time.monotonic() + 30
    while 'id="dem"' not in (page := client.get(url)).text:
        assert time.monotonic() < deadline and 'id="loi"' not in page.text
        time.sleep(0.05)
    assert "Đã đọc 10 hồ sơ: 8 được chấm, 2 bị loại" in page.text
    assert "Khác với tự đánh giá" in page.text
    # another browser (another session) cannot see it
    assert TestClient(client.app, base_url=LOCAL).get(url).status_code == 404


@pytest.mark.parametrize("ran, shown, said, again", [
    ("vi", "en", "This run was made in Vietnamese: its results, warnings and reasons below, and the files to download, "
                 "stay in that language. To have them in English, score it again:",
     "upload the file again in English (what you filled in is kept)"),
    ("en", "vi", "Lần chấm này chạy bằng tiếng Anh: các kết quả, cảnh báo, lý do dưới đây và các tệp tải về giữ nguyên "
                 "ngôn ngữ đó. Muốn có bằng tiếng Việt thì chấm lại:",
     "tải tệp lên lại bằng tiếng Việt (các ô đã điền được giữ lại)")])
def test_a_finished_job_seen_in_the_other_language_says_so_and_offers_to_run_it_again(client, ran, shown, said, again):
    """The language switch of a job page turned its furniture only: the rejected rows' reasons,
    the outcome labels and the warnings stayed in the run's language, unsaid, as do the documents
    it wrote (made once, some sentences in worker processes). The page says so, in the language
    chosen, marks the run's texts with their language, and links to the form filled again."""
    token = csrf_of(client)
    got = client.post("/hoi-dong", files={"records": (WORKBOOK.name, WORKBOOK.read_bytes())},
                      data={"pack": "cong-dan-hoc-tap-qd244", "csrf": token, "lang": ran}, follow_redirects=False)
    url = got.headers["location"].split("?")[0]
    job = url.rsplit("/", 1)[1]
    while 'id="dem"' not in (page := client.get(url + f"?lang={ran}")).text:
        time.sleep(0.05)
    assert 'id="ngon-ngu"' not in page.text   # seen in its own language: nothing to say
    other = client.get(url + f"?lang={shown}").text
    q = "&amp;lang=en" if shown == "en" else ""
    assert re.search(r'<p class="warn" id="ngon-ngu">([^<]*)<a href="([^"]*)" id="chay-lai">([^<]*)</a>', other).groups() \
        == (html.escape(said, quote=False) + " ", f"/hoi-dong?viec={job}{q}", html.escape(again, quote=False))
    assert other.count(f'<tbody lang="{ran}">') == 3   # outcomes, rejected rows, disagreements
    form = client.get(f"/hoi-dong?viec={job}" + ("&lang=en" if shown == "en" else "")).text
    assert f'<html lang="{shown}">' in form and '<option value="cong-dan-hoc-tap-qd244" selected' in form


def test_the_form_filled_again_from_a_job_is_only_for_the_session_that_sent_it(client):
    token = csrf_of(client)
    got = client.post("/hoi-dong", files={"records": (WORKBOOK.name, WORKBOOK.read_bytes())},
                      data={"pack": "cong-dan-hoc-tap-qd244", "csrf": token, "co_quan": "UBND xã Phú Mỹ",
                            "giu_cot": "Họ và tên"}, follow_redirects=False)
    job_id = got.headers["location"].rsplit("/", 1)[1]
    again = client.get(f"/hoi-dong?viec={job_id}").text
    assert '<option value="cong-dan-hoc-tap-qd244" selected' in again and 'value="UBND xã Phú Mỹ"' in again
    assert ">Họ và tên</textarea>" in again
    other = TestClient(client.app, base_url=LOCAL).get(f"/hoi-dong?viec={job_id}").text
    assert "Phú Mỹ" not in other and " selected" not in other


def test_the_council_page_writes_counts_and_shares_as_vietnamese_documents_do(client):
    header = "id,group,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2\n"
    rows = "".join(f"CD-{i},1,{4 if i < 3 else 9},9,8,8,9,6,9,8,8,8\n" for i in range(1234))
    token = csrf_of(client)
    got = client.post("/hoi-dong", files={"records": ("xa.csv", (header + rows).encode())},
                      data={"pack": "cong-dan-hoc-tap", "csrf": token})
    deadline = time.monotonic() + 60
    while 'id="dem"' not in (page := client.get(got.url)).text:
        assert time.monotonic() < deadline and 'id="loi"' not in page.text
        time.sleep(0.05)
    assert "Đã đọc 1.234 hồ sơ: 1.234 được chấm, 0 bị loại" in page.text
    assert "<td>1.231</td><td>99,8%</td>" in page.text   # 1,231 of 1,234 recognised: 99.76%
    english = client.get(got.url.path + "?lang=en").text
    assert "1,234 records read" in english and "<td>1,231</td><td>99.8%</td>" in english
    for shown in (page.text, english):   # outcomes by their names; the codes only for programs
        assert "(dat)" not in _visible(shown) and "(chua_dat)" not in _visible(shown) and 'data-code="dat"' in shown


@pytest.mark.parametrize("lang, head", [("vi", ["Vị trí", "Mã", "Lý do"]), ("en", ["Where", "ID", "Reason"])])
def test_the_rejected_table_heads_its_id_column_in_the_pages_language(client, lang, head):
    """Before, the column of record ids was headed 'id' (the machine's name) on the Vietnamese page too."""
    job = wait_job(client, upload(client, WORKBOOK, lang=lang).json()["status_url"])
    page = client.get(f"/hoi-dong/viec/{job['id']}" + ("?lang=en" if lang == "en" else "")).text
    table = page.split('id="bi-loai"')[1].split("</thead>")[0]
    assert re.findall(r'<th scope="col">([^<]*)</th>', table) == head
    assert f'data-label="{head[1]}">CD-009<' in page


def test_council_with_members(client):
    units = EXAMPLES / "members" / "don-vi-hoc-tap-tt24-tinh.csv"
    members = EXAMPLES / "members" / "members.csv"
    got = client.post("/api/council", data={"pack": "don-vi-hoc-tap-tt24-tinh"},
                      files={"records": (units.name, units.read_bytes()), "members": (members.name, members.read_bytes())})
    job = wait_job(client, got.json()["status_url"])
    assert job["status"] == "done", job["error"]
    assert job["members"] and job["members"][0]["pack"] == "cong-dan-hoc-tap" and job["members"][0]["read"] > 0


@pytest.mark.parametrize("lang, said", [
    ("vi", "Bộ tiêu chí «Công dân học tập (Quyết định 324/QĐ-KHVN)» không tính chỉ số nào từ tệp thành viên: "
           "hãy bỏ tệp thành viên, hoặc chọn một bộ tiêu chí có chỉ số tính từ thành viên (Cộng đồng học tập cấp huyện"),
    ("en", "The criteria pack 'Learning citizen (Decision 324/QĐ-KHVN)' computes nothing from a members file: "
           "leave the members file out, or choose a pack that computes indicators from members (")])
def test_a_members_file_with_a_pack_that_takes_none_is_refused_in_the_forms_words(client, lang, said):
    """The job failed after the upload saying '--members goes with a pack whose input declares
    'from_members'': a command-line option and a pack file's key, on a page that has neither."""
    members = EXAMPLES / "members" / "members.csv"
    files = {"records": (WORKBOOK.name, WORKBOOK.read_bytes()), "members": (members.name, members.read_bytes())}
    page = client.post("/hoi-dong", files=files, data={"pack": "cong-dan-hoc-tap", "csrf": csrf_of(client), "lang": lang,
                                                       "co_quan": "UBND xã Phú Mỹ"})
    shown = html.unescape(re.search(r'id="loi">([^<]*)', page.text).group(1))
    assert page.status_code == 400 and shown.startswith(said) and "24/2023/TT-BGDĐT" in shown
    assert "--members" not in shown and "from_members" not in shown and 'value="UBND xã Phú Mỹ"' in page.text
    api = client.post("/api/council", files=files, data={"pack": "cong-dan-hoc-tap", "lang": lang})
    assert api.status_code == 400 and api.json()["message"].startswith(said)
    assert not client.app.state.web.jobs._jobs   # refused before any upload was read


@pytest.mark.parametrize("server, page, said, other", [
    ("vi", "en", "member rows name unit 'DV-102', which is not in the units file", "không có trong tệp đơn vị"),
    ("en", "vi", "dòng thành viên ghi đơn vị 'DV-102', không có trong tệp đơn vị", "not in the units file")])
def test_members_of_units_not_in_the_units_file_are_said_in_the_pages_language(client, server, page, said, other):
    """Before, this warning (and the members' notes) came in the server's language (HOCTAP_LANG),
    whatever the page's: an English page said it in Vietnamese."""
    from scoring.messages import set_lang
    set_lang(server)   # the language the server process runs in (conftest sets it back)
    units = (EXAMPLES / "members" / "don-vi-hoc-tap-tt24-tinh.csv").read_text(encoding="utf-8").splitlines()
    units = "\n".join(line for line in units if not line.startswith(("DV-102", "DV-103"))) + "\n"
    members = EXAMPLES / "members" / "members.csv"
    token = csrf_of(client)
    got = client.post("/hoi-dong", data={"pack": "don-vi-hoc-tap-tt24-tinh", "csrf": token, "lang": page},
                      files={"records": ("don-vi.csv", units.encode()), "members": (members.name, members.read_bytes())})
    assert got.status_code == 200   # followed to the job's page
    shown = client.get(got.url)
    deadline = time.monotonic() + 30
    while 'id="dem"' not in shown.text and time.monotonic() < deadline:
        time.sleep(0.1)
        shown = client.get(got.url)
    warnings = html.unescape(shown.text.split('id="canh-bao"')[1].split("</ul>")[0])
    assert f"members.csv: 10 {said}" in warnings and other not in warnings



@pytest.mark.parametrize("lang, said", [("en", "Members, scored as Learning citizen (Decision 324/QĐ-KHVN): "),
                                        ("vi", "Thành viên, chấm theo Công dân học tập (Quyết định 324/QĐ-KHVN): ")])
def test_the_members_count_line_names_the_members_pack_in_words(client, lang, said):
    """It read 'Members (cong-dan-hoc-tap): …': a code the council does not know."""
    units = EXAMPLES / "members" / "don-vi-hoc-tap-tt24-tinh.csv"
    members = EXAMPLES / "members" / "members.csv"
    got = client.post("/hoi-dong", data={"pack": "don-vi-hoc-tap-tt24-tinh", "csrf": csrf_of(client), "lang": lang},
                      files={"records": (units.name, units.read_bytes()), "members": (members.name, members.read_bytes())})
    shown = client.get(got.url)
    deadline = time.monotonic() + 30
    while 'id="dem"' not in shown.text and time.monotonic() < deadline:
        time.sleep(0.1)
        shown = client.get(got.url)
    page = re.sub(r"</?span[^>]*>", "", html.unescape(shown.text))   # the title's language mark: the next test
    assert said in page and "(cong-dan-hoc-tap)" not in page


@pytest.mark.parametrize("ran, shown, line", [
    ("vi", "en", 'Members, scored as <span lang="vi">Công dân học tập (Quyết định 324/QĐ-KHVN)</span>: '
                 '39 read, 38 scored, 1 rejected'),
    ("en", "vi", 'Thành viên, chấm theo <span lang="en">Learning citizen (Decision 324/QĐ-KHVN)</span>: '
                 'đã đọc 39 hồ sơ, 38 được chấm, 1 bị loại'),
    ("vi", "vi", 'Thành viên, chấm theo <span lang="vi">Công dân học tập (Quyết định 324/QĐ-KHVN)</span>: '
                 'đã đọc 39 hồ sơ, 38 được chấm, 1 bị loại')])
def test_the_members_count_line_marks_the_packs_title_with_the_runs_language(client, ran, shown, line):
    """Seen in the other language, a job page says its run's texts stay in the run's language and marks
    each with it (the pack's title, the warnings, the tables); the members' count line, in the page's
    words, named the members' pack in the run's language unmarked: a screen reader read 'Công dân học
    tập' with an English voice. Now the title carries the run's language, in the line and the caption
    of the members' rejected rows."""
    units = EXAMPLES / "members" / "don-vi-hoc-tap-tt24-tinh.csv"
    members = (EXAMPLES / "members" / "members.csv").read_text(encoding="utf-8") + "DV-103-09,DV-103,3,9,8\n"
    got = client.post("/hoi-dong", data={"pack": "don-vi-hoc-tap-tt24-tinh", "csrf": csrf_of(client), "lang": ran},
                      files={"records": (units.name, units.read_bytes()), "members": ("members.csv", members.encode())},
                      follow_redirects=False)
    url = got.headers["location"].split("?")[0] + f"?lang={shown}"
    deadline = time.monotonic() + 30
    while 'id="dem"' not in (page := client.get(url).text):
        assert time.monotonic() < deadline and 'id="loi"' not in page
        time.sleep(0.1)
    assert re.findall(r"<p>(.*?)</p>", page).count(line) == 1
    assert re.findall(r"<caption>(.*?)</caption>", page) == [line]
    assert ('id="ngon-ngu"' in page) == (ran != shown)


def test_council_model_needs_a_date(client):
    got = upload(client, WORKBOOK, pack="don-vi-hoc-tap-tinh")
    assert got.status_code == 400 and "ngày đánh giá" in got.json()["message"]
    assert upload(client, WORKBOOK, pack="/etc/passwd").status_code == 400



@pytest.mark.parametrize("lang, said", [
    ("vi", "Ngày đánh giá «31/02/2024» không đọc được: '31/02/2024' không phải một ngày: ghi YYYY-MM-DD, "
           "DD/MM/YYYY hoặc một năm YYYY"),
    ("en", "The assessment date '31/02/2024' cannot be read: '31/02/2024' is not a date: write YYYY-MM-DD, "
           "DD/MM/YYYY or a year YYYY")])
def test_an_assessment_date_not_read_is_said_wholly_in_the_pages_language(client, lang, said):
    """The English form said why a date was not read in Vietnamese ('… không phải một ngày: ghi …')."""
    got = upload(client, WORKBOOK, as_of="31/02/2024", lang=lang)
    assert got.status_code == 400 and got.json()["message"] == said
    token = csrf_of(client, f"/hoi-dong?lang={lang}")
    page = client.post(f"/hoi-dong?lang={lang}", files={"records": (WORKBOOK.name, WORKBOOK.read_bytes())},
                       data={"pack": "cong-dan-hoc-tap", "as_of": "31/02/2024", "csrf": token, "lang": lang})
    assert said in html.unescape(page.text) and 'aria-invalid="true" autofocus' in page.text

def test_council_run_saved_in_the_store(tmp_path):
    from scoring.audit.store import RunStore
    store = tmp_path / "kho.sqlite3"
    with TestClient(create_app(Settings(store=str(store))), base_url=LOCAL) as client:
        job = wait_job(client, upload(client, WORKBOOK).json()["status_url"])
    [run] = RunStore.open(store).runs()
    assert run.run_id == job["run_id"] and run.command["records"] == ["tu-danh-gia-2024.xlsx"]
    assert job["seal"] and run.seal == job["seal"]


# --- goals ---------------------------------------------------------------------------------------

def test_api_goals_report_with_chart(client):
    got = client.post("/api/goals", files={"staff": (STAFF.name, STAFF.read_bytes())},
                      data={"goals": "muc-tieu-langson-stnmt-2024", "year": "2030"})
    assert got.status_code == 200
    report = got.json()
    cdht = next(t for t in report["targets"] if t["id"] == "cdht")
    assert (cdht["numerator"], cdht["denominator"], cdht["gap"]) == (13, 20, 3)
    assert report["chart_svg"].startswith("<svg") and report["chart_svg"].count("<rect") >= len(report["targets"])


def test_page_goals_shows_the_gap_in_people(client):
    token = csrf_of(client, "/muc-tieu")
    page = client.post("/muc-tieu", files={"staff": (STAFF.name, STAFF.read_bytes())},
                       data={"goals": "muc-tieu-langson-stnmt-2024", "year": "2030", "csrf": token})
    assert page.status_code == 200
    assert "cần thêm 3 người đạt danh hiệu" in page.text and "13/20 = 65%" in page.text
    assert page.text.count('<svg class="bar"') == 3
    wrong_year = client.post("/muc-tieu", files={"staff": (STAFF.name, STAFF.read_bytes())},
                             data={"goals": "muc-tieu-langson-stnmt-2024", "year": "2031", "csrf": token})
    assert wrong_year.status_code == 400 and "2025, 2030" in wrong_year.text


def _staff_book(tmp_path: Path, *sheets: str) -> Path:
    """A workbook named as people name them, with STAFF's list on each sheet named, after a sheet
    of notes when the first name is 'Ghi chú'."""
    import csv
    with open(STAFF, encoding="utf-8") as f:
        rows = list(csv.reader(f))
    book = openpyxl.Workbook()
    book.remove(book.active)
    for name in sheets:
        sheet = book.create_sheet(name)
        for row in ([["Danh sách cán bộ ở trang sau"]] if name == "Ghi chú" else rows):
            sheet.append(row)
    path = tmp_path / "Danh sách cán bộ.xlsx"
    book.save(path)
    return path


@pytest.mark.parametrize("lang, unread, box", [
    ("vi", "trang tính 'Năm trước' cũng có bảng dữ liệu nhưng KHÔNG được đọc", "ghi * vào ô «Tên trang tính»"),
    ("en", "sheet 'Năm trước' also holds a table but was NOT read", "type * in the “Sheet name” box")])
def test_page_goals_says_what_the_readers_noticed(client, tmp_path, lang, unread, box):
    """'hoctap goals' warns of a second sheet not read and of columns no target found; the page
    said none of it, and the API named the server's temporary folder and '--sheet'."""
    book = _staff_book(tmp_path, "Danh sách", "Năm trước")
    form = {"goals": "muc-tieu-langson-stnmt-2024", "year": "2030", "lang": lang}
    page = client.post("/muc-tieu", files={"staff": (book.name, book.read_bytes())},
                       data={**form, "csrf": csrf_of(client, "/muc-tieu")})
    assert page.status_code == 200 and "13/20 = 65%" in page.text
    warned = re.search(r'(?s)<div class="warn" id="canh-bao">(.*?)</div>', page.text)
    assert warned, "the report does not say what the readers noticed"
    said = html.unescape(warned.group(1))
    assert f"<li>Danh sách cán bộ.xlsx: {unread}" in said and box in said
    assert "--sheet" not in said and "hoctap-web-" not in said
    api = client.post("/api/goals", files={"staff": (book.name, book.read_bytes())}, data=form).json()
    assert any(unread in w for w in api["warnings"])
    assert not any("hoctap-web-" in w or "--sheet" in w for w in api["warnings"])



def _cells(book) -> list[str]:
    return [str(v) for ws in book for row in ws.iter_rows(values_only=True) for v in row if v is not None]


def test_a_goal_report_gives_the_workbook_to_sign_with_its_letterhead(client, tmp_path):
    """An office head had only the page to print: no letterhead, no date line, no signatures, where
    'hoctap goals -o X.xlsx' writes them. The page now gives that workbook, with the form's fields;
    its warnings and rejected rows name the file by its own name, never the server's folder."""
    book = _staff_book(tmp_path, "Danh sách", "Năm trước")
    fields = {"co_quan": "UBND tỉnh Lạng Sơn", "don_vi": "Sở Tài nguyên và Môi trường", "dia_danh": "Lạng Sơn",
              "ngay": "01/12/2026", "ky": "Người lập biểu\nGiám đốc"}
    page = client.post("/muc-tieu", files={"staff": (book.name, book.read_bytes())},
                       data={"goals": "muc-tieu-langson-stnmt-2024", "year": "2030", **fields,
                             "csrf": csrf_of(client, "/muc-tieu")})
    link = re.search(r'<a href="(/muc-tieu/tai-ve/[^"]+/muc-tieu\.xlsx)" download id="tai-xlsx">', page.text).group(1)
    assert 'id="de-ky">Văn bản để ký là sổ Excel tải về' in page.text
    got = client.get(link)
    assert got.status_code == 200 and got.headers["cache-control"] == "no-store"
    workbook = openpyxl.load_workbook(io.BytesIO(got.content))
    rows = [[v for v in row if v is not None] for row in workbook["Mục tiêu"].iter_rows(values_only=True)]
    assert rows[0] == ["UBND TỈNH LẠNG SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"]
    assert rows[1] == ["SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Độc lập - Tự do - Hạnh phúc"]
    assert ["Lạng Sơn, ngày 01 tháng 12 năm 2026"] in rows and ["NGƯỜI LẬP BIỂU", "GIÁM ĐỐC"] in rows
    cells = _cells(workbook)
    assert any("Danh sách cán bộ.xlsx: trang tính 'Năm trước'" in c for c in cells)
    assert not any("hoctap-web-" in c or "/tmp" in c for c in cells)
    other = TestClient(client.app, base_url=LOCAL)   # another browser's session cannot have it
    assert other.get(link).status_code == 404 and "Không tìm thấy báo cáo này" in other.get(link).text


def test_a_goal_reports_letterhead_date_not_read_is_said_on_its_box_with_what_was_typed(client):
    token = csrf_of(client, "/muc-tieu")
    page = client.post("/muc-tieu", files={"staff": (STAFF.name, STAFF.read_bytes())},
                       data={"goals": "muc-tieu-langson-stnmt-2024", "year": "2030", "ngay": "31/02/2026",
                             "don_vi": "Sở Tài nguyên và Môi trường", "csrf": token})
    assert page.status_code == 400
    said = html.unescape(page.text)
    assert "Ô «Ngày lập»: '31/02/2026' không phải một ngày" in said
    assert re.search(r'<input id="ngay" name="ngay" type="text"[^>]*value="31/02/2026" aria-describedby="loi ngay-hint" '
                     r'aria-invalid="true" autofocus>', said)
    assert 'value="Sở Tài nguyên và Môi trường"' in said

def test_page_goals_reads_the_sheet_named_in_its_box(client, tmp_path):
    """A list behind a sheet of notes: the error names the page's sheet box (not '--sheet'), keeps
    what was chosen, and the sheet typed in the box is read."""
    book = _staff_book(tmp_path, "Ghi chú", "Danh sách")
    form = {"goals": "muc-tieu-langson-stnmt-2024", "year": "2030", "csrf": csrf_of(client, "/muc-tieu")}
    refused = client.post("/muc-tieu", files={"staff": (book.name, book.read_bytes())}, data=form)
    said = html.unescape(re.search(r'id="loi">([^<]*)', refused.text).group(1))
    assert refused.status_code == 400 and said.endswith("ghi * vào ô «Tên trang tính» để đọc mọi trang, hoặc ghi tên trang cần đọc")
    assert "trang tính 'Danh sách' có bảng" in said and "--sheet" not in said
    assert 'value="2030"' in refused.text and '<option value="muc-tieu-langson-stnmt-2024" selected' in refused.text
    read = client.post("/muc-tieu", files={"staff": (book.name, book.read_bytes())}, data={**form, "sheet": "Danh sách"})
    assert read.status_code == 200 and "13/20 = 65%" in read.text and 'id="canh-bao"' not in read.text
    csv = client.post("/api/goals", files={"staff": (STAFF.name, STAFF.read_bytes())},
                      data={"goals": "muc-tieu-langson-stnmt-2024", "year": "2030", "sheet": "Danh sách"}).json()
    assert csv["warnings"] == [f"Ô «Tên trang tính» chỉ dùng cho sổ Excel (.xlsx): «{STAFF.name}» không phải sổ Excel, "
                               "nên trang «Danh sách» không được dùng."]


@pytest.mark.parametrize("lang, said", [
    ("vi", "không tệp nào có cột 'ky_nang_so' (Có kỹ năng số đáp ứng yêu cầu công việc) mà mục tiêu «Người đạt danh "
           "hiệu \"Công dân học tập\" có kỹ năng số đáp ứng yêu cầu công việc», «Trong đó, thành thạo kỹ năng số để tự "
           "cập nhật thông tin về tiêu chí \"Công dân học tập\" trên môi trường số» cần; tiêu đề được nhận: "),
    ("en", "no file has a column 'ky_nang_so' (Has the digital skills the job needs), which targets “Holders with the "
           "digital skills their job needs”, “Of those, proficient enough to update their own Công dân học tập record "
           "online” need; accepted headers: ")])
def test_page_goals_names_the_targets_of_a_missing_column_as_the_page_does(client, lang, said):
    """The page names its targets by their labels (no id is shown anywhere on it); its warning of a
    column no target found listed ids ('thanh-thao-ky-nang-so'), which the command line's table shows."""
    staff = "id,cong_dan_hoc_tap\nA,dat\nB,chua_dat\nC,dat\n".encode()
    form = {"goals": "muc-tieu-langson-stnmt-2024", "year": "2025", "lang": lang}
    page = client.post("/muc-tieu", files={"staff": ("ds.csv", staff)}, data={**form, "csrf": csrf_of(client, "/muc-tieu")})
    warned = html.unescape(re.search(r'(?s)<div class="warn" id="canh-bao">(.*?)</div>', page.text).group(1))
    assert f"<li>{said}" in warned and "ky-nang-so" not in warned
    label = said.split("«" if lang == "vi" else "“")[1].split("»" if lang == "vi" else "”")[0]
    assert f"<h2>{label}</h2>" in html.unescape(page.text)   # the name of its card below
    assert "ky-nang-so" not in _visible(page.text)
    api = client.post("/api/goals", files={"staff": ("ds.csv", staff)}, data=form).json()
    assert any(w.startswith(said) for w in api["warnings"])


def test_page_goals_says_who_is_unknown_and_counts_the_rows_skipped(client):
    """The web page says what the CLI's notes say (who is left out of a denominator, who is counted as
    not qualifying for a blank) and counts the rows skipped, so that read = counted + rejected + skipped."""
    staff = ("id,loai,lao_dong_tien_tien\nA,cong_chuc,có\nB,vien_chuc,\nC,nguoi_lao_dong,có\n"
             ",Tổng cộng: 3 người,\n").encode()
    token = csrf_of(client, "/muc-tieu")
    page = client.post("/muc-tieu", files={"staff": ("nhan-su.csv", staff)},
                       data={"goals": "muc-tieu-laichau-vp-2026-2030", "year": "2026", "csrf": token})
    text = html.unescape(page.text)
    assert page.status_code == 200
    assert ("Đã đọc 4 hồ sơ: 3 được tính, 0 bị loại, 1 bỏ qua (không phải hồ sơ: dòng tổng, chữ ký, số thứ tự trống, "
            "tiêu đề nhóm)") in text
    assert "<li>1 hồ sơ trong mẫu số không có giá trị 'lao_dong_tien_tien', tính là không đạt: B</li>" in text
    residents = ("id,loai,tuoi,trong_do_tuoi_lao_dong,nang_luc_thong_tin\n"
                 + "".join(f"R{i},nguoi_dan,30,có,có\n" for i in range(4)) + "R9,nguoi_dan,30,có,không\n"
                 + "X1,nguoi_dan,,,không\nX2,nguoi_dan,,,không\n").encode()
    page = client.post("/muc-tieu", files={"staff": ("dan-cu.csv", residents)},
                       data={"goals": "muc-tieu-son-hong-2026-2030", "year": "2030", "csrf": token})
    text = html.unescape(page.text)
    assert ('<li class="warn">2 hồ sơ không xếp được vào mẫu số (người trong độ tuổi lao động) vì để trống '
            'giá trị cần xét: X1, X2</li>') in text
    assert "4/7 = 57,14% … 4/5 = 80%" in text
    # required as the command's table says it: the count the worst case needs first (it said '≥ 70% (4/5)')
    assert "<dd>≥ 70% (5/7 … 4/5)</dd>" in text
    assert "tuỳ 2 hồ sơ chưa xếp được vào mẫu số (để trống giá trị cần xét): điền rồi tính lại" in text


def test_the_chart_of_all_targets_draws_an_open_share_from_its_worst_to_its_best_case(client):
    """A share left open by blank values is said '4/7 = 57,14% … 4/5 = 80%' beside its own bar; the chart of
    all targets drew and wrote one figure between them (actual_pct), which the tool did not establish."""
    residents = ("id,loai,tuoi,trong_do_tuoi_lao_dong,nang_luc_thong_tin\n"
                 + "".join(f"R{i},nguoi_dan,30,có,có\n" for i in range(4)) + "R9,nguoi_dan,30,có,không\n"
                 + "X1,nguoi_dan,,,không\nX2,nguoi_dan,,,không\n").encode()
    report = client.post("/api/goals", files={"staff": ("dan-cu.csv", residents)},
                         data={"goals": "muc-tieu-son-hong-2026-2030", "year": "2030"}).json()
    [target] = [t for t in report["targets"] if t["low"] == [4, 7]]
    assert target["high"] == [4, 5] and target["status"] == "undetermined"
    assert (target["required_count"], target["denominator"]) == (4, 5)   # the JSON's figures as they were
    chart = report["chart_svg"]
    assert ">57,14–80%</text>" in chart
    assert ">80%</text>" not in chart   # actual_pct (4/5 here): the best case written as if it were the share
    scale = (600 - 60) / 100
    assert f'width="{57.14 * scale:.1f}" height="14"' in chart   # the worst case filled
    assert f'x="{57.14 * scale:.1f}"' in chart and f'width="{(80 - 57.14) * scale:.1f}" height="8" fill="#9ca3af"' in chart


# --- the log and the command ---------------------------------------------------------------------

def test_the_log_has_no_query_string_and_no_file_name(client, caplog):
    with caplog.at_level(logging.INFO, logger="hoctap.web"):
        client.get("/tu-kiem-tra/cong-dan-hoc-tap", params={"group": "3", "ho_ten": "Nguyễn Văn A"})
        upload(client, name="danh-sach-Nguyen-Van-A.csv", data=b"%PDF-")
    text = caplog.text
    assert "GET /tu-kiem-tra/cong-dan-hoc-tap 200" in text and "POST /api/council 400" in text
    assert "ho_ten" not in text and "Nguy" not in text and "group=" not in text


class _Bound:
    """What 'hoctap serve' listens on, as a test hands it back without taking a real port."""

    def __init__(self, host, port):
        self.address = (host, port)

    def getsockname(self):
        return self.address


def test_serve_keeps_to_loopback_unless_told(runner, cli, monkeypatch):
    started = []
    monkeypatch.setattr("scoring.web.app.listening_socket", _Bound)
    monkeypatch.setattr("scoring.web.app.serve", lambda sock, settings: started.append((*sock.getsockname(), settings)))
    refused = runner.invoke(cli, ["serve", "--host", "0.0.0.0"])
    assert refused.exit_code == 2 and "--allow-remote" in refused.output and not started
    allowed = runner.invoke(cli, ["serve", "--host", "0.0.0.0", "--port", "8123", "--cho-phep-mang"])
    assert allowed.exit_code == 0 and "CẢNH BÁO" in allowed.output
    local = runner.invoke(cli, ["serve", "--store", "kho.sqlite3", "--max-upload-mb", "5"])
    assert local.exit_code == 0 and "http://127.0.0.1:8000/" in local.output
    assert [(h, p) for h, p, _ in started] == [("0.0.0.0", 8123), ("127.0.0.1", 8000)]
    assert started[1][2].store == "kho.sqlite3" and started[1][2].max_upload == 5 << 20


@pytest.mark.parametrize("lang,words", [("vi", "đang được một chương trình khác dùng"), ("en", "is already in use")])
def test_serve_on_a_busy_port_says_so_and_starts_nothing(runner, cli, monkeypatch, lang, words):
    # uvicorn was told to bind only after "running at …" was printed, and said its own English error (exit 3)
    import socket
    started = []
    monkeypatch.setattr("scoring.web.app.serve", lambda *args: started.append(args))
    with socket.socket() as holder:
        holder.bind(("127.0.0.1", 0))
        holder.listen()
        port = holder.getsockname()[1]
        busy = runner.invoke(cli, ["--lang", lang, "serve", "--port", str(port)])
    assert busy.exit_code == 2 and not started, busy.output
    assert words in busy.stderr and f"--port {port + 1}" in busy.stderr
    assert "http://" not in busy.output and "Traceback" not in busy.output


def test_serve_listens_before_it_says_where(runner, cli, monkeypatch):
    # the port is the socket's own: --port 0 (any free port) shows the port really taken
    import socket
    started = []
    monkeypatch.setattr("scoring.web.app.serve", lambda sock, settings: started.append(sock))
    result = runner.invoke(cli, ["serve", "--port", "0"])
    sock = started[0]
    try:
        port = sock.getsockname()[1]
        assert result.exit_code == 0 and port and f"http://127.0.0.1:{port}/" in result.stderr
        with socket.create_connection(("127.0.0.1", port), timeout=5):
            pass   # already listening: a browser's request waits in the queue for the server
    finally:
        sock.close()


def test_templates_and_static_files_are_installed():
    """``pip install .`` ships package data by the globs in pyproject.toml: every page file must match one."""
    import fnmatch
    import tomllib
    globs = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["tool"]["setuptools"]["package-data"]["scoring.web"]
    web = ROOT / "scoring" / "web"
    files = [p.relative_to(web).as_posix() for d in ("templates", "static") for p in (web / d).iterdir()]
    assert files and all(any(fnmatch.fnmatch(f, g) for g in globs) for f in files)


def _stopped(server, ctrl_c: int) -> str:
    """Ctrl-C pressed ``ctrl_c`` times at a running ``hoctap serve``; what it wrote to stderr once it ended."""
    import signal
    import subprocess
    for n in range(ctrl_c):
        time.sleep(0.05 if n else 0)
        server.send_signal(signal.SIGINT)
    try:
        return server.communicate(timeout=60)[1]
    except subprocess.TimeoutExpired:
        server.kill()
        raise


def test_hoctap_serve_runs_on_loopback_and_logs_no_personal_data():
    """The command itself, as a person starts it: it serves, and its log has method, path, status only."""
    import subprocess
    import sys
    import urllib.request
    from browser import free_port
    port = free_port()
    server = subprocess.Popen([sys.executable, "-c", "import cli; cli.main()", "serve", "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)
    try:
        deadline = time.monotonic() + 90    # generous: a loaded machine starts Python slowly
        while True:
            try:
                with urllib.request.urlopen(f"http://127.0.0.1:{port}/tu-kiem-tra?ho_ten=Nguyen+Van+A", timeout=20) as r:
                    assert r.status == 200 and "Tự kiểm tra" in r.read().decode()
                break
            except OSError:
                assert time.monotonic() < deadline and server.poll() is None, "hoctap serve did not start"
                time.sleep(0.2)
        # a council job with names printed in its PDF: the font subsetter (fontTools) logs at INFO
        # the glyphs it keeps, which spell the names; the server's log has its own lines only
        import httpx
        base = f"http://127.0.0.1:{port}"
        job = httpx.post(f"{base}/api/council", files={"records": (WORKBOOK.name, WORKBOOK.read_bytes())},
                         data={"pack": "cong-dan-hoc-tap", "giu_cot": "Họ và tên"}, timeout=60).json()
        deadline = time.monotonic() + 90
        while (status := httpx.get(base + job["status_url"], timeout=20).json()["status"]) not in ("done", "failed"):
            assert time.monotonic() < deadline
            time.sleep(0.2)
        assert status == "done"
    finally:
        err = _stopped(server, ctrl_c=1)
    assert f"http://127.0.0.1:{port}/" in err
    assert "GET /tu-kiem-tra 200" in err and "ho_ten" not in err and "Nguyen" not in err
    logged = err[err.index("GET /tu-kiem-tra 200") - 9:].splitlines()   # from the first request's time on
    assert logged and all(re.fullmatch(r"\d\d:\d\d:\d\d (GET|POST) /\S* \d{3}", line) for line in logged), logged


def test_stopping_the_server_stops_a_running_job_and_deletes_its_files():
    rows = "".join(f"CD-{i},1,9,9,8,8,9,6,9,8,8,8\n" for i in range(25000))
    big = ("id,group,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2\n" + rows).encode()
    with TestClient(create_app(Settings(max_upload=4 << 20)), base_url=LOCAL) as client:
        job_id = upload(client, name="lon.csv", data=big).json()["id"]
        job = client.app.state.web.jobs.get(job_id, None)
        deadline = time.monotonic() + 30
        while job.processed == 0:
            assert time.monotonic() < deadline
            time.sleep(0.02)
        folder = job.workdir.path
        stopped_at = time.monotonic()
    assert time.monotonic() - stopped_at < 10          # Ctrl-C does not wait for the whole file
    assert job.status == "failed" and "dừng giữa chừng" in job.error and job.processed < 25000
    assert not folder.exists()


def test_goal_page_with_a_rejected_row_shows_both_bounds(client):
    staff = STAFF.read_bytes() + "STNMT-099,Văn phòng Sở,không-rõ,,,,,,,,,,,,có,có\n".encode()
    token = csrf_of(client, "/muc-tieu")
    page = client.post("/muc-tieu", files={"staff": ("nhan-su.csv", staff)},
                       data={"goals": "muc-tieu-langson-stnmt-2024", "year": "2030", "csrf": token})
    assert page.status_code == 200
    assert "13/21 = " in page.text and "… 14/21 = " in page.text     # if the rejected row counted
    assert "nhan-su.csv:22" in page.text and "không-rõ" in page.text


def test_api_goals_names_an_unknown_goal_pack_as_a_goal_pack(client):
    # the handler once compared the error's kind with words it never holds: a goal pack was called a criteria pack
    got = client.post("/api/goals", files={"staff": (STAFF.name, STAFF.read_bytes())}, data={"goals": "khong-co"})
    assert got.status_code == 404 and "Không có gói mục tiêu «khong-co»" in got.json()["message"]


def test_an_error_of_hoctap_is_worded_in_the_pages_language(client, monkeypatch):
    """An error raised by hoctap that no page catches itself reaches the general handler: worded
    in the language the page asks for (?lang=en), not the server's, on a page and in the API."""
    from scoring.errors import UsageError
    from scoring.messages import Msg
    import scoring.web.app as web_app

    def refused(*args, **kwargs):
        raise UsageError(Msg("cli.port_busy", host="127.0.0.1", port=1, other=2))
    monkeypatch.setattr(web_app, "build_form", refused)
    for lang, words in (("en", "is already in use by another program"), ("vi", "đang được một chương trình khác dùng")):
        api = client.get(f"/api/self-check/cong-dan-hoc-tap/questions?lang={lang}")
        assert api.status_code == 400 and words in api.json()["message"]
        page = client.get(f"/tu-kiem-tra/cong-dan-hoc-tap?lang={lang}")
        assert page.status_code == 400 and words in html.unescape(page.text)


def test_page_self_check_shows_a_value_with_its_unit(client):
    """'85, cần ít nhất 90%' read as 85 people: the value carries its input's unit, in the list of what
    is missing and in the table of indicators; points read as points."""
    token = csrf_of(client, "/tu-kiem-tra/don-vi-hoc-tap-tt24-huyen?loai_don_vi=doanh_nghiep")
    got = client.post("/tu-kiem-tra/don-vi-hoc-tap-tt24-huyen", data={**UNIT, "ty_le_thanh_vien_cdht": "85,5", "csrf": token})
    assert got.status_code == 200, got.text
    missing = html.unescape(_visible(got.text.split('id="con-thieu"')[1].split("</ul>")[0]))
    assert "3.1 Tỷ lệ thành viên đạt danh hiệu Công dân học tập: 85,5%, cần ít nhất 90%" in missing, missing
    table = html.unescape(got.text.split('class="indicators stack"')[1])
    assert ">85,5%</td>" in table
    token = csrf_of(client, "/tu-kiem-tra/cong-dan-hoc-tap?group=2")
    short = client.post("/tu-kiem-tra/cong-dan-hoc-tap", data={**SHORT, "group": "2", "csrf": token})
    missing = html.unescape(_visible(short.text.split('id="con-thieu"')[1].split("</ul>")[0]))
    assert ": 4 điểm, cần ít nhất 5" in missing, missing


def test_ctrl_c_twice_stops_the_server_without_a_traceback_and_deletes_the_jobs_files(tmp_path):
    """A person presses Ctrl-C twice (uvicorn then exits at once): no traceback, and the uploaded
    file of a job still running is deleted all the same (it is personal data)."""
    import subprocess
    import sys
    import httpx
    from browser import free_port
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path)}
    server = subprocess.Popen([sys.executable, "-c", "import cli; cli.main()", "serve", "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    rows = "".join(f"CD-{i},1,9,9,8,8,9,6,9,8,8,8\n" for i in range(25000))
    big = ("id,group,1.1,1.2,1.3,1.4,2.1,2.2,2.3,2.4,3.1,3.2\n" + rows).encode()
    try:
        deadline = time.monotonic() + 90
        while True:
            try:
                got = httpx.post(f"http://127.0.0.1:{port}/api/council", files={"records": ("lon.csv", big)},
                                 data={"pack": "cong-dan-hoc-tap"}, timeout=30)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, "hoctap serve did not start"
                time.sleep(0.2)
        assert got.status_code == 202, got.text
        assert list(tmp_path.glob("hoctap-web-*")), "the job keeps its upload in a folder of its own"
    finally:
        err = _stopped(server, ctrl_c=2)
    assert "Traceback" not in err and "CancelledError" not in err, err
    assert list(tmp_path.glob("hoctap-web-*")) == []


def test_the_council_form_names_packs_in_the_page_s_language(client):
    """?lang=en lists 'Learning citizen (Decision 324/QĐ-KHVN) — cong-dan-hoc-tap', not the Vietnamese title."""
    en = html.unescape(client.get("/hoi-dong", params={"lang": "en"}).text)
    assert ">Learning citizen (Decision 324/QĐ-KHVN) — cong-dan-hoc-tap<" in en
    assert "Cộng đồng học tập cấp xã" not in en and "Ví dụ hướng dẫn địa phương" not in en
    vi = html.unescape(client.get("/hoi-dong").text)
    assert ">Công dân học tập (Quyết định 324/QĐ-KHVN) — cong-dan-hoc-tap<" in vi


def test_a_server_killed_outright_leaves_no_personal_data_for_long(tmp_path):
    """A server stopped by a power cut or kill -9 cannot delete its job folders (uploads, documents:
    names, birth dates); the next server deletes them, and never another live server's or user's."""
    import subprocess
    import sys
    from scoring.web import uploads
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    left = tmp_path / f"hoctap-web-{dead.pid}-abc"
    (left / "sub").mkdir(parents=True)
    (left / "sub" / "ho-so.csv").write_text("id,ho_ten\nCD-1,Nguyễn Văn A\n", encoding="utf-8")
    live = tmp_path / f"hoctap-web-{os.getppid()}-def"     # a running process's: still in use
    live.mkdir()
    old = tmp_path / "hoctap-web-xyz"                       # no process id in its name: by its age
    old.mkdir()
    (old / "a.csv").write_text("x", encoding="utf-8")
    day_ago = time.time() - uploads.STALE_AFTER - 60
    for p in (old, old / "a.csv"):
        os.utime(p, (day_ago, day_ago))
    recent = tmp_path / "hoctap-web-recent"
    recent.mkdir()
    other = tmp_path / "khong-phai-hoctap"
    other.mkdir()
    assert uploads.sweep_stale(tmp_path) == 2
    assert sorted(p.name for p in tmp_path.iterdir()) == sorted([live.name, recent.name, other.name])
    assert uploads.Workdir().path.name.startswith(f"hoctap-web-{os.getpid()}-")


def test_hoctap_serve_says_it_deleted_what_a_killed_server_left(tmp_path):
    import subprocess
    import sys
    import httpx
    from browser import free_port
    dead = subprocess.Popen([sys.executable, "-c", "pass"])
    dead.wait()
    (tmp_path / f"hoctap-web-{dead.pid}-abc").mkdir()
    port = free_port()
    env = {**os.environ, "TMPDIR": str(tmp_path), "HOCTAP_LANG": "vi"}
    server = subprocess.Popen([sys.executable, "-c", "import cli; cli.main()", "serve", "--port", str(port)],
                              cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"http://127.0.0.1:{port}/", timeout=5)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline and server.poll() is None, "hoctap serve did not start"
                time.sleep(0.2)
    finally:
        err = _stopped(server, ctrl_c=1)
    assert "đã xoá 1 thư mục tạm (tệp tải lên, tài liệu) mà một máy chủ hoctap bị dừng đột ngột để lại" in err, err
    assert list(tmp_path.glob("hoctap-web-*")) == []


def test_a_count_asks_a_phone_for_digits_and_a_share_for_decimals(client):
    """A count (a pack's `whole: true` input: a province museum's programmes) gets a phone's digit keyboard, as
    the server refuses 3,5 there; a percentage keeps the keyboard with a decimal comma."""
    page = client.get("/tu-kiem-tra/cong-dong-hoc-tap-tinh").text
    modes = dict(re.findall(r'name="(\w+)" type="text" inputmode="(\w+)"', page))
    assert modes["so_chuong_trinh_bao_tang"] == modes["so_chuong_trinh_dai_pt_th"] == "numeric"
    assert modes["ty_le_huyen_md1"] == "decimal"


# --- the Lifelong Learning Week statistics (/tuan-le): 'hoctap thong-ke-tuan-le' on a page --------------

WEEK_CSV = "don_vi,muc,so_luong,so_nguoi\nTrường MN B,1.1,1,20\nTrường MN B,2,1.5,\n".encode()


def _week_book(folder: Path) -> Path:
    """A unit's activity rows as a Sở's Excel sheet, with the 'Tổng cộng' row under the table."""
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Hoạt động"
    for row in (["Đơn vị", "Mục", "Số lượng", "Số người"], ["Trường TH A", "1.1", 2, 40],
                ["Trường TH A", "4.3", 1500, None], ["Tổng cộng", None, 1502, 40]):
        sheet.append(row)
    path = folder / "truong-th-a.xlsx"
    book.save(path)
    return path


def _week_post(client: TestClient, files: list[tuple[str, bytes]], lang: str = "vi", **form):
    token = csrf_of(client, "/tuan-le" + ("?lang=en" if lang == "en" else ""))
    return client.post("/tuan-le", files=[("files", (name, data)) for name, data in files],
                       data={"csrf": token, "lang": lang, **form})


def _total_row(page: str, code: str) -> list[str]:
    table = re.search(r'<table class="stack week" id="bang-tong-hop">(.*?)</table>', page, re.S).group(1)
    rows = [[html.unescape(re.sub(r"<[^>]+>", "", c)).strip() for c in re.findall(r"<td[^>]*>(.*?)</td>", r, re.S)]
            for r in re.findall(r"<tr>(.*?)</tr>", table, re.S)]
    return next(r for r in rows if r and r[0] == code)


def _workdirs() -> set[Path]:
    import tempfile
    return set(Path(tempfile.gettempdir()).glob(f"hoctap-web-{os.getpid()}-*"))


def test_week_page_adds_up_the_units_files_as_the_command_does(client, tmp_path):
    book = _week_book(tmp_path)
    page = _week_post(client, [(book.name, book.read_bytes()), ("truong-mn-b.csv", WEEK_CSV)],
                      ngay_bao_cao="18/10/2023", don_vi="Phòng Giáo dục và Đào tạo", ky="Người lập biểu\nTrưởng phòng")
    assert page.status_code == 200
    count = html.unescape(re.search(r'id="dem">([^<]*)', page.text).group(1))
    assert count == ("Đã đọc 5 dòng: 3 được tính, 1 bị loại, 1 bỏ qua (tiêu đề nhóm, dòng tổng, chữ ký dưới bảng: "
                     "không cộng vào bảng): Tổng cộng")
    assert _total_row(page.text, "1.1")[3:5] == ["3", "60"] and _total_row(page.text, "4.3")[3] == "1.500"
    assert "TỔNG HỢP (2 đơn vị)" in page.text and 'id="sau-han"' not in page.text
    rejected = html.unescape(re.search(r'<table class="rejected stack">(.*?)</table>', page.text, re.S).group(1))
    assert "truong-mn-b.csv:3" in rejected and "'1.5' không phải số lượng (Tin, bài/cuộc)" in rejected
    assert "/tmp" not in page.text and "hoctap-web-" not in page.text   # file names, never the server's folders

    link = re.search(r'href="(/tuan-le/tai-ve/[^"]+\.xlsx)"', page.text).group(1)
    got = client.get(link)
    assert got.status_code == 200 and got.headers["cache-control"] == "no-store"
    workbook = openpyxl.load_workbook(io.BytesIO(got.content))
    assert workbook.sheetnames == ["Tổng hợp", "Trường TH A", "Trường MN B", "Dòng bị loại"]
    cells = list(workbook["Tổng hợp"].iter_rows(values_only=True))
    assert cells[0][0] == "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" and cells[2][2] == "……………, ngày 18 tháng 10 năm 2023"
    assert (count, None, None, None, None, None) in cells   # the page's count line, under the table
    assert next(r for r in cells if r[0] == "4.3")[3] == 1500 and next(r for r in cells if r[0] == "1.1")[3:5] == (3, 60)
    assert ("NGƯỜI LẬP BIỂU", None, None, "TRƯỞNG PHÒNG", None, None) in cells
    assert ("truong-mn-b.csv:3", ) == next(r for r in workbook["Dòng bị loại"].iter_rows(values_only=True)
                                          if r[0] and r[0].startswith("truong-mn-b"))[:1]
    data = client.get(link.replace(".xlsx", ".json")).json()
    assert data["counts"] == {"read": 5, "counted": 3, "rejected": 1, "skipped": 1} and data["report_date"] == "2023-10-18"
    job_id = link.split("/")[3]
    job = client.app.state.web.jobs.get(job_id, client.cookies.get(SESSION_COOKIE), "week")
    assert sorted(p.name for p in job.workdir.path.rglob("*") if p.is_file()) == \
        ["thong-ke-tuan-le.json", "thong-ke-tuan-le.xlsx"]   # the uploads are deleted once read
    # the Week's files are no council run: its page, its files and the API do not show them as one
    assert client.get(f"/hoi-dong/viec/{job_id}").status_code == 404
    assert client.get(f"/hoi-dong/viec/{job_id}/thong-ke-tuan-le.xlsx").status_code == 404
    assert client.get(f"/api/council/{job_id}").status_code == 404
    assert 'value="Phòng Giáo dục và Đào tạo"' not in client.get(f"/hoi-dong?viec={job_id}").text
    with TestClient(client.app, base_url=LOCAL) as other:   # another browser: not its table
        assert other.get(link).status_code == 404 and "Không tìm thấy bảng tổng hợp này" in other.get(link).text


def test_week_page_says_a_late_report_and_speaks_english(client, tmp_path):
    book = _week_book(tmp_path)
    page = _week_post(client, [(book.name, book.read_bytes())], lang="en", ngay_bao_cao="25/10/2023")
    assert page.status_code == 200 and '<html lang="en">' in page.text
    text = html.unescape(page.text)
    assert "REPORT IS LATE: the report date 2023-10-25 is after the deadline 2023-10-20." in text
    assert re.search(r'id="dem">([^<]*)', text).group(1) == \
        "3 rows read: 2 counted, 0 rejected, 1 skipped (group headings, totals, signatures under the table: not added): Tổng cộng"
    assert "<th scope=\"col\">Activity</th>" in page.text and "TOTAL (1 unit)" in text and "Downloads" in text
    assert _total_row(page.text, "4.3")[3] == "1,500"
    for vietnamese in ("Tải về", "Dòng bị loại", "Tổng hợp", "Ngày báo cáo"):
        assert vietnamese not in text, vietnamese
    link = re.search(r'href="(/tuan-le/tai-ve/[^"]+\.xlsx)\?lang=en"', page.text).group(1)
    assert openpyxl.load_workbook(io.BytesIO(client.get(link).content)).sheetnames[0] == "Total"
    form = client.get("/tuan-le?lang=en").text
    assert "Lifelong Learning Week statistics" in form and 'action="/tuan-le?lang=en"' in form
    assert '<label for="ngay_bao_cao">Report date</label>' in form


KEPT = {"ngay_bao_cao": "18/10/2023", "sheet": "Hoạt động", "don_vi": "Phòng GD&ĐT Phong Thổ", "dia_danh": "Phong Thổ"}


@pytest.mark.parametrize("files, form, said", [
    ([("bao-cao.csv", b"%PDF-1.7\n%\xe2\xe3\n")], {}, "Tệp «bao-cao.csv» thực ra là một tệp PDF, không phải CSV."),
    ([("a.csv", "Đơn vị báo cáo,muc,so_luong\nTrường A,1.1,1\n".encode())], {},
     "không dòng nào có cột tên đơn vị báo cáo 'don_vi': tiêu đề được nhận:"),
    ([("a.csv", WEEK_CSV), ("a.csv", WEEK_CSV)], {},
     "Tệp «a.csv» được chọn hai lần: mọi số liệu của tệp sẽ bị cộng hai lần; mỗi tệp chỉ chọn một lần."),
    ([("a.csv", WEEK_CSV), ("b.csv", WEEK_CSV)], {},
     "a.csv và b.csv có cùng nội dung (giống hệt từng byte): mọi số liệu sẽ bị cộng hai lần; chỉ ghi một trong hai tệp"),
    ([("a.csv", WEEK_CSV)], {"ngay_bao_cao": "32/13/2023"}, "Ngày báo cáo «32/13/2023» không đọc được: "),
    ([], {}, "Chưa chọn tệp: hãy chọn tệp số liệu của các đơn vị."),
])
def test_week_page_errors_go_back_to_the_form_with_what_was_typed(client, files, form, said):
    before = _workdirs()
    page = _week_post(client, files, **{**KEPT, "ky": "Người lập biểu\nTrưởng phòng", **form})
    assert page.status_code == 400 and 'action="/tuan-le"' in page.text
    error = html.unescape(re.search(r'id="loi">([^<]*)', page.text).group(1))
    assert error.startswith(said) or said in error, error
    assert "/tmp" not in error and "hoctap-web-" not in error
    assert _boxes(page.text) == {**KEPT, "co_quan": "", "ngay": "", **form}
    assert ">Người lập biểu\nTrưởng phòng</textarea>" in page.text
    assert _workdirs() == before   # nothing of a refused upload is left on the server


def test_week_page_reads_the_sheet_named_in_its_box(client, tmp_path):
    book = openpyxl.load_workbook(_week_book(tmp_path))
    book.create_sheet("Bìa", 0)["A1"] = "Báo cáo Tuần lễ"
    path = tmp_path / "so.xlsx"
    book.save(path)
    first = _week_post(client, [(path.name, path.read_bytes())], ngay_bao_cao="18/10/2023")
    assert first.status_code == 400 and html.unescape(re.search(r'id="loi">([^<]*)', first.text).group(1)) == (
        "so.xlsx: trang đầu tiên 'Bìa' (trang được đọc khi không chọn trang) không có bảng hồ sơ; trang tính "
        "'Hoạt động' có bảng: ghi * vào ô «Tên trang tính» để đọc mọi trang, hoặc ghi tên trang cần đọc")
    read = _week_post(client, [(path.name, path.read_bytes())], sheet="Hoạt động")
    assert _total_row(read.text, "4.3")[3] == "1.500"


def test_week_page_is_on_the_home_page_and_in_the_menu(client):
    for lang, q, name in (("vi", "", "Tuần lễ học tập"), ("en", "?lang=en", "Learning Week")):
        home = client.get("/" + q).text
        assert f'<a href="/tuan-le{q}"><strong>{name}</strong>' in home
        assert f'<a href="/tuan-le{q}">{name}</a>' in client.get("/muc-tieu" + q).text
    page = client.get("/tuan-le")
    assert "default-src 'self'" in page.headers["content-security-policy"] and 'name="csrf"' in page.text
    assert '<label for="files">' in page.text and 'type="file" multiple' in page.text


def test_week_page_says_a_sheet_not_read_in_its_box_and_the_paper_states_it(client, tmp_path):
    """A second sheet with a table, not read: the page says what to type in its sheet box (not '--sheet');
    the workbook to sign states it without an instruction, as the command's does."""
    book = openpyxl.load_workbook(_week_book(tmp_path))
    other = book.create_sheet("Trường C")
    other.append(["Đơn vị", "Mục", "Số lượng"])
    other.append(["Trường C", "2", 3])
    path = tmp_path / "so.xlsx"
    book.save(path)
    page = _week_post(client, [(path.name, path.read_bytes())], ngay_bao_cao="18/10/2023")
    warning = html.unescape(re.search(r'id="canh-bao">.*?<li>([^<]*)</li>', page.text, re.S).group(1))
    assert "'Trường C'" in warning and warning.endswith(
        ": ghi * vào ô «Tên trang tính» để đọc mọi trang, hoặc ghi tên trang cần đọc") and "--sheet" not in page.text
    link = re.search(r'href="(/tuan-le/tai-ve/[^"]+\.xlsx)"', page.text).group(1)
    said = [r[1] for r in openpyxl.load_workbook(io.BytesIO(client.get(link).content))["Dòng bị loại"]
            .iter_rows(values_only=True) if r[0] == "Cảnh báo"]
    assert said == [warning.split(": ghi * vào ô")[0]]
    everything = _week_post(client, [(path.name, path.read_bytes())], ngay_bao_cao="18/10/2023", sheet="*")
    assert "TỔNG HỢP (2 đơn vị)" in everything.text and 'id="canh-bao"' not in everything.text
