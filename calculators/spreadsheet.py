"""Reading a spreadsheet into rows of text cells: cells pasted from a spreadsheet, a CSV file, or a
workbook (.xlsx, .xlsm, .xlsb, .xls, .ods). It knows nothing of learners or marks (mark_sheet.py
reads learners from the rows).

Text and CSV are read with the standard library. Workbooks are read by python-calamine, imported
only when a workbook is opened: the browser downloads it then, and not before. calamine trusts
the file, so workbook_limits.py first walks it and refuses anything that would make calamine
build too much (zip bombs, far-flung cells, looping sector chains); the file's size is capped
before anything is read, and rows and columns after.

What a person sees is what the spreadsheet shows: dates as dates (calamine reads the sheet's own
date system, 1900 or 1904), numbers as numbers (45, not 45.0), formulas by their saved values,
and the first visible worksheet unless another is chosen.

Rows come back with the row number a spreadsheet would show:

>>> read_text("Candidate no,Mark\\n1001,45\\n").rows
[(1, ['Candidate no', 'Mark']), (2, ['1001', '45'])]
>>> cell_text(45.0), cell_text(44.999999999999993), cell_text(datetime.date(2021, 1, 1)), cell_text(True)
('45', '45', '01/01/2021', 'TRUE')
"""
from __future__ import annotations

import csv
import datetime
import io
from dataclasses import dataclass, field

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_TEXT_CHARS = 8 * 1024 * 1024
MAX_ROWS = 10_000  # learners; a component's cohort at one centre is far smaller
MAX_COLUMNS = 60
MAX_CELL_CHARS = 200
SNIFF_ROWS = 30

KINDS = {"xlsx": "Excel workbook", "xlsb": "Excel workbook", "xls": "Excel workbook",
         "ods": "OpenDocument spreadsheet"}
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
    # Row-numbered problems found while reading ({"row", "reason", "left_out": False}).
    problems: list[dict] = field(default_factory=list)


# ---------------------------------------------------------------- bytes and text into rows

def read_bytes(data: bytes, filename: str = "", sheet: str | None = None) -> Sheet:
    """Read a file by what it holds, not what it is called; say so when the two differ.
    `sheet` names the worksheet to read from a workbook (None: the first visible one)."""
    if len(data) > MAX_FILE_BYTES:
        raise SheetError(f"The file is {len(data) / 1048576:.1f} MB. The largest file this page reads is "
                         f"{MAX_FILE_BYTES // 1048576} MB: save just the sheet with the marks, as CSV or .xlsx")
    if not data.strip():
        raise SheetError("The file is empty")
    named = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    notes = []
    if is_workbook(data):
        read = read_workbook(data, sheet)
        if named not in WORKBOOK_NAMES[read.kind] + ("",):
            notes.append(f"The file is named .{named} but is an {read.kind}, so it was read as one.")
        read.notes[:0] = notes
        return read
    if data.startswith(b"%PDF"):
        raise SheetError("This is a PDF, not a spreadsheet. Open the mark sheet itself, or save it as CSV")
    text, encoding_note = decode(data)
    if encoding_note:
        notes.append(encoding_note)
    if named in WORKBOOK_NAMES["Excel workbook"] + WORKBOOK_NAMES["OpenDocument spreadsheet"]:
        notes.append(f"The file is named .{named} but holds plain text, so it was read as CSV.")
    sheet = read_text(text, kind="CSV file")
    sheet.notes[:0] = notes
    return sheet


