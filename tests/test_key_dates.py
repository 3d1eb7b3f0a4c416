"""The key-dates planner and the calendar feeds: the fixed dates of a Tech Awards academic year."""
from datetime import date, datetime, time, timedelta

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from build_tools import calendar_feeds
from calculators import bank_holidays, run
from calculators.key_dates import FIRST_YEAR, LAST_YEAR, parse_academic_year
from calculators.series import AcademicYear


def dates_of(year="2024-25", **inputs):
    result = run("key-dates", {"academic_year": year, **inputs})
    assert result["ok"], result
    return {item["id"]: item for item in result["dates"]}


@pytest.mark.parametrize("key, expected", [
    ("registration-opens", "2024-09-01"),
    ("annual-quality-declaration", "2024-10-14"),
    ("registration-deadline", "2024-11-01"),
    ("marks-and-sample-dec-jan", "2024-12-15"),
    ("marks-and-sample-may-jun", "2025-05-15"),
    ("psa-release-dec-jan", "2024-09-01"),
    ("psa-release-may-jun", "2025-01-01"),
])
def test_the_2024_25_year_has_the_guides_dates(key, expected):
    assert dates_of()[key]["date"] == expected


def test_may_june_marks_are_due_15_may_since_the_change_of_13_march_2024():
    assert dates_of("2023-24")["marks-and-sample-may-jun"]["date"] == "2024-05-15"


def test_dates_come_in_date_order_with_source_and_title():
    result = run("key-dates", {"academic_year": "2025-26"})
    days = [item["date"] for item in result["dates"]]
    assert days == sorted(days)
    assert all(item["source"].startswith("Pearson, BTEC Tech Awards QA centre guide") and item["title"]
               for item in result["dates"])


def test_early_september_is_a_window_from_the_1st_to_the_10th():
    release = dates_of()["psa-release-dec-jan"]
    assert (release["date"], release["end"], release["date_text"]) == ("2024-09-01", "2024-09-10",
                                                                       "Early September 2024")


def test_art_and_design_has_no_december_january_series_and_its_psa_comes_in_september():
    dates = dates_of(subject="art-and-design")
    assert "marks-and-sample-dec-jan" not in dates and "psa-release-dec-jan" not in dates
    assert dates["psa-release-may-jun"]["date"] == "2024-09-01"
    assert "external-task-release" in dates


def test_performing_arts_gets_its_may_june_psa_in_december():
    release = dates_of(subject="performing-arts")["psa-release-may-jun"]
    assert (release["date"], release["end"]) == ("2024-12-01", "2024-12-31")


def test_subjects_with_a_written_exam_have_no_task_release():
    assert "external-task-release" not in dates_of(subject="other")


@pytest.mark.parametrize("key, codes", [
    ("registration-opens", ["weekend"]),          # Sunday 1 September 2024
    ("marks-and-sample-dec-jan", ["weekend", "act-by"]),  # Sunday 15 December 2024: send by the Friday
    ("registration-deadline", []),                # Friday 1 November 2024
])
def test_dates_at_a_weekend_are_flagged(key, codes):
    assert [warning["code"] for warning in dates_of()[key]["warnings"]] == codes


def test_a_year_past_the_bank_holiday_table_warns_once_that_one_off_holidays_are_unknown():
    year = bank_holidays.last_year() + 1
    answer = run("key-dates", {"academic_year": f"{year}-{(year + 1) % 100:02d}"})
    assert [warning["code"] for warning in answer["warnings"]].count("bank-holidays-unknown") == 1
    assert not any(warning["code"] == "bank-holidays-unknown"
                   for item in answer["dates"] for warning in item["warnings"])


@pytest.mark.parametrize("typed, first", [("2024-25", 2024), ("2024/25", 2024), ("2024-2025", 2024),
                                          (" 2024 to 2025 ", 2024), ("2029–30", 2029), ("2099-00", None)])
def test_academic_years_are_read_the_ways_people_write_them(typed, first):
    if first is None:
        with pytest.raises(ValueError):
            parse_academic_year(typed)
    else:
        assert parse_academic_year(typed) == first


