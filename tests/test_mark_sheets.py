"""Reading mark sheets: pasted cells, CSV in its many dialects and encodings, .xlsx workbooks, and
hostile files (wrong names, damaged workbooks, zip bombs) within bounded time and memory."""
import base64
import io
import time
import tracemalloc
import zipfile

import openpyxl
import pytest

from calculators import run
from calculators.mark_sheet import learners_from, parse_mark
from calculators.spreadsheet import MAX_ROWS, SheetError, column_letter, read_bytes, read_text
from calculators.workbook_limits import a1


def learners(sheet, **options):
    return learners_from(sheet, **options).learners


def ids_and_marks(sheet, **options):
    return [(learner["id"], learner["mark"]) for learner in learners(sheet, **options)]


def xlsx_bytes(rows, title="Marks", extra_sheets=(), hide_first=False):
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = title
    for row in rows:
        sheet.append(row)
    for name, other_rows in extra_sheets:
        other = book.create_sheet(name)
        for row in other_rows:
            other.append(row)
    if hide_first:
        sheet.sheet_state = "hidden"
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


def upload(data, name):
    return {"name": name, "data": base64.b64encode(data).decode("ascii")}


# ---------------------------------------------------------------- text and CSV

CSV_DIALECTS = [
    ("tabs pasted from a spreadsheet", "Cand No\tName\tMark\r\n1001\tAmy Khan\t45\r\n1002\tBen Lee\t0\r\n"),
    ("commas", "Candidate number,Learner name,Total mark\n1001,Amy Khan,45\n1002,Ben Lee,0\n"),
    ("semicolons with commas in names", "id;name;mark\n1001;Khan, Amy;45\n1002;Lee, Ben;0\n"),
    ("quoted commas", 'id,name,mark\n1001,"Khan, Amy",45\n1002,"Lee, Ben",0\n'),
    ("a byte order mark", "\ufeffid,name,mark\n1001,Amy,45\n1002,Ben,0\n"),
    ("no header row", "1001,Amy Khan,45\n1002,Ben Lee,0\n"),
    ("blank lines and spaces", "\n  id , name , mark \n\n1001 , Amy , 45\n\n1002,Ben, 0 \n\n"),
]


@pytest.mark.parametrize("case, text", CSV_DIALECTS, ids=[case for case, _ in CSV_DIALECTS])
def test_csv_dialects_give_the_same_learners(case, text):
    assert ids_and_marks(read_text(text)) == [("1001", 45), ("1002", 0)]


def test_a_quoted_newline_stays_in_its_cell_and_row_numbers_follow_the_spreadsheet():
    sheet = read_text('id,name,mark\n1001,"Amy\nKhan",45\n1002,Ben,x\n')
    reading = learners_from(sheet)
    assert reading.learners[0]["name"] == "Amy Khan"
    assert reading.problems == [{"row": 3, "reason": "“x” is not a mark. Enter a whole number, or ABS if the "
                                                     "learner was absent. This row was left out", "left_out": True}]


@pytest.mark.parametrize("name", ['"><img src=x onerror=alert(1)>', '"Bo" Lee', 'Amy "AJ" Khan', '"unclosed'])
def test_a_cell_that_only_starts_with_a_quote_mark_is_kept_as_typed_with_the_rows_after_it(name):
    sheet = read_text(f"id\tname\tmark\n1\t{name}\t4\n2\tBen\t5\n")
    assert [(learner["name"], learner["mark"]) for learner in learners(sheet)] == [(name, 4), ("Ben", 5)]


def test_a_nul_character_in_pasted_text_is_dropped():
    assert ids_and_marks(read_text("id\tmark\n1\t4\x00\n")) == [("1", 4)]


@pytest.mark.parametrize("data, note", [
    ("id,name,mark\n1,Zoë Brontë,45\n".encode("cp1252"), "Windows-1252"),
    ("id,name,mark\n1,Zoë Brontë,45\n".encode("utf-8"), None),
    ("id,name,mark\n1,Zoë Brontë,45\n".encode("utf-16"), None),
    (b"\xef\xbb\xbfid,name,mark\n1,Zo\xc3\xab Bront\xc3\xab,45\n", None),
])
def test_file_encodings_are_read_and_windows_1252_is_noted(data, note):
    sheet = read_bytes(data, "marks.csv")
    assert learners(sheet)[0]["name"] == "Zoë Brontë"
    assert any(note in text for text in sheet.notes) if note else not any("1252" in t for t in sheet.notes)


