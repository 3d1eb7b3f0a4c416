"""Certification paths for the BTEC Tech Awards (2022): is a learner's set of attempts allowed,
and which marks would certification use?

Components 1 and 2 are internal (Pearson Set Assignments), component 3 is the external. The
checks, each giving a problem code and what to do about it:

- series-not-available: the subject has no such series for that component (Art and Design has
  no December/January series; creative externals are May/June only; no external before the
  first external series).
- same-series: one component twice in one series (a retake needs a later series).
- retake-limit: more than one retake of an internal component.
- resit-limit: more than one resit of the external (creative subjects: no resit on programme).
- terminal-rule: an internal attempt after the external sitting certification would use.
- external-missing / component-missing: nothing to certificate a component with.

An attempt carries at most one problem (the first found, in the order above), and an attempt
with a problem is left out of the later checks and of what counts. Certification uses the last
allowed external sitting; an internal component counts its best UMS from attempts in or before
that series. Example: standard subject, C1 2025-06 and 2026-06 (retake), C2 2026-01, external
2026-01 only: the C1 retake comes after the terminal external, so "terminal-rule", and what to
do is to enter the external again in 2026-06 (the learner's one resit) or move the retake.
"""
from __future__ import annotations

from . import rules
from .series import Series
from .validate import Form

INTERNAL = (1, 2)
EXTERNAL = 3
COMPONENTS = (1, 2, 3)
# How pages and tables name the components (the page scripts get these from the page).
COMPONENT_TITLES = {1: "Component 1", 2: "Component 2", 3: "Component 3 (external)"}
MAX_ATTEMPTS = 20
MAX_UMS = 1000  # no source states a component's UMS range; this only rejects absurd values


# A cohort of 2,000 learners asks for the same few rules for the same few series thousands of
# times (cohort_certification.py), so each answer is kept, with the data it was found in: a
# test that swaps in changed data (tests/test_rules_in_force.py) gets answers from that data.
_FOUND: dict[tuple, tuple[dict, object]] = {}


def _remembered(key: tuple, find):
    data = rules.load("certification")
    kept = _FOUND.get(key)
    if kept is not None and kept[0] is data:
        return kept[1]
    found = find()
    _FOUND[key] = (data, found)
    return found


def entry(table: str, entry_id: str, series: Series | None = None) -> dict:
    """A certification rule in force for a series; without one, as the rule stands now."""
    if series is None:
        return _remembered(("entry", table, entry_id, None), lambda: rules.entry("certification", table, entry_id))
    return _remembered(("entry", table, entry_id, series),
                       lambda: rules.in_force("certification", table, entry_id, series))


def entries(table: str, series: Series | None = None) -> tuple[dict, ...]:
    """Every rule of one table in force for a series (or as they stand now), in the data's order."""
    return _remembered(("entries", table, series), lambda: tuple(
        rules.newest("certification", table) if series is None else rules.all_in_force("certification", table, series)))


def cite(row: dict) -> str:
    return rules.cite(row["source"], row["section"])


def subject_types() -> dict[str, dict]:
    return {row["id"]: row for row in entries("subject_type")}


def component_name(component: int) -> str:
    return "the external (component 3)" if component == EXTERNAL else f"component {component}"


# --- reading the inputs --------------------------------------------------------------------

def read_subject(form: Form) -> dict | None:
    types = subject_types()
    chosen = form.choice("subject", {key: row["short"] for key, row in types.items()},
                         required_message="Choose the type of subject")
    return types.get(chosen) if chosen else None


def read_component(form: Form, field: str, value: object) -> int | None:
    if isinstance(value, str) and value.strip().isdigit():
        value = int(value.strip())
    if isinstance(value, bool) or value not in COMPONENTS:
        form.fail(field, "Choose component 1, 2 or 3")
        return None
    return int(value)


def read_ums(form: Form, field: str, value: object, row: str = "") -> int | None:
    """`row` ("Row 2: ") heads the message, as the row's other messages are headed."""
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    reader = Form({field: value})
    ums = reader.whole_number(field, label="UMS", minimum=0, maximum=MAX_UMS, required_message="")
    for key, message in reader.errors.items():
        form.fail(key, row + message)
    return ums


