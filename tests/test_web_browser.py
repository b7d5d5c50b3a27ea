"""End to end in a real browser: the system's headless Chromium (``.ci/run`` installs the Debian
packages chromium and chromium-driver when missing) against ``hoctap serve``'s application on a
free loopback port. Skipped, saying why, only where no Chromium is installed."""
from __future__ import annotations

import time
from pathlib import Path

import openpyxl
import pytest
from pypdf import PdfReader

from browser import browser_paths, chromium, running_server, wait_for
from conftest import EXAMPLES
from scoring.results.collation import vi_key

pytestmark = pytest.mark.skipif(browser_paths() is None, reason="no chromium and chromedriver installed "
                                "(apt-get install chromium chromium-driver; .ci/run does it)")

DAT = {"1.1": "9", "1.2": "9", "1.3": "8", "1.4": "8", "2.1": "9", "2.2": "6", "2.3": "9", "2.4": "8",
       "3.1": "8", "3.2": "7,5"}
SHORT = {**DAT, "2.2": "4", "3.2": "8"}


@pytest.fixture(scope="module")
def server():
    from scoring.web.app import Settings
    with running_server(Settings(max_upload=2 << 20)) as base:
        yield base


@pytest.fixture(scope="module")
def downloads(tmp_path_factory):
    return tmp_path_factory.mktemp("downloads")


@pytest.fixture(scope="module")
def browser(downloads):
    with chromium(width=1280, downloads=downloads) as driver:
        yield driver


@pytest.fixture(scope="module")
def phone():
    with chromium(width=375, height=800) as driver:
        yield driver


def by(kind: str):
    from selenium.webdriver.common.by import By
    return getattr(By, kind)


def keys():
    from selenium.webdriver.common.keys import Keys
    return Keys


def submit(driver) -> None:
    driver.find_element(by("CSS_SELECTOR"), "form button[type=submit].primary").click()


def test_citizen_self_check_reaches_dat_with_the_keyboard_alone(server, browser):
    """From the pack list to the result with Tab, arrows, typing and Enter: no mouse."""
    from selenium.webdriver.common.action_chains import ActionChains
    browser.get(server + "/tu-kiem-tra")
    gate = browser.find_element(by("ID"), "g-cong-dan-hoc-tap-1")
    assert browser.switch_to.active_element.tag_name == "body"
    tabs = 0
    while browser.switch_to.active_element != gate:   # Tab to the subject group
        ActionChains(browser).send_keys(keys().TAB).perform()
        tabs += 1
        assert tabs < 30, "the subject group cannot be reached with Tab"
    ActionChains(browser).send_keys(keys().ARROW_DOWN).perform()      # Nhóm 2
    ActionChains(browser).send_keys(keys().TAB, keys().ENTER).perform()  # the Start button
    wait_for(lambda: "/tu-kiem-tra/cong-dan-hoc-tap?group=2" in browser.current_url)
    first = browser.find_element(by("NAME"), "1.1")
    while browser.switch_to.active_element != first:
        ActionChains(browser).send_keys(keys().TAB).perform()
    for name, value in DAT.items():
        assert browser.switch_to.active_element.get_attribute("name") == name
        ActionChains(browser).send_keys(value).perform()
        if name != "3.2":
            ActionChains(browser).send_keys(keys().TAB, keys().TAB).perform()   # past "Gợi ý và căn cứ"
    ActionChains(browser).send_keys(keys().ENTER).perform()
    outcome = wait_for(lambda: browser.find_elements(by("ID"), "ket-qua"))[0]
    assert outcome.get_attribute("data-outcome") == "dat"
    assert browser.find_element(by("ID"), "tong-diem").text == "81,5/100"   # a Vietnamese page writes 81,5
    assert "Đã đạt mức cao nhất" in browser.page_source


def test_citizen_self_check_chua_dat_shows_the_missing_indicator_and_downloads(server, browser, downloads):
    browser.get(server + "/tu-kiem-tra/cong-dan-hoc-tap?group=1")
    for name, value in SHORT.items():
        browser.find_element(by("NAME"), name).send_keys(value)
    submit(browser)
    outcome = wait_for(lambda: browser.find_elements(by("ID"), "ket-qua"))[0]
    assert outcome.get_attribute("data-outcome") == "chua_dat" and outcome.text == "Chưa đạt danh hiệu Công dân học tập"
    missing = browser.find_element(by("ID"), "con-thieu")
    assert [li.get_attribute("data-indicator") for li in missing.find_elements(by("TAG_NAME"), "li")] == ["2.2"]
    assert ": 4 điểm, cần ít nhất 5" in missing.text
    assert browser.find_element(by("CSS_SELECTOR"), "[data-print]").is_displayed()   # the script ran
    browser.find_element(by("CSS_SELECTOR"), "button[name=format][value=txt]").click()
    saved = wait_for(lambda: finished(downloads, "tu-kiem-tra-*.txt"))
    assert "Còn thiếu để đạt “Đạt danh hiệu Công dân học tập”" in saved[0].read_text(encoding="utf-8")


