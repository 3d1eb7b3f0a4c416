"""The "post-results-requests" calculator: every date is the deadline calculator's own answer for its
row; services as centres write them; refusals, consent, the appeal's start date and stages, past
dates, what is due next, the calendar, the CSV and the command line (tests/fixtures/requests.csv)."""

import base64
import csv
import doctest
import io
import json
import subprocess
import sys
from datetime import date, timedelta
from pathlib import Path

import icalendar
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from calculators import post_results_requests, rules, run

FIXTURE = Path(__file__).parent / "fixtures" / "requests.csv"
TODAY = "2025-09-10"
HEADINGS = "Candidate,Qualification,Component,Service,Received,Outcome date,Outcome date is,Consent,Appeal\n"


def answer_for(sheet, **inputs):
    answer = run("post-results-requests", {"requests": sheet, "today": TODAY, **inputs})
    assert answer["ok"], answer
    return answer


def fixture_answer(**inputs):
    data = base64.b64encode(FIXTURE.read_bytes()).decode("ascii")
    return answer_for(None, file={"name": FIXTURE.name, "data": data}, **inputs)


def one(row, **inputs):
    [request] = answer_for(HEADINGS + row + "\n", **inputs)["requests"]
    return request


def stages(request):
    return {item["stage"]: item for item in request["dates"]}


def codes(request):
    return [warning["code"] for warning in request["warnings"]]


# ---------------------------------------------------------------- the deadline calculator's own dates


@pytest.mark.parametrize("nation", ["england-and-wales", "scotland", "northern-ireland"])
def test_every_date_is_the_deadline_calculators_own_answer_for_its_row(nation):
    answer = fixture_answer(nation=nation)
    checked = 0
    for request in answer["requests"]:
        for item in request["dates"]:
            asked = {"rule": item["rule"], "date": item["from"], "nation": nation}
            if item["rule"] == request["rule"] and request["qualification_id"]:
                asked["qualification"] = request["qualification_id"]
            if item["rule"] == "appeal-after-review":
                asked["start_basis"] = request["start_basis"]
            own = run("deadline", asked)
            assert own["ok"], (request["row"], own)
            assert (item["date"], item["title"], item["what"], item["source"], item["warnings"]) == (
                own["deadline"],
                own["title"],
                own["outcome"],
                own["source"],
                own["warnings"],
            ), request["row"]
            checked += 1
    assert checked >= 12


def test_the_service_date_counts_from_the_day_pearson_received_the_request():
    request = one("4001,GCSE,1MA1,Service 2,20/08/2025,,,yes,")
    assert stages(request)["romm-service-2"]["from"] == "2025-08-20"
    assert (
        stages(request)["romm-service-2"]["date"]
        == run("deadline", {"rule": "romm-service-2", "date": "20/08/2025", "qualification": "edexcel-gcse"})[
            "deadline"
        ]
    )


@pytest.mark.parametrize(
    "written, rule",
    [
        ("Service 1", "romm-service-1"),
        ("S1", "romm-service-1"),
        ("clerical re-check", "romm-service-1"),
        ("Service 2", "romm-service-2"),
        ("s2", "romm-service-2"),
        ("Review of marking", "romm-service-2"),
        ("RoM", "romm-service-2"),
        ("Priority Service 2", "romm-priority-service-2"),
        ("PS2", "romm-priority-service-2"),
        ("priority review of marking", "romm-priority-service-2"),
        ("Service 3", "romm-service-3"),
        ("Review of moderation", "romm-service-3"),
        ("annotations", "annotations"),
        ("Marking annotations", "annotations"),
        ("Access to scripts", "access-to-scripts"),
        ("ATS", "access-to-scripts"),
        ("copy of script", "access-to-scripts"),
        ("romm-service-2", "romm-service-2"),
        ("Service 2: review of marking", "romm-service-2"),
    ],
)
def test_services_are_read_the_way_centres_write_them(written, rule):
    assert post_results_requests.service_of(written, post_results_requests.deadline_calculator.rule_table()) == rule


@pytest.mark.parametrize(
    "written, qualification",
    [
        ("GCSE", "edexcel-gcse"),
        ("International GCSE", "edexcel-international-gcse"),
        ("IGCSE", "edexcel-international-gcse"),
        ("A level", "edexcel-as-a-level"),
        ("AS", "edexcel-as-a-level"),
        ("BTEC Tech Award", "btec-tech-awards"),
        ("BTEC Level 3 National", "btec-nationals"),
        ("Functional Skills", "edexcel-functional-skills"),
        ("Core Maths", "core-maths"),
        ("btec-firsts", "btec-firsts"),
        ("Physics", None),
    ],
)
def test_qualifications_are_read_the_way_centres_write_them(written, qualification):
    assert post_results_requests.qualification_of(written) == qualification


