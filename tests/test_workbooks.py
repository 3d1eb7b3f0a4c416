"""Workbooks in every format a centre has (tests/fixtures/workbooks/, made by make_workbooks.py
with LibreOffice, openpyxl, XlsxWriter and msoffcrypto-tool) read to the same learners, and a
workbook made to hurt the reader (tests/hostile_workbooks.py) is refused in bounded time and
memory, before python-calamine sees it."""
from __future__ import annotations

import base64
import io
import json
import subprocess
import sys
import textwrap
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import run
from calculators.mark_sheet import learners_from
from calculators.spreadsheet import SheetError, needs_workbook_reader, read_bytes
from calculators.workbook import cell_text
from tests import hostile_workbooks as hostile
from tests.fixtures.make_workbooks import LEARNERS, RESITS

ROOT = Path(__file__).resolve().parents[1]
FIXTURES = ROOT / "tests" / "fixtures" / "workbooks"
READABLE = ["libreoffice.xlsx", "libreoffice.xlsm", "libreoffice.xls", "libreoffice.ods", "excel-binary.xlsb",
            "openpyxl.xlsx", "openpyxl-1904.xlsx", "xlsxwriter.xlsx"]
PROTECTED = ["password.xlsx", "password.xls", "password.ods"]
PASSWORD_MESSAGE = "This workbook is password-protected: save a copy without a password, and open that"


def fixture(name: str) -> bytes:
    return (FIXTURES / name).read_bytes()


def upload(data: bytes, name: str) -> dict:
    return {"name": name, "data": base64.b64encode(data).decode("ascii")}


def expected_learners():
    return [(str(candidate), name, None if mark == "ABS" else mark, mark == "ABS")
            for candidate, name, mark, _ in LEARNERS]


@pytest.mark.parametrize("name", READABLE)
def test_every_format_reads_to_the_same_learners_with_dates_as_dates(name):
    sheet = read_bytes(fixture(name), name)
    reading = learners_from(sheet)
    assert [(one["id"], one["name"], one["mark"], one["absent"]) for one in reading.learners] == expected_learners()
    dates = [cells[3] for _, cells in sheet.rows[1:]]
    assert dates == [born.strftime("%d/%m/%Y") for *_, born in LEARNERS], "the sheet's own date system is used"
    assert [number for number, _ in sheet.rows] == list(range(1, len(LEARNERS) + 2))
    assert sheet.sheets == ["Old", "Marks", "Resits"] and sheet.sheet == "Marks"
    assert "“Old”, is hidden" in sheet.notes[0]


@pytest.mark.parametrize("name", ["libreoffice.xlsx", "libreoffice.xls", "libreoffice.ods", "excel-binary.xlsb",
                                  "xlsxwriter.xlsx"])
def test_formulas_are_read_by_their_saved_values_and_whole_numbers_have_no_point_zero(name):
    sheet = read_bytes(fixture(name), name)
    assert sheet.rows[1][1] == ["4101", "Amy Khan", "45", "01/02/2009", "75"]
    assert sheet.unsaved == []


def test_a_formula_saved_without_its_value_in_a_column_not_read_is_noted_by_the_reader_but_not_listed():
    # openpyxl.xlsx has its Percent column as formulas with no saved values; the sample reads
    # ids, names and marks, so the percentages change nothing.
    sheet = read_bytes(fixture("openpyxl.xlsx"), "openpyxl.xlsx")
    assert sheet.unsaved == [(row, 4) for row in range(2, len(LEARNERS) + 2)]
    answer = run("mark-sheet", {"file": upload(fixture("openpyxl.xlsx"), "openpyxl.xlsx")})
    assert answer["ok"] and answer["learners"] == len(LEARNERS)
    assert answer["problems"] == []


def unsaved_formulas_workbook() -> bytes:
    """openpyxl saves formulas without their values, as scripts that write workbooks often do."""
    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Candidate No", "Name", "Mark"])
    sheet.append(["4001", "Amy Khan", 45])
    sheet.append(["4002", '=PROPER("ben jones")', "=20+21"])  # name and mark both formulas
    sheet.append(["4003", "Cara Lee", "=A1"])  # the mark alone
    sheet.append(['="4004"', '="Dev Patel"', "=30"])  # every cell: the row reads as empty
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_formula_saved_without_its_value_in_a_column_read_is_reported_by_row_never_read_as_a_blank_name():
    answer = run("mark-sheet", {"file": upload(unsaved_formulas_workbook(), "formulas.xlsx")})
    assert answer["ok"], answer
    reasons = {problem["row"]: problem["reason"] for problem in answer["problems"] if "formula" in problem["reason"]}
    assert sorted(reasons) == [3, 4, 5]
    assert reasons[3].startswith("Cells B3 and C3 hold formulas saved without their values, so they were read as blank")
    assert reasons[4].startswith("Cell C4 holds a formula saved without its value, so it was read as blank")
    assert reasons[5].startswith("Cells A5, B5 and C5 hold formulas")
    # A mark read as blank leaves its learner out, and says so on the same row: no learner is
    # sampled with a blank name or mark.
    left_out = [problem["row"] for problem in answer["problems"] if problem["left_out"]]
    assert left_out == [3, 4] and answer["learners"] == 1
    assert [row["id"] for row in answer["preview"]] == ["4001"]
    rows = [problem["row"] for problem in answer["problems"]]
    assert rows == sorted(rows), "the problems are listed in the sheet's order"