def test_an_english_result_pages_downloads_are_refused_in_english(server, browser):
    """The result's download buttons (text, PDF, JSON) posted without '?lang=en': the form's own 'lang'
    field is read only once the body is, and a body refused before that (413, too large) came back in
    Vietnamese on an English page. The form's address now carries the page's language."""
    browser.get(server + "/tu-kiem-tra/cong-dan-hoc-tap?group=1&lang=en")
    for name, value in SHORT.items():
        browser.find_element(by("NAME"), name).send_keys(value)
    submit(browser)
    wait_for(lambda: browser.find_elements(by("ID"), "ket-qua"))
    assert browser.find_element(by("TAG_NAME"), "html").get_attribute("lang") == "en"
    # a body over the server's 2 MB limit: a field of 3 MB added to the download form
    browser.execute_script("const big = document.createElement('textarea'); big.name = 'ghi_chu';"
                           "big.value = 'x'.repeat(3 << 20); document.querySelector('form[action*=tai-ve]').append(big);")
    browser.find_element(by("CSS_SELECTOR"), "button[name=format][value=pdf]").click()
    error = wait_for(lambda: browser.find_elements(by("CSS_SELECTOR"), "p.error"))[0]
    assert browser.find_element(by("TAG_NAME"), "html").get_attribute("lang") == "en"
    assert error.text == (
        "The file is too large: the limit is 2 MB per upload. Split the file into parts.")
    back = browser.find_element(by("ID"), "quay-lai")
    assert back.text == "Back" and back.get_attribute("href") == server + "/tu-kiem-tra/cong-dan-hoc-tap?lang=en"


def test_a_wrong_answer_is_marked_and_kept(server, browser):
    browser.get(server + "/tu-kiem-tra/cong-dan-hoc-tap?group=1")
    for name, value in {**DAT, "2.2": "bốn"}.items():
        browser.find_element(by("NAME"), name).send_keys(value)
    submit(browser)
    error = wait_for(lambda: browser.find_elements(by("CSS_SELECTOR"), ".has-error .error"))
    assert "«bốn» không phải là một số" in error[0].text
    box = browser.find_element(by("NAME"), "2.2")
    assert box.get_attribute("value") == "bốn" and box.get_attribute("aria-invalid") == "true"



def test_the_first_wrong_answer_has_the_focus(server, browser):
    """Sent with wrong answers, the form came back with the focus at the page's top: a keyboard user
    tabbed through the menu and every answer to find the first to correct. It now has the focus."""
    browser.get(server + "/tu-kiem-tra/cong-dan-hoc-tap?group=1")
    for name, value in {**DAT, "1.3": "85,5", "2.2": "bốn", "3.2": ""}.items():
        box = browser.find_element(by("NAME"), name)
        box.clear()
        box.send_keys(value)
    submit(browser)
    wait_for(lambda: browser.find_elements(by("CSS_SELECTOR"), ".has-error .error"))
    assert [e.get_attribute("name") for e in browser.find_elements(by("CSS_SELECTOR"), "[aria-invalid=true]")] == \
        ["1.3", "2.2", "3.2"]
    focused = browser.switch_to.active_element
    assert focused.get_attribute("name") == "1.3" and focused.get_attribute("value") == "85,5"
    described = focused.get_attribute("aria-describedby").split()
    assert "lớn hơn mức tối đa 10" in browser.find_element(by("ID"), described[-1]).text

def finished(downloads: Path, pattern: str) -> list[Path]:
    """The downloads matching ``pattern`` once Chrome has written them: it makes an empty file of
    the final name when a download starts, and writes the content to a .crdownload beside it."""
    if list(downloads.glob("*.crdownload")):
        return []
    return [p for p in downloads.glob(pattern) if p.stat().st_size]


def downloaded(browser, downloads: Path, link: str, name: str) -> Path:
    browser.find_element(by("ID"), link).click()
    return wait_for(lambda: finished(downloads, name) and downloads / name)


def _fill_printed_list(browser, fields: dict[str, str]) -> None:
    """Type the council form's boxes, then two signers' titles, one a line, as a secretary does."""
    for name, value in fields.items():
        browser.find_element(by("ID"), name).send_keys(value)
    browser.find_element(by("ID"), "ky").send_keys("Thư ký" + keys().ENTER + "Chủ tịch Hội đồng")


