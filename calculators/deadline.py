"""The "deadline" calculator: by when must something happen?

Counting: the date the user gives is day 0 and the deadline is day N, so a 10-calendar-day
service asked for on Monday 1 September 2025 is due by Thursday 11 September 2025.
A calendar deadline is never moved off a weekend or bank holiday: no source says it moves
(later notice N8), so the answer gives the weekday and warns instead. Working-day rules skip
weekends and the chosen nation's bank holidays: 2 working days from Friday 29 August 2025 in
England and Wales is Tuesday 2 September (Monday 1 September is day 1).

Inputs: "rule", "date", "nation" (default england-and-wales), "qualification" (checked
against a review service's list when given) and, for appeal-after-review, "start_basis".
"""
from __future__ import annotations

from datetime import date

from . import bank_holidays, ics, rules
from .dates import (DEFAULT_NATION, NATIONS, add_calendar_days, centre_holiday_warning, past_warning, add_working_days,
                    day_warnings, long_date, unknown_holidays_warning, weekday_name)
from .validate import Form

REQUEST_RECEIVED = "Pearson receives the request"  # the `starts` of a review's completion time


def request_note(rule: dict, start: date) -> str:
    """For a service counted from Pearson's receipt of the request: the day it should finish is
    not the last day to ask (later notice N4)."""
    if rule.get("starts") != REQUEST_RECEIVED:
        return ""
    return rules.in_force("deadlines", "request_note", "request-deadlines-are-fixed", start)["text"]


def rule_table() -> dict[str, dict]:
    """Every deadline rule by id, as it stands now (the newest entry of each): the choices."""
    return {rule["id"]: rule for rule in rules.newest("deadlines", "deadline")}


def rules_on(start: date) -> dict[str, dict]:
    """Every deadline rule by id, as it applied on the day the count starts."""
    return {rule["id"]: rule for rule in rules.all_in_force("deadlines", "deadline", start)}


def _titles(table: str) -> dict[str, str]:
    return rules.titles("deadlines", table)


def _coverage_message(rule: dict, qualification: str, table: dict[str, dict]) -> str:
    qualifications = _titles("qualification")
    others = [other["title"] for key, other in table.items()
              if key != rule["id"] and qualification in other.get("covers", ())]
    if rule.get("covers_means") == "described":
        described = " and ".join(qualifications[each] for each in rule["covers"])
        return (f"The sources describe {rule['title']} only for {described}; they do not say whether it is "
                f"offered for {qualifications[qualification]}. Check JCQ's post-results guidance and Pearson's "
                "post-results services page for that qualification.")
    message = f"{rule['title']} is not offered for {qualifications[qualification]}."
    if others:
        message += " For this qualification you can choose: " + "; ".join(others) + "."
    return message


def _coverage_unchecked(rule: dict) -> dict | None:
    """A service offered for some qualifications only, asked about with none given: say which it is
    not offered for (Priority Service 2 is not offered for BTEC Tech Awards), or, where the sources
    only describe it for some, which those are."""
    if "covers" not in rule:
        return None
    qualifications = _titles("qualification")
    if rule.get("covers_means") == "described":
        described = " and ".join(qualifications[each] for each in rule["covers"])
        message = f"The sources describe {rule['title']} only for {described}."
    else:
        missing = [title for key, title in qualifications.items() if key not in rule["covers"]]
        if not missing:
            return None
        message = f"{rule['title']} is not offered for {'; '.join(missing)}."
    return {"code": "qualification-not-given", "message": message + " Choose the qualification to check it."}


def _closing_warning(counted: date, closing: date) -> dict:
    return {"code": "later-of-two", "message": (
        f"Keep the work until the later of two dates: {long_date(counted)}, counted from when the certificates "
        f"arrived, and {long_date(closing)}, the closing date for post-results services you entered. The "
        f"answer is the later one, {long_date(max(counted, closing))}.")}


def _basis_warning(basis: str) -> dict:
    if basis == "letter-date":
        text = ("Counted from the date printed on the outcome letter, as Pearson's appeal form words it. "
                "This is the earlier, safer date to work to.")
    else:
        text = ("Counted from the day the outcome reached you. Pearson also words this time limit as running "
                "from the date of the outcome letter: if the letter is dated earlier, count from that date "
                "to be safe.")
    return {"code": "start-basis", "message": text}


# A review's outcome starts the clock for an appeal against it, so these answers link on to it.
APPEAL_AFTER = {"romm-service-1", "romm-service-2", "romm-priority-service-2", "romm-service-3"}


