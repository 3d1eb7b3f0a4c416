"""The "cohort-certification" calculator: every learner in a centre's tracker checked at once,
with the single-learner "certification" check (certification.check, the same attempts, the
same problem codes and the same counting).

A tracker comes in one of two shapes, guessed from its headings (or chosen):

- "attempts": one row per learner per assessment: learner, component, series, UMS;
- "learners": one row per learner, with a series column (and a UMS column) for each sitting of
  each component: "C1 series", "C1 UMS", "C1 retake series", "C3 resit series", ...

Rows that cannot be read are listed with their number and why; the rest are kept. A learner
whose row was left out is still checked, and their answer says which rows are missing, since
a missing row can itself cause a problem (a component missing).

>>> answer = cohort_certification({"subject": "standard", "tracker":
...     "Candidate\\tComponent\\tSeries\\tUMS\\n1001\\t1\\t2025-06\\t40\\n"
...     "1001\\t2\\t2026-01\\t\\n1001\\t3\\t2026-06\\t\\n"})
>>> answer["summary"]["fine"], answer["learners"][0]["certification_series"]
(1, '2026-06')
"""

from __future__ import annotations

import re
from functools import lru_cache

from . import certification, sheet_input
from .series import Series
from .sheet_input import MAX_PROBLEMS_LISTED, cell, heading_words
from .spreadsheet import MAX_ROWS, Sheet
from .validate import Form

SHAPES = {
    "attempts": "One row per learner per assessment",
    "learners": "One row per learner, with columns for each component",
}
# In the order certification.check looks for them (its docstring), with what a reader calls them.
CODE_LABELS = {
    "series-not-available": "A series the subject does not have",
    "same-series": "The same component twice in one series",
    "retake-limit": "Too many retakes of an internal component",
    "resit-limit": "Too many resits of the external",
    "terminal-rule": "An internal component after the external that certification uses",
    "external-missing": "No sitting of the external",
    "component-missing": "An internal component missing",
}

ATTEMPT_FIELDS = ("learner", "name", "component", "series", "ums")
# A learners-shape tracker: per component, the first sitting, a retake (a resit, for the
# external) and a second one, which is there so that the check can say it is one too many.
SITTINGS = ((1, ""), (2, "retake"), (3, "retake2"))
LEARNER_FIELDS = ("learner", "name") + tuple(
    f"c{component}_{word + '_' if word else ''}{part}"
    for component in certification.COMPONENTS
    for _, word in SITTINGS
    for part in ("series", "ums")
)
FIELDS = tuple(dict.fromkeys(ATTEMPT_FIELDS + LEARNER_FIELDS))


def field_label(name: str) -> str:
    """ "c3_retake2_series" is "Component 3 (external) second resit: series"."""
    fixed = {
        "learner": "Learner (candidate number, or name)",
        "name": "Name (if a separate column)",
        "component": "Component",
        "series": "Series",
        "ums": "UMS",
    }
    if name in fixed:
        return fixed[name]
    component, *sitting, part = name.split("_")
    number = int(component[1:])
    again = "resit" if number == certification.EXTERNAL else "retake"
    which = {"": "", "retake": f" {again}", "retake2": f" second {again}"}["".join(sitting)]
    return f"{certification.COMPONENT_TITLES[number]}{which}: {'series' if part == 'series' else 'UMS'}"


# ---------------------------------------------------------------- headings

UMS_WORDS = r"\b(ums|mark|marks|score|points|result|results)\b"
SERIES_WORDS = r"\b(series|session|sitting|sat|entered|entry|when|date)\b"
COMPONENT_NUMBER = re.compile(r"\b(?:c|comp|component|unit|u|paper)\s?([123])\b")
EXTERNAL_WORDS = re.compile(r"\b(external|exam|ext)\b")
SECOND_AGAIN = re.compile(r"\b((second|2nd)\s+re\s?(take|sit|sat)|re\s?(take|sit)\s?2|third|3rd|attempt\s?3)\b")
AGAIN = re.compile(r"\b(re\s?takes?|re\s?sits?|re\s?sat|again|second|2nd|attempt\s?2)\b")
ATTEMPT_HEADINGS = (
    ("ums", UMS_WORDS),
    ("series", SERIES_WORDS),
    ("component", r"\b(component|comp|unit|paper|assessment)\b"),
    ("learner", r"\b(id|number|no|num|ref|reference|uln|uci|cand no|candidate no|candidate number)\b"),
    ("name", r"\b(name|names|surname|learner|student|candidate|pupil|forename)\b"),
)