def test_council_upload_gives_the_documents_to_print_and_sign(server, browser, downloads):
    """A secretary uploads the council workbook, asks for the names and the heading, and gets the
    recognition list as a PDF and as a council workbook ready to print (as 'hoctap report -o'),
    and the data workbook."""
    browser.get(server + "/hoi-dong")
    browser.find_element(by("ID"), "records").send_keys(str(EXAMPLES / "council" / "tu-danh-gia-2024.xlsx"))
    fields = {"giu_cot": "Họ và tên", "sap_xep": "Họ và tên", "co_quan": "UBND xã Tân Lập",
              "don_vi": "Hội đồng xã Tân Lập", "dia_danh": "Tân Lập", "ngay": "01/12/2026"}
    _fill_printed_list(browser, fields)
    submit(browser)
    counts = wait_for(lambda: browser.find_elements(by("ID"), "dem") or browser.find_elements(by("ID"), "loi"))[0]
    assert counts.text == "Đã đọc 10 hồ sơ: 8 được chấm, 2 bị loại"
    assert "tu-danh-gia-2024.xlsx:Tự đánh giá!" in browser.find_element(by("CSS_SELECTOR"), "table.rejected").text
    assert browser.find_elements(by("CSS_SELECTOR"), "table.disagree tbody tr")

    data = openpyxl.load_workbook(downloaded(browser, downloads, "tai-ket-qua", "ket-qua.xlsx"))["Kết quả"]
    header = [c.value for c in data[1]]
    rows = [dict(zip(header, r)) for r in data.iter_rows(min_row=2, values_only=True)]
    recognised = {r["Mã"]: r for r in rows if r["Mã kết quả"] == "dat"}
    assert 0 < len(recognised) < len(rows)

    pdf = downloaded(browser, downloads, "tai-pdf", "danh-sach-cong-nhan.pdf")
    text = "\n".join(page.extract_text() for page in PdfReader(pdf).pages)
    lines = text.splitlines()
    for heading in ("UBND XÃ TÂN LẬP", "HỘI ĐỒNG XÃ TÂN LẬP", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
                    "Tân Lập, ngày 01 tháng 12 năm 2026", "DANH SÁCH ĐỀ NGHỊ CÔNG NHẬN", "THƯ KÝ", "CHỦ TỊCH HỘI ĐỒNG"):
        assert heading in lines, heading
    listed = [next(line for line in lines if f" {rid} " in line) for rid in recognised]
    for rid, line in zip(recognised, listed):   # each recognised citizen by name, with the total
        assert recognised[rid]["Họ và tên"] in line and line.split()[-1] == str(recognised[rid]["Tổng điểm"])
    assert f"Tổng cộng {len(recognised)} hồ sơ" in text
    assert not any(f" {r['Mã']} " in text for r in rows if r["Mã"] not in recognised)
    given = [recognised[line.split()[1]]["Họ và tên"].split()[-1] for line in sorted(listed, key=lambda l: int(l.split()[0]))]
    assert given == sorted(given, key=vi_key) and len(set(given)) > 1   # by given name, in Vietnamese order

    book = openpyxl.load_workbook(downloaded(browser, downloads, "tai-danh-sach", "danh-sach-cong-nhan.xlsx"))
    assert book.sheetnames[0] == "Danh sách công nhận" and "Kết quả" in book.sheetnames
    sheet = book["Danh sách công nhận"]
    cells = list(sheet.iter_rows(values_only=True))
    assert cells[0][0] == "UBND XÃ TÂN LẬP" and cells[1][0] == "HỘI ĐỒNG XÃ TÂN LẬP"
    assert "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" in cells[0]
    head = next(i for i, row in enumerate(cells) if row[0] == "STT")
    assert cells[head][:3] == ("STT", "Mã", "Họ và tên")
    assert {row[1]: row[2] for row in cells[head + 1:head + 1 + len(recognised)]} == \
        {rid: r["Họ và tên"] for rid, r in recognised.items()}
    assert int(sheet.page_setup.paperSize) == 9 and sheet.print_title_rows == f"${head + 1}:${head + 1}"   # A4, header on every page
    assert sheet.sheet_properties.pageSetUpPr.fitToPage and sheet.page_setup.fitToWidth == 1


def test_a_failed_upload_gives_back_the_form_as_it_was_filled(server, browser):
    """A misspelt kept column fails the job after the upload: the link back to the form keeps the
    pack, the sheet and every field of the printed list, so the secretary fixes one word and
    chooses the file again instead of typing the heading and signers anew."""
    from selenium.webdriver.support.ui import Select
    browser.get(server + "/hoi-dong")
    browser.find_element(by("ID"), "records").send_keys(str(EXAMPLES / "council" / "tu-danh-gia-2024.xlsx"))
    Select(browser.find_element(by("ID"), "pack")).select_by_value("cong-dan-hoc-tap-qd244")
    fields = {"sheet": "Tự đánh giá", "giu_cot": "Ho ten", "co_quan": "UBND xã Tân Lập",
              "don_vi": "Hội đồng xã Tân Lập", "dia_danh": "Tân Lập", "ngay": "01/12/2026"}
    _fill_printed_list(browser, fields)
    submit(browser)
    error = wait_for(lambda: browser.find_elements(by("ID"), "loi"))[0]
    assert error.text.startswith("không có cột 'Ho ten' trong hồ sơ: các cột là STT, Mã số, Họ và tên,")
    browser.find_element(by("ID"), "tai-lai").click()
    wait_for(lambda: browser.find_elements(by("ID"), "records"))
    assert Select(browser.find_element(by("ID"), "pack")).first_selected_option.get_attribute("value") == \
        "cong-dan-hoc-tap-qd244"
    kept = {name: browser.find_element(by("ID"), name).get_attribute("value") for name in (*fields, "ky")}
    assert kept == {**fields, "ky": "Thư ký\nChủ tịch Hội đồng"}
    browser.get(server + "/hoi-dong")   # a new visit starts empty
    assert browser.find_element(by("ID"), "co_quan").get_attribute("value") == ""


