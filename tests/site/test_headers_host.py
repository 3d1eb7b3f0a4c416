"""The built site served as a host that reads the build's `_headers` file serves it (Cloudflare
Pages, Netlify): the Content-Security-Policy arrives as a header, so unlike the pages' <meta>
policy it also governs the module worker that runs Python, and the calculators must still work
under it. Served by build_tools/serve.py --headers from the session's build, on its own port.
"""
from __future__ import annotations

import re
import urllib.request
from html import unescape

import pytest

from build_tools import headers, serve

from .conftest import RecordedPage, wait_for_python

META_POLICY = re.compile(r'<meta http-equiv="Content-Security-Policy" content="([^"]+)">')


@pytest.fixture(scope="module")
def host_url(site_url, built_site):
    # site_url first: it builds the site (and its _headers) into built_site.
    server = serve.start(built_site, headers=True)
    yield f"http://127.0.0.1:{server.server_port}/"
    server.shutdown()
    server.server_close()


@pytest.fixture
def host_page(browser, host_url):
    context = browser.new_context()
    recorded = RecordedPage(context, host_url)
    recorded.responses = []
    context.on("response", lambda response: recorded.responses.append(response))
    yield recorded
    context.close()
    assert recorded.csp_violations == [], f"the Content-Security-Policy refused: {recorded.csp_violations}"
    assert recorded.foreign_requests() == [], "the site asked another host for something"
    assert recorded.errors == [], f"the page raised: {recorded.errors}"


def fetch_headers(url: str, method: str = "GET"):
    with urllib.request.urlopen(urllib.request.Request(url, method=method)) as response:
        return response.headers, response.read().decode("utf-8", "replace")


def directives(policy: str) -> dict[str, list[str]]:
    return {part.split()[0]: part.split()[1:] for part in policy.split("; ")}


def test_each_response_carries_the_header_policy_and_one_cache_rule(host_url, built_site):
    page_headers, html = fetch_headers(host_url + "calculators/deadline/")
    meta = unescape(META_POLICY.search(html).group(1))
    assert page_headers.get_all("Content-Security-Policy") == [headers.header_policy(meta)]
    assert page_headers.get_all("Cache-Control") == [headers.SHORT]
    wheel = next(built_site.glob("assets/py/calculators-*.whl")).relative_to(built_site).as_posix()
    wasm = next(built_site.glob("pyodide/*/pyodide.asm.wasm")).relative_to(built_site).as_posix()
    for immutable in (wheel, wasm):
        assert fetch_headers(host_url + immutable, "HEAD")[0].get_all("Cache-Control") == [headers.LONG], immutable
    assert fetch_headers(host_url + "assets/js/python-worker.js", "HEAD")[0].get_all("Cache-Control") == [headers.SHORT]


def test_the_deadline_calculator_answers_under_the_header_policy(host_page, host_url):
    page = host_page.page
    page.goto(host_url + "calculators/deadline/")
    wait_for_python(page)
    page.select_option("#deadline-rule", "romm-service-2")
    page.fill("#deadline-date", "20/12/2024")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] .cg-panel__answer", timeout=90000)
    assert page.locator("[data-result] .cg-panel__answer").inner_text() == "Thursday 9 January 2025"
    # The worker really ran under the header (a <meta> policy never reaches it) and still
    # compiled Pyodide's WebAssembly: the policy allowed exactly what it needs.
    worker = [response for response in host_page.responses if response.url.endswith("/python-worker.js")]
    assert worker, "the page started no Python worker"
    policy = directives(worker[0].all_headers()["content-security-policy"])
    assert "'wasm-unsafe-eval'" in policy["script-src"] and policy["frame-ancestors"] == ["'none'"]
    assert any(response.url.endswith(("pyodide.asm.wasm", "pyodide.asm.wasm.br.bin")) for response in host_page.responses)
