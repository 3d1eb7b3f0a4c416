"""Every part of the calculator's runtime failing in turn, simulated with Playwright routing: the
runtime files missing, served with the wrong type, cut short or blocked; the worker crashing in
the middle of a calculation; JavaScript turned off. Each time the guidance stays readable, what
was typed stays in the form, and the page says what went wrong and what to do: try again, or
use the rules and their sources, which are printed on the page itself."""
from __future__ import annotations

import pytest

from .conftest import ROOT, wait_for_python

PAGE = "calculators/deadline/"
# Pyodide hangs rather than fails on some of these (FACTS.md), so the boot timeout is cut to
# a few seconds through the client's test-only hook, set before any page script runs.
SHORT_BOOT = "window.__centreGuideTestBootTimeoutMs = 8000;"

# Pyodide's wasm, plain or the brotli copy a first visit fetches (python-worker.js wasmResponse):
# a boot that cannot get it one way falls back to the other, so both are spoiled.
WASM = "**/{pyodide/*/pyodide.asm.wasm,assets/wasm-br/*/pyodide.asm.wasm.br.bin}"
LOADER = "**/pyodide/*/pyodide.mjs"
RUNTIME = "**/pyodide/*/pyodide.asm.mjs"
WHEEL = "**/assets/py/calculators-*.whl"
STDLIB = "**/python_stdlib*.zip"
WORKER = "**/assets/js/python-worker.js*"


def missing(route):
    route.fulfill(status=404, content_type="text/html", body="<h1>Not found</h1>")


def wrong_type(route):
    response = route.fetch()
    route.fulfill(response=response, headers={**response.headers, "content-type": "text/html; charset=utf-8"})