ADDRESS_FORM = "component:series:UMS, separated by commas, for example 1:2025-06:45,2:2026-01,3:2026-06"


def attempts_from_text(text: str) -> list[dict] | None:
    """The rows as a page address carries them: "1:2025-06:45,3:2026-06" is component 1 in
    2025-06 with 45 UMS, then the external in 2026-06 with no UMS yet. None if a row has no colon.

    >>> attempts_from_text("1:2025-06:45, 3:2026-06")
    [{'component': '1', 'series': '2025-06', 'ums': '45'}, {'component': '3', 'series': '2026-06', 'ums': ''}]
    """
    rows = []
    for part in text.split(","):
        pieces = [piece.strip() for piece in part.split(":")]
        if not part.strip() and len(text.split(",")) > 1:
            continue
        if len(pieces) not in (2, 3):
            return None
        rows.append({"component": pieces[0], "series": pieces[1], "ums": pieces[2] if len(pieces) == 3 else ""})
    return rows


def read_attempts(form: Form, raw: object, *, field: str = "attempts") -> list[dict]:
    """Rows of {component, series, ums?}, or the same as text (`attempts_from_text`); errors are
    keyed "attempts-<row>-<part>" for the page."""
    if isinstance(raw, str) and raw.strip():
        if len(raw) > MAX_ATTEMPTS * 40:
            form.fail(field, f"Enter {MAX_ATTEMPTS} assessments or fewer: no learner can have more")
            return []
        raw = attempts_from_text(raw)
        if raw is None:
            form.fail(field, f"Write each assessment as {ADDRESS_FORM}")
            return []
    elif isinstance(raw, str):
        raw = None
    if raw is None:
        form.fail(field, "Add at least one assessment: a component and its series")
        return []
    if not isinstance(raw, list):
        form.fail(field, "The assessments must be a list of rows, each with a component and a series")
        return []
    if len(raw) > MAX_ATTEMPTS:
        form.fail(field, f"Enter {MAX_ATTEMPTS} assessments or fewer: no learner can have more")
        return []
    attempts = []
    for row_index, row in enumerate(raw):
        prefix = f"{field}-{row_index}"
        if not isinstance(row, dict):
            form.fail(prefix + "-component", f"Row {row_index + 1}: enter a component and a series")
            continue
        component = read_component(form, prefix + "-component", row.get("component"))
        series = None
        try:
            series = Series.read(row.get("series"))
        except ValueError as problem:
            form.fail(prefix + "-series", f"Row {row_index + 1}: {problem}")
        ums = read_ums(form, prefix + "-ums", row.get("ums"), f"Row {row_index + 1}: ")
        if component is not None and series is not None:
            attempts.append({"row": row_index, "component": component, "series": series, "ums": ums})
    if not raw:
        form.fail(field, "Add at least one assessment: a component and its series")
    return attempts


# --- the checks ----------------------------------------------------------------------------

def next_available(subject: dict, component: int, after: Series) -> Series:
    months = subject["internal_months"] if component in INTERNAL else subject["external_months"]
    candidate = after
    while candidate.month not in months or (
            component == EXTERNAL and candidate < Series.parse(subject["first_external_series"])):
        candidate = candidate.next()
    return candidate


def availability_problem(subject: dict, attempt: dict) -> dict | None:
    component, series = attempt["component"], attempt["series"]
    internal = component in INTERNAL
    months = subject["internal_months"] if internal else subject["external_months"]
    first_external = Series.parse(subject["first_external_series"])
    if series.month in months and (internal or series >= first_external):
        return None
    instead = next_available(subject, component, series)
    if series.month not in months:
        why = (f"{subject['phrase']} has no December/January series"
               if 1 not in subject["internal_months"] + subject["external_months"] else
               f"for {subject['phrase']}, {component_name(component)} is assessed in "
               f"{' and '.join(month_label(month) for month in months)} only")
        why = why[0].upper() + why[1:]
    else:
        why = f"The first external assessment for {subject['phrase']} was in {first_external.label}"
    return problem("series-not-available", attempt,
                   f"{component_name(component).capitalize()} cannot be assessed in {series.label}. {why}.",
                   f"Move it to {instead.label} ({instead.code}) or a later series this subject has.",
                   subject)


