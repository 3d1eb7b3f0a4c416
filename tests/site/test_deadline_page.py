"""The deadline calculator in headless Chromium, against the built site."""
from .conftest import wait_for_python


def answer_text(page):
    return page.locator("[data-result] .cg-panel__answer").inner_text()


def test_the_form_works_before_python_is_ready_and_answers_once_it_is(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    page.select_option("#deadline-rule", "romm-service-2")
    page.fill("#deadline-date", "20/12/2024")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] .cg-panel__answer", timeout=90000)
    assert answer_text(page) == "Thursday 9 January 2025"
    assert "Source: Pearson, Post-results services" in page.locator("[data-result]").inner_text()
    assert "rule=romm-service-2" in page.url, "the answer can be shared as a link"


def test_a_bad_date_is_shown_beside_the_field_and_in_the_summary_and_kept(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    wait_for_python(page)
    page.fill("#deadline-date", "31/02/2025")
    page.click("button[type=submit]")
    page.wait_for_selector("#deadline-date-error:not([hidden])")
    assert "does not exist" in page.inner_text("#deadline-date-error")
    assert page.get_attribute("#deadline-date", "aria-invalid") == "true"
    summary = page.locator("[data-error-summary]")
    assert "There is a problem" in summary.inner_text()
    assert page.evaluate("() => document.activeElement.matches('[data-error-summary]')")
    assert page.input_value("#deadline-date") == "31/02/2025"
    summary.locator("a").click()
    assert page.evaluate("() => document.activeElement.id") == "deadline-date"


def test_instant_navigation_away_and_back_keeps_the_one_python(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    wait_for_python(page)
    page.evaluate("() => { window.sameDocument = true; }")
    python_fetches = len([url for url in recorded.requests if "pyodide.asm.wasm" in url])
    page.click("nav.md-nav--primary a[href$='post-results/']")
    page.wait_for_url("**/post-results/")
    page.click("nav.md-nav--primary a[href$='calculators/deadline/']")
    page.wait_for_url("**/calculators/deadline/")
    assert page.evaluate("() => window.sameDocument === true"), "instant navigation reloaded the page"
    page.fill("#deadline-date", "2024-02-20")
    page.select_option("#deadline-rule", "romm-service-1")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] .cg-panel__answer")
    assert answer_text(page) == "Friday 1 March 2024"
    assert len([url for url in recorded.requests if "pyodide.asm.wasm" in url]) == python_fetches == 1


def test_a_shared_link_gives_the_answer_without_typing(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/?rule=appeal-malpractice&date=2025-12-25")
    page.wait_for_selector("[data-result] .cg-panel__answer", timeout=90000)
    assert answer_text(page) == "Thursday 8 January 2026"
    assert page.input_value("#deadline-date") == "2025-12-25"


def test_a_guidance_page_fetches_no_python(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "post-results/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in recorded.requests if "/pyodide/" in url or url.endswith(".whl")]
