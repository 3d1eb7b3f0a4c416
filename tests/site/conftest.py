"""Fixtures for the browser tests: a fresh build of the site, served on 127.0.0.1 the way
GitHub Pages serves it, and headless Chromium that records every request it makes.

There is no skipping here: with no browser the tests fail and say how to install one.
"""
from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path
from urllib.parse import urlparse

import pytest
from playwright.sync_api import sync_playwright

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from build_tools import browser as browser_finder  # noqa: E402
from build_tools import serve  # noqa: E402


@pytest.fixture(scope="session")
def built_site(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("site")


@pytest.fixture(scope="session")
def site_url(built_site) -> str:
    # Instant navigation only works when site_url matches where the site is served, so the
    # server picks its port first and the site is built for that address.
    server = serve.start(built_site)
    url = f"http://127.0.0.1:{server.server_port}/"
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(built_site)],
                   cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url})
    yield url
    server.shutdown()


@pytest.fixture(scope="session")
def browser():
    executable = browser_finder.find()
    if not executable:
        pytest.fail("No Chrome or Chromium found: run `python build_tools/browser.py --install` or set CHROME_PATH")
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=executable, headless=True,
                                              args=browser_finder.LAUNCH_ARGS)
        yield launched
        launched.close()


class RecordedPage:
    """A page plus every URL it requested and every console error, for the privacy checks."""

    def __init__(self, context, site_url):
        self.context = context
        self.page = context.new_page()
        self.site_url = site_url
        self.requests: list[str] = []
        self.errors: list[str] = []
        context.on("request", lambda request: self.requests.append(request.url))
        self.page.on("pageerror", lambda error: self.errors.append(str(error)))

    def foreign_requests(self) -> list[str]:
        local = urlparse(self.site_url).netloc
        return [url for url in self.requests
                if urlparse(url).scheme in ("http", "https", "ws", "wss") and urlparse(url).netloc != local]


@pytest.fixture
def recorded(browser, site_url):
    context = browser.new_context()
    recorded_page = RecordedPage(context, site_url)
    yield recorded_page
    context.close()
    assert recorded_page.foreign_requests() == [], "the site asked another host for something"
    assert recorded_page.errors == [], f"the page raised: {recorded_page.errors}"


def wait_for_python(page, timeout_ms: int = 90000) -> None:
    """Wait until the calculator says Python is ready (polls with evaluate: safe under a strict CSP)."""
    page.wait_for_selector('[data-python-status][data-state="ready"]', state="attached", timeout=timeout_ms)
