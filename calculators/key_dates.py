"""The "key-dates" calculator: the fixed dates of one BTEC Tech Awards academic year.

Input {"academic_year": "2024-25", "nation": ..., "subjects": [...]} ("subject" alone still
works), and "reminder_days" for a calendar reminder that many days before each date. A date that
several of the subjects share is one event, with the same UID whichever subjects are asked for and
in the published feeds, so importing two centres' (or two subjects') calendars does not double it:
the UID names the subjects the date applies to among all subjects, not the ones asked for.
An academic year runs from
September to August: months September to December fall in its first calendar year, January to
August in its second, so "2024-25" has registration opening on 1 September 2024 and the May/June
marks due on 15 May 2025. Dates the guide gives only loosely ("early September") come back as a
window with `end`, and are not checked for weekends. Where a date changed, the row in force on
that date applies: the May/June marks were due on 1 May until 13 March 2024, then 15 May.
"""
from __future__ import annotations

from datetime import date

from . import bank_holidays, ics, rules
from .dates import (DEFAULT_NATION, MONTH_NAMES, NATIONS, day_warnings, long_date, unknown_holidays_warning,
                    weekday_name, working_day_before)
from .series import AcademicYear
from .validate import Form

FIRST_YEAR = rules.load("key_dates")["first_academic_year"]
LAST_YEAR = rules.load("key_dates")["last_academic_year"]
NEWEST_EDITION_YEAR = rules.load("key_dates")["newest_edition_year"]
EARLY_WINDOW_LAST_DAY = 10  # "early <month>" read as the 1st to the 10th: a judgement call
DEFAULT_SUBJECT = "other"
QUALIFICATION = "BTEC Tech Awards"  # every event's title starts with it: a calendar mixes many things
MAX_REMINDER_DAYS = 90


def subjects() -> dict[str, str]:
    return rules.titles("key_dates", "subject")


def parse_academic_year(text: str) -> int:
    """The first calendar year of "2024-25" (also "2024/25", "2024-2025", "2024 to 2025"), within
    the years the planner covers."""
    first = AcademicYear.parse(text).first_year
    if not FIRST_YEAR <= first <= LAST_YEAR:
        raise ValueError(f"Choose an academic year from {FIRST_YEAR}-{(FIRST_YEAR + 1) % 100:02d} "
                         f"to {LAST_YEAR}-{(LAST_YEAR + 1) % 100:02d}")
    return first


def academic_year_label(first_year: int) -> str:
    return AcademicYear(first_year).label


def _on(entry: dict, first_year: int) -> date:
    return AcademicYear(first_year).on(entry["month"], entry["day"])


