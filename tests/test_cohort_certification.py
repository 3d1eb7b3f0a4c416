"""The "cohort-certification" calculator: every learner of a tracker checked with the single-learner
certification check, trackers in both shapes, unreadable rows listed, the summary, the CSV and the
command line (tests/fixtures/tracker-*.csv)."""

import base64
import csv
import doctest
import io
import json
import subprocess
import sys
from datetime import date
from pathlib import Path

import openpyxl
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import cohort_certification, run
from calculators.spreadsheet import MAX_ROWS

FIXTURES = Path(__file__).parent / "fixtures"
ATTEMPTS_CSV = FIXTURES / "tracker-attempts.csv"
LEARNERS_CSV = FIXTURES / "tracker-learners.csv"


def check(tracker, **inputs):
    answer = run("cohort-certification", {"tracker": tracker, **inputs})
    assert answer["ok"], answer
    return answer


def upload(data, name):
    return {"name": name, "data": base64.b64encode(data).decode("ascii")}


def from_file(path, **inputs):
    answer = run("cohort-certification", {"file": upload(path.read_bytes(), path.name), **inputs})
    assert answer["ok"], answer
    return answer


def by_learner(answer):
    return {learner["learner"]: learner for learner in answer["learners"]}


def single_inputs(learner):
    """The single-learner calculator's inputs for the assessments the cohort read for this learner."""
    attempts = sorted(learner["detail"]["attempts"], key=lambda attempt: attempt["row"])
    return {
        "subject": learner["detail"]["subject"],
        "attempts": [{"component": a["component"], "series": a["series"], "ums": a["ums"]} for a in attempts],
    }


# ---------------------------------------------------------------- the same check as one learner


@pytest.mark.parametrize("path", [ATTEMPTS_CSV, LEARNERS_CSV], ids=["one row per assessment", "one row per learner"])
@pytest.mark.parametrize("subject", ["standard", "creative", "art-and-design"])
def test_each_learners_detail_is_exactly_the_single_learner_answer(path, subject):
    answer = from_file(path, subject=subject)
    assert answer["learners"]
    for learner in answer["learners"]:
        assert learner["detail"] == run("certification", single_inputs(learner)), learner["learner"]
        assert learner["valid"] is learner["detail"]["valid"]
        assert learner["codes"] == list(dict.fromkeys(p["code"] for p in learner["detail"]["problems"]))
        assert learner["certification_series"] == learner["detail"]["certification_series"]


def test_the_fixture_learners_get_the_problem_codes_the_rules_give():
    codes = {key: learner["codes"] for key, learner in by_learner(from_file(ATTEMPTS_CSV)).items()}
    assert codes == {
        "4001": [],
        "4002": ["terminal-rule"],
        "4003": ["retake-limit"],
        "4004": ["component-missing"],
        "4005": ["component-missing"],
    }


def test_the_two_shapes_of_tracker_give_the_same_answer_for_the_same_assessments():
    one_per_assessment = "Candidate,Component,Series,UMS\n" + "".join(
        f"{learner},{component},{series},{ums}\n"
        for learner, component, series, ums in [
            ("A1", 1, "2025-06", 40),
            ("A1", 2, "2025-06", 33),
            ("A1", 3, "2026-01", 50),
            ("A1", 1, "2026-06", 45),
            ("B2", 1, "2025-06", 20),
            ("B2", 2, "2026-01", ""),
            ("B2", 3, "2026-06", ""),
        ]
    )
    one_per_learner = (
        "Candidate,C1 series,C1 UMS,C1 retake series,C1 retake UMS,C2 series,C2 UMS,C3 series,C3 UMS\n"
        "A1,2025-06,40,2026-06,45,2025-06,33,2026-01,50\nB2,2025-06,20,,,2026-01,,2026-06,\n"
    )
    first, second = check(one_per_assessment), check(one_per_learner)
    assert (first["shape"], second["shape"]) == ("attempts", "learners")
    assert first["summary"] == second["summary"]
    for key, learner in by_learner(first).items():
        other = by_learner(second)[key]
        assert (learner["codes"], learner["certification_series"]) == (other["codes"], other["certification_series"])
        assert learner["detail"]["counts"] == other["detail"]["counts"]