def component_in(words: str) -> int | None:
    found = COMPONENT_NUMBER.search(words)
    if found:
        return int(found.group(1))
    return certification.EXTERNAL if EXTERNAL_WORDS.search(words) else None


def learners_heading(heading: str) -> str | None:
    """The learners-shape field a heading names ("C1 retake UMS" is c1_retake_ums), if any."""
    words = heading_words(heading)
    component = component_in(words)
    if component is None:
        return attempts_heading(heading) if attempts_heading(heading) in ("learner", "name") else None
    rest = COMPONENT_NUMBER.sub(" ", words)
    sitting = "retake2" if SECOND_AGAIN.search(rest) else "retake" if AGAIN.search(rest) else ""
    part = "ums" if re.search(UMS_WORDS, rest) else "series" if re.search(SERIES_WORDS, rest) else None
    if part is None:
        return f"c{component}_{sitting + '_' if sitting else ''}?"
    return f"c{component}_{sitting + '_' if sitting else ''}{part}"


def attempts_heading(heading: str) -> str | None:
    words = heading_words(heading)
    for name, pattern in ATTEMPT_HEADINGS:
        if re.search(pattern, words):
            return name
    return None


def guess_shape(sheet: Sheet) -> str:
    """Two or more headings naming a component ("C1 series", "C3 UMS") make a learners-shape sheet,
    unless a heading names no component but is one ("Component", "Unit": an attempts sheet whose
    "Exam series" and "Exam result" name no component either)."""
    if not sheet.rows:
        return "attempts"
    headings = [heading_words(heading) for heading in sheet.rows[0][1]]
    if any(attempts_heading(words) == "component" and component_in(words) is None for words in headings):
        return "attempts"
    named = [component_in(words) for words in headings]
    return "learners" if sum(1 for number in named if number is not None) >= 2 else "attempts"


def learners_columns(sheet: Sheet, header: bool | None) -> tuple[dict, int | None]:
    """Columns of a learners-shape sheet; a component heading that names no part ("C1") is a series
    column if its cells read as series, else its UMS."""
    raw, header_row = sheet_input.guess_columns(
        sheet,
        tuple(LEARNER_FIELDS)
        + tuple(name[: -len("series")] + "?" for name in LEARNER_FIELDS if name.endswith("series")),
        learners_heading,
        header,
    )
    chosen = {name: raw.get(name) for name in LEARNER_FIELDS}
    data = [cells for number, cells in sheet.rows[1:31]]
    for name, index in raw.items():
        if not name.endswith("?") or index is None:
            continue
        values = [cell(cells, index) for cells in data if cell(cells, index)]
        series_like = sum(1 for value in values if read_series(value)[0] is not None) * 2 >= len(values) > 0
        target = name[:-1] + ("series" if series_like else "ums")
        if chosen.get(target) is None:
            chosen[target] = index
    return learner_and_name(sheet, chosen, header_row), header_row


def attempts_columns(sheet: Sheet, header: bool | None) -> tuple[dict, int | None]:
    chosen, header_row = sheet_input.guess_columns(sheet, ATTEMPT_FIELDS, attempts_heading, header)
    if header_row is None and header is not True:
        chosen = columns_from_contents(sheet)
    return learner_and_name(sheet, chosen, header_row), header_row


