"""End to end in a real browser: the system's headless Chromium (``.ci/run`` installs the Debian
packages chromium and chromium-driver when missing) against ``hoctap serve``'s application on a
free loopback port. Skipped, saying why, only where no Chromium is installed."""
from __future__ import annotations

import time
from pathlib import Path

import openpyxl
import pytest

from browser import browser_paths, chromium, running_server, wait_for
from conftest import EXAMPLES

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
    assert browser.find_element(by("ID"), "tong-diem").text == "81.5/100"
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
    assert "cần ≥ 5/10" in missing.text
    assert browser.find_element(by("CSS_SELECTOR"), "[data-print]").is_displayed()   # the script ran
    browser.find_element(by("CSS_SELECTOR"), "button[name=format][value=txt]").click()
    saved = wait_for(lambda: [p for p in downloads.glob("tu-kiem-tra-*.txt")])
    assert "Còn thiếu để đạt “Đạt danh hiệu Công dân học tập”" in saved[0].read_text(encoding="utf-8")


def test_a_wrong_answer_is_marked_and_kept(server, browser):
    browser.get(server + "/tu-kiem-tra/cong-dan-hoc-tap?group=1")
    for name, value in {**DAT, "2.2": "bốn"}.items():
        browser.find_element(by("NAME"), name).send_keys(value)
    submit(browser)
    error = wait_for(lambda: browser.find_elements(by("CSS_SELECTOR"), ".has-error .error"))
    assert "«bốn» không phải là một số" in error[0].text
    box = browser.find_element(by("NAME"), "2.2")
    assert box.get_attribute("value") == "bốn" and box.get_attribute("aria-invalid") == "true"


def test_council_workbook_uploaded_and_both_files_downloaded(server, browser, downloads):
    browser.get(server + "/hoi-dong")
    browser.find_element(by("ID"), "records").send_keys(str(EXAMPLES / "council" / "tu-danh-gia-2024.xlsx"))
    submit(browser)
    counts = wait_for(lambda: browser.find_elements(by("ID"), "dem") or browser.find_elements(by("ID"), "loi"))[0]
    assert counts.text == "10 bản ghi đã đọc: 8 được chấm, 2 bị loại"
    assert "tu-danh-gia-2024.xlsx:Tự đánh giá!" in browser.find_element(by("CSS_SELECTOR"), "table.rejected").text
    assert browser.find_elements(by("CSS_SELECTOR"), "table.disagree tbody tr")
    for link, name in (("tai-ket-qua", "ket-qua.xlsx"), ("tai-danh-sach", "danh-sach-cong-nhan.xlsx")):
        browser.find_element(by("ID"), link).click()
        path = wait_for(lambda: (downloads / name).exists() and not list(downloads.glob("*.crdownload")) and downloads / name)
        book = openpyxl.load_workbook(path)
        assert ("Kết quả" in book.sheetnames) if name == "ket-qua.xlsx" else ("Danh sách công nhận" in book.sheetnames)


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


@pytest.mark.parametrize("path", ["/", "/tu-kiem-tra", "/tu-kiem-tra/cong-dan-hoc-tap?group=1",
                                  "/tu-kiem-tra/don-vi-hoc-tap-tt24-huyen?loai_don_vi=to_chuc_khac",
                                  "/hoi-dong", "/muc-tieu", "/?lang=en"])
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
