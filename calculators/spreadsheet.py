"""Reading a spreadsheet into rows of text cells: cells pasted from a spreadsheet, a CSV file or
an .xlsx workbook. It knows nothing of learners or marks (mark_sheet.py reads learners from the rows).

Standard library only (it runs in the browser): csv for text, zipfile and xml.etree for .xlsx.
Everything is bounded so that a hostile file cannot exhaust memory or time: the file's size, each
workbook part's unpacked size (read with a cap, so a zip bomb's lying header does not matter), the
number of rows and columns, and XML with a DOCTYPE is refused (no entity expansion).

Rows come back with the row number a spreadsheet would show:

>>> read_text("Candidate no,Mark\\n1001,45\\n").rows
[(1, ['Candidate no', 'Mark']), (2, ['1001', '45'])]
"""
from __future__ import annotations

import csv
import io
import zipfile
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from xml.etree import ElementTree

MAX_FILE_BYTES = 8 * 1024 * 1024
MAX_TEXT_CHARS = 8 * 1024 * 1024
MAX_ROWS = 10_000  # learners; a component's cohort at one centre is far smaller
MAX_COLUMNS = 60
MAX_CELL_CHARS = 200
# Unpacked size of one workbook part. A 10,000-row sheet with a dozen columns is about 5 MB.
MAX_PART_BYTES = 24 * 1024 * 1024
MAX_ZIP_ENTRIES = 2000
SNIFF_ROWS = 30

SPREADSHEET_NS = {"http://schemas.openxmlformats.org/spreadsheetml/2006/main",
                  "http://purl.oclc.org/ooxml/spreadsheetml/main"}


class SheetError(ValueError):
    """The sheet as a whole cannot be read; the message says why and what to do."""


@dataclass
class Sheet:
    rows: list[tuple[int, list[str]]]  # (row number as a spreadsheet shows it, cells)
    kind: str  # "pasted cells", "CSV file", "Excel workbook"
    notes: list[str] = field(default_factory=list)



# ---------------------------------------------------------------- bytes and text into rows

def read_bytes(data: bytes, filename: str = "") -> Sheet:
    """Read a file by what it holds, not what it is called; say so when the two differ."""
    if len(data) > MAX_FILE_BYTES:
        raise SheetError(f"The file is {len(data) / 1048576:.1f} MB. The largest file this page reads is "
                         f"{MAX_FILE_BYTES // 1048576} MB: save just the sheet with the marks, as CSV or .xlsx")
    if not data.strip():
        raise SheetError("The file is empty")
    named = filename.lower().rsplit(".", 1)[-1] if "." in filename else ""
    notes = []
    if data.startswith(b"PK\x03\x04") or data.startswith(b"PK\x05\x06"):
        if named not in ("xlsx", "xlsm", ""):
            notes.append(f"The file is named .{named} but is an Excel workbook, so it was read as one.")
        sheet = read_xlsx(data)
        sheet.notes[:0] = notes
        return sheet
    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise SheetError("This is an older Excel (.xls) file, which this page cannot read. "
                         "Open it in Excel and save it as .xlsx or CSV")
    if data.startswith(b"%PDF"):
        raise SheetError("This is a PDF, not a spreadsheet. Open the mark sheet itself, or save it as CSV")
    text, encoding_note = decode(data)
    if encoding_note:
        notes.append(encoding_note)
    if named in ("xlsx", "xlsm", "xls", "ods"):
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


def clean_cell(value: str) -> str:
    return " ".join(value.split())[:MAX_CELL_CHARS]


def check_row_count(rows: int) -> None:
    # One header row is allowed on top of the learners.
    if rows > MAX_ROWS + 1:
        raise SheetError(f"The sheet has more than {MAX_ROWS:,} rows. This page reads up to {MAX_ROWS:,} learners "
                         "at once: use one component's cohort at a time")


# ---------------------------------------------------------------- .xlsx

def read_xlsx(data: bytes) -> Sheet:
    """The first visible worksheet of an .xlsx workbook, cell values as text."""
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, ValueError, EOFError, OSError):
        raise SheetError("The file looks like an Excel workbook but is damaged. "
                         "Open it in Excel and save it again") from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise SheetError("The workbook has too many parts to be a mark sheet. "
                         "Save just the marks sheet as .xlsx or CSV")
    names = {entry.filename for entry in entries}
    if "xl/workbook.xml" not in names:
        if "content.xml" in names:
            raise SheetError("This is an OpenDocument spreadsheet (.ods). Save it as .xlsx or CSV and open that")
        raise SheetError("This is a zip file but not an Excel workbook. Choose the .xlsx mark sheet or a CSV file")
    try:
        return Sheet(worksheet_rows(archive, names), "Excel workbook")
    except SheetError:
        raise
    except (zipfile.BadZipFile, zlib.error, ElementTree.ParseError, EOFError, OSError, ValueError,
            KeyError, RuntimeError, NotImplementedError):
        raise SheetError("Part of the workbook is damaged or protected, so it cannot be read. "
                         "Open it in Excel and save it again as .xlsx or CSV") from None