def learner_and_name(sheet: Sheet, chosen: dict, header_row: int | None) -> dict:
    """With no id heading, the first heading that names a person ("Candidate") is the learner and
    a second one ("Name") the name; with just one, it is the learner."""
    if chosen.get("learner") is not None or header_row is None:
        return chosen
    people = [index for index, heading in enumerate(sheet.rows[0][1]) if attempts_heading(heading) == "name"]
    if people:
        chosen["learner"], chosen["name"] = people[0], people[1] if len(people) > 1 else None
    return chosen


def columns_from_contents(sheet: Sheet) -> dict:
    """With no heading row: the component column reads as 1, 2 or 3, the series column as series, the
    UMS column as numbers; the learner is the first column left."""
    rows = [cells for _, cells in sheet.rows[:30]]
    width = max((len(cells) for cells in rows), default=0)
    columns = [[cells[i] for cells in rows if i < len(cells) and cells[i]] for i in range(width)]
    chosen: dict[str, int | None] = {name: None for name in ATTEMPT_FIELDS}
    tests = (
        ("series", lambda value: read_series(value)[0] is not None),
        ("component", lambda value: read_component(value) is not None),
        ("ums", lambda value: read_ums(value)[1] is None),
    )
    taken: set[int] = set()
    for name, reads in tests:
        for index, values in enumerate(columns):
            if index not in taken and values and all(reads(value) for value in values):
                chosen[name] = index
                taken.add(index)
                break
    chosen["learner"] = next((i for i, values in enumerate(columns) if i not in taken and values), None)
    return chosen


# ---------------------------------------------------------------- cells


@lru_cache(maxsize=4096)  # a tracker repeats the same few values thousands of times
def read_component(text: str) -> int | None:
    """1, 2 or 3 from "1", "C1", "Component 1", "Comp. 2", "Component 3 (external)", "External"."""
    words = heading_words(text)
    if re.fullmatch(r"[123]", words):
        return int(words)
    return component_in(words)


@lru_cache(maxsize=4096)
def read_series(text: str) -> tuple[Series | None, str | None]:
    """A series from a tracker's cell, or None and why not.

    Besides what Series.parse reads ("2026-01", "Jan 2026", "June 2026"), trackers write "Summer
    2026", "Dec 2025" (the December/January series is named by its January: 2026-01), "May/June
    2026", or a date in the series' months; a date typed into Excel arrives as a day number.
    """
    original = text.strip()
    # A date typed into Excel arrives as a day number; the rest are written forms (Series.read).
    day = sheet_input.excel_day(" ".join(original.lower().split()))
    try:
        return (Series.of_day(day) if day is not None else Series.read(original)), None
    except ValueError as problem:
        if day is not None or "neither" in str(problem):
            return None, f"“{shown(original)}” is a date in neither December/January nor May/June"
        return None, f"“{shown(original)}” is not a series: {str(problem)[0].lower()}{str(problem)[1:]}"


NO_UMS_YET = {"", "-", "–", "tbc", "tba", "pending", "awaiting", "to come", "n/a", "na", "?", "x", "abs", "absent"}


@lru_cache(maxsize=4096)
def read_ums(text: str) -> tuple[int | None, str | None]:
    """(UMS, problem): blank, "pending", "ABS" and the like are a result not known (None)."""
    cleaned = text.strip().lower()
    if cleaned in NO_UMS_YET:
        return None, None
    if re.fullmatch(r"\d{1,6}(\.0*)?", cleaned):
        number = int(cleaned.split(".")[0])
        if number <= certification.MAX_UMS:
            return number, None
        return None, f"{number} is not a UMS mark"
    return None, f"“{shown(text)}” is not a UMS mark (a whole number)"


def shown(text: str) -> str:
    return text if len(text) <= 20 else text[:20] + "…"


# ---------------------------------------------------------------- rows into learners


