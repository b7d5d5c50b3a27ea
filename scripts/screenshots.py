"""Screenshots of every page of ``hoctap serve`` at phone (375 px) and desktop (1280 px) widths.

    .venv/bin/python scripts/screenshots.py [--out screenshots]

Starts the server on a free loopback port, drives the system's Chromium through each page (a
self-check that falls short, its result, a form with wrong answers, a council upload and its
results, a refused upload, a goal report), and saves full-page PNGs into ``--out`` (not
committed: it is in .gitignore), for a person to look at. Not a test: it asserts nothing.
"""
from __future__ import annotations

import argparse
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "tests"))

from browser import chromium, full_page_screenshot, running_server, wait_for  # noqa: E402

SHORT = {"1.1": "9", "1.2": "9", "1.3": "8", "1.4": "8", "2.1": "9", "2.2": "4", "2.3": "9", "2.4": "8",
         "3.1": "8", "3.2": "8"}


def fill(driver, answers: dict[str, str]) -> None:
    from selenium.webdriver.common.by import By
    for name, value in answers.items():
        box = driver.find_element(By.NAME, name)
        box.clear()
        box.send_keys(value)


def shoot(base: str, out: Path, width: int) -> list[Path]:
    from selenium.webdriver.common.by import By
    from selenium.webdriver.support.ui import Select
    saved: list[Path] = []
    with chromium(width=width) as driver:
        def snap(name: str) -> None:
            path = out / f"{width}-{name}.png"
            full_page_screenshot(driver, path, width)
            saved.append(path)

        def submit() -> None:
            driver.find_element(By.CSS_SELECTOR, "form button[type=submit].primary").click()

        driver.get(base + "/")
        snap("01-trang-chu")
        driver.get(base + "/tu-kiem-tra")
        snap("02-chon-bo-tieu-chi")
        driver.get(base + "/tu-kiem-tra/cong-dan-hoc-tap?group=2")
        snap("03-cau-hoi")
        fill(driver, {**SHORT, "2.2": "bốn", "3.1": "11"})
        submit()
        snap("04-tra-loi-sai")
        fill(driver, SHORT)
        submit()
        snap("05-ket-qua-chua-dat")
        driver.get(base + "/tu-kiem-tra/don-vi-hoc-tap-tt24-huyen?loai_don_vi=to_chuc_khac")
        snap("06-cau-hoi-don-vi")
        driver.get(base + "/hoi-dong")
        snap("07-hoi-dong")
        driver.find_element(By.ID, "records").send_keys(str(ROOT / "examples/council/tu-danh-gia-2024.xlsx"))
        submit()
        wait_for(lambda: driver.find_elements(By.ID, "dem") or driver.find_elements(By.ID, "loi"))
        snap("08-hoi-dong-ket-qua")
        with tempfile.TemporaryDirectory() as tmp:
            fake = Path(tmp) / "ho-so.csv"
            fake.write_bytes(b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj\n")
            driver.get(base + "/hoi-dong")
            driver.find_element(By.ID, "records").send_keys(str(fake))
            submit()
            snap("09-tep-sai")
        driver.get(base + "/muc-tieu")
        snap("10-muc-tieu")
        driver.find_element(By.ID, "staff").send_keys(str(ROOT / "examples/goals/muc-tieu-langson-stnmt-2024.csv"))
        Select(driver.find_element(By.ID, "goals")).select_by_value("muc-tieu-langson-stnmt-2024")
        driver.find_element(By.ID, "year").send_keys("2030")
        submit()
        snap("11-muc-tieu-ket-qua")
        driver.get(base + "/?lang=en")
        snap("12-english")
    return saved


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", type=Path, default=ROOT / "screenshots")
    parser.add_argument("--widths", type=int, nargs="+", default=[375, 1280])
    args = parser.parse_args()
    args.out.mkdir(parents=True, exist_ok=True)
    with running_server() as base:
        for width in args.widths:
            for path in shoot(base, args.out, width):
                print(path)


if __name__ == "__main__":
    main()