def worksheet_rows(archive: zipfile.ZipFile, names: set[str]) -> list[tuple[int, list[str]]]:
    workbook = parse_xml(read_part(archive, "xl/workbook.xml"))
    relations = {}
    if "xl/_rels/workbook.xml.rels" in names:
        for rel in parse_xml(read_part(archive, "xl/_rels/workbook.xml.rels")).iter():
            if local(rel.tag) == "Relationship":
                target = rel.get("Target", "")
                relations[rel.get("Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    sheet_path = None
    for sheet in workbook.iter():
        if local(sheet.tag) != "sheet" or sheet.get("state") in ("hidden", "veryHidden"):
            continue
        rel_id = next((value for key, value in sheet.attrib.items() if local(key) == "id"), None)
        sheet_path = relations.get(rel_id)
        break
    if sheet_path is None:
        sheet_path = "xl/worksheets/sheet1.xml"
    if sheet_path not in names:
        raise SheetError("The workbook has no worksheet this page can find. Save the marks sheet as CSV")
    shared = shared_strings(archive) if "xl/sharedStrings.xml" in names else []
    return sheet_cells(read_part(archive, sheet_path), shared)


def read_part(archive: zipfile.ZipFile, name: str) -> bytes:
    # The header's size can lie (zip bombs do), so the read itself is capped too.
    if archive.getinfo(name).file_size > MAX_PART_BYTES:
        raise SheetError("The workbook is too large to be a mark sheet. Save just the marks sheet as .xlsx or CSV")
    with archive.open(name) as part:
        data = part.read(MAX_PART_BYTES + 1)
    if len(data) > MAX_PART_BYTES:
        raise SheetError("The workbook is too large to be a mark sheet. Save just the marks sheet as .xlsx or CSV")
    if b"<!DOCTYPE" in data or b"<!ENTITY" in data:
        raise SheetError("The workbook contains something a spreadsheet saved by Excel would not. Save it again as CSV")
    return data


def parse_xml(data: bytes) -> ElementTree.Element:
    return ElementTree.fromstring(data)


def local(tag: str) -> str:
    return tag.rsplit("}", 1)[-1]


def shared_strings(archive: zipfile.ZipFile) -> list[str]:
    strings = []
    string_tags, phonetic_tags = tags("si"), tags("rPh")
    for _, element in ElementTree.iterparse(io.BytesIO(read_part(archive, "xl/sharedStrings.xml"))):
        if element.tag in string_tags:
            # Rich text has several runs; phonetic guides (rPh) are not part of the value.
            text = "".join(node.text or "" for node in element.iter() if node.tag in TEXT_TAGS)
            for guide in element.iter():
                if guide.tag in phonetic_tags:
                    for piece in guide.iter():
                        if piece.tag in TEXT_TAGS and piece.text:
                            text = text.replace(piece.text, "", 1)
            strings.append(text[:MAX_CELL_CHARS * 2])
            element.clear()
            check_strings(len(strings))
    return strings


def check_strings(count: int) -> None:
    # Each learner needs a few strings; far more than that is not a mark sheet.
    if count > MAX_ROWS * MAX_COLUMNS:
        raise SheetError("The workbook holds too much text to be a mark sheet. Save just the marks sheet as CSV")


def column_index(reference: str) -> int:
    """0 for "A1", 26 for "AA10"; -1 when the reference has no column letters."""
    return letters_index(reference.rstrip("0123456789").upper())


@lru_cache(maxsize=4096)
def letters_index(letters: str) -> int:
    index = 0
    for letter in letters:
        if not "A" <= letter <= "Z":
            return -1
        index = index * 26 + ord(letter) - 64
    return index - 1


def column_letter(index: int) -> str:
    letters = ""
    index += 1
    while index:
        index, remainder = divmod(index - 1, 26)
        letters = chr(65 + remainder) + letters
    return letters


def tags(name: str) -> frozenset[str]:
    # Comparing whole tags is much faster than stripping the namespace from each of 100,000 elements.
    return frozenset({f"{{{namespace}}}{name}" for namespace in SPREADSHEET_NS} | {name})


ROW_TAGS, CELL_TAGS, VALUE_TAGS, TEXT_TAGS = tags("row"), tags("c"), tags("v"), tags("t")


def sheet_cells(data: bytes, shared: list[str]) -> list[tuple[int, list[str]]]:
    rows = []
    row_number = 0
    cells: dict[int, str] = {}
    position = 0
    for _, element in ElementTree.iterparse(io.BytesIO(data)):
        tag = element.tag
        if tag in CELL_TAGS:
            reference = element.get("r")
            index = column_index(reference) if reference else position
            position = index + 1
            if 0 <= index < MAX_COLUMNS:
                value = cell_value(element, shared)
                if value:
                    cells[index] = value
            element.clear()
        elif tag in ROW_TAGS:
            row_number = int(element.get("r") or row_number + 1)
            if cells:
                rows.append((row_number, [cells.get(i, "") for i in range(max(cells) + 1)]))
                check_row_count(len(rows))
            cells, position = {}, 0
            element.clear()
    return rows


def cell_value(cell: ElementTree.Element, shared: list[str]) -> str:
    kind = cell.get("t", "n")
    value = next((child.text or "" for child in cell if child.tag in VALUE_TAGS), "")
    if kind == "s":
        index = int(value) if value.strip().isdigit() else -1
        text = shared[index] if 0 <= index < len(shared) else ""
    elif kind == "inlineStr":
        text = "".join(node.text or "" for node in cell.iter() if node.tag in TEXT_TAGS)
    elif kind == "b":
        text = "TRUE" if value.strip() == "1" else "FALSE"
    elif kind == "n" and value:
        text = number_text(value)
    else:
        text = value
    return clean_cell(text)


def number_text(value: str) -> str:
    """Excel stores 45 as "45" and a formula's 45 as "44.999999999999993": show both as 45."""
    try:
        number = float(value)
    except ValueError:
        return value
    if number == number and abs(number) < 1e15 and abs(number - round(number)) < 1e-9:
        return str(int(round(number)))
    return value
