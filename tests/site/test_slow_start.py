"""A reader on a slow school laptop (tests/site/conftest.py: slow_profile, through the DevTools
protocol): a press before the page's scripts have loaded is kept and answered once Python is
ready, never refused by the CSP's form-action 'none' (which used to leave the calculator dead
until a reload); within a second the status line says the calculator is starting, then how much
of Python's download is done, then "Working out your answer…"; and nothing else competes with
that download: the service worker waits for the first answer."""
import html
import json
import re
import statistics
import time

from calculators import run

from .conftest import HeldBack, poll, slow_profile, wait_for_python

PAGE = "calculators/deadline/"

# Before any page script: every text the status line shows, with when it was first shown (ms
# since the navigation began) and whether it was rendered then.
WATCH_STATUS = """
window.__cgStatus = [];
new MutationObserver(() => {
  const status = document.querySelector('[data-python-status]');
  const text = status ? status.textContent : '';
  const seen = window.__cgStatus;
  if (text && (!seen.length || seen[seen.length - 1].text !== text)) {
    seen.push({ text, at: performance.now(), shown: status.checkVisibility() });
  }
}).observe(document, { subtree: true, childList: true, characterData: true });
// Whether the first script in <head> kept a press (it marks the mount data-pressed).
new MutationObserver(() => {
  if (document.querySelector('[data-calculator][data-pressed]')) window.__cgKept = true;
}).observe(document, { subtree: true, attributes: true, attributeFilter: ['data-pressed'] });
"""


def statuses(page):
    return page.evaluate("() => window.__cgStatus")


def test_a_press_before_the_scripts_load_is_kept_and_answered_with_progress_on_the_way(recorded, site_url):
    page = recorded.page
    recorded.context.add_init_script(WATCH_STATUS)
    slow_profile(recorded.context, page)
    # The page script is held back until the press has been made, so the press always comes
    # before it, as it does for a reader in the first seconds (bench/slow_press.py times that).
    held = []
    recorded.context.route("**/assets/js/calculators.js", lambda route: held.append(route))
    page.goto(site_url + PAGE, wait_until="commit")
    page.wait_for_selector("#deadline-date", state="visible", timeout=30000)
    page.fill("#deadline-date", "20/12/2024")
    # Before the page script, a click could wait on a navigation the CSP blocks: do not wait.
    page.click("[data-calculator] button[type=submit]", no_wait_after=True)
    assert page.evaluate("() => window.__cgKept === true"), "the first script in <head> did not keep the press"
    while not held:  # the browser may not have asked for it yet
        page.wait_for_timeout(100)
    for route in held:
        route.continue_()
    recorded.context.unroute("**/assets/js/calculators.js")
    answer = page.wait_for_selector("[data-result] .cg-panel__answer", timeout=150000)
    assert answer.inner_text() == "Monday 30 December 2024"
    poll(page, "() => document.activeElement.matches('[data-result] h2')", 10)
    assert "date=20%2F12%2F2024" in page.url, "the kept press is remembered like any other"
    assert page.inner_text("[data-python-status]") == ""

    texts = [entry["text"] for entry in statuses(page)]
    assert texts[0] == "Starting the calculator. You can fill in the form now."
    assert "Working out your answer… Starting the calculator." in texts or \
        any(text.startswith("Working out your answer… Downloading") for text in texts)
    done = [int(found) for text in texts for found in re.findall(r"Downloading the calculator: (\d+)% done", text)]
    assert len(done) >= 5 and done == sorted(done), texts
    # The figure follows the bytes: no file the boot does not download is counted (a module
    # counts in full when it has loaded, the largest of them under a fifth of the whole).
    assert all(later - earlier <= 30 for earlier, later in zip(done, done[1:], strict=False)), done
    assert "Working out your answer… Setting up the calculator." in texts
    assert texts[-1] == "Working out your answer…", texts  # then cleared, with the answer


