"""The "moderation-sample" calculator: which learners go into the moderation sample, and why.

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

A cohort of 12 in 2026-06 is sampled whole (the 2026 table samples every learner up to 15):

>>> marks = [{"id": str(1000 + n), "mark": 20 + n} for n in range(12)]
>>> answer = moderation_sample({"series": "2026-06", "learners": marks})
>>> answer["all"], answer["sample_count"]
(True, 12)
"""
from __future__ import annotations

import random
import re
import zlib

from .mark_sheet import MAX_COHORT, MAX_PROBLEMS_LISTED, read_learners
from .sample_size import band_text, cite, selection_rule, size_for, why_table
from .series import Series
from .validate import Form

MAX_SEED = 2**32 - 1
SUBJECTS = {"standard": "Any subject except Sport", "sport": "Sport"}
REASON_TEXT = {
    "selected": "ticked by the awarding body",
    # In Sport the centre picks the sample from learners with video; the awarding body does not.
    "selected-sport": "chosen by the centre",
    "all": "every learner is in the sample",
    "planning": "proposed at random (planning aid)",
    "highest": "highest mark",
    "lowest-non-zero": "lowest non-zero mark",
    "lowest": "lowest mark",
    "replacement": "replacement",
}
# Warnings that mean the sample shown may be the wrong one: ticks missing from the sheet, fewer or
# more ticks than the table asks for, rows that could not be counted. The page shows them before
# the answer's heading, not among the checks under the table.
CHANGES_ANSWER = {"unknown-selected", "selection-size", "rows-left-out"}
SIMILAR_RULE = ("The guide says only that a replacement has a similar mark; this calculator takes the learner "
                "not already in the sample whose mark is nearest the replaced "
                "learner's mark, or nearest the cohort's middle (median) mark when the replaced learner has "
                "no mark; if two are equally near, the one higher up the mark sheet. Only learners who were "
                "present and have a mark{video} can be replacements.")



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
    label = {key: text_field(form.inputs.get(key)) for key in ("subject_name", "component")}
    form.finish()
    learners, problems, notes, _, columns = reading
    from_column = [learner["id"] for learner in learners if learner.get("selected")]
    if from_column:
        ticked = list(dict.fromkeys((ticked or []) + from_column))
    answer = build_sample(learners, series, subject, ticked, seed, columns)
    left_out = sum(1 for problem in problems if problem["left_out"])
    if left_out:
        answer["warnings"].insert(0, warning("rows-left-out", f"{count(range(left_out), 'row')} of the sheet could not "
                                             f"be read and {'is' if left_out == 1 else 'are'} not counted in the "
                                             f"cohort of {len(learners)}. Correct {'it' if left_out == 1 else 'them'} "
                                             "(listed below) and build the sample again."))
    for found in answer["warnings"]:
        found["changes_answer"] = found["code"] in CHANGES_ANSWER
    title = "Moderation sample: " + ", ".join(
        part for part in (label["subject_name"], label["component"], series.label) if part)
    return {**answer, **label,
            "title": title,
            "filename": file_name("moderation-sample", label["subject_name"], label["component"], series.code) + ".csv",
            "csv": sample_csv(answer["sample"], title=title),
            "problems": problems[:MAX_PROBLEMS_LISTED], "problem_count": len(problems),
            "notes": notes}


def text_field(value: object) -> str:
    """An optional label the user typed (subject, component): one line, at most 80 characters."""
    return " ".join(value.split())[:80] if isinstance(value, str) else ""


def file_name(*parts: str) -> str:
    """ "moderation-sample-sport-component-1-2026-06": letters, digits and hyphens only."""
    words = "-".join(part for part in parts if part).lower()
    return re.sub(r"-{2,}", "-", re.sub(r"[^a-z0-9]+", "-", words)).strip("-")


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

    def rows(self, order: dict[str, int], sport: bool = False) -> list[dict]:
        """Highest mark first (a learner without a mark last), then in sheet order."""
        rows = sorted(self.entries.values(), key=lambda entry: (entry["mark"] is None, -(entry["mark"] or 0),
                                                                order[entry["id"]]))
        for row in rows:
            row["why"] = "; ".join([REASON_TEXT[f"{reason}-sport" if sport and f"{reason}-sport" in REASON_TEXT
                                                else reason] for reason in row["reasons"]] + row["notes"])
        return rows