def _end(entry: dict, start: date) -> date | None:
    if entry["precision"] == "early":
        return start.replace(day=EARLY_WINDOW_LAST_DAY)
    if entry["precision"] == "month":
        following = date(start.year + start.month // 12, start.month % 12 + 1, 1)
        return date.fromordinal(following.toordinal() - 1)
    return None


def _rows_in_force(first_year: int, subject: str) -> list[dict]:
    """One row per id among the subject's rows: the one that had taken effect by the day it names."""
    return rules.all_in_force("key_dates", "key_date", lambda entry: _on(entry, first_year),
                              where=lambda entry: subject in entry.get("subjects", [subject]))


def date_text(start: date, end: date | None, precision: str) -> str:
    month = f"{MONTH_NAMES[start.month - 1]} {start.year}"
    if precision == "early":
        return f"Early {month}"
    if precision == "month":
        return f"During {month}"
    return long_date(start)


def planner(first_year: int, nation: str, subject: str) -> list[dict]:
    dates = []
    for entry in _rows_in_force(first_year, subject):
        start = _on(entry, first_year)
        end = _end(entry, start)
        # One-off bank holidays not yet proclaimed are said once for the year, not on every date.
        warnings = [] if end is not None else [
            warning for warning in day_warnings(start, nation, centre_acts=entry.get("centre_acts", False))
            if warning["code"] != "bank-holidays-unknown"]
        dates.append({
            "id": entry["id"],
            "date": start.isoformat(),
            "end": end.isoformat() if end else None,
            "precision": entry["precision"],
            "date_text": date_text(start, end, entry["precision"]),
            "weekday": weekday_name(start) if end is None else None,
            "title": entry["title"],
            "what": entry["what"],
            "source": rules.cite(entry["source"], entry["section"]),
            "edition": rules.load("sources")[entry["source"]]["short"],
            "projected": first_year > NEWEST_EDITION_YEAR,
            "effective_from": entry["effective_from"],
            "warnings": warnings,
            # A date the centre must meet that falls on a weekend or holiday: the working day
            # before, which the calendar's title and reminder go by.
            "act_by": working_day_before(start, nation).isoformat()
            if any(warning["code"] == "act-by" for warning in warnings) else None,
        })
    return sorted(dates, key=_order)


def _order(item: dict) -> tuple:
    return item["date"], item["end"] or item["date"], item["id"]


def merged(first_year: int, nation: str) -> list[tuple[dict, list[str]]]:
    """Every subject's dates for a year, a date shared by several subjects once: (date, the
    subjects it applies to, in the data's order), in date order."""
    shared: dict[tuple, tuple[dict, list[str]]] = {}
    for subject in subjects():
        for item in planner(first_year, nation, subject):
            # Rows that say different things (Art and Design's marks with no upload) stay apart.
            key = (item["id"], item["date"], item["end"], item["title"], item["what"])
            shared.setdefault(key, (item, []))[1].append(subject)
    return sorted(shared.values(), key=lambda pair: _order(pair[0]))


def variant(which: list[str]) -> str:
    """The part of a UID that tells apart one date's rows for different subjects: "all", or the
    subjects it applies to ("performing-arts"), among every subject, so it never depends on
    which subjects a calendar was made for."""
    return "all" if len(which) == len(subjects()) else "+".join(which)


def events(dates: list[dict], *, label: str, nation: str, reminder: int | None = None) -> list[ics.Event]:
    return [event(item, label=label, nation=nation, reminder=reminder) for item in dates]


def event(item: dict, *, label: str, nation: str, reminder: int | None) -> ics.Event:
    day = date.fromisoformat(item["date"])
    act_by = date.fromisoformat(item["act_by"]) if item.get("act_by") else None
    # The event stays on the date the guide gives (no source moves it); a reminder counts back
    # from the working day before, so "on the morning" does not go off on a Saturday.
    send_by = f", send by {long_date(act_by)}" if act_by else ""
    return ics.Event(
        uid=ics.uid("key-date", label, item["id"], item["variant"], nation),
        first_day=day,
        last_day=date.fromisoformat(item["end"]) if item["end"] else None,
        summary=f"{QUALIFICATION}: {item['title']}"
        + (f" ({item['for_subjects']})" if item["for_subjects"] else "") + send_by,
        description=" ".join([item["what"], item["date_text"] + ".",
                              *(warning["message"] for warning in item["warnings"]),
                              *([f"A date from the {academic_year_label(NEWEST_EDITION_YEAR)} edition, carried "
                                 "forward: check it in that year's guide."] if item["projected"] else []),
                              f"Source: {item['source']}."]),
        alarm_days=None if reminder is None else reminder + ((day - act_by).days if act_by else 0),
    )


def for_subjects(first_year: int, nation: str, wanted: list[str], phrase) -> list[dict]:
    """The dates of the `wanted` subjects, each once, with its UID variant and, when it is not
    for all of them, the subjects it is for (`phrase(which)` says it)."""
    dates = []
    for item, which in merged(first_year, nation):
        mine = [subject for subject in which if subject in wanted]
        if mine:
            dates.append({**item, "variant": variant(which), "subjects": mine,
                          "for_subjects": "" if len(mine) == len(wanted) else phrase(mine)})
    return dates


def feed(first_years: list[int], nation: str, *, name: str) -> str:
    """One calendar for every subject: a date that only some subjects have names them."""
    titles = {entry["id"]: entry["short"] for entry in rules.newest("key_dates", "subject")}
    events_out: list[ics.Event] = []
    dated: list[dict] = []
    for first_year in first_years:
        dates = for_subjects(first_year, nation, list(titles), lambda which: _subjects_phrase(which, titles))
        events_out += events(dates, label=academic_year_label(first_year), nation=nation)
        dated += dates
    return ics.calendar(events_out, name=name, stamp=stamp(dated), refresh_days=7)


def _subjects_phrase(which: list[str], titles: dict[str, str]) -> str:
    creative = [entry["id"] for entry in rules.newest("key_dates", "subject") if entry.get("creative")]
    if sorted(which) == sorted(creative):
        return "creative subjects"
    left_out = [titles[key] for key in titles if key not in which]
    if len(left_out) == 1:
        return f"all but {left_out[0]}"
    return ", ".join(titles[key] for key in which)


def projected_warning(first_year: int) -> dict:
    newest = academic_year_label(NEWEST_EDITION_YEAR)
    return {"code": "projected", "message": (
        f"These dates repeat the {newest} edition of Pearson's guide, the newest the site holds: Pearson has "
        f"not been seen to publish {academic_year_label(first_year)} dates here. Check each date in the "
        "guide or key dates schedule for that year before you rely on it.")}


def stamp(dates: list[dict]) -> date:
    """The DTSTAMP: the latest date a rule used took effect, so it changes only when a rule does."""
    return max(date.fromisoformat(item["effective_from"]) for item in dates)


def read_subjects(form: Form) -> list[str] | None:
    """`subjects` (a list, or text with commas), else `subject`; in the data's order."""
    known = subjects()
    raw = form.inputs.get("subjects")
    if raw is None:
        one = form.choice("subject", known, required_message="Choose the subject", default=DEFAULT_SUBJECT)
        return [one] if one else None
    if isinstance(raw, str):
        raw = [part.strip() for part in raw.split(",") if part.strip()]
    if not isinstance(raw, list) or not raw or not all(isinstance(part, str) for part in raw):
        form.fail("subjects", "Choose at least one subject")
        return None
    unknown = [part for part in raw if part not in known]
    if unknown:
        listed = ", ".join(f"{label} ({key})" for key, label in known.items())
        form.fail("subjects", f"Choose subjects from: {listed}")
        return None
    return [key for key in known if key in raw]


def read_reminder(form: Form) -> int | None:
    if form.inputs.get("reminder_days") in (None, ""):
        return None
    return form.whole_number("reminder_days", label="The reminder", minimum=0, maximum=MAX_REMINDER_DAYS,
                             required_message="Choose when to be reminded, or no reminder")


def titles_phrase(keys: list[str]) -> str:
    """ "Performing Arts and Art and Design Practice": the subjects' titles as a list in words."""
    titles = [subjects()[key] for key in keys]
    return titles[0] if len(titles) == 1 else ", ".join(titles[:-1]) + " and " + titles[-1]


def key_dates(inputs: dict) -> dict:
    form = Form(inputs)
    year_text = form.text("academic_year", required_message="Enter the academic year, like 2024-25")
    first_year = None
    if year_text is not None:
        try:
            first_year = parse_academic_year(year_text)
        except ValueError as problem:
            form.fail("academic_year", str(problem))
    nation = form.choice("nation", NATIONS, required_message="Choose the nation",
                         default=DEFAULT_NATION)
    wanted = read_subjects(form)
    reminder = read_reminder(form)
    form.finish()

    label = academic_year_label(first_year)
    short = {entry["id"]: entry["short"] for entry in rules.newest("key_dates", "subject")}
    dates = for_subjects(first_year, nation, wanted, lambda which: "only " + " and ".join(short[key] for key in which))
    name = f"{QUALIFICATION} key dates {label} ({NATIONS[nation]})"
    return {
        "ok": True,
        "academic_year": label,
        "first_day": AcademicYear(first_year).first_day.isoformat(),
        "last_day": AcademicYear(first_year).last_day.isoformat(),
        "nation": nation,
        "nation_name": NATIONS[nation],
        "subjects": wanted,
        "subject_title": titles_phrase(wanted),
        "reminder_days": reminder,
        "bank_holidays_known_to": bank_holidays.last_year(),
        "warnings": ([projected_warning(first_year)] if first_year > NEWEST_EDITION_YEAR else []) +
                    ([] if bank_holidays.known(AcademicYear(first_year).last_day)
                     else [unknown_holidays_warning(nation)]),
        "dates": dates,
        "calendar": ics.calendar(events(dates, label=label, nation=nation, reminder=reminder), name=name,
                                 stamp=stamp(dates)),
    }


CALCULATORS = {"key-dates": key_dates}