@pytest.mark.parametrize("mark, expected", [
    ("45", (45, False, None)), ("ABS", (None, True, None)), ("abs", (None, True, None)), ("A", (None, True, None)),
    (" 7 ", (7, False, None)), ("45.0", (45, False, None)), (45.0, (45, False, None)), (0, (0, False, None)),
])
def test_marks_and_absence_words_are_read(mark, expected):
    assert parse_mark(mark) == expected


@pytest.mark.parametrize("mark, reason", [
    ("-", "not a mark"), ("12.5", "whole number"), ("1e9", "not a mark"), ("1000", "0 to 999"), ("-3", "0 to 999"),
    ("", "blank"), (None, "blank"), (12.5, "whole number"), (float("nan"), "whole number"), (True, "true or false"),
    ("=SUM(A1)", "not a mark"), ("9" * 40, "not a mark"),
])
def test_marks_that_are_not_whole_numbers_in_range_are_refused_with_a_reason(mark, reason):
    got, absent, problem = parse_mark(mark)
    assert got is None and not absent and reason in problem


def test_every_unreadable_row_is_reported_with_its_number_and_the_rest_kept():
    text = ("id\tname\tmark\n1\tAmy\t40\n\tNo id\t3\n2\tBen\t12.5\n1\tAmy again\t41\n3\tCat\t-\n4\tDan\tabs\n"
            "5\tEve\t1e9\n6\tFay\t22\n")
    reading = learners_from(read_text(text))
    assert [learner["id"] for learner in reading.learners] == ["1", "4", "6"]
    assert [(problem["row"], problem["reason"].split(" ")[0]) for problem in reading.problems] == [
        (3, "There"), (4, "“12.5”"), (5, "Learner"), (6, "“-”"), (8, "“1e9”")]
    assert "also on row 2" in reading.problems[2]["reason"]


# ---------------------------------------------------------------- choosing columns

def test_columns_are_found_by_header_words_in_any_order():
    text = "Marked by\tTotal\tSurname\tForename\tCandidate No\tVideo\tAbsent\tIn sample\n" \
           "Ms Shah\t41\tKhan\tAmy\t1001\tY\t\t✓\n"
    reading = learners_from(read_text(text))
    assert reading.chosen == {"id": 4, "name": 2, "forename": 3, "mark": 1, "absent": 6, "video": 5,
                              "assessor": 0, "selected": 7}
    assert reading.learners[0] == {"row": 2, "id": "1001", "name": "Amy Khan", "mark": 41, "absent": False,
                                   "no_evidence": False, "video": True, "assessor": "Ms Shah", "selected": True}


def test_without_headers_the_mark_column_is_told_from_the_candidate_numbers_by_its_contents():
    rows = "\n".join(f"{4001 + n},Learner {n},{n % 30}" for n in range(40))
    reading = learners_from(read_text(rows))
    assert reading.header_row is None
    assert (reading.chosen["id"], reading.chosen["name"], reading.chosen["mark"]) == (0, 1, 2)


def test_a_learner_named_student_is_not_mistaken_for_a_header():
    assert [learner["id"] for learner in learners(read_text("A17,Ann Student,abs\nA18,Bo Lee,12\n"))] == ["A17", "A18"]


def test_the_user_can_choose_the_columns_and_the_header_row():
    sheet = read_text("x\ty\tz\n1001\t45\tAmy\n1002\t0\tBen\n")
    reading = learners_from(sheet, columns={"id": 0, "mark": 1, "name": 2}, header=True)
    assert [(learner["id"], learner["name"], learner["mark"]) for learner in reading.learners] == [
        ("1001", "Amy", 45), ("1002", "Ben", 0)]


def test_an_unclear_tick_is_reported_and_read_as_no_keeping_the_learner():
    reading = learners_from(read_text("id,mark,video\n1,40,maybe\n2,30,yes\n"))
    assert [learner["video"] for learner in reading.learners] == [False, True]
    assert reading.problems[0]["row"] == 2 and "read as no" in reading.problems[0]["reason"]


# ---------------------------------------------------------------- .xlsx

