"""Security in the browser: the Content-Security-Policy on every page, nothing refused by it,
no other host asked for anything, and learner-like text shown as text, never run."""
import re
from urllib.parse import quote

import pytest

from build_tools import csp

from .conftest import wait_for_python

PAYLOADS = [
    "<script>window.__xss = 'script'</script>",
    '"><img src=x onerror="window.__xss = \'img\'">',
    "<svg onload=\"window.__xss = 'svg'\">",
    "=HYPERLINK(\"http://example.invalid\",\"click\")",
    "javascript:window.__xss='link'",
]


def test_every_built_page_has_the_one_policy_first_in_head_allowing_its_own_inline_code(built_site, site_pages):
    assert len(site_pages) >= 8
    policies = set()
    for page in site_pages:
        html = (built_site / (page if page.endswith(".html") else page + "index.html")).read_text()
        head = html[html.index("<head>"):html.index("</head>")]
        assert re.match(r'<head>\s*<meta charset="utf-8">\s*<meta http-equiv="Content-Security-Policy"', head), page
        found = re.search(r'http-equiv="Content-Security-Policy" content="([^"]+)"', head).group(1)
        policies.add(found)
        allowed = {token for part in found.split("; ") for token in part.split()}
        assert set(csp.inline_script_hashes(html)) <= allowed, page
        assert set(csp.style_attribute_hashes(html)) <= allowed, page
    assert len(policies) == 1, "instant navigation keeps the first page's policy, so all pages need the same one"
    policy = policies.pop()
    assert "'unsafe-inline'" not in policy and "'unsafe-eval'" not in policy
    for part in ("default-src 'none'", "script-src 'self' 'sha256-", "connect-src 'self'", "object-src 'none'",
                 "base-uri 'self'", "form-action 'none'"):
        assert part in policy


def test_every_page_loads_under_the_policy_with_nothing_refused_and_no_other_host(recorded, site_url, site_pages):
    page = recorded.page
    for path in site_pages:
        response = page.goto(site_url + path)
        assert response.ok, path
        assert page.locator('meta[http-equiv="Content-Security-Policy"]').count() == 1, path
        if page.locator("[data-python-status]").count():
            wait_for_python(page)
        page.wait_for_load_state("networkidle")
    # `recorded` fails the test on any refusal, page error or request to another host.


def test_search_colour_toggle_and_instant_navigation_run_under_the_policy(recorded, site_url):
    page = recorded.page
    page.goto(site_url)
    page.click("input[data-md-component='search-query']")
    page.keyboard.type("appeal")
    page.wait_for_selector(".md-search-result__item", timeout=20000)
    page.keyboard.press("Escape")
    page.click("form[data-md-component='palette'] label:visible")
    page.click("nav.md-nav--primary a[href$='calculators/deadline/']")
    page.wait_for_url("**/calculators/deadline/")
    wait_for_python(page)
    assert page.locator("[data-calculator='deadline']").count() == 1


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_typed_into_the_deadline_form_is_kept_as_text_and_never_runs(recorded, site_url, payload):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    wait_for_python(page)
    before = page.locator("img, script, svg").count()
    page.fill("#deadline-date", payload)
    page.click("button[type=submit]")
    page.wait_for_selector("#deadline-date-error:not([hidden])")
    assert page.input_value("#deadline-date") == payload
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("img, script, svg").count() == before


@pytest.mark.parametrize("payload", PAYLOADS)
def test_hostile_text_in_a_shared_link_fills_the_field_as_text_and_never_runs(recorded, site_url, payload):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    before = page.locator("img, script, svg").count()
    page.goto(site_url + "calculators/deadline/?rule=romm-service-2&date=" + quote(payload, safe=""))
    page.wait_for_selector("#deadline-date-error:not([hidden])", timeout=90000)
    assert page.input_value("#deadline-date") == payload
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("img, script, svg").count() == before


@pytest.mark.parametrize("payload", PAYLOADS)
def test_error_messages_and_answers_are_written_as_text_even_if_they_carried_markup(recorded, site_url, payload):
    # Python's messages never echo what was typed today; this proves the writing path is safe
    # if one ever does, and that a renderer shows an answer's text as it is.
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    page.evaluate("""async (payload) => {
        const { showErrors } = await import("../../assets/js/form-errors.js");
        const { render } = await import("../../assets/js/renderers/deadline.js");
        showErrors(document.querySelector("[data-calculator] form"), { date: payload });
        render({ outcome: payload, deadline: "2025-01-09", deadline_text: payload, days: 10, day_kind: payload,
                 start_text: payload, starts: payload, warnings: [{ message: payload }], source: payload },
               document.querySelector("[data-result]"));
    }""", payload)
    assert payload in page.inner_text("#deadline-date-error")
    assert page.inner_text("[data-result] .cg-panel__answer") == payload
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("[data-result] img, [data-result] script, [data-result] svg, #deadline-date-error *:not(span)").count() == 0



def test_hostile_names_ids_and_ticks_in_a_pasted_mark_sheet_show_as_text_and_never_run(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/moderation-sample/")
    wait_for_python(page)
    page.select_option("#moderation-sample-series", "2026-06")
    rows = ["Candidate No\tName\tMark"]
    rows += [f"{4001 + n}\t{PAYLOADS[n % len(PAYLOADS)]}\t{n * 3}" for n in range(20)]
    page.fill("#moderation-sample-marks", "\n".join(rows) + "\n")
    page.wait_for_selector("[data-sheet-status][data-state=done]", timeout=60000)
    # Ticks that are not on the sheet are echoed back in a warning: that text is hostile too.
    page.fill("#moderation-sample-selected", "4001 <img src=x onerror=window.__xss=1> <script>window.__xss=2</script>")
    before = page.locator("[data-calculator] img, [data-calculator] script, [data-calculator] svg").count()
    page.click("[data-calculator] button[type=submit]")
    page.wait_for_selector("[data-result] tbody tr, [data-error-summary]:not([hidden])", timeout=60000)
    assert page.locator("[data-error-summary]").is_hidden(), page.inner_text("[data-error-summary]")
    result = page.inner_text("[data-result]")
    assert "onerror=window.__xss=1" in result, "the unknown tick is quoted back as text"
    shown_names = page.evaluate("() => [...document.querySelectorAll('[data-result] tbody tr')].map((row) => row.cells[1].textContent)")
    assert shown_names and set(shown_names) <= set(PAYLOADS)
    assert page.evaluate("() => window.__xss") is None
    assert page.locator("[data-calculator] img, [data-calculator] script, [data-calculator] svg").count() == before
    assert "4001" not in page.url and "xss" not in page.url, "learner data never goes into the address"