class Learners:
    """Learners in the order they first appear, each with attempts and the sheet rows behind them."""

    def __init__(self):
        self.by_key: dict[str, dict] = {}
        self.problems: list[dict] = []

    def learner(self, key: str, name: str, row: int) -> dict:
        found = self.by_key.get(key)
        if found is None:
            found = self.by_key[key] = {"learner": key, "name": name, "rows": [], "attempts": [], "left_out": []}
        if name and not found["name"]:
            found["name"] = name
        if row not in found["rows"]:
            found["rows"].append(row)
        return found

    def problem(self, row: int, reason: str, learner: dict | None = None, left_out: bool = True) -> None:
        found = {"row": row, "reason": reason, "left_out": left_out}
        if learner is not None:
            found["learner"] = learner["learner"]
            learner["left_out"].append(found)
        self.problems.append(found)


def key_and_name(cells: list[str], chosen: dict) -> tuple[str, str]:
    key = cell(cells, chosen.get("learner")).strip()
    name = cell(cells, chosen.get("name")).strip() if chosen.get("name") != chosen.get("learner") else ""
    return key, name


def from_attempt_rows(sheet: Sheet, chosen: dict, header_row: int | None) -> Learners:
    found = Learners()
    for number, cells in sheet.rows:
        if number == header_row:
            continue
        key, name = key_and_name(cells, chosen)
        if not key:
            found.problem(number, "There is no learner in this row, so it was left out")
            continue
        learner = found.learner(key, name, number)
        component_cell = cell(cells, chosen.get("component"))
        component = read_component(component_cell)
        if component is None:
            found.problem(
                number,
                f"“{shown(component_cell)}” is not component 1, 2 or 3; this row was left out"
                if component_cell
                else "There is no component in this row, so it was left out",
                learner,
            )
            continue
        series, why = read_series(cell(cells, chosen.get("series")))
        if series is None:
            found.problem(
                number,
                (
                    f"{why}; this row was left out"
                    if cell(cells, chosen.get("series"))
                    else "There is no series in this row, so it was left out"
                ),
                learner,
            )
            continue
        ums, why = read_ums(cell(cells, chosen.get("ums")))
        if why:
            found.problem(number, f"{why}; the assessment was kept with its UMS not known", learner, left_out=False)
        learner["attempts"].append({"component": component, "series": series, "ums": ums, "sheet_row": number})
    return found


def from_learner_rows(sheet: Sheet, chosen: dict, header_row: int | None) -> Learners:
    found = Learners()
    sittings = [
        (name[: -len("series")], int(name[1]), field_label(name).rsplit(":", 1)[0])
        for name in LEARNER_FIELDS
        if name.endswith("_series")
    ]
    for number, cells in sheet.rows:
        if number == header_row:
            continue
        key, name = key_and_name(cells, chosen)
        if not key:
            found.problem(number, "There is no learner in this row, so it was left out")
            continue
        if key in found.by_key:
            first = found.by_key[key]["rows"][0]
            found.problem(number, f"Learner {shown(key)} is also on row {first}; this row was left out")
            continue
        learner = found.learner(key, name, number)
        for prefix, component, label in sittings:
            series_cell = cell(cells, chosen.get(prefix + "series"))
            ums_cell = cell(cells, chosen.get(prefix + "ums"))
            if not series_cell:
                if ums_cell:
                    found.problem(number, f"{label} has a UMS but no series, so it was left out", learner)
                continue
            series, why = read_series(series_cell)
            if series is None:
                found.problem(number, f"{label}: {why}; it was left out", learner)
                continue
            ums, why = read_ums(ums_cell)
            if why:
                found.problem(number, f"{label}: {why}; it was kept with its UMS not known", learner, left_out=False)
            learner["attempts"].append({"component": component, "series": series, "ums": ums, "sheet_row": number})
    return found


# ---------------------------------------------------------------- the answer


