"""A new answer is brought to the reader: after a press of the button, and when a shared link
opens with its answers, focus moves to the answer's heading and the heading is scrolled into
view below the theme's fixed header, on a desktop window and on a phone."""
import time

import pytest

from .conftest import poll, wait_for_python

VIEWPORTS = [pytest.param({"width": 1280, "height": 800}, id="desktop"),
             pytest.param({"width": 390, "height": 844}, id="phone")]

# The focused element, if it is an answer's heading wholly in the window and not under the header.
FOCUSED_HEADING_IN_VIEW = """() => {
  const heading = document.activeElement;
  if (!heading || !heading.matches('[data-result] :is(h2, h3)')) return null;
  const box = heading.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  return box.top >= header - 1 && box.bottom <= innerHeight ? heading.textContent : null;
}"""


def answer_heading_in_view(page, timeout_s=90):
    """The focused answer heading's text once the page has stopped scrolling (it may scroll
    smoothly), or None if it is not focused or not in view then."""
    poll(page, "() => document.querySelector('[data-result] :is(h2, h3)')", timeout_s)
    where = None
    while where != (where := page.evaluate("() => scrollY")):
        time.sleep(0.3)
    return page.evaluate(FOCUSED_HEADING_IN_VIEW)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_after_a_press_the_answer_heading_has_focus_and_is_in_view(recorded, site_url, viewport):
    page = recorded.page
    page.set_viewport_size(viewport)
    page.goto(site_url + "calculators/deadline/")
    wait_for_python(page)
    page.select_option("#deadline-rule", "romm-service-2")
    page.fill("#deadline-date", "20/12/2024")
    page.click("button[type=submit]")
    assert "review of marking" in answer_heading_in_view(page)
    assert page.get_attribute("[data-result] h2", "tabindex") == "-1"


@pytest.mark.parametrize("viewport", VIEWPORTS)
@pytest.mark.parametrize("path, heading", [
    ("calculators/deadline/?rule=romm-service-2&date=2024-12-20", "review of marking"),
    ("calculators/sample-size/?cohort=40&series=2025-06", "Sample for 40 learners"),
    ("calculators/after-january/?subject=standard&series=2026-01&first=yes&happy=yes", ""),
])
def test_a_shared_link_opens_with_the_answer_heading_focused_and_in_view(recorded, site_url, viewport, path, heading):
    page = recorded.page
    page.set_viewport_size(viewport)
    page.goto(site_url + path)
    assert heading in answer_heading_in_view(page)
