"""The "mark-sheet" calculator, and the learners read from a centre's mark sheet for the sample.

A sheet becomes learners in two steps: spreadsheet.py gives rows of text cells with the row number
a spreadsheet would show, then `learners_from` picks the columns (from the headers, from the
contents, or as the user chose) and reads each row, reporting the rows it cannot read with their
number and why, and keeping the rest. The "mark-sheet" answer is the preview the page shows before
the sample is built: which columns were picked, the first rows and the problems.

>>> sheet = spreadsheet.read_text("Candidate no\\tName\\tMark\\n1001\\tAmy Khan\\t45\\n1002\\tBen Lee\\tABS\\n")
>>> reading = learners_from(sheet)
>>> [(l["id"], l["mark"], l["absent"]) for l in reading.learners]
[('1001', 45, False), ('1002', None, True)]
"""
from __future__ import annotations

import base64
import binascii
import re
from dataclasses import dataclass, field

from . import spreadsheet
from .sheet import column_choices, header_choice
from .spreadsheet import MAX_CELL_CHARS, MAX_FILE_BYTES, MAX_ROWS, Sheet, SheetError, column_letter
from .validate import Form

MAX_COHORT = MAX_ROWS
MAX_MARK = 999
MAX_PROBLEMS_LISTED = 200
SNIFF_ROWS = spreadsheet.SNIFF_ROWS  # rows looked at to guess the columns
HEADING_ROWS = 10  # rows looked at for the headings, under any title rows

FIELDS = ("id", "name", "forename", "mark", "absent", "video", "assessor", "selected")
FIELD_LABELS = {
    "id": "Learner id (candidate number)", "name": "Name", "forename": "First name (if separate)",
    "mark": "Mark", "absent": "Absent", "video": "Video recorded (Sport)", "assessor": "Assessor",
    "selected": "Ticked for the sample",
}

# Header words for each field, tried in this order for every header so that "Marked by" is an
# assessor, not a mark, "Moderated mark" a mark, not the tick column, and "Learner number" an id,
# not a name. A header that is only "Candidate", "Learner", "Student" or "Pupil" is a "person":
# the learner's number when another column holds names, else told from what the column holds.
HEADER_PATTERNS = (
    ("selected", r"\b(sample[ds]?|selected|ticked|tick|for moderation|moderation sample)\b|^moderation$"),
    ("absent", r"\b(absent|absence)\b"),
    ("video", r"\b(video|videos|recorded|recording|footage|filmed)\b"),
    ("assessor", r"\b(assessor|assessed by|marker|marked by|teacher|tutor)\b"),
    ("mark", r"\b(mark|marks|total|score|raw|points|ums)\b"),
    ("id", r"\b(id|number|no|num|ref|reference|uln|uci|code|cand no|candidate no|exam no)\b|#"),
    ("forename", r"\b(forename|forenames|first name|firstname|given name|given names)\b"),
    ("person", r"^(candidate|learner|student|pupil)s?$"),
    ("name", r"\b(name|names|surname|last name|family name|learner|student|candidate|pupil)\b"),
)
# Of several id columns, the candidate number: the ticks a user types come from Edexcel Online,
# which lists candidate numbers, not the UCI or ULN (and a centre number is the same for everyone).
CANDIDATE_NUMBER = r"\b(cand|candidate|exam)\b"
NOT_CANDIDATE_NUMBER = r"\b(uci|uln|centre|center)\b"
# Of several mark columns, the centre's own mark is the one the sample is built on.
MARK_PREFERENCE = (r"^(centre |center |teacher |internal )?(mark|marks|total|total mark)$",
                   r"\b(raw|score|points|ums)\b", r"\bmoderat")
ABSENT_WORDS = {"abs", "abs.", "absent", "a", "ab"}
# "No evidence": in the cohort, with no work to upload; replaced like an absent learner (later notice N1).
NO_EVIDENCE_WORDS = {"no evidence", "ne", "n/e", "no ev", "no evidence submitted", "noevidence"}
YES_WORDS = {"y", "yes", "true", "1", "x", "✓", "✔", "tick", "ticked", "selected", "sampled", "absent", "abs",
             "recorded", "video", "on"}
NO_WORDS = {"", "n", "no", "false", "0", "-", "–", "✗", "✘", "off", "none"}


