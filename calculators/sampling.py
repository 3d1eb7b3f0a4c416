"""Moderation samples for the BTEC Tech Awards: how many learners ("sample-size"), which ones and
why ("moderation-sample"), and reading the centre's mark sheet ("mark-sheet").

The size comes from the table in force for the series (rules/sample_sizes.toml): the 2023–24
guide's table up to 2025-06, the one announced in later notice N1 from 2026-01. For example a
cohort of 150 in 2025-06 uploads 15 learners, and in 2026-01 twenty.

Which learners: the ones ticked by the awarding body's system, plus the learner with the highest
mark and the one with the lowest non-zero mark when the ticks miss them (so the sample can be
bigger than the table says). Ties: any one learner on that mark will do; if none is ticked, the
first on the sheet is added. Before the 2024-06 series the rule was the lowest mark, zero included.

"Similar mark", for replacing a ticked learner who was absent (or, in Sport, has no video): the
learner not already in the sample whose mark is nearest the absent learner's own mark when the
sheet gives one, otherwise nearest the cohort's middle (median) mark; on a tie, the one higher
up the sheet. Only learners who were present and have a mark (and, in Sport, a video) can replace.

With no ticks (planning ahead, or Sport, where the centre picks), the calculator proposes a
sample at random from a seed it shows, so the same seed gives the same proposal on any computer.
"""
from __future__ import annotations

import base64
import binascii
import random
import re
import zlib

from . import mark_sheets, rules
from .series import Series
from .validate import Form, InvalidInput

MAX_COHORT = mark_sheets.MAX_ROWS
MAX_SEED = 2**32 - 1
SUBJECTS = {"standard": "Any subject except Sport", "sport": "Sport"}
REASON_TEXT = {
    "selected": "ticked by the awarding body",
    "all": "every learner is in the sample",
    "planning": "proposed at random (planning aid)",
    "highest": "highest mark",
    "lowest-non-zero": "lowest non-zero mark",
    "lowest": "lowest mark",
    "replacement": "replacement",
}
SIMILAR_RULE = ("A replacement is the learner not already in the sample whose mark is nearest the replaced "
                "learner's mark, or nearest the cohort's middle (median) mark when the replaced learner has "
                "no mark; if two are equally near, the one higher up the mark sheet. Only learners who were "
                "present and have a mark{video} can be replacements.")


# ---------------------------------------------------------------- the rules data

def sample_table(series: Series) -> dict:
    """The sample-size table in force for a series."""
    for table in reversed(rules.load("sample_sizes")["sample_table"]):
        starts = Series.parse(table["effective_from_series"])
        ends = Series.parse(table["until_series"]) if "until_series" in table else None
        if starts <= series and (ends is None or series <= ends):
            return table
    raise InvalidInput({"series": f"No sample table covers the {series.label} series"})


def selection_rule(rule_id: str, series: Series) -> dict:
    """The entry of a [[rule]] in force for a series (ids may have dated variants, e.g. highest-and-lowest)."""
    for entry in rules.load("sample_sizes")["rule"]:
        if entry["id"] != rule_id and not entry["id"].startswith(rule_id + "-to-"):
            continue
        starts = Series.parse(entry["effective_from_series"])
        ends = Series.parse(entry["until_series"]) if "until_series" in entry else None
        if starts <= series and (ends is None or series <= ends):
            return entry
    raise KeyError(rule_id)


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
    starts = Series.parse(table["effective_from_series"])
    if "until_series" in table:
        ends = Series.parse(table["until_series"])
        return (f"The table in the {rules.load('sources')[table['source']]['short']} applies to the series from "
                f"{starts.label} to {ends.label}, which include {series.label}.")
    if series == starts:
        return f"The table announced on {long_day(table['published'])} applies from this series, {series.label}, onwards."
    return (f"The table announced on {long_day(table['published'])} applies from the {starts.label} "
            f"series onwards, which includes {series.label}.")


def long_day(iso: str) -> str:
    year, month, day = (int(part) for part in str(iso).split("-"))
    months = ("January February March April May June July August September October November December").split()
    return f"{day} {months[month - 1]} {year}"


def cite(entry: dict) -> str:
    return rules.cite(entry["source"], entry["section"])


# ---------------------------------------------------------------- "sample-size"

