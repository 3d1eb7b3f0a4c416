"""Small workbooks made to hurt the reader, each a few kilobytes: for every way calamine would
build too much from a file (see calculators/workbook_limits.py), one file that asks for it.
Each builder also makes the harmless variant of the same file, so a test can show that the
file is one calamine reads, and that only the hostile part is refused.
"""
from __future__ import annotations

import io
import struct
import zipfile

import openpyxl

from tests.fixtures.make_workbooks import record, xlsb_styles, xlsb_workbook


def zip_of(parts: dict) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            archive.writestr(name, content)
    return out.getvalue()


def xlsx_with_cells(*references: str) -> bytes:
    """Cells with the value 1 at each reference: "XFD100000" asks for a 1.6-billion-cell grid."""
    book = openpyxl.Workbook()
    for reference in references:
        book.active[reference] = 1
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def xlsx_parts(sheet_xml: str, shared: str | None = None) -> bytes:
    parts = {
        "[Content_Types].xml": '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                               '<Default Extension="xml" ContentType="application/xml"/>'
                               '<Override PartName="/xl/workbook.xml" ContentType="application/'
                               'vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>',
        "_rels/.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                       '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
                       'relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>',
        "xl/workbook.xml": '<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
                           'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
                           '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>',
        "xl/_rels/workbook.xml.rels": '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                                      'relationships"><Relationship Id="rId1" Type="http://schemas.'
                                      'openxmlformats.org/officeDocument/2006/relationships/worksheet" '
                                      'Target="worksheets/sheet1.xml"/></Relationships>',
        "xl/worksheets/sheet1.xml": '<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">'
                                    f"<sheetData>{sheet_xml}</sheetData></worksheet>",
    }
    if shared is not None:
        parts["xl/sharedStrings.xml"] = shared
    return zip_of(parts)


def xlsx_shared_string_copies(copies: int, length: int = 50_000) -> bytes:
    """One long shared string used by `copies` cells: calamine copies it into each."""
    shared = ('<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1">'
              f'<si><t>{"x" * length}</t></si></sst>')
    cells = "".join(f'<row r="{n}"><c r="A{n}" t="s"><v>0</v></c></row>' for n in range(1, copies + 1))
    return xlsx_parts(cells, shared)


def xlsx_unique_count(count: int) -> bytes:
    """A shared-strings table that claims `count` strings: calamine reserves room for them."""
    shared = (f'<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" uniqueCount="{count}">'
              '<si><t>id</t></si></sst>')
    return xlsx_parts('<row r="1"><c r="A1" t="s"><v>0</v></c></row>', shared)


def ods(content_rows: str) -> bytes:
    content = ('<?xml version="1.0" encoding="UTF-8"?><office:document-content '
               'xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
               'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
               'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" office:version="1.2">'
               '<office:body><office:spreadsheet><table:table table:name="S">'
               f"{content_rows}</table:table></office:spreadsheet></office:body></office:document-content>")
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        archive.writestr("mimetype", "application/vnd.oasis.opendocument.spreadsheet")
        archive.writestr("content.xml", content, zipfile.ZIP_DEFLATED)
        archive.writestr("META-INF/manifest.xml", '<manifest:manifest xmlns:manifest="urn:oasis:names:tc:'
                         'opendocument:xmlns:manifest:1.0"><manifest:file-entry manifest:full-path="/" '
                         'manifest:media-type="application/vnd.oasis.opendocument.spreadsheet"/>'
                         '<manifest:file-entry manifest:full-path="content.xml" manifest:media-type="text/xml"/>'
                         "</manifest:manifest>", zipfile.ZIP_DEFLATED)
    return out.getvalue()


def ods_repeated(columns: int, rows: int) -> bytes:
    """One cell with a value, repeated across `columns` and down `rows`."""
    return ods(f'<table:table-row table:number-rows-repeated="{rows}"><table:table-cell '
               f'table:number-columns-repeated="{columns}" office:value-type="float" office:value="1">'
               "<text:p>1</text:p></table:table-cell></table:table-row>")


def ods_spaces(count: int) -> bytes:
    """A cell of `count` spaces, written as one <text:s text:c="count"/>."""
    return ods(f'<table:table-row><table:table-cell office:value-type="string"><text:p>a<text:s text:c="{count}"/>'
               "</text:p></table:table-cell></table:table-row>")


def xlsb(sheet: bytes) -> bytes:
    rels = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/'
            'worksheet" Target="worksheets/sheet1.bin"/></Relationships>')
    return zip_of({"xl/workbook.bin": xlsb_workbook([("S", 0)]), "xl/_rels/workbook.bin.rels": rels,
                   "xl/styles.bin": xlsb_styles(), "xl/worksheets/sheet1.bin": sheet})


def xlsb_sheet_with(cells: list[tuple[int, int]], overlong: bool = False) -> bytes:
    """A sheet with the number 1 at each (row, column); `overlong` adds a record that claims to
    be 256 MB long (calamine allocates that much before it finds the part ends)."""
    out = record(0x0081) + record(0x0094, struct.pack("<IIII", 0, 0, 0, 0)) + record(0x0091)
    for row, col in cells:
        out += record(0x0000, struct.pack("<I", row) + b"\x00" * 13)
        out += record(0x0005, struct.pack("<I", col) + b"\x00" * 4 + struct.pack("<d", 1.0))
    out += record(0x0092) + record(0x0082)
    if overlong:
        out = out[:-len(record(0x0092) + record(0x0082))] + bytes([0x05, 0xFF, 0xFF, 0xFF, 0x7F])
    return out


