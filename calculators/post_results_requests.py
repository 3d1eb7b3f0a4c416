"""The "post-results-requests" calculator: a sheet of post-results requests, and for each one the
dates that follow from it, every one of them the "deadline" calculator's own answer.

For each request (a row: candidate, qualification, component, service, the date Pearson received
it, and optionally the outcome's date, written consent, a planned appeal and which date the
outcome date is):

- the date Pearson should finish the service, or the deadline calculator's refusal where the
  service is not offered for the qualification;
- once an outcome date is there (after a review), the last day to appeal: counted from the
  date printed on the outcome letter unless the sheet says the date is the day it arrived, since
  the letter's date is the earlier and safer one, and the answer says so;
- when an appeal is planned, the appeal's stages, each counted from the latest day of the stage
  before it (or from the day the appeal was sent, if the sheet gives it);
- a warning where written consent is not recorded for a service that can lower a mark.

Each date is flagged when it is before `today` (an argument: there is no clock here), and the
answer lists "what is due next": each request's next date on or after today, soonest first.

>>> answer = post_results_requests({"today": "2025-09-01", "requests":
...     "Candidate,Component,Service,Received\\n1001,1ENO1,Service 2,2025-08-27\\n"})
>>> [(item["stage"], item["date"]) for item in answer["requests"][0]["dates"]]
[('romm-service-2', '2025-09-16')]
"""

from __future__ import annotations

import hashlib
import json
import re
from datetime import date
from functools import lru_cache

from . import deadline as deadline_calculator
from . import ics, rules, sheet_input
from .certification import EXTERNAL, INTERNAL
from .door import run
from .dates import DEFAULT_NATION, NATIONS, long_date
from .mark_sheet import NO_WORDS, YES_WORDS
from .sheet_input import MAX_PROBLEMS_LISTED, cell, heading_words
from .spreadsheet import MAX_ROWS
from .validate import Form, parse_date