def sample_size(inputs: dict) -> dict:
    form = Form(inputs)
    cohort = form.whole_number("cohort", label="Cohort size", minimum=1, maximum=MAX_COHORT,
                               required_message="Enter the number of learners in the cohort")
    series = form.series("series", required_message="Choose the series")
    form.finish()
    size, whole, table, band = size_for(series, cohort)
    rule_text = (f"For a cohort of {cohort}, every learner is in the sample." if whole else
                 f"For a cohort of {cohort}, the sample is {size} learners, plus the learners with the highest "
                 "and lowest marks if the awarding body's selection does not already include them.")
    return {
        "ok": True,
        "cohort": cohort,
        "series": series.code,
        "series_label": series.label,
        "size": size,
        "all": whole,
        "rule": rule_text,
        "band": band_text(band),
        "table": {"id": table["id"], "title": table["title"], "why": why_table(series, table),
                  "bands": [band_text(each) for each in table["bands"]]},
        "source": cite(table),
        "warnings": [],
    }


# ---------------------------------------------------------------- reading the learners

def read_learners(form: Form) -> tuple[list[dict], list[dict], list[str], str] | None:
    """Learners from `learners` (a list), or a mark sheet in `marks` (pasted text) or `file`.

    Returns (learners, problems, notes, field the sheet came from), or None after recording an error.
    """
    inputs = form.inputs
    if inputs.get("learners") is not None:
        return learners_from_list(form)
    reading = read_sheet(form)
    if reading is None:
        return None
    sheet, result, where = reading
    if result.chosen.get("id") is None or result.chosen.get("mark") is None:
        missing = " and ".join(name for name in ("id", "mark") if result.chosen.get(name) is None)
        form.fail(where, f"Could not tell which column holds the learner {missing}. Choose the columns "
                         "under “Columns in your sheet”")
        return None
    if not result.learners:
        form.fail(where, f"No learner could be read from the sheet. Row {result.problems[0]['row']}: "
                         f"{result.problems[0]['reason']}" if result.problems else
                  "The sheet has no rows of learners under its headings")
        return None
    return result.learners, result.problems, sheet.notes, where


def learners_from_list(form: Form) -> tuple[list[dict], list[dict], list[str], str] | None:
    raw = form.inputs.get("learners")
    if not isinstance(raw, list):
        form.fail("learners", "Give the learners as a list")
        return None
    if len(raw) > MAX_COHORT:
        form.fail("learners", f"There are {len(raw):,} learners. This page works with up to {MAX_COHORT:,} at once")
        return None
    learners, problems, seen = [], [], {}
    for number, item in enumerate(raw, start=1):
        if not isinstance(item, dict):
            problems.append({"row": number, "reason": "This entry is not a learner, so it was left out", "left_out": True})
            continue
        learner_id = item.get("id")
        if isinstance(learner_id, bool) or not isinstance(learner_id, (str, int)) or not str(learner_id).strip():
            problems.append({"row": number, "reason": "There is no learner id, so this learner was left out",
                             "left_out": True})
            continue
        learner_id = str(learner_id).strip()[:mark_sheets.MAX_CELL_CHARS]
        if learner_id in seen:
            problems.append({"row": number, "reason": f"Learner id {learner_id} is also number {seen[learner_id]} "
                                                      "in the list; this one was left out", "left_out": True})
            continue
        absent = mark_sheets.parse_flag(item.get("absent")) is True
        mark = None
        if item.get("mark") is not None and item.get("mark") != "":
            mark, absent_word, problem = mark_sheets.parse_mark(item.get("mark"))
            if problem:
                problems.append({"row": number, "reason": f"{problem}. This learner was left out", "left_out": True})
                continue
            absent = absent or absent_word
        seen[learner_id] = number
        learners.append({
            "row": number, "id": learner_id, "name": text_or_blank(item.get("name")), "mark": mark,
            "absent": absent, "video": mark_sheets.parse_flag(item.get("video")) is True,
            "assessor": text_or_blank(item.get("assessor")),
            "selected": mark_sheets.parse_flag(item.get("selected")) is True,
        })
    if not learners:
        form.fail("learners", "No learner could be read" +
                  (f": {problems[0]['reason']}" if problems else ". Add at least one learner"))
        return None
    return learners, problems, [], "learners"


def text_or_blank(value: object) -> str:
    return " ".join(value.split())[:mark_sheets.MAX_CELL_CHARS] if isinstance(value, str) else ""


