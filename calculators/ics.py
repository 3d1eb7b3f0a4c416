"""iCalendar (RFC 5545) text for deadlines and key dates: all-day events Outlook and Google import.

Only what the standard needs for all-day events is written: CRLF line ends, lines folded at
75 octets (never inside a UTF-8 character), TEXT values escaped, a UID per event that stays the
same for the same deadline so that importing again updates rather than duplicates, and DTEND the
day after the last day (RFC 5545 makes an all-day DTEND exclusive). There is no clock here, so
DTSTAMP is a date the caller chooses (the rules' date), which keeps the text reproducible.

A reminder (RFC 5545 3.6.6, a VALARM that DISPLAYs the event's title) goes off at 9 in the
morning, `alarm_days` days before the event's first day. An all-day event starts at midnight,
so 7 days before at 9:00 is a trigger of -P6DT15H (6 days and 15 hours before midnight), and
0 days (the morning of the day) is PT9H.
"""
from __future__ import annotations

from dataclasses import dataclass
from datetime import date, timedelta

PRODUCT = "-//Centre Guide//Calculators//EN"
UID_DOMAIN = "centre-guide.calendar"
LINE_OCTETS = 75
REMINDER_HOUR = 9  # a reminder goes off at 9 in the morning


@dataclass(frozen=True)
class Event:
    uid: str
    first_day: date
    summary: str
    description: str
    last_day: date | None = None  # for a window of days; None for one day
    alarm_days: int | None = None  # a reminder this many days before the first day; None for none


def trigger(days_before: int) -> str:
    """The VALARM TRIGGER for 9 in the morning, `days_before` days before an all-day event.

    >>> trigger(7), trigger(1), trigger(0)
    ('-P6DT15H', '-PT15H', 'PT9H')
    """
    hours = REMINDER_HOUR - 24 * days_before
    sign, hours = ("-", -hours) if hours < 0 else ("", hours)
    days, hours = divmod(hours, 24)
    return f"{sign}P{f'{days}D' if days else ''}{f'T{hours}H' if hours else ''}" if days or hours else "PT0S"


def escape(text: str) -> str:
    """TEXT escaping (RFC 5545 3.3.11): backslash, semicolon, comma and new lines."""
    return (text.replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
            .replace("\r\n", "\\n").replace("\n", "\\n").replace("\r", "\\n"))


def fold(line: str) -> str:
    """Split a content line into 75-octet pieces joined by CRLF and a space (RFC 5545 3.1)."""
    if line.isascii():
        # One octet a character: slices, not a loop (a calendar of 10,000 requests has 130,000 lines).
        rest = LINE_OCTETS - 1
        return "\r\n ".join([line[:LINE_OCTETS]] + [line[at:at + rest] for at in range(LINE_OCTETS, len(line), rest)])
    pieces, current, size = [], "", 0
    limit = LINE_OCTETS
    for character in line:
        octets = len(character.encode("utf-8"))
        if size + octets > limit:
            pieces.append(current)
            current, size, limit = "", 0, LINE_OCTETS - 1  # the leading space counts
        current += character
        size += octets
    pieces.append(current)
    return "\r\n ".join(pieces)


def uid(*parts: str) -> str:
    return "-".join(parts) + "@" + UID_DOMAIN


def _day(value: date) -> str:
    return value.strftime("%Y%m%d")


def calendar(events: list[Event], *, name: str, stamp: date, refresh_days: int | None = None) -> str:
    """The whole VCALENDAR as text, CRLF-terminated.

    `refresh_days` is for a subscribed feed: how often a calendar program should fetch it again
    (RFC 7986 REFRESH-INTERVAL, and the X-PUBLISHED-TTL that Outlook reads).
    """
    lines = ["BEGIN:VCALENDAR", "VERSION:2.0", f"PRODID:{PRODUCT}", "CALSCALE:GREGORIAN",
             "METHOD:PUBLISH", f"X-WR-CALNAME:{escape(name)}"]
    if refresh_days:
        lines += [f"REFRESH-INTERVAL;VALUE=DURATION:P{refresh_days}D", f"X-PUBLISHED-TTL:P{refresh_days}D"]
    for event in events:
        last = event.last_day or event.first_day
        lines += [
            "BEGIN:VEVENT",
            f"UID:{event.uid}",
            f"DTSTAMP:{_day(stamp)}T000000Z",
            f"DTSTART;VALUE=DATE:{_day(event.first_day)}",
            f"DTEND;VALUE=DATE:{_day(last + timedelta(days=1))}",
            f"SUMMARY:{escape(event.summary)}",
            f"DESCRIPTION:{escape(event.description)}",
            "TRANSP:TRANSPARENT",
        ]
        if event.alarm_days is not None:
            lines += ["BEGIN:VALARM", "ACTION:DISPLAY", f"DESCRIPTION:{escape(event.summary)}",
                      f"TRIGGER:{trigger(event.alarm_days)}", "END:VALARM"]
        lines.append("END:VEVENT")
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