def month_label(month: int) -> str:
    return "December/January" if month == 1 else "May/June"


def problem(code: str, attempt: dict | None, message: str, todo: str, rule: dict) -> dict:
    found = {"code": code, "message": message, "todo": todo, "source": cite(rule)}
    if attempt is not None:
        found.update(row=attempt["row"], component=attempt["component"], series=attempt["series"].code)
    return found


def check(subject: dict, attempts: list[dict]) -> dict:
    """Check a learner's attempts; see the module's docstring for the rules and their order."""
    # The rules in force for the plan's last series: when the learner's certification is claimed.
    at = max((attempt["series"] for attempt in attempts), default=None)
    subject = entry("subject_type", subject["id"], at)
    limits = {row["id"]: row for row in entries("limit", at)}
    terminal = entry("terminal_rule", "terminal-rule", at)
    problems: list[dict] = []
    ordered = sorted(attempts, key=lambda attempt: (attempt["series"], attempt["row"]))
    allowed: list[dict] = []
    seen: dict[tuple[int, Series], dict] = {}
    taken: dict[int, list[dict]] = {component: [] for component in COMPONENTS}
    external_allowed = 1 + subject["resits_on_programme"]

    for attempt in ordered:
        component, series = attempt["component"], attempt["series"]
        found = availability_problem(subject, attempt)
        if found is None and (component, series) in seen:
            found = problem("same-series", attempt,
                            f"{component_name(component).capitalize()} is entered twice in {series.label}.",
                            "Remove one of them. A retake must be in a later series, with that series' new "
                            "assignment or paper.", limits["later-series"])
        if found is None and component in INTERNAL and len(taken[component]) >= 1 + limits["internal-retakes"]["count"]:
            first, retake = taken[component][0]["series"], taken[component][1]["series"]
            found = problem("retake-limit", attempt,
                            f"This would be a second retake of component {component}: the learner took it in "
                            f"{first.label} and retook it in {retake.label}.",
                            "Remove this attempt. Each internal component may be retaken once; the better "
                            "of the two UMS marks counts.", limits["internal-retakes"])
        if found is None and component == EXTERNAL and len(taken[EXTERNAL]) >= external_allowed:
            sittings = " and ".join(earlier["series"].label for earlier in taken[EXTERNAL])
            if subject["resits_on_programme"]:
                message = (f"This would be a second resit of the external: the learner sat it in {sittings}.")
                todo = "Remove this sitting. The external may be resat once; certification uses the last sitting."
            else:
                message = (f"There is no resit of the external within the programme for {subject['phrase']}, "
                           f"and the learner sat it in {sittings}.")
                todo = ("Keep one sitting, in May/June at the end of the programme. Ask Pearson before "
                        "entering a learner for the external a second time.")
            found = problem("resit-limit", attempt, message, todo, limits["external-resits"])
        seen.setdefault((component, series), attempt)
        if found:
            problems.append(found)
            continue
        taken[component].append(attempt)
        allowed.append(attempt)

    externals = taken[EXTERNAL]
    certification = externals[-1]["series"] if externals else None
    resits_left = external_allowed - len(externals)
    for attempt in allowed:
        if certification is None or attempt["component"] == EXTERNAL or attempt["series"] <= certification:
            continue
        series = attempt["series"]
        if resits_left > 0:
            retry = next_available(subject, EXTERNAL, series)
            todo = (f"Enter the external again in {retry.label} ({retry.code}) or later, so that it is the "
                    f"last assessment, or move this attempt to {certification.label} or earlier.")
        else:
            todo = (f"Move this attempt to {certification.label} or earlier, or leave it out: the learner "
                    "has no resit of the external left to take after it.")
        problems.append(problem(
            "terminal-rule", attempt,
            f"Component {attempt['component']} in {series.label} comes after the external in "
            f"{certification.label}, the sitting certification would use.", todo, terminal))

    if not taken[EXTERNAL] and not any(attempt["component"] == EXTERNAL for attempt in attempts):
        problems.append(problem("external-missing", None, "There is no sitting of the external (component 3).",
                                "Enter the learner for the external in the last series of the programme, "
                                "after or with the internal components.",
                                entry("counting", "claim-in-terminal-series", at)))
    for component in INTERNAL:
        if not any(attempt["component"] == component for attempt in attempts):
            problems.append(problem("component-missing", None, f"There is no assessment of component {component}.",
                                    f"Add component {component}, assessed in or before the series of the "
                                    "external that certification uses.", terminal))

    terminal_problems = {(found["row"]) for found in problems if found["code"] == "terminal-rule"}
    counted = [attempt for attempt in allowed if attempt["row"] not in terminal_problems]
    options, options_note = january_options(externals, counted, at)
    if options and terminal_problems:
        # An assessment after the January external: claiming on January would break the terminal
        # rule, so the options wait until the plan is put right.
        options, options_note = [], ("The options for certificating after a January sitting apply once the "
                                     "external is the learner's last assessment: put the terminal rule problem "
                                     "above right first.")
    return {
        "valid": not problems,
        "problems": sorted(problems, key=lambda found: (found.get("series") or "9999", found.get("row", -1))),
        "counts": counts(counted, certification, at),
        "certification_series": certification.code if certification else None,
        "certification_label": certification.label if certification else None,
        "options": options,
        "options_note": options_note,
        "attempts": describe(ordered, problems, allowed),
    }


