"""A real server and a real browser for the web tests and the screenshot script.

The server is the application of ``hoctap serve`` run by uvicorn in a thread, on a free
loopback port. The browser is the system's Chromium (Debian packages ``chromium`` and
``chromium-driver``) driven by selenium through /usr/bin/chromedriver: nothing is downloaded.
"""
from __future__ import annotations

import shutil
import socket
import tempfile
import threading
import time
from contextlib import contextmanager
from pathlib import Path
from typing import Iterator

CHROMIUM = ("/usr/bin/chromium", "/usr/bin/chromium-browser")
CHROMEDRIVER = ("/usr/bin/chromedriver",)


def found(candidates: tuple[str, ...], name: str) -> str | None:
    return next((p for p in candidates if Path(p).exists()), None) or shutil.which(name)


def browser_paths() -> tuple[str, str] | None:
    """(chromium, chromedriver), or None when either is not installed."""
    chromium, driver = found(CHROMIUM, "chromium"), found(CHROMEDRIVER, "chromedriver")
    return (chromium, driver) if chromium and driver else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@contextmanager
def running_server(settings=None) -> Iterator[str]:
    """The web application on http://127.0.0.1:PORT, stopped (and its jobs' files deleted) at the end."""
    import uvicorn
    from scoring.web.app import Settings, create_app
    port = free_port()
    config = uvicorn.Config(create_app(settings or Settings()), host="127.0.0.1", port=port,
                            access_log=False, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("the web server did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(10)


@contextmanager
def chromium(width: int = 1280, height: int = 900, downloads: Path | None = None) -> Iterator:
    """A headless Chromium of the system, with the flags this machine needs (no sandbox as root,
    no background connections to a closed network), a fresh profile, downloads into ``downloads``."""
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    paths = browser_paths()
    assert paths is not None, "no chromium installed"
    profile = tempfile.mkdtemp(prefix="hoctap-chromium-")
    options = webdriver.ChromeOptions()
    options.binary_location = paths[0]
    for flag in ("--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                 "--no-first-run", "--disable-background-networking", "--disable-component-update",
                 "--disable-sync", "--disable-extensions", f"--user-data-dir={profile}",
                 f"--window-size={width},{height}", "--lang=vi", "--force-device-scale-factor=1"):
        options.add_argument(flag)
    if downloads is not None:
        options.add_experimental_option("prefs", {"download.default_directory": str(downloads),
                                                  "download.prompt_for_download": False})
    driver = webdriver.Chrome(options=options, service=Service(executable_path=paths[1]))
    try:
        if downloads is not None:
            driver.execute_cdp_cmd("Page.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})
        yield driver
    finally:
        driver.quit()
        shutil.rmtree(profile, ignore_errors=True)


def wait_for(predicate, timeout: float = 20, step: float = 0.1):
    """Poll ``predicate`` until it returns something true; fail with a clear message on timeout."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        value = predicate()
        if value:
            return value
        time.sleep(step)
    raise AssertionError(f"timed out after {timeout:g}s waiting for {getattr(predicate, '__name__', predicate)}")


def full_page_screenshot(driver, path: Path, width: int) -> None:
    """The whole page, not only the window: the window is made as tall as the page first."""
    driver.set_window_size(width, 700)   # measured at a small height: the page, not the last window
    time.sleep(0.05)
    height = driver.execute_script("return Math.max(document.body.scrollHeight, document.documentElement.scrollHeight)")
    driver.set_window_size(width, min(max(height + 120, 600), 12000))
    time.sleep(0.1)
    driver.save_screenshot(str(path))
