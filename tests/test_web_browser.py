"""The workspace in a real browser: Debian's Chromium driven by Selenium against
«prikaz serve»'s application on 127.0.0.1, with the real preview (typeset by Typst).

It logs in, edits a register row, saves, sees the preview change, downloads the PDF,
signs an edition, changes a word and drafts the amending order. Slow (a real browser);
«make test» installs chromium and chromium-driver and runs it.
"""

from __future__ import annotations

import os
import socket
import tempfile
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from pypdf import PdfReader

from generator.web.app import create_app
from generator.web.storage import Storage, state_dir
from generator.web.users import add_user

CHROMIUM = Path("/usr/bin/chromium")
DRIVER = Path("/usr/bin/chromedriver")
SLUG = "altai-zags"
PASSWORD = "пароль-для-браузера"

pytestmark = [pytest.mark.slow,
              pytest.mark.skipif(not (CHROMIUM.exists() and DRIVER.exists()),
                                 reason="нет chromium и chromium-driver: «make test» ставит их")]


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


@pytest.fixture
def server(agencies: Path) -> Iterator[str]:
    import uvicorn

    add_user(Storage(state_dir(agencies)), agencies, "egor", "editor", [SLUG], PASSWORD)
    app = create_app(agencies)  # the renderer of «prikaz serve»
    port = free_port()
    srv = uvicorn.Server(uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning"))
    thread = threading.Thread(target=srv.run, daemon=True)
    thread.start()
    deadline = time.time() + 30
    while not srv.started and time.time() < deadline:
        time.sleep(0.05)
    yield f"http://127.0.0.1:{port}"
    srv.should_exit = True
    thread.join(timeout=10)


@pytest.fixture
def browser(tmp_path: Path) -> Iterator[object]:
    os.environ.setdefault("SE_OFFLINE", "true")  # Selenium Manager must not download anything
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = str(CHROMIUM)
    profile = tempfile.mkdtemp(prefix="chromium-", dir=tmp_path)
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync", f"--user-data-dir={profile}",
                 "--window-size=1400,1000"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service(str(DRIVER)))
    driver.implicitly_wait(0)
    try:
        yield driver
    finally:
        driver.quit()


def wait(condition, timeout: float = 120.0):  # type: ignore[no-untyped-def]
    deadline = time.time() + timeout
    while time.time() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.2)
    raise AssertionError("не дождались условия")


def preview_key(driver) -> str:  # type: ignore[no-untyped-def]
    """The content key of the preview once its pages are loaded (all images decoded)."""
    script = ("const p = document.querySelector('#preview .pages'); if (!p) return null;"
              "const imgs = [...p.querySelectorAll('img')];"
              "return imgs.length && imgs.every(i => i.complete && i.naturalWidth > 0) ? p.dataset.key : null;")
    return str(wait(lambda: driver.execute_script(script)))


def submit(driver, form_id: str, values: dict[str, str]) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    form = driver.find_element(By.ID, form_id)
    for name, value in values.items():
        field = form.find_element(By.NAME, name)
        field.clear()
        field.send_keys(value)
    form.find_element(By.CSS_SELECTOR, "button[type=submit]").click()


def edit_first_process(driver, base: str, old: str, new: str) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver.get(f"{base}/agencies/{SLUG}/register")
    process = driver.find_element(By.NAME, "register.rows[0].process")
    assert process.get_attribute("value") == old
    process.clear()
    process.send_keys(new)
    driver.find_element(By.ID, "save").click()
    wait(lambda: driver.current_url.endswith("?saved=1"))


def test_browser_edit_preview_download_sign_amend(server: str, browser, agencies: Path, tmp_path: Path) -> None:  # type: ignore[no-untyped-def]
    from selenium.webdriver.common.by import By

    driver = browser
    downloads = tmp_path / "downloads"
    downloads.mkdir()
    driver.execute_cdp_cmd("Browser.setDownloadBehavior", {"behavior": "allow", "downloadPath": str(downloads)})

    driver.get(f"{server}/agencies/{SLUG}")  # not signed in: the login page
    wait(lambda: "/login" in driver.current_url)
    submit(driver, "login-form", {"username": "egor", "password": PASSWORD})
    wait(lambda: driver.current_url.endswith(f"/agencies/{SLUG}"))
    first = preview_key(driver)

    process = "Государственная регистрация актов гражданского состояния"
    edit_first_process(driver, server, process, process + " и архивное дело")
    second = preview_key(driver)
    assert second != first  # the preview shows the saved version
    assert "и архивное дело" in (agencies / f"{SLUG}.toml").read_text(encoding="utf-8")

    driver.find_element(By.ID, "download-pdf").click()
    pdf = wait(lambda: next((p for p in downloads.glob("*.pdf") if p.stat().st_size > 0), None))
    info = PdfReader(pdf).metadata
    assert info is not None and str(info.creator).startswith("Typst")  # the PDF for signing, as «prikaz build»'s

    driver.get(f"{server}/agencies/{SLUG}/editions")
    driver.execute_script("document.querySelector('#sign-form [name=date]').value = '2024-03-28'")
    submit(driver, "sign-form", {"number": "П-12-01/0019"})
    wait(lambda: "от 28.03.2024 № П-12-01/0019" in driver.page_source)

    edit_first_process(driver, server, process + " и архивное дело", process + " и архивное хранение")
    driver.get(f"{server}/agencies/{SLUG}/editions")
    assert "составьте приказ о внесении изменений" in driver.page_source
    driver.execute_script("document.querySelector('#amend-form [name=date]').value = '2024-09-02'")
    submit(driver, "amend-form", {"number": "П-12-01/0101"})
    order = wait(lambda: driver.find_elements(By.ID, "order"))[0].text
    assert "О внесении изменени" in order and "архивное хранение" in order
    assert "{+" in driver.find_element(By.ID, "redline").text