def counts(counted: list[dict], certification: Series | None, at: Series | None) -> dict:
    best_rule = entry("counting", "internal-best-ums", at)
    external_rule = entry("counting", "external-certification-sitting", at)
    result = {}
    for component in INTERNAL:
        mine = [attempt for attempt in counted if attempt["component"] == component]
        marked = [attempt for attempt in mine if attempt["ums"] is not None]
        best = max(marked, key=lambda attempt: (attempt["ums"], -attempt["series"].year, -attempt["series"].month),
                   default=None)
        result[str(component)] = {
            "series": best["series"].code if best else None,
            "ums": best["ums"] if best else None,
            "pending": [attempt["series"].code for attempt in mine if attempt["ums"] is None],
            "rule": best_rule["title"], "source": cite(best_rule),
        }
    sitting = next((attempt for attempt in counted
                    if attempt["component"] == EXTERNAL and attempt["series"] == certification), None)
    result[str(EXTERNAL)] = {
        "series": certification.code if certification else None,
        "ums": sitting["ums"] if sitting else None,
        "pending": [certification.code] if sitting and sitting["ums"] is None else [],
        "rule": external_rule["title"], "source": cite(external_rule),
    }
    return result


def describe(ordered: list[dict], problems: list[dict], allowed: list[dict]) -> list[dict]:
    """Each attempt in series order, with what kind of attempt it is and its problem code if any."""
    codes = {}
    for found in problems:
        if "row" in found:
            codes.setdefault(found["row"], found["code"])
    allowed_rows = {attempt["row"] for attempt in allowed}
    seen: dict[int, int] = {}
    described = []
    for attempt in ordered:
        component = attempt["component"]
        number = seen.get(component, 0)
        if attempt["row"] in allowed_rows:
            seen[component] = number + 1
        kind = "first" if number == 0 else ("resit" if component == EXTERNAL else "retake")
        described.append({
            "row": attempt["row"], "component": component, "series": attempt["series"].code,
            "series_label": attempt["series"].label, "ums": attempt["ums"], "kind": kind,
            "problem": codes.get(attempt["row"]),
        })
    return described


def january_options(externals: list[dict], counted: list[dict], at: Series | None) -> tuple[list[dict], str | None]:
    """The guide's options when the first external sitting is in January and a resit follows, and
    a note where the guide gives none: it describes them for a resit in May/June only."""
    january = next((attempt for attempt in externals if attempt["series"].is_january), None)
    if january is None:
        return [], None
    later = [attempt for attempt in externals if attempt["series"] > january["series"]]
    resit = later[0] if later else None
    if resit is not None and resit["series"].is_january:
        return [], (f"The guide sets out the certification options for a January sitting followed by a resit in "
                    f"May/June. This learner's resit is in {resit['series'].label}, which it does not cover: "
                    "ask Pearson how to claim before making the entry.")
    wanted = ("claim-after-resit", "claim-now-recertificate") if later else ("claim-january",)
    certificates = {attempt["series"]: certificate_total(counted, attempt) for attempt in (january, resit) if attempt}
    return [option_outcome(row, january, resit, certificates)
            for row in entries("january_option", at) if row["id"] in wanted], None