def test_the_subject_type_chosen_applies_to_every_learner():
    tracker = "Learner,Component,Series\nA,1,2026-01\nA,2,2026-06\nA,3,2026-06\n"
    assert by_learner(check(tracker))["A"]["codes"] == []
    assert by_learner(check(tracker, subject="art-and-design"))["A"]["codes"] == ["series-not-available"]


def test_without_a_subject_type_the_tracker_is_checked_as_a_subject_with_a_written_exam_and_says_so():
    answer = check("Learner,Component,Series\nA,1,2025-06\n")
    assert answer["subject"] == "standard"
    assert "written external exam" in answer["summary_lines"][0]


# ---------------------------------------------------------------- the summary


def test_the_summary_counts_learners_fine_and_with_each_problem_code_as_the_single_check_does():
    answer = from_file(ATTEMPTS_CSV)
    summary = answer["summary"]
    assert (summary["learners"], summary["fine"], summary["with_problems"]) == (5, 1, 4)
    codes = {entry["code"]: entry for entry in summary["codes"]}
    assert {code: entry["learners"] for code, entry in codes.items()} == {
        "retake-limit": 1,
        "terminal-rule": 1,
        "component-missing": 2,
    }
    problems = [p for learner in answer["learners"] for p in learner["detail"]["problems"]]
    for code, entry in codes.items():
        assert entry["problems"] == sum(1 for problem in problems if problem["code"] == code)
        assert entry["label"] == cohort_certification.CODE_LABELS[code]


def test_the_summary_lists_how_many_learners_certificate_in_each_series():
    series = {entry["series"]: entry["learners"] for entry in from_file(ATTEMPTS_CSV)["summary"]["series"]}
    assert series == {"2026-01": 1, "2026-06": 4}
    answer = check("Learner,Component,Series\nA,1,2025-06\nA,2,2025-06\n")
    [none] = answer["summary"]["series"]
    assert none["series"] is None and none["learners"] == 1


def test_a_problem_code_no_learner_has_is_left_out_of_the_summary():
    codes = [entry["code"] for entry in from_file(ATTEMPTS_CSV)["summary"]["codes"]]
    assert "same-series" not in codes and codes == [c for c in cohort_certification.CODE_LABELS if c in codes]


# ---------------------------------------------------------------- rows that cannot be read


def test_unreadable_rows_are_listed_with_their_number_and_why_and_the_rest_are_kept():
    answer = from_file(ATTEMPTS_CSV)
    problems = {problem["row"]: problem for problem in answer["problems"]}
    assert sorted(problems) == [16, 17, 19]
    assert "2025-03" in problems[16]["reason"] and problems[16]["left_out"]
    assert "abc" in problems[17]["reason"] and not problems[17]["left_out"]
    assert "no learner" in problems[19]["reason"]
    eve = by_learner(answer)["4005"]
    assert [problem["row"] for problem in eve["left_out"]] == [16, 17]
    assert eve["attempt_rows"] == [17, 18], "the row with a bad UMS is kept, the bad series is not"


def test_a_bad_ums_keeps_the_assessment_with_its_ums_not_known():
    answer = check("Learner,Component,Series,UMS\nA,1,2025-06,forty\nA,2,2025-06,12.5\nA,3,2026-01,50\n")
    learner = by_learner(answer)["A"]
    assert learner["codes"] == [] and learner["detail"]["counts"]["1"]["pending"] == ["2025-06"]
    assert len(answer["problems"]) == 2 and not any(problem["left_out"] for problem in answer["problems"])


def test_a_learner_whose_every_row_was_left_out_is_not_checked_and_the_rows_say_why():
    answer = check("Learner,Component,Series\nA,1,2025-06\nZ,1,2025-13\nZ,9,2025-06\n")
    assert list(by_learner(answer)) == ["A"]
    assert answer["summary"]["not_checked"] == 1 and [p["row"] for p in answer["problems"]] == [3, 4]


def test_a_learner_with_more_assessments_than_any_learner_can_have_is_not_checked():
    rows = "".join(f"A,1,{2024 + n // 2}-{'01' if n % 2 else '06'}\n" for n in range(25))
    answer = check("Learner,Component,Series\n" + rows)
    assert answer["learners"] == [] and answer["summary"]["not_checked"] == 1
    assert "more than 20" in answer["problems"][0]["reason"]