FIELDS = ("candidate", "qualification", "component", "service", "received", "outcome", "basis", "consent", "appeal")
FIELD_LABELS = {
    "candidate": "Candidate (number or name)",
    "qualification": "Qualification",
    "component": "Component or unit",
    "service": "Service",
    "received": "Date Pearson received the request",
    "outcome": "Date of the outcome",
    "basis": "Which date the outcome date is (letter or arrival)",
    "consent": "Written consent held",
    "appeal": "Appeal planned (yes, or the day it was sent)",
}
NEEDED = ("candidate", "service", "received")
HEADINGS = (
    ("basis", r"\b(basis|which date|date is|date type|date from|date kind)\b"),
    ("consent", r"\b(consent|permission|signed|agreed)\b"),
    ("appeal", r"\b(appeal|appeals|appealing)\b"),
    ("outcome", r"\b(outcome|letter|decision|result of review|review result)\b"),
    ("received", r"\b(received|receipt|sent|submitted|requested|request date|date)\b"),
    ("service", r"\b(service|services|request type|type|request|review)\b"),
    ("qualification", r"\b(qualification|qual|subject|course|level|spec|specification)\b"),
    ("component", r"\b(component|unit|paper|comp|module|code)\b"),
    ("candidate", r"\b(candidate|cand|learner|student|pupil|name|id|number|no|uci|uln)\b"),
)
# How centres write each service, tried in this order ("Priority Service 2" before "Service 2").
SERVICE_WORDS = (
    ("romm-priority-service-2", r"\bpriority\b|\bps\s?2\b|\bp2\b"),
    ("romm-service-1", r"\b(service|serv|s)\s?1\b|\bclerical\b|\bre\s?check\b|\brecheck\b"),
    ("romm-service-3", r"\b(service|serv|s)\s?3\b|\breview of moderation\b|\bmoderation\b"),
    ("romm-service-2", r"\b(service|serv|s)\s?2\b|\breview of marking\b|\brom\b|\bromm\b|\bre\s?mark\b"),
    ("annotations", r"\bannotations?\b|\bmarking comments\b|\bexaminer comments\b"),
    ("access-to-scripts", r"\baccess to scripts?\b|\bats\b|\bcop(y|ies) of (the )?scripts?\b|\bscripts?\b"),
)
# The sources give Pearson no time for sending a copy of a script, so no rule, and no date.
SCRIPTS = "access-to-scripts"
TECH_AWARDS = "btec-tech-awards"
QUALIFICATION_WORDS = (
    ("edexcel-international-gcse", r"\binternational gcse\b|\bigcse\b|\bedexcel certificate\b"),
    ("edexcel-functional-skills", r"\bfunctional skills?\b"),
    ("edexcel-aea", r"\baea\b|\badvanced extension\b"),
    ("core-maths", r"\bcore maths\b|\bmathematics in context\b"),
    ("edexcel-maths-awards-l3", r"\b(awards? in (mathematics|maths)|maths awards?)\b.*\b(level|l) ?3\b"),
    ("edexcel-maths-awards-l1-l2", r"\bawards? in (mathematics|maths)\b|\bmaths awards?\b"),
    ("edexcel-gcse", r"\bgcses?\b"),
    ("edexcel-as-a-level", r"\bas\b|\ba ?levels?\b|\bgce\b|\ba2\b"),
    ("btec-tech-awards", r"\btech awards?\b"),
    ("btec-nationals", r"\bnationals?\b"),
    ("btec-technicals", r"\btechnicals?\b"),
    ("btec-firsts", r"\bfirsts?\b"),
)
BASIS_WORDS = (
    ("received", r"\b(received|arrived|arrival|reached|came|got)\b"),
    ("letter-date", r"\b(letter|issued|issue|printed|dated)\b"),
)
APPEAL_STAGES = (
    "appeal-acknowledgement",
    "appeal-preliminary-outcome",
    "appeal-hearing-request",
    "appeal-hearing-outcome",
)
# Each appeal stage is counted from the stage before it (None: from the day the appeal is sent).
COUNTED_FROM = {
    "appeal-acknowledgement": None,
    "appeal-preliminary-outcome": None,
    "appeal-hearing-request": "appeal-preliminary-outcome",
    "appeal-hearing-outcome": "appeal-hearing-request",
}
APPEAL = "appeal-after-review"
# How the reviews of marking start their count; a service that starts otherwise is dated as a plan.
REQUEST_RECEIVED = "Pearson receives the request"
CSV_STAGES = (
    ("service", "Service completed by"),
    (APPEAL, "Last day to appeal"),
    ("appeal-acknowledgement", "Appeal acknowledged by"),
    ("appeal-preliminary-outcome", "Preliminary appeal outcome by"),
    ("appeal-hearing-request", "Last day to ask for a hearing"),
    ("appeal-hearing-outcome", "Hearing outcome by"),
)


@lru_cache(maxsize=4096)  # a sheet repeats the same few services and qualifications thousands of times
def words_to(table: tuple, text: str) -> str | None:
    words = heading_words(text)
    return next((key for key, pattern in table if re.search(pattern, words)), None)


def field_of(heading: str) -> str | None:
    return words_to(HEADINGS, heading)


def service_of(text: str, rules_now: dict) -> str | None:
    """The deadline rule id for a service as written ("S2", "Service 2: review of marking", "PS2")."""
    cleaned = text.strip().lower()
    for rule_id, rule in rules_now.items():
        if cleaned in (rule_id, rule["title"].lower()):
            return rule_id
    return words_to(SERVICE_WORDS, text)


def qualification_of(text: str) -> str | None:
    cleaned = text.strip().lower()
    for key, title in rules.titles("deadlines", "qualification").items():
        if cleaned in (key, title.lower()):
            return key
    return words_to(QUALIFICATION_WORDS, text)


def yes_or_no(text: str) -> bool | None:
    cleaned = text.strip().lower()
    if cleaned in YES_WORDS or cleaned in ("held", "signed", "on file", "received", "given", "planned", "appeal"):
        return True
    if cleaned in NO_WORDS or cleaned in ("not held", "not signed", "none", "not planned"):
        return False
    return None