def test_an_xlsx_workbook_is_read_with_shared_strings_numbers_and_row_numbers():
    data = xlsx_bytes([["Candidate No", "Name", "Mark"], [1001, "Amy Khan", 45], [], [1002, "Zoë", "ABS"],
                       ["1003", "Cy", 12.0]])
    sheet = read_bytes(data, "tracker.xlsx")
    assert sheet.kind == "Excel workbook"
    reading = learners_from(sheet)
    assert [(learner["row"], learner["id"], learner["name"], learner["mark"], learner["absent"])
            for learner in reading.learners] == [(2, "1001", "Amy Khan", 45, False), (4, "1002", "Zoë", None, True),
                                                 (5, "1003", "Cy", 12, False)]


def test_the_first_visible_worksheet_is_read():
    data = xlsx_bytes([["hidden"]], title="Old", hide_first=True,
                      extra_sheets=[("Marks", [["id", "mark"], ["L1", 3]])])
    assert ids_and_marks(read_bytes(data, "book.xlsx")) == [("L1", 3)]


def test_an_xlsx_named_csv_is_read_as_a_workbook_and_a_csv_named_xlsx_as_text():
    workbook = read_bytes(xlsx_bytes([["id", "mark"], ["L1", 3]]), "marks.csv")
    assert ids_and_marks(workbook) == [("L1", 3)] and "Excel workbook" in workbook.notes[0]
    text = read_bytes(b"id,mark\nL1,3\n", "marks.xlsx")
    assert ids_and_marks(text) == [("L1", 3)] and "read as CSV" in text.notes[0]


