"""The calculators by keyboard alone: every control reachable with Tab in order and visibly
focused, answers given and announced through the status region, and on a failed submit focus
going to the error summary, whose links take focus to the field."""
import pytest

from .conftest import wait_for_python

CONTROLS = "input:not([type=hidden]), select, textarea, button"
# What has focus, described well enough to compare and to read in a failure message.
ACTIVE = "() => { const el = document.activeElement; return el ? (el.id || el.name || `${el.tagName}:${el.textContent.trim()}`) : null; }"
FOCUS_SHOWN = """() => { const el = document.activeElement;
  const shown = (node) => { const style = getComputedStyle(node);
    return style.outlineStyle !== 'none' && parseFloat(style.outlineWidth) > 0 || style.boxShadow !== 'none'; };
  return shown(el) || [...(el.labels || [])].some(shown); }"""


def tab_to(page, selector, limit=120, key="Tab"):
    """Press Tab (or key) until the element matching selector has focus; fail if it never does."""
    for _ in range(limit):
        if page.evaluate("(selector) => document.activeElement?.matches(selector)", selector):
            return
        page.keyboard.press(key)
    pytest.fail(f"{selector} cannot be reached with Tab (stopped on {page.evaluate(ACTIVE)})")


def choose_by_keyboard(page, selector, value):
    """Move a focused <select> to value with the arrow keys, as a keyboard user would."""
    for key in ("Home", *["ArrowDown"] * 40):
        if page.input_value(selector) == value:
            return
        page.keyboard.press(key)
    assert page.input_value(selector) == value


def test_the_deadline_calculator_is_completed_by_keyboard_alone(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    wait_for_python(page)
    tab_to(page, "#deadline-rule")
    assert page.evaluate(FOCUS_SHOWN), "the focused list has no visible focus indicator"
    choose_by_keyboard(page, "#deadline-rule", "romm-service-2")
    tab_to(page, "#deadline-date")
    assert page.evaluate(FOCUS_SHOWN)
    page.keyboard.type("20/12/2024")
    tab_to(page, "[data-calculator] button[type=submit]")
    assert page.evaluate(FOCUS_SHOWN), "the focused button has no visible focus indicator"
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-result] .cg-panel__answer", timeout=30000)
    region = page.locator("[data-result]")
    assert region.get_attribute("role") == "status" and region.get_attribute("aria-live") == "polite"
    assert page.inner_text("[data-result] .cg-panel__answer") == "Thursday 9 January 2025"


def test_a_failed_submit_by_keyboard_moves_focus_to_the_summary_and_its_link_to_the_field(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    wait_for_python(page)
    tab_to(page, "#deadline-date")
    page.keyboard.type("2025-13-01")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-error-summary]:not([hidden])")
    assert page.evaluate("() => document.activeElement.matches('[data-error-summary]')")
    assert page.evaluate(FOCUS_SHOWN), "the focused summary has no visible focus indicator"
    assert page.get_attribute("[data-error-summary]", "role") == "alert"
    page.keyboard.press("Tab")
    assert page.evaluate("() => document.activeElement.closest('[data-error-summary]') !== null")
    page.keyboard.press("Enter")
    assert page.evaluate(ACTIVE) == "deadline-date"
    assert page.input_value("#deadline-date") == "2025-13-01"


def calculator_pages(site_pages):
    return [path for path in site_pages if path.startswith("calculators/") and path != "calculators/"]


def test_every_calculator_form_can_be_tabbed_through_in_order_and_submitted_by_keyboard(recorded, site_url, site_pages):
    page = recorded.page
    checked = 0
    for path in calculator_pages(site_pages):
        page.goto(site_url + path)
        if not page.locator("[data-calculator] form").count():
            continue
        wait_for_python(page)
        expected = page.evaluate("""(controls) => [...document.querySelectorAll('[data-calculator] form')]
            .flatMap((form) => [...form.querySelectorAll(controls)])
            .filter((el) => el.getClientRects().length && !el.disabled && el.tabIndex >= 0)
            .filter((el) => {  /* Tab stops once per radio group: on the ticked one, else the first */
                if (el.type !== 'radio') return true;
                const group = [...el.form.elements].filter((other) => other.type === 'radio' && other.name === el.name);
                return el.checked || (!group.some((other) => other.checked) && group[0] === el); })
            .map((el) => el.id || el.name || `${el.tagName}:${el.textContent.trim()}`)""", CONTROLS)
        assert expected, path
        tab_to(page, "[data-calculator] form :is(input, select, textarea, button)")
        reached = []
        for _ in range(len(expected) * 3):
            if not page.evaluate("() => document.activeElement.closest('[data-calculator] form') !== null"):
                break
            assert page.evaluate(FOCUS_SHOWN), f"{path}: no visible focus on {page.evaluate(ACTIVE)}"
            current = page.evaluate(ACTIVE)
            if not reached or reached[-1] != current:
                reached.append(current)
            page.keyboard.press("Tab")
        assert [name for name in reached if name in expected] == expected, (path, reached)
        # Back to the submit button, then Enter: an answer or the error summary, never nothing.
        tab_to(page, "[data-calculator] form button[type=submit]", key="Shift+Tab")
        page.keyboard.press("Enter")
        page.wait_for_selector("[data-calculator] [data-result] *, [data-error-summary]:not([hidden])",
                               state="attached", timeout=30000)
        checked += 1
    assert checked >= 4