# ---------------------------------------------------------------- one request


class Deadlines:
    """The deadline calculator through the door, each distinct question asked once per sheet (many
    requests share a service and a day, and the calculator's answer depends only on its inputs)."""

    def __init__(self):
        self.answers: dict[str, dict] = {}

    def ask(self, inputs: dict) -> dict:
        key = json.dumps(inputs, sort_keys=True)
        if key not in self.answers:
            self.answers[key] = run("deadline", inputs)
        return self.answers[key]


def dated(stage: str, answer: dict, today: date, planning: str | None = None) -> dict:
    day = date.fromisoformat(answer["deadline"])
    found = {
        "stage": stage,
        "rule": answer["rule"],
        "title": answer["title"],
        "what": answer["outcome"],
        "date": answer["deadline"],
        "date_text": answer["deadline_text"],
        "weekday": answer["weekday"],
        "from": answer["start"],
        "from_text": answer["start_text"],
        "starts": answer["starts"],
        "past": day < today,
        "is_today": day == today,
        "source": answer["source"],
        "warnings": answer["warnings"],
    }
    if planning:
        found["planning"] = planning
    return found


def component_warning(component: str, rule: dict | None) -> dict | None:
    """A Tech Award component the service is not for: a review of marking of a moderated
    component (1 or 2), or a review of moderation of the external (3)."""
    found = re.match(r"(?:component|comp|c)?\s*([123])\b", " ".join(component.lower().split()))
    if not found or not rule or "assesses" not in rule:
        return None
    number = int(found[1])
    internal = number in INTERNAL
    if internal and rule["assesses"] == "external":
        is_for = ("is for externally assessed components only" if rule.get("assesses_means") != "described"
                  else "is described for exam papers; the sources do not say whether it covers a moderated "
                       "component. Check with Pearson")
        return {"code": "component-moderated", "message": (
            f"Component {number} of a BTEC Tech Award is internally assessed and moderated, and "
            f"{rule['title']} {is_for}. For a moderated component the sources describe Service 3, a review "
            "of moderation.")}
    if number == EXTERNAL and rule["assesses"] == "internal":
        return {"code": "component-external", "message": (
            f"Component {number} of a BTEC Tech Award is the external assessment, and {rule['title']} is for "
            "the internally assessed, moderated components. For the external, ask for a review of marking.")}
    return None