def test_every_service_word_maps_to_a_deadline_rule_in_the_data_or_to_access_to_scripts():
    known = {entry["id"] for entry in rules.newest("deadlines", "deadline")}
    assert {rule for rule, _ in post_results_requests.SERVICE_WORDS} - known == {"access-to-scripts"}


def test_a_service_not_offered_for_the_qualification_is_refused_with_the_deadline_calculators_message():
    request = one("4004,BTEC Tech Award,DIT,PS2,2025-08-21,,,yes,")
    own = run(
        "deadline", {"rule": "romm-priority-service-2", "date": "2025-08-21", "qualification": "btec-tech-awards"}
    )
    assert request["status"] == "refused" and request["dates"] == []
    assert request["message"] == own["errors"]["qualification"]


def test_an_unknown_qualification_is_not_refused_but_its_coverage_is_not_checked_and_it_says_so():
    request = one("4010,Physics,1PH0,S2,2025-08-28,,,yes,")
    assert request["status"] == "dated" and codes(request) == ["qualification-unknown"]


def test_access_to_scripts_has_no_date_to_work_out_and_says_why_with_its_source():
    request = one("4005,A level,9MA0,ATS,2025-08-21,,,,")
    assert request["status"] == "no-deadline" and request["dates"] == []
    assert "no time" in request["message"] and "Source: Pearson" in request["message"]


# ---------------------------------------------------------------- consent


@pytest.mark.parametrize(
    "rule", [entry["id"] for entry in rules.newest("deadlines", "deadline") if "covers" in entry] + ["annotations"]
)
@pytest.mark.parametrize("consent", ["", "no", "yes"])
def test_consent_not_recorded_is_warned_of_only_for_services_that_can_lower_a_mark(rule, consent):
    qualification = "BTEC Tech Award" if rule == "romm-service-3" else "GCSE"
    request = one(f"4001,{qualification},C1,{rule},2025-08-28,,,{consent},")
    lowers = rules.find("deadlines", rule).get("can_lower", False)
    assert ("consent-not-recorded" in codes(request)) is (lowers and consent != "yes")


def test_the_consent_warning_gives_the_rule_and_its_source():
    [warning] = [w for w in one("4001,GCSE,C1,S1,2025-09-08,,,,")["warnings"] if w["code"] == "consent-not-recorded"]
    consent = rules.entry("guidance", "consent", "written-consent")
    assert consent["rule"] in warning["message"] and "Source: Pearson" in warning["message"]


# ---------------------------------------------------------------- the appeal


def test_the_appeal_is_counted_from_the_letter_date_when_the_sheet_does_not_say_and_the_answer_says_so():
    request = one("4003,GCSE,1ET0,S2,2025-08-21,2025-09-01,,yes,")
    appeal = stages(request)["appeal-after-review"]
    assert request["start_basis"] == "letter-date" and "basis-assumed" in codes(request)
    assert (
        appeal["date"]
        == run("deadline", {"rule": "appeal-after-review", "date": "2025-09-01", "start_basis": "letter-date"})[
            "deadline"
        ]
    )
    assert any(w["code"] == "start-basis" for w in appeal["warnings"]), "the deadline calculator's own wording too"


@pytest.mark.parametrize(
    "written, basis",
    [
        ("letter", "letter-date"),
        ("date on the letter", "letter-date"),
        ("arrived", "received"),
        ("Day it reached us", "received"),
    ],
)
def test_the_appeal_counts_from_the_date_the_sheet_says_the_outcome_date_is(written, basis):
    request = one(f"4003,GCSE,1ET0,S2,2025-08-21,2025-09-01,{written},yes,")
    assert request["start_basis"] == basis and "basis-assumed" not in codes(request)


def test_no_appeal_date_follows_annotations_and_the_answer_says_why():
    request = one("4006,GCSE,1MA1,annotations,2025-08-28,2025-09-02,,,")
    assert list(stages(request)) == ["annotations"] and "no-appeal-date" in codes(request)


