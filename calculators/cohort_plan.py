"""The "cohort-plan" calculator: the guide's five example delivery models, laid out as series for a
cohort's start year and checked as a certification path.

A programme year runs September to July. For a cohort starting in September 2025, programme
year 1 holds the December 2025/January 2026 series ("2026-01") and May/June 2026 ("2026-06");
year 2 holds "2027-01" and "2027-06". So the 2-year model from 2025 assesses component 1 in
2026-06, component 2 in 2027-01 and sits the external in 2027-06.

>>> [(row["component"], row["series"]) for row in layout("two-year", 2025)]
[(1, '2026-06'), (2, '2027-01'), (3, '2027-06')]
"""
from __future__ import annotations

import re

from . import certification, rules
from .dates import MONTH_NAMES
from .series import LATEST_YEAR, AcademicYear, Series
from .validate import Form

MONTH_NUMBERS = {name.lower(): number for number, name in enumerate(MONTH_NAMES, start=1)}


def models() -> list[dict]:
    """The delivery models as they stand now (the choices on the page)."""
    return rules.newest("certification", "delivery_model")


def model(model_id: str, start_year: int | None = None) -> dict:
    """A delivery model, as it applied to a cohort starting in September of `start_year`."""
    if start_year is None:
        return rules.entry("certification", "delivery_model", model_id)
    return rules.in_force("certification", "delivery_model", model_id, AcademicYear(start_year).first_day)


def first_start_year() -> int:
    return rules.entry("certification", "programme", "first-teaching")["first_start_year"]


def last_start_year() -> int:
    """The latest start year whose every model still ends within the series we can name."""
    return LATEST_YEAR - max(entry["years"] for entry in models())


def series_in(start_year: int, programme_year: int, month: int) -> Series:
    # Both series of programme year n fall in the calendar year start + n (January and June).
    return Series(start_year + programme_year, month)


def layout(model_id: str, start_year: int) -> list[dict]:
    """The model's assessments as attempts for the certification check, in the guide's order."""
    chosen = model(model_id, start_year)
    return [
        {
            "component": row["component"],
            "series": series_in(start_year, row["year"], row["month"]).code,
            "kind": row["kind"],
        }
        for row in chosen["assessment"]
    ]


def term_dates(start_year: int, programme_year: int, months: str) -> str:
    """"September to December" in year 1 from 2025 -> "September to December 2025"."""
    named = re.findall(r"[A-Za-z]+", months)
    numbers = [MONTH_NUMBERS[word.lower()] for word in named if word.lower() in MONTH_NUMBERS]
    # Programme year n is the academic year that starts in September of start + n - 1.
    year = AcademicYear(start_year + programme_year - 1)
    years = [year.year_of(number) for number in numbers]
    if len(numbers) == 1:
        return f"{named[0]} {years[0]}"
    if years[0] == years[-1]:
        return f"{named[0]} to {named[-1]} {years[-1]}"
    return f"{named[0]} {years[0]} to {named[-1]} {years[-1]}"


def terms(model_id: str, start_year: int) -> list[dict]:
    """The guide's table for the model, period by period, with calendar years filled in."""
    return [
        {"year": row["year"], "when": term_dates(start_year, row["year"], row["months"]),
         "activities": list(row["activities"])}
        for row in model(model_id, start_year)["term"]
    ]


def programme_series(start_year: int, years: int) -> list[Series]:
    """Every series from the first in programme year 1 to the last in the final year."""
    first, last = Series(start_year + 1, 1), Series(start_year + years, 6)
    found = [first]
    while found[-1] < last:
        found.append(found[-1].next())
    return found


def cohort_plan(inputs: dict) -> dict:
    """Lay out a delivery model for a start year (or take the user's edited rows) and check it.

    Without "attempts" the model is laid out as the guide draws it; with them, the rows are the
    user's edited plan. Either way the plan goes through the certification check.
    """
    form = Form(inputs)
    subject = certification.read_subject(form)
    chosen = form.choice("model", {entry["id"]: entry["title"] for entry in models()},
                         required_message="Choose a delivery model")
    start_year = form.whole_number("start_year", label="The start year", minimum=0, maximum=10**6,
                                   required_message="Enter the year the course starts, for example 2025")
    if start_year is not None and not first_start_year() <= start_year <= last_start_year():
        form.fail("start_year", f"Enter a start year from {first_start_year()} (first teaching of the 2022 "
                                f"Tech Awards) to {last_start_year()}")
    edited = inputs.get("attempts")
    attempts = certification.read_attempts(form, edited) if edited is not None else []
    form.finish()

    if edited is None:
        attempts = [{"row": index, "component": row["component"], "series": Series.parse(row["series"]), "ums": None}
                    for index, row in enumerate(layout(chosen, start_year))]
    checked = certification.check(subject, attempts)
    picked = model(chosen, start_year)
    span = programme_series(start_year, picked["years"])
    for attempt in attempts:
        while attempt["series"] < span[0]:
            span.insert(0, span[0].previous())
        while attempt["series"] > span[-1]:
            span.append(span[-1].next())
    return {
        "ok": True,
        "subject": subject["id"], "subject_title": subject["title"],
        "model": chosen, "model_title": picked["title"], "model_summary": picked["summary"],
        "model_source": certification.cite(picked),
        "start_year": start_year, "laid_out": edited is None,
        "timeline": [{"code": series.code, "label": series.label} for series in span],
        "series_choices": [series.code for series in programme_series(start_year, picked["years"] + 1)
                           if series.year <= LATEST_YEAR],
        "terms": terms(chosen, start_year),
        "notes": notes(subject, start_year, attempts),
        **checked,
    }


def notes(subject: dict, start_year: int, attempts: list[dict]) -> list[dict]:
    """Advice that is not a broken rule: the first December/January series is too early."""
    too_early = Series(start_year + 1, 1)
    advice = certification.entry("programme", "first-series-not-for-new-starters", too_early)
    return [{"code": "early-first-series", "row": attempt["row"],
             "message": f"Component {attempt['component']} in {too_early.label} is in the learners' first term: "
                        "the guide says that series is not meant for learners who started in September.",
             "source": certification.cite(advice)}
            for attempt in attempts if attempt["series"] == too_early and attempt["component"] != 3]


CALCULATORS = {"cohort-plan": cohort_plan}
