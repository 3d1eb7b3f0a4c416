"""The "deadline" calculator: by when must something happen?

Counting: the date the user gives is day 0 and the deadline is day N, so a 10-calendar-day
service asked for on Monday 1 September 2025 is due by Thursday 11 September 2025.
A calendar deadline is never moved off a weekend or bank holiday: no source says it moves
(later notice N8), so the answer says which day of the week it falls on instead.
"""
from __future__ import annotations

from . import rules
from .dates import add_calendar_days, long_date, weekday_name
from .validate import Form


def rule_table() -> dict[str, dict]:
    return {rule["id"]: rule for rule in rules.load("deadlines")["deadline"]}


def deadline(inputs: dict) -> dict:
    table = rule_table()
    form = Form(inputs)
    rule_id = form.choice("rule", {key: rule["title"] for key, rule in table.items()},
                          required_message="Choose what the deadline is for")
    start = form.date("date", required_message="Enter the date the count starts from")
    form.finish()

    rule = table[rule_id]
    due = add_calendar_days(start, rule["days"])
    return {
        "ok": True,
        "rule": rule_id,
        "title": rule["title"],
        "outcome": rule["outcome"],
        "start": start.isoformat(),
        "starts": rule["starts"],
        "days": rule["days"],
        "day_kind": rule["day_kind"],
        "deadline": due.isoformat(),
        "weekday": weekday_name(due),
        "deadline_text": long_date(due),
        "start_text": long_date(start),
        "source": rules.cite(rule["source"], rule["section"]),
        "warnings": [],
    }


CALCULATORS = {"deadline": deadline}