def cut_short(route):
    response = route.fetch()
    body = response.body()
    headers = {name: value for name, value in response.headers.items()
               if name.lower() not in ("content-length", "content-encoding")}
    route.fulfill(status=200, headers=headers, body=body[: len(body) // 3])


def wasm_wrong_type(route):
    """The worker makes its own response for the brotli copy, so a wrong type there does no harm:
    that copy is missing here, and the plain wasm the fallback fetches has the wrong type."""
    missing(route) if route.request.url.endswith(".br.bin") else wrong_type(route)


def blocked(route):
    route.abort("blockedbyclient")


FAILURES = [
    pytest.param(WASM, missing, id="wasm-404"),
    pytest.param(LOADER, missing, id="loader-404"),
    pytest.param(RUNTIME, missing, id="runtime-404"),
    pytest.param(WHEEL, missing, id="calculators-wheel-404"),
    pytest.param(WORKER, missing, id="worker-404"),
    pytest.param(WASM, wasm_wrong_type, id="wasm-wrong-mime"),
    pytest.param(LOADER, wrong_type, id="loader-wrong-mime"),
    pytest.param(WORKER, wrong_type, id="worker-wrong-mime"),
    pytest.param(WASM, cut_short, id="wasm-truncated"),
    pytest.param(WHEEL, cut_short, id="calculators-wheel-truncated"),
    pytest.param(WASM, blocked, id="wasm-blocked"),
    pytest.param(WORKER, blocked, id="worker-blocked"),
]


def fill_the_form(page):
    page.select_option("#deadline-rule", "romm-service-2")
    page.fill("#deadline-date", "20/12/2024")


def assert_failure_is_explained_and_nothing_lost(page):
    status = page.locator("[data-python-status]")
    text = status.inner_text()
    assert "The calculator is not working (" in text, text
    assert "Your answers are kept" in text
    assert "rules and sources on this page" in text
    assert page.locator("[data-python-status] button.cg-retry").is_visible()
    # The guidance and the manual rule, with its source, are still there to read.
    assert page.locator("h1").is_visible()
    assert page.locator("table td", has_text="Pearson").count() > 0
    assert page.input_value("#deadline-date") == "20/12/2024"
    assert page.input_value("#deadline-rule") == "romm-service-2"


def answer_after_retry(page):
    page.evaluate("() => { delete window.__centreGuideTestBootTimeoutMs; }")  # the retry gets the full time
    page.click("[data-python-status] button.cg-retry")
    wait_for_python(page)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] .cg-panel__answer", timeout=30000)
    return page.inner_text("[data-result] .cg-panel__answer")


@pytest.mark.parametrize("pattern, spoil", FAILURES)
def test_a_broken_runtime_file_is_explained_the_form_is_kept_and_retry_works(recorded, site_url, pattern, spoil):
    page = recorded.page
    recorded.context.add_init_script(SHORT_BOOT)
    recorded.context.route(pattern, spoil)
    page.goto(site_url + PAGE)
    fill_the_form(page)
    page.click("button[type=submit]")
    page.wait_for_selector('[data-python-status][data-state="failed"]', state="attached", timeout=60000)
    assert_failure_is_explained_and_nothing_lost(page)
    assert page.locator("[data-result] *").count() == 0
    recorded.context.unroute_all(behavior="wait")  # a spoiled response still on its way finishes first
    assert answer_after_retry(page) == "Thursday 9 January 2025"
    # A refused module worker or wasm is not a CSP refusal; the recorded fixture would say so.
    recorded.errors.clear()


@pytest.mark.parametrize("spoil", [pytest.param(missing, id="404"), pytest.param(blocked, id="blocked")])
def test_without_the_standard_library_zip_the_calculator_still_answers_or_says_why(recorded, site_url, spoil):
    # The start-up snapshot already holds every module the calculators import, so Python can
    # start without the zip; without the snapshot it cannot, and must say so.
    page = recorded.page
    recorded.context.add_init_script(SHORT_BOOT)
    recorded.context.route(STDLIB, spoil)
    page.goto(site_url + PAGE)
    fill_the_form(page)
    page.click("button[type=submit]")
    page.wait_for_selector('[data-python-status][data-state="failed"], [data-result] .cg-panel__answer',
                           state="attached", timeout=60000)
    if page.get_attribute("[data-python-status]", "data-state") == "failed":
        assert_failure_is_explained_and_nothing_lost(page)
    else:
        assert page.inner_text("[data-result] .cg-panel__answer") == "Thursday 9 January 2025"
    recorded.errors.clear()  # Pyodide reports the missing zip as an uncaught error in the worker


# Put in front of the worker's own code: a listener registered first runs first, so it can
# stop the real handler and fail the way a worker really fails.
CRASH = """self.addEventListener("message", (event) => {
  if (event.data?.inputs?.date !== "crash") return;
  event.stopImmediatePropagation();
  %s
});
"""
CRASHES = [
    pytest.param(CRASH % 'throw new Error("simulated crash");', id="uncaught-error"),
    pytest.param(CRASH % ('postMessage({type: "result", id: event.data.id, '
                          'failed: "Pyodide has suffered a fatal error"});'),
                 id="python-fatal-error"),
    # The worker goes silent: no error event, no reply. Only the client's watchdog can notice.
    pytest.param(CRASH % "", id="silent-worker"),
]


@pytest.mark.parametrize("crash", CRASHES)
def test_the_worker_crashing_mid_calculation_is_explained_the_form_is_kept_and_retry_works(recorded, site_url, crash):
    page = recorded.page

    def crashing_worker(route):
        response = route.fetch()
        route.fulfill(response=response, body=crash + response.text())

    recorded.context.route(WORKER, crashing_worker)
    recorded.context.add_init_script("window.__centreGuideTestCalculationTimeoutMs = 4000;")
    page.goto(site_url + PAGE)
    wait_for_python(page)
    page.select_option("#deadline-rule", "romm-service-2")
    page.fill("#deadline-date", "crash")
    page.click("button[type=submit]")
    page.wait_for_selector('[data-python-status][data-state="failed"]', state="attached", timeout=30000)
    assert page.input_value("#deadline-date") == "crash"
    page.fill("#deadline-date", "20/12/2024")
    assert_failure_is_explained_and_nothing_lost(page)
    assert page.get_attribute("[data-calculator]", "aria-busy") is None
    assert answer_after_retry(page) == "Thursday 9 January 2025"


def test_without_javascript_the_guidance_reads_the_page_says_why_and_nothing_is_sent(browser, site_url):
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        page.goto(site_url + PAGE)
        assert page.locator("h1").is_visible()
        assert page.locator("table td", has_text="Pearson").count() > 0
        notice = page.locator(".cg-noscript")
        assert notice.is_visible()
        assert "needs JavaScript" in notice.inner_text() and "rules" in notice.inner_text()
        # Without the page script the form could only send its fields in a URL (which the
        # policy's form-action 'none' refuses), so none of the calculator is shown, and Enter
        # in the page sends nothing.
        assert not page.locator("[data-calculator]").is_visible()
        page.keyboard.press("Enter")
        page.wait_for_timeout(500)
        assert page.url == site_url + PAGE
    finally:
        context.close()


def test_without_javascript_no_calculator_shows_a_form_that_looks_usable(browser, site_url, site_pages):
    """Every calculator page: no field, button or status line of the calculator on screen, and
    the notice saying why, above the guidance."""
    context = browser.new_context(java_script_enabled=False)
    try:
        page = context.new_page()
        pages = [path for path in site_pages if path.startswith("calculators/") and path != "calculators/"]
        calculators = [path for path in (ROOT / "docs" / "calculators").glob("*.md") if path.stem != "index"]
        assert len(pages) == len(calculators) >= 9, "every calculator page, the cohort pages too"
        for path in pages:
            page.goto(site_url + path)
            shown = page.evaluate("""() => [...document.querySelectorAll(
                '[data-calculator] :is(input, select, textarea, button, [data-python-status])')]
                .filter((node) => node.checkVisibility()).map((node) => node.outerHTML.slice(0, 80))""")
            assert shown == [], path
            assert page.locator(".cg-noscript").is_visible(), path
    finally:
        context.close()