def read_sheet(form: Form):
    """(sheet, reading, field) from pasted `marks` or an uploaded `file` ({name, data: base64})."""
    inputs = form.inputs
    upload = inputs.get("file")
    try:
        if isinstance(upload, dict) and (upload.get("data") or upload.get("name")):
            where = "file"
            data = upload.get("data")
            size = upload.get("size")
            too_big = isinstance(size, (int, float)) and not isinstance(size, bool) and size > mark_sheets.MAX_FILE_BYTES
            if too_big or (isinstance(data, str) and len(data) > mark_sheets.MAX_FILE_BYTES * 4 // 3 + 4):
                shown = f"is {size / 1048576:.1f} MB" if too_big else "is too large"
                raise mark_sheets.SheetError(f"The file {shown}. The largest file this page reads is "
                                             f"{mark_sheets.MAX_FILE_BYTES // 1048576} MB: save just the sheet "
                                             "with the marks, as CSV or .xlsx")
            if not isinstance(data, str) or not data:
                raise mark_sheets.SheetError("The file could not be read. Choose it again")
            try:
                raw = base64.b64decode(data, validate=True)
            except (binascii.Error, ValueError):
                raise mark_sheets.SheetError("The file could not be read. Choose it again") from None
            name = upload.get("name") if isinstance(upload.get("name"), str) else ""
            sheet = mark_sheets.read_bytes(raw, name)
        else:
            where = "marks"
            text = inputs.get("marks")
            if not isinstance(text, str) or not text.strip():
                form.fail("marks", "Paste the marks from your spreadsheet, or choose a file")
                return None
            sheet = mark_sheets.read_text(text)
    except mark_sheets.SheetError as problem:
        form.fail(where, str(problem))
        return None
    columns = column_choices(form, sheet)
    header = inputs.get("header")
    header = {"yes": True, "no": False, True: True, False: False}.get(header) if isinstance(header, (str, bool)) else None
    return sheet, mark_sheets.learners_from(sheet, columns, header), where


def column_choices(form: Form, sheet) -> dict:
    """The user's choice of column per field: `columns` {field: index} or form fields column_<field>.

    A blank choice means "guess"; "none" means the sheet has no such column.
    """
    given = form.inputs.get("columns") if isinstance(form.inputs.get("columns"), dict) else {}
    chosen = {}
    for name in mark_sheets.FIELDS:
        value = given.get(name, form.inputs.get(f"column_{name}"))
        if value is None or value == "":
            continue
        if value == "none" or value == -1:
            chosen[name] = None
            continue
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < mark_sheets.MAX_COLUMNS:
            form.fail(f"column_{name}", "Choose one of the sheet's columns")
            continue
        chosen[name] = value
    return chosen


# ---------------------------------------------------------------- "mark-sheet": the preview

def mark_sheet(inputs: dict) -> dict:
    """What the page shows before the sample: which columns were picked, the first rows, problems."""
    form = Form(inputs)
    reading = read_sheet(form)
    form.finish()
    sheet, result, _ = reading
    learners = result.learners
    return {
        "ok": True,
        "kind": sheet.kind,
        "notes": sheet.notes,
        "header_row": result.header_row,
        "columns": result.columns,
        "chosen": result.chosen,
        "fields": [{"field": name, "label": mark_sheets.FIELD_LABELS[name]} for name in mark_sheets.FIELDS],
        "rows": result.data_rows,
        "learners": len(learners),
        "absent": sum(1 for learner in learners if learner["absent"]),
        "selected": sum(1 for learner in learners if learner["selected"]),
        "preview": [public(learner) for learner in learners[:10]],
        "problems": result.problems[:mark_sheets.MAX_PROBLEMS_LISTED],
        "problem_count": len(result.problems),
        "warnings": [],
    }


def public(learner: dict) -> dict:
    return {key: learner[key] for key in ("row", "id", "name", "mark", "absent", "video", "assessor", "selected")}


# ---------------------------------------------------------------- "moderation-sample"

def selected_ids(form: Form) -> list[str] | None:
    """Ids ticked by the awarding body: a list, or text with ids separated by commas, spaces or lines."""
    value = form.inputs.get("selected")
    if value is None or value == "" or value == []:
        return None
    if isinstance(value, str):
        ids = [part for part in re.split(r"[\s,;]+", value) if part]
    elif isinstance(value, list) and all(isinstance(part, (str, int)) and not isinstance(part, bool) for part in value):
        ids = [str(part).strip() for part in value if str(part).strip()]
    else:
        form.fail("selected", "Give the ticked learners' ids, separated by commas or on separate lines")
        return None
    if len(ids) > MAX_COHORT:
        form.fail("selected", f"That is more than {MAX_COHORT:,} ids")
        return None
    return list(dict.fromkeys(ids)) or None


def read_seed(form: Form) -> int | None:
    if form.inputs.get("seed") in (None, ""):
        return None
    return form.whole_number("seed", label="The seed", minimum=0, maximum=MAX_SEED,
                             required_message="Enter a seed, or leave it blank")


def moderation_sample(inputs: dict) -> dict:
    form = Form(inputs)
    series = form.series("series", required_message="Choose the series")
    subject = form.choice("subject", SUBJECTS, required_message="Choose the subject", default="standard")
    ticked = selected_ids(form)
    seed = read_seed(form)
    reading = read_learners(form)
    form.finish()
    learners, problems, notes, _ = reading
    from_column = [learner["id"] for learner in learners if learner.get("selected")]
    if from_column:
        ticked = list(dict.fromkeys((ticked or []) + from_column))
    answer = build_sample(learners, series, subject, ticked, seed)
    left_out = sum(1 for problem in problems if problem["left_out"])
    if left_out:
        answer["warnings"].insert(0, warning("rows-left-out", f"{count(range(left_out), 'row')} of the sheet could not "
                                             f"be read and {'is' if left_out == 1 else 'are'} not counted in the cohort "
                                             f"of {len(learners)}. Correct {'it' if left_out == 1 else 'them'} "
                                             "(listed below) and build the sample again."))
    return {**answer,
            "problems": problems[:mark_sheets.MAX_PROBLEMS_LISTED], "problem_count": len(problems),
            "notes": notes}


class Sample:
    """The learners chosen so far, each with its reasons and notes."""

    def __init__(self) -> None:
        self.entries: dict[str, dict] = {}

    def __contains__(self, learner_id: str) -> bool:
        return learner_id in self.entries

    def add(self, learner: dict, reason: str, note: str = "") -> dict:
        entry = self.entries.setdefault(learner["id"], {"id": learner["id"], "name": learner["name"],
                                                        "mark": learner["mark"], "reasons": [], "notes": []})
        if reason not in entry["reasons"]:
            entry["reasons"].append(reason)
        if note:
            entry["notes"].append(note)
        return entry

    def rows(self, order: dict[str, int]) -> list[dict]:
        """Highest mark first (a learner without a mark last), then in sheet order."""
        rows = sorted(self.entries.values(), key=lambda entry: (entry["mark"] is None, -(entry["mark"] or 0),
                                                                order[entry["id"]]))
        for row in rows:
            row["why"] = "; ".join([REASON_TEXT[reason] for reason in row["reasons"]] + row["notes"])
        return rows


def build_sample(learners: list[dict], series: Series, subject: str, ticked: list[str] | None,
                 seed: int | None) -> dict:
    sport = subject == "sport"
    cohort = len(learners)
    size, whole, table, band = size_for(series, cohort)
    extremes_rule = selection_rule("highest-and-lowest", series)
    non_zero = extremes_rule["lowest_non_zero"]
    order = {learner["id"]: index for index, learner in enumerate(learners)}
    eligible = [learner for learner in learners if can_be_sampled(learner, sport)]
    sample, warnings, to_replace = Sample(), [], []
    planning = not whole and ticked is None
    if whole:
        take_everyone(learners, sport, sample, warnings)
    elif planning:
        if seed is None:
            seed = zlib.crc32("\n".join(learner["id"] for learner in learners).encode("utf-8"))
        propose(eligible, size, seed, sample)
    else:
        to_replace = take_ticked(learners, ticked, size, sport, sample, warnings)
    extremes(eligible, learners, sample, warnings, non_zero, sport)
    replace(to_replace, eligible, sample, warnings, order)
    if sport:
        sport_checks(learners, cohort, warnings)
    standardisation_check(learners, series, warnings)
    if not eligible:
        warnings.append(warning("no-one-to-sample", "No learner on the sheet was present with a mark"
                                + (" and a video" if sport else "") + ", so no one can be sampled."))
    rows = sample.rows(order)
    return {
        "ok": True,
        "series": series.code,
        "series_label": series.label,
        "subject": subject,
        "cohort": cohort,
        "size": size,
        "all": whole,
        "band": band_text(band),
        "table": {"id": table["id"], "title": table["title"], "why": why_table(series, table)},
        "source": cite(table),
        "planning": planning,
        "seed": seed if planning else None,
        "sample": rows,
        "sample_count": len(rows),
        "extremes_rule": {"lowest_non_zero": non_zero, "summary": extremes_rule["summary"],
                          "source": cite(extremes_rule)},
        "similar": SIMILAR_RULE.format(video=" and a video" if sport else ""),
        "warnings": warnings,
        "csv": sample_csv(rows),
    }


def can_be_sampled(learner: dict, sport: bool) -> bool:
    return not learner["absent"] and learner["mark"] is not None and (learner["video"] or not sport)


def take_everyone(learners: list[dict], sport: bool, sample: Sample, warnings: list[dict]) -> None:
    """A cohort the table samples whole; absent learners (and, in Sport, those without video) have
    nothing to upload and no one is left to replace them."""
    for learner in learners:
        if can_be_sampled(learner, sport) or (learner["mark"] is None and not learner["absent"] and not sport):
            sample.add(learner, "all")
    left_out = [learner for learner in learners if learner["id"] not in sample]
    if left_out:
        warnings.append(warning("nothing-to-upload", f"{count(left_out, 'learner')} cannot be in the sample "
                                f"({why_left_out(left_out, sport)}): {names(left_out)}. Every learner is needed "
                                "in a cohort this size, so there is no one to replace them with."))


def propose(eligible: list[dict], size: int, seed: int, sample: Sample) -> None:
    """The planning aid: `size` learners at random; the same seed and sheet give the same learners."""
    for index in sorted(random.Random(seed).sample(range(len(eligible)), min(size, len(eligible)))):
        sample.add(eligible[index], "planning")


def take_ticked(learners: list[dict], ticked: list[str], size: int, sport: bool, sample: Sample,
                warnings: list[dict]) -> list[tuple[dict, str]]:
    """Add the ticked learners; return those who must be replaced, with why."""
    by_id = {learner["id"]: learner for learner in learners}
    unknown = [learner_id for learner_id in ticked if learner_id not in by_id]
    if unknown:
        warnings.append(warning("unknown-selected", f"{count(unknown, 'ticked id')} not on the mark sheet: "
                                f"{', '.join(unknown[:10])}{'…' if len(unknown) > 10 else ''}. Check the ids."))
    wanted = set(ticked)
    found = [learner for learner in learners if learner["id"] in wanted]
    if len(found) != size:
        warnings.append(warning("selection-size", f"{count(found, 'learner')} on the sheet "
                                f"{'is' if len(found) == 1 else 'are'} ticked, but the table gives {size} for a "
                                f"cohort of {len(learners)}. Check that every tick was copied."))
    to_replace = []
    for learner in found:
        if learner["absent"]:
            to_replace.append((learner, "was absent"))
        elif sport and not learner["video"]:
            to_replace.append((learner, "has no video"))
        else:
            sample.add(learner, "selected")
            if learner["mark"] is None:
                warnings.append(warning("no-mark", f"{label(learner)} is ticked but has no mark on the sheet."))
    return to_replace


def standardisation_check(learners: list[dict], series: Series, warnings: list[dict]) -> None:
    assessors = {learner["assessor"].casefold() for learner in learners if learner.get("assessor")}
    rule = selection_rule("internal-standardisation", series)
    if len(assessors) >= rule["min_assessors"]:
        warnings.append(warning("internal-standardisation", f"{len(assessors)} assessors marked this component. "
                                f"{rule['summary']} ({cite(rule)})"))


def extremes(eligible, learners, sample: Sample, warnings, non_zero, sport) -> None:
    """Mark (or add) the learners with the highest and the lowest (non-zero) mark; `eligible` is in
    sheet order, so on a tie the first on the sheet is the one added."""
    lowest_code = "lowest-non-zero" if non_zero else "lowest"
    lowest_pool = [learner for learner in eligible if learner["mark"] > 0] if non_zero else eligible
    if eligible and not lowest_pool:
        warnings.append(warning("no-non-zero-mark", "Every learner who can be sampled has a mark of 0, so there is "
                                "no lowest non-zero mark to add."))
    for code, pool, pick in (("highest", eligible, max), (lowest_code, lowest_pool, min)):
        if not pool:
            continue
        mark = pick(learner["mark"] for learner in pool)
        tied = [learner for learner in pool if learner["mark"] == mark]
        inside = [learner for learner in tied if learner["id"] in sample]
        word = "highest" if code == "highest" else ("lowest non-zero" if non_zero else "lowest")
        if inside:
            for learner in inside:
                sample.add(learner, code)
        else:
            sample.add(tied[0], code, "added because the sample did not include this mark")
            if len(tied) > 1:
                warnings.append(warning(f"tie-{code}", f"{count(tied, 'learner')} share the {word} mark ({mark}): "
                                        f"{names(tied)}. One of them is enough; the calculator added the first on the "
                                        "sheet, and you may choose another."))
        if sport:
            overall = [learner for learner in learners if not learner["absent"] and learner["mark"] is not None
                       and (learner["mark"] > 0 or code == "highest" or not non_zero)]
            if overall:
                best = pick(learner["mark"] for learner in overall)
                if best != mark:
                    missing = [learner for learner in overall if learner["mark"] == best]
                    warnings.append(warning(f"sport-{code}-no-video", f"The {word} mark overall ({best}, "
                                            f"{names(missing)}) has no video, so the sample uses the {word} mark "
                                            f"among learners with video ({mark})."))


def replace(to_replace, eligible, sample: Sample, warnings, order) -> None:
    """Swap each ticked learner who cannot be sampled for a present learner on a similar mark."""
    marks = sorted(learner["mark"] for learner in eligible)
    middle = marks[(len(marks) - 1) // 2] if marks else None
    for learner, why in to_replace:
        free = [each for each in eligible if each["id"] not in sample]
        if not free:
            warnings.append(warning("no-replacement", f"{label(learner)} {why}, and no other learner can take "
                                    "their place."))
            continue
        target = learner["mark"] if learner["mark"] is not None else middle
        chosen = min(free, key=lambda each: (abs(each["mark"] - target), order[each["id"]]))
        basis = (f"{label(learner)}'s mark of {target}" if learner["mark"] is not None
                 else f"the cohort's middle mark ({target}), as {label(learner)} has no mark")
        entry = sample.add(chosen, "replacement", f"for {label(learner)}, who {why}: nearest mark to {basis}")
        entry["replaces"] = learner["id"]
        warnings.append(warning("replaced", f"{label(learner)} was ticked but {why}; {label(chosen)} "
                                f"(mark {chosen['mark']}) takes their place."))


def sport_checks(learners: list[dict], cohort: int, warnings: list[dict]) -> None:
    needed = min(rules_sport_minimum(), cohort)
    with_video = sum(1 for learner in learners if learner["video"])
    if with_video < needed:
        rule = "every learner must be recorded" if cohort < rules_sport_minimum() else \
            f"at least {rules_sport_minimum()} learners must be recorded"
        warnings.append(warning("sport-video", f"Only {with_video} of {cohort} learners have video. In Sport {rule} "
                                f"(cohort of {cohort})."))


def rules_sport_minimum() -> int:
    return next(entry for entry in rules.load("sample_sizes")["rule"] if entry["id"] == "sport-video")["min_with_video"]


def warning(code: str, message: str) -> dict:
    return {"code": code, "message": message}


def label(learner: dict) -> str:
    return f"{learner['name']} ({learner['id']})" if learner.get("name") else learner["id"]


def names(learners: list[dict], limit: int = 8) -> str:
    shown = ", ".join(label(learner) for learner in learners[:limit])
    return shown + (f" and {len(learners) - limit} more" if len(learners) > limit else "")


def count(items: list, noun: str) -> str:
    return f"{len(items)} {noun}{'' if len(items) == 1 else 's'}"


def why_left_out(learners: list[dict], sport: bool) -> str:
    reasons = []
    if any(learner["absent"] for learner in learners):
        reasons.append("absent")
    if sport and any(not learner["video"] and not learner["absent"] for learner in learners):
        reasons.append("no video")
    return " or ".join(reasons) or "no mark"


# ---------------------------------------------------------------- the CSV download

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")


def csv_cell(value: object) -> str:
    """One CSV cell that Excel will show as text: a leading =, +, -, @, tab or CR gets an apostrophe."""
    text = "" if value is None else str(value)
    if text.startswith(FORMULA_STARTS):
        text = "'" + text
    if any(character in text for character in ',"\n\r'):
        text = '"' + text.replace('"', '""') + '"'
    return text


def sample_csv(rows: list[dict]) -> str:
    lines = [["Learner id", "Name", "Mark", "Why in the sample"]]
    lines += [[row["id"], row["name"], row["mark"], row["why"]] for row in rows]
    return "".join(",".join(csv_cell(cell) for cell in line) + "\r\n" for line in lines)


CALCULATORS = {"sample-size": sample_size, "moderation-sample": moderation_sample, "mark-sheet": mark_sheet}
