"""Printing a calculator page with an answer prints the answer, what was asked, when it was made
and its sources, not the whole page: no navigation, header, footer or guidance prose. The answers
people keep on paper offer a Print button. A deadline fits one page; a 20-learner sample keeps
each row whole; the key-dates timeline keeps readable month names."""
from datetime import date
import re

import pytest

from .conftest import wait_for_python

DEADLINE = "calculators/deadline/?rule=romm-service-2&date=2024-12-20"
VISIBLE = "(selector) => [...document.querySelectorAll(selector)].some((node) => node.checkVisibility())"


def pages_of(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


def visible(page, selector) -> bool:
    return page.evaluate(VISIBLE, selector)


def test_the_deadline_answer_prints_on_one_page_with_what_was_asked_when_and_its_source(recorded, site_url):
    page = recorded.page
    page.goto(site_url + DEADLINE)
    page.wait_for_selector("[data-result] .cg-made-on", state="attached", timeout=90000)
    assert pages_of(page.pdf(format="A4")) == 1
    page.emulate_media(media="print")
    for shown in ("h1", ".cg-asked", "[data-result] .cg-panel__answer", "[data-result] .cg-source", ".cg-made-on"):
        assert visible(page, shown), f"{shown} is not printed"
    for hidden in (".md-header", ".md-sidebar", ".md-footer", "#how-the-days-are-counted", ".md-content__inner > p",
                   "[data-calculator] form", "[data-result] button"):
        assert not visible(page, hidden), f"{hidden} is printed"
    asked = page.inner_text(".cg-asked")
    assert "Service 2: review of marking" in asked and "2024-12-20" in asked
    made = page.inner_text(".cg-made-on")
    assert f"Made on {date.today().day} {date.today():%B %Y}" in made and "rule=romm-service-2" in made


def test_a_calculator_page_with_no_answer_prints_whole(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    page.wait_for_selector("[data-calculator][data-wired]", state="attached", timeout=90000)
    page.emulate_media(media="print")
    assert visible(page, "#how-the-days-are-counted")


PRINTABLE = [
    pytest.param(DEADLINE, id="deadline"),
    pytest.param("calculators/key-dates/?academic_year=2025-26", id="key-dates"),
]


@pytest.mark.parametrize("path", PRINTABLE)
def test_answers_kept_on_paper_have_a_print_button_that_prints(recorded, site_url, path):
    page = recorded.page
    page.goto(site_url + path)
    page.wait_for_selector("[data-result] .cg-made-on", state="attached", timeout=90000)
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.locator("[data-result] button", has_text=re.compile("^Print")).click()
    assert page.evaluate("() => window.__printed") == 1


def test_a_certification_path_has_a_print_button(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/certification/")
    wait_for_python(page)
    for row, series in enumerate(["2025-06", "2026-01", "2026-06"]):
        page.fill(f"#certification-attempts-{row}-series", series)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] .cg-panel__title", timeout=30000)
    assert page.locator("[data-result] button", has_text=re.compile("^Print$")).count() == 1
    page.emulate_media(media="print")
    asked = page.inner_text(".cg-asked")
    assert "Assessment 2: Series" in asked and "2026-01" in asked


def test_a_20_learner_sample_prints_with_its_print_button_and_no_row_split_across_pages(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/moderation-sample/")
    wait_for_python(page)
    page.select_option("#moderation-sample-series", "2026-06")
    sheet = "Candidate number\tName\tMark\n" + "".join(f"{1000 + n}\tLearner {n}\t{(n * 7) % 60}\n" for n in range(200))
    page.fill("#moderation-sample-marks", sheet)
    page.wait_for_selector("[data-sheet-status][data-state=done]", timeout=30000)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] .cg-sample-result", timeout=30000)
    assert page.locator("[data-result] tbody tr").count() == 20
    assert page.locator("[data-result] button", has_text=re.compile("^Print$")).count() == 1
    assert pages_of(page.pdf(format="A4")) <= 2
    page.emulate_media(media="print")
    breaks = page.evaluate("() => [...document.querySelectorAll('[data-result] tr')].map((row) => getComputedStyle(row).breakInside)")
    assert set(breaks) == {"avoid"}
    assert "201 lines pasted" in page.inner_text(".cg-asked"), "the pasted sheet is summed up, not printed"


def test_the_key_dates_timeline_keeps_readable_month_names_in_print(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/key-dates/?academic_year=2025-26")
    page.wait_for_selector("[data-result] .cg-timeline", timeout=90000)
    page.set_viewport_size({"width": 794, "height": 1123})  # A4 at 96 dpi
    page.emulate_media(media="print")
    sizes = page.evaluate("""() => [...document.querySelectorAll('.cg-timeline__month')].map((month) =>
        ({ font: parseFloat(getComputedStyle(month).fontSize), fits: month.scrollWidth <= month.clientWidth }))""")
    assert len(sizes) == 12
    assert all(size["font"] >= 10 and size["fits"] for size in sizes), sizes