# ---------------------------------------------------------------- .xls: a compound file by hand

def biff(kind: int, data: bytes = b"") -> bytes:
    return struct.pack("<HH", kind, len(data)) + data


def xls_stream(sheet_records: bytes, globals_records: bytes = b"") -> bytes:
    bof_globals = biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0005, 0, 0, 0, 0))
    bof_sheet = biff(0x0809, struct.pack("<HHHHII", 0x0600, 0x0010, 0, 0, 0, 0))
    name = b"\x01\x00S"  # BoundSheet8's name: 1 character, compressed, "S"
    head_length = len(bof_globals) + len(globals_records) + len(biff(0x0085, b"\x00" * 6 + name)) + len(biff(0x000A))
    boundsheet = biff(0x0085, struct.pack("<IBB", head_length, 0, 0) + name)
    return (bof_globals + globals_records + boundsheet + biff(0x000A)
            + bof_sheet + sheet_records + biff(0x000A))


def xls_number(row: int, col: int, value: float = 1.0) -> bytes:
    return biff(0x0203, struct.pack("<HHHd", row, col, 0, value))


def xls_dimensions(first_row: int, last_row: int, first_col: int, last_col: int) -> bytes:
    return biff(0x0200, struct.pack("<IIHHH", first_row, last_row, first_col, last_col, 0))


def compound_file(stream: bytes, name: str = "Workbook", loop: str = "") -> bytes:
    """A version-3 compound file (512-byte sectors) holding one stream in ordinary sectors.
    `loop`: "directory" makes the directory's chain point back at itself, "difat" the DIFAT's."""
    stream = stream + b"\x00" * (-len(stream) % 512)
    if len(stream) < 4096:
        stream += b"\x00" * (4096 - len(stream))  # no mini stream needed
    stream_sectors = len(stream) // 512
    # Sector 0: the FAT; sector 1: the directory; then the stream.
    fat = [0xFFFFFFFD, 0xFFFFFFFE] + [2 + n + 1 for n in range(stream_sectors - 1)] + [0xFFFFFFFE]
    if loop == "directory":
        fat[1] = 1
    fat += [0xFFFFFFFF] * (128 - len(fat))
    header = bytearray(512)
    header[0:8] = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
    struct.pack_into("<HHHHH", header, 24, 0x3E, 3, 0xFFFE, 9, 6)
    struct.pack_into("<IIII", header, 44, 1, 1, 0, 4096)
    struct.pack_into("<III", header, 60, 0xFFFFFFFE, 0, 0 if loop == "difat" else 0xFFFFFFFE)
    struct.pack_into("<I", header, 72, 1 if loop == "difat" else 0)
    struct.pack_into("<109I", header, 76, *([0] + [0xFFFFFFFF] * 108))

    def entry(entry_name: str, kind: int, start: int, size: int) -> bytes:
        encoded = entry_name.encode("utf-16-le") + b"\x00\x00"
        out = bytearray(128)
        out[:len(encoded)] = encoded
        struct.pack_into("<HBB", out, 64, len(encoded), kind, 1)
        struct.pack_into("<III", out, 68, 0xFFFFFFFF, 0xFFFFFFFF, 1 if kind == 5 else 0xFFFFFFFF)
        struct.pack_into("<II", out, 116, start, size)
        return bytes(out)

    directory = entry("Root Entry", 5, 0xFFFFFFFE, 0) + entry(name, 2, 2, len(stream)) + b"\x00" * 256
    body = struct.pack("<128I", *fat) + directory + stream
    if loop == "difat":
        # Sector 0 doubles as a DIFAT sector whose "next" entry is itself.
        body = bytearray(body)
        struct.pack_into("<I", body, 508, 0)
        body = bytes(body)
    return bytes(header) + body


def xls_shared_strings(strings: list[str], uses: int = 1, piece: int = 1000) -> tuple[bytes, bytes]:
    """(workbook-globals records, sheet records): an SST of `strings` split into CONTINUE records
    every `piece` bytes as Excel splits it (a piece that starts inside a string's characters
    starts with their flags byte), and `uses` LABELSST cells for each string, one row each."""
    body = []  # (byte, inside the characters?)
    for text in strings:
        body += [(b, False) for b in struct.pack("<HB", len(text), 0)]
        body += [(b, True) for b in text.encode("latin-1")]
    pieces, current = [], bytearray(struct.pack("<II", len(strings) * uses, len(strings)))
    for byte, in_characters in body:
        if len(current) >= piece and in_characters:
            pieces.append(bytes(current))
            current = bytearray(b"\x00")  # the flags byte that starts a split character array
        elif len(current) >= piece and not in_characters and len(current) >= piece + 2:
            pieces.append(bytes(current))
            current = bytearray()
        current.append(byte)
    pieces.append(bytes(current))
    globals_records = biff(0x00FC, pieces[0]) + b"".join(biff(0x003C, more) for more in pieces[1:])
    cells = b"".join(biff(0x00FD, struct.pack("<HHHI", row, 0, 0, index))
                     for row, index in enumerate(index for index in range(len(strings)) for _ in range(uses)))
    return globals_records, cells