@dataclass
class Reading:
    learners: list[dict]
    problems: list[dict]  # {"row": n, "reason": text, "left_out": whether the row's learner was dropped}
    columns: list[dict]  # {"index", "letter", "header", "examples"}
    chosen: dict  # field -> column index or None
    header_row: int | None
    data_rows: int
    unsure: list[str] = field(default_factory=list)  # why the guessed columns may be wrong
    notes: list[str] = field(default_factory=list)  # what the page says about how the sheet was read



# ---------------------------------------------------------------- rows into learners

def parse_mark(value: object) -> tuple[int | None, bool, str | None]:
    """(mark, absent, problem) from a cell or a JSON value.

    >>> parse_mark("45"), parse_mark("ABS"), parse_mark("12.5")[2]
    ((45, False, None), (None, True, None), '“12.5” is not a whole number: marks are whole numbers')
    """
    if isinstance(value, bool):
        return None, False, "The mark is true or false, not a number"
    if isinstance(value, int):
        number = value
    elif isinstance(value, float):
        if value != value or value in (float("inf"), float("-inf")) or value != int(value):
            return None, False, f"“{value}” is not a whole number: marks are whole numbers"
        number = int(value)
    elif isinstance(value, str):
        text = value.strip()
        if text.lower() in ABSENT_WORDS:
            return None, True, None
        if no_evidence(text):
            return None, False, None
        if not text:
            return None, False, "The mark is blank. Enter the mark, or ABS if the learner was absent"
        if re.fullmatch(r"[+-]?\d{1,6}(\.0*)?", text):
            number = int(text.split(".")[0])
        elif re.fullmatch(r"[+-]?\d*\.\d+", text):
            return None, False, f"“{text}” is not a whole number: marks are whole numbers"
        else:
            shown = text if len(text) <= 20 else text[:20] + "…"
            return None, False, f"“{shown}” is not a mark. Enter a whole number, or ABS if the learner was absent"
    elif value is None:
        return None, False, "The mark is blank. Enter the mark, or ABS if the learner was absent"
    else:
        return None, False, "The mark is not a number"
    if not 0 <= number <= MAX_MARK:
        return None, False, f"{number} is not a mark: marks run from 0 to {MAX_MARK}"
    return number, False, None


def no_evidence(value: object) -> bool:
    """Whether a mark cell says "No evidence" (also NE, N/E)."""
    return isinstance(value, str) and " ".join(value.lower().split()) in NO_EVIDENCE_WORDS


def parse_flag(value: object) -> bool | None:
    """Yes, no, or None when the cell says neither."""
    if isinstance(value, bool):
        return value
    if value is None:
        return False
    if isinstance(value, (int, float)):
        return value == 1 if value in (0, 1) else None
    if isinstance(value, str):
        text = value.strip().lower()
        if text in YES_WORDS:
            return True
        if text in NO_WORDS:
            return False
    return None


def header_field(header: str) -> str | None:
    words = header_words(header)
    if not words:
        return None
    for field_name, pattern in HEADER_PATTERNS:
        if re.search(pattern, words):
            return field_name
    return None


def header_words(header: str) -> str:
    return " ".join(re.sub(r"[_\-./:()]+", " ", header.lower()).split())


def fields_from_headers(first: list[str], columns: list[list[str]]) -> tuple[dict, list[str]]:
    """{field: column} from a header row, and why any choice is unsure (for the column chooser)."""
    found: dict[str, list[int]] = {}
    for index, header in enumerate(first):
        field_name = header_field(header)
        if field_name:
            found.setdefault(field_name, []).append(index)
    unsure = []
    marks = found.get("mark", [])
    if len(marks) > 1:
        def preference(index: int) -> int:
            words = header_words(first[index])
            return next((rank for rank, pattern in enumerate(MARK_PREFERENCE) if re.search(pattern, words)),
                        len(MARK_PREFERENCE))
        marks.sort(key=preference)
        others = ", ".join(f"“{first[index]}”" for index in marks[1:])
        unsure.append(f"More than one column looks like a mark: “{first[marks[0]]}” is used, not {others}. "
                      "The sample is built on the centre's own marks.")
    elif marks and re.search(MARK_PREFERENCE[-1], header_words(first[marks[0]])):
        unsure.append(f"The marks are read from “{first[marks[0]]}”. The sample is built on the centre's own "
                      "marks: choose that column if the sheet has it.")
    found.get("id", []).sort(key=lambda index: id_rank(first[index]))
    chosen = {field_name: indexes[0] for field_name, indexes in found.items() if field_name != "person"}
    for index in found.get("person", []):
        # "Candidate" beside a name column is the candidate number; alone, its contents decide.
        values = columns[index] if index < len(columns) else []
        as_id = "name" in chosen or ("id" not in chosen and values and id_like(values) >= 1.0)
        target = "id" if as_id else "name"
        if target == "id" and "id" in chosen and id_rank(first[index]) < id_rank(first[chosen["id"]]):
            chosen["id"] = index  # "Candidate" rather than "UCI"
            continue
        if target in chosen:
            continue
        chosen[target] = index
        if "name" not in found and "id" not in found:
            unsure.append(f"“{first[index]}” could be the candidate number or the name: it was read as the "
                          f"{'number' if as_id else 'name'} from what the column holds.")
    return chosen, unsure