def next_steps(rule_id: str, nation: str, qualification: str) -> list[dict]:
    """What the reader may need next, as links to another calculator with its inputs filled in."""
    if rule_id not in APPEAL_AFTER:
        return []
    inputs = {"rule": "appeal-after-review", "nation": nation}
    if qualification:
        inputs["qualification"] = qualification
    return [{"text": "When the outcome arrives: the last day to appeal against it",
             "calculator": "deadline", "inputs": inputs}]


def deadline(inputs: dict) -> dict:
    form = Form(inputs)
    rule_id = form.choice("rule", {key: rule["title"] for key, rule in rule_table().items()},
                          required_message="Choose what the deadline is for")
    start = form.date("date", required_message="Enter the date the count starts from")
    nation = form.choice("nation", NATIONS, required_message="Choose the nation",
                         default=DEFAULT_NATION)
    qualification = form.choice("qualification", {"": "Not stated", **_titles("qualification")},
                                required_message="Choose the qualification", default="")
    table = rules_on(start) if start else rule_table()
    rule = table.get(rule_id) if rule_id else None
    basis = None
    if rule and rule.get("asks_start_basis"):
        # The reader chooses: no reading is assumed, and the page names the safer one.
        basis = form.choice("start_basis", _titles("start_basis"), required_message=(
            "Choose which date you have entered: the date printed on the outcome letter (the safer one), "
            "or the day the outcome reached the centre"))
    today = form.date("today", required_message="") if inputs.get("today") not in (None, "") else None
    closing = None
    if rule and rule.get("asks_closing_date") and inputs.get("closing_date") not in (None, ""):
        closing = form.date("closing_date", required_message="")
    if rule_id and start and rule is None:
        form.fail("rule", f"This rule did not apply on {long_date(start)}: choose another, or check the date")
    if rule and qualification and "covers" in rule and qualification not in rule["covers"]:
        form.fail("qualification", _coverage_message(rule, qualification, table))
    form.finish()

    counted_on = rule.get("working_days_of", nation)
    if rule["day_kind"] == "working":
        due = add_working_days(start, rule["days"], counted_on)
        warnings = ([] if bank_holidays.known(start) and bank_holidays.known(due)
                    else [unknown_holidays_warning(counted_on)])
        if counted_on != nation and (found := centre_holiday_warning(due, nation)):
            warnings.append(found)
    else:
        due = add_calendar_days(start, rule["days"])
        warnings = day_warnings(due, nation, centre_acts=rule.get("centre_acts", False))
    starts = rule["starts"]
    counted = due
    if closing and closing > due:
        due = closing
        warnings = [_closing_warning(counted, closing), *day_warnings(due, nation)]
    elif closing:
        warnings.insert(0, _closing_warning(counted, closing))
    if today and (gone := past_warning(due, today)):
        warnings.insert(0, gone)
    if not qualification and (unchecked := _coverage_unchecked(rule)):
        warnings.insert(0, unchecked)
    if basis:
        warnings.insert(0, _basis_warning(basis))
        starts = rules.entry("deadlines", "start_basis", basis)["starts"]
    source = rules.cite(rule["source"], rule["section"])
    result = {
        "ok": True,
        "rule": rule_id,
        "title": rule["title"],
        "outcome": rule["outcome"],
        "start": start.isoformat(),
        "starts": starts,
        "days": rule["days"],
        "day_kind": rule["day_kind"],
        "deadline": due.isoformat(),
        "weekday": weekday_name(due),
        "deadline_text": long_date(due),
        "start_text": long_date(start),
        "nation": nation,
        "nation_name": NATIONS[nation],
        "counted_on": counted_on,
        "counted_on_name": NATIONS[counted_on],
        "source": source,
        "note": rule.get("caveat") or request_note(rule, start),
        "warnings": warnings,
        "next": next_steps(rule_id, nation, qualification),
    }
    if "weeks" in rule:
        result["weeks"] = rule["weeks"]
    if basis:
        result["start_basis"] = basis
    result["calendar"] = _calendar(result, start)
    return result


def _calendar(result: dict, start: date) -> str:
    span = f"{result['weeks']} weeks" if "weeks" in result else f"{result['days']} {result['day_kind']} days"
    description = (f"{result['outcome']}: {span} after {result['start_text']} "
                   f"(day 0, the day {result['starts']}). Rule: {result['title']}. Source: {result['source']}.")
    event = ics.Event(uid=ics.uid("deadline", result["rule"], result["start"], result["nation"]),
                      first_day=date.fromisoformat(result["deadline"]),
                      summary=f"{result['outcome']} (deadline)", description=description)
    return ics.calendar([event], name=f"Centre Guide: {result['title']}", stamp=start)


CALCULATORS = {"deadline": deadline}
