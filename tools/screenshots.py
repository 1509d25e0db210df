"""Screenshots of the workspace's main pages for the README (docs/screenshots/), taken with
headless Chromium (Debian's package) over a copy of agencies/.

    .venv/bin/python tools/screenshots.py
"""

from __future__ import annotations

import os
import shutil
import socket
import sys
import tempfile
import threading
import time
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
OUT = ROOT / "docs" / "screenshots"
SLUG = "altai-zags"
PASSWORD = "пароль-для-снимков"


def main() -> int:
    import uvicorn
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service
    from selenium.webdriver.common.by import By

    from generator.signing import sign
    from generator.web.app import create_app
    from generator.web.storage import Storage, state_dir
    from generator.web.users import add_user

    os.environ.setdefault("SE_OFFLINE", "true")
    work = Path(tempfile.mkdtemp(prefix="prikaz-shots-"))
    shutil.copytree(ROOT / "agencies", work / "agencies")
    agencies = work / "agencies"
    add_user(Storage(state_dir(agencies)), agencies, "lawyer", "editor", [SLUG, "murmansk-tourism"], PASSWORD)
    add_user(Storage(state_dir(agencies)), agencies, "admin", "admin", [], PASSWORD)
    import datetime as dt

    sign(agencies, SLUG, dt.date(2024, 3, 28), "П-12-01/0019")
    path = agencies / f"{SLUG}.toml"
    path.write_text(path.read_text(encoding="utf-8").replace(
        'process = "Государственная регистрация актов гражданского состояния"',
        'process = "Государственная регистрация актов гражданского состояния и архивное дело"'), encoding="utf-8")
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        port = s.getsockname()[1]
    server = uvicorn.Server(uvicorn.Config(create_app(agencies), host="127.0.0.1", port=port, log_level="warning"))
    threading.Thread(target=server.run, daemon=True).start()
    while not server.started:
        time.sleep(0.05)
    base = f"http://127.0.0.1:{port}"
    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    for flag in ("--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
                 "--disable-component-update", "--no-first-run", "--disable-sync",
                 f"--user-data-dir={work / 'profile'}", "--window-size=1360,900", "--hide-scrollbars"):
        options.add_argument(flag)
    driver = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    OUT.mkdir(parents=True, exist_ok=True)
    try:
        driver.get(f"{base}/login")
        driver.save_screenshot(str(OUT / "login.png"))
        driver.find_element(By.NAME, "username").send_keys("lawyer")
        driver.find_element(By.NAME, "password").send_keys(PASSWORD)
        driver.find_element(By.CSS_SELECTOR, "#login-form button").click()
        time.sleep(1)
        driver.get(f"{base}/")
        driver.save_screenshot(str(OUT / "bodies.png"))
        driver.get(f"{base}/agencies/{SLUG}")
        deadline = time.time() + 120
        while time.time() < deadline and not driver.find_elements(By.CSS_SELECTOR, "#preview img"):
            time.sleep(0.3)
        time.sleep(1)
        driver.save_screenshot(str(OUT / "body.png"))
        for name, url in (("register", "register"), ("edit", "edit"), ("history", "history"),
                          ("overrides", "overrides")):
            driver.get(f"{base}/agencies/{SLUG}/{url}")
            driver.save_screenshot(str(OUT / f"{name}.png"))
        driver.get(f"{base}/agencies/{SLUG}/editions")
        driver.execute_script("document.querySelector('#amend-form [name=date]').value = '2024-09-02'")
        driver.find_element(By.CSS_SELECTOR, "#amend-form [name=number]").send_keys("П-12-01/0101")
        driver.find_element(By.ID, "amend").click()
        time.sleep(2)
        driver.save_screenshot(str(OUT / "amend.png"))
        _as_admin(driver, base, By)
    finally:
        driver.quit()
        server.should_exit = True
        shutil.rmtree(work, ignore_errors=True)
    print(f"✓ снимки в {OUT}")
    return 0


def _as_admin(driver: Any, base: str, by: Any) -> None:
    """The administrator's pages: a region profile's form and the users with their roles."""
    driver.delete_all_cookies()
    driver.get(f"{base}/login")
    driver.find_element(by.NAME, "username").send_keys("admin")
    driver.find_element(by.NAME, "password").send_keys(PASSWORD)
    driver.find_element(by.CSS_SELECTOR, "#login-form button").click()
    time.sleep(1)
    for name, url in (("region", "/regions/altai/edit"), ("users", "/users")):
        driver.get(f"{base}{url}")
        driver.save_screenshot(str(OUT / f"{name}.png"))


if __name__ == "__main__":
    sys.exit(main())