def test_bad_uploads_are_refused_and_the_server_keeps_serving(server, browser, tmp_path):
    pdf = tmp_path / "ho-so.csv"
    pdf.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
    browser.get(server + "/hoi-dong")
    browser.find_element(by("ID"), "records").send_keys(str(pdf))
    submit(browser)
    error = wait_for(lambda: browser.find_elements(by("ID"), "loi"))[0]
    assert "«ho-so.csv» thực ra là một tệp PDF" in error.text
    big = tmp_path / "lon.csv"
    big.write_bytes(b"id,group\n" + b"1,1\n" * (1 << 20))   # 4 MB against a 2 MB limit
    browser.get(server + "/hoi-dong")
    browser.find_element(by("ID"), "records").send_keys(str(big))
    submit(browser)
    shown = wait_for(lambda: [e for e in browser.find_elements(by("CSS_SELECTOR"), "[data-size-error]") if e.is_displayed()])
    assert "Tệp quá lớn: giới hạn là 2 MB" in shown[0].text
    # past the script's check (form.submit() fires no submit event), the server refuses it itself
    browser.execute_script("document.querySelector('form[data-max-bytes]').submit()")
    wait_for(lambda: "Có lỗi" in browser.title)
    assert "Tệp quá lớn: giới hạn là 2 MB" in browser.find_element(by("CSS_SELECTOR"), "p.error").text
    browser.get(server + "/")
    assert "hoctap" in browser.title


def test_goal_report_with_its_chart(server, browser):
    from selenium.webdriver.support.ui import Select
    browser.get(server + "/muc-tieu")
    browser.find_element(by("ID"), "staff").send_keys(str(EXAMPLES / "goals" / "muc-tieu-langson-stnmt-2024.csv"))
    Select(browser.find_element(by("ID"), "goals")).select_by_value("muc-tieu-langson-stnmt-2024")
    browser.find_element(by("ID"), "year").send_keys("2030")
    submit(browser)
    target = wait_for(lambda: browser.find_elements(by("ID"), "muc-tieu-cdht"))[0]
    assert "cần thêm 3 người đạt danh hiệu" in target.text and "13/20 = 65%" in target.text
    bar = target.find_element(by("CSS_SELECTOR"), "svg.bar")
    assert bar.size["width"] > 300 and bar.size["height"] > 10     # drawn, across the card
    assert browser.find_element(by("CSS_SELECTOR"), "figure svg.chart").size["height"] > 40



def test_a_goal_report_downloads_its_workbook_to_sign_and_prints_no_links(server, browser, downloads, tmp_path):
    """An office head fills the letterhead boxes, gets the workbook 'hoctap goals -o' writes, with them;
    the page printed says its day and carries no download link or button."""
    import base64
    from selenium.webdriver.support.ui import Select
    from scoring.selfcheck.today import check_day
    browser.get(server + "/muc-tieu")
    browser.find_element(by("ID"), "staff").send_keys(str(EXAMPLES / "goals" / "muc-tieu-langson-stnmt-2024.csv"))
    Select(browser.find_element(by("ID"), "goals")).select_by_value("muc-tieu-langson-stnmt-2024")
    browser.find_element(by("ID"), "year").send_keys("2030")
    for name, value in {"co_quan": "UBND tỉnh Lạng Sơn", "don_vi": "Sở Tài nguyên và Môi trường",
                        "dia_danh": "Lạng Sơn", "ngay": "01/12/2026"}.items():
        browser.find_element(by("ID"), name).send_keys(value)
    submit(browser)
    wait_for(lambda: browser.find_elements(by("ID"), "tai-xlsx"))
    rows = [[v for v in row if v is not None] for row in openpyxl.load_workbook(
        downloaded(browser, downloads, "tai-xlsx", "muc-tieu.xlsx"))["Mục tiêu"].iter_rows(values_only=True)]
    assert rows[:3] == [["UBND TỈNH LẠNG SƠN", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"],
                        ["SỞ TÀI NGUYÊN VÀ MÔI TRƯỜNG", "Độc lập - Tự do - Hạnh phúc"], ["Lạng Sơn, ngày 01 tháng 12 năm 2026"]]
    assert ["NGƯỜI LẬP BIỂU", "THỦ TRƯỞNG ĐƠN VỊ"] in rows
    pdf = tmp_path / "in.pdf"
    pdf.write_bytes(base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {})["data"]))
    lines = "\n".join(page.extract_text() for page in PdfReader(pdf).pages).splitlines()
    assert f"Ngày lập báo cáo: {check_day():%d/%m/%Y}" in lines
    for screen_only in ("Tải về", "Báo cáo mục tiêu (Excel", "Văn bản để ký", "Quay lại", "Tự kiểm tra"):
        assert not any(screen_only in line for line in lines), screen_only

