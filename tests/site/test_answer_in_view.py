"""A new answer is brought to the reader: after a press of the button, and when a shared link
opens with its answers, focus moves to the answer's heading and the heading is scrolled into
view below the theme's fixed header, on a desktop window and on a phone."""
import time

import pytest

from .conftest import HeldBack, poll, wait_for_python

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
    settled(page)
    return page.evaluate(FOCUSED_HEADING_IN_VIEW)


def settled(page):
    """Wait until the page has stopped scrolling (it may scroll smoothly)."""
    where = None
    while where != (where := page.evaluate("() => scrollY")):
        time.sleep(0.3)


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


LINK = "calculators/deadline/?rule=romm-service-1&date=20%2F8%2F2026"


def retype_date(page, text):
    page.click("#deadline-date")
    page.keyboard.press("Control+A")
    page.keyboard.press("Backspace")
    page.keyboard.type(text)


def no_answer_and_still_typing(page):
    page.wait_for_timeout(1500)  # time for an answer that should not come
    assert page.input_value("#deadline-date") == "27/8/2026"
    assert page.evaluate("() => document.activeElement.id") == "deadline-date", "the focus was taken away"
    assert page.locator("[data-result] *").count() == 0, "an answer the reader did not ask for was shown"


def test_a_links_answers_are_not_filled_in_over_what_the_reader_typed_before_the_page_was_ready(
        recorded, site_url):
    held = HeldBack(recorded.context, "**/assets/js/calculators.js")
    page = recorded.page
    page.goto(site_url + LINK, wait_until="commit")
    page.wait_for_selector("#deadline-date", state="visible", timeout=30000)
    retype_date(page, "27/8/2026")
    held.release()
    wait_for_python(page)
    no_answer_and_still_typing(page)


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_field_the_reader_has_gone_to_is_not_filled_in_from_the_link(recorded, site_url, viewport):
    """A tap or click in the date before the page scripts arrive: the link's date is not written
    into it then, and no answer takes the focus away from it."""
    held = HeldBack(recorded.context, "**/assets/js/calculators.js")
    page = recorded.page
    page.set_viewport_size(viewport)
    page.goto(site_url + LINK, wait_until="commit")
    page.wait_for_selector("#deadline-date", state="visible", timeout=30000)
    page.click("#deadline-date")
    held.release()
    wait_for_python(page)
    page.wait_for_timeout(1000)
    assert page.input_value("#deadline-date") == "", "the link's date was written into the field the reader is in"
    assert page.input_value("#deadline-rule") == "romm-service-1", "the link's other answers were not filled in"
    page.keyboard.type("27/8/2026")
    no_answer_and_still_typing(page)


def test_a_reader_who_starts_typing_while_python_loads_keeps_the_focus_and_what_they_typed(recorded, site_url):
    held = HeldBack(recorded.context, "**/assets/py/calculators-*.whl")
    page = recorded.page
    page.goto(site_url + LINK)
    page.wait_for_selector("[data-calculator][data-wired]", state="attached", timeout=90000)
    assert page.input_value("#deadline-date") == "20/8/2026", "the link's date was not filled in"
    retype_date(page, "27/8/2026")
    held.release()
    wait_for_python(page)
    no_answer_and_still_typing(page)
    page.keyboard.press("Enter")  # their own press answers what they typed
    assert answer_heading_in_view(page)
    assert "27 August 2026" in page.inner_text("[data-result]")


def test_a_link_that_gives_only_the_rule_does_not_say_an_answer_is_being_worked_out(recorded, site_url):
    held = HeldBack(recorded.context, "**/assets/py/calculators-*.whl")
    page = recorded.page
    page.goto(site_url + "calculators/deadline/?rule=romm-service-1")
    page.wait_for_selector("[data-calculator][data-wired]", state="attached", timeout=90000)
    page.wait_for_timeout(500)
    status = page.inner_text("[data-python-status]")
    assert "Working out" not in status and "You can fill in the form now" in status, status
    assert page.input_value("#deadline-rule") == "romm-service-1"
    page.evaluate("""() => { window.__said = [];
      new MutationObserver(() => window.__said.push(document.querySelector('[data-python-status]').textContent))
        .observe(document.querySelector('[data-python-status]'), { childList: true, characterData: true, subtree: true }); }""")
    held.release()
    wait_for_python(page)
    page.wait_for_timeout(500)
    said = page.evaluate("() => window.__said")
    assert not [text for text in said if "Working out" in text], said
    assert page.locator("[data-result] *").count() == 0
    assert not page.locator("[role=alert]:visible").all_inner_texts(), "the reader was told off for a field not yet reached"