@pytest.mark.parametrize("data, message", [
    (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600, "damaged"),
    (b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n", "PDF"),
    (bytes(range(256)) * 8, "not a spreadsheet"),
    (b"PK\x03\x04" + b"\x00" * 100, "damaged"),
    (b"", "empty"),
    (b"   \n  ", "empty"),
])
def test_a_file_that_is_not_a_readable_sheet_is_refused_with_what_to_do(data, message):
    with pytest.raises(SheetError, match=message):
        read_bytes(data, "marks.xlsx")


def zip_of(parts):
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, content in parts.items():
            if callable(content):
                with archive.open(name, "w") as handle:
                    content(handle)
            else:
                archive.writestr(name, content)
    return out.getvalue()


WORKBOOK = ('<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" '
            'xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">'
            '<sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
RELS = ('<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="worksheet" Target="worksheets/sheet1.xml"/></Relationships>')


def test_a_zip_bomb_is_refused_in_bounded_time_and_memory():
    def huge(handle):
        chunk = b"<row>" + b" " * (1024 * 1024) + b"</row>"
        for _ in range(200):  # 200 MB unpacked, about 200 kB packed
            handle.write(chunk)
    bomb = zip_of({"xl/workbook.xml": WORKBOOK, "xl/_rels/workbook.xml.rels": RELS, "xl/worksheets/sheet1.xml": huge})
    assert len(bomb) < 2 * 1024 * 1024
    tracemalloc.start()
    started = time.perf_counter()
    with pytest.raises(SheetError, match="too large"):
        read_bytes(bomb, "bomb.xlsx")
    elapsed = time.perf_counter() - started
    _, peak = tracemalloc.get_traced_memory()
    tracemalloc.stop()
    assert elapsed < 5 and peak < 80 * 1024 * 1024


def test_a_part_whose_header_understates_its_size_is_still_cut_off():
    sheet = "<worksheet><sheetData>" + "<row><c><v>1</v></c></row>" * 2_000_000 + "</sheetData></worksheet>"
    bomb = bytearray(zip_of({"xl/workbook.xml": WORKBOOK, "xl/_rels/workbook.xml.rels": RELS,
                             "xl/worksheets/sheet1.xml": sheet}))
    # Rewrite the uncompressed size in the central directory to claim a tiny part.
    entry = bomb.rfind(b"PK\x01\x02")
    bomb[entry + 24:entry + 28] = (100).to_bytes(4, "little")
    with pytest.raises(SheetError):
        read_bytes(bytes(bomb), "lying.xlsx")


def test_xml_entities_are_never_expanded_and_the_workbook_is_refused():
    laughs = ('<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]>'
              '<worksheet><sheetData><row><c t="inlineStr"><is><t>&lol2;</t></is></c></row></sheetData></worksheet>')
    data = zip_of({"xl/workbook.xml": WORKBOOK, "xl/_rels/workbook.xml.rels": RELS, "xl/worksheets/sheet1.xml": laughs})
    with pytest.raises(SheetError, match="damaged"):
        read_bytes(data, "x.xlsx")


def test_a_truncated_xlsx_is_refused_as_damaged():
    data = xlsx_bytes([["id", "mark"], ["L1", 3]])
    with pytest.raises(SheetError, match="damaged"):
        read_bytes(data[: len(data) // 2], "cut.xlsx")


# ---------------------------------------------------------------- size limits

def test_a_100000_row_paste_is_refused_quickly_with_the_limit():
    text = "id\tmark\n" + "".join(f"{n}\t{n % 60}\n" for n in range(100_000))
    started = time.perf_counter()
    with pytest.raises(SheetError, match=f"more than {MAX_ROWS:,} rows"):
        read_text(text)
    assert time.perf_counter() - started < 3


def test_the_largest_allowed_sheet_is_read():
    text = "id\tmark\n" + "".join(f"{n}\t{n % 60}\n" for n in range(MAX_ROWS))
    assert len(learners(read_text(text))) == MAX_ROWS


def test_long_cells_are_cut_and_extra_columns_ignored():
    sheet = read_text("id,name,mark" + ",x" * 100 + "\n1," + "A" * 5000 + ",4\n")
    assert len(sheet.rows[0][1]) == 60 and len(learners(sheet)[0]["name"]) == 200


@pytest.mark.parametrize("reference, index", [("A1", 0), ("Z9", 25), ("AA10", 26), ("AZ1", 51), ("BA2", 52)])
def test_column_letters_and_indexes_agree(reference, index):
    assert a1(reference.encode()) == (int(reference.lstrip("ABCDEFGHIJKLMNOPQRSTUVWXYZ")) - 1, index)
    assert reference.startswith(column_letter(index))


# ---------------------------------------------------------------- through the door

def test_the_mark_sheet_preview_lists_columns_first_rows_and_problems():
    answer = run("mark-sheet", {"marks": "id\tname\tmark\n1\tAmy\t40\n2\tBen\tx\n"})
    assert answer["ok"] and answer["learners"] == 1 and answer["rows"] == 2
    assert [column["header"] for column in answer["columns"]] == ["id", "name", "mark"]
    assert answer["problems"][0]["row"] == 3 and answer["preview"][0]["name"] == "Amy"


def test_an_uploaded_xlsx_builds_the_sample_through_the_door():
    rows = [["Candidate No", "Name", "Mark"]] + [[2000 + n, f"Learner {n}", n % 50] for n in range(150)]
    answer = run("moderation-sample", {"series": "2026-06", "file": upload(xlsx_bytes(rows), "tracker.xlsx"),
                                       "selected": "2001 2002 2003"})
    assert answer["ok"] and answer["cohort"] == 150
    assert {"2001", "2002", "2003", "2049"} <= {row["id"] for row in answer["sample"]}


@pytest.mark.parametrize("inputs, field, message", [
    ({"file": upload(b"%PDF-1.4", "marks.pdf")}, "file", "PDF"),
    ({"file": {"name": "big.csv", "data": "A" * (12 * 1024 * 1024)}}, "file", "too large"),
    ({"file": {"name": "big.xlsx", "size": 50 * 1024 * 1024, "data": ""}}, "file", "is 50.0 MB"),
    ({"file": {"name": "gone.csv", "data": ""}}, "file", "Choose it again"),
    ({"marks": "just one column\nof words\n"}, "marks", "Could not tell which column"),
    ({"marks": "id,mark\n,\n"}, "marks", "no rows of learners"),
    ({"marks": "id\tmark\n1\tx\n2\ty\n"}, "marks", "No learner could be read"),
    ({"marks": "id\tmark\n1\t4\n", "column_mark": "x"}, "column_mark", "Choose one"),
])
def test_a_sheet_that_cannot_be_used_gets_a_message_on_the_field_it_came_from(inputs, field, message):
    answer = run("moderation-sample", {"series": "2026-06", **inputs})
    assert not answer["ok"] and message in answer["errors"][field], answer


def test_a_100000_row_paste_through_the_door_is_a_message_on_the_marks_field():
    text = "".join(f"{n}\tLearner {n}\t{n % 60}\n" for n in range(100_000))
    answer = run("moderation-sample", {"series": "2026-06", "marks": text})
    assert list(answer["errors"]) == ["marks"] and "10,000" in answer["errors"]["marks"]


# ---------------------------------------------------------------- never raises

from hypothesis import assume, given, settings  # noqa: E402
from hypothesis import strategies as st  # noqa: E402

VALID = xlsx_bytes([["id", "mark"], ["L1", 3], ["L2", 4]])


@settings(max_examples=150, deadline=None)
@given(data=st.one_of(st.binary(max_size=400), st.builds(lambda cut, noise: VALID[:cut] + noise,
                                                          st.integers(0, len(VALID)), st.binary(max_size=40))),
       name=st.sampled_from(["marks.csv", "marks.xlsx", "marks", "m.xls", ""]))
def test_any_file_gives_learners_or_a_message_on_the_file_field(data, name):
    assume(data or name)  # no bytes and no name is no file at all: the paste box is asked for
    answer = run("mark-sheet", {"file": upload(data, name)})
    assert answer["ok"] or list(answer["errors"]) == ["file"], answer


@settings(max_examples=60, deadline=None)
@given(position=st.integers(0, len(VALID) - 1), value=st.integers(0, 255))
def test_a_workbook_with_any_byte_changed_gives_learners_or_a_message(position, value):
    damaged = bytearray(VALID)
    damaged[position] = value
    answer = run("mark-sheet", {"file": upload(bytes(damaged), "marks.xlsx")})
    assert answer["ok"] or list(answer["errors"]) == ["file"], answer


@pytest.mark.parametrize("header, expected", [
    ("Candidate\tName\tMark", {"id": 0, "name": 1, "mark": 2}),
    ("Candidate number\tName\tMark", {"id": 0, "name": 1, "mark": 2}),
    ("Cand No\tLearner\tTotal", {"id": 0, "name": 1, "mark": 2}),
    ("UCI\tStudent\tCentre mark", {"id": 0, "name": 1, "mark": 2}),
    ("Learner\tSurname\tForename\tMark", {"id": 0, "name": 1, "forename": 2, "mark": 3}),
    ("Name\tCandidate\tMark", {"id": 1, "name": 0, "mark": 2}),
])
def test_the_headers_people_write_pick_the_right_columns(header, expected):
    sheet = read_text(header + "\n" + "\t".join({"id": "1001", "name": "Khan", "forename": "Amy", "mark": "41"}[
        next(key for key, index in expected.items() if index == position)] for position in range(len(expected))) + "\n")
    chosen = learners_from(sheet).chosen
    assert {key: chosen[key] for key in expected} == expected


def test_a_moderated_mark_column_is_a_mark_not_the_tick_column_and_the_centre_mark_wins():
    sheet = read_text("Cand No\tName\tCentre mark\tModerated mark\tIn sample\n1001\tAmy\t41\t38\tY\n")
    reading = learners_from(sheet)
    assert (reading.chosen["mark"], reading.chosen["selected"]) == (2, 4)
    assert reading.learners[0]["mark"] == 41
    assert any("Moderated mark" in why for why in reading.unsure)


def test_a_bare_candidate_column_alone_is_told_from_what_it_holds_and_the_guess_says_so():
    reading = learners_from(read_text("Candidate\tMark\nAmy Khan\t41\nBen Lee\t12\n"))
    assert reading.chosen["name"] == 0 and reading.chosen["id"] is None
    assert reading.unsure
    numbers = learners_from(read_text("Candidate\tMark\n1001\t41\n1002\t12\n"))
    assert numbers.chosen["id"] == 0


def test_forename_and_surname_are_joined():
    reading = learners_from(read_text("Candidate number\tSurname\tForename\tMark\n1001\tKhan\tAmy\t41\n"))
    assert reading.learners[0]["name"] == "Amy Khan"


# ---------------------------------------------------------------- title rows above the headings

TITLED = ("BTEC Tech Award in Enterprise – Component 2 marks\n{second}"
          "Cand No;Forename;Surname;Centre Mark;Total\n1001;Amy;Khan;41;41\n1002;Ben;Lee;ABS;\n1003;Cy;Odu;12;12\n")


def names_and_marks(reading):
    return [(learner["id"], learner["name"], learner["mark"], learner["absent"]) for learner in reading.learners]


READ_FROM_TITLED = [("1001", "Amy Khan", 41, False), ("1002", "Ben Lee", None, True), ("1003", "Cy Odu", 12, False)]


def test_one_title_row_above_the_headings_is_not_read_as_a_learner():
    reading = learners_from(read_text(TITLED.format(second="")))
    assert reading.header_row == 2 and names_and_marks(reading) == READ_FROM_TITLED
    assert reading.problems == [] and reading.data_rows == 3
    assert reading.notes == ["Row 1 is above the headings and was not read as a learner."]
    assert [column["header"] for column in reading.columns][:3] == ["Cand No", "Forename", "Surname"]
    assert not any("no row of headings" in why for why in reading.unsure)


@pytest.mark.parametrize("second", ["\n", "Centre 12345\n"], ids=["a blank row", "the centre number"])
def test_two_rows_above_the_headings_are_passed_over_and_the_surname_kept(second):
    reading = learners_from(read_text(TITLED.format(second=second)))
    assert reading.header_row == 3 and names_and_marks(reading) == READ_FROM_TITLED
    assert reading.problems == []
    assert reading.notes == ["Rows 1 and 2 are above the headings and were not read as learners."]


def test_saying_the_sheet_has_headings_means_the_heading_row_under_the_title():
    text = TITLED.format(second="Centre 12345\n")
    yes = learners_from(read_text(text), header=True)
    assert yes.header_row == 3 and names_and_marks(yes) == READ_FROM_TITLED and yes.problems == []
    no = learners_from(read_text(text), header=False)
    assert no.header_row is None and no.notes == [] and no.data_rows == 6, "every row is then a learner's"


def test_a_title_row_in_an_xlsx_is_passed_over_with_the_row_numbers_the_workbook_shows():
    data = xlsx_bytes([["Component 2 marks, June 2026"], [], ["Centre", 12345], [],
                       ["Candidate number", "Forename", "Surname", "Mark"], [1001, "Amy", "Khan", 41],
                       [1002, "Ben", "Lee", "ABS"]])
    sheet = read_bytes(data, "component-2.xlsx")
    reading = learners_from(sheet)
    assert reading.header_row == 5 and reading.problems == []
    assert [(learner["row"], learner["id"], learner["name"], learner["mark"]) for learner in reading.learners] == [
        (6, "1001", "Amy Khan", 41), (7, "1002", "Ben Lee", None)]
    assert reading.notes == ["Rows 1 to 4 are above the headings and were not read as learners."]
    answer = run("mark-sheet", {"file": upload(data, "component-2.xlsx")})
    assert answer["header_row"] == 5 and answer["learners"] == 2 and answer["problem_count"] == 0
    assert "Rows 1 to 4 are above the headings and were not read as learners." in answer["notes"]


def test_a_sheet_with_its_headings_in_the_first_row_is_read_as_before():
    reading = learners_from(read_text("Cand No\tName\tMark\n1001\tAmy Khan\t45\n1002\tBen Lee\t0\n"))
    assert reading.header_row == 1 and reading.notes == [] and reading.data_rows == 2
    assert names_and_marks(reading) == [("1001", "Amy Khan", 45, False), ("1002", "Ben Lee", 0, False)]


def test_a_sheet_with_no_headings_is_still_read_from_its_first_row():
    # Row 3's learner has words the headings use ("Student", "No evidence"), but learners sit above it.
    text = "1001,Amy Khan,45\n1002,Ben Lee,0\n1003,Ann Student,No evidence\n1004,Cy Odu,12\n"
    reading = learners_from(read_text(text))
    assert reading.header_row is None and reading.notes == [] and reading.problems == []
    assert [learner["id"] for learner in reading.learners] == ["1001", "1002", "1003", "1004"]
    assert reading.learners[2]["no_evidence"]
    assert any("no row of headings" in why for why in reading.unsure)


# ---------------------------------------------------------------- the candidate number over the UCI

@pytest.mark.parametrize("header", [
    "UCI\tCand No\tName\tMark", "Cand No\tUCI\tName\tMark", "ULN\tCandidate number\tName\tMark",
    "Centre No\tCandidate\tName\tMark", "UCI\tCandidate\tName\tMark",
])
def test_the_candidate_number_is_the_learner_id_when_the_sheet_also_has_a_uci(header):
    """Edexcel Online ticks learners by candidate number, so that is the id the ticks are matched to."""
    headings = header.split("\t")
    number = next(i for i, heading in enumerate(headings) if heading.startswith("Cand"))
    cells = {number: "1001", 1 - number: "12345A1234567", 2: "Amy Khan", 3: "41"}
    reading = learners_from(read_text(header + "\n" + "\t".join(cells[i] for i in range(4)) + "\n"))
    assert reading.chosen["id"] == number and reading.learners[0]["id"] == "1001"
    assert reading.chosen["name"] == 2 and reading.learners[0]["mark"] == 41


def test_a_uci_alone_is_still_the_learner_id():
    reading = learners_from(read_text("UCI\tName\tMark\n12345A1234567\tAmy Khan\t41\n"))
    assert reading.learners[0]["id"] == "12345A1234567"
