"""Reading one worksheet of a workbook (.xlsx, .xlsm, .xlsb, .xls, .ods) into rows of text cells,
with python-calamine, once workbook_limits.py has bounded what calamine would build from the file.

What a person sees is what the spreadsheet shows: dates as dates (calamine reads the sheet's own
date system, 1900 or 1904), numbers as numbers (45, not 45.0), formulas by their saved values
(one saved without a value is reported by row), and the first visible worksheet with a value in
it unless another is chosen.

spreadsheet.py imports this module only for a workbook; in the browser it is not in the
calculators wheel but comes with the workbook reader (build_tools/wheel.py).

>>> cell_text(45.0), cell_text(44.999999999999993), cell_text(datetime.date(2021, 1, 1)), cell_text(True)
('45', '45', '01/01/2021', 'TRUE')
"""
from __future__ import annotations

import datetime
import io

from . import workbook_limits
from .sheet import MAX_CELL_CHARS, MAX_COLUMNS, READER_MISSING, Sheet, SheetError, check_row_count, clean_cell

KINDS = {"xlsx": "Excel workbook", "xlsb": "Excel workbook", "xls": "Excel workbook",
         "ods": "OpenDocument spreadsheet"}


def read_workbook(data: bytes, sheet: str | None = None, fits=None) -> Sheet:
    """One worksheet of a workbook, cell values as the spreadsheet shows them. With no sheet
    named, the first visible one with values that `fits` (rows -> bool; the caller knows what
    it needs) accepts, so a cover or instructions sheet in front of the marks is passed over."""
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
            chosen, grid, skipped = first_sheet_with_data(book, listed, fits)
            if skipped:
                notes.append(f"{skipped}, so “{chosen}” was read. Choose another sheet if you need to.")
        part = checked.sheet_parts.get(chosen)
        rows, unsaved = sheet_rows(grid, unsaved_cells(checked, chosen, names), checked.padded.get(part, {}))
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
    return Sheet(rows, kind, notes, names, chosen, unsaved)


def first_sheet_with_data(book, listed: list[tuple[str, bool, bool]], fits=None):
    """The first visible worksheet that has a cell with a value (and that `fits` accepts), and
    what was passed over. If no sheet fits, the first with values: the column chooser and the
    sheet choice then say what is missing."""
    passed, unfit = [], []
    candidates = [name for name, visible, worksheet in listed if visible and worksheet]
    for name in candidates:
        grid = book.get_sheet_by_name(name)
        if not grid.height:
            passed.append(name)
            continue
        if fits is not None and not fits(sheet_rows(grid, set())[0]):
            unfit.append((name, grid))
            continue
        hidden = [n for n, visible, _ in listed[:[n for n, _, _ in listed].index(name)] if not visible]
        if unfit:
            said = f"The sheet “{unfit[0][0]}” does not have the columns this page needs"
        elif passed:
            said = f"The sheet “{passed[0]}” is empty"
        elif hidden:
            said = f"The first sheet, “{hidden[0]}”, is hidden"
        else:
            said = ""
        return name, grid, said
    if unfit:
        return unfit[0][0], unfit[0][1], ""
    name = candidates[0] if candidates else listed[0][0]
    return name, book.get_sheet_by_name(name), ""


def unsaved_cells(checked, chosen: str, names: list[str]) -> set[tuple[int, int]]:
    part = checked.sheet_parts.get(chosen)
    return set(checked.unsaved.get(part, ())) if part else set()


def sheet_rows(grid, unsaved: set[tuple[int, int]], padded: dict | None = None) \
        -> tuple[list[tuple[int, list[str]]], list[tuple[int, int]]]:
    """Rows of text cells with their spreadsheet row numbers, and the cells (row number, column
    index) holding a formula saved without a value. A whole number in a cell whose format pads it
    with zeros (`padded`: (row, column) -> digits, workbook_limits) reads as shown: 42 formatted
    0000 is the candidate number 0042."""
    start = grid.start
    left = start[1] if start else 0
    padded = padded or {}
    rows = []
    for index, values in enumerate(grid.iter_rows()):
        texts = [cell_text(value) for value in values[:max(MAX_COLUMNS - left, 0)]]
        if padded:
            texts = [text.zfill(padded[(index, left + column)]) if (index, left + column) in padded
                     and text.isdigit() else text for column, text in enumerate(texts)]
        cells = [""] * min(left, MAX_COLUMNS) + texts
        while cells and not cells[-1]:
            cells.pop()
        if cells:
            rows.append((index + 1, cells))
            check_row_count(len(rows))
    return rows, sorted((row + 1, column) for row, column in unsaved)


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