def test_a_learner_on_two_rows_of_a_one_row_per_learner_tracker_keeps_the_first():
    answer = from_file(LEARNERS_CSV)
    assert by_learner(answer)["4004"]["rows"] == [5]
    assert answer["problems"] == [
        {"row": 6, "reason": "Learner 4004 is also on row 5; this row was left out", "left_out": True}
    ]


def test_more_rows_than_the_page_reads_get_a_clear_message():
    tracker = "Learner,Component,Series\n" + "A,1,2025-06\n" * (MAX_ROWS + 1)
    answer = run("cohort-certification", {"tracker": tracker})
    assert answer["ok"] is False and f"{MAX_ROWS:,} rows" in answer["errors"]["tracker"]
    assert "learners" not in answer["errors"]["tracker"]


def test_the_most_rows_the_page_reads_are_all_read():
    tracker = "Learner,Component,Series\n" + "".join(f"L{n},1,2025-06\n" for n in range(MAX_ROWS))
    assert check(tracker)["summary"]["learners"] == MAX_ROWS


def test_an_empty_tracker_is_asked_for_beside_its_field():
    assert set(run("cohort-certification", {"tracker": "  "})["errors"]) == {"tracker"}


# ---------------------------------------------------------------- columns and cells


@pytest.mark.parametrize(
    "headings, expected",
    [
        ("Candidate No,Name,Component,Series,UMS", {"learner": 0, "name": 1, "component": 2, "series": 3, "ums": 4}),
        ("Learner,Unit,Exam series,Mark", {"learner": 0, "name": None, "component": 1, "series": 2, "ums": 3}),
        (
            "Student name,Candidate number,Comp,Session,Result",
            {"learner": 1, "name": 0, "component": 2, "series": 3, "ums": 4},
        ),
        ("Candidate,Name,Component,Series", {"learner": 0, "name": 1, "component": 2, "series": 3, "ums": None}),
        (
            "Candidate,Component,Exam series,Exam result",
            {"learner": 0, "name": None, "component": 1, "series": 2, "ums": 3},
        ),
    ],
)
def test_one_row_per_assessment_columns_are_guessed_from_their_headings(headings, expected):
    answer = check(headings + "\n1001,Amy,1,2025-06,40\n")
    assert answer["shape"] == "attempts" and answer["chosen"] == expected


@pytest.mark.parametrize(
    "heading, field",
    [
        ("C1 series", "c1_series"),
        ("C1 UMS", "c1_ums"),
        ("C1 retake series", "c1_retake_series"),
        ("Component 1 re-take mark", "c1_retake_ums"),
        ("C1 2nd retake series", "c1_retake2_series"),
        ("Comp. 2 session", "c2_series"),
        ("External series", "c3_series"),
        ("C3 resit UMS", "c3_retake_ums"),
        ("Component 3 (external) resit series", "c3_retake_series"),
        ("Unit 2 result", "c2_ums"),
    ],
)
def test_one_row_per_learner_headings_name_the_component_the_sitting_and_the_part(heading, field):
    assert cohort_certification.learners_heading(heading) == field


def test_a_component_heading_without_series_or_ums_is_read_by_what_its_cells_hold():
    answer = check("Learner,C1,C1 score,C2,C3\nA,2025-06,40,2026-01,2026-06\n")
    assert answer["shape"] == "learners"
    assert {key: value for key, value in answer["chosen"].items() if value is not None} == {
        "learner": 0,
        "c1_series": 1,
        "c1_ums": 2,
        "c2_series": 3,
        "c3_series": 4,
    }
    assert by_learner(answer)["A"]["codes"] == []


def test_a_tracker_without_headings_is_read_from_what_its_columns_hold():
    answer = check("1001\tC1\t2025-06\t40\n1001\tC2\t2026-01\t38\n1001\tC3\t2026-06\t\n")
    assert answer["header_row"] is None
    assert answer["chosen"] == {"learner": 0, "name": None, "component": 1, "series": 2, "ums": 3}
    assert by_learner(answer)["1001"]["valid"]


def test_the_users_column_choice_overrides_the_guess():
    tracker = "No,Candidate,Component,Series\n1,4001,1,2025-06\n2,4001,2,2025-06\n3,4001,3,2026-01\n"
    guessed = check(tracker)
    assert guessed["chosen"]["learner"] == 0
    chosen = check(tracker, column_learner="1")
    assert list(by_learner(chosen)) == ["4001"] and by_learner(chosen)["4001"]["valid"]
    assert check(tracker, columns={"learner": 1})["chosen"]["learner"] == 1


