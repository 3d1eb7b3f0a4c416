"""A sheet from a calculator's form, for the calculators that read a whole cohort or a list of
requests: pasted cells in a text field or an uploaded file ({name, data: base64}), the columns
guessed from the headings (or from what they hold) and overridden by the user's choice, and a
CSV of the answer that Excel opens safely.

spreadsheet.py turns text and files into rows of text cells; this module only decides which
column is which. Each calculator gives its fields and a function naming the field a heading
belongs to:

>>> form = Form({"requests": "Candidate,Service\\n1001,Service 2\\n"})
>>> sheet = read_sheet(form, "requests", empty="Paste the requests")
>>> guess_columns(sheet, ("candidate", "service"), lambda h: h.lower())
({'candidate': 0, 'service': 1}, 1)
"""
from __future__ import annotations

import base64
import binascii
import re
from datetime import date, timedelta
from typing import Callable

from . import spreadsheet
from .moderation_sample import csv_cell, id_cell
from .sheet import column_choices, header_choice  # noqa: F401 (the page's choices, shared with mark_sheet)
from .spreadsheet import MAX_FILE_BYTES, MAX_ROWS, Sheet, SheetError, column_letter
from .validate import Form

MAX_PROBLEMS_LISTED = 200
# Excel stores a date as a count of days; a series or a date typed into a cell and saved in a
# workbook arrives as that number. Day 1 is 1 January 1900, and Excel counts a 29 February 1900
# that never was, so from March 1900 the count runs from 30 December 1899.
EXCEL_EPOCH = date(1899, 12, 30)
EXCEL_DAYS = range(36526, 73051)  # 1 January 2000 to 31 December 2099: dates the calculators take


def too_many_rows(noun: str) -> str:
    return (f"The sheet has more than {MAX_ROWS:,} rows. This page reads up to {MAX_ROWS:,} rows at once: "
            f"split the {noun} into smaller sheets")


def read_sheet(form: Form, text_field: str, *, empty: str, noun: str = "sheet") -> Sheet | None:
    """The sheet pasted into `text_field` or uploaded as `file`; None after recording why not."""
    inputs = form.inputs
    upload = inputs.get("file")
    where = "file" if isinstance(upload, dict) and (upload.get("data") or upload.get("name")) else text_field
    try:
        if where == "file":
            raw = file_bytes(upload)
            if not raw.startswith(b"PK") and count_rows(raw.decode("latin-1")) > MAX_ROWS + 1:
                raise SheetError(too_many_rows(noun))
            return spreadsheet.read_bytes(raw, upload.get("name") if isinstance(upload.get("name"), str) else "")
        text = inputs.get(text_field)
        if not isinstance(text, str) or not text.strip():
            form.fail(text_field, empty)
            return None
        if count_rows(text) > MAX_ROWS + 1:
            raise SheetError(too_many_rows(noun))
        return spreadsheet.read_text(text)
    except SheetError as problem:
        form.fail(where, str(problem))
        return None


def count_rows(text: str) -> int:
    """Lines with something in them: the reader's own limit, checked first so the message can
    speak of rows (the reader's speaks of learners in a mark sheet)."""
    if text.count("\n") <= MAX_ROWS:
        return 0
    return sum(1 for line in text.splitlines() if line.strip(" \t,;\r\"'"))


def file_bytes(upload: dict) -> bytes:
    data, size = upload.get("data"), upload.get("size")
    too_big = isinstance(size, (int, float)) and not isinstance(size, bool) and size > MAX_FILE_BYTES
    if too_big or (isinstance(data, str) and len(data) > MAX_FILE_BYTES * 4 // 3 + 4):
        shown = f"is {size / 1048576:.1f} MB" if too_big else "is too large"
        raise SheetError(f"The file {shown}. The largest file this page reads is {MAX_FILE_BYTES // 1048576} MB: "
                         "save just the sheet you need, as CSV or .xlsx")
    if not isinstance(data, str) or not data:
        raise SheetError("The file could not be read. Choose it again")
    try:
        return base64.b64decode(data, validate=True)
    except (binascii.Error, ValueError):
        raise SheetError("The file could not be read. Choose it again") from None


# ---------------------------------------------------------------- which column is which

def guess_columns(sheet: Sheet, fields: tuple[str, ...], field_of: Callable[[str], str | None],
                  header: bool | None = None) -> tuple[dict, int | None]:
    """Each field's column from the first row's headings ({field: index or None}), and the
    row number of that heading row (None when the first row is data).

    The first row is taken for headings when two of its cells name a field (or `header` says so).
    """
    chosen: dict[str, int | None] = {name: None for name in fields}
    if not sheet.rows:
        return chosen, None
    number, first = sheet.rows[0]
    found: dict[str, int] = {}
    for index, heading in enumerate(first):
        name = field_of(heading) if heading else None
        if name in chosen and name not in found:
            found[name] = index
    is_header = len(found) >= 2 if header is None else header
    if not is_header:
        return chosen, None
    chosen.update(found)
    return chosen, number


def heading_words(heading: str) -> str:
    """A heading as plain lower-case words: "C1_UMS (retake)" is "c1 ums retake"."""
    return " ".join(re.sub(r"[_\-./:()\[\]#]+", " ", heading.lower()).split())


def describe_columns(sheet: Sheet, header_row: int | None) -> list[dict]:
    """Each column's letter, heading and first values, for the page's column choices."""
    width = max((len(cells) for _, cells in sheet.rows), default=0)
    headings = dict(enumerate(sheet.rows[0][1])) if header_row is not None else {}
    data = [cells for number, cells in sheet.rows[:4] if number != header_row][:3]
    return [{"index": i, "letter": column_letter(i), "header": headings.get(i, ""),
             "examples": [cells[i] for cells in data if i < len(cells)]} for i in range(width)]


def cell(cells: list[str], index: int | None) -> str:
    return cells[index] if index is not None and 0 <= index < len(cells) else ""


# ---------------------------------------------------------------- cells

def excel_day(text: str) -> date | None:
    """The date of an Excel day number ("45897" is 27 August 2025), or None if it is not one."""
    if not re.fullmatch(r"\d{5}(\.0+)?", text):
        return None
    number = int(text.split(".")[0])
    return EXCEL_EPOCH + timedelta(days=number) if number in EXCEL_DAYS else None


def date_text(text: str) -> str:
    """A date cell as the deadline calculator reads it: an Excel day number or a date with a
    time ("2025-08-27 00:00:00", as some exports write it) becomes an ISO date; the rest as typed."""
    text = text.strip()
    day = excel_day(text)
    if day:
        return day.isoformat()
    stamped = re.fullmatch(r"(\d{4}-\d{1,2}-\d{1,2})[ T]\d{1,2}:\d{2}(:\d{2}(\.\d+)?)?", text)
    return stamped.group(1) if stamped else text


def csv_text(lines: list[list], id_columns: tuple[int, ...] = ()) -> str:
    """CSV with CRLF line ends, every cell through moderation_sample.csv_cell (formula-safe); the
    cells of `id_columns` through id_cell, so Excel keeps a candidate number's leading zeros."""
    return "".join(",".join(id_cell(value) if column in id_columns and isinstance(value, str) else csv_cell(value)
                            for column, value in enumerate(line)) + "\r\n" for line in lines)
