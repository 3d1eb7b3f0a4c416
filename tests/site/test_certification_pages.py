"""The certification path check, the after-January question flow and the cohort plan, in
headless Chromium against the built site."""
from .conftest import wait_for_python

FLOW = "calculators/after-january/"


def answer(page, field, value):
    """Answer the question on screen and continue to the next one."""
    if field == "series":
        page.fill("#after-january-series", value)
    else:
        page.check(f"#after-january-{field}-{value}")
    page.click("button[type=submit]")


def visible_question(page):
    return page.evaluate("() => [...document.querySelectorAll('[data-question]')]"
                         ".filter((box) => !box.hidden).map((box) => box.dataset.question)")


def wait_for_question(page, field, timeout_ms=30000):
    """Until exactly that question shows (polled: on back and forward the theme swaps the page in)."""
    page.wait_for_selector(f'[data-question="{field}"]:not([hidden])', timeout=timeout_ms)
    for _ in range(timeout_ms // 100):
        if visible_question(page) == [field]:
            return
        page.wait_for_timeout(100)
    assert visible_question(page) == [field], "one question at a time"


def test_a_retake_after_the_terminal_external_is_flagged_with_what_to_do(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/certification/")
    wait_for_python(page)
    page.fill("#certification-attempts-0-series", "2025-06")
    page.fill("#certification-attempts-0-ums", "40")
    page.fill("#certification-attempts-1-series", "2025-06")
    page.fill("#certification-attempts-2-series", "2026-01")
    page.click("[data-add]")
    page.select_option("#certification-attempts-3-component", "1")
    page.fill("#certification-attempts-3-series", "2026-06")
    page.click("button[type=submit]")
    page.wait_for_selector('[data-result] [data-code="terminal-rule"]')
    result = page.inner_text("[data-result]")
    assert "This path has 1 problem" in result
    assert "Enter the external again in May/June 2026 (2026-06) or later" in result
    assert "40 UMS, from May/June 2025" in result
    assert "Problem:" in page.inner_text("[data-attempts] > [data-row]:nth-child(4)")
    # The address holds what the rows say (no names): components, series and UMS.
    assert page.url.endswith("?subject=standard&attempts=1%3A2025-06%3A40%2C2%3A2025-06%2C3%3A2026-01%2C1%3A2026-06")


def test_a_bad_series_is_shown_beside_its_row_and_every_row_is_kept(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/certification/")
    wait_for_python(page)
    page.fill("#certification-attempts-0-series", "2025-06")
    page.fill("#certification-attempts-1-series", "2025-03")
    page.fill("#certification-attempts-2-series", "2026-06")
    page.fill("#certification-attempts-2-ums", "<script>alert(1)</script>")
    page.click("button[type=submit]")
    page.wait_for_selector("#certification-attempts-1-series-error:not([hidden])")
    assert "two series a year" in page.inner_text("#certification-attempts-1-series-error")
    assert "must be a number" in page.inner_text("#certification-attempts-2-ums-error")
    assert page.evaluate("() => document.activeElement.matches('[data-error-summary]')")
    assert [page.input_value(f"#certification-attempts-{row}-series") for row in range(3)] == \
        ["2025-06", "2025-03", "2026-06"]


def test_the_january_flow_walked_to_the_two_options_side_by_side(recorded, site_url):
    page = recorded.page
    page.set_viewport_size({"width": 1280, "height": 900})
    page.goto(site_url + FLOW)
    wait_for_python(page)
    wait_for_question(page, "subject")
    answer(page, "subject", "standard")
    wait_for_question(page, "series")
    answer(page, "series", "2026-01")
    wait_for_question(page, "first")
    answer(page, "first", "yes")
    wait_for_question(page, "happy")
    page.click("button[type=submit]")
    page.wait_for_selector("#after-january-happy-error:not([hidden])")
    answer(page, "happy", "no")
    wait_for_question(page, "resit")
    assert page.inner_text('[data-question="resit"] legend') == "Will the learner resit the external in May/June 2026?"
    answer(page, "resit", "yes")
    page.wait_for_selector('[data-outcome="options"]')
    assert visible_question(page) == []
    wait, both = page.locator("[data-option]").all()
    assert wait.get_attribute("data-option") == "claim-after-resit"
    assert both.get_attribute("data-option") == "claim-now-recertificate"
    assert wait.bounding_box()["y"] == both.bounding_box()["y"], "the two options sit side by side"
    assert "even if it is lower" in wait.inner_text()
    assert "Performance tables use\nDecember 2025/January 2026" in both.inner_text()
    assert "Source: Pearson, BTEC Tech Awards QA centre guide" in page.inner_text("[data-outcome]")
    assert page.url.endswith("?subject=standard&series=2026-01&first=yes&happy=no&resit=yes")
    assert page.evaluate("() => document.activeElement.matches('[data-outcome] h2')")


def test_the_january_flow_the_other_way_a_happy_learner_claims_now(recorded, site_url):
    page = recorded.page
    page.goto(site_url + FLOW)
    wait_for_python(page)
    answer(page, "subject", "standard")
    wait_for_question(page, "series")
    answer(page, "series", "Jan 2027")
    wait_for_question(page, "first")
    answer(page, "first", "yes")
    wait_for_question(page, "happy")
    answer(page, "happy", "yes")
    page.wait_for_selector('[data-outcome="claim-january"]')
    assert [option.get_attribute("data-option") for option in page.locator("[data-option]").all()] == ["claim-january"]
    assert "late certification window" in page.inner_text("[data-outcome]")
    page.go_back()
    wait_for_question(page, "happy")
    assert not page.is_checked("#after-january-happy-yes"), "going back forgets the later answer"


def test_changing_an_earlier_answer_reroutes_and_drops_answers_no_longer_asked(recorded, site_url):
    page = recorded.page
    page.goto(site_url + FLOW + "?subject=standard&series=2026-01&first=yes&happy=no&resit=yes")
    page.wait_for_selector('[data-outcome="options"]', timeout=90000)
    page.click('[data-change="happy"]')
    wait_for_question(page, "happy")
    assert page.evaluate("() => document.activeElement.id") == "after-january-happy-no"
    answer(page, "happy", "yes")
    page.wait_for_selector('[data-outcome="claim-january"]')
    assert "resit=" not in page.url and "happy=yes" in page.url
    rows = page.locator(".cg-summary__key").all_inner_texts()
    assert rows == ["What type of subject is it?", "Which January series did the learner sit the external in?",
                    "Was that the learner's first sitting of the external?",
                    "Is the learner happy with their January result?"]


def test_a_shared_flow_address_gives_the_outcome_again_on_reload(recorded, site_url):
    page = recorded.page
    page.goto(site_url + FLOW + "?subject=standard&series=2025-01&first=no")
    page.wait_for_selector('[data-outcome="claim-january"]', timeout=90000)
    assert "already used their one resit" in page.inner_text("[data-outcome]")
    page.reload()
    page.wait_for_selector('[data-outcome="claim-january"]', timeout=90000)
    assert page.input_value("#after-january-series") == "2025-01"
    page.click("[data-start-again]")
    wait_for_question(page, "subject")
    assert not page.is_checked("#after-january-subject-standard")


def test_a_plan_edited_into_a_terminal_rule_problem_and_out_again(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/cohort-plan/")
    wait_for_python(page)
    page.select_option("#cohort-plan-model", "two-year")
    page.fill("#cohort-plan-start_year", "2025")
    page.click("button[type=submit]")
    page.wait_for_selector('[data-plan-status="valid"]')
    svg = page.locator("svg.cg-timeline__svg")
    assert svg.get_attribute("role") == "img"
    assert "May/June 2027: Component 3 (external), first." in page.inner_html("svg.cg-timeline__svg desc")
    assert "model=two-year" in page.url and "start_year=2025" in page.url
    page.click("[data-add-row]")
    page.select_option("#cohort-plan-row-3-component", "1")
    page.select_option("#cohort-plan-row-3-series", "2028-01")
    page.wait_for_selector('[data-plan-status="problems"] [data-code="terminal-rule"]')
    assert page.locator(".cg-timeline__mark--problem").count() == 1
    assert "Component 1, retake, problem: terminal rule" in page.inner_text("[data-plan-text]")
    page.select_option("#cohort-plan-row-3-series", "2027-01")
    page.wait_for_selector('[data-plan-status="valid"]')
    assert page.locator(".cg-timeline__mark--problem").count() == 0
    page.click("[data-plan-editor] tr[data-row]:nth-child(4) [data-remove]")
    page.wait_for_selector('[data-plan-status="valid"]')
    assert page.locator("[data-plan-editor] tr[data-row]").count() == 3


CERTIFICATION = "calculators/certification/"


def row_values(page):
    return page.evaluate("""() => [...document.querySelectorAll('[data-attempts] > [data-row]')].map((row) =>
        ['component', 'series', 'ums'].map((part) => row.querySelector(`[data-part="${part}"]`).value).join(' '))""")


def test_a_shared_certification_address_rebuilds_the_rows_and_checks_them(recorded, site_url):
    page = recorded.page
    page.goto(site_url + CERTIFICATION + "?subject=standard&attempts=1:2025-06:45,2:2026-01,3:2026-01:60,3:2026-06")
    page.wait_for_selector("[data-result] .cg-panel__title", timeout=90000)
    assert row_values(page) == ["1 2025-06 45", "2 2026-01 ", "3 2026-01 60", "3 2026-06 "]
    assert [page.get_attribute(f"#certification-attempts-{row}-series", "name") for row in range(4)] == [
        f"attempts-{row}-series" for row in range(4)]
    assert "This path follows the rules" in page.inner_text("[data-result]")
    assert page.locator("[data-option]").count() == 2, "January and a resit: the two options"


def test_back_and_forward_step_through_the_paths_checked(recorded, site_url):
    page = recorded.page
    page.goto(site_url + CERTIFICATION + "?subject=standard&attempts=1:2025-06,2:2026-01,3:2026-06")
    page.wait_for_selector("[data-result] .cg-panel--ok", timeout=90000)
    page.click("[data-add]")
    page.select_option("#certification-attempts-3-component", "1")
    page.fill("#certification-attempts-3-series", "2027-01")
    page.click("button[type=submit]")
    page.wait_for_selector('[data-result] [data-code="terminal-rule"]')
    assert "1%3A2027-01" in page.url
    page.go_back()
    page.wait_for_selector("[data-result] .cg-panel--ok")
    assert row_values(page) == ["1 2025-06 ", "2 2026-01 ", "3 2026-06 "], "the added row goes again"
    page.go_forward()
    page.wait_for_selector('[data-result] [data-code="terminal-rule"]')
    assert row_values(page)[-1] == "1 2027-01 "
    assert page.locator("[data-attempts] > [data-row]").count() == 4


def test_a_path_with_a_january_external_links_on_to_the_after_january_questions(recorded, site_url):
    page = recorded.page
    page.goto(site_url + CERTIFICATION + "?subject=standard&attempts=1:2025-06,3:2026-01,2:2026-06")
    page.wait_for_selector('[data-result] [data-code="terminal-rule"]', timeout=90000)
    # A terminal rule problem says to resit; no link offers claiming on January beside it.
    assert page.locator("[data-result] [data-next='after-january']").count() == 0
    assert "certification cannot be claimed on it while an assessment comes after it" in \
        page.inner_text("[data-result]")
    page.goto(site_url + CERTIFICATION + "?subject=standard&attempts=1:2025-06,2:2025-06,3:2026-01,3:2026-06")
    page.wait_for_selector("[data-result] [data-option]", timeout=90000)
    link = page.locator("[data-result] [data-next='after-january']")
    assert "claim certification now" in link.inner_text()
    link.click()
    wait_for_question(page, "happy", timeout_ms=90000)
    assert "subject=standard&series=2026-01&first=yes" in page.url
    assert page.locator(".cg-summary__value").all_inner_texts() == [
        "Subjects with a written external exam", "December 2025/January 2026", "Yes"]


def test_a_path_without_a_january_sitting_has_no_link_to_those_questions(recorded, site_url):
    page = recorded.page
    page.goto(site_url + CERTIFICATION + "?subject=standard&attempts=1:2025-06,2:2026-06,3:2026-06")
    page.wait_for_selector("[data-result] .cg-panel--ok", timeout=90000)
    assert page.locator("[data-result] [data-next]").count() == 0


TABLE_LOOK = """() => [...document.querySelectorAll('[data-result] table')].map((table) => {
    const style = getComputedStyle(table);
    return [table.hasAttribute('class'), table.parentElement.className, style.fontSize, style.borderTopStyle];
})"""


def markdown_table_look(page, site_url):
    page.goto(site_url + "calculators/certification/")
    return page.evaluate("""() => { const style = getComputedStyle(document.querySelector('.md-typeset__table table'));
        return [false, 'md-typeset__table', style.fontSize, style.borderTopStyle]; }""")


def test_result_tables_look_like_the_sites_other_tables(recorded, site_url):
    page = recorded.page
    look = markdown_table_look(page, site_url)
    page.goto(site_url + CERTIFICATION + "?subject=standard&attempts=1:2025-06,2:2026-01,3:2026-06")
    page.wait_for_selector("[data-result] table", timeout=90000)
    assert page.evaluate(TABLE_LOOK) == [look, look]
    page.goto(site_url + "calculators/cohort-plan/?subject=standard&model=two-year&start_year=2025")
    page.wait_for_selector("[data-result] [data-plan-text]", timeout=90000)
    assert page.evaluate(TABLE_LOOK) == [look]


def test_on_a_phone_the_cohort_timeline_scrolls_and_says_so(recorded, site_url):
    page = recorded.page
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(site_url + "calculators/cohort-plan/?subject=standard&model=two-year&start_year=2025")
    page.wait_for_selector("[data-result] svg.cg-timeline__svg", timeout=90000)
    hint = page.locator(".cg-timeline .cg-scroll__hint")
    hint.wait_for(state="visible")
    assert hint.inner_text().startswith("Scroll sideways to see all ") and "2026 to 2027" in hint.inner_text()
    box = page.locator(".cg-timeline .cg-scroll")
    assert box.get_attribute("tabindex") == "0" and box.get_attribute("role") == "region"
    assert page.evaluate("() => document.documentElement.scrollWidth") == 390, "the picture scrolls, not the page"
    box.focus()
    page.keyboard.press("ArrowRight")
    poll_until = 0
    while page.evaluate("() => document.querySelector('.cg-timeline .cg-scroll').scrollLeft") == 0 and poll_until < 30:
        page.wait_for_timeout(100)
        poll_until += 1
    assert page.evaluate("() => document.querySelector('.cg-timeline .cg-scroll').scrollLeft") > 0, "the keyboard scrolls it"
    page.set_viewport_size({"width": 1280, "height": 800})
    hint.wait_for(state="hidden")