def id_rank(header: str) -> int:
    """0 for a candidate number, 1 for another id, 2 for a UCI, ULN or centre number."""
    words = header_words(header)
    if re.search(NOT_CANDIDATE_NUMBER, words):
        return 2
    return 0 if re.search(CANDIDATE_NUMBER, words) else 1


def guess_columns(rows: list[tuple[int, list[str]]], header: bool | None = None) \
        -> tuple[dict, int | None, list[str]]:
    """Pick each field's column from the row of headings, else from what the columns hold; also
    say why any choice is unsure. `header` is the user's answer to "Does the sheet have a row of
    headings?": None guesses (see `heading_row`), True takes the guessed row or else the first,
    False reads every row as a learner."""
    chosen: dict[str, int | None] = {name: None for name in FIELDS}
    if not rows:
        return chosen, None, []
    at = heading_row(rows) if header is not False else None
    if at is None and header:
        at = 0
    if at is not None:
        header_row, first = rows[at]
        data = rows[at + 1:at + 1 + SNIFF_ROWS * 4]
        from_headers, unsure = fields_from_headers(first, column_values(data))
        chosen.update(from_headers)
    else:
        header_row, data, unsure = None, rows[:SNIFF_ROWS * 4], []
    columns = column_values(data)
    taken = {index for index in chosen.values() if index is not None}
    if chosen["mark"] is None:
        chosen["mark"] = pick(columns, taken, lambda values: mark_like(values))
        taken.add(chosen["mark"])
    if chosen["id"] is None:
        chosen["id"] = pick(columns, taken, lambda values: id_like(values), first_wins=True)
        taken.add(chosen["id"])
    if chosen["name"] is None:
        chosen["name"] = pick(columns, taken, lambda values: name_like(values), first_wins=True)
    taken.discard(None)
    if header_row is None and rows:
        unsure.append("The sheet has no row of headings, so the columns were chosen from what they hold.")
    if chosen["id"] is None or chosen["mark"] is None:
        missing = " and ".join(name for name in ("id", "mark") if chosen[name] is None)
        unsure.append(f"No column could be told to hold the learner {missing}.")
    return chosen, header_row, unsure


def column_values(rows: list[tuple[int, list[str]]]) -> list[list[str]]:
    """Each column's non-blank cells, left to right."""
    width = max((len(cells) for _, cells in rows), default=0)
    return [[cells[i] for _, cells in rows if i < len(cells) and cells[i]] for i in range(width)]


def heading_row(rows: list[tuple[int, list[str]]]) -> int | None:
    """Where the row of headings is in `rows`, or None when the sheet has none.

    Usually it is the first row, but centres' exports often put a title, the centre number or a
    blank row above it. A row lower down is taken for the headings only when it is wider than
    every row above it (a title fills a cell or two; a learner's row is as wide as the next
    learner's), names at least two of the columns the reader knows, one of them the id or the
    mark, holds no number itself, and has a number in the row under it (the first learner).

    >>> heading_row([(1, ["Component 2 marks"]), (3, ["Cand No", "Name", "Mark"]), (4, ["1001", "Amy", "41"])])
    1
    """
    widest_above = 0
    for at, (_, cells) in enumerate(rows[:HEADING_ROWS]):
        below = rows[at + 1][1] if at + 1 < len(rows) else []
        from_headers, _ = fields_from_headers(cells, [])
        if at == 0 and looks_like_header(cells, from_headers, below):
            return 0
        filled = sum(1 for cell in cells if cell)
        if at and filled > widest_above and len(from_headers) >= 2 and ({"id", "mark"} & from_headers.keys()) \
                and not any(number_like(cell) for cell in cells) and any(number_like(cell) for cell in below):
            return at
        widest_above = max(widest_above, filled)
    return None