def test_a_planned_appeal_gets_its_stages_each_counted_from_the_last_day_of_the_stage_before():
    request = one("4003,GCSE,1ET0,S2,2025-08-21,2025-09-01,letter,yes,yes")
    found = stages(request)
    assert list(found) == ["romm-service-2", "appeal-after-review", *post_results_requests.APPEAL_STAGES]
    assert found["appeal-acknowledgement"]["from"] == found["appeal-after-review"]["date"]
    assert found["appeal-preliminary-outcome"]["from"] == found["appeal-after-review"]["date"]
    assert found["appeal-hearing-request"]["from"] == found["appeal-preliminary-outcome"]["date"]
    assert found["appeal-hearing-outcome"]["from"] == found["appeal-hearing-request"]["date"]
    assert all(found[stage].get("planning") for stage in post_results_requests.APPEAL_STAGES)


def test_an_appeal_sent_on_a_given_day_counts_its_first_stages_from_that_day():
    found = stages(one("4009,GCSE,1SC0,S2,2025-08-28,2025-09-20,arrived,y,2025-10-01"))
    assert found["appeal-acknowledgement"]["from"] == found["appeal-preliminary-outcome"]["from"] == "2025-10-01"
    assert "planning" not in found["appeal-acknowledgement"] and found["appeal-hearing-request"]["planning"]


def test_an_appeal_planned_without_an_outcome_date_asks_for_it():
    request = one("4001,GCSE,1MA1,S2,2025-08-28,,,yes,yes")
    assert request["appeal"] == "planned" and "appeal-needs-outcome" in codes(request)


# ---------------------------------------------------------------- today, past dates, what is due next


def test_dates_before_today_are_flagged_past_and_today_is_not():
    request = one("4001,GCSE,1MA1,S2,2025-08-21,,,yes,")
    due = stages(request)["romm-service-2"]["date"]
    day_before, on_the_day = (date.fromisoformat(due) + timedelta(days=1)).isoformat(), due
    assert stages(one("4001,GCSE,1MA1,S2,2025-08-21,,,yes,", today=day_before))["romm-service-2"]["past"]
    same = stages(one("4001,GCSE,1MA1,S2,2025-08-21,,,yes,", today=on_the_day))["romm-service-2"]
    assert not same["past"] and same["is_today"]


def test_a_service_past_its_date_with_no_outcome_recorded_says_to_chase_it():
    assert "overdue" in codes(one("4001,GCSE,1MA1,S1,2025-08-01,,,yes,"))
    assert "overdue" not in codes(one("4001,GCSE,1MA1,S1,2025-08-01,2025-08-09,,yes,"))


def test_what_is_due_next_lists_each_requests_next_date_on_or_after_today_soonest_first():
    answer = fixture_answer()
    due = answer["due_next"]
    assert [item["date"] for item in due] == sorted(item["date"] for item in due)
    assert all(item["date"] >= TODAY for item in due)
    for request in answer["requests"]:
        coming = [item["date"] for item in request["dates"] if item["date"] >= TODAY]
        listed = [item for item in due if item["row"] == request["row"]]
        assert [item["date"] for item in listed] == ([min(coming)] if coming else [])
    assert answer["summary"]["next"] == due[0]


def test_today_is_needed_and_read_as_a_date():
    assert "today" in run("post-results-requests", {"requests": HEADINGS + "1,GCSE,C,S1,2025-08-01,,,,\n"})["errors"]
    assert "today" in run("post-results-requests", {"requests": HEADINGS, "today": "31/02/2025"})["errors"]


# ---------------------------------------------------------------- rows that cannot be read


def test_unreadable_rows_are_listed_with_their_number_and_why_and_the_rest_are_kept():
    answer = answer_for(
        HEADINGS + "4001,GCSE,C,S1,31/02/2025,,,,\n,GCSE,C,S1,2025-08-01,,,,\n"
        "4003,GCSE,C,a remark please,2025-08-01,,,,\n4004,GCSE,C,sweets,2025-08-01,,,,\n"
        "4005,GCSE,C,S1,,,,,\n4006,GCSE,C,S1,2025-08-01,,,,\n"
    )
    reasons = {problem["row"]: problem["reason"] for problem in answer["problems"]}
    assert sorted(reasons) == [2, 3, 5, 6]
    assert "does not exist" in reasons[2] and "no candidate" in reasons[3]
    assert "sweets" in reasons[5] and "no date" in reasons[6]
    assert [request["row"] for request in answer["requests"]] == [4, 7]


