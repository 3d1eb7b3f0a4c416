"""axe-core (node_modules/axe-core, an npm devDependency) on every page in both colour schemes,
and on the calculator's error and answer states: no WCAG 2.2 A/AA violations. Also the touch
target size (WCAG 2.2, 2.5.8: at least 24 by 24 CSS px) checked directly, since axe only
measures targets it can see crowded together."""
import pytest

from .conftest import ROOT, wait_for_python

AXE = (ROOT / "node_modules" / "axe-core" / "axe.min.js").read_text()
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
SCHEMES = ["light", "dark"]


def axe_violations(page, within=None):
    """The page's violations, or only those inside the elements `within` (CSS selectors) selects."""
    # Evaluated through the DevTools protocol, so the page's CSP stays strict and is not touched.
    if not page.evaluate("() => typeof window.axe === 'object'"):
        page.evaluate(AXE)
    # A header fading in after a scroll has, mid-transition, a contrast it never settles on:
    # judge the page as the reader sees it once it is still.
    page.evaluate("() => Promise.all(document.getAnimations().map((animation) => animation.finished.catch(() => {})))")
    return page.evaluate("async ([tags, within]) => (await axe.run(within ? {include: within.map((s) => [s])} : document,"
                         " {runOnly: {type: 'tag', values: tags}}))"
                         ".violations.map(v => ({id: v.id, help: v.help, nodes: v.nodes.map(n => n.target.join(' ')).slice(0, 5)}))",
                         [TAGS, within])


def open_in(recorded, scheme):
    page = recorded.page
    page.emulate_media(color_scheme=scheme)
    return page


@pytest.mark.parametrize("scheme", SCHEMES)
def test_every_page_has_no_wcag_22_aa_violations(recorded, site_url, site_pages, scheme):
    page = open_in(recorded, scheme)
    report = {}
    for path in site_pages:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        expected = "slate" if scheme == "dark" else "default"
        assert page.get_attribute("body", "data-md-color-scheme") == expected
        violations = axe_violations(page)
        if violations:
            report[path or "/"] = violations
    assert report == {}


@pytest.mark.parametrize("scheme", SCHEMES)
def test_the_calculator_error_and_answer_states_have_no_violations(recorded, site_url, scheme):
    page = open_in(recorded, scheme)
    page.goto(site_url + "calculators/deadline/")
    wait_for_python(page)
    page.fill("#deadline-date", "31/02/2025")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-error-summary]:not([hidden])")
    assert axe_violations(page) == []
    page.fill("#deadline-date", "20/12/2024")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] .cg-panel__answer")
    assert axe_violations(page) == []


# Controls in the page body; inline links are exempt (2.5.8), and axe checks the theme's own.
TARGETS = """() => [...document.querySelectorAll(
    '.md-content a[href], .md-content button, .md-content input:not([type=hidden]), .md-content select,'
    + ' .md-content textarea, .md-content summary')]
  .filter((el) => el.getClientRects().length && getComputedStyle(el).visibility !== 'hidden')
  .filter((el) => !(el.tagName === 'A' && el.closest('p, li, td, dd, dt') && !el.matches('.md-button')))
  .filter((el) => !el.matches('.headerlink'))
  .map((el) => { const r = el.getBoundingClientRect();
                 return {what: el.outerHTML.slice(0, 80), width: Math.round(r.width), height: Math.round(r.height)}; })
  .filter((t) => t.width < 24 || t.height < 24)"""


@pytest.mark.parametrize("width", [1280, 390])
def test_calculator_page_controls_are_at_least_24_px_square_on_desktop_and_phone(recorded, site_url, site_pages, width):
    page = recorded.page
    page.set_viewport_size({"width": width, "height": 900})
    small = {}
    for path in [p for p in site_pages if p.startswith("calculators/")]:
        page.goto(site_url + path)
        page.wait_for_load_state("networkidle")
        found = page.evaluate(TARGETS)
        if found:
            small[path] = found
    assert small == {}


ANSWERS = ["[data-result]", "[data-sheet-preview]"]


def sheet_with_two_mark_columns(count=40):
    return "Candidate No\tName\tCentre mark\tModerated mark\n" + "".join(
        f"{5001 + n}\tLearner {n}\t{(n * 7) % 60}\t{(n * 5) % 60}\n" for n in range(count))


@pytest.mark.parametrize("scheme", SCHEMES)
@pytest.mark.parametrize("width", [1280, 390])
def test_the_answers_of_a_persons_path_have_no_violations(recorded, site_url, scheme, width):
    """Issue 14's states: the column chooser opened with its doubts, the warning box before the
    sample, the tables in the theme's look (scrolling on a phone), "what next" links, several
    subjects' key dates, and the cohort timeline. Only the calculators' answers are judged here:
    every whole page is judged above."""
    page = open_in(recorded, scheme)
    page.set_viewport_size({"width": width, "height": 900})
    report = {}
    page.goto(site_url + "calculators/moderation-sample/")
    wait_for_python(page)
    page.select_option("#moderation-sample-series", "2026-06")
    page.fill("#moderation-sample-marks", sheet_with_two_mark_columns())
    page.wait_for_selector("[data-unsure]")
    page.fill("#moderation-sample-selected", "5002 5003 9999")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] [data-changes-answer]")
    report["moderation-sample"] = axe_violations(page, ANSWERS)
    for path, ready in [
        ("certification/?subject=standard&attempts=1:2025-06:45,2:2025-06,3:2026-01,3:2026-06",
         "[data-result] [data-next]"),
        ("sample-size/?cohort=40&series=2026-01", "[data-result] [data-next]"),
        ("key-dates/?academic_year=2024-25&subjects=other,performing-arts&reminder_days=7", "[data-result] caption"),
        ("cohort-plan/?subject=standard&model=three-year-resit&start_year=2025", "[data-result] [data-plan-text]"),
    ]:
        page.goto(site_url + "calculators/" + path)
        page.wait_for_selector(ready, timeout=90000)
        page.wait_for_timeout(200)  # the scroll hints settle once the boxes are measured
        report[path.split("/")[0]] = axe_violations(page, ANSWERS)
    assert {name: found for name, found in report.items() if found} == {}


WIDE_TABLES = """() => [...document.querySelectorAll('.md-content .md-typeset__scrollwrap')]
  .filter((box) => box.scrollWidth > box.clientWidth + 1)
  .map((box) => ({tabindex: box.getAttribute('tabindex'), role: box.getAttribute('role'),
                  label: box.getAttribute('aria-label')}))"""


def test_guidance_tables_that_scroll_on_a_phone_are_named_keyboard_stops(recorded, site_url):
    """mkdocs-material lets a wide Markdown table scroll sideways; on a phone that box must be
    reachable by the keyboard and named (axe's scrollable-region-focusable, WCAG 2.1.1)."""
    page = recorded.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "post-results/")
    page.wait_for_load_state("networkidle")
    page.wait_for_timeout(300)  # the boxes are measured once laid out
    wide = page.evaluate(WIDE_TABLES)
    assert wide, "no table scrolls at 390 px: this test no longer tests anything"
    assert all(box["tabindex"] == "0" and box["role"] == "region" and box["label"].endswith("(scrolls sideways)")
               for box in wide), wide
    assert axe_violations(page) == []
