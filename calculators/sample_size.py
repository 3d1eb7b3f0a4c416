"""The "sample-size" calculator: how many learners' work a centre uploads for moderation.

The size comes from the table in force for the series (rules/sample_sizes.toml): the 2023–24
guide's table up to 2025-06, the one announced in later notice N1 from 2026-01. For example a
cohort of 150 in 2025-06 uploads 15 learners, and in 2026-01 twenty. The learners with the
highest and lowest marks are added when the awarding body's selection misses them, so the sample
can be bigger than the table says (moderation_sample.py builds it).
"""
from __future__ import annotations

from datetime import date

from . import rules
from .dates import day_month_year
from .mark_sheet import MAX_COHORT
from .series import Series
from .validate import Form, InvalidInput

def sample_table(series: Series) -> dict:
    """The sample-size table in force for a series."""
    try:
        return rules.in_force("sample_sizes", "sample_table", "sample-size", series)
    except rules.NotInForce:
        raise InvalidInput({"series": f"No sample table covers the {series.label} series"}) from None


def selection_rule(rule_id: str, series: Series) -> dict:
    """The [[rule]] entry in force for a series (highest-and-lowest changed for 2024-06)."""
    return rules.in_force("sample_sizes", "rule", rule_id, series)


def band_for(table: dict, cohort: int) -> dict:
    return next(band for band in table["bands"] if band["min"] <= cohort <= band.get("max", cohort))


def band_text(band: dict) -> str:
    """"101 to 200 learners: sample of 15", as a row of the table reads."""
    cohorts = f"{band['min']} to {band['max']}" if "max" in band else f"over {band['min'] - 1}"
    return f"{cohorts} learners: " + ("every learner" if band.get("all") else f"sample of {band['size']}")


def size_for(series: Series, cohort: int) -> tuple[int, bool, dict, dict]:
    """(sample size, whole cohort?, table, band). The size before highest and lowest are added.

    >>> [size_for(Series.parse(code), 150)[:2] for code in ("2025-06", "2026-01")]
    [(15, False), (20, False)]
    >>> size_for(Series.parse("2026-01"), 12)[:2]
    (12, True)
    """
    table = sample_table(series)
    band = band_for(table, cohort)
    return (cohort, True, table, band) if band.get("all") else (band["size"], False, table, band)


def why_table(series: Series, table: dict) -> str:
    starts, ends = rules.starts(table), rules.ends(table)
    if ends is not None:
        return (f"The table in the {rules.load('sources')[table['source']]['short']} applies to the series from "
                f"{starts.label} to {ends.label}, which include {series.label}.")
    announced = day_month_year(date.fromisoformat(table["published"]))
    if series == starts:
        return f"The table announced on {announced} applies from this series, {series.label}, onwards."
    return (f"The table announced on {announced} applies from the {starts.label} "
            f"series onwards, which includes {series.label}.")


def cite(entry: dict) -> str:
    return rules.cite(entry["source"], entry["section"])


def sample_size(inputs: dict) -> dict:
    form = Form(inputs)
    cohort = form.whole_number("cohort", label="Cohort size", minimum=1, maximum=MAX_COHORT,
                               required_message="Enter the number of learners in the cohort")
    series = form.series("series", required_message="Choose the series")
    form.finish()
    size, whole, table, band = size_for(series, cohort)
    lowest = "lowest non-zero" if selection_rule("highest-and-lowest", series)["lowest_non_zero"] else "lowest"
    rule_text = (f"For a cohort of {cohort}, every learner is in the sample." if whole else
                 f"For a cohort of {cohort}, the sample is {size} learners, plus the learners with the highest "
                 f"and {lowest} marks if the awarding body's selection does not already include them.")
    return {
        "ok": True,
        "cohort": cohort,
        "series": series.code,
        "series_label": series.label,
        "size": size,
        "all": whole,
        "rule": rule_text,
        "band": band_text(band),
        "table": {"id": table["edition"], "title": table["title"], "why": why_table(series, table),
                  "bands": [band_text(each) for each in table["bands"]]},
        "source": cite(table),
        "warnings": absent_warning(table, band, cohort),
        # The series alone: the sample page keeps learner data out of the address.
        "next": [{"text": "Build the sample from your mark sheet", "calculator": "moderation-sample",
                  "inputs": {"series": series.code}}],
    }


def absent_warning(table: dict, band: dict, cohort: int) -> list[dict]:
    """At the bottom of a band one learner fewer changes the size, and the sources do not say
    whether absent learners count in the cohort: say so rather than guess."""
    if band["min"] != cohort or cohort == 1:
        return []
    below = band_for(table, cohort - 1)
    smaller = cohort - 1 if below.get("all") else below["size"]
    return [{"code": "absent-in-cohort", "message": (
        f"A cohort of {cohort} is the smallest in its band: with {cohort - 1} learners the table gives "
        f"{'every learner' if below.get('all') else f'a sample of {smaller}'}. The sources do not say whether "
        "learners who were absent count in the cohort. If any were, follow the learners ticked on Edexcel "
        "Online, and ask Pearson if the number looks wrong.")}]


CALCULATORS = {"sample-size": sample_size}