def certificate_total(counted: list[dict], external: dict) -> int | None:
    """The UMS a certificate claimed on this external sitting adds up to: the best UMS of each
    internal component assessed by then, and the sitting's own. None if any part is not known."""
    parts = [external["ums"]]
    for component in INTERNAL:
        marks = [attempt["ums"] for attempt in counted if attempt["component"] == component
                 and attempt["series"] <= external["series"]]
        parts.append(None if not marks or None in marks else max(marks))
    return None if None in parts else sum(parts)


def option_outcome(row: dict, january: dict, resit: dict | None, certificates: dict | None = None) -> dict:
    def sitting(which: str) -> dict | None:
        chosen = {"january": january, "resit": resit}.get(which)
        if which == "higher" and resit is not None:
            # The learner holds both certificates and uses the higher result (the guide's
            # Certification section): a retaken internal can make the later one higher even
            # when its external mark is lower, so whole certificates are compared.
            totals = certificates or {}
            first, second = totals.get(january["series"]), totals.get(resit["series"])
            if first is None or second is None:
                return {"series": None, "ums": None, "text": "whichever of the two certificates is higher"}
            if first == second:
                return {"series": None, "ums": None,
                        "text": f"either certificate: both add up to {first} UMS"}
            chosen = january if first > second else resit
            return {"series": chosen["series"].code, "ums": None,
                    "text": f"the {chosen['series'].label} certificate, the higher: {max(first, second)} UMS "
                            f"in all against {min(first, second)} (the grades may still be the same)"}
        if chosen is None:
            return None
        return {"series": chosen["series"].code, "ums": chosen["ums"], "text": chosen["series"].label}

    return {
        "id": row["id"], "title": row["title"], "action": row["action"], "certificates": row["certificates"],
        "warning": row.get("warning"), "can_go_back": row["can_go_back"],
        "performance_tables": sitting(row["performance_tables_use"]),
        "learner_uses": sitting(row["learner_uses"]),
        "source": cite(row),
    }


# --- the calculators at the door -----------------------------------------------------------

def certification(inputs: dict) -> dict:
    form = Form(inputs)
    subject = read_subject(form)
    attempts = read_attempts(form, inputs.get("attempts"))
    form.finish()
    checked = check(subject, attempts)
    return {"ok": True, "subject": subject["id"], "subject_title": subject["title"], **checked,
            "next": next_steps(subject, attempts, checked)}


def next_steps(subject: dict, attempts: list[dict], checked: dict) -> list[dict]:
    """A link on to the after-January questions where they apply: the answer has January options,
    or a problem is about a January sitting of the external (or about an internal after one).
    The link fills in what the path already says: the subject, the January series and whether
    it was the learner's first sitting of the external."""
    externals = sorted(attempt["series"] for attempt in attempts if attempt["component"] == EXTERNAL)
    januaries = [series for series in externals if series.is_january]
    # Not for the terminal rule: the learner must resit after the late assessment, and the
    # questions would offer claiming on January, which that rules out.
    about_january = any(found.get("component") == EXTERNAL and Series.parse(found["series"]).is_january
                        for found in checked["problems"] if "series" in found and found["code"] != "terminal-rule")
    if not januaries or not (checked["options"] or about_january):
        return []
    inputs = {"subject": subject["id"]}
    january = januaries[0]
    # A subject that sits the external in January gets the questions about it, filled in so far.
    if 1 in subject["external_months"] and january >= Series.parse(subject["first_external_series"]):
        inputs.update(series=january.code, first="yes" if january == externals[0] else "no")
        text = "After a January external: claim certification now, or wait for the resit?"
    else:
        text = "After a January external: what it means for this subject"
    return [{"text": text, "calculator": "after-january", "inputs": inputs}]



# --- after a January external: the question flow -------------------------------------------
# One question at a time. The page sends every answer so far (from its URL), plus `at`: the


CALCULATORS = {"certification": certification}