SHEET = "Candidate No\tName\tMark\n" + "".join(f"{4001 + n}\tLearner {n}\t{(n * 7) % 60}\n" for n in range(40))
IN_WINDOW = """(selector) => { const box = document.querySelector(selector).getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  return box.top >= header - 1 && box.bottom <= innerHeight; }"""


@pytest.mark.parametrize("viewport", VIEWPORTS)
def test_a_warning_that_changes_the_answer_is_in_view_with_the_heading(recorded, site_url, viewport):
    """GOV.UK-style, the warning stands above the heading: bringing the heading up to the top
    would leave it above the window."""
    page = recorded.page
    page.set_viewport_size(viewport)
    page.goto(site_url + "calculators/moderation-sample/")
    wait_for_python(page)
    page.select_option("#moderation-sample-series", "2026-06")
    page.fill("#moderation-sample-marks", SHEET)
    page.wait_for_selector("[data-sheet-status][data-state=done]", timeout=90000)
    page.fill("#moderation-sample-selected", "4002 4003 9999")
    page.click("button[type=submit]")
    assert "Upload" in answer_heading_in_view(page)
    assert page.evaluate(IN_WINDOW, "[data-result] [data-changes-answer]"), "the warning is above the window"


def test_a_sheet_preview_drawn_after_the_answer_leaves_the_answer_in_view(recorded, site_url):
    """On a slow laptop the sheet's preview and the sample come together: the preview is drawn
    above the answer and must not push it out of the window."""
    page = recorded.page
    page.set_viewport_size({"width": 390, "height": 844})
    held = HeldBack(recorded.context, "**/assets/py/calculators-*.whl")
    page.goto(site_url + "calculators/moderation-sample/")
    page.wait_for_selector("[data-calculator][data-wired]", state="attached", timeout=90000)
    page.select_option("#moderation-sample-series", "2026-06")
    page.fill("#moderation-sample-marks", SHEET)
    page.click("button[type=submit]")
    page.wait_for_timeout(1000)  # the preview has been asked for too, and both wait for Python
    held.release()
    poll(page, "() => document.querySelector('[data-sheet-preview] .cg-sheet__body')", 90)
    assert "Proposed sample" in answer_heading_in_view(page)
    settled(page)
    assert page.evaluate(FOCUSED_HEADING_IN_VIEW), "the preview pushed the answer out of the window"


def test_while_a_press_waits_for_python_its_status_line_stays_on_a_phones_screen(recorded, site_url):
    page = recorded.page
    page.set_viewport_size({"width": 390, "height": 844})
    held = HeldBack(recorded.context, "**/assets/py/calculators-*.whl")
    page.goto(site_url + "calculators/deadline/")
    page.wait_for_selector("[data-calculator][data-wired]", state="attached", timeout=90000)
    page.select_option("#deadline-rule", "romm-service-2")  # shows the qualification question too
    page.fill("#deadline-date", "20/12/2024")
    page.evaluate("() => scrollTo(0, 0)")
    page.focus("#deadline-date")
    page.keyboard.press("Enter")
    page.wait_for_timeout(500)
    assert "Working out your answer" in page.inner_text("[data-python-status]")
    assert page.evaluate(IN_WINDOW, "[data-python-status]"), "the status line is below the window"
    held.release()
    assert "review of marking" in answer_heading_in_view(page)


def test_an_answer_the_reader_has_changed_the_form_under_says_so_until_the_next_press(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/sample-size/")
    wait_for_python(page)
    page.fill("#sample-size-cohort", "150")
    page.select_option("#sample-size-series", "2026-06")
    page.click("[data-calculator] button[type=submit]")
    page.wait_for_selector("[data-result] h2", timeout=60000)
    assert page.locator("[data-result] [data-stale]").count() == 0
    page.focus("#sample-size-series")
    page.keyboard.press("ArrowUp")  # a person's choice (a script's select_option is not trusted)
    note = page.wait_for_selector("[data-result] > [data-stale]:first-child", timeout=5000)
    assert note.inner_text() == ("You have changed the form since this answer was worked out. "
                                 "Press “Work out the sample size” again to update it.")
    page.fill("#sample-size-cohort", "151")
    assert page.locator("[data-result] [data-stale]").count() == 1, "said once"
    page.click("[data-calculator] button[type=submit]")
    poll(page, "() => document.querySelector('[data-result] h2')?.textContent.includes('151')", 30)
    assert page.locator("[data-result] [data-stale]").count() == 0
