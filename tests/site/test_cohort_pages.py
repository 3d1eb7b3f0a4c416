"""The whole-sheet pages in headless Chromium: paste a tracker and see the summary, narrow the table
to one problem, open a learner's detail and download the CSV; paste a list of post-results requests
and see what is due next, each date as CPython gives it, and download the CSV and the calendar.
Learner data stays in the page, and both answer states pass axe."""
import csv
import re
import io
from pathlib import Path

import icalendar

from calculators import run

from .conftest import poll, wait_for_python
from .test_accessibility import axe_violations

FIXTURES = Path(__file__).parents[1] / "fixtures"
TRACKER = (FIXTURES / "tracker-attempts.csv").read_text()
REQUESTS = (FIXTURES / "requests.csv").read_text()
TODAY = "2025-09-10"


def assert_private(recorded, page):
    assert "?" not in page.url and "4001" not in page.url, "learner data must not go into the address"
    assert not [url for url in recorded.requests if "4001" in url or "Khan" in url]
    stored = page.evaluate("() => JSON.stringify([{...localStorage}, {...sessionStorage}])")
    assert "4001" not in stored and "Khan" not in stored


def shown_rows(page):
    return page.evaluate("""() => [...document.querySelectorAll('.cg-cohort__table tbody tr[data-learner]')]
        .filter((row) => !row.hidden).map((row) => row.dataset.learner)""")


def saved(page, button_text):
    with page.expect_download() as download:
        page.click(f"text={button_text}")
    return download.value.suggested_filename, Path(download.value.path()).read_bytes().decode("utf-8-sig")


