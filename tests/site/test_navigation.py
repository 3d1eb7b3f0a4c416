"""Instant navigation swaps pages without a reload, so a calculator page's listeners must end with
the visit: calculator page, home, the same calculator page again (in-site links, one document),
then each press or step back asks Python exactly once."""
from .conftest import wait_for_python
from .test_certification_pages import answer, wait_for_question

# Before any page script runs: count what the page asks the Python worker, by calculator name.
COUNT_CALCULATIONS = """
window.__cgAsked = [];
const post = Worker.prototype.postMessage;
Worker.prototype.postMessage = function (message, ...rest) {
  if (message && message.name) window.__cgAsked.push(message.name);
  return post.call(this, message, ...rest);
};
"""


def asked(page, name):
    return page.evaluate("(name) => window.__cgAsked.filter((asked) => asked === name).length", name)


def home_and_back(page, path):
    """Follow the header's link home and the navigation's link back to path, by instant navigation."""
    page.click("a.md-header__button.md-logo")
    page.wait_for_selector("[data-calculator]", state="detached")
    page.click(f"nav.md-nav--primary a[href$='{path}']")
    page.wait_for_url(f"**/{path}")
    wait_for_python(page)
    assert page.evaluate("() => window.sameDocument === true"), "instant navigation reloaded the page"


def test_a_second_visit_answers_each_press_and_each_step_back_once(recorded, site_url):
    recorded.context.add_init_script(COUNT_CALCULATIONS)
    page = recorded.page
    page.goto(site_url + "calculators/deadline/?rule=romm-service-1&date=2024-02-20")
    page.wait_for_selector("[data-result] [data-deadline='2024-03-01']", timeout=90000)
    page.evaluate("() => { window.sameDocument = true; }")
    home_and_back(page, "calculators/deadline/")

    before = asked(page, "deadline")
    page.fill("#deadline-date", "20/12/2024")
    page.select_option("#deadline-rule", "romm-service-2")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] [data-deadline='2025-01-09']")
    page.fill("#deadline-date", "2025-12-25")
    page.select_option("#deadline-rule", "appeal-malpractice")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] [data-deadline='2026-01-08']")
    assert asked(page, "deadline") == before + 2, "one calculation per press"
    page.go_back()
    page.wait_for_selector("[data-result] [data-deadline='2025-01-09']")
    page.wait_for_timeout(300)
    assert asked(page, "deadline") == before + 3, "one calculation for one step back"


def test_the_january_flow_on_a_second_visit_steps_back_once(recorded, site_url):
    recorded.context.add_init_script(COUNT_CALCULATIONS)
    page = recorded.page
    page.goto(site_url + "calculators/after-january/")
    wait_for_python(page)
    page.evaluate("() => { window.sameDocument = true; }")
    answer(page, "subject", "standard")
    wait_for_question(page, "series")
    home_and_back(page, "calculators/after-january/")

    wait_for_question(page, "subject")
    answer(page, "subject", "standard")
    wait_for_question(page, "series")
    answer(page, "series", "2026-01")
    wait_for_question(page, "first")
    before = asked(page, "after-january")
    page.go_back()
    wait_for_question(page, "series")
    page.wait_for_timeout(300)
    assert asked(page, "after-january") == before + 1, "the first visit's back-button listener is gone"