def number_like(cell: str) -> bool:
    """A candidate number, a mark, or a word that stands for one: what a learner's row holds."""
    # "Absent" is a heading too; "ABS" and "A" are not.
    return bool(re.fullmatch(r"\d+(\.\d+)?", cell)) or cell.lower() in ABSENT_WORDS - {"absent"} or no_evidence(cell)


def has_ids_and_marks(rows: list[tuple[int, list[str]]]) -> bool:
    """A workbook sheet worth reading for a sample: one whose columns give an id and a mark."""
    chosen, _, _ = guess_columns(rows[:SNIFF_ROWS * 4 + 1])
    return chosen["id"] is not None and chosen["mark"] is not None


def looks_like_header(first: list[str], from_headers: dict, second: list[str]) -> bool:
    # A learner called "Ann Student" must not be taken for a header: one header word is not enough
    # unless the row under it has numbers where this row has none.
    has_number = any(parse_mark(cell)[0] is not None or cell.lower() in ABSENT_WORDS - {"absent"} for cell in first)
    if has_number or not from_headers:
        return False
    return len(from_headers) >= 2 or any(parse_mark(cell)[0] is not None for cell in second)


def pick(columns: list[list[str]], taken: set, score, first_wins: bool = False) -> int | None:
    best, best_score = None, 0.0
    for index, values in enumerate(columns):
        if index in taken or not values:
            continue
        value = score(values)
        if value > best_score or (not first_wins and value == best_score and value > 0):
            best, best_score = index, value
    return best if best_score >= 0.8 else None


def mark_like(values: list[str]) -> float:
    parsed = [parse_mark(value) for value in values]
    marks = [mark for mark, _, problem in parsed if problem is None and mark is not None]
    readable = sum(1 for _, _, problem in parsed if problem is None)
    # Candidate numbers are numbers too, but usually four digits or more.
    if marks and max(marks) > 200:
        return 0.0
    return readable / len(values)


def id_like(values: list[str]) -> float:
    # Names are unique too; candidate numbers and other ids usually have digits.
    if len(set(values)) != len(values):
        return 0.0
    return 1.0 if sum(1 for value in values if re.search(r"\d", value)) * 2 > len(values) else 0.85


def name_like(values: list[str]) -> float:
    return sum(1 for value in values if re.search(r"[^\W\d_]{2}", value)) / len(values)


def learners_from(sheet: Sheet, columns: dict | None = None, header: bool | None = None) -> Reading:
    """Learners from a sheet's rows. `columns` (field -> 0-based index or None) overrides the guessed
    columns, and `header` says whether the sheet has a row of headings (None: guess; see
    `guess_columns`). Rows above the headings (a title, the centre number) are not learners."""
    chosen, header_row, unsure = guess_columns(sheet.rows, header)
    if columns:
        for name in FIELDS:
            if name in columns:
                chosen[name] = columns[name]
    start = header_row or 0
    data = [(number, cells) for number, cells in sheet.rows if number > start]
    above = [number for number, _ in sheet.rows if number < start]
    width = max((len(cells) for _, cells in sheet.rows), default=0)
    headers = dict(enumerate(next(cells for number, cells in sheet.rows if number == header_row))) \
        if header_row is not None else {}
    described = [{"index": i, "letter": column_letter(i), "header": headers.get(i, ""),
                  "examples": [cells[i] for _, cells in data[:3] if i < len(cells)]} for i in range(width)]
    learners, problems, seen = [], [], {}
    places = [(name, chosen.get(name)) for name in FIELDS]
    unsaved = unsaved_by_row(sheet.unsaved, {index for _, index in places if index is not None})
    for number, cells in data:
        width = len(cells)
        values = {name: cells[index] if index is not None and 0 <= index < width else "" for name, index in places}
        if number in unsaved:
            problems.append(unsaved.pop(number))
        learner, row_problems = learner_from_row(number, values, chosen, seen)
        problems.extend(row_problems)
        if learner:
            seen[learner["id"]] = number
            learners.append(learner)
    # A row whose every cell is such a formula reads as empty and is not in `data` at all.
    problems.extend(problem for row, problem in unsaved.items() if row > start)
    problems.sort(key=lambda problem: problem["row"])
    return Reading(learners, problems, described, chosen, header_row, len(data),
                   [] if columns else unsure, [above_note(header_row)] if above else [])


def above_note(header_row: int) -> str:
    """ "Rows 1 and 2 are above the headings…": counted from row 1, as blank rows are above them too."""
    last = header_row - 1
    if last == 1:
        return "Row 1 is above the headings and was not read as a learner."
    rows = "Rows 1 and 2" if last == 2 else f"Rows 1 to {last}"
    return f"{rows} are above the headings and were not read as learners."