def test_week_statistics_from_two_units_files_to_the_workbook(server, browser, downloads, tmp_path):
    """An education office uploads two units' files at once, with its name and the signers, sees the
    total table and the count line, and downloads the workbook to print and sign."""
    book = openpyxl.Workbook()
    book.active.append(["Đơn vị", "Mục", "Số lượng", "Số người"])
    book.active.append(["Trường TH A", "4.3", 1500, None])
    book.save(tmp_path / "truong-th-a.xlsx")
    (tmp_path / "truong-mn-b.csv").write_text("don_vi,muc,so_luong,so_nguoi\nTrường MN B,1.1,1,20\n", encoding="utf-8")
    browser.get(server + "/tuan-le")
    browser.find_element(by("ID"), "files").send_keys(f"{tmp_path / 'truong-th-a.xlsx'}\n{tmp_path / 'truong-mn-b.csv'}")
    for name, value in {"ngay_bao_cao": "18/10/2023", "don_vi": "Phòng Giáo dục và Đào tạo"}.items():
        browser.find_element(by("ID"), name).send_keys(value)
    submit(browser)
    counts = wait_for(lambda: browser.find_elements(by("ID"), "dem") or browser.find_elements(by("ID"), "loi"))[0]
    assert counts.text == "Đã đọc 2 dòng: 2 được tính, 0 bị loại"
    row = next(r for r in browser.find_elements(by("CSS_SELECTOR"), "#bang-tong-hop tbody tr")
               if r.find_element(by("TAG_NAME"), "td").text == "4.3")
    assert row.find_elements(by("TAG_NAME"), "td")[3].text == "1.500"
    cells = list(openpyxl.load_workbook(downloaded(browser, downloads, "tai-xlsx", "thong-ke-tuan-le.xlsx"))
                 ["Tổng hợp"].iter_rows(values_only=True))
    assert cells[0][0] == "PHÒNG GIÁO DỤC VÀ ĐÀO TẠO" and next(r for r in cells if r[0] == "4.3")[3] == 1500


CHART_ROWS = """
const svg = document.querySelector('figure svg.chart'), box = svg.getBoundingClientRect();
return [...svg.querySelectorAll('g')].map(g => {
  const [name, value] = g.querySelectorAll('text'), rects = g.querySelectorAll('rect');
  const n = name.getBoundingClientRect(), v = value.getBoundingClientRect();
  const mark = rects.length > 1 ? rects[rects.length - 1].getBoundingClientRect() : null;
  return {title: g.querySelector('title').textContent, name: name.textContent,
          inside: n.left >= box.left && n.right <= box.right,
          overlap: mark !== null && v.left < mark.right && v.right > mark.left};
});"""


@pytest.mark.parametrize("width", [1280, 375])
def test_goal_chart_names_each_target_as_its_card_does_and_in_view(server, width):
    """QĐ 387's targets have long names: the chart showed their codes instead, cut at the left, and
    a value over its requirement mark. Each row now has the card's name, inside the chart (cut with
    '…' where too long, whole in its tooltip), its value clear of the mark."""
    from selenium.webdriver.support.ui import Select
    with chromium(width=width) as driver:
        driver.get(server + "/muc-tieu")
        driver.find_element(by("ID"), "staff").send_keys(str(EXAMPLES / "goals" / "muc-tieu-qd387.csv"))
        Select(driver.find_element(by("ID"), "goals")).select_by_value("muc-tieu-qd387")
        submit(driver)
        wait_for(lambda: driver.find_elements(by("CSS_SELECTOR"), "figure svg.chart"))
        rows = driver.execute_script(CHART_ROWS)
        cards = [h.text for h in driver.find_elements(by("CSS_SELECTOR"), "li.target h2")]
    assert len(rows) == 6
    for row, card in zip(rows, cards):
        assert card.startswith(row["title"]), (row, card)
        assert row["name"] == row["title"] or (row["name"].endswith("…") and row["title"].startswith(row["name"][:-1]))
        assert row["inside"] and not row["overlap"], row


@pytest.mark.parametrize("path", ["/", "/tu-kiem-tra", "/tu-kiem-tra/cong-dan-hoc-tap?group=1",
                                  "/tu-kiem-tra/don-vi-hoc-tap-tt24-huyen?loai_don_vi=to_chuc_khac",
                                  "/hoi-dong", "/muc-tieu", "/tuan-le", "/?lang=en"])
def test_pages_fit_a_phone_screen(server, phone, path):
    phone.get(server + path)
    overflow = phone.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth")
    assert overflow <= 0, f"{path} scrolls sideways by {overflow}px at 375px"