def checked(subject: dict, learner: dict) -> dict:
    """One learner's line in the answer, with `detail`: exactly the single-learner answer."""
    attempts = [
        {"row": index, "component": attempt["component"], "series": attempt["series"], "ums": attempt["ums"]}
        for index, attempt in enumerate(learner["attempts"])
    ]
    checked = certification.check(subject, attempts)
    detail = {
        "ok": True,
        "subject": subject["id"],
        "subject_title": subject["title"],
        **checked,
        "next": certification.next_steps(subject, attempts, checked),
    }
    codes = list(dict.fromkeys(problem["code"] for problem in detail["problems"]))
    return {
        "learner": learner["learner"],
        "name": learner["name"],
        "rows": learner["rows"],
        "attempt_rows": [attempt["sheet_row"] for attempt in learner["attempts"]],
        "valid": detail["valid"],
        "codes": codes,
        "problem_count": len(detail["problems"]),
        "certification_series": detail["certification_series"],
        "certification_label": detail["certification_label"],
        "left_out": learner["left_out"],
        "detail": detail,
    }


def summarise(learners: list[dict], not_checked: int) -> dict:
    codes = []
    for code, label in CODE_LABELS.items():
        having = [learner for learner in learners if code in learner["codes"]]
        if having:
            problems = sum(
                1 for learner in having for problem in learner["detail"]["problems"] if problem["code"] == code
            )
            codes.append({"code": code, "label": label, "learners": len(having), "problems": problems})
    by_series: dict[str | None, dict] = {}
    for learner in learners:
        code = learner["certification_series"]
        entry = by_series.setdefault(
            code,
            {
                "series": code,
                "learners": 0,
                "label": learner["certification_label"] or "No external sitting to certificate with",
            },
        )
        entry["learners"] += 1
    return {
        "learners": len(learners),
        "fine": sum(1 for learner in learners if learner["valid"]),
        "with_problems": sum(1 for learner in learners if not learner["valid"]),
        "with_rows_left_out": sum(1 for learner in learners if any(p["left_out"] for p in learner["left_out"])),
        "not_checked": not_checked,
        "codes": codes,
        "series": sorted(by_series.values(), key=lambda entry: entry["series"] or "9999"),
    }


def summary_lines(summary: dict, subject: dict, problem_count: int) -> list[str]:
    lines = [
        f"{summary['learners']:,} learner{'s' if summary['learners'] != 1 else ''} checked as "
        f"{subject['phrase']}: {summary['fine']:,} fine, {summary['with_problems']:,} with problems."
    ]
    lines += [
        f"{entry['code']}: {entry['learners']:,} learner{'s' if entry['learners'] != 1 else ''} "
        f"({entry['label'][0].lower()}{entry['label'][1:]})"
        for entry in summary["codes"]
    ]
    lines += [
        f"Certification in {entry['label']}: {entry['learners']:,}"
        if entry["series"]
        else f"{entry['label']}: {entry['learners']:,}"
        for entry in summary["series"]
    ]
    if summary["not_checked"]:
        lines.append(
            f"{summary['not_checked']:,} not checked: every row of theirs was left out, or they have "
            "more assessments than any learner can."
        )
    if problem_count:
        lines.append(f"{problem_count:,} row{'s' if problem_count != 1 else ''} to check (listed with the reason).")
    return lines


def results_csv(learners: list[dict]) -> str:
    titles = certification.COMPONENT_TITLES
    lines = [
        [
            "Learner",
            "Name",
            "Sheet rows",
            "Result",
            "Problems",
            "What to do",
            "Certification series",
            *[f"{titles[c]} UMS counted" for c in certification.COMPONENTS],
            *[f"{titles[c]} from series" for c in certification.COMPONENTS],
            "Results to come",
            "Rows left out",
        ]
    ]
    for learner in learners:
        detail = learner["detail"]
        counts = detail["counts"]
        lines.append(
            [
                learner["learner"],
                learner["name"],
                " ".join(str(row) for row in learner["rows"]),
                "Fine" if learner["valid"] else "Problems: " + "; ".join(CODE_LABELS.get(code, code)
                                                                       for code in learner["codes"]),
                " | ".join(problem["message"] for problem in detail["problems"]),
                " | ".join(problem["todo"] for problem in detail["problems"]),
                detail["certification_series"] or "",
                *["" if counts[str(c)]["ums"] is None else counts[str(c)]["ums"] for c in certification.COMPONENTS],
                *[counts[str(c)]["series"] or "" for c in certification.COMPONENTS],
                " ".join(f"C{c} {series}" for c in certification.COMPONENTS for series in counts[str(c)]["pending"]),
                " | ".join(f"Row {problem['row']}: {problem['reason']}" for problem in learner["left_out"]),
            ]
        )
    return sheet_input.csv_text(lines, id_columns=(0,))  # the learner's candidate number