def build_sample(learners: list[dict], series: Series, subject: str, ticked: list[str] | None,
                 seed: int | None, columns: list[tuple[str, set[str]]] = ()) -> dict:
    """The sample; `columns` are the sheet's columns other than the learner id's (named, with their
    values), for saying which one holds ticks that are not in the id column."""
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
        to_replace = take_ticked(learners, ticked, size, sport, sample, warnings, columns)
    extremes(eligible, learners, sample, warnings, non_zero, sport)
    replace(to_replace, eligible, sample, warnings, order, series)
    absent_count_check(learners, series, size, whole, warnings)
    if sport:
        sport_checks(learners, cohort, series, size, whole, warnings)
    standardisation_check(learners, series, warnings)
    if not eligible:
        warnings.append(warning("no-one-to-sample", "No learner on the sheet was present with a mark"
                                + (" and a video" if sport else "") + ", so no one can be sampled."))
    rows = sample.rows(order, sport)
    return {
        "ok": True,
        "series": series.code,
        "series_label": series.label,
        "subject": subject,
        "cohort": cohort,
        "size": size,
        "all": whole,
        "band": band_text(band),
        "table": {"id": table["edition"], "title": table["title"], "why": why_table(series, table)},
        "source": cite(table),
        "planning": planning,
        "seed": seed if planning else None,
        "sample": rows,
        "sample_count": len(rows),
        "extremes_rule": {"lowest_non_zero": non_zero, "summary": extremes_rule["summary"],
                          "source": cite(extremes_rule)},
        "similar": SIMILAR_RULE.format(video=" and a video" if sport else ""),
        "warnings": warnings,
    }


def can_be_sampled(learner: dict, sport: bool) -> bool:
    return (not learner["absent"] and not learner["no_evidence"] and learner["mark"] is not None
            and (learner["video"] or not sport))


def take_everyone(learners: list[dict], sport: bool, sample: Sample, warnings: list[dict]) -> None:
    """A cohort the table samples whole; absent learners (and, in Sport, those without video) have
    nothing to upload and no one is left to replace them."""
    for learner in learners:
        if can_be_sampled(learner, sport) or (learner["mark"] is None and not learner["absent"]
                                              and not learner["no_evidence"] and not sport):
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
                warnings: list[dict], columns: list[tuple[str, set[str]]] = ()) -> list[tuple[dict, str]]:
    """Add the ticked learners; return those who must be replaced, with why."""
    by_id = {learner["id"]: learner for learner in learners}
    ticked, zeros = without_leading_zeros(ticked, by_id)
    if zeros:
        warnings.append(warning("leading-zeros", f"{count(zeros, 'ticked id')} matched to the sheet without "
                                f"{'its' if len(zeros) == 1 else 'their'} leading zeros: "
                                f"{', '.join(f'{typed} is {found}' for typed, found in zeros[:10])}"
                                f"{'…' if len(zeros) > 10 else ''}. {zeros_lost(zeros)}; check they are the "
                                "same learners."))
    unknown = [learner_id for learner_id in ticked if learner_id not in by_id]
    if unknown:
        # Every tick in another column (the UCI, say) means the wrong column was taken for the id.
        match = column_with(ticked, columns) if len(unknown) == len(ticked) else None
        advice = (f"They match {match}: choose it as the learner id under “Columns in your sheet”." if match
                  else "Check the ids.")
        warnings.append(warning("unknown-selected", f"{count(unknown, 'ticked id')} not on the mark sheet: "
                                f"{', '.join(unknown[:10])}{'…' if len(unknown) > 10 else ''}. {advice}"))
    wanted = set(ticked)
    found = [learner for learner in learners if learner["id"] in wanted]
    if len(found) != size:
        # In Sport the centre chooses the sample (from learners with video): no ticks to copy.
        chosen, check = (("chosen", f"Choose {size} from learners with video.") if sport
                         else ("ticked", "Check that every tick was copied."))
        warnings.append(warning("selection-size", f"{count(found, 'learner')} on the sheet "
                                f"{'is' if len(found) == 1 else 'are'} {chosen}, but the table gives {size} for a "
                                f"cohort of {len(learners)}. {check}"))
    to_replace = []
    for learner in found:
        if learner["absent"]:
            to_replace.append((learner, "was absent"))
        elif learner["no_evidence"]:
            to_replace.append((learner, "is marked No evidence"))
        elif sport and not learner["video"]:
            to_replace.append((learner, "has no video"))
        else:
            sample.add(learner, "selected")
            if learner["mark"] is None:
                warnings.append(warning("no-mark", f"{label(learner)} is ticked but has no mark on the sheet."))
    return to_replace


def column_with(ids: list[str], columns: list[tuple[str, set[str]]]) -> str | None:
    """The name of the first column holding every one of `ids` (a number's leading zeros aside, as
    in `without_leading_zeros`), or None."""
    def number(value: str) -> str:
        return value.lstrip("0") or "0" if value.isdigit() else value
    wanted = {number(value) for value in ids}
    return next((name for name, values in columns if wanted <= {number(value) for value in values}), None)


def zeros_lost(pairs: list[tuple[str, str]]) -> str:
    """Which side dropped the zeros: the sheet (42 for 0042) or the ids typed."""
    if any(len(found) < len(typed) for typed, found in pairs):
        return "The sheet stores these candidate numbers as numbers, so its zeros are lost"
    return "They were typed without the zeros the sheet has"