def test_an_excel_day_number_is_read_as_the_date_it_stands_for():
    number = (date(2025, 8, 20) - date(1899, 12, 30)).days
    assert stages(one(f"4001,GCSE,C,S2,{number},,,yes,"))["romm-service-2"]["from"] == "2025-08-20"


def test_when_the_columns_cannot_be_told_the_answer_asks_for_them():
    answer = answer_for("Colour,Animal\nred,cat\n", header="yes")
    assert [entry["field"] for entry in answer["columns_missing"]] == ["candidate", "service", "received"]
    assert answer["requests"] == [] and "Columns in your sheet" in answer["summary_lines"][0]


def test_the_users_column_choice_overrides_the_guess():
    sheet = "Who,What,When\n4001,Service 2,2025-08-20\n"
    assert answer_for(sheet, header="yes")["columns_missing"]
    chosen = answer_for(sheet, header="yes", column_candidate="0", column_service="1", column_received="2")
    assert [request["candidate"] for request in chosen["requests"]] == ["4001"]


# ---------------------------------------------------------------- the calendar and the CSV


def test_the_calendar_has_one_event_per_request_and_date_with_ids_that_stay_the_same_on_a_new_import():
    answer = fixture_answer()
    events = icalendar.Calendar.from_ical(answer["calendar"]).walk("VEVENT")
    assert len(events) == sum(len(request["dates"]) for request in answer["requests"])
    uids = [str(event["UID"]) for event in events]
    assert len(set(uids)) == len(uids)
    # The same requests in another order, another day: the same events, updated rather than doubled.
    lines = FIXTURE.read_text().splitlines()
    again = answer_for("\n".join([lines[0], *reversed(lines[1:])]) + "\n", today="2025-09-20")
    assert set(uids) == {str(event["UID"]) for event in icalendar.Calendar.from_ical(again["calendar"]).walk("VEVENT")}
    assert not any("4001" in uid for uid in uids), "no candidate in an event's id"


def test_an_events_id_changes_with_the_candidate_component_service_or_stage():
    base = {"candidate": "4001", "component": "1MA1", "rule": "romm-service-2"}
    first = post_results_requests.uid(base, "romm-service-2")
    assert post_results_requests.uid({**base, "candidate": " 4001 "}, "romm-service-2") == first
    for changed in ({**base, "candidate": "4002"}, {**base, "component": "1MA2"}, {**base, "rule": "romm-service-1"}):
        assert post_results_requests.uid(changed, "romm-service-2") != first
    assert post_results_requests.uid(base, "appeal-after-review") != first


def test_the_csv_of_requests_opens_safely_in_a_spreadsheet():
    answer = answer_for(
        HEADINGS + '"=HYPERLINK(""http://x"",""y"")",GCSE,+1,S2,2025-08-20,,,yes,\n'
        "@SUM(A1),GCSE,-2,S1,2025-08-20,,,yes,\n"
    )
    rows = list(csv.reader(io.StringIO(answer["csv"], newline="")))
    assert rows[0][:7] == [
        "Row",
        "Candidate",
        "Qualification",
        "Component",
        "Service",
        "Service as in the sheet",
        "Status",
    ]
    assert rows[1][1] == '\'=HYPERLINK("http://x","y")' and rows[1][3] == "'+1" and rows[2][1] == "'@SUM(A1)"
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)


def test_the_csv_has_a_column_for_each_date_a_request_can_have():
    rows = list(csv.DictReader(io.StringIO(fixture_answer()["csv"], newline="")))
    appeal = next(row for row in rows if row["Candidate"] == "4003")
    request = next(r for r in fixture_answer()["requests"] if r["candidate"] == "4003")
    assert appeal["Last day to appeal"] == stages(request)["appeal-after-review"]["date"]
    assert appeal["Hearing outcome by"] == stages(request)["appeal-hearing-outcome"]["date"]
    assert next(row for row in rows if row["Candidate"] == "4004")["Status"] == "Refused"


# ---------------------------------------------------------------- never raises


@settings(max_examples=200)
@given(text=st.text(max_size=400), today=st.sampled_from(["2025-09-10", "", "x", "2025-02-30"]))
def test_any_pasted_text_gives_an_answer_or_a_message_through_the_door(text, today):
    answer = run("post-results-requests", {"requests": text, "today": today})
    assert answer["ok"] or (answer["errors"] and all(answer["errors"].values()))
    json.dumps(answer)