def decode(data: bytes) -> tuple[str, str]:
    """Text from a CSV file's bytes: UTF-8 (with or without a BOM), UTF-16 with a BOM, else Windows-1252."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16"), ""
        except UnicodeDecodeError:
            raise SheetError("The file says it is UTF-16 text but cannot be read as such. Save it again as CSV") from None
    if b"\x00" in data[:4096]:
        raise SheetError("This file is not a spreadsheet or a CSV file. Open the mark sheet in Excel and "
                         "save it as .xlsx or CSV")
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" (not "CSV UTF-8") in Windows-1252: names such as Zoë arrive so.
        return data.decode("cp1252", errors="replace"), "The file is not UTF-8, so it was read as Windows-1252 (Excel's older CSV format)."


def read_text(text: str, kind: str = "pasted cells") -> Sheet:
    """Rows from pasted cells (tab-separated) or CSV text (comma or semicolon), quotes respected."""
    if len(text) > MAX_TEXT_CHARS:
        raise SheetError(f"That is more text than this page reads at once ({MAX_TEXT_CHARS // 1048576} MB). "
                         "Paste only the columns with ids, names and marks")
    text = text.lstrip("\ufeff").replace("\x00", "")
    if not text.strip():
        raise SheetError("The sheet is empty: paste the rows, or choose a file")
    delimiter = sniff_delimiter(text)
    notes = []
    try:
        rows = split_rows(text, delimiter, quoting=csv.QUOTE_MINIMAL)
    except csv.Error:
        # A cell that merely starts with a quote mark ('"><b>', '"Bo" Lee') is not a quoted cell:
        # read every quote mark as text rather than swallow the rows after it.
        rows = split_rows(text, delimiter, quoting=csv.QUOTE_NONE)
        notes.append("Some quote marks do not pair up, so every quote mark was read as part of its cell.")
    names = {"\t": "tabs", ";": "semicolons", ",": "commas"}
    if kind != "pasted cells":
        notes.insert(0, f"Columns are separated by {names[delimiter]}.")
    return Sheet(rows, kind, notes)


def split_rows(text: str, delimiter: str, quoting: int) -> list[tuple[int, list[str]]]:
    rows = []
    reader = csv.reader(io.StringIO(text, newline=""), delimiter=delimiter, quoting=quoting, strict=True)
    for number, cells in enumerate(reader, start=1):
        cleaned = [clean_cell(cell) for cell in cells[:MAX_COLUMNS]]
        if any(cleaned):
            rows.append((number, cleaned))
            check_row_count(len(rows))
    return rows


def sniff_delimiter(text: str) -> str:
    """Tab, semicolon or comma: the one that splits the first rows into the same number of columns (>1)."""
    sample = io.StringIO(text[:20000], newline="")
    lines = [line for _, line in zip(range(SNIFF_ROWS), sample)]
    best, best_score = "\t", (0, 0)
    for candidate in ("\t", ";", ","):
        try:
            widths = [len(cells) for cells in csv.reader(lines, delimiter=candidate) if any(c.strip() for c in cells)]
        except csv.Error:
            continue
        if not widths:
            continue
        modal = max(set(widths), key=widths.count)
        score = (widths.count(modal), modal) if modal > 1 else (0, 0)
        if score > best_score:
            best, best_score = candidate, score
    return best


def clean_cell(value: str) -> str:
    return " ".join(value.split())[:MAX_CELL_CHARS]


def check_row_count(rows: int) -> None:
    # One header row is allowed on top of the learners.
    if rows > MAX_ROWS + 1:
        raise SheetError(f"The sheet has more than {MAX_ROWS:,} rows. This page reads up to {MAX_ROWS:,} learners "
                         "at once: use one component's cohort at a time")




# ---------------------------------------------------------------- workbooks

WORKBOOK_NAMES = {"Excel workbook": ("xlsx", "xlsm", "xlsb", "xls"), "OpenDocument spreadsheet": ("ods",)}


# A zip (.xlsx, .xlsm, .xlsb, .ods) or a compound file (.xls, or a workbook with a password).
WORKBOOK_MAGIC = (b"PK\x03\x04", b"PK\x05\x06", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1")


def is_workbook(data: bytes) -> bool:
    return data.startswith(WORKBOOK_MAGIC)


def needs_workbook_reader(head: str) -> bool:
    """Whether an upload, from the start of its base64 text, is a workbook: the browser fetches
    the workbook reader first. Pasted text and CSV never need it.

    >>> needs_workbook_reader("UEsDBBQABgAIAAAAIQ"), needs_workbook_reader("aWQsbWFyawox")
    (True, False)
    """
    import base64
    import binascii
    try:
        start = base64.b64decode(head[:12], validate=True)
    except (binascii.Error, ValueError):
        return False
    return is_workbook(start)


def read_workbook(data: bytes, sheet: str | None = None) -> Sheet:
    """One worksheet of a workbook, cell values as the spreadsheet shows them."""
    # Imported here, not at the top: the browser's start-up snapshot holds only what pasted
    # cells and CSV need, so readers who never open a workbook download none of this.
    from . import workbook_limits
    try:
        checked = workbook_limits.check(data)
    except workbook_limits.Refused as refused:
        raise SheetError(str(refused)) from None
    try:
        import python_calamine
    except ImportError:
        raise SheetError(READER_MISSING) from None
    kind = KINDS[checked.kind]
    try:
        book = python_calamine.CalamineWorkbook.from_filelike(io.BytesIO(data))
        listed = [(meta.name, meta.visible == python_calamine.SheetVisibleEnum.Visible,
                   meta.typ == python_calamine.SheetTypeEnum.WorkSheet) for meta in book.sheets_metadata]
        names = [name for name, _, _ in listed]
        notes = []
        if sheet:
            if sheet not in names:
                raise SheetError(f"The workbook has no sheet called “{sheet[:40]}”. Its sheets are: "
                                 + ", ".join(f"“{name}”" for name in names))
            chosen = sheet
            grid = book.get_sheet_by_name(chosen)
        else:
            chosen, grid, skipped = first_sheet_with_data(book, listed)
            if skipped:
                notes.append(f"{skipped}, so “{chosen}” was read. Choose another sheet if you need to.")
        rows, formulas = sheet_rows(grid, unsaved_cells(checked, chosen, names))
    except SheetError:
        raise
    except python_calamine.PasswordError:
        raise SheetError(workbook_limits.PASSWORD) from None
    except BaseException as problem:  # calamine's Rust panics arrive as PanicException, a BaseException
        if isinstance(problem, (KeyboardInterrupt, SystemExit)):
            raise
        raise SheetError(workbook_limits.DAMAGED) from None
    if not rows:
        if not sheet:
            raise SheetError("The workbook is empty: no sheet in it has a value in any cell")
        notes.append(f"The sheet “{chosen}” is empty. Choose another sheet.")
    return Sheet(rows, kind, notes, names, chosen, formulas)


def first_sheet_with_data(book, listed: list[tuple[str, bool, bool]]):
    """The first visible worksheet that has a cell with a value, and what was passed over."""
    passed = []
    candidates = [name for name, visible, worksheet in listed if visible and worksheet]
    for name in candidates:
        grid = book.get_sheet_by_name(name)
        if grid.height:
            hidden = [n for n, visible, _ in listed[:[n for n, _, _ in listed].index(name)] if not visible]
            if passed:
                said = f"The sheet “{passed[0]}” is empty"
            elif hidden:
                said = f"The first sheet, “{hidden[0]}”, is hidden"
            else:
                said = ""
            return name, grid, said
        passed.append(name)
    name = candidates[0] if candidates else listed[0][0]
    return name, book.get_sheet_by_name(name), ""


def unsaved_cells(checked, chosen: str, names: list[str]) -> set[tuple[int, int]]:
    part = checked.sheet_parts.get(chosen)
    return set(checked.unsaved.get(part, ())) if part else set()


def sheet_rows(grid, unsaved: set[tuple[int, int]]) -> tuple[list[tuple[int, list[str]]], list[dict]]:
    """Rows of text cells with their spreadsheet row numbers, and the formulas saved without a value."""
    start = grid.start
    left = start[1] if start else 0
    rows = []
    for index, values in enumerate(grid.iter_rows()):
        cells = [""] * min(left, MAX_COLUMNS) + [cell_text(value) for value in values[:max(MAX_COLUMNS - left, 0)]]
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            rows.append((index + 1, cells))
            check_row_count(len(rows))
    problems = []
    by_row: dict[int, list[str]] = {}
    for row, col in sorted(unsaved):
        by_row.setdefault(row + 1, []).append(f"{column_letter(col)}{row + 1}")
    for number, cells in sorted(by_row.items())[:200]:
        shown = ", ".join(cells[:3]) + (" and others" if len(cells) > 3 else "")
        problems.append({"row": number, "reason": f"Cell {shown} holds a formula saved without its value, so it "
                                                  "was read as blank. Open the workbook in Excel or LibreOffice "
                                                  "and save it again, so the values are saved too",
                         "left_out": False})
    return rows, problems


def cell_text(value: object) -> str:
    """A cell as the spreadsheet shows it: whole numbers without .0, dates as dd/mm/yyyy."""
    if isinstance(value, bool):
        return "TRUE" if value else "FALSE"
    if isinstance(value, int):
        return str(value)
    if isinstance(value, float):
        return number_text(value)
    if isinstance(value, datetime.datetime):
        if value.time() == datetime.time(0):
            return value.strftime("%d/%m/%Y")
        return value.strftime("%d/%m/%Y %H:%M" + (":%S" if value.second else ""))
    if isinstance(value, datetime.date):
        return value.strftime("%d/%m/%Y")
    if isinstance(value, datetime.time):
        return value.strftime("%H:%M" + (":%S" if value.second else ""))
    if isinstance(value, datetime.timedelta):
        seconds = int(value.total_seconds())
        sign, seconds = ("-", -seconds) if seconds < 0 else ("", seconds)
        return f"{sign}{seconds // 3600}:{seconds // 60 % 60:02d}:{seconds % 60:02d}"
    if isinstance(value, str):
        return clean_cell(value[:MAX_CELL_CHARS * 4])
    return ""


def number_text(number: float) -> str:
    """Excel stores 45 as 45.0 and a formula's 45 as 44.999999999999993: show both as 45."""
    if number != number or number in (float("inf"), float("-inf")):
        return ""
    if abs(number) < 1e15 and abs(number - round(number)) < 1e-9:
        return str(int(round(number)))
    return f"{number:.15g}"


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters
