"""What a workbook may hold before the workbook reader (python-calamine) is given it.

calamine trusts the file. It fills a dense grid from the top-left to the bottom-right cell with a
value, so a workbook of two cells, A1 and XFD1048576, asks for 17 billion cells (550 GB); it
reserves memory for counts written in headers (an .xls sheet's DIMENSIONS record, an .xlsx
`uniqueCount`, a compound file's sector counts), follows sector chains that may loop, copies a
shared string into every cell that uses it, and repeats an .ods cell as often as the file says.
A failed allocation is not an exception: it ends the process (CPython) or the browser's Python.
So before calamine sees the bytes, this module walks each format just far enough to bound what
calamine will build, the way calamine itself reads it, and refuses a file that would go past:

- zip formats (.xlsx, .xlsm, .xlsb, .ods): the number of entries, one end-of-archive record
  that agrees with the entries, and each entry unpacked with a cap (its header may lie) within
  a total; the cells each sheet fills (.xlsx rows and cells as calamine places them, .xlsb
  records, .ods rows and cells with their repeats) and the text copied into them;
- .xls (a compound file): its header counts, every sector chain walked once (no loops), then
  the BIFF records: DIMENSIONS, the cells of every sheet and the shared strings they copy.

Every count errs on the side of more than calamine would build, never less. A few things are
noticed on the way: a password (an encrypted package, an .xls FILEPASS record, an encrypted
.ods) and formulas saved without a value (the reader sees an empty cell).

>>> check(b"PK\\x03\\x04 not really a zip")  # doctest: +ELLIPSIS
Traceback (most recent call last):
...
calculators.workbook_limits.Refused: This workbook is damaged, so it cannot be read. ...
"""
from __future__ import annotations

import codecs
import io
import re
import struct
import zipfile
import zlib
from array import array
from dataclasses import dataclass, field

MAX_ZIP_ENTRIES = 2000
# Unpacked size of one part, and of all parts together. A 10,000-row sheet with a dozen columns
# is about 5 MB of XML.
MAX_PART_BYTES = 24 * 1024 * 1024
MAX_UNPACKED_BYTES = 64 * 1024 * 1024
# Cells in the grid calamine fills for a sheet (for .xls and .ods, which it reads whole at once,
# for all sheets together): about 32 bytes each, so at most 32 MB. A sheet of 10,000 learners
# and 60 columns is 600,000.
MAX_CELLS = 1_000_000
# Text calamine copies into cells (each use of a shared string is a copy), in bytes.
MAX_TEXT_BYTES = 16 * 1024 * 1024
MAX_STRINGS = 1_000_000
# The rows and columns calamine's .ods reader stops at (it caps repeats there).
ODS_MAX_ROWS, ODS_MAX_COLUMNS = 1_048_576, 16_384

PASSWORD = "This workbook is password-protected: save a copy without a password, and open that"
DAMAGED = ("This workbook is damaged, so it cannot be read. Open it in Excel or LibreOffice and "
           "save it again")
TOO_LARGE = ("The workbook is too large to be a mark sheet. Save just the sheet with the marks as "
             ".xlsx or CSV")
NOT_A_WORKBOOK = ("This file is not a spreadsheet. Choose the mark sheet (.xlsx, .xls, .ods or CSV), "
                  "or save it as CSV")
ZIP_NOT_A_WORKBOOK = ("This is a zip file but not a workbook. Choose the mark sheet itself "
                      "(.xlsx, .xls, .ods or CSV)")

ZIP_MAGIC = (b"PK\x03\x04", b"PK\x05\x06")
CFB_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"


class Refused(ValueError):
    """The workbook is not given to the reader; the message says why and what to do."""


def far_cells(box: "Box") -> str:
    return (f"The sheet's cells stretch from {box.reference(box.top, box.left)} to "
            f"{box.reference(box.bottom, box.right)}, more than this page reads. Delete whatever lies "
            "outside the marks, or save just the marks as CSV")


@dataclass
class Box:
    """The rectangle around every cell with a value, and how many there are."""
    top: int = -1
    bottom: int = -1
    left: int = -1
    right: int = -1
    count: int = 0

    def add(self, row: int, col: int) -> None:
        if self.count == 0:
            self.top = self.bottom = row
            self.left = self.right = col
        else:
            if row < self.top:
                self.top = row
            elif row > self.bottom:
                self.bottom = row
            if col < self.left:
                self.left = col
            elif col > self.right:
                self.right = col
        self.count += 1

    def cells(self) -> int:
        return (self.bottom - self.top + 1) * (self.right - self.left + 1) if self.count else 0

    @staticmethod
    def reference(row: int, col: int) -> str:
        letters, col = "", col + 1
        while col > 0 and len(letters) < 8:
            col, remainder = divmod(col - 1, 26)
            letters = chr(65 + remainder) + letters
        return f"{letters}{row + 1}"


@dataclass
class Checked:
    kind: str  # "xlsx", "xlsb", "ods" or "xls"
    # .xlsx formula cells saved without a value, (row, column) from 0, by the sheet's part name.
    unsaved: dict = field(default_factory=dict)
    sheet_parts: dict = field(default_factory=dict)  # .xlsx: sheet name -> part name
    # .xlsx number cells shown with leading zeros (a number format such as 0000): by the sheet's
    # part name, (row, column) from 0 -> the digits shown. Excel keeps 0042 as the number 42.
    padded: dict = field(default_factory=dict)


def check(data: bytes) -> Checked:
    """Walk a workbook's bytes and refuse it (Refused) if calamine might build too much from it."""
    if data.startswith(ZIP_MAGIC):
        return check_zip(data)
    if data.startswith(CFB_MAGIC):
        return check_compound_file(data)
    raise Refused(NOT_A_WORKBOOK)


# ---------------------------------------------------------------- zip: .xlsx, .xlsm, .xlsb, .ods

def check_zip(data: bytes) -> Checked:
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
        entries = archive.infolist()
    except (zipfile.BadZipFile, zlib.error, ValueError, EOFError, OSError, NotImplementedError):
        raise Refused(DAMAGED) from None
    if len(entries) > MAX_ZIP_ENTRIES:
        raise Refused(TOO_LARGE)
    check_end_records(data, len(entries))
    names = {entry.filename.lower(): entry for entry in entries}
    if any(entry.flag_bits & 0x1 for entry in entries):
        raise Refused(PASSWORD)  # the zip's own encryption
    is_xlsb = "xl/workbook.bin" in names
    if "xl/workbook.xml" in names or is_xlsb:
        kind = "xlsb" if is_xlsb and "xl/workbook.xml" not in names else "xlsx"
    elif "content.xml" in names:
        kind = "ods"
    else:
        raise Refused(ZIP_NOT_A_WORKBOOK)
    # The shared strings first: the cells that use them are counted with their length.
    # The styles next: they say which number cells show leading zeros.
    order = sorted(entries, key=lambda entry: (
        not entry.filename.lower().endswith(("sharedstrings.xml", "sharedstrings.bin")),
        entry.filename.lower() != "xl/styles.xml"))
    total = 0
    xml_strings = array("I")
    bin_strings = array("I")
    checked = Checked(kind)
    kept = {}
    padding: dict = {}
    for entry in order:
        part = read_part(archive, entry)
        total += len(part)
        if total > MAX_UNPACKED_BYTES:
            raise Refused(TOO_LARGE)
        lower = entry.filename.lower()
        if lower == "meta-inf/manifest.xml" and b"encryption-data" in part:
            raise Refused(PASSWORD)  # an .ods saved with a password
        if lower.endswith("sharedstrings.xml"):
            merge_lengths(xml_strings, shared_string_lengths(part))
        elif lower == "xl/sharedstrings.bin":
            merge_lengths(bin_strings, xlsb_string_lengths(part))
        if lower == "xl/styles.xml":
            padding = zero_padded_styles(part)
        if b"sheetData" in part:
            unsaved, padded = check_xlsx_sheet(part, xml_strings, padding)
            if unsaved:
                checked.unsaved[entry.filename] = unsaved
            if padded:
                checked.padded[entry.filename] = padded
        if lower in ("xl/workbook.bin", "xl/styles.bin") or (
                is_xlsb and lower.startswith(("xl/worksheets/", "xl/chartsheets/", "xl/dialogsheets/"))):
            check_xlsb_part(part, bin_strings)
        if lower == "content.xml":
            check_ods_content(part)
        if lower in ("xl/workbook.xml", "xl/_rels/workbook.xml.rels") and len(part) < 1024 * 1024:
            kept[lower] = part
    if kind == "xlsx":
        checked.sheet_parts = xlsx_sheet_parts(kept)
    return checked


def check_end_records(data: bytes, entries: int) -> None:
    """One end-of-archive record, claiming as many entries as there are: a second record or a
    claimed count that differs could make calamine's zip reader see other entries than these."""
    tail = data[-(65536 + 22):]
    if tail.count(b"PK\x05\x06") != 1:
        raise Refused(DAMAGED)
    at = tail.rfind(b"PK\x05\x06")
    record = tail[at:at + 22]
    if len(record) < 22:
        raise Refused(DAMAGED)
    on_disk, total = struct.unpack_from("<HH", record, 8)
    if total == 0xFFFF or on_disk == 0xFFFF:
        # Zip64: the real counts are in the zip64 end record, which Python has read too.
        return
    if total != entries or on_disk != entries:
        raise Refused(DAMAGED)


def read_part(archive: zipfile.ZipFile, entry: zipfile.ZipInfo) -> bytes:
    # The header's size can lie (zip bombs do), so the read itself is capped too, a megabyte at a
    # time so that no one read asks zlib for the whole cap at once.
    if entry.file_size > MAX_PART_BYTES:
        raise Refused(TOO_LARGE)
    pieces, size = [], 0
    try:
        with archive.open(entry) as handle:
            while size <= MAX_PART_BYTES:
                piece = handle.read(1024 * 1024)
                if not piece:
                    break
                pieces.append(piece)
                size += len(piece)
    except RuntimeError:
        raise Refused(PASSWORD) from None  # an encrypted entry
    except (zipfile.BadZipFile, zlib.error, ValueError, EOFError, OSError, NotImplementedError, KeyError):
        raise Refused(DAMAGED) from None
    if size > MAX_PART_BYTES:
        raise Refused(TOO_LARGE)
    return b"".join(pieces)


def merge_lengths(lengths: array, more: array) -> None:
    """Keep the longest length for each index (two parts of the same name: either may be used)."""
    for index, length in enumerate(more):
        if index < len(lengths):
            if length > lengths[index]:
                lengths[index] = length
        else:
            lengths.append(length)


# XML as calamine's reader (quick-xml) sees it: elements by local name, any prefix, attribute
# values quoted (and so able to hold ">").
ATTRS = rb'((?:\s+[^\s=/>]+\s*=\s*(?:"[^"]*"|\'[^\']*\'))*)\s*(/?)>'
ATTR = re.compile(rb'([^\s=/>]+)\s*=\s*(?:"([^"]*)"|\'([^\']*)\')')
SHEET_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(sheetData|row|c|v|f|is)" + ATTRS)
STRING_START = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?si[\s/>]")
SST_TAG = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sst" + ATTRS)
REFERENCE = re.compile(rb"([A-Za-z]*)([0-9]+)")


def attributes(raw: bytes) -> dict:
    """Attribute values by their name as written (calamine looks them up so: "r", "uniqueCount",
    "table:number-rows-repeated"), the first of any repeated name (calamine refuses repeats)."""
    found = {}
    for match in ATTR.finditer(raw):
        found.setdefault(match.group(1), match.group(2) or match.group(3) or b"")
    return found


def local_names(found: dict) -> set:
    return {key.rsplit(b":", 1)[-1] for key in found}


def shared_string_lengths(part: bytes) -> array:
    """An upper bound on each shared string's length: the bytes its <si> element takes."""
    head = SST_TAG.search(part)
    if head:
        count = attributes(head.group(1)).get(b"uniqueCount", b"0")
        if count.isdigit() and int(count) > MAX_STRINGS:
            raise Refused(TOO_LARGE)
    starts = [match.start() for match in STRING_START.finditer(part)]
    if len(starts) > MAX_STRINGS:
        raise Refused(TOO_LARGE)
    starts.append(len(part))
    return array("I", (starts[i + 1] - starts[i] for i in range(len(starts) - 1)))


def a1(reference: bytes) -> tuple[int, int | None] | None:
    """(row, column) from 0 as calamine reads "B12" or "12"; None where calamine would stop."""
    match = REFERENCE.fullmatch(reference)
    if not match or int(match.group(2)) < 1:
        return None
    col = 0
    for letter in match.group(1).upper():
        col = col * 26 + letter - 64
    return int(match.group(2)) - 1, (col - 1 if col else None)


def check_xlsx_sheet(part: bytes, strings: array, padding: dict | None = None):
    """Place each cell as calamine does (its r, else the next column of the row) and bound the grid.
    Also the formula cells saved without a value, and the number cells whose style (`padding`:
    style index -> digits, zero_padded_styles) shows leading zeros."""
    box, text, unsaved, padded = Box(), 0, [], {}
    padding = padding or {}
    in_data = False
    row = col = 0
    cell = None  # [position, type, valued, formula, saved]
    for match in SHEET_TAG.finditer(part):
        closing, name, raw, empty = match.group(1), match.group(2), match.group(3), match.group(4)
        if name == b"sheetData":
            if closing or empty:
                in_data = False
            else:
                in_data, row, col = True, 0, 0
            continue
        if not in_data:
            continue
        if name == b"row":
            if not closing:
                r = attributes(raw).get(b"r")
                if r is not None:
                    place = a1(r)
                    if place is None:
                        in_data = False  # calamine stops with an error here
                        continue
                    row = place[0]
            if closing or empty:
                row, col = row + 1, 0
        elif name == b"c":
            if not closing:
                found = attributes(raw)
                r = found.get(b"r")
                if r is not None:
                    place = a1(r)
                    if place is None or place[1] is None:
                        in_data = False
                        continue
                    position, col = place, place[1]
                else:
                    position = (row, col)
                cell = [position, found.get(b"t"), False, False, False]
                style = found.get(b"s")
                if padding and style is not None and style.isdigit() and found.get(b"t", b"n") == b"n":
                    digits = padding.get(int(style))
                    if digits:
                        padded[position] = digits
            if (closing or empty) and cell is not None:
                position, kind, valued, formula, saved = cell[:5]
                if valued:
                    box.add(*position)
                    if kind == b"s" and len(cell) > 5:
                        index = cell_index(part, cell[5])
                        if index is not None and index < len(strings):
                            text += strings[index]
                elif formula and not saved:
                    unsaved.append(position)
                col, cell = col + 1, None
        elif cell is not None and not closing:
            if name == b"f":
                cell[3] = True
            elif name == b"v" and not empty:
                # <v></v> is an empty text saved as the value (Excel, LibreOffice, XlsxWriter);
                # no <v>, or openpyxl's <v/>, is a formula saved without one.
                cell[4] = True
                if part[match.end():match.end() + 1] != b"<":
                    cell[2] = True
                    cell.append(match.end())
            elif name == b"is":
                cell[2] = True
    if box.cells() > MAX_CELLS or box.count > MAX_CELLS:
        raise Refused(far_cells(box) if box.count < MAX_CELLS else TOO_LARGE)
    if text > MAX_TEXT_BYTES:
        raise Refused(TOO_LARGE)
    return unsaved, padded


NUMBER_FORMAT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?numFmt" + ATTRS)
CELL_FORMATS = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?cellXfs[\s>].*?</(?:[A-Za-z_][\w.-]*:)?cellXfs>", re.S)
CELL_FORMAT = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?xf" + ATTRS)


def zero_padded_styles(styles: bytes) -> dict[int, int]:
    """Cell style index -> digits shown, for the styles whose number format is only zeros
    ("0000": 42 shows as 0042), from xl/styles.xml. Formats 0 to 163 are Excel's own, none of
    them padded; anything this cannot read pads nothing."""
    codes = {}
    for match in NUMBER_FORMAT.finditer(styles):
        found = attributes(match.group(1))
        number, code = found.get(b"numFmtId", b""), found.get(b"formatCode", b"")
        if number.isdigit() and re.fullmatch(rb"0{2,15}", code):
            codes[int(number)] = len(code)
    section = CELL_FORMATS.search(styles)
    if not codes or not section:
        return {}
    padding = {}
    for index, match in enumerate(CELL_FORMAT.finditer(section.group(0))):
        number = attributes(match.group(1)).get(b"numFmtId", b"")
        if number.isdigit() and int(number) in codes:
            padding[index] = codes[int(number)]
    return padding


def cell_index(part: bytes, value_start: int) -> int | None:
    """The shared-string index in the <v> whose text starts at `value_start`."""
    end = part.find(b"<", value_start)
    text = part[value_start:end if end >= 0 else None].strip()
    return int(text) if text.isdigit() and len(text) < 10 else None


RELATIONSHIP = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?Relationship" + ATTRS)
SHEET = re.compile(rb"<(?:[A-Za-z_][\w.-]*:)?sheet" + ATTRS)


def xlsx_sheet_parts(kept: dict) -> dict:
    """Sheet name -> part name, from xl/workbook.xml and its relationships (only used to say
    which formulas have no saved value, so a name it cannot read is simply left out)."""
    targets = {}
    for match in RELATIONSHIP.finditer(kept.get("xl/_rels/workbook.xml.rels", b"")):
        found = {key.rsplit(b":", 1)[-1]: value for key, value in attributes(match.group(1)).items()}
        target = found.get(b"Target", b"").decode("utf-8", "replace")
        targets[found.get(b"Id")] = target.lstrip("/") if target.startswith("/") else "xl/" + target
    parts = {}
    for match in SHEET.finditer(kept.get("xl/workbook.xml", b"")):
        found = {key.rsplit(b":", 1)[-1]: value for key, value in attributes(match.group(1)).items()}
        if found.get(b"id") in targets:
            name = found.get(b"name", b"").decode("utf-8", "replace")
            parts[unescape_xml(name)] = targets[found[b"id"]]
    return parts


def unescape_xml(text: str) -> str:
    for entity, character in (("&lt;", "<"), ("&gt;", ">"), ("&quot;", '"'), ("&apos;", "'"), ("&amp;", "&")):
        text = text.replace(entity, character)
    return text


# ---------------------------------------------------------------- .xlsb records

def xlsb_records(part: bytes):
    """(type, start of data, length) of each record, framed as calamine frames them. A record
    longer than what is left is refused: calamine would allocate its claimed length (up to
    256 MB) before finding the end of the part."""
    at, end = 0, len(part)
    while at < end:
        byte = part[at]
        at += 1
        kind = byte
        if byte & 0x80:
            if at >= end:
                raise Refused(DAMAGED)
            kind = (byte & 0x7F) + ((part[at] & 0x7F) << 7)
            at += 1
        length = 0
        for shift in (0, 7, 14, 21):
            if at >= end:
                raise Refused(DAMAGED)
            byte = part[at]
            at += 1
            length += (byte & 0x7F) << shift
            if not byte & 0x80:
                break
        if at + length > end:
            raise Refused(DAMAGED)
        yield kind, at, length
        at += length


def xlsb_string_lengths(part: bytes) -> array:
    # BrtSSTItem: the string is in the record, UTF-16, so at most 1.5 bytes of UTF-8 per byte.
    lengths = array("I", (length * 2 for kind, _, length in xlsb_records(part) if kind == 0x0013))
    if len(lengths) > MAX_STRINGS:
        raise Refused(TOO_LARGE)
    return lengths


def check_xlsb_part(part: bytes, strings: array) -> None:
    """Every record framed; the cells of each sheet-data block placed and bounded."""
    box, text = Box(), 0
    in_data, row = False, 0
    for kind, at, length in xlsb_records(part):
        if kind == 0x0091:  # BrtBeginSheetData: calamine's cell reader starts at row 0
            in_data, row = True, 0
        elif kind == 0x0092:
            in_data = False
        elif not in_data:
            continue
        elif kind == 0x0000:  # BrtRowHdr
            if length < 4:
                raise Refused(DAMAGED)
            row = int.from_bytes(part[at:at + 4], "little")
        elif 2 <= kind <= 11:  # the cell records calamine reads
            if length < 8:
                raise Refused(DAMAGED)
            box.add(row, int.from_bytes(part[at:at + 4], "little"))
            if kind == 0x0007 and length >= 12:  # BrtCellIsst: a shared string, copied
                index = int.from_bytes(part[at + 8:at + 12], "little")
                if index < len(strings):
                    text += strings[index]
    if box.cells() > MAX_CELLS or box.count > MAX_CELLS:
        raise Refused(far_cells(box) if box.count < MAX_CELLS else TOO_LARGE)
    if text > MAX_TEXT_BYTES:
        raise Refused(TOO_LARGE)


# ---------------------------------------------------------------- .ods content.xml

ODS_TAG = re.compile(rb"<(/?)(?:[A-Za-z_][\w.-]*:)?(table|table-row|table-cell|covered-table-cell|s)" + ATTRS)
ODS_VALUES = (b"value", b"string-value", b"date-value", b"time-value", b"boolean-value")


def check_ods_content(part: bytes) -> None:
    """calamine reads every table at once: each row's cells (a repeated cell with a value is
    copied, empty ones only before a value), then the rectangle around the values with repeated
    rows copied. Bound both, and the text copied, over all tables together.

    Formulas without a value are not reported for .ods: LibreOffice saves a formula whose value
    is empty text with no value at all, so the two cannot be told apart."""
    pushed = grid = text = 0
    state = None
    for match in ODS_TAG.finditer(part):
        closing, name, raw, empty = match.group(1), match.group(2), match.group(3), match.group(4)
        if name == b"table":
            if not closing:
                state = {"rows": 0, "first": None, "end": 0, "left": None, "right": -1, "text": 0, "row": None}
            if closing or empty:
                if state is not None:
                    grid += finish_table(state)
                    text += state["text"]
                state = None
            continue
        if state is None:
            continue
        row = state["row"]
        if name == b"table-row":
            if not closing:
                found = attributes(raw)
                repeats = repeat_count(found.get(b"table:number-rows-repeated"))
                repeats = min(repeats, max(ODS_MAX_ROWS - state["rows"], 0))
                state["row"] = row = {"repeats": repeats, "width": 0, "pending": 0, "left": None, "right": -1,
                                      "text": 0, "cell": None}
            if (closing or empty) and row is not None:
                finish_row(state, row)
                pushed += row["width"]
                if pushed > 2 * MAX_CELLS:
                    raise Refused(TOO_LARGE)
                state["row"] = None
        elif row is None:
            continue
        elif name in (b"table-cell", b"covered-table-cell"):
            if not closing:
                found = attributes(raw)
                repeats = repeat_count(found.get(b"table:number-columns-repeated"))
                # Any value or formula attribute, whatever its prefix: more than calamine reads.
                valued = bool(local_names(found) & set(ODS_VALUES + (b"value-type", b"formula")))
                size = sum(len(value) for value in found.values())
                row["cell"] = {"repeats": repeats, "valued": valued, "start": match.end(), "size": size}
            if (closing or empty) and row["cell"] is not None:
                cell = row["cell"]
                size = cell["size"] + (match.start() - cell["start"] if closing else 0)
                place_cell(row, cell["repeats"], cell["valued"], size)
                row["cell"] = None
        elif name == b"s" and not closing and row["cell"] is not None:
            count = attributes(raw).get(b"text:c", b"1")
            row["cell"]["size"] += int(count) if count.isdigit() and len(count) < 12 else 10 ** 12
    if grid > MAX_CELLS or pushed > 2 * MAX_CELLS:
        raise Refused(TOO_LARGE)
    if text > MAX_TEXT_BYTES:
        raise Refused(TOO_LARGE)


def repeat_count(value: bytes | None) -> int:
    if value is None:
        return 1
    return int(value) if value.isdigit() and len(value) < 12 else 10 ** 12


def place_cell(row: dict, repeats: int, valued: bool, size: int) -> None:
    width = row["width"]
    empties = min(row["pending"], max(ODS_MAX_COLUMNS - width, 0))
    width += empties
    row["pending"] = 0
    repeats = min(repeats, max(ODS_MAX_COLUMNS - width, 0))
    if valued:
        if repeats:
            if row["left"] is None:
                row["left"] = width
            row["right"] = max(row["right"], width + repeats - 1)
        row["text"] += size * repeats
        width += repeats
    else:
        row["pending"] = repeats
    row["width"] = width


def finish_row(state: dict, row: dict) -> None:
    start = state["rows"]
    state["rows"] += row["repeats"]
    if row["left"] is None or not row["repeats"]:
        return
    if state["first"] is None:
        state["first"] = start
    state["end"] = state["rows"]
    state["left"] = row["left"] if state["left"] is None else min(state["left"], row["left"])
    state["right"] = max(state["right"], row["right"])
    state["text"] += row["text"] * row["repeats"]
    if state["text"] > MAX_TEXT_BYTES:
        raise Refused(TOO_LARGE)


def finish_table(state: dict) -> int:
    if state["first"] is None:
        return 0
    cells = (state["end"] - state["first"]) * (state["right"] - state["left"] + 1)
    if cells > MAX_CELLS:
        box = Box(state["first"], state["end"] - 1, state["left"], state["right"], 1)
        raise Refused(far_cells(box))
    return cells


# ---------------------------------------------------------------- .xls: compound file and BIFF

END_OF_CHAIN, FREE, RESERVED = 0xFFFFFFFE, 0xFFFFFFFF, 0xFFFFFFFA


class CompoundFile:
    """The parts of a compound (OLE) file that calamine reads, each chain walked once."""

    def __init__(self, data: bytes):
        if len(data) < 512:
            raise Refused(DAMAGED)
        self.data = data
        shift = struct.unpack_from("<H", data, 30)[0]
        if shift not in (9, 12) or struct.unpack_from("<H", data, 32)[0] != 6:
            raise Refused(DAMAGED)
        self.size = 1 << shift
        self.sectors = len(data) // self.size  # calamine's maxid
        fat_len, self.dir_start = struct.unpack_from("<II", data, 44)
        self.mini_fat_start, self.mini_fat_len, difat_start = struct.unpack_from("<III", data, 60)
        # calamine reserves room for fat_len FAT entries, and for a DIFAT of the number it reads
        # at bytes 62-65 (half the mini FAT's start and half its length: 65,536 for most files).
        # Neither may ask for more than a few megabytes.
        reserved = struct.unpack_from("<I", data, 62)[0]
        if fat_len > self.sectors + 1 or reserved > 1 << 22 or self.mini_fat_len > self.sectors + 1:
            raise Refused(DAMAGED)
        difat = list(struct.unpack_from("<109I", data, 76))
        seen = set()
        sector = difat_start
        while sector < RESERVED:  # the DIFAT chain: its last entry names the next sector
            if sector in seen or sector > self.sectors:
                raise Refused(DAMAGED)
            seen.add(sector)
            piece = self.sector(sector)
            more = list(struct.unpack_from(f"<{len(piece) // 4}I", piece)) or [END_OF_CHAIN]
            sector = more.pop()
            difat.extend(more)
        fat_sectors = [sector for sector in difat if sector < 0xFFFFFFFC]
        if len(fat_sectors) > self.sectors:
            raise Refused(DAMAGED)
        self.fat = array("I")
        for sector in fat_sectors:
            piece = self.sector(sector)
            self.fat.frombytes(piece[: len(piece) - len(piece) % 4])
        directory = self.chain(self.dir_start, None, self.fat, self.size, self.sector)
        self.entries = []
        for at in range(0, len(directory) - 127, 128):
            entry = directory[at:at + 128]
            name_length = min(struct.unpack_from("<H", entry, 64)[0], 64)
            # codecs directly: the browser's start-up snapshot has no encodings module to look up.
            name = codecs.utf_16_le_decode(entry[:name_length], "replace")[0].rstrip("\x00")
            start = struct.unpack_from("<I", entry, 116)[0]
            length = struct.unpack_from("<Q" if self.size == 4096 else "<I", entry, 120)[0]
            self.entries.append((name, start, length))
        if not self.entries:
            raise Refused(DAMAGED)
        self.mini_fat = array("I")
        self.mini_stream = b""
        if self.mini_fat_len:
            root = self.entries[0]
            self.mini_stream = self.chain(root[1], root[2], self.fat, self.size, self.sector)
            table = self.chain(self.mini_fat_start, self.mini_fat_len * self.size, self.fat, self.size, self.sector)
            self.mini_fat.frombytes(table[: len(table) - len(table) % 4])

    def sector(self, number: int) -> bytes:
        start = (number + 1) * self.size  # the header takes the first sector's room
        if number > self.sectors or start >= len(self.data):
            raise Refused(DAMAGED)
        return self.data[start:start + self.size]

    def mini_sector(self, number: int) -> bytes:
        start = number * 64
        if start >= len(self.mini_stream):
            raise Refused(DAMAGED)
        return self.mini_stream[start:start + 64]

    @staticmethod
    def chain(sector: int, length: int | None, fat: array, size: int, read) -> bytes:
        """A sector chain as calamine reads it (until its end, or `length` bytes); a chain that
        comes back on itself before then is refused (calamine would loop, growing)."""
        pieces, total, seen = [], 0, set()
        while sector != END_OF_CHAIN:
            if sector in seen:
                raise Refused(DAMAGED)
            seen.add(sector)
            piece = read(sector)
            if length is not None:
                piece = piece[: length - total]
            pieces.append(piece)
            total += len(piece)
            if length is not None and total >= length:
                break
            if sector >= len(fat):
                raise Refused(DAMAGED)
            sector = fat[sector]
        return b"".join(pieces)

    def stream(self, name: str) -> bytes | None:
        for entry_name, start, length in self.entries:
            if entry_name == name:
                if length < 4096:
                    return self.chain(start, length, self.mini_fat, 64, self.mini_sector)
                if length > len(self.data):
                    raise Refused(DAMAGED)
                return self.chain(start, length, self.fat, self.size, self.sector)
        return None

    def has(self, name: str) -> bool:
        return any(entry[0] == name for entry in self.entries)


def check_compound_file(data: bytes) -> Checked:
    try:
        compound = CompoundFile(data)
        if compound.has("EncryptionInfo") or compound.has("EncryptedPackage"):
            raise Refused(PASSWORD)  # an .xlsx saved with a password is a compound file
        for name in ("Workbook", "Book", "WORKBOOK", "BOOK"):
            stream = compound.stream(name)
            if stream is not None:
                break
        else:
            raise Refused(NOT_A_WORKBOOK)
    except (struct.error, IndexError, ValueError) as problem:
        if isinstance(problem, Refused):
            raise
        raise Refused(DAMAGED) from None
    check_biff(stream)
    return Checked("xls")


def biff_records(stream: bytes, at: int):
    """(type, data) from `at` on; CONTINUE records are yielded as they come."""
    end = len(stream)
    while at + 4 <= end:
        kind, length = struct.unpack_from("<HH", stream, at)
        if at + 4 + length > end:
            return
        yield kind, stream[at + 4:at + 4 + length], at + 4
        at += 4 + length


def check_biff(stream: bytes) -> None:
    """The workbook globals (a password, the sheets, the shared strings), then every sheet: calamine
    reads them all when it opens the file, so the sum of their grids is bounded."""
    globals_ = []
    for kind, data, _ in biff_records(stream, 0):
        if kind == 0x000A:  # EOF of the workbook globals
            break
        globals_.append((kind, data))
    sheets, strings = [], array("I")
    for number, (kind, data) in enumerate(globals_):
        if kind == 0x002F and data[:2] != b"\x00\x00":  # FILEPASS
            raise Refused(PASSWORD)
        if kind == 0x0085 and len(data) >= 4:  # BoundSheet8: where the sheet's records start
            sheets.append(struct.unpack_from("<I", data)[0])
        elif kind == 0x00FC:  # SST, and the CONTINUE records after it
            pieces = [data]
            for more_kind, more in globals_[number + 1:]:
                if more_kind != 0x003C:
                    break
                pieces.append(more)
            strings = sst_lengths(pieces)
    grid = formulas = text = 0
    for start in sheets:
        cells, formula_cells, copied = check_biff_sheet(stream, start, strings)
        if cells.cells() > MAX_CELLS:
            raise Refused(far_cells(cells))
        grid += cells.cells()
        formulas += formula_cells.cells()
        text += copied
        if grid > MAX_CELLS or formulas > MAX_CELLS or text > MAX_TEXT_BYTES:
            raise Refused(TOO_LARGE)