def read_request(number: int, values: dict, context: dict) -> tuple[dict | None, list[dict]]:
    """One row's request and its dates, or None and why it was left out."""
    problems: list[dict] = []
    candidate = values["candidate"].strip()
    if not candidate:
        return None, [{"row": number, "reason": "There is no candidate in this row, so it was left out"}]
    if not values["service"].strip():
        return None, [{"row": number, "reason": "There is no service in this row, so it was left out"}]
    rule_id = service_of(values["service"], context["rules"])
    if rule_id is None or (rule_id != SCRIPTS and rule_id not in context["services"]):
        return None, [
            {
                "row": number,
                "reason": f"“{shown(values['service'])}” is not a post-results service this "
                "page knows. Write Service 1, Service 2, Priority Service 2, Service 3, access to scripts "
                "or annotations. This row was left out",
            }
        ]
    qualification = qualification_of(values["qualification"]) if values["qualification"].strip() else None
    request = {
        "row": number,
        "candidate": candidate,
        "qualification": values["qualification"],
        "qualification_id": qualification,
        "component": values["component"],
        "service": values["service"],
        "rule": rule_id,
        "service_title": context["rules"][rule_id]["title"] if rule_id in context["rules"] else "Access to scripts",
        "status": "dated",
        "message": "",
        "dates": [],
        "warnings": [],
        "consent": yes_or_no(values["consent"]) if values["consent"] else None,
        "appeal": "no",
    }
    if values["qualification"].strip() and qualification is None:
        request["warnings"].append(
            {
                "code": "qualification-unknown",
                "message": (
                    f"“{shown(values['qualification'])}” is not a qualification this page knows, "
                    "so whether the service "
                    "is offered for it was not checked."
                ),
            }
        )
    found = component_warning(values["component"], context["rules"].get(rule_id)) \
        if qualification == TECH_AWARDS else None
    if found:
        request["warnings"].append(found)
    if rule_id == SCRIPTS:
        request.update(status="no-deadline", message=context["scripts_note"])
        return request, problems
    ask = {"rule": rule_id, "date": sheet_input.date_text(values["received"]), "nation": context["nation"]}
    if qualification:
        ask["qualification"] = qualification
    if not ask["date"]:
        return None, [{"row": number, "reason": "There is no date Pearson received the request, so it was left out"}]
    answer = context["deadlines"].ask(ask)
    if not answer["ok"]:
        errors = answer["errors"]
        if "qualification" in errors and len(errors) == 1:
            request.update(status="refused", message=errors["qualification"])
            return request, problems
        why = errors.get("date") or errors.get("rule") or next(iter(errors.values()))
        return None, [
            {"row": number, "reason": f"The date Pearson received it: {why[0].lower()}{why[1:]}. This row was left out"}
        ]
    rule = context["rules"][rule_id]
    if rule["starts"] == REQUEST_RECEIVED:
        request["dates"].append(dated(rule_id, answer, context["today"]))
    else:
        # Service 3 runs from the day the moderator receives the original sample, which the sheet
        # does not hold; that is no earlier than the request, so the date is the earliest finish.
        item = dated(rule_id, answer, context["today"],
                     f"counted from the day Pearson received the request; the {rule['days']} days run from "
                     f"the day {rule['starts']}, which is not before that, so Pearson's deadline is this date "
                     "or later (the review may still finish sooner)")
        item["starts"] = REQUEST_RECEIVED
        request["dates"].append(item)
    if rule.get("can_lower") and request["consent"] is not True:
        request["warnings"].append({"code": "consent-not-recorded", "message": context["consent_note"]})
    outcome_text = sheet_input.date_text(values["outcome"])
    if outcome_text and "covers" not in rule:
        request["warnings"].append(
            {
                "code": "no-appeal-date",
                "message": (
                    f"An outcome date is given, but an appeal follows a review of marking or moderation, not "
                    f"{rule['title'].lower()}, so no appeal date is worked out."
                ),
            }
        )
    elif outcome_text:
        appeal_dates(request, number, values, outcome_text, context, problems)
    elif answer["deadline"] < context["today"].isoformat():
        planned = rule["starts"] != REQUEST_RECEIVED
        request["warnings"].append(
            {
                "code": "overdue",
                "message": (
                    f"No outcome date is recorded. Pearson's {rule['days']} days run from the day "
                    f"{rule['starts']}, so its deadline may not have passed yet. Check the request's progress "
                    "on Edexcel Online, or enter the outcome date."
                    if planned else
                    f"Pearson should have finished by {answer['deadline_text']} and no outcome date is recorded. "
                    "Check the request's progress on Edexcel Online, or enter the outcome date."
                ),
            }
        )
    if yes_or_no(values["appeal"]) is True and not outcome_text:
        request["appeal"] = "planned"
        request["warnings"].append(
            {
                "code": "appeal-needs-outcome",
                "message": (
                    "An appeal is planned: enter the date of the review outcome to work out the appeal's dates."
                ),
            }
        )
    return request, problems