def test_the_user_can_say_the_first_row_is_a_learner_not_headings():
    answer = check("1001,1,2025-06\n1001,2,2025-06\n1001,3,2026-01\n", header="no")
    assert answer["header_row"] is None and by_learner(answer)["1001"]["valid"]


def test_the_user_can_choose_the_shape():
    answer = check("Learner,C1 series,C3 series\nA,2025-06,2026-06\n", shape="attempts")
    assert answer["shape"] == "attempts"


def test_when_the_columns_cannot_be_told_the_answer_asks_for_them_and_checks_no_one():
    answer = check("Colour,Animal\nred,cat\nblue,dog\n", header="yes")
    assert [entry["field"] for entry in answer["columns_missing"]] == ["learner", "component", "series"]
    assert answer["learners"] == [] and "Columns in your sheet" in answer["summary_lines"][0]


def test_a_column_choice_that_is_not_a_column_is_refused_beside_its_field():
    answer = run("cohort-certification", {"tracker": "a,b\n1,2\n", "column_series": "banana"})
    assert answer["errors"] == {"column_series": "Choose one of the sheet's columns"}


@pytest.mark.parametrize(
    "written, series",
    [
        ("2026-06", "2026-06"),
        ("Jan 2026", "2026-01"),
        ("June 2026", "2026-06"),
        ("Summer 2026", "2026-06"),
        ("May 2026", "2026-06"),
        ("Dec 2025", "2026-01"),
        ("December 2025/January 2026", "2026-01"),
        ("May/June 2025", "2025-06"),
        ("Jun 26", "2026-06"),
        ("01/06/2026", "2026-06"),
        ("15/12/2025", "2026-01"),
        ("06/2026", "2026-06"),
        ("12/2025", "2026-01"),
        (str((date(2026, 6, 1) - date(1899, 12, 30)).days), "2026-06"),
    ],
)
def test_series_are_read_the_ways_trackers_write_them(written, series):
    found, problem = cohort_certification.read_series(written)
    assert problem is None and found.code == series


@pytest.mark.parametrize("written", ["2025-03", "15/03/2026", "2025", "spring", "Jun"])
def test_a_cell_that_is_not_a_series_says_why(written):
    found, problem = cohort_certification.read_series(written)
    assert found is None and written in problem


@pytest.mark.parametrize(
    "written, component",
    [
        ("1", 1),
        ("C2", 2),
        ("Component 3", 3),
        ("Comp. 1", 1),
        ("Component 3 (external)", 3),
        ("External", 3),
        ("unit 2", 2),
        ("4", None),
        ("C4", None),
        ("", None),
    ],
)
def test_components_are_read_the_ways_trackers_write_them(written, component):
    assert cohort_certification.read_component(written) == component


def test_an_xlsx_tracker_with_series_typed_as_dates_is_read():
    book = openpyxl.Workbook()
    for row in [
        ["Candidate No", "Component", "Series", "UMS"],
        [4001, 1, date(2025, 6, 1), 40],
        [4001, 2, "Jan 2026", None],
        [4001, 3, date(2026, 6, 1), None],
    ]:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    answer = run("cohort-certification", {"file": upload(out.getvalue(), "tracker.xlsx")})
    learner = by_learner(answer)["4001"]
    assert learner["valid"] and learner["certification_series"] == "2026-06"
    assert answer["kind"] == "Excel workbook"


# ---------------------------------------------------------------- the CSV

HOSTILE = ['=HYPERLINK("http://x","y")', "+1+1", "-2", "@SUM(A1)", "Ann = Lee"]


def test_the_csv_of_results_opens_safely_in_a_spreadsheet():
    tracker = "Candidate\tName\tComponent\tSeries\n" + "".join(
        f"{'=1+1' if n == 0 else f'L{n}'}\t{HOSTILE[n]}\t1\t2025-06\n" for n in range(len(HOSTILE))
    )
    rows = list(csv.reader(io.StringIO(check(tracker)["csv"], newline="")))
    assert rows[0][:4] == ["Learner", "Name", "Sheet rows", "Result"]
    assert len(rows) == len(HOSTILE) + 1
    assert rows[1][0] == "'=1+1"
    assert [row[1] for row in rows[1:]] == ["'" + text if text[0] in "=+-@" else text.strip() for text in HOSTILE]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for row in rows for cell in row)