def unsaved_by_row(cells: list[tuple[int, int]], read: set[int]) -> dict[int, dict]:
    """A problem for each row with a formula saved without its value in a column the calculator
    reads. It reads as blank there; in a column nobody asked for (a percentage, a total) it changes
    nothing, so it is not listed."""
    by_row: dict[int, list[str]] = {}
    for row, column in cells:
        if column in read:
            by_row.setdefault(row, []).append(f"{column_letter(column)}{row}")
    problems = {}
    for row, shown in by_row.items():
        listed = f"{', '.join(shown[:-1])} and {shown[-1]}"
        cells_hold = (f"Cells {listed} hold formulas saved without their values, so they were"
                      if len(shown) > 1 else f"Cell {shown[0]} holds a formula saved without its value, so it was")
        problems[row] = {"row": row, "reason": f"{cells_hold} read as blank. Open the workbook in Excel or "
                                               "LibreOffice and save it again, so the values are saved too",
                         "left_out": False}
    return problems


def learner_from_row(number: int, values: dict, chosen: dict, seen: dict) -> tuple[dict | None, list[dict]]:
    problems = []
    learner_id = values["id"].strip()
    if not learner_id:
        return None, [{"row": number, "reason": "There is no learner id in this row, so it was left out",
                       "left_out": True}]
    if learner_id in seen:
        return None, [{"row": number, "reason": f"Learner id {learner_id} is also on row {seen[learner_id]}; "
                                                "this row was left out", "left_out": True}]
    mark, absent, problem = parse_mark(values["mark"]) if chosen.get("mark") is not None else (None, False, None)
    if problem:
        return None, [{"row": number, "reason": f"{problem}. This row was left out", "left_out": True}]
    name = " ".join(part for part in (values["forename"], values["name"]) if part)
    learner = {"row": number, "id": learner_id, "name": name, "mark": mark, "absent": absent,
               "no_evidence": no_evidence(values["mark"]) if chosen.get("mark") is not None else False,
               "video": False, "assessor": values["assessor"], "selected": False}
    for flag in ("absent", "video", "selected"):
        if chosen.get(flag) is None:
            continue
        answer = parse_flag(values[flag])
        if answer is None:
            problems.append({"row": number, "reason": f"Could not tell whether “{values[flag][:20]}” in the "
                                                      f"{FIELD_LABELS[flag].lower()} column means yes or no; "
                                                      "it was read as no", "left_out": False})
            answer = False
        learner[flag] = learner[flag] or answer
    return learner, problems


# ---------------------------------------------------------------- learners for the sample

