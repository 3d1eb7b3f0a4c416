"""The "after-january" calculator: one question at a time, what to do after a January external.

The page sends every answer so far (from its URL), plus `at`: the question the user has just
answered, so a blank answer there is an error rather than the next question. Answers to questions
the route no longer asks are ignored. Only standard subjects have a January external; the
outcomes are the guide's certification options (rules/certification.toml, [[january_option]]).
"""
from __future__ import annotations

from .certification import EXTERNAL, cite, entry, option_outcome, subject_types
from .series import Series
from .validate import Form

YES_NO = {"yes": "Yes", "no": "No"}


def flow_questions(answers: dict) -> list[dict]:
    """The questions in order, with wording that depends on earlier answers."""
    series = answers.get("series")
    resit_series = series.next().label if isinstance(series, Series) else "the May/June series"
    return [
        {"field": "subject", "text": "What type of subject is it?", "error": "Select the type of subject",
         "choices": {key: row["title"] for key, row in subject_types().items()}},
        {"field": "series", "text": "Which January series did the learner sit the external in?",
         "hint": "For example, 2026-01 for January 2026.", "error": "Enter the January series, for example 2026-01"},
        {"field": "first", "text": "Was that the learner's first sitting of the external?", "choices": YES_NO,
         "error": "Select yes if January was the learner's first sitting of the external"},
        {"field": "happy", "text": "Is the learner happy with their January result?", "choices": YES_NO,
         "error": "Select yes if the learner is happy with their January result"},
        {"field": "resit", "text": f"Will the learner resit the external in {resit_series}?", "choices": YES_NO,
         "error": f"Select yes if the learner will resit the external in {resit_series}"},
    ]


def read_flow_answer(form: Form, question: dict, raw: object):
    field = question["field"]
    if field == "series":
        series = form.series(field, required_message="Enter the January series, for example 2026-01")
        if series is None:
            return None
        first = Series.parse(subject_types()["standard"]["first_external_series"])
        if not series.is_january:
            form.fail(field, "Enter a December/January series, for example 2026-01: this is about a January sitting")
            return None
        if series < first:
            form.fail(field, f"The first January external was in {first.label}: enter {first.code} or later")
            return None
        return series
    if not isinstance(raw, str) or raw.strip() not in question["choices"]:
        form.fail(field, question["error"])
        return None
    return raw.strip()


def flow_route(answers: dict) -> str | None:
    """The outcome the answers so far lead to, or None while a question is still needed."""
    if answers.get("subject") not in (None, "standard"):
        return "no-january-external"
    if answers.get("first") == "no" or answers.get("happy") == "yes" or answers.get("resit") == "no":
        return "claim-january"
    if answers.get("resit") == "yes":
        return "options"
    return None


def after_january(inputs: dict) -> dict:
    form = Form(inputs)
    at = inputs.get("at")
    answers: dict = {}
    asked: list[dict] = []
    waiting = None
    for index in range(len(flow_questions(answers))):
        question = flow_questions(answers)[index]
        raw = inputs.get(question["field"])
        if raw is None or (isinstance(raw, str) and not raw.strip()):
            if question["field"] == at:
                form.fail(question["field"], question["error"])
            waiting = question
            break
        value = read_flow_answer(form, question, raw)
        if value is None:
            waiting = question
            break
        answers[question["field"]] = value
        asked.append(question)
        if flow_route(answers):
            break
    form.finish()

    route = None if waiting else flow_route(answers)
    return {
        "ok": True,
        "next": waiting["field"] if waiting else None,
        "question": waiting,
        "answers": [dict(question, answer=answer_value(answers[question["field"]]),
                         answer_text=answer_text(question, answers[question["field"]])) for question in asked],
        "outcome": flow_outcome(route, answers) if route else None,
    }


def answer_value(value: object) -> str:
    return value.code if isinstance(value, Series) else str(value)


def answer_text(question: dict, value: object) -> str:
    if isinstance(value, Series):
        return value.label
    return question.get("choices", {}).get(value, str(value))


def flow_outcome(route: str, answers: dict) -> dict:
    subject = subject_types()[answers["subject"]]
    if route == "no-january-external":
        row = subject_types()[subject["id"]]
        return {"id": route, "title": "There is no January external for this subject",
                "summary": f"For {subject['phrase']}, the external assessment is sat in May/June only, so there "
                           "is no January result to decide about. Claim certification in the May/June series in "
                           "which the learner sits the external.",
                "options": [], "sources": [cite(row)]}
    january = {"row": 0, "component": EXTERNAL, "series": answers["series"], "ums": None}
    at = answers["series"]
    claim = entry("january_option", "claim-january", at)
    if route == "claim-january":
        if answers.get("first") == "no":
            why = ("The learner has already used their one resit of the external, so this January sitting is "
                   "their last. Claim certification on it now, in the late certification window.")
            sources = [cite(entry("limit", "external-resits", at)), cite(claim)]
        elif answers.get("happy") == "yes":
            why = "The learner is happy with the January result: claim certification on it now."
            sources = [cite(claim)]
        else:
            why = ("The learner will not resit, so the January result is the one to certificate on: "
                   "claim now, in the late certification window.")
            sources = [cite(claim)]
        return {"id": route, "title": "Claim certification now", "summary": why,
                "options": [option_outcome(claim, january, None)], "sources": sources}
    resit = {"row": 1, "component": EXTERNAL, "series": answers["series"].next(), "ums": None}
    options = [option_outcome(entry("january_option", key, at), january, resit)
               for key in ("claim-after-resit", "claim-now-recertificate")]
    return {"id": route, "title": "Choose how to certificate",
            "summary": f"The learner sat the external in {answers['series'].label} and will resit it in "
                       f"{resit['series'].label}. There are two ways to certificate; compare them before "
                       "making the resit entry.",
            "options": options, "sources": sorted({option["source"] for option in options})}


CALCULATORS = {"after-january": after_january}
