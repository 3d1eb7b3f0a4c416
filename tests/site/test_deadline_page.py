"""The deadline calculator in headless Chromium, against the built site."""
from .conftest import HeldBack, wait_for_python


def answer_text(page):
    return page.locator("[data-result] .cg-panel__answer").inner_text()


def test_the_form_works_before_python_is_ready_and_answers_once_it_is(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    page.select_option("#deadline-rule", "romm-service-2")
    page.fill("#deadline-date", "20/12/2024")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] .cg-panel__answer", timeout=90000)
    assert answer_text(page) == "Thursday 9 January 2025"
    assert "Source: Pearson, Post-results services" in page.locator("[data-result]").inner_text()
    assert "rule=romm-service-2" in page.url, "the answer can be shared as a link"


def test_a_bad_date_is_shown_beside_the_field_and_in_the_summary_and_kept(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    wait_for_python(page)
    page.fill("#deadline-date", "31/02/2025")
    page.click("button[type=submit]")
    page.wait_for_selector("#deadline-date-error:not([hidden])")
    assert "does not exist" in page.inner_text("#deadline-date-error")
    assert page.get_attribute("#deadline-date", "aria-invalid") == "true"
    summary = page.locator("[data-error-summary]")
    assert "There is a problem" in summary.inner_text()
    assert page.evaluate("() => document.activeElement.matches('[data-error-summary]')")
    assert page.input_value("#deadline-date") == "31/02/2025"
    summary.locator("a").click()
    assert page.evaluate("() => document.activeElement.id") == "deadline-date"


def test_instant_navigation_away_and_back_keeps_the_one_python(recorded, site_url):
    page = recorded.page
    # The page's own downloads of the wasm, plain or its brotli copy (its worker's included; a
    # look in the cache that finds nothing downloads nothing): once Python is ready the service
    # worker may fetch the same file for the offline copy, which is not a second Python.
    page_fetches = []
    page.on("requestfinished", lambda request: page_fetches.append(request.url)
            if "pyodide.asm.wasm" in request.url and request.service_worker is None else None)
    page.goto(site_url + "calculators/deadline/")
    wait_for_python(page)
    page.evaluate("() => { window.sameDocument = true; }")
    python_fetches = len(page_fetches)
    page.click("nav.md-nav--primary a[href$='post-results/']")
    page.wait_for_url("**/post-results/")
    page.click("nav.md-nav--primary a[href$='calculators/deadline/']")
    page.wait_for_url("**/calculators/deadline/")
    assert page.evaluate("() => window.sameDocument === true"), "instant navigation reloaded the page"
    page.fill("#deadline-date", "2024-02-20")
    page.select_option("#deadline-rule", "romm-service-1")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] .cg-panel__answer", timeout=90000)  # a busy CI machine is slow
    assert answer_text(page) == "Friday 1 March 2024"
    assert len(page_fetches) == python_fetches == 1


def test_a_shared_link_gives_the_answer_without_typing(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/?rule=appeal-malpractice&date=2025-12-25")
    page.wait_for_selector("[data-result] .cg-panel__answer", timeout=90000)
    assert answer_text(page) == "Thursday 8 January 2026"
    assert page.input_value("#deadline-date") == "2025-12-25"


def test_a_guidance_page_fetches_no_python(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "post-results/")
    page.wait_for_load_state("networkidle")
    assert not [url for url in recorded.requests if "/pyodide/" in url or url.endswith(".whl")]


def submit(page, **fields):
    for name, value in fields.items():
        selector = f"#deadline-{name}"
        if page.locator(selector).evaluate("(node) => node.tagName") == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)
    page.click("button[type=submit]")