def read_learners(form: Form) -> tuple[list[dict], list[dict], list[str], str, list[tuple[str, set[str]]]] | None:
    """Learners from `learners` (a list), or a mark sheet in `marks` (pasted text) or `file`.

    Returns (learners, problems, notes, field the sheet came from, the sheet's other columns: see
    `other_columns`), or None after recording an error.
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
    return result.learners, result.problems, sheet.notes + result.notes, where, other_columns(sheet, result)


def other_columns(sheet: Sheet, reading: Reading) -> list[tuple[str, set[str]]]:
    """Every column but the learner id's, named as the page names it, with the values in its
    learners' rows: ticks typed from another column (the UCI, a row number) can then be matched to it.

    >>> sheet = spreadsheet.read_text("UCI\\tCand No\\tMark\\nU1\\t1001\\t4\\n")
    >>> other_columns(sheet, learners_from(sheet))[0]
    ('the column “UCI” (A)', {'U1'})
    """
    start = reading.header_row or 0
    named = []
    for column in reading.columns:
        index = column["index"]
        if index == reading.chosen.get("id"):
            continue
        values = {cells[index] for number, cells in sheet.rows
                  if number > start and index < len(cells) and cells[index]}
        header = column["header"][:40]
        named.append((f"the column “{header}” ({column['letter']})" if header else f"column {column['letter']}",
                      values))
    return named


def learners_from_list(form: Form) -> tuple[list[dict], list[dict], list[str], str, list] | None:
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
            problems.append({"row": number, "reason": "This entry is not a learner, so it was left out",
                             "left_out": True})
            continue
        learner_id = item.get("id")
        if isinstance(learner_id, bool) or not isinstance(learner_id, (str, int)) or not str(learner_id).strip():
            problems.append({"row": number, "reason": "There is no learner id, so this learner was left out",
                             "left_out": True})
            continue
        learner_id = str(learner_id).strip()[:MAX_CELL_CHARS]
        if learner_id in seen:
            problems.append({"row": number, "reason": f"Learner id {learner_id} is also number {seen[learner_id]} "
                                                      "in the list; this one was left out", "left_out": True})
            continue
        absent = parse_flag(item.get("absent")) is True
        mark = None
        if item.get("mark") is not None and item.get("mark") != "":
            mark, absent_word, problem = parse_mark(item.get("mark"))
            if problem:
                problems.append({"row": number, "reason": f"{problem}. This learner was left out", "left_out": True})
                continue
            absent = absent or absent_word
        seen[learner_id] = number
        learners.append({
            "row": number, "id": learner_id, "name": text_or_blank(item.get("name")), "mark": mark,
            "absent": absent, "video": parse_flag(item.get("video")) is True,
            "no_evidence": parse_flag(item.get("no_evidence")) is True or no_evidence(item.get("mark")),
            "assessor": text_or_blank(item.get("assessor")),
            "selected": parse_flag(item.get("selected")) is True,
        })
    if not learners:
        form.fail("learners", "No learner could be read" +
                  (f": {problems[0]['reason']}" if problems else ". Add at least one learner"))
        return None
    return learners, problems, [], "learners", []


def text_or_blank(value: object) -> str:
    return " ".join(value.split())[:MAX_CELL_CHARS] if isinstance(value, str) else ""


def read_sheet(form: Form):
    """(sheet, reading, field) from pasted `marks` or an uploaded `file` ({name, data: base64})."""
    inputs = form.inputs
    upload = inputs.get("file")
    try:
        if isinstance(upload, dict) and (upload.get("data") or upload.get("name")):
            where = "file"
            data = upload.get("data")
            size = upload.get("size")
            too_big = isinstance(size, (int, float)) and not isinstance(size, bool) and size > MAX_FILE_BYTES
            if too_big or (isinstance(data, str) and len(data) > MAX_FILE_BYTES * 4 // 3 + 4):
                shown = f"is {size / 1048576:.1f} MB" if too_big else "is too large"
                raise SheetError(f"The file {shown}. The largest file this page reads is "
                                             f"{MAX_FILE_BYTES // 1048576} MB: save just the sheet "
                                             "with the marks, as CSV or .xlsx")
            if not isinstance(data, str) or not data:
                raise SheetError("The file could not be read. Choose it again")
            try:
                raw = base64.b64decode(data, validate=True)
            except (binascii.Error, ValueError):
                raise SheetError("The file could not be read. Choose it again") from None
            name = upload.get("name") if isinstance(upload.get("name"), str) else ""
            chosen = inputs.get("sheet")
            sheet = spreadsheet.read_bytes(raw, name, chosen.strip() if isinstance(chosen, str) and chosen.strip()
                                           else None, fits=has_ids_and_marks)
        else:
            where = "marks"
            text = inputs.get("marks")
            if not isinstance(text, str) or not text.strip():
                form.fail("marks", "Paste the marks from your spreadsheet, or choose a file")
                return None
            sheet = spreadsheet.read_text(text)
    except SheetError as problem:
        form.fail(where, str(problem))
        return None
    return sheet, learners_from(sheet, column_choices(form, FIELDS), header_choice(form)), where


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
        "notes": sheet.notes + result.notes,
        "sheets": sheet.sheets,  # a workbook's sheet names (the `sheet` input picks one)
        "sheet": sheet.sheet,
        "header_row": result.header_row,
        "columns": result.columns,
        "chosen": result.chosen,
        "unsure": result.unsure,
        "fields": [{"field": name, "label": FIELD_LABELS[name]} for name in FIELDS],
        "rows": result.data_rows,
        "learners": len(learners),
        "absent": sum(1 for learner in learners if learner["absent"]),
        "no_evidence": sum(1 for learner in learners if learner["no_evidence"]),
        "selected": sum(1 for learner in learners if learner["selected"]),
        "preview": [public(learner) for learner in learners[:10]],
        "problems": result.problems[:MAX_PROBLEMS_LISTED],
        "problem_count": len(result.problems),
        "warnings": [],
    }


def public(learner: dict) -> dict:
    return {key: learner[key] for key in ("row", "id", "name", "mark", "absent", "no_evidence", "video", "assessor",
                                          "selected")}


CALCULATORS = {"mark-sheet": mark_sheet}