CELL = st.sampled_from(
    [
        "4001",
        "GCSE",
        "BTEC Tech Award",
        "S1",
        "PS2",
        "Service 3",
        "ATS",
        "annotations",
        "2025-08-20",
        "31/12/2099",
        "45890",
        "letter",
        "arrived",
        "yes",
        "no",
        "",
        "=1",
        "1/1/1999",
        "x",
    ]
)


@settings(max_examples=200)
@given(rows=st.lists(st.lists(CELL, min_size=0, max_size=10), max_size=10))
def test_any_sheet_of_likely_cells_gives_an_answer_through_the_door(rows):
    text = HEADINGS + "".join(",".join(row) + "\n" for row in rows)
    answer = run("post-results-requests", {"requests": text, "today": TODAY})
    assert answer["ok"] or answer["errors"]
    json.dumps(answer)
    if answer["ok"]:
        icalendar.Calendar.from_ical(answer["calendar"])


def test_the_worked_example_in_the_docstring_holds():
    result = doctest.testmod(post_results_requests)
    assert result.attempted and not result.failed


# ---------------------------------------------------------------- the command line


def cli(*args):
    return subprocess.run(
        [sys.executable, "-m", "calculators", *args], capture_output=True, text=True, cwd=Path(__file__).parents[1]
    )