def test_pearsons_working_days_use_england_and_wales_bank_holidays_for_a_scottish_centre(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    wait_for_python(page)
    submit(page, rule="appeal-acknowledgement", date="31/12/2025", nation="scotland")
    page.wait_for_selector("[data-result] [data-deadline='2026-01-05']")
    assert "bank holidays in England and Wales left out, as Pearson counts its working days" in \
        page.inner_text("[data-result]")


def test_a_deadline_on_a_bank_holiday_is_flagged_not_moved(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/?rule=romm-service-1&date=2025-12-23&nation=scotland")
    page.wait_for_selector("[data-result] [data-deadline='2026-01-02']", timeout=90000)
    assert page.locator("[data-result] .cg-warning[data-code='bank-holiday']").count() == 1


def test_a_service_not_offered_for_the_qualification_is_refused_beside_the_qualification(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    wait_for_python(page)
    submit(page, rule="romm-priority-service-2", date="14/8/2025", qualification="btec-tech-awards")
    page.wait_for_selector("#deadline-qualification-error:not([hidden])")
    assert "not offered for BTEC Level 2 Tech Awards" in page.inner_text("#deadline-qualification-error")
    submit(page, qualification="btec-nationals")
    page.wait_for_selector("[data-result] [data-deadline='2025-08-29']")


def test_the_start_date_question_appears_only_for_the_appeal_after_a_review(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    page.wait_for_selector("[data-calculator][data-wired]", state="attached")
    assert not page.is_visible("#deadline-start_basis")
    page.select_option("#deadline-rule", "appeal-after-review")
    assert page.is_visible("#deadline-start_basis") and not page.is_visible("#deadline-qualification")


def test_a_shared_link_with_every_answer_reproduces_the_result_and_back_and_forward_work(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/?rule=appeal-after-review&date=2025-08-20"
              "&start_basis=letter-date&nation=scotland")
    page.wait_for_selector("[data-result] [data-deadline='2025-09-19']", timeout=90000)
    assert page.is_checked("#deadline-start_basis-letter-date")
    assert page.input_value("#deadline-nation") == "scotland"
    assert "printed on the outcome letter" in page.inner_text("[data-result]")
    submit(page, rule="appeal-malpractice", date="2025-12-25")
    page.wait_for_selector("[data-result] [data-deadline='2026-01-08']")
    page.go_back()
    page.wait_for_selector("[data-result] [data-deadline='2025-09-19']")
    page.go_forward()
    page.wait_for_selector("[data-result] [data-deadline='2026-01-08']")


def test_the_calendar_download_is_an_ics_file_a_calendar_program_can_read(recorded, site_url):
    import icalendar

    page = recorded.page
    page.goto(site_url + "calculators/deadline/?rule=fast-track-approval&date=2025-04-17")
    page.wait_for_selector("[data-result] [data-deadline='2025-04-28']", timeout=90000)
    with page.expect_download() as download:
        page.click("text=Download to calendar (.ics)")
    assert download.value.suggested_filename == "fast-track-approval-2025-04-28.ics"
    with open(download.value.path(), "rb") as handle:
        [event] = icalendar.Calendar.from_ical(handle.read()).walk("VEVENT")
    assert event.decoded("DTSTART").isoformat() == "2025-04-28"
    assert "Approval and Compliance" in str(event["DESCRIPTION"])


def test_a_deadline_before_the_readers_today_says_it_has_passed_and_today_stays_out_of_the_address(
        recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/?rule=appeal-malpractice&date=2024-08-22")
    page.wait_for_selector("[data-result] .cg-warning[data-code='past']", timeout=90000)
    assert "has passed" in page.inner_text("[data-result] .cg-warning[data-code='past']")
    assert "today" not in page.url


def test_a_reviews_deadline_links_on_to_the_appeal_deadline_with_the_rule_filled_in(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/?rule=romm-service-2&date=21%2F08%2F2025&nation=scotland")
    page.wait_for_selector("[data-result] [data-next='deadline']", timeout=90000)
    link = page.locator("[data-result] [data-next='deadline']")
    assert "last day to appeal" in link.inner_text()
    link.click()
    page.wait_for_selector("#deadline-start_basis-letter-date", timeout=90000)
    assert "rule=appeal-after-review" in page.url and "date=" not in page.url
    page.wait_for_selector("[data-calculator][data-wired]", state="attached")
    assert page.input_value("#deadline-rule") == "appeal-after-review"
    assert page.input_value("#deadline-nation") == "scotland"
    assert page.is_visible("#deadline-start_basis-letter-date"), "the question this rule needs is shown"
    assert page.is_hidden("[data-error-summary]"), "no complaint about the date the reader has not given yet"
    page.fill("#deadline-date", "01/10/2025")
    page.check("#deadline-start_basis-letter-date")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] .cg-panel__answer")
    assert answer_text(page) == "Friday 31 October 2025"
    assert page.locator("[data-result] [data-next]").count() == 0, "an appeal's deadline has no next step"


def test_the_questions_a_rule_needs_show_before_the_page_scripts_arrive(recorded, site_url):
    """On a slow network the page scripts come seconds after the form: choosing a rule must show
    its questions at once (the first script of the page does it), not when they arrive."""
    held = HeldBack(recorded.context, "**/assets/js/calculators.js")
    page = recorded.page
    page.goto(site_url + "calculators/deadline/", wait_until="commit")  # "load" waits for the held script
    page.wait_for_selector("#deadline-rule")
    page.select_option("#deadline-rule", "appeal-after-review")
    assert page.is_visible("#deadline-start_basis") and not page.is_visible("#deadline-qualification")
    page.select_option("#deadline-rule", "romm-service-2")
    assert page.is_visible("#deadline-qualification") and not page.is_visible("#deadline-start_basis")
    assert held.routes and not page.locator("[data-calculator][data-wired]").count(), "the page script ran after all"
    held.release()
    page.wait_for_selector("[data-calculator][data-wired]", state="attached", timeout=90000)
    assert page.is_visible("#deadline-qualification") and not page.is_visible("#deadline-start_basis")