def test_the_csv_has_a_row_per_learner_with_what_counts():
    rows = list(csv.DictReader(io.StringIO(from_file(ATTEMPTS_CSV)["csv"], newline="")))
    amy = next(row for row in rows if row["Learner"] == "4001")
    assert amy["Result"] == "Fine" and amy["Certification series"] == "2026-06"
    assert amy["Component 1 UMS counted"] == "40" and amy["Results to come"] == "C2 2026-01 C3 2026-06"
    assert next(row for row in rows if row["Learner"] == "4005")["Rows left out"].startswith("Row 16:")


# ---------------------------------------------------------------- never raises


@settings(max_examples=200)
@given(text=st.text(max_size=400))
def test_any_pasted_text_gives_an_answer_or_a_message_through_the_door(text):
    answer = run("cohort-certification", {"tracker": text})
    assert answer["ok"] or (answer["errors"] and all(answer["errors"].values()))
    json.dumps(answer)


ROW = st.lists(
    st.sampled_from(["1", "C2", "3", "2025-06", "2026-01", "Jun 26", "40", "", "abc", "=1", "1001", "A"]), max_size=6
)


@settings(max_examples=200)
@given(
    rows=st.lists(ROW, max_size=12),
    shape=st.sampled_from(["auto", "attempts", "learners"]),
    header=st.sampled_from([None, "yes", "no"]),
)
def test_any_tracker_of_likely_cells_gives_an_answer_through_the_door(rows, shape, header):
    text = "Candidate,Component,Series,UMS,C1 series,C3 UMS\n" + "".join(",".join(row) + "\n" for row in rows)
    answer = run("cohort-certification", {"tracker": text, "shape": shape, "header": header})
    assert answer["ok"] or answer["errors"]
    json.dumps(answer)


def test_the_worked_example_in_the_docstring_holds():
    result = doctest.testmod(cohort_certification)
    assert result.attempted and not result.failed


# ---------------------------------------------------------------- the command line


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "calculators", *args], capture_output=True, text=True, cwd=Path(__file__).parents[1]
    )


def test_the_command_line_prints_the_summary_and_writes_the_table_to_standard_output():
    done = cli("cohort-certification", "--file", str(ATTEMPTS_CSV))
    assert done.returncode == 0, done.stderr
    assert done.stderr.startswith(
        "5 learners checked as subjects with a written external exam: 1 fine, 4 with problems."
    )
    assert "Row 16:" in done.stderr
    rows = list(csv.reader(io.StringIO(done.stdout, newline="")))
    assert rows[0][0] == "Learner" and [row[0] for row in rows[1:]] == ["4001", "4002", "4003", "4004", "4005"]


def test_the_command_line_writes_the_table_to_a_file_with_out(tmp_path):
    out = tmp_path / "results.csv"
    done = cli(
        "cohort-certification", "--file", str(LEARNERS_CSV), "--json", '{"subject": "standard"}', "--out", str(out)
    )
    assert done.returncode == 0, done.stderr
    assert "4 learners checked" in done.stdout and f"Table written to {out}" in done.stdout
    assert list(csv.reader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))[1][0] == "4001"


def test_the_command_line_exits_1_when_the_tracker_cannot_be_read(tmp_path):
    empty = tmp_path / "empty.csv"
    empty.write_text("\n\n")
    done = cli("cohort-certification", "--file", str(empty))
    assert done.returncode == 1 and "empty" in json.loads(done.stdout)["errors"]["file"]
    assert cli("cohort-certification", "--file", str(tmp_path / "missing.csv")).returncode == 2


def test_the_csv_names_each_learners_problems_in_words_not_codes():
    tracker = "Candidate\tComponent\tSeries\n4001\t1\t2025-06\n4001\t3\t2026-01\n4001\t2\t2026-06\n"
    [row] = list(csv.DictReader(io.StringIO(check(tracker)["csv"], newline="")))
    assert row["Result"] == "Problems: An internal component after the external that certification uses"


def test_the_csv_keeps_a_candidate_numbers_leading_zeros_for_excel():
    tracker = "Candidate\tComponent\tSeries\n0042\t1\t2025-06\n"
    rows = list(csv.reader(io.StringIO(check(tracker)["csv"], newline="")))
    assert rows[1][0] == '="0042"'  # a text formula of digits only: Excel shows 0042
