"""Find a Chrome or Chromium to drive, or install one the ordinary way for this machine.

Order: $CHROME_PATH, then Chromium/Chrome on PATH or in the usual places, then the browser
Playwright manages. `python build_tools/browser.py --install` installs one if none is found:
Debian's `chromium` package when running as root with apt-get, else `playwright install chromium`.
"""
from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

NAMES = ("chromium", "chromium-browser", "google-chrome", "google-chrome-stable", "chrome")
PLACES = (
    "/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome",
    "/Applications/Google Chrome.app/Contents/MacOS/Google Chrome",
    "/Applications/Chromium.app/Contents/MacOS/Chromium",
    r"C:\Program Files\Google\Chrome\Application\chrome.exe",
)
# Flags that let Chromium run headless as root on a machine with no outside network.
LAUNCH_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
    "--disable-background-networking", "--disable-component-update", "--disable-sync",
]


def system_browser() -> str | None:
    if os.environ.get("CHROME_PATH"):
        return os.environ["CHROME_PATH"]
    for name in NAMES:
        found = shutil.which(name)
        if found:
            return found
    return next((place for place in PLACES if Path(place).is_file()), None)


def playwright_browser() -> str | None:
    try:
        from playwright.sync_api import sync_playwright
        with sync_playwright() as playwright:
            path = playwright.chromium.executable_path
        return path if Path(path).is_file() else None
    except Exception:
        return None


def find() -> str | None:
    return system_browser() or playwright_browser()


def install() -> str:
    found = find()
    if found:
        return found
    if sys.platform.startswith("linux") and shutil.which("apt-get") and os.geteuid() == 0:
        subprocess.run(["apt-get", "update", "-qq"], check=True)
        subprocess.run(["apt-get", "install", "-y", "-qq", "chromium"], check=True,
                       env={**os.environ, "DEBIAN_FRONTEND": "noninteractive"})
    else:
        subprocess.run([sys.executable, "-m", "playwright", "install", "chromium"], check=True)
    found = find()
    if not found:
        raise SystemExit("No Chrome or Chromium could be found or installed; set CHROME_PATH.")
    return found


if __name__ == "__main__":
    print(install() if "--install" in sys.argv else (find() or "none"))