def check_biff_sheet(stream: bytes, start: int, strings: array) -> tuple[Box, Box, int]:
    cells, formula_cells, text = Box(), Box(), 0
    depth, seen_bof = 0, False
    formula_at = (0, 0)
    for kind, data, _ in biff_records(stream, start):
        if depth:
            depth += 1 if kind == 0x0809 else -1 if kind == 0x000A else 0
            continue
        if kind == 0x0809:
            if seen_bof:
                depth = 1
            seen_bof = True
        elif kind == 0x000A:
            break
        elif kind == 0x0200:  # DIMENSIONS: calamine reserves rows x columns cells
            if len(data) == 14:
                first_row, last_row, first_col, last_col = struct.unpack_from("<IIHH", data)
            elif len(data) == 10:
                first_row, last_row, first_col, last_col = struct.unpack_from("<HHHH", data)
            else:
                continue
            if first_col > 0xFF or last_col < first_col:
                first_col = 0
            if last_row >= 1 and last_col >= 1:
                rows = (last_row - 1 - first_row + 1) % (1 << 32)
                cols = (last_col - 1 - first_col + 1) % (1 << 32)
                if rows * cols > MAX_CELLS:
                    raise Refused(TOO_LARGE)
        elif kind in (0x0203, 0x0204, 0x00D6, 0x0205, 0x027E, 0x00FD) and len(data) >= 4:
            row, col = struct.unpack_from("<HH", data)
            cells.add(row, col)
            if kind == 0x00FD and len(data) >= 10:
                index = struct.unpack_from("<I", data, 6)[0]
                if index < len(strings):
                    text += strings[index]
        elif kind == 0x00BD and len(data) >= 6:  # MULRK: a run of cells in one row
            row, first = struct.unpack_from("<HH", data)
            count = (len(data) - 6) // 6
            if count:
                cells.add(row, first)
                cells.add(row, first + count - 1)
                cells.count += count - 2
        elif kind == 0x0006 and len(data) >= 20:  # FORMULA
            formula_at = struct.unpack_from("<HH", data)
            cells.add(*formula_at)
            formula_cells.add(*formula_at)
        elif kind == 0x0207:  # STRING: a formula's text value, at the formula's cell
            cells.add(*formula_at)
    return cells, formula_cells, text


def sst_lengths(pieces: list[bytes]) -> array:
    """An upper bound on each shared string's UTF-8 length (3 bytes per character), read through
    the SST record and its CONTINUE records as Excel splits them (a split inside a string's
    characters starts the next piece with a new flags byte)."""
    lengths = array("I")
    if not pieces or len(pieces[0]) < 8:
        return lengths
    pieces = [pieces[0][8:]] + pieces[1:]
    piece, at = 0, 0

    def take(count: int) -> bytes:
        """Bytes that may run on into the next piece (no flags byte there)."""
        nonlocal piece, at
        out = b""
        while len(out) < count:
            if piece < len(pieces) and at >= len(pieces[piece]):
                piece, at = piece + 1, 0
            if piece >= len(pieces):
                raise Refused(DAMAGED)
            chunk = pieces[piece][at:at + count - len(out)]
            out += chunk
            at += len(chunk)
        return out

    while piece < len(pieces):
        if at >= len(pieces[piece]):  # the next string starts at the top of the next piece
            piece, at = piece + 1, 0
            continue
        characters, flags = struct.unpack("<HB", take(3))
        runs = struct.unpack("<H", take(2))[0] if flags & 0x08 else 0
        extra = struct.unpack("<I", take(4))[0] if flags & 0x04 else 0
        wide = flags & 0x01
        left = characters
        while left:
            if at >= len(pieces[piece]):
                # The characters go on in the next piece, which starts with their flags byte.
                piece, at = piece + 1, 0
                if piece >= len(pieces) or not pieces[piece]:
                    raise Refused(DAMAGED)
                wide, at = pieces[piece][0] & 0x01, 1
                continue
            count = min(left, (len(pieces[piece]) - at) // (2 if wide else 1))
            if not count:
                raise Refused(DAMAGED)  # half a character at the end of a piece
            at += count * (2 if wide else 1)
            left -= count
        if runs * 4 + extra > sum(len(p) for p in pieces):
            raise Refused(DAMAGED)
        take(runs * 4 + extra)
        lengths.append(characters * 3)
        if len(lengths) > MAX_STRINGS:
            raise Refused(TOO_LARGE)
    return lengths