def appeal_dates(
    request: dict, number: int, values: dict, outcome_text: str, context: dict, problems: list[dict]
) -> None:
    basis = words_to(BASIS_WORDS, values["basis"]) if values["basis"].strip() else None
    if basis is None:
        basis = "letter-date"
        said = f"“{shown(values['basis'])}” does not say" if values["basis"].strip() else "The sheet does not say"
        request["warnings"].append(
            {
                "code": "basis-assumed",
                "message": (
                    f"{said} which date the outcome date is, so it is taken as the date printed on the outcome letter: "
                    "the earlier, safer date to count the appeal from."
                ),
            }
        )
    answer = context["deadlines"].ask(
        {"rule": APPEAL, "date": outcome_text, "nation": context["nation"], "start_basis": basis}
    )
    if not answer["ok"]:
        problems.append(
            {
                "row": number,
                "reason": f"The outcome date: {lower_first(next(iter(answer['errors'].values())))}. "
                "The appeal's dates were left out",
            }
        )
        return
    request["dates"].append(dated(APPEAL, answer, context["today"]))
    request["start_basis"] = basis
    service = request["dates"][0]  # the service's own date, counted from the request's receipt
    if answer["start"] < service["from"]:
        request["warnings"].append({"code": "outcome-before-request", "message": (
            f"The outcome date, {answer['start_text']}, is before the date Pearson received the request, "
            f"{service['from_text']}: check both dates in the sheet.")})
    planned = yes_or_no(values["appeal"])
    sent = None
    if planned is None and values["appeal"].strip():
        try:
            sent = parse_date(sheet_input.date_text(values["appeal"]))
        except ValueError:
            problems.append(
                {
                    "row": number,
                    "reason": f"“{shown(values['appeal'])}” in the appeal column is neither "
                    "yes, no nor a date; no appeal was planned",
                }
            )
    if planned is not True and sent is None:
        return
    if sent is None and answer["deadline"] < context["today"].isoformat():
        # Planned, never recorded as sent, and the time to appeal is over: no stages to plan.
        request["appeal"] = "planned"
        request["warnings"].append({"code": "appeal-window-passed", "message": (
            f"An appeal is planned, but the last day to appeal, {answer['deadline_text']}, has passed and no date "
            "it was sent is recorded. If it was sent, enter that date in the appeal column; if not, check with "
            "Pearson whether it can still be accepted.")})
        return
    if sent is not None and sent.isoformat() > answer["deadline"]:
        request["warnings"].append({"code": "appeal-late", "message": (
            f"The appeal was sent on {long_date(sent)}, after the last day to appeal, {answer['deadline_text']}: "
            "an appeal must be made within the time limit. Check with Pearson, and check which date the "
            "outcome date is, since the sources count the 30 days from the letter in one place and from its "
            "receipt in another.")})
    elif sent is not None and sent.isoformat() < answer["start"]:
        request["warnings"].append({"code": "appeal-before-outcome", "message": (
            f"The appeal was sent on {long_date(sent)}, before the outcome date, {answer['start_text']}: an "
            "appeal must not be sent until the review's outcome has been received. Check the dates.")})
    request["appeal"] = "sent" if sent else "planned"
    # Each stage starts from the one before it; with no date sent, from the last day to appeal.
    # A stage counted from a last day is a planning date: the latest it could be.
    earlier = {
        None: (sent.isoformat(), None)
        if sent
        else (
            answer["deadline"],
            f"counted as if the appeal reaches Pearson on the last day to appeal, {answer['deadline_text']}",
        )
    }
    for stage in APPEAL_STAGES:
        start, planning = earlier[COUNTED_FROM[stage]]
        step = context["deadlines"].ask({"rule": stage, "date": start, "nation": context["nation"]})
        if not step["ok"]:
            break
        before = COUNTED_FROM[stage]
        if before is not None:
            previous = next(item for item in request["dates"] if item["stage"] == before)
            planning = (
                f"counted as if the step before happens on its last day ({previous['title']}: {previous['date_text']})"
            )
        request["dates"].append(dated(stage, step, context["today"], planning))
        earlier[stage] = (step["deadline"], planning)


def lower_first(text: str) -> str:
    return text[:1].lower() + text[1:]


def shown(text: str) -> str:
    return text if len(text) <= 30 else text[:30] + "…"


# ---------------------------------------------------------------- the whole sheet


def next_date(request: dict, today: date) -> dict | None:
    coming = [item for item in request["dates"] if item["date"] >= today.isoformat()]
    return min(coming, key=lambda item: item["date"]) if coming else None