def test_the_command_line_prints_the_summary_writes_the_table_and_saves_the_calendar(tmp_path):
    out, calendar = tmp_path / "dates.csv", tmp_path / "dates.ics"
    done = cli(
        "post-results-requests",
        "--file",
        str(FIXTURE),
        "--json",
        json.dumps({"today": TODAY}),
        "--out",
        str(out),
        "--calendar",
        str(calendar),
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("8 requests: 6 with dates, 1 refused, 1 with no date to work out.")
    assert "Row 9: The date Pearson received it" in done.stdout
    rows = list(csv.DictReader(io.StringIO(out.read_text(encoding="utf-8-sig"), newline="")))
    assert [row["Candidate"] for row in rows] == ["4001", "4002", "4003", "4004", "4005", "4006", "4007", "4009"]
    assert icalendar.Calendar.from_ical(calendar.read_text()).walk("VEVENT")


def test_the_command_line_gives_today_from_the_computer_when_not_told():
    done = cli("post-results-requests", "--file", str(FIXTURE))
    assert done.returncode == 0, done.stderr
    assert done.stdout.startswith("Row,Candidate") and "requests:" in done.stderr


# ---------------------------------------------------------------- what a row's dates cannot say alone


def test_a_review_of_moderation_is_dated_from_the_request_as_its_earliest_finish_and_says_so():
    # N2: Service 3 is completed within 35 days of the moderator receiving the original sample,
    # which the sheet does not hold and which cannot come before the request.
    request = one("Amy Khan,BTEC Tech Award,Component 1,Service 3,01/08/2026,,,,")
    service = stages(request)["romm-service-3"]
    assert service["date"] == "2026-09-05" and service["starts"] == "Pearson receives the request"
    assert ("the 35 days run from the day the moderator receives the original sample, which is not before that, so "
            "Pearson's deadline is this date or later (the review may still finish sooner)") in service["planning"]
    # Past that date with no outcome, it is not called overdue: the deadline may not have come.
    late = one("Amy Khan,BTEC Tech Award,Component 1,Service 3,01/08/2026,,,,", today="2026-09-20")
    overdue = next(w["message"] for w in late["warnings"] if w["code"] == "overdue")
    assert "may not have passed yet" in overdue and "should have finished" not in overdue
    reviewed = stages(one("Amy Khan,GCSE,Paper 1,Service 2,01/08/2026,,,,"))["romm-service-2"]
    assert "planning" not in reviewed


def test_an_appeal_sent_after_the_last_day_or_before_the_outcome_is_warned():
    late = one("Amy Khan,GCSE,Paper 1,Service 2,01/07/2025,10/08/2025,letter,yes,15/09/2025")
    assert "appeal-late" in codes(late)
    said = next(w["message"] for w in late["warnings"] if w["code"] == "appeal-late")
    assert "after the last day to appeal, Tuesday 9 September 2025: an appeal must be made within the time" in said
    early = one("Amy Khan,GCSE,Paper 1,Service 2,01/07/2025,10/08/2025,letter,yes,05/08/2025")
    assert "appeal-before-outcome" in codes(early) and "appeal-late" not in codes(early)
    on_time = one("Amy Khan,GCSE,Paper 1,Service 2,01/07/2025,10/08/2025,letter,yes,20/08/2025")
    assert not {"appeal-late", "appeal-before-outcome"} & set(codes(on_time))


def test_an_outcome_dated_before_the_request_was_received_is_warned():
    request = one("Amy Khan,GCSE,Paper 1,Service 2,01/08/2025,25/07/2025,letter,yes,")
    assert "outcome-before-request" in codes(request)
    assert "outcome-before-request" not in codes(one("Amy Khan,GCSE,Paper 1,Service 2,01/07/2025,25/07/2025,,yes,"))


def test_the_csv_carries_each_planning_dates_note_beside_its_row():
    answer = answer_for(HEADINGS + "Amy Khan,BTEC Tech Award,Component 1,Service 3,01/08/2026,,,,\n"
                        "Ben Jones,GCSE,Paper 1,Service 2,01/07/2025,20/08/2025,letter,yes,yes\n")
    rows = list(csv.reader(io.StringIO(answer["csv"])))
    notes = {row[1]: row[-1] for row in rows[1:]}
    assert "Service 3: review of moderation: a planning date, counted from the day Pearson" in notes["Amy Khan"]
    assert "a planning date, counted as if the appeal reaches Pearson on the last day to appeal" in notes["Ben Jones"]


@pytest.mark.parametrize("component, service, code", [
    ("Component 1", "Service 2", "component-moderated"),
    ("C2 Exploring the sector", "Service 1", "component-moderated"),
    ("2", "Priority Service 2", "component-moderated"),
    ("Component 3 (external)", "Service 3", "component-external"),
    ("Component 3", "Service 2", None),
    ("Component 1", "Service 3", None),
    ("Component 12", "Service 2", None),
])
def test_a_tech_award_component_the_service_is_not_for_is_warned(component, service, code):
    # The post-results page: a review of marking "isn't available for internally assessed/externally
    # moderated coursework components"; Service 3 reviews moderation (N2).
    request = one(f"Amy Khan,BTEC Tech Award,{component},{service},01/08/2026,,,yes,")
    found = [warning for warning in request["warnings"] if warning["code"].startswith("component-")]
    assert [warning["code"] for warning in found] == ([code] if code else [])
    gcse = one(f"Amy Khan,GCSE,{component},{service},01/08/2026,,,yes,")
    assert not any(warning["code"].startswith("component-") for warning in gcse["warnings"])


def test_the_assumed_outcome_date_says_which_date_it_takes_in_plain_words():
    blank = one("Amy Khan,GCSE,Paper 1,Service 2,01/07/2025,10/08/2025,,yes,")
    unclear = one("Amy Khan,GCSE,Paper 1,Service 2,01/07/2025,10/08/2025,maybe,yes,")
    said = {request["warnings"][0]["message"].split(",")[0] for request in (blank, unclear)}
    assert said == {"The sheet does not say which date the outcome date is",
                    "“maybe” does not say which date the outcome date is"}


def test_a_clerical_re_check_of_a_moderated_component_says_the_sources_do_not_settle_it():
    checked = one("Amy Khan,BTEC Tech Award,Component 1,Service 1,01/08/2026,,,yes,")
    [said] = [w["message"] for w in checked["warnings"] if w["code"] == "component-moderated"]
    assert "the sources do not say whether it covers a moderated component" in said
    reviewed = one("Amy Khan,BTEC Tech Award,Component 1,Service 2,01/08/2026,,,yes,")
    [said] = [w["message"] for w in reviewed["warnings"] if w["code"] == "component-moderated"]
    assert "is for externally assessed components only" in said


def test_an_appeal_planned_but_not_sent_by_its_last_day_is_warned_and_its_stages_are_not_planned():
    request = one("Amy Khan,GCSE,Paper 1,Service 2,01/08/2026,28/08/2026,arrived,yes,yes", today="2026-12-02")
    assert "appeal-window-passed" in codes(request)
    assert [item["stage"] for item in request["dates"]] == ["romm-service-2", "appeal-after-review"]
    still_open = one("Amy Khan,GCSE,Paper 1,Service 2,01/08/2026,28/08/2026,arrived,yes,yes", today="2026-09-01")
    assert "appeal-window-passed" not in codes(still_open) and len(still_open["dates"]) > 2