def cohort_certification(inputs: dict) -> dict:
    form = Form(inputs)
    types = certification.subject_types()
    subject_id = form.choice(
        "subject",
        {key: row["short"] for key, row in types.items()},
        required_message="Choose the type of subject",
        default="standard",
    )
    shape = form.choice(
        "shape",
        {"auto": "Work it out from the headings", **SHAPES},
        required_message="Choose how the tracker is laid out",
        default="auto",
    )
    sheet = sheet_input.read_sheet(
        form, "tracker", noun="tracker", empty="Paste the tracker from your spreadsheet, or choose a file"
    )
    picked = sheet_input.column_choices(form, FIELDS)
    header = sheet_input.header_choice(form)
    form.finish()
    subject = types[subject_id]
    if shape == "auto":
        shape = guess_shape(sheet)
    fields = ATTEMPT_FIELDS if shape == "attempts" else LEARNER_FIELDS
    guessed, header_row = (attempts_columns if shape == "attempts" else learners_columns)(sheet, header)
    if header is not None:
        header_row = sheet.rows[0][0] if header and sheet.rows else None
    chosen = {name: picked.get(name, guessed.get(name)) for name in fields}
    needed = ["learner"] + (["component", "series"] if shape == "attempts" else [])
    missing = [name for name in needed if chosen.get(name) is None]
    if shape == "learners" and not any(chosen[name] is not None for name in fields if name.endswith("series")):
        missing.append("series")
    found = (
        (from_attempt_rows if shape == "attempts" else from_learner_rows)(sheet, chosen, header_row)
        if not missing
        else Learners()
    )
    learners, not_checked = [], 0
    for learner in found.by_key.values():
        if not learner["attempts"] and any(problem["left_out"] for problem in learner["left_out"]):
            not_checked += 1  # every row of theirs was left out, and each is listed with why
            continue
        if len(learner["attempts"]) > certification.MAX_ATTEMPTS:
            not_checked += 1
            found.problem(
                learner["rows"][0],
                f"Learner {shown(learner['learner'])} has {len(learner['attempts'])} "
                f"assessments; no learner can have more than {certification.MAX_ATTEMPTS}, so this learner "
                "was not checked",
            )
            continue
        learners.append(checked(subject, learner))
    summary = summarise(learners, not_checked)
    problems = sorted(found.problems, key=lambda problem: problem["row"])
    return {
        "ok": True,
        "subject": subject["id"],
        "subject_title": subject["title"],
        "shape": shape,
        "shape_label": SHAPES[shape],
        "kind": sheet.kind,
        "notes": sheet.notes,
        "header_row": header_row,
        "columns": sheet_input.describe_columns(sheet, header_row),
        "chosen": chosen,
        "fields": [{"field": name, "label": field_label(name)} for name in fields],
        "columns_missing": [{"field": name, "label": field_label(name)} for name in missing],
        "rows": sum(1 for number, _ in sheet.rows if number != header_row),
        "max_rows": MAX_ROWS,
        "summary": summary,
        "summary_lines": summary_lines(summary, subject, len(problems)) if not missing else [missing_message(missing)],
        "code_labels": CODE_LABELS,
        "learners": learners,
        "problems": problems[:MAX_PROBLEMS_LISTED],
        "problem_count": len(problems),
        "csv": results_csv(learners),
    }


def missing_message(missing: list[str]) -> str:
    named = " and ".join(field_label(name).split(" (")[0].lower() for name in missing)
    return f"Could not tell which column holds the {named}. Choose the columns under “Columns in your sheet”."


CALCULATORS = {"cohort-certification": cohort_certification}
