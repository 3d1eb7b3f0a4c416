"""Hostile sheets on the whole-sheet pages: script, image and SVG payloads and spreadsheet formulas
in learner names, ids, headings and cells show as text and never run, the column choices quote
headings as text, and the CSV (and the calendar) keep every formula as text."""
import csv
import io
from pathlib import Path

import icalendar
import pytest

from .conftest import wait_for_python
from .test_security import PAYLOADS

FORMULAS = ("=", "+", "-", "@")
NEW_ELEMENTS = "[data-calculator] img, [data-calculator] script, [data-calculator] svg, [data-calculator] iframe"


def tsv(rows):
    # Tabs, as cells pasted from a spreadsheet arrive: the payloads' commas and quotes stay in their cell.
    return "".join("\t".join(row) + "\n" for row in rows)


def downloaded(page, button_text):
    with page.expect_download() as download:
        page.click(f"text={button_text}")
    return Path(download.value.path()).read_bytes().decode("utf-8-sig")


def assert_formula_safe(content):
    rows = list(csv.reader(io.StringIO(content, newline="")))
    assert len(rows) > 1
    assert not [cell for row in rows for cell in row if cell.startswith(FORMULAS)]
    return rows


def assert_nothing_ran(page, before):
    assert page.evaluate("() => window.__xss") is None
    assert page.locator(NEW_ELEMENTS).count() == before
    assert "xss" not in page.url and "script" not in page.url


def test_hostile_learners_and_headings_in_a_tracker_show_as_text_never_run_and_download_as_text(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/cohort-certification/")
    wait_for_python(page)
    rows = [["Candidate No", "Name", "Component", "Series", "UMS", PAYLOADS[0]]]
    for n, payload in enumerate(PAYLOADS):
        rows += [[payload, payload, "1", "2025-06", "40", payload], [payload, payload, "3", "2026-06", "", payload],
                 [payload, payload, payload, payload, payload, payload]]
    before = page.locator(NEW_ELEMENTS).count()
    page.fill("#cohort-certification-tracker", tsv(rows))
    page.click("[data-calculator] button[type=submit]")
    page.wait_for_selector(".cg-cohort__table", timeout=60000)
    shown = page.evaluate("() => [...document.querySelectorAll('tr[data-learner]')].map((row) => row.cells[0].textContent)")
    assert shown == PAYLOADS
    for index in range(len(PAYLOADS)):
        page.click(f"tr[data-learner] >> nth={index} >> .cg-cohort__toggle")
    result = page.inner_text("[data-result]")
    assert "<script>window.__xss = 'script'</script>" in result, "the unreadable cells are quoted back as text"
    page.click("text=Columns in your sheet")
    options = page.evaluate("() => [...document.querySelectorAll('#cohort-certification-column_learner option')]"
                            ".map((option) => option.textContent)")
    assert any(PAYLOADS[0] in option for option in options), "a hostile heading is an option's text"
    assert_nothing_ran(page, before)
    rows = assert_formula_safe(downloaded(page, "Download the results (CSV)"))
    assert "'=HYPERLINK(\"http://example.invalid\",\"click\")" in [row[0] for row in rows]


@pytest.mark.parametrize("where", ["candidate", "component", "service", "qualification"])
def test_hostile_cells_in_a_list_of_requests_show_as_text_never_run_and_download_as_text(recorded, site_url, where):
    page = recorded.page
    page.goto(site_url + "calculators/post-results-requests/")
    wait_for_python(page)
    columns = ["candidate", "qualification", "component", "service", "received"]
    rows = [["Candidate", "Qualification", "Component", "Service", "Received"]]
    for payload in PAYLOADS:
        row = {"candidate": "4001", "qualification": "GCSE", "component": "1MA1", "service": "Service 2",
               "received": "2025-08-20", where: payload}
        rows.append([row[column] for column in columns])
    before = page.locator(NEW_ELEMENTS).count()
    page.fill("#post-results-requests-today", "2025-09-01")
    page.fill("#post-results-requests-requests", tsv(rows))
    page.click("[data-calculator] button[type=submit]")
    page.wait_for_selector("[data-result] .cg-panel", timeout=60000)
    result = page.inner_text("[data-result]")
    # A service no one offers is quoted back in its row's reason, shortened; one read as a service
    # ("<script>" says script: access to scripts) is shown beside the service it was read as.
    assert all((payload[:20] if where == "service" else payload) in result for payload in PAYLOADS), \
        "every hostile cell is shown, as text"
    assert_nothing_ran(page, before)
    if where == "service":
        assert page.locator(".cg-requests__all tbody tr").count() == 1
        assert f"Your sheet: {PAYLOADS[0]}" in result
    assert_formula_safe(downloaded(page, "Download the dates (CSV)"))
    calendar = downloaded(page, "Add every date to a calendar (.ics)")
    summaries = [str(event["SUMMARY"]) for event in icalendar.Calendar.from_ical(calendar).walk("VEVENT")]
    if where in ("candidate", "component"):
        assert all(any(payload in summary for summary in summaries) for payload in PAYLOADS)