@pytest.mark.parametrize("name", READABLE)
def test_another_sheet_can_be_chosen_and_the_answer_lists_the_sheets(name):
    answer = run("mark-sheet", {"file": upload(fixture(name), name), "sheet": "Resits"})
    assert answer["ok"], answer
    assert answer["sheets"] == ["Old", "Marks", "Resits"] and answer["sheet"] == "Resits"
    assert [(row["id"], row["mark"]) for row in answer["preview"]] == [
        (str(candidate), None if mark == "ABS" else mark) for candidate, _, mark in RESITS]


def test_a_sheet_that_is_not_there_is_named_with_the_sheets_that_are():
    answer = run("mark-sheet", {"file": upload(fixture("libreoffice.ods"), "marks.ods"), "sheet": "Marks 2"})
    assert answer["errors"]["file"] == ("The workbook has no sheet called “Marks 2”. Its sheets are: "
                                        "“Old”, “Marks”, “Resits”")


@pytest.mark.parametrize("name", PROTECTED)
def test_a_password_protected_workbook_says_so(name):
    answer = run("mark-sheet", {"file": upload(fixture(name), name)})
    assert answer == {"ok": False, "errors": {"file": PASSWORD_MESSAGE}}


@pytest.mark.parametrize("name", READABLE)
def test_a_damaged_workbook_says_it_is_damaged(name):
    data = fixture(name)
    answer = run("mark-sheet", {"file": upload(data[: len(data) * 2 // 3], name)})
    assert "damaged" in answer["errors"]["file"]


def test_the_moderation_sample_is_built_from_an_xls_and_an_ods_alike():
    answers = [run("moderation-sample", {"series": "2026-06", "file": upload(fixture(name), name), "seed": "7"})
               for name in ("libreoffice.xls", "libreoffice.ods", "excel-binary.xlsb")]
    assert answers[0]["ok"] and answers[0]["cohort"] == len(LEARNERS)
    assert answers[0]["sample"] == answers[1]["sample"] == answers[2]["sample"]


@pytest.mark.parametrize("value, text", [
    (45.0, "45"), (44.999999999999993, "45"), (12.5, "12.5"), (0.1 + 0.2, "0.3"), (7, "7"), (True, "TRUE"),
    (False, "FALSE"), (float("nan"), ""), ("  Amy \r\n Khan ", "Amy Khan"), (None, ""),
])
def test_cells_read_as_the_spreadsheet_shows_them(value, text):
    assert cell_text(value) == text


def test_dates_and_times_read_as_the_spreadsheet_shows_them():
    import datetime
    assert cell_text(datetime.datetime(2026, 6, 1, 9, 30)) == "01/06/2026 09:30"
    assert cell_text(datetime.datetime(2026, 6, 1)) == "01/06/2026"
    assert cell_text(datetime.time(14, 5, 9)) == "14:05:09"
    assert cell_text(datetime.timedelta(hours=26, minutes=3)) == "26:03:00"


def test_only_workbooks_need_the_workbook_reader():
    for name in READABLE + PROTECTED:
        assert needs_workbook_reader(base64.b64encode(fixture(name)[:12]).decode())
    for text in (b"id,name,mark\n1,Amy,4\n", b"%PDF-1.7", b"\xff\xfei\x00d\x00", b"PK"):
        assert not needs_workbook_reader(base64.b64encode(text).decode())
    assert not needs_workbook_reader("not base64!")


# ---------------------------------------------------------------- hostile workbooks

HOSTILE = {
    "xlsx cells in A1 and XFD100000": lambda: hostile.xlsx_with_cells("A1", "XFD100000"),
    "xlsx one long shared string in 2,000 cells": lambda: hostile.xlsx_shared_string_copies(2000),
    "xlsx claiming 4 billion shared strings": lambda: hostile.xlsx_unique_count(4_000_000_000),
    "xlsb cells in A1 and column 1,048,575": lambda: hostile.xlsb(hostile.xlsb_sheet_with([(0, 0), (1, 0xFFFFF)])),
    "xlsb record claiming 256 MB": lambda: hostile.xlsb(hostile.xlsb_sheet_with([(0, 0)], overlong=True)),
    "ods cell repeated across 16,384 columns": lambda: hostile.ods_repeated(16384, 100),
    "ods row repeated a million times": lambda: hostile.ods_repeated(10, 1_000_000),
    "ods two billion spaces": lambda: hostile.ods_spaces(2_000_000_000),
    "xls cells in A1 and IV65536": lambda: hostile.compound_file(hostile.xls_stream(
        hostile.xls_number(0, 0) + hostile.xls_number(65535, 255))),
    "xls DIMENSIONS of 4 billion rows": lambda: hostile.compound_file(hostile.xls_stream(
        hostile.xls_dimensions(0, 0xFFFFFFFF, 0, 255) + hostile.xls_number(0, 0))),
    "xls DIMENSIONS ending before they start": lambda: hostile.compound_file(hostile.xls_stream(
        hostile.xls_dimensions(5, 1, 0, 1) + hostile.xls_number(0, 0))),
    "xls one 30,000-character shared string in 600 cells": lambda: hostile.compound_file(hostile.xls_stream(
        *reversed(hostile.xls_shared_strings(["x" * 30000], uses=600)))),
    "compound file whose directory chain loops": lambda: hostile.compound_file(
        hostile.xls_stream(hostile.xls_number(0, 0)), loop="directory"),
    "compound file whose DIFAT chain loops": lambda: hostile.compound_file(
        hostile.xls_stream(hostile.xls_number(0, 0)), loop="difat"),
}
SPLIT_STRINGS = [f"{n:03d} " + "abcdefghij" * 30 for n in range(20)]
HARMLESS = {
    "xls shared strings split across CONTINUE records": lambda: hostile.compound_file(hostile.xls_stream(
        *reversed(hostile.xls_shared_strings(SPLIT_STRINGS)))),
    "xlsx": lambda: hostile.xlsx_with_cells("A1", "C20"),
    "xlsx shared strings": lambda: hostile.xlsx_shared_string_copies(10, 100),
    "xlsb": lambda: hostile.xlsb(hostile.xlsb_sheet_with([(0, 0), (1, 1)])),
    "ods": lambda: hostile.ods_repeated(3, 2),
    "xls": lambda: hostile.compound_file(hostile.xls_stream(
        hostile.xls_dimensions(0, 2, 0, 2) + hostile.xls_number(0, 0) + hostile.xls_number(1, 1))),
}

# Run in a child process whose address space is capped: if a hostile file ever reached calamine,
# the child would fail its allocation and die, and the test with it, instead of the test run.
CHILD = textwrap.dedent("""
    import base64, json, resource, sys, time, tracemalloc
    resource.setrlimit(resource.RLIMIT_AS, (1536 * 1024 * 1024,) * 2)
    from calculators import run
    out = {}
    for name, data in json.load(sys.stdin).items():
        tracemalloc.start()
        started = time.perf_counter()
        answer = run("mark-sheet", {"file": {"name": "book", "data": data}})
        seconds = time.perf_counter() - started
        peak = tracemalloc.get_traced_memory()[1]
        tracemalloc.stop()
        out[name] = {"answer": answer, "seconds": seconds, "peak": peak}
    print(json.dumps(out))
""")


def in_a_capped_process(cases: dict) -> dict:
    files = {name: base64.b64encode(make()).decode("ascii") for name, make in cases.items()}
    done = subprocess.run([sys.executable, "-c", CHILD], input=json.dumps(files), capture_output=True, text=True,
                          cwd=ROOT, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    return json.loads(done.stdout)


def test_workbooks_made_to_exhaust_memory_are_refused_quickly_before_the_reader_sees_them():
    results = in_a_capped_process(HOSTILE)
    for name, result in results.items():
        assert not result["answer"]["ok"], name
        message = result["answer"]["errors"]["file"]
        assert any(words in message for words in ("too large", "more than this page reads", "damaged")), (name, message)
        assert result["seconds"] < 5 and result["peak"] < 80 * 1024 * 1024, (name, result)


def test_the_harmless_twins_of_those_workbooks_are_read():
    """The hostile files are ones calamine reads: the same files without the hostile part are."""
    results = in_a_capped_process(HARMLESS)
    for name, result in results.items():
        assert result["answer"]["ok"], (name, result["answer"])


def test_xls_shared_strings_split_across_continue_records_are_read_whole():
    data = HARMLESS["xls shared strings split across CONTINUE records"]()
    sheet = read_bytes(data, "split.xls")
    assert [cells[0] for _, cells in sheet.rows] == [text[:200] for text in SPLIT_STRINGS]


# ---------------------------------------------------------------- any bytes never raise

def mutations(name: str):
    data = fixture(name)
    return st.one_of(
        st.builds(lambda cut: data[:cut], st.integers(0, len(data))),
        st.builds(lambda at, value: data[:at] + bytes([value]) + data[at + 1:], st.integers(0, len(data) - 1),
                  st.integers(0, 255)),
        st.builds(lambda at, noise: data[:at] + noise + data[at:], st.integers(0, len(data)), st.binary(max_size=64)),
    )


ANY_WORKBOOK = st.one_of(*[mutations(name) for name in READABLE + PROTECTED], st.binary(max_size=600),
                         st.builds(lambda tail: b"PK\x03\x04" + tail, st.binary(max_size=300)),
                         st.builds(lambda tail: b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + tail, st.binary(max_size=900)))


@settings(max_examples=400, deadline=None)
@given(data=ANY_WORKBOOK, name=st.sampled_from(["marks.xlsx", "marks.xls", "marks.ods", "marks.xlsb", "marks.csv"]))
def test_any_bytes_give_learners_or_a_message_on_the_file_field(data, name):
    answer = run("mark-sheet", {"file": upload(data, name)})
    assert answer["ok"] or list(answer["errors"]) == ["file"], answer


@settings(max_examples=60, deadline=None)
@given(data=ANY_WORKBOOK)
def test_any_bytes_read_directly_give_rows_or_a_sheet_error(data):
    try:
        read_bytes(data, "book")
    except SheetError:
        pass


def workbook_with_a_cover_sheet() -> bytes:
    import io

    import openpyxl
    book = openpyxl.Workbook()
    cover = book.active
    cover.title = "Cover"
    for row in (["BTEC Tech Award: Unit 2 marks"], ["Centre 12345"], ["Fill in the Marks sheet"]):
        cover.append(row)
    marks = book.create_sheet("Marks")
    marks.append(["Candidate number", "Name", "Mark"])
    for candidate, name, mark, _ in LEARNERS:
        marks.append([candidate, name, mark])
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_a_cover_sheet_in_front_of_the_marks_is_passed_over_and_the_answer_says_so():
    answer = run("mark-sheet", {"file": upload(workbook_with_a_cover_sheet(), "unit 2.xlsx")})
    assert answer["ok"], answer
    assert answer["sheet"] == "Marks" and answer["learners"] == len(LEARNERS)
    assert any("“Cover” does not have the columns this page needs, so “Marks” was read" in note
               for note in answer["notes"])


def test_the_cover_sheet_can_still_be_chosen_by_name():
    answer = run("mark-sheet", {"file": upload(workbook_with_a_cover_sheet(), "unit 2.xlsx"), "sheet": "Cover"})
    assert answer["sheet"] == "Cover"


def workbook_with_padded_candidate_numbers() -> bytes:
    """Candidate numbers typed into Excel as numbers and shown as 0042 by a 0000 format; the
    marks keep a plain 0 format, and one id is text already."""
    import io

    import openpyxl
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.append(["Candidate number", "Name", "Mark"])
    for number, (candidate, mark) in enumerate([(42, 30), (51, 44), ("0063", 12), (7, 50)], start=2):
        sheet.append([candidate, f"Learner {number}", mark])
        sheet.cell(number, 1).number_format = "0000"
        sheet.cell(number, 3).number_format = "0"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def test_candidate_numbers_formatted_with_leading_zeros_read_as_the_spreadsheet_shows_them():
    sheet = read_bytes(workbook_with_padded_candidate_numbers(), "marks.xlsx")
    assert [cells[0] for _, cells in sheet.rows[1:]] == ["0042", "0051", "0063", "0007"]
    assert [cells[2] for _, cells in sheet.rows[1:]] == ["30", "44", "12", "50"]


def test_ticks_typed_with_leading_zeros_match_padded_numbers_without_a_warning():
    answer = run("moderation-sample", {"series": "2026-06", "selected": "0042 0051",
                                       "file": upload(workbook_with_padded_candidate_numbers(), "marks.xlsx")})
    assert answer["ok"], answer
    assert {"0042", "0051"} <= {row["id"] for row in answer["sample"]}
    assert "leading-zeros" not in {found["code"] for found in answer["warnings"]}