@pytest.mark.parametrize("inputs, field", [
    ({}, "academic_year"), ({"academic_year": "2024-26"}, "academic_year"),
    ({"academic_year": "2019-20"}, "academic_year"), ({"academic_year": "next year"}, "academic_year"),
    ({"academic_year": "2024-25", "nation": "wales"}, "nation"),
    ({"academic_year": "2024-25", "subject": "maths"}, "subject"),
])
def test_bad_answers_are_refused_on_their_own_field(inputs, field):
    assert set(run("key-dates", inputs)["errors"]) == {field}


def test_the_calendar_file_has_one_event_per_date_with_stable_uids():
    result = run("key-dates", {"academic_year": "2024-25", "nation": "scotland"})
    events = icalendar.Calendar.from_ical(result["calendar"]).walk("VEVENT")
    assert [event.decoded("DTSTART").isoformat() for event in events] == [item["date"] for item in result["dates"]]
    assert len({str(event["UID"]) for event in events}) == len(events)
    again = run("key-dates", {"academic_year": "2024/25", "nation": "scotland"})
    assert again["calendar"] == result["calendar"]


def test_feeds_are_published_for_every_year_and_nation_plus_this_year_and_next():
    feeds = calendar_feeds.feeds(date(2026, 11, 24))
    assert "key-dates-2024-25-scotland.ics" in feeds
    assert len(feeds) == 3 * (LAST_YEAR - FIRST_YEAR + 2)
    current = icalendar.Calendar.from_ical(feeds["key-dates-current-northern-ireland.ics"])
    years = {event.decoded("DTSTART").year for event in current.walk("VEVENT")}
    assert years == {2026, 2027, 2028}


def test_a_feed_names_the_subjects_a_date_applies_to():
    feeds = calendar_feeds.feeds(date(2024, 10, 1))
    feed = icalendar.Calendar.from_ical(feeds["key-dates-2024-25-england-and-wales.ics"])
    summaries = [str(event["SUMMARY"]) for event in feed.walk("VEVENT")]
    assert "BTEC Tech Awards: PSAs released for the May/June series (Performing Arts)" in summaries
    assert "BTEC Tech Awards: External assessment task released (creative subjects)" in summaries
    assert "BTEC Tech Awards: Registration opens" in summaries


@pytest.mark.parametrize("today, first", [(date(2026, 8, 31), 2025), (date(2026, 9, 1), 2026)])
def test_the_academic_year_turns_on_1_september(today, first):
    assert AcademicYear.of(today).first_year == first


@settings(max_examples=200, deadline=None)
@given(fields=st.dictionaries(st.sampled_from(["academic_year", "nation", "subject", "subjects", "reminder_days"]),
                              st.none() | st.integers() | st.text(max_size=12)
                              | st.lists(st.text(max_size=3), max_size=2)
                              | st.sampled_from(["2024-25", "2039-40", "2040-41", "scotland", "art-and-design"])))
def test_the_planner_never_raises_whatever_the_fields_hold(fields):
    result = run("key-dates", fields)
    assert result["ok"] or all(isinstance(message, str) and message for message in result["errors"].values())


def test_dates_for_years_after_the_newest_edition_say_they_repeat_it():
    later = run("key-dates", {"academic_year": "2027-28"})
    assert [warning["code"] for warning in later["warnings"]][0] == "projected"
    assert "2023-24 edition" in later["warnings"][0]["message"] and "2027-28" in later["warnings"][0]["message"]
    assert all(item["projected"] and "2023–24" in item["edition"] for item in later["dates"])
    held = run("key-dates", {"academic_year": "2023-24"})
    assert held["warnings"] == [] and not any(item["projected"] for item in held["dates"])


def test_art_and_design_marks_are_due_with_no_upload_because_the_moderator_visits():
    dates = dates_of("2025-26", subject="art-and-design")
    assert "visits the centre" in dates["marks-and-sample-may-jun"]["what"]
    assert "upload the sampled work" in dates_of("2025-26", subject="other")["marks-and-sample-may-jun"]["what"]



# --- a whole centre: several subjects, one calendar each, reminders (issue 14) -------------

def calendar_events(inputs):
    result = run("key-dates", {"academic_year": "2024-25", **inputs})
    assert result["ok"], result
    return result, icalendar.Calendar.from_ical(result["calendar"]).walk("VEVENT")


