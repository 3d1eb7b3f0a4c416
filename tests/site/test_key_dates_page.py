"""The key-dates planner in headless Chromium: timeline, table, shared link, calendar file and feeds."""
from datetime import date

import icalendar

from .conftest import HeldBack, wait_for_python

PAGE = "calculators/key-dates/"


def test_the_planner_opens_on_this_academic_year_without_being_asked(recorded, site_url):
    page = recorded.page
    page.goto(site_url + PAGE)
    today = date.today()
    first = today.year if today.month >= 9 else today.year - 1
    page.wait_for_selector("[data-result] .cg-timeline", timeout=90000)
    assert page.input_value("#key-dates-academic_year") == f"{first}-{(first + 1) % 100:02d}"
    assert f"Key dates for {first}-{(first + 1) % 100:02d}" in page.inner_text("[data-result] h2")


def test_a_year_chosen_while_python_still_loads_is_kept_and_the_first_plan_does_not_replace_it(recorded, site_url):
    """On a slow laptop the reader can choose a year before the opening plan comes: the plan
    worked out for this year must not then appear under their choice."""
    page = recorded.page
    held = HeldBack(recorded.context, "**/assets/py/calculators-*.whl")  # Python waits for its wheel
    page.goto(site_url + PAGE)
    page.wait_for_selector("[data-calculator][data-wired]", state="attached", timeout=90000)
    page.wait_for_timeout(500)  # the worker has asked for the wheel by now
    page.select_option("#key-dates-academic_year", "2024-25")
    assert held.routes, "the worker never asked for the calculators' wheel"
    held.release()
    wait_for_python(page)
    page.wait_for_timeout(1000)  # the opening plan, had it been kept, is drawn by now
    assert page.input_value("#key-dates-academic_year") == "2024-25"
    assert page.locator("[data-result] h2").count() == 0
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] caption:has-text('2024-25')")


def test_choosing_a_year_shows_a_timeline_and_a_table_with_weekends_flagged(recorded, site_url):
    page = recorded.page
    page.goto(site_url + PAGE)
    wait_for_python(page)
    page.select_option("#key-dates-academic_year", "2024-25")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] caption:has-text('2024-25')")
    rows = page.locator("[data-result] .cg-key-dates tbody tr")
    marks = page.locator("[data-result] .cg-timeline__mark")
    assert rows.count() == marks.count() >= 7
    opening = page.locator("[data-result] tr[data-id='registration-opens']")
    assert "Sunday 1 September 2024" in opening.inner_text()
    assert opening.locator(".cg-warning[data-code='weekend']").count() == 1
    assert page.locator("[data-result] .cg-timeline__mark--flag").count() == 2
    assert "academic_year=2024-25" in page.url


def test_a_shared_link_reproduces_the_plan_for_that_subject_and_nation(recorded, site_url):
    page = recorded.page
    page.goto(site_url + PAGE + "?academic_year=2024-25&subject=art-and-design&nation=scotland")
    page.wait_for_selector("[data-result] caption:has-text('Art and Design')", timeout=90000)
    assert page.input_value("#key-dates-nation") == "scotland"
    ids = page.eval_on_selector_all("[data-result] tbody tr", "(rows) => rows.map((row) => row.dataset.id)")
    assert "marks-and-sample-dec-jan" not in ids and "psa-release-may-jun" in ids


def test_the_whole_list_downloads_as_a_calendar_with_one_event_per_date(recorded, site_url):
    page = recorded.page
    page.goto(site_url + PAGE + "?academic_year=2025-26&subject=performing-arts")
    page.wait_for_selector("[data-result] caption:has-text('2025-26')", timeout=90000)
    shown = page.eval_on_selector_all("[data-result] tbody tr", "(rows) => rows.map((row) => row.dataset.date)")
    with page.expect_download() as download:
        page.click("text=Download to calendar (.ics)")
    with open(download.value.path(), "rb") as handle:
        events = icalendar.Calendar.from_ical(handle.read()).walk("VEVENT")
    assert [event.decoded("DTSTART").isoformat() for event in events] == shown


def test_the_feed_links_lead_to_calendars_on_this_site(recorded, site_url):
    page = recorded.page
    page.goto(site_url + PAGE)
    links = page.eval_on_selector_all(".cg-feeds a, .cg-feeds-by-year a", "(links) => links.map((link) => link.href)")
    assert len(links) >= 6 and all(link.startswith(site_url + "calendars/key-dates-") for link in links)
    for link in links[:3] + links[-1:]:
        response = page.request.get(link)
        assert response.ok
        assert icalendar.Calendar.from_ical(response.body()).walk("VEVENT")