def without_leading_zeros(ticked: list[str], by_id: dict) -> tuple[list[str], list[tuple[str, str]]]:
    """A spreadsheet that holds candidate numbers as numbers shows 0042 as 42 (its number format
    may pad it on screen, but the file keeps 42), while the awarding body's list says 0042. A
    typed id of digits that is not on the sheet is matched to the one sheet id of digits that
    is the same number; the pairs are returned so the answer can say so."""
    as_numbers: dict[str, list[str]] = {}
    for sheet_id in by_id:
        if sheet_id.isdigit():
            as_numbers.setdefault(sheet_id.lstrip("0") or "0", []).append(sheet_id)
    matched, pairs = [], []
    for typed in ticked:
        same = as_numbers.get(typed.lstrip("0") or "0", []) if typed.isdigit() and typed not in by_id else []
        if len(same) == 1:
            matched.append(same[0])
            pairs.append((typed, same[0]))
        else:
            matched.append(typed)
    return list(dict.fromkeys(matched)), pairs


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
            overall = [learner for learner in learners if not learner["absent"] and not learner["no_evidence"]
                       and learner["mark"] is not None
                       and (learner["mark"] > 0 or code == "highest" or not non_zero)]
            if overall:
                best = pick(learner["mark"] for learner in overall)
                if best != mark:
                    missing = [learner for learner in overall if learner["mark"] == best]
                    warnings.append(warning(f"sport-{code}-no-video", f"The {word} mark overall, {best} "
                                            f"({names(missing)}), has no video, so the sample uses the {word} mark "
                                            f"among learners with video ({mark}). The sources do not say this; "
                                            "it is the calculator's reading, "
                                            "as only filmed learners can be in a Sport sample."))


def replace(to_replace, eligible, sample: Sample, warnings, order, series: Series) -> None:
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
        because = ""
        if learner["no_evidence"]:
            rule = selection_rule("no-evidence-replaced", series)
            because = f" {rule['summary']} ({cite(rule)})"
        warnings.append(warning("replaced", f"{label(learner)} was ticked but {why}; {label(chosen)} "
                                f"(mark {chosen['mark']}) takes their place.{because}"))


def absent_count_check(learners: list[dict], series: Series, size: int, whole: bool, warnings: list[dict]) -> None:
    """The cohort here counts absent and No-evidence learners; the sources do not say whether they
    count, so say so when leaving them out would change the sample size."""
    away = sum(1 for learner in learners if learner["absent"] or learner["no_evidence"])
    if not away or away == len(learners):
        return
    other_size, other_whole, _, _ = size_for(series, len(learners) - away)
    if (other_size, other_whole) != (size, whole):
        warnings.append(warning("absent-in-cohort", (
            f"The cohort of {len(learners)} counts {away} learner{'s' if away != 1 else ''} "
            f"who {'was' if away == 1 else 'were'} "
            f"absent or marked No evidence. Without {'them' if away != 1 else 'that learner'} the table would give "
            f"{'every learner' if other_whole else f'a sample of {other_size}'}. The sources do not say whether "
            "they count: follow the learners ticked on Edexcel Online, and ask Pearson if the number looks wrong.")))


def sport_checks(learners: list[dict], cohort: int, series: Series, size: int, whole: bool,
                 warnings: list[dict]) -> None:
    minimum = rules_sport_minimum(series)
    needed = min(minimum, cohort)
    with_video = sum(1 for learner in learners if learner["video"])
    if with_video < needed:
        rule = "every learner must be recorded" if cohort < minimum else \
            f"at least {minimum} learners must be recorded"
        warnings.append(warning("sport-video", f"Only {with_video} of {cohort} learners have video. In Sport {rule} "
                                f"(cohort of {cohort})."))
    if not whole and with_video < size:
        # The guide's minimum of filmed learners predates the 2026 table, whose sample can be larger.
        warnings.append(warning("sport-fewer-filmed-than-sample", (
            f"Only {with_video} learners have video, but the table asks for a sample of {size} for a cohort of "
            f"{cohort}, before the highest and lowest marks are added. The guide asks for at least {minimum} "
            "learners on video, and the sources do not say what to do when fewer are filmed than the sample "
            "needs. Ask Pearson before the marks and sample deadline, and film more learners if you can.")))


def rules_sport_minimum(series: Series) -> int:
    return selection_rule("sport-video", series)["min_with_video"]


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
    if any(learner["no_evidence"] for learner in learners):
        reasons.append("no evidence")
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


def id_cell(value: str) -> str:
    """A candidate number as Excel will keep it: "0123" or a long number would lose its zeros or turn
    into 1.23E+15, so it is written as the text formula ="0123" (digits only, so nothing can run)."""
    if re.fullmatch(r"\d+", value) and (value.startswith("0") or len(value) > 11):
        return '"=""' + value + '"""'
    return csv_cell(value)


def sample_csv(rows: list[dict], title: str = "") -> str:
    """The sample as CSV: a first line saying what it is (subject, component, series), then the table."""
    lines = [[csv_cell(title)]] if title else []
    lines += [[csv_cell(cell) for cell in ("Learner id", "Name", "Mark", "Why in the sample")]]
    lines += [[id_cell(row["id"]), csv_cell(row["name"]), csv_cell(row["mark"]), csv_cell(row["why"])] for row in rows]
    return "".join(",".join(line) + "\r\n" for line in lines)


CALCULATORS = {"moderation-sample": moderation_sample}
