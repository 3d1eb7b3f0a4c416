"""The service worker: a visit with the network gone still answers, and a new deploy replaces
the old cache without an old page ever being shown after a reload.

Each test serves its own copy of the built site from a folder it can switch (a deploy) or a
server it can stop (the network gone); the session's server is left alone.
"""
from __future__ import annotations

import shutil
import time
from pathlib import Path

import pytest

from build_tools import serve, service_worker

from .conftest import wait_for_python

CALCULATOR = "calculators/deadline/?rule=romm-service-2&date=20%2F12%2F2024"


def wait_until(page, expression: str, timeout_s: float = 90):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        if page.evaluate(f"async () => {expression}"):
            return
        time.sleep(0.1)
    raise AssertionError(f"still false after {timeout_s} s: {expression}")


def python_kept(page) -> bool:
    """True once the service worker holds every Python file (RUNTIME in sw.js) in its cache."""
    return page.evaluate("""async () => {
        const source = await (await fetch(new URL("/sw.js", location.href))).text();
        const runtime = JSON.parse(source.match(/const RUNTIME = (.*);/)[1]);
        const names = (await caches.keys()).filter((name) => name.startsWith("centre-guide-"));
        if (names.length !== 1) return false;
        const cache = await caches.open(names[0]);
        for (const path of runtime) if (!(await cache.match(new URL("/" + path, location.href)))) return false;
        return true;
    }""")


def answer_text(page) -> str:
    page.wait_for_selector("[data-calculator] [data-result] *", timeout=90000)
    return page.inner_text("[data-calculator] [data-result]")


@pytest.fixture
def own_copy(site_url, built_site, tmp_path):
    """A copy of the built site behind a symlink (switching it is a deploy) and its own server."""
    first = tmp_path / "deploy-a"
    shutil.copytree(built_site, first)
    live = tmp_path / "live"
    live.symlink_to(first)
    server = serve.start(live)
    yield live, f"http://127.0.0.1:{server.server_port}/", server
    server.shutdown()
    server.server_close()


@pytest.fixture
def context(browser):
    context = browser.new_context(service_workers="allow")
    yield context
    context.close()


def test_a_calculator_visited_once_answers_again_with_the_network_gone(own_copy, context):
    live, url, server = own_copy
    page = context.new_page()
    page.goto(url + CALCULATOR)
    online_answer = answer_text(page)
    wait_until(page, "!!navigator.serviceWorker.controller")
    deadline = time.monotonic() + 90
    while not python_kept(page):
        assert time.monotonic() < deadline, "the service worker never kept Python"
        time.sleep(0.2)

    server.shutdown()
    server.server_close()  # nothing listens now: every request to the network fails

    page.reload()
    wait_for_python(page)
    assert answer_text(page) == online_answer
    # A guidance page the reader never opened was kept when the service worker installed.
    page.goto(url + "post-results/")
    assert page.locator("h1").count() == 1


def test_a_new_deploy_is_shown_on_reload_and_replaces_the_old_cache(own_copy, context, tmp_path):
    live, url, _ = own_copy
    page = context.new_page()
    page.goto(url + CALCULATOR)
    answer_text(page)
    wait_until(page, "!!navigator.serviceWorker.controller")
    site_caches = "(await caches.keys()).filter((name) => name.startsWith('centre-guide-'))"
    old_caches = page.evaluate(f"async () => {site_caches}")

    second = tmp_path / "deploy-b"
    shutil.copytree(live.resolve(), second)
    page_file = second / "calculators" / "deadline" / "index.html"
    page_file.write_text(page_file.read_text().replace("</h1>", " (deploy B)</h1>", 1))
    build_b = service_worker.publish(second)
    live.unlink()
    live.symlink_to(second)

    page.reload()
    assert "(deploy B)" in page.inner_text("h1")
    answer_text(page)
    wait_until(page, f"{site_caches}.join() === 'centre-guide-{build_b}'", 60)
    assert old_caches and old_caches != [f"centre-guide-{build_b}"]
    page.reload()
    assert "(deploy B)" in page.inner_text("h1")