def test_printing_keeps_the_plan_and_drops_the_form(recorded, site_url):
    page = recorded.page
    page.goto(site_url + PAGE + "?academic_year=2024-25")
    page.wait_for_selector("[data-result] .cg-timeline", timeout=90000)
    page.emulate_media(media="print")
    assert not page.is_visible("form.cg-form")
    assert page.is_visible("[data-result] .cg-timeline") and page.is_visible("[data-result] .cg-key-dates")


def test_a_link_naming_only_the_subject_opens_this_year_for_that_subject(recorded, site_url):
    page = recorded.page
    page.goto(site_url + PAGE + "?subject=art-and-design")
    page.wait_for_selector("[data-result] caption:has-text('Art and Design')", timeout=90000)
    today = date.today()
    first = today.year if today.month >= 9 else today.year - 1
    assert page.input_value("#key-dates-academic_year") == f"{first}-{(first + 1) % 100:02d}"


def test_a_whole_centre_ticks_several_subjects_and_gets_each_date_once(recorded, site_url):
    page = recorded.page
    page.goto(site_url + PAGE)
    wait_for_python(page)
    page.select_option("#key-dates-academic_year", "2024-25")
    page.check("#key-dates-subjects-performing-arts")
    page.check("#key-dates-subjects-art-and-design")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] caption:has-text('Performing Arts')")
    assert "subjects=other%2Cperforming-arts%2Cart-and-design" in page.url
    shown = page.eval_on_selector_all("[data-result] tbody tr",
                                      "(rows) => rows.map((row) => row.dataset.id + ' ' + row.dataset.date)")
    # A date the subjects share is shown once; Art and Design's own marks row (no upload: the
    # moderator visits) stands beside the others' on the same day.
    repeated = {each for each in shown if shown.count(each) > 1}
    assert repeated <= {"marks-and-sample-may-jun 2025-05-15"} and shown.count("registration-opens 2024-09-01") == 1
    assert shown.count("marks-and-sample-may-jun 2025-05-15") == 2
    release = page.locator("[data-result] tr[data-id='psa-release-may-jun'][data-date='2024-12-01']")
    assert "(only Performing Arts)" in release.inner_text()
    page.select_option("#key-dates-reminder_days", "7")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] .cg-plan:has-text('7 days before each date')")
    with page.expect_download() as download:
        page.click("text=Download to calendar (.ics)")
    with open(download.value.path(), "rb") as handle:
        events = icalendar.Calendar.from_ical(handle.read()).walk("VEVENT")
    assert len(events) == len(shown)
    assert all(str(event["SUMMARY"]).startswith("BTEC Tech Awards: ") for event in events)
    assert all(len(event.walk("VALARM")) == 1 for event in events)


def test_an_address_naming_subjects_ticks_them_and_back_goes_to_the_one_before(recorded, site_url):
    page = recorded.page
    page.goto(site_url + PAGE + "?academic_year=2025-26&subjects=creative,performing-arts")
    page.wait_for_selector("[data-result] caption:has-text('2025-26')", timeout=90000)
    ticked = page.eval_on_selector_all("[name=subjects]:checked", "(boxes) => boxes.map((box) => box.value)")
    assert ticked == ["creative", "performing-arts"]
    page.uncheck("#key-dates-subjects-creative")
    page.uncheck("#key-dates-subjects-performing-arts")
    page.check("#key-dates-subjects-other")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] caption:has-text('Any other subject')")
    page.go_back()
    page.wait_for_selector("[data-result] caption:has-text('Performing Arts')", timeout=30000)
    ticked = page.eval_on_selector_all("[name=subjects]:checked", "(boxes) => boxes.map((box) => box.value)")
    assert ticked == ["creative", "performing-arts"]


def test_no_subject_ticked_is_refused_beside_the_subjects(recorded, site_url):
    page = recorded.page
    page.goto(site_url + PAGE)
    wait_for_python(page)
    page.uncheck("#key-dates-subjects-other")
    page.click("button[type=submit]")
    page.wait_for_selector("#key-dates-subjects-error:not([hidden])")
    assert "at least one subject" in page.inner_text("#key-dates-subjects-error")