def uid(request: dict, stage: str) -> str:
    """Stable for the same candidate, component, service and stage, so importing the calendar again
    updates its events rather than doubling them; a digest, so no name goes into an identifier."""
    parts = [" ".join(part.lower().split()) for part in (request["candidate"], request["component"])]
    digest = hashlib.sha256("\x1f".join([*parts, request["rule"], stage]).encode("utf-8")).hexdigest()[:24]
    return ics.uid("post-results", digest)


def calendar(requests: list[dict], today: date) -> str:
    events = []
    for request in requests:
        for item in request["dates"]:
            who = ", ".join(part for part in (request["candidate"], request["component"]) if part)
            planning = f" A planning date, {item['planning']}." if item.get("planning") else ""
            events.append(
                ics.Event(
                    uid=uid(request, item["stage"]),
                    first_day=date.fromisoformat(item["date"]),
                    summary=f"{item['what']}: {who}",
                    description=(
                        f"{item['title']} for {who} ({request['service_title']}). Counted from "
                        f"{item['from_text']}, the day {item['starts']}.{planning} Source: {item['source']}."
                    ),
                )
            )
    return ics.calendar(events, name="Centre Guide: post-results requests", stamp=today)


def results_csv(requests: list[dict], today: date) -> str:
    lines = [
        [
            "Row",
            "Candidate",
            "Qualification",
            "Component",
            "Service",
            "Service as in the sheet",
            "Status",
            *[title for _, title in CSV_STAGES],
            "Next date",
            "Next",
            "Dates already past",
            "Warnings and notes",
        ]
    ]
    for request in requests:
        by_stage = {
            ("service" if item["stage"] == request["rule"] else item["stage"]): item for item in request["dates"]
        }
        coming = next_date(request, today)
        lines.append(
            [
                request["row"],
                request["candidate"],
                request["qualification"],
                request["component"],
                request["service_title"],
                request["service"],
                {"dated": "Dated", "refused": "Refused", "no-deadline": "No date"}[request["status"]],
                *[by_stage[stage]["date"] if stage in by_stage else "" for stage, _ in CSV_STAGES],
                coming["date"] if coming else "",
                coming["what"] if coming else "",
                sum(1 for item in request["dates"] if item["past"]),
                " | ".join([request["message"], *(warning["message"] for warning in request["warnings"]),
                            *(f"{item['title']}: a planning date, {item['planning']}"
                              for item in request["dates"] if item.get("planning"))]).strip(" |"),
            ]
        )
    return sheet_input.csv_text(lines, id_columns=(1,))  # the candidate, often a number


def summary_of(requests: list[dict], due: list[dict], today: date) -> dict:
    return {
        "requests": len(requests),
        "dated": sum(1 for request in requests if request["status"] == "dated"),
        "refused": sum(1 for request in requests if request["status"] == "refused"),
        "no_deadline": sum(1 for request in requests if request["status"] == "no-deadline"),
        "past": sum(1 for request in requests for item in request["dates"] if item["past"]),
        "due_today": sum(1 for item in due if item["date"] == today.isoformat()),
        "consent_not_recorded": sum(
            1 for request in requests if any(w["code"] == "consent-not-recorded" for w in request["warnings"])
        ),
        "next": due[0] if due else None,
    }


def summary_lines(summary: dict, problem_count: int) -> list[str]:
    def plural(count: int, word: str) -> str:
        return f"{count:,} {word}{'' if count == 1 else 's'}"

    lines = [
        f"{plural(summary['requests'], 'request')}: {summary['dated']:,} with dates, {summary['refused']:,} "
        f"refused, {summary['no_deadline']:,} with no date to work out."
    ]
    if summary["next"]:
        coming = summary["next"]
        lines.append(f"Next: {coming['date_text']}: {coming['what']} ({coming['candidate']}, row {coming['row']}).")
    if summary["past"]:
        lines.append(f"{plural(summary['past'], 'date')} already past.")
    if summary["consent_not_recorded"]:
        lines.append(f"{plural(summary['consent_not_recorded'], 'request')} without written consent recorded.")
    if problem_count:
        lines.append(f"{plural(problem_count, 'row')} to check (listed with the reason).")
    return lines


