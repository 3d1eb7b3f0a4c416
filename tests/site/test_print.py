"""Printing a calculator page with an answer prints the answer, what was asked, when it was made
and its sources, not the whole page: no navigation, header, footer or guidance prose. The answers
people keep on paper offer a Print button. A deadline fits one page; a 20-learner sample keeps
each row whole; the key-dates timeline keeps readable month names."""
from datetime import date
import re
import zlib

import pytest

from .conftest import wait_for_python

DEADLINE = "calculators/deadline/?rule=romm-service-2&date=2024-12-20"
VISIBLE = "(selector) => [...document.querySelectorAll(selector)].some((node) => node.checkVisibility())"


def pages_of(pdf: bytes) -> int:
    return len(re.findall(rb"/Type\s*/Page\b", pdf))


# An A4 page's printed height in CSS pixels inside the theme's @page margins of 25 mm.
PRINTED_HEIGHT = (297 - 2 * 25) / 25.4 * 96


def used_heights(pdf: bytes) -> list[float]:
    """How far down each page, in page order, its text runs: from its first line to its last, in
    CSS pixels. Chromium's PDF places every run of text with a "1 0 0 -1 x y Tm" operator in the
    page's (uncompressed-to-read) content stream, so a page whose text stops halfway has about
    half of PRINTED_HEIGHT here, and a blank one 0."""
    objects = {int(number): body for number, body in re.findall(rb"(\d+) 0 obj(.*?)endobj", pdf, re.S)}

    def pages(number: int) -> list[bytes]:
        body = objects[number]
        if re.search(rb"/Type\s*/Pages\b", body):
            kids = re.search(rb"/Kids\s*\[([^\]]*)\]", body).group(1)
            return [page for kid in re.findall(rb"(\d+) 0 R", kids) for page in pages(int(kid))]
        return [body]

    root = re.search(rb"/Pages\s+(\d+) 0 R", objects[int(re.search(rb"/Root\s+(\d+) 0 R", pdf).group(1))])
    heights = []
    for page in pages(int(root.group(1))):
        contents = objects[int(re.search(rb"/Contents\s+(\d+) 0 R", page).group(1))]
        stream = zlib.decompress(re.search(rb"stream\r?\n(.*)\r?\nendstream", contents, re.S).group(1))
        lines = [float(y) for y in re.findall(rb"1 0 0 -1 [-\d.]+ ([-\d.]+) Tm", stream)]
        heights.append(max(lines) - min(lines) if lines else 0.0)
    return heights


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


CERTIFICATION_PATH = ("calculators/certification/?subject=standard"
                      "&attempts=1:2025-06:40,2:2026-01:50,3:2026-01:45,3:2026-06:40")


def test_a_certification_path_with_options_prints_on_three_pages_none_half_empty_but_the_last(recorded, site_url):
    """Its tables, the assessments and two option boxes run to about two and a half pages. Kept
    whole, the "What counts" table and each option box left half a page blank before them (four
    pages): only a row, a warning and an option's heading with its first fact are kept whole."""
    page = recorded.page
    page.goto(site_url + CERTIFICATION_PATH)
    page.wait_for_selector("[data-result] .cg-made-on", state="attached", timeout=90000)
    assert page.locator("[data-result] .cg-option").count() == 2
    heights = used_heights(page.pdf(format="A4"))
    assert len(heights) <= 3, heights
    assert all(height >= PRINTED_HEIGHT / 2 for height in heights[:-1]), heights


def test_a_long_key_dates_plan_starts_on_the_first_page_and_leaves_no_page_half_empty(recorded, site_url):
    """With every subject the timeline is taller than the room left under the plan's heading and
    warning; kept whole, it went to page 2 and left page 1 half blank."""
    page = recorded.page
    page.goto(site_url + "calculators/key-dates/")
    wait_for_python(page)
    page.select_option("#key-dates-academic_year", "2024-25")
    for subject in ("creative", "performing-arts", "art-and-design", "other"):
        page.check(f"#key-dates-subjects-{subject}")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] caption:has-text('2024-25')", timeout=30000)
    page.wait_for_selector("[data-result] .cg-made-on", state="attached")
    assert page.locator("[data-result] .cg-timeline__mark").count() >= 10
    heights = used_heights(page.pdf(format="A4"))
    assert heights[0] >= 0.75 * PRINTED_HEIGHT, heights
    assert all(height >= PRINTED_HEIGHT / 2 for height in heights[:-1]), heights


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
    breaks = page.evaluate("() => [...document.querySelectorAll('[data-result] tr')]"
                           ".map((row) => getComputedStyle(row).breakInside)")
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