# mkdocs-material's single-key shortcuts: n or . next page, p or , previous, f, s or / search.
SINGLE_KEYS = ["n", ".", "p", ",", "s", "f", "/"]


def test_a_single_key_typed_on_the_page_does_not_leave_it_or_open_the_search(recorded, site_url):
    """WCAG 2.1.4: a letter typed outside a text field (on the page, a button, a radio button)
    must not take the reader off the page mid-task."""
    page = recorded.page
    path = "calculators/moderation-sample/"
    page.goto(site_url + path)
    wait_for_python(page)
    page.evaluate("() => { window.sameDocument = true; }")
    for focus in ("body", "#moderation-sample-subject-standard", "[data-calculator] button[type=submit]"):
        page.focus(focus) if focus != "body" else page.evaluate("() => document.activeElement.blur()")
        for key in SINGLE_KEYS:
            page.keyboard.press(key)
        page.wait_for_timeout(500)
        assert page.url == site_url + path, f"a key typed on {focus} left the page"
        assert page.evaluate("() => window.sameDocument === true")
        assert not page.evaluate("() => document.activeElement.matches('.md-search__input')")
    # Typing into a field still types.
    page.fill("#moderation-sample-seed", "")
    page.focus("#moderation-sample-seed")
    page.keyboard.type("n.p")
    assert page.input_value("#moderation-sample-seed") == "n.p"


def test_the_shortcuts_still_work_with_alt_and_shift(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    wait_for_python(page)
    page.keyboard.press("Alt+Shift+S")
    assert page.evaluate("() => document.activeElement.matches('.md-search__input')")
    # The theme opens its search a millisecond after the focus (its focus watch is debounced);
    # a person sees it open before pressing Escape, so the test waits for that too.
    page.wait_for_selector("[data-md-toggle=search]:checked", state="attached", timeout=5000)
    page.keyboard.press("Escape")
    page.wait_for_selector("[data-md-toggle=search]:not(:checked)", state="attached", timeout=5000)
    page.evaluate("() => document.activeElement.blur()")
    next_page = page.evaluate("() => document.querySelector('link[rel=next]').href")
    page.keyboard.press("Alt+Shift+N")
    page.wait_for_url(next_page, timeout=10000)


# The theme's colour switch is a zero-size radio whose label beside it shows the focus.
FOCUSED_ON_SCREEN = """() => { const el = document.activeElement;
  const box = (el.matches('input.md-option') ? el.nextElementSibling : el).getBoundingClientRect();
  return {label: el.getAttribute('aria-label') || el.textContent.trim().slice(0, 30),
          seen: box.width > 0 && box.right > 0 && box.left < innerWidth && getComputedStyle(el).visibility !== 'hidden'}; }"""


def test_on_a_phone_the_tab_key_never_lands_in_the_closed_menu_and_the_menu_opens_by_keyboard(recorded, site_url):
    page = recorded.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "calculators/sample-size/")
    page.wait_for_selector("[data-calculator][data-wired]", state="attached", timeout=90000)
    page.wait_for_timeout(300)  # the closed menu's slide (250 ms) has run
    stops = []
    for _ in range(12):
        page.keyboard.press("Tab")
        page.wait_for_timeout(100)  # the theme opens its search a moment after the box has the focus
        stops.append(page.evaluate(FOCUSED_ON_SCREEN))
    unseen = [stop["label"] for stop in stops if not stop["seen"]]
    assert not unseen, f"Tab landed on what is off screen: {unseen}"
    assert "Menu" in [stop["label"] for stop in stops], "the menu button is not a Tab stop"
    page.focus(".md-header label[for='__drawer']")
    page.keyboard.press("Enter")
    assert page.evaluate("() => document.getElementById('__drawer').checked")
    assert page.get_attribute(".md-header label[for='__drawer']", "aria-expanded") == "true"
    page.wait_for_timeout(300)
    assert page.evaluate(FOCUSED_ON_SCREEN)["seen"], "the open menu's first link is not in view"
    assert page.evaluate("() => document.activeElement.closest('.md-sidebar--primary') !== null")
    page.keyboard.press("Escape")
    assert not page.evaluate("() => document.getElementById('__drawer').checked")
    assert page.evaluate("() => document.activeElement.matches('.md-header label[for=\"__drawer\"]')")