def test_the_result_page_fits_a_phone_screen(server, phone):
    phone.get(server + "/tu-kiem-tra/cong-dan-hoc-tap?group=1")
    for name, value in SHORT.items():
        phone.find_element(by("NAME"), name).send_keys(value)
    submit(phone)
    wait_for(lambda: phone.find_elements(by("ID"), "ket-qua"))
    time.sleep(0.1)
    assert phone.execute_script("return document.documentElement.scrollWidth - document.documentElement.clientWidth") <= 0


def _week_files(folder: Path) -> dict[str, Path]:
    """A school's workbook with a second sheet not read, and a Sở-style sheet: title rows above the
    header, group headings and subtotals, a signature under the table."""
    two = openpyxl.Workbook()
    two.active.append(["Đơn vị", "Mục", "Số lượng", "Số người"])
    two.active.append(["Trường TH C", "1.1", 1, 10])
    two.create_sheet("Tháng 10").append(["Đơn vị", "Mục", "Số lượng", "Số người"])
    two["Tháng 10"].append(["Trường TH C", "1.2", 2, 30])
    two.save(folder / "hai-trang.xlsx")
    so = openpyxl.Workbook()
    for row in (["PHÒNG GD&ĐT HUYỆN X"], ["BÁO CÁO TUẦN LỄ"], [], ["TT", "Đơn vị", "Mục", "Số lượng", "Số người"],
                ["I", "Khối tiểu học"], [1, "Trường TH A", "1.1", 2, 40], [None, "Cộng", None, 2, 40],
                [], [None, "Người lập biểu", None, None, "Hiệu trưởng"]):
        so.active.append(row)
    so.save(folder / "so-style.xlsx")
    return {"two": folder / "hai-trang.xlsx", "so": folder / "so-style.xlsx"}


def _week_upload(driver, server: str, files: list[Path], query: str = "", **fields: str):
    driver.get(server + "/tuan-le" + query)
    driver.find_element(by("ID"), "files").send_keys("\n".join(map(str, files)))
    for name, value in {"ngay_bao_cao": "18/10/2023", **fields}.items():
        driver.find_element(by("ID"), name).send_keys(value)
    submit(driver)
    return wait_for(lambda: driver.find_elements(by("ID"), "dem") or driver.find_elements(by("ID"), "loi"))[0]


def test_an_english_week_page_says_the_sheets_readers_warnings_in_english(server, browser, downloads, tmp_path):
    """The readers' own warnings (a sheet not read, rows above the header) came in Vietnamese on the
    English page and in the English workbook: they were said in the server's language, not the page's."""
    files = _week_files(tmp_path)
    counts = _week_upload(browser, server, [files["two"], files["so"]], "?lang=en")
    assert counts.text.startswith("5 rows read: 2 counted, 0 rejected, 3 skipped")
    warnings = [li.text for li in browser.find_elements(by("CSS_SELECTOR"), "#canh-bao li")]
    assert warnings == [
        "hai-trang.xlsx: sheet 'Tháng 10' also holds a table but was NOT read (only 'Sheet' was): type * in the "
        "“Sheet name” box to read every visible sheet, or the name of the sheet to read",
        "so-style.xlsx:Sheet: skipped 2 rows above the header row (rows 1–2: 'PHÒNG GD&ĐT HUYỆN X')"]
    for earlier in downloads.glob("thong-ke-tuan-le*.xlsx"):   # another test's: Chrome would name this one '… (1)'
        earlier.unlink()
    book = openpyxl.load_workbook(downloaded(browser, downloads, "tai-xlsx", "thong-ke-tuan-le.xlsx"))
    said = [row for row in book["Rejected rows"].iter_rows(values_only=True) if row[0] == "Warning"]
    assert [row[1][:40] for row in said] == ["hai-trang.xlsx: sheet 'Tháng 10' also ho",
                                             "so-style.xlsx:Sheet: skipped 2 rows abov"]


def test_the_printed_week_report_holds_each_units_table_and_no_buttons(server, browser, tmp_path):
    """Printed, the report ended on its heading 'Từng đơn vị' with nothing under it: a closed
    <details> hides its content on paper too. Each unit's table is now printed under its title; the
    site's menu, the downloads and the buttons are not."""
    import base64
    files = _week_files(tmp_path)
    _week_upload(browser, server, [files["two"], files["so"]])
    pdf = tmp_path / "in.pdf"
    pdf.write_bytes(base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {})["data"]))
    lines = "\n".join(page.extract_text() for page in PdfReader(pdf).pages).splitlines()
    assert lines[0].startswith("TỔNG HỢP SỐ LIỆU KẾT QUẢ TỔ CHỨC")   # no menu above the title
    units = [line for line in lines if line.startswith("ĐƠN VỊ: ")]
    assert units == ["ĐƠN VỊ: Trường TH C", "ĐƠN VỊ: Trường TH A"]
    assert lines.index(units[0]) > lines.index("Từng đơn vị")
    for screen_only in ("Tải về", "Tải lên tệp khác", "In trang này", "Tự kiểm tra"):
        assert not any(screen_only in line for line in lines), screen_only