def post_results_requests(inputs: dict) -> dict:
    form = Form(inputs)
    today = form.date("today", required_message="Enter today's date")
    nation = form.choice("nation", NATIONS, required_message="Choose the nation", default=DEFAULT_NATION)
    sheet = sheet_input.read_sheet(
        form, "requests", noun="requests", empty="Paste the requests from your spreadsheet, or choose a file"
    )
    picked = sheet_input.column_choices(form, FIELDS)
    header = sheet_input.header_choice(form)
    form.finish()
    guessed, header_row = sheet_input.guess_columns(sheet, FIELDS, field_of, header)
    chosen = {name: picked.get(name, guessed.get(name)) for name in FIELDS}
    missing = [name for name in NEEDED if chosen[name] is None]
    context = {
        "today": today,
        "nation": nation,
        "deadlines": Deadlines(),
        "rules": deadline_calculator.rules_on(today),
        "services": {rule_id for rule_id, _ in SERVICE_WORDS if rule_id != SCRIPTS},
        "consent_note": consent_note(),
        "scripts_note": scripts_note(),
    }
    context["rules"] = {**deadline_calculator.rule_table(), **context["rules"]}
    requests, problems = [], []
    for number, cells in [] if missing else sheet.rows:
        if number == header_row:
            continue
        values = {name: cell(cells, chosen[name]) for name in FIELDS}
        request, found = read_request(number, values, context)
        problems.extend(found)
        if request:
            requests.append(request)
    # Each request's next date once, here, and not again inside the request: a sheet of 10,000
    # requests is a large answer to send to the page already.
    coming = ((request, next_date(request, today)) for request in requests)
    due = sorted(
        (
            {
                "row": request["row"],
                "candidate": request["candidate"],
                "component": request["component"],
                "service_title": request["service_title"],
                **following,
            }
            for request, following in coming
            if following
        ),
        key=lambda item: (item["date"], item["row"]),
    )
    summary = summary_of(requests, due, today)
    problems.sort(key=lambda problem: problem["row"])
    return {
        "ok": True,
        "today": today.isoformat(),
        "today_text": long_date(today),
        "nation": nation,
        "nation_name": NATIONS[nation],
        "kind": sheet.kind,
        "notes": sheet.notes,
        "header_row": header_row,
        "columns": sheet_input.describe_columns(sheet, header_row),
        "chosen": chosen,
        "fields": [{"field": name, "label": FIELD_LABELS[name]} for name in FIELDS],
        "columns_missing": [{"field": name, "label": FIELD_LABELS[name]} for name in missing],
        "rows": sum(1 for number, _ in sheet.rows if number != header_row),
        "max_rows": MAX_ROWS,
        "requests": requests,
        "due_next": due,
        "summary": summary,
        "summary_lines": summary_lines(summary, len(problems)) if not missing else [missing_message(missing)],
        "problems": problems[:MAX_PROBLEMS_LISTED],
        "problem_count": len(problems),
        "csv": results_csv(requests, today),
        "calendar": calendar(requests, today),
    }


def consent_note() -> str:
    consent = rules.entry("guidance", "consent", "written-consent")
    return (
        f"Written consent is not recorded for this request, and this service can lower the mark as well as "
        f"raise it. {consent['rule']} Source: {rules.cite(consent['source'], consent['section'])}."
    )


def scripts_note() -> str:
    return (
        "The sources give no time within which Pearson provides a copy of a script, so there is no date to "
        "work out. A copy asked for with a Service 1, Service 2 or Priority Service 2 review comes with that "
        f"review. Source: {rules.cite('post-results', 'Free Access to Scripts service')}."
    )


def missing_message(missing: list[str]) -> str:
    named = " and ".join(FIELD_LABELS[name].split(" (")[0].lower() for name in missing)
    return f"Could not tell which column holds the {named}. Choose the columns under “Columns in your sheet”."


CALCULATORS = {"post-results-requests": post_results_requests}