def test_several_subjects_give_every_date_once_and_say_which_subjects_a_date_is_for():
    result, events = calendar_events({"subjects": ["other", "performing-arts"]})
    ids = [(item["id"], item["date"]) for item in result["dates"]]
    assert len(ids) == len(set(ids)), "a shared date is listed once"
    assert ids.count(("registration-opens", "2024-09-01")) == 1
    releases = {item["date"]: item["for_subjects"] for item in result["dates"] if item["id"] == "psa-release-may-jun"}
    assert releases == {"2024-12-01": "only Performing Arts", "2025-01-01": "only subjects with a written exam"}
    assert "external-task-release" in [item["id"] for item in result["dates"]]
    assert result["subjects"] == ["other", "performing-arts"]
    assert result["subject_title"] == "Any other subject (written external exam) and Performing Arts"
    assert len(events) == len(result["dates"])


def test_subjects_may_come_as_text_with_commas_and_one_subject_still_works():
    assert run("key-dates", {"academic_year": "2024-25", "subjects": "performing-arts, other"})["subjects"] == [
        "other", "performing-arts"]
    assert run("key-dates", {"academic_year": "2024-25", "subject": "art-and-design"})["subjects"] == ["art-and-design"]


@pytest.mark.parametrize("subjects", [[], "", ["maths"], [1], "other,maths"])
def test_no_subject_or_an_unknown_one_is_refused_on_the_subjects_field(subjects):
    assert set(run("key-dates", {"academic_year": "2024-25", "subjects": subjects})["errors"]) == {"subjects"}


def test_every_event_title_says_btec_tech_awards():
    _, events = calendar_events({"subjects": ["other", "art-and-design"]})
    assert events and all(str(event["SUMMARY"]).startswith("BTEC Tech Awards: ") for event in events)


def test_a_shared_date_has_the_same_uid_whichever_subjects_the_calendar_was_made_for():
    def uids(inputs):
        return {(str(event["SUMMARY"]).split(" (")[0], event.decoded("DTSTART")): str(event["UID"])
                for event in calendar_events(inputs)[1]}
    alone, together, art = uids({"subject": "other"}), uids({"subjects": ["other", "creative"]}), uids(
        {"subjects": ["art-and-design"]})
    registration = ("BTEC Tech Awards: Registration opens", date(2024, 9, 1))
    assert alone[registration] == together[registration] == art[registration]
    feeds = calendar_feeds.feeds(date(2024, 10, 1))
    feed = icalendar.Calendar.from_ical(feeds["key-dates-2024-25-england-and-wales.ics"])
    assert alone[registration] in {str(event["UID"]) for event in feed.walk("VEVENT")}, "and in the published feed"


def test_importing_two_subjects_calendars_does_not_double_a_shared_date():
    _, first = calendar_events({"subject": "other"})
    _, second = calendar_events({"subject": "performing-arts"})
    imported = {str(event["UID"]): event for event in first + second}  # a calendar keeps one event per UID
    days = [(str(event["SUMMARY"]).split(" (")[0], event.decoded("DTSTART")) for event in imported.values()]
    assert len(days) == len(set(days)), "no date appears twice"
    _, both = calendar_events({"subjects": ["other", "performing-arts"]})
    assert set(imported) == {str(event["UID"]) for event in both}


@pytest.mark.parametrize("days", [0, 7, 14])
def test_a_chosen_reminder_goes_on_every_event(days):
    result, events = calendar_events({"reminder_days": str(days)})
    assert result["reminder_days"] == days
    act_by = {(item["title"], item["date"]): item["act_by"] for item in result["dates"]}
    moved = 0
    for event in events:
        [alarm] = event.walk("VALARM")
        start = event.decoded("DTSTART")
        # A date the centre must meet at a weekend counts back from the working day before it.
        title = str(event["SUMMARY"]).removeprefix("BTEC Tech Awards: ").split(" (")[0].split(", send by")[0]
        before = act_by.get((title, start.isoformat()))
        counted_from = date.fromisoformat(before) if before else start
        moved += bool(before)
        fires = (datetime.combine(start, time()) + alarm.decoded("TRIGGER")).date()
        assert fires == counted_from - timedelta(days=days)
        assert ("send by" in str(event["SUMMARY"])) == bool(before)
    assert moved, "the year tested has a date at a weekend"


def test_no_reminder_unless_asked_and_a_bad_one_is_refused():
    assert "VALARM" not in run("key-dates", {"academic_year": "2024-25", "reminder_days": ""})["calendar"]
    assert set(run("key-dates", {"academic_year": "2024-25", "reminder_days": "365"})["errors"]) == {"reminder_days"}
