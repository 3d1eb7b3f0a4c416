"""iCalendar text from calculators.ics: parsed back with the `icalendar` package, as a calendar app would."""
from datetime import date, datetime, time, timedelta

import icalendar
import pytest
from hypothesis import given
from hypothesis import strategies as st

from calculators import ics

TRICKY = "Marks, sample; and a back\\slash\nthen a new line — and “quotes” and ünïcödé " * 3


def one_event(summary="Marks due", description="Source: guide", last_day=None):
    event = ics.Event(uid=ics.uid("key-date", "2024-25", "marks"), first_day=date(2024, 12, 15),
                      summary=summary, description=description, last_day=last_day)
    return ics.calendar([event], name="Key dates, 2024-25", stamp=date(2024, 3, 13))


def test_every_line_ends_with_crlf_and_is_at_most_75_octets():
    text = one_event(description=TRICKY)
    assert text.endswith("\r\n") and "\n" not in text.replace("\r\n", "")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))


def test_escaped_text_reads_back_exactly():
    [event] = icalendar.Calendar.from_ical(one_event(summary="A; b, c", description=TRICKY)).walk("VEVENT")
    assert str(event["SUMMARY"]) == "A; b, c"
    assert str(event["DESCRIPTION"]) == TRICKY


@given(text=st.text(alphabet=st.characters(blacklist_categories=("Cs", "Cc")), max_size=300))
def test_any_text_survives_escaping_and_folding(text):
    [event] = icalendar.Calendar.from_ical(one_event(description=text)).walk("VEVENT")
    # icalendar reads an escaped backslash followed by N (text "\\N") as a new line; RFC 5545 does
    # not, so texts with a backslash are checked against the RFC below instead.
    if "\\" not in text:
        assert str(event["DESCRIPTION"]) == text
    assert rfc_unescape(unfolded_value(one_event(description=text), "DESCRIPTION")) == text


def unfolded_value(calendar_text: str, name: str) -> str:
    lines = calendar_text.replace("\r\n ", "").split("\r\n")
    return next(line for line in lines if line.startswith(name + ":"))[len(name) + 1:]


def rfc_unescape(value: str) -> str:
    """RFC 5545 3.3.11, read left to right: \\\\ \\; \\, and \\n or \\N."""
    out, index = [], 0
    while index < len(value):
        if value[index] == "\\" and index + 1 < len(value):
            out.append({"n": "\n", "N": "\n"}.get(value[index + 1], value[index + 1]))
            index += 2
        else:
            out.append(value[index])
            index += 1
    return "".join(out)


def test_a_backslash_before_n_is_kept_as_typed():
    assert rfc_unescape(unfolded_value(one_event(description="C:\\New folder"), "DESCRIPTION")) == "C:\\New folder"


def test_a_single_day_is_an_all_day_event_ending_the_next_day():
    [event] = icalendar.Calendar.from_ical(one_event()).walk("VEVENT")
    assert event.decoded("DTSTART") == date(2024, 12, 15)
    assert event.decoded("DTEND") == date(2024, 12, 16)
    assert event.decoded("DTSTAMP").date() == date(2024, 3, 13)


def test_a_window_ends_the_day_after_its_last_day():
    [event] = icalendar.Calendar.from_ical(one_event(last_day=date(2024, 12, 31))).walk("VEVENT")
    assert event.decoded("DTEND") == date(2025, 1, 1)


@pytest.mark.parametrize("field", ["VERSION", "PRODID"])
def test_the_calendar_has_the_properties_rfc_5545_requires(field):
    assert field in icalendar.Calendar.from_ical(one_event())


def test_the_same_event_gets_the_same_uid_so_a_second_import_updates_it():
    assert one_event() == one_event()
    assert ics.uid("a", "b") == "a-b@" + ics.UID_DOMAIN


def test_a_feed_asks_calendar_programs_to_refresh_weekly():
    text = ics.calendar([], name="Feed", stamp=date(2024, 3, 13), refresh_days=7)
    assert "REFRESH-INTERVAL;VALUE=DURATION:P7D\r\n" in text and "X-PUBLISHED-TTL:P7D\r\n" in text


@given(line=st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=400))
def test_a_folded_line_unfolds_to_itself_with_every_piece_as_full_as_75_octets_allow(line):
    pieces = ics.fold(line).split("\r\n ")
    assert "".join(pieces) == line
    limits = [75] + [74] * (len(pieces) - 1)
    for piece, limit, following in zip(pieces, limits, pieces[1:] + [""], strict=True):
        size = len(piece.encode("utf-8"))
        assert size <= limit
        # Full: the next character would not have fitted (an ASCII line is cut by slicing).
        assert not following or size + len(following[0].encode("utf-8")) > limit


# --- reminders (VALARM, RFC 5545 3.6.6) -----------------------------------------------------

def with_reminder(days, first_day=date(2024, 12, 15)):
    event = ics.Event(uid=ics.uid("key-date", "2024-25", "marks"), first_day=first_day,
                      summary="BTEC Tech Awards: Marks due", description="Source: guide", alarm_days=days)
    return ics.calendar([event], name="Key dates, 2024-25", stamp=date(2024, 3, 13))


@pytest.mark.parametrize("days", [0, 1, 7, 14, 28])
def test_a_reminder_displays_the_title_at_nine_in_the_morning_the_chosen_days_before(days):
    [event] = icalendar.Calendar.from_ical(with_reminder(days)).walk("VEVENT")
    [alarm] = event.walk("VALARM")
    assert str(alarm["ACTION"]) == "DISPLAY"
    assert str(alarm["DESCRIPTION"]) == "BTEC Tech Awards: Marks due"
    start = datetime.combine(event.decoded("DTSTART"), time())
    assert start + alarm.decoded("TRIGGER") == datetime(2024, 12, 15, 9) - timedelta(days=days)


def test_a_reminder_is_inside_its_event_and_the_lines_still_fold():
    text = with_reminder(7)
    assert text.index("BEGIN:VALARM") > text.index("BEGIN:VEVENT")
    assert text.index("END:VALARM") < text.index("END:VEVENT")
    assert all(len(line.encode("utf-8")) <= 75 for line in text.split("\r\n"))


def test_without_a_reminder_there_is_no_alarm():
    assert "VALARM" not in one_event()