def test_a_pasted_tracker_gives_the_summary_a_filter_by_problem_each_learners_detail_and_the_csv(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/cohort-certification/")
    wait_for_python(page)
    page.fill("#cohort-certification-tracker", TRACKER)
    page.click("[data-calculator] button[type=submit]")
    page.wait_for_selector(".cg-cohort__table", timeout=60000)
    expected = run("cohort-certification", {"subject": "standard", "shape": "auto", "tracker": TRACKER})
    assert page.inner_text("[data-result] .cg-panel__title") == "5 learners checked: 1 fine, 4 with problems"
    result = page.inner_text("[data-result]")
    assert "Learners with each problem" in result and "May/June 2026" in result
    assert not re.search(r"\b(null|undefined|NaN)\b|\[object", result), "stray text in the answer"
    assert "Row 16:" in result and "Rows to check (3)" in result
    assert shown_rows(page) == [learner["learner"] for learner in expected["learners"]]
    codes = page.evaluate("() => Object.fromEntries([...document.querySelectorAll('tr[data-learner]')]"
                          ".map((row) => [row.dataset.learner, row.dataset.codes]))")
    assert codes == {learner["learner"]: " ".join(learner["codes"]) for learner in expected["learners"]}

    page.select_option("#cohort-certification-filter", "component-missing")
    assert shown_rows(page) == ["4004", "4005"]
    assert page.inner_text(".cg-cohort__count") == "Showing 2 of 5 learners."
    page.select_option("#cohort-certification-filter", "fine")
    assert shown_rows(page) == ["4001"]
    page.select_option("#cohort-certification-filter", "all")
    page.click("tr[data-learner='4002'] .cg-cohort__toggle")
    detail = page.locator(".cg-cohort__detail")
    assert detail.count() == 1
    assert page.get_attribute("tr[data-learner='4002'] .cg-cohort__toggle", "aria-expanded") == "true"
    assert "This path has 1 problem" in detail.inner_text()
    assert "Enter the external again in May/June 2026 (2026-06) or later" in detail.inner_text()
    assert page.locator(".cg-cohort__detail [data-code='terminal-rule']").count() == 1
    # Problems are named in words, as the summary names them, never by their codes.
    problems = page.inner_text("tr[data-learner='4002'] td[data-label='Problems']")
    assert problems == "An internal component after the external that certification uses"
    # The summary's "Show" narrows the table to that problem, detail rows with their learner.
    page.click(".cg-panel button:has-text('Show') >> nth=0")
    assert page.input_value("#cohort-certification-filter") == expected["summary"]["codes"][0]["code"]

    name, content = saved(page, "Download the results (CSV)")
    assert name == "certification-check-standard.csv"
    assert content == expected["csv"]
    rows = list(csv.reader(io.StringIO(content, newline="")))
    assert [row[0] for row in rows[1:]] == ["4001", "4002", "4003", "4004", "4005"]
    assert axe_violations(page) == []
    assert_private(recorded, page)


def test_a_tracker_without_names_has_no_empty_name_column_and_says_what_is_not_counted(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/cohort-certification/")
    wait_for_python(page)
    page.fill("#cohort-certification-tracker", "Candidate\tComponent\tSeries\tUMS\n4001\t1\t2025-06\t40\n"
                                               "4001\t3\t2026-01\t20\n4001\t2\t2026-06\t30\n")
    page.click("[data-calculator] button[type=submit]")
    page.wait_for_selector(".cg-cohort__table", timeout=60000)
    headings = page.locator(".cg-cohort__table thead th").all_inner_texts()
    assert headings[:3] == ["Learner", "Problems", "Certification"], headings
    row = page.locator("tr[data-learner='4001'] td").all_inner_texts()
    assert row[1] == "An internal component after the external that certification uses"
    assert "None counted" in row, "component 2 after the external is not counted"
    assert len(row) == len(headings)


def test_a_tracker_file_with_one_row_per_learner_is_read_and_its_columns_can_be_changed(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/cohort-certification/")
    wait_for_python(page)
    data = (FIXTURES / "tracker-learners.csv").read_bytes()
    page.set_input_files("#cohort-certification-file",
                         files=[{"name": "tracker.csv", "mimeType": "text/csv", "buffer": data}])
    page.wait_for_selector("[data-sheet-status]:has-text('Opened tracker.csv: ready to check.')")
    page.click("[data-calculator] button[type=submit]")
    page.wait_for_selector(".cg-cohort__table", timeout=60000)
    assert page.inner_text("[data-result] .cg-panel__title") == "4 learners checked: 2 fine, 2 with problems"
    assert "one row per learner" in page.inner_text("[data-result]")
    # Say the retake column is not in the sheet: Ben's retake is no longer counted, so he is fine.
    page.click("text=Columns in your sheet")
    page.select_option("#cohort-certification-column_c1_retake_series", "none")
    # Polled with evaluate: wait_for_function's string form is refused by the page's policy.
    for _ in range(300):
        if page.evaluate("() => document.querySelector('tr[data-learner=\"4002\"]')?.dataset.fine") == "true":
            break
        page.wait_for_timeout(100)
    assert page.inner_text("[data-result] .cg-panel__title") == "4 learners checked: 3 fine, 1 with problems"
    assert_private(recorded, page)


def test_a_tracker_whose_columns_cannot_be_told_asks_for_them_and_answers_once_chosen(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/cohort-certification/")
    wait_for_python(page)
    page.fill("#cohort-certification-tracker", "Who,Which,When\nA1,1,2025-06\nA1,2,2026-01\nA1,3,2026-06\n")
    page.click("[data-calculator] button[type=submit]")
    page.wait_for_selector("text=Choose the columns", timeout=60000)
    assert page.locator("details.cg-columns[open]").count() == 1
    page.select_option("#cohort-certification-header", "yes")
    page.wait_for_timeout(300)
    page.select_option("#cohort-certification-column_learner", "0")
    page.wait_for_timeout(300)
    page.select_option("#cohort-certification-column_component", "1")
    page.wait_for_timeout(300)
    page.select_option("#cohort-certification-column_series", "2")
    page.wait_for_selector(".cg-cohort__table", timeout=60000)
    assert page.inner_text("[data-result] .cg-panel__title") == "1 learner checked: 1 fine, 0 with problems"


def request_dates(page):
    return page.evaluate("""() => [...document.querySelectorAll('.cg-requests__all tbody tr')].map((row) =>
        [Number(row.dataset.row), [...row.querySelectorAll('[data-stage]')].map((item) =>
            [item.dataset.stage, item.dataset.date, item.dataset.past])])""")


def test_pasted_requests_show_what_is_due_next_every_date_as_cpython_gives_it_and_download(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/post-results-requests/")
    wait_for_python(page)
    assert page.input_value("#post-results-requests-today"), "today is filled in from this computer"
    page.fill("#post-results-requests-today", TODAY)
    page.fill("#post-results-requests-requests", REQUESTS)
    page.click("[data-calculator] button[type=submit]")
    page.wait_for_selector(".cg-requests__next", timeout=60000)
    expected = run("post-results-requests", {"today": TODAY, "nation": "england-and-wales", "requests": REQUESTS})
    headings = page.evaluate("() => [...document.querySelectorAll('[data-result] h2')].map((h) => h.textContent)")
    assert headings[0] == "8 requests, as of Wednesday 10 September 2025"
    assert headings.index("What is due next") < headings.index("Every request")
    next_rows = page.evaluate("() => [...document.querySelectorAll('.cg-requests__next tbody tr')]"
                              ".map((row) => [Number(row.dataset.row), row.dataset.date])")
    assert next_rows == [[item["row"], item["date"]] for item in expected["due_next"]]
    assert request_dates(page) == [
        [request["row"], [[item["stage"], item["date"], str(item["past"]).lower()] for item in request["dates"]]]
        for request in expected["requests"]]
    result = page.inner_text("[data-result]")
    assert "(already past)" in result and "Refused" in result and "Row 9:" in result
    assert page.locator("[data-result] [data-code='consent-not-recorded']").count() == 1
    # Each date carries the deadline calculator's own warnings (a weekend, when to send it).
    shown = page.evaluate("""() => [...document.querySelectorAll('.cg-requests__all li[data-stage]')].map((li) =>
        [li.closest('tr').dataset.row, li.dataset.stage,
         [...li.querySelectorAll('.cg-requests__date-warning')].map((w) => w.dataset.code)])""")
    assert shown == [[str(request["row"]), item["stage"], [warning["code"] for warning in item["warnings"]]]
                     for request in expected["requests"] for item in request["dates"]]
    assert any(codes for _, _, codes in shown), "the fixture has dates with warnings"

    name, content = saved(page, "Download the dates (CSV)")
    assert name == f"post-results-dates-{TODAY}.csv" and content == expected["csv"]
    name, content = saved(page, "Add every date to a calendar (.ics)")
    assert name.endswith(".ics")
    events = icalendar.Calendar.from_ical(content).walk("VEVENT")
    assert len(events) == sum(len(request["dates"]) for request in expected["requests"])
    assert axe_violations(page) == []
    assert_private(recorded, page)


def test_both_answers_pass_axe_in_the_dark_scheme_with_a_button_hovered_and_a_detail_open(recorded, site_url):
    page = recorded.page
    page.emulate_media(color_scheme="dark")
    show_cohort(page, site_url)
    page.click("tr[data-learner='4003'] .cg-cohort__toggle")
    page.hover("text=Download the results (CSV)")
    assert axe_violations(page) == []
    show_requests(page, site_url)
    page.hover("text=Add every date to a calendar (.ics)")
    assert axe_violations(page) == []


# Each wide table's box, once tables.js has measured it: whether it scrolls, and if so whether it
# says so and is a named stop for the keyboard.
SCROLL_BOXES = """(selector) => [...document.querySelectorAll(selector)].map((area) => {
  const box = area.querySelector('.cg-scroll');
  return {measured: 'scrolls' in area.dataset, scrolls: area.dataset.scrolls === 'true',
          hint: area.querySelector('.cg-scroll__hint').checkVisibility(),
          stop: box.tabIndex === 0 && box.getAttribute('role') === 'region'
            && box.getAttribute('aria-label').endsWith('(scrolls sideways)')};
})"""
FITS = "() => document.documentElement.scrollWidth <= innerWidth"


def boxes(page, selector):
    poll(page, f"() => [...document.querySelectorAll({selector!r})].every((area) => 'scrolls' in area.dataset)", 10)
    return page.evaluate(SCROLL_BOXES, selector)


def show_cohort(page, site_url):
    page.goto(site_url + "calculators/cohort-certification/")
    wait_for_python(page)
    page.fill("#cohort-certification-tracker", TRACKER)
    page.click("[data-calculator] button[type=submit]")
    page.wait_for_selector(".cg-cohort__table", timeout=60000)


def show_requests(page, site_url):
    page.goto(site_url + "calculators/post-results-requests/")
    wait_for_python(page)
    page.fill("#post-results-requests-today", TODAY)
    page.fill("#post-results-requests-requests", REQUESTS)
    page.click("[data-calculator] button[type=submit]")
    page.wait_for_selector(".cg-requests__next", timeout=60000)


def test_on_a_phone_neither_answer_scrolls_the_page_sideways_and_their_wide_tables_scroll_in_a_box(
        recorded, site_url):
    """At 390 px the learners' table (a column per component) and the requests' tables are wider
    than the screen: each scrolls in its own box, with the hint and a keyboard stop, and the page
    itself keeps the screen's width."""
    page = recorded.page
    page.set_viewport_size({"width": 390, "height": 844})
    show_cohort(page, site_url)
    assert boxes(page, ".cg-cohort__table") == [{"measured": True, "scrolls": True, "hint": True, "stop": True}]
    assert page.evaluate(FITS), page.evaluate("() => document.documentElement.scrollWidth")
    page.click("tr[data-learner='4003'] .cg-cohort__toggle")
    page.wait_for_selector(".cg-cohort__detail .cg-panel__title")
    assert page.evaluate(FITS), "a learner's detail widens the page"
    assert axe_violations(page) == []

    show_requests(page, site_url)
    found = boxes(page, ".cg-requests__next, .cg-requests__all")
    assert len(found) == 2 and all(box == {"measured": True, "scrolls": True, "hint": True, "stop": True}
                                   for box in found), found
    assert page.evaluate(FITS), page.evaluate("() => document.documentElement.scrollWidth")
    assert axe_violations(page) == []


def test_on_a_laptop_the_learners_and_requests_tables_fit_without_scrolling(recorded, site_url):
    page = recorded.page
    page.set_viewport_size({"width": 1280, "height": 800})
    show_cohort(page, site_url)
    assert boxes(page, ".cg-cohort__table") == [{"measured": True, "scrolls": False, "hint": False, "stop": False}]
    assert page.evaluate(FITS)
    show_requests(page, site_url)
    assert [box["scrolls"] for box in boxes(page, ".cg-requests__next, .cg-requests__all")] == [False, False]
    assert page.evaluate(FITS)
