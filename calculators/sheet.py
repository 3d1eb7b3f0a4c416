"""What every way of reading a sheet shares: its bounds, the rows it gives and its one error.

spreadsheet.py (pasted cells and CSV) and workbook.py (workbooks, loaded only when one is opened)
both build a `Sheet` from these, so neither imports the other's code to get them.
"""
from __future__ import annotations

from dataclasses import dataclass, field

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_TEXT_CHARS = 8 * 1024 * 1024
MAX_ROWS = 10_000  # learners; a component's cohort at one centre is far smaller
MAX_COLUMNS = 60
MAX_CELL_CHARS = 200
SNIFF_ROWS = 30

READER_MISSING = ("The workbook reader could not be loaded, so this workbook cannot be read here. "
                  "Check the connection and choose the file again, or save the sheet as CSV")


class SheetError(ValueError):
    """The sheet as a whole cannot be read; the message says why and what to do."""


@dataclass
class Sheet:
    rows: list[tuple[int, list[str]]]  # (row number as a spreadsheet shows it, cells)
    kind: str  # "pasted cells", "CSV file", "Excel workbook", "OpenDocument spreadsheet"
    notes: list[str] = field(default_factory=list)
    sheets: list[str] = field(default_factory=list)  # a workbook's sheet names, in order
    sheet: str = ""  # the sheet that was read
    # Cells (row number, column index) holding a formula saved without its value, which reads as
    # blank; the calculator says so only for the columns it reads.
    unsaved: list[tuple[int, int]] = field(default_factory=list)


def clean_cell(value: str) -> str:
    return " ".join(value.split())[:MAX_CELL_CHARS]


def check_row_count(rows: int) -> None:
    # One header row is allowed on top of the learners.
    if rows > MAX_ROWS + 1:
        raise SheetError(f"The sheet has more than {MAX_ROWS:,} rows. This page reads up to {MAX_ROWS:,} learners "
                         "at once: use one component's cohort at a time")


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


# The user's choices of column, from the page's form (any object with .inputs and .fail).
def column_choices(form, fields: tuple[str, ...]) -> dict:
    """The user's column per field, from `columns` {field: index} or form fields column_<field>.

    A blank choice means "guess"; "none" means the sheet has no such column.
    """
    given = form.inputs.get("columns") if isinstance(form.inputs.get("columns"), dict) else {}
    chosen = {}
    for name in fields:
        value = given.get(name, form.inputs.get(f"column_{name}"))
        if value is None or value == "":
            continue
        if value == "none" or value == -1:
            chosen[name] = None
            continue
        if isinstance(value, str) and value.strip().isdigit():
            value = int(value)
        if isinstance(value, bool) or not isinstance(value, int) or not 0 <= value < MAX_COLUMNS:
            form.fail(f"column_{name}", "Choose one of the sheet's columns")
            continue
        chosen[name] = value
    return chosen


def header_choice(form) -> bool | None:
    """Whether the user says the sheet has a row of headings: True, False or None (guess). For a mark
    sheet the headings may be under a title row (mark_sheet.heading_row); other readers take the first row."""
    value = form.inputs.get("header")
    return {"yes": True, "no": False, True: True, False: False}.get(value) if isinstance(value, (str, bool)) else None
