"""Reading a spreadsheet into rows of text cells: cells pasted from a spreadsheet, a CSV file, or a
workbook (.xlsx, .xlsm, .xlsb, .xls, .ods). It knows nothing of learners or marks (mark_sheet.py
reads learners from the rows).

Text and CSV are read here, with the standard library. Workbooks are read by workbook.py (with
python-calamine, after workbook_limits.py has bounded what it would build), imported only when a
workbook is opened: in the browser, those modules and the reader come with the first workbook, so
pasted cells, CSV files and the start-up download none of them. The file's size is capped before
anything is read, and rows and columns after.

Rows come back with the row number a spreadsheet would show:

>>> read_text("Candidate no,Mark\\n1001,45\\n").rows
[(1, ['Candidate no', 'Mark']), (2, ['1001', '45'])]
"""
from __future__ import annotations

import csv
import io

from .sheet import (MAX_CELL_CHARS, MAX_COLUMNS, MAX_FILE_BYTES, MAX_ROWS, MAX_TEXT_CHARS, READER_MISSING,  # noqa: F401
                    SNIFF_ROWS, Sheet, SheetError, check_row_count, clean_cell, column_letter)


# ---------------------------------------------------------------- bytes and text into rows

def read_bytes(data: bytes, filename: str = "", sheet: str | None = None, fits=None) -> Sheet:
    """Read a file by what it holds, not what it is called; say so when the two differ.
    `sheet` names the worksheet to read from a workbook (None: the first visible one with values
    that `fits`, a test of its rows, accepts; see workbook.read_workbook)."""
    if len(data) > MAX_FILE_BYTES:
        raise SheetError(f"The file is {len(data) / 1048576:.1f} MB. The largest file this page reads is "
                         f"{MAX_FILE_BYTES // 1048576} MB: save just the sheet with the marks, as CSV or .xlsx")
    if not data.strip():
        raise SheetError("The file is empty")
    named = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    notes = []
    if is_workbook(data):
        try:
            # Here, not at the top: see the module's docstring. In the browser the module arrives
            # with the workbook reader, so if that could not be fetched, neither could this.
            from . import workbook
        except ImportError:
            raise SheetError(READER_MISSING) from None
        read = workbook.read_workbook(data, sheet, fits)
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
            raise SheetError("The file says it is UTF-16 text but cannot be read as such. "
                             "Save it again as CSV") from None
    if b"\x00" in data[:4096]:
        raise SheetError("This file is not a spreadsheet or a CSV file. Open the mark sheet in Excel and "
                         "save it as .xlsx or CSV")
    try:
        return data.decode("utf-8-sig"), ""
    except UnicodeDecodeError:
        # Excel on Windows saves "CSV" (not "CSV UTF-8") in Windows-1252: names such as Zoë arrive so.
        return data.decode("cp1252", errors="replace"), ("The file is not UTF-8, so it was read as Windows-1252 "
                                                         "(Excel's older CSV format).")


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
    lines = [line for _, line in zip(range(SNIFF_ROWS), sample, strict=False)]
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