@pytest.mark.parametrize("box, value, said", [
    ("ngay_bao_cao", "32/13/2023", "Ngày báo cáo «32/13/2023» không đọc được"),
    ("ngay", "31/02/2023", "Ô «Ngày lập»: '31/02/2023' không phải một ngày"),
    ("sheet", "Không có", "truong.xlsx: không có trang 'Không có': các trang là 'Sheet'"),
    ("files", "", "Tệp «rong.xlsx» rỗng."),
], ids=["report-date", "letterhead-date", "sheet", "files"])
def test_a_week_form_error_is_tied_to_its_box_and_has_the_focus(server, browser, tmp_path, box, value, said):
    """With the keyboard alone: the error was a line at the top of the page, tied to no box, and the
    focus at the start of the page. The box it is about is now marked invalid, described by the
    error, and focused, so the officer types the date again or chooses the files at once."""
    (tmp_path / "rong.xlsx").write_bytes(b"")
    school = openpyxl.Workbook()
    school.active.append(["Đơn vị", "Mục", "Số lượng"])
    school.active.append(["Trường TH A", "2", 1])
    school.save(tmp_path / "truong.xlsx")
    chosen = tmp_path / ("rong.xlsx" if box == "files" else "truong.xlsx")
    error = _week_upload(browser, server, [chosen], **({box: value} if value else {}))
    assert error.get_attribute("id") == "loi" and said in error.text
    field = browser.find_element(by("ID"), box)
    assert field.get_attribute("aria-invalid") == "true"
    assert field.get_attribute("aria-describedby") == f"loi {box}-hint"
    assert browser.switch_to.active_element == field
    others = [e for e in browser.find_elements(by("CSS_SELECTOR"), "form [aria-invalid]") if e != field]
    assert others == []


def _box_marked(browser, box: str, hint: bool = True) -> None:
    """The box the error is about is marked invalid, described by the error (and its hint), and has
    the keyboard's focus; no other box of the form is marked."""
    field = browser.find_element(by("ID"), box)
    assert field.get_attribute("aria-invalid") == "true"
    assert field.get_attribute("aria-describedby") == (f"loi {box}-hint" if hint else "loi")
    assert browser.switch_to.active_element == field
    others = [e for e in browser.find_elements(by("CSS_SELECTOR"), "form [aria-invalid]") if e != field]
    assert others == []


def _choose_unlisted(browser, select: str, value: str) -> None:
    """A value the select does not offer (a pack removed since the page was shown, a hand-made form)."""
    browser.execute_script("const s = document.getElementById(arguments[0]);"
                           "s.add(new Option(arguments[1], arguments[1], true, true));", select, value)


def _form_error(browser):
    submit(browser)
    return wait_for(lambda: browser.find_elements(by("ID"), "loi"))[0]


@pytest.mark.parametrize("box, value, said", [
    ("as_of", "32/13/2023", "Ngày đánh giá «32/13/2023» không đọc được"),
    ("pack", "khong-co", "Không có bộ tiêu chí «khong-co». Hãy chọn trong danh sách."),
    ("members", "", "không tính chỉ số nào từ tệp thành viên"),
    ("ngay", "31/02/2023", "Ô «Ngày lập»: '31/02/2023' không phải một ngày"),
    ("sap_xep", "Họ và tên", "Không sắp xếp được theo cột «Họ và tên»"),
    ("sheet", "Không có", "tu-danh-gia-2024.xlsx: không có trang 'Không có': các trang là 'Danh mục' (ẩn), 'Tự đánh giá'"),
    ("records", "", "Tệp «rong.xlsx» rỗng."),
], ids=["assessment-date", "pack", "members", "letterhead-date", "sort", "sheet", "records"])
def test_a_council_form_error_is_tied_to_its_box_and_has_the_focus(server, browser, tmp_path, box, value, said):
    """The council form said an error only as a line at the top, tied to no box, and the keyboard's
    focus went back to the page's start: the box it is about is now marked, described by the
    error, and focused, as on the Tuần lễ form. A sheet the workbook has not is found when the form
    is sent (it was the background job's failure page); the letterhead's date names its box."""
    (tmp_path / "rong.xlsx").write_bytes(b"")
    browser.get(server + "/hoi-dong")
    records = tmp_path / "rong.xlsx" if box == "records" else EXAMPLES / "council" / "tu-danh-gia-2024.xlsx"
    browser.find_element(by("ID"), "records").send_keys(str(records))
    if box == "pack":
        _choose_unlisted(browser, "pack", value)
    elif box == "members":   # Công dân học tập computes nothing from members
        browser.find_element(by("ID"), "members").send_keys(str(EXAMPLES / "members" / "members.csv"))
    elif value:
        browser.find_element(by("ID"), box).send_keys(value)
    error = _form_error(browser)
    assert said in error.text
    _box_marked(browser, box, hint=box != "pack")


@pytest.mark.parametrize("box, value, said", [
    ("year", "abc", "Năm «abc» không phải là một số năm (ví dụ 2030)."),
    ("year", "1999", "không có mục tiêu cho năm 1999"),
    ("goals", "khong-co", "không có gói mục tiêu 'khong-co'"),
    ("sheet", "Không có", "ds.xlsx: không có trang 'Không có': các trang là 'Sheet'"),
    ("staff", "", "Tệp «rong.csv» rỗng."),
], ids=["year-not-read", "year-without-targets", "goal-pack", "sheet", "staff-file"])
def test_a_goals_form_error_is_tied_to_its_box_and_has_the_focus(server, browser, tmp_path, box, value, said):
    """As the council form: the goals form's error is tied to the year, the goal pack, the sheet or
    the file box, which takes the focus."""
    from selenium.webdriver.support.ui import Select
    (tmp_path / "rong.csv").write_bytes(b"")
    book = openpyxl.Workbook()
    book.active.append(["Họ và tên", "Danh hiệu"])
    book.save(tmp_path / "ds.xlsx")
    staff = {"staff": tmp_path / "rong.csv", "sheet": tmp_path / "ds.xlsx"}.get(box, EXAMPLES / "goals" / "muc-tieu-langson-stnmt-2024.csv")
    browser.get(server + "/muc-tieu")
    browser.find_element(by("ID"), "staff").send_keys(str(staff))
    Select(browser.find_element(by("ID"), "goals")).select_by_value("muc-tieu-langson-stnmt-2024")
    if box == "goals":
        _choose_unlisted(browser, "goals", value)
    elif value:
        browser.find_element(by("ID"), box).send_keys(value)
    error = _form_error(browser)
    assert said in error.text
    _box_marked(browser, box, hint=box != "goals")


@pytest.mark.parametrize("query, said", [
    ("", "Văn bản để ký là bảng Excel tải về, có tiêu đề cơ quan, ngày và chỗ ký; trang này khi in thì không có."),
    ("?lang=en", "The document to sign is the downloaded Excel table, with the letterhead, date and signature lines; "
                 "this page, printed, has none of them."),
], ids=["vi", "en"])
def test_the_week_report_says_the_workbook_is_the_document_to_sign(server, browser, tmp_path, query, said):
    """The printed report page has no letterhead or signature lines: the page says, by the download
    link, that the downloaded workbook is the document to sign."""
    school = openpyxl.Workbook()
    school.active.append(["Đơn vị", "Mục", "Số lượng"])
    school.active.append(["Trường TH A", "2", 1])
    school.save(tmp_path / "truong.xlsx")
    _week_upload(browser, server, [tmp_path / "truong.xlsx"], query)
    note = browser.find_element(by("CSS_SELECTOR"), ".downloads + #de-ky")
    assert note.text == said


def test_the_printed_council_page_says_its_pack_and_day_and_no_links(server, browser, tmp_path):
    """Printed, the council's run page carried its 'Tải về' list and 'Tải tệp khác' link, and said
    neither the pack's version nor the day it was scored: the paper now says both, and no link."""
    import base64
    from scoring.selfcheck.today import check_day
    browser.get(server + "/hoi-dong")
    browser.find_element(by("ID"), "records").send_keys(str(EXAMPLES / "council" / "tu-danh-gia-2024.xlsx"))
    submit(browser)
    wait_for(lambda: browser.find_elements(by("ID"), "dem"))
    pdf = tmp_path / "in.pdf"
    pdf.write_bytes(base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {})["data"]))
    lines = "\n".join(page.extract_text() for page in PdfReader(pdf).pages).splitlines()
    assert lines[:3] == ["Kết quả chấm", "Công dân học tập (Quyết định 324/QĐ-KHVN)",
                         f"Bộ tiêu chí: cong-dan-hoc-tap, phiên bản 1.2 · Ngày chấm: {check_day():%d/%m/%Y}"]
    assert "Đã đọc 10 hồ sơ: 8 được chấm, 2 bị loại" in lines
    for screen_only in ("Tải về", "Danh sách đề nghị công nhận (PDF", "Tải tệp khác", "Tự kiểm tra"):
        assert not any(screen_only in line for line in lines), screen_only



def test_a_printed_self_check_form_carries_no_button_or_link(server, browser, tmp_path):
    """Printed to be answered on paper, the questions came with the 'Xem kết quả' button and the
    'Đổi lựa chọn' link under them."""
    import base64
    browser.get(server + "/tu-kiem-tra/cong-dan-hoc-tap?group=2")
    pdf = tmp_path / "in.pdf"
    pdf.write_bytes(base64.b64decode(browser.execute_cdp_cmd("Page.printToPDF", {})["data"]))
    lines = "\n".join(page.extract_text() for page in PdfReader(pdf).pages).splitlines()
    assert lines[:2] == ["Tự kiểm tra", "Công dân học tập (Quyết định 324/QĐ-KHVN)"]
    assert "Nhóm đối tượng: Người lao động" in lines
    for screen_only in ("Xem kết quả", "Đổi lựa chọn"):
        assert not any(screen_only in line for line in lines), screen_only