def test_within_a_second_of_opening_the_page_the_status_line_says_the_calculator_is_starting(recorded, site_url):
    page = recorded.page
    recorded.context.add_init_script(WATCH_STATUS)
    slow_profile(recorded.context, page)
    first_shown = []
    # A median of three openings: this machine's other work moves any single one.
    for _ in range(3):
        page.goto(site_url + PAGE, wait_until="commit")
        shown = poll(page, "() => window.__cgStatus.find((entry) => entry.shown)", 30)
        paint = poll(page, "() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime", 30)
        first_shown.append(max(shown["at"], paint))
        assert shown["text"].startswith("Starting the calculator.")
    assert statistics.median(first_shown) < 1000, first_shown
    # The next line counts Python's download.
    poll(page, "() => window.__cgStatus.some((entry) => /Downloading the calculator: \\d+% done/.test(entry.text))", 30)


def registrations(page) -> int:
    return page.evaluate("async () => (await navigator.serviceWorker.getRegistrations()).length")


def test_the_service_worker_is_registered_only_after_the_first_answer(recorded, site_url):
    page = recorded.page
    page.goto(site_url + PAGE)
    wait_for_python(page)
    page.wait_for_load_state("load")
    time.sleep(2)
    assert registrations(page) == 0, "the service worker started before any answer"
    page.fill("#deadline-date", "20/12/2024")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] .cg-panel__answer")
    poll(page, "async () => (await navigator.serviceWorker.getRegistrations()).length === 1", 30)


def error_beside(page, field):
    return page.text_content(f"[data-field='{field}'] .cg-field-error").removeprefix("Error: ")


def test_a_field_left_empty_is_said_at_once_in_pythons_words_while_python_is_still_on_its_way(recorded, site_url):
    held = HeldBack(recorded.context, "**/assets/py/calculators-*.whl")  # Python cannot be ready
    page = recorded.page
    page.goto(site_url + "calculators/sample-size/")
    page.wait_for_selector("[data-calculator][data-wired]", state="attached", timeout=90000)
    page.select_option("#sample-size-series", "2026-06")
    page.click("[data-calculator] button[type=submit]")
    page.wait_for_selector("[data-field='cohort'].cg-field--error", timeout=10000)
    assert page.get_attribute("[data-python-status]", "data-state") != "ready"
    assert error_beside(page, "cohort") == run("sample-size", {"series": "2026-06"})["errors"]["cohort"]
    assert page.locator("[data-field='series'].cg-field--error").count() == 0, "the series was chosen"
    assert page.evaluate("() => document.activeElement.matches('[data-error-summary]')")
    assert "Working out" not in page.inner_text("[data-python-status]")
    # Filled in, the press waits for Python as any other, and Python gives the answer.
    page.fill("#sample-size-cohort", "150")
    page.click("[data-calculator] button[type=submit]")
    poll(page, "() => document.querySelector('[data-python-status]').textContent.startsWith('Working out')", 10)
    assert page.locator(".cg-field--error").count() == 0
    held.release()
    page.wait_for_selector("[data-result] h2", timeout=90000)
    assert page.locator(".cg-field--error").count() == 0


def test_an_empty_field_in_a_press_kept_before_the_page_scripts_is_said_once_they_arrive(recorded, site_url):
    held = HeldBack(recorded.context, "**/assets/py/calculators-*.whl")
    script = HeldBack(recorded.context, "**/assets/js/calculators.js")
    page = recorded.page
    page.goto(site_url + PAGE, wait_until="commit")
    page.wait_for_selector("#deadline-date", state="visible", timeout=30000)
    page.click("[data-calculator] button[type=submit]", no_wait_after=True)
    while not script.routes:
        page.wait_for_timeout(100)
    script.release()
    page.wait_for_selector("[data-field='date'].cg-field--error", timeout=30000)
    assert error_beside(page, "date") == run("deadline", {"rule": "romm-service-1"})["errors"]["date"]
    assert page.get_attribute("[data-python-status]", "data-state") != "ready"
    assert page.locator("[data-calculator][data-pressed]").count() == 0
    held.release()


def test_each_calculators_empty_field_messages_on_the_page_are_pythons(site_url, built_site):
    for path in sorted((built_site / "calculators").glob("*/index.html")):
        found = re.search(r"data-calculator=\"([a-z-]+)\" data-missing='([^']*)'", path.read_text())
        if found:
            assert json.loads(html.unescape(found[2])) == run(found[1], {})["errors"], found[1]
    assert "data-missing" in (built_site / "calculators" / "sample-size" / "index.html").read_text()
