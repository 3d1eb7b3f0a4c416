"""What a page's Jinja2 template can use: the rules data and a few helpers to show it.

- `rules.<file>.<table>`: the raw data, e.g. `rules.deadlines.deadline` (a list of rules).
- `rule(file, id)`: the entry with that id in that file as it stands now (its newest).
- `history(file, table, id)`: every entry of one id, oldest first (a rule that changed).
- `series_options(blank)`: (code, label) pairs for a series <select>, every series the calculators take.
- `nations()`: (id, name) pairs of the nations with their own bank holidays (calculators/dates.py).
- `question(field)`: one after-January question as the calculator asks it (text, hint, choices).
- `limits`: the calculators' bounds (file size, rows, assessments), for hints and for the page scripts.
- `components`: {component: title} as pages and tables name them ("Component 3 (external)").
- `missing(calculator)`: Python's message for each field left empty, for the mount's data-missing.
- `source(entry)`: the citation for an entry, as the small "Source:" line pages show; a later notice's
  number ("Later notice N4") links to its entry in the sources page's list of notices.
- `cite(source, section)`: the same line for a statement that has no figure to keep in the data.
- `days(entry)`: "10 calendar days", "2 working days", "12 weeks".
- `options(entries)`: (id, title) pairs for a form's choices.
- `edition(*sources)`: the "Based on ..." line naming each source document and its edition, linked
  to the sources page.
- `spell(n)`: a small count in words ("one retake"), so prose reads naturally and still comes from data.
- `money(entry)`: "£140" from an entry's `amount`.
- `day_month(entry)`: "15 December" from an entry's `month` and `day`; `long_date(iso)`: "5 February 2024".
- `when(key_date)`: a key date as precisely as the guide gives it: "15 December", "early September".
- `series(code)`: "December 2025/January 2026" for "2026-01" (calculators/series.py names them).
- `example(name, inputs, keys)`: a calculator's real answer as JSON, for worked examples on pages.
- `upper_first(text)`: capitalise the first letter only ("Early September"), unlike Jinja's `capitalize`.
- `latest(entries)`: one entry per id, the one with the latest `effective_from` (history stays in the data).
"""
from __future__ import annotations

import html
import json
import os
import posixpath
import re
from datetime import date, datetime, timezone

from calculators import dates
from calculators import rules as rules_data
from calculators.series import EARLIEST_YEAR, LATEST_YEAR, Series


def rule(file: str, rule_id: str) -> dict:
    return rules_data.find(file, rule_id)


def nations() -> list[tuple[str, str]]:
    return list(dates.NATIONS.items())


def question(field: str) -> dict:
    from calculators import after_january

    return next(asked for asked in after_january.flow_questions({}) if asked["field"] == field)


def limits() -> dict:
    from calculators import certification, spreadsheet

    return {"file_bytes": spreadsheet.MAX_FILE_BYTES, "file_mb": spreadsheet.MAX_FILE_BYTES // 1048576,
            "rows": spreadsheet.MAX_ROWS, "attempts": certification.MAX_ATTEMPTS}


def missing(calculator: str) -> dict[str, str]:
    """{field: message} that Python gives for each field left empty, written on the calculator's
    mount (data-missing): on a slow connection the page can say at once that a field is empty,
    in Python's own words, rather than after Python's download."""
    from calculators import run

    return run(calculator, {}).get("errors", {})


def components() -> dict[str, str]:
    from calculators import certification

    return {str(number): title for number, title in certification.COMPONENT_TITLES.items()}


def history(file: str, table: str, rule_id: str, subject: str | None = None) -> list[dict]:
    """Every entry of one id, oldest first; `subject` keeps a key date's rows for that subject."""
    where = (lambda entry: subject in entry.get("subjects", [subject])) if subject else None
    return rules_data.history(file, table, rule_id, where=where)


def series_options(blank: str = "Choose a series") -> list[tuple[str, str]]:
    first, last = Series(EARLIEST_YEAR, 1), Series(LATEST_YEAR, 6)
    found = [first]
    while found[-1] < last:
        found.append(found[-1].next())
    return [("", blank)] + [(each.code, f"{each.label} ({each.code})") for each in found]


SOURCES_PAGE = "reference/sources.md"
NOTICE_NUMBER = re.compile(r"\b(N[1-9][0-9]*)\b")


def page_link(page_path: str, target: str, anchor: str = "") -> str:
    """The address of `target` (a page's file in docs/) from the built page of `page_path`, with
    MkDocs' directory addresses: "post-results/reviews.md" is served as post-results/reviews/.

    >>> page_link("post-results/reviews.md", "reference/sources.md", "the-documents")
    '../../reference/sources/#the-documents'
    """
    def folder(path: str) -> str:
        stem = path.removesuffix(".md")
        return posixpath.dirname(stem) if posixpath.basename(stem) == "index" else stem
    relative = posixpath.relpath(folder(target) or ".", folder(page_path) or ".")
    address = "" if relative == "." else relative + "/"
    return address + (f"#{anchor}" if anchor else "") or "./"


def notice_anchor(number: str) -> str:
    return f"notice-{number.lower()}"


# Citations and the edition line are on nearly every page and section, so the site search
# (mkdocs-material's search plugin) leaves them out (data-search-exclude): otherwise they match
# every search for a publisher or a document and show as a result's snippet.
def source(entry: dict, page: str = "") -> str:
    citation = html.escape(rules_data.cite(entry["source"], entry["section"]))
    document = rules_data.load("sources")[entry["source"]]
    numbered = document.get("numbered")
    if numbered:
        # "Later notice N4" links to that notice in the sources page's list, which says what it is.
        citation = re.sub(rf"^{re.escape(html.escape(numbered))} (N[1-9][0-9]*)",
                          lambda found: (f'<a href="{page_link(page, SOURCES_PAGE, notice_anchor(found[1]))}">'
                                         f"{html.escape(numbered)} {found[1]}</a>"), citation)
    short = html.escape(document["short"])
    if citation.startswith(short + ":"):
        # The document's name links to the sources page, which says which edition was read and where.
        citation = f'<a href="{page_link(page, SOURCES_PAGE, "the-documents")}">{short}</a>{citation[len(short):]}'
    return f'<span class="cg-source" data-search-exclude>Source: {citation}</span>'


def cite(source_key: str, section: str, page: str = "") -> str:
    return source({"source": source_key, "section": section}, page)


def days(entry: dict) -> str:
    if entry.get("weeks"):
        return f"{entry['weeks']} weeks"
    count = entry["days"]
    return f"{count} {entry['day_kind']} day{'s' if count != 1 else ''}"


def options(entries: list[dict], value: str = "id", text: str = "title") -> list[tuple[str, str]]:
    """(value, label) pairs for a form's <select> or radios, in the data's order."""
    return [(entry[value], entry[text]) for entry in entries]


_WORDS = ("none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def edition(*sources: str, page: str = "") -> str:
    """ "Based on Pearson's post-results services page (as read in November 2026) and later
    notices from Pearson and JCQ.", each document linked to the sources page."""
    documents = rules_data.load("sources")
    named = []
    for key in sources:
        document = documents[key]
        anchor = "the-later-notices" if document.get("numbered") else "the-documents"
        text = document["based_on"].format(edition=document["edition"])
        named.append(f'<a href="{page_link(page, SOURCES_PAGE, anchor)}">{html.escape(text)}</a>')
    # A comma before the last "and" once there are three: the guide's own name holds a comma.
    listed = named[0] if len(named) == 1 else ", ".join(named[:-1]) + ("," if len(named) > 2 else "") \
        + " and " + named[-1]
    return f'<p class="cg-edition" data-search-exclude>Based on {listed}.</p>'


def spell(count: int) -> str:
    # GOV.UK style writes one to nine in words; larger counts stay as numerals.
    return _WORDS[count] if 0 <= count < 10 else str(count)


def money(entry: dict) -> str:
    # GOV.UK style: no pence on whole pounds.
    amount = entry["amount"]
    return f"£{amount:,}" if amount == int(amount) else f"£{amount:,.2f}"


def day_month(entry: dict) -> str:
    return dates.day_month(entry["month"], entry["day"])


def long_date(iso: str) -> str:
    return dates.day_month_year(date.fromisoformat(str(iso)))


def when(entry: dict) -> str:
    month = dates.MONTH_NAMES[entry["month"] - 1]
    return {"day": day_month(entry), "early": f"early {month}", "month": month}[entry.get("precision", "day")]


def example(name: str, inputs: dict, keys: list[str] | None = None) -> str:
    # Run at build time, so a worked example on a page can never disagree with the calculator.
    from calculators import api

    answer = api.run(name, inputs)
    if keys:
        answer = {key: answer[key] for key in ["ok", *keys] if key in answer}
    return json.dumps(answer, indent=2, ensure_ascii=False)


def series(code: str) -> str:
    return Series.parse(code).label


def upper_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def latest(entries: list[dict]) -> list[dict]:
    return rules_data.latest(entries)


def built_in_academic_year() -> int:
    """The first calendar year of the academic year (September to August) the build falls in:
    the planner's list starts on it, so the page shows a near year before its script picks the
    reader's own. SOURCE_DATE_EPOCH, if set, stands for the build's date (reproducible builds)."""
    epoch = os.environ.get("SOURCE_DATE_EPOCH")
    today = datetime.fromtimestamp(int(epoch), timezone.utc).date() if epoch else date.today()
    return today.year if today.month >= 9 else today.year - 1


def context(page_path: str) -> dict:
    return {
        "rules": rules_data.load_all(),
        "rule": rule,
        "history": history,
        "series_options": series_options,
        "nations": nations,
        "question": question,
        "limits": limits(),
        "components": components(),
        "missing": missing,
        "source": lambda entry: source(entry, page_path),
        "cite": lambda source_key, section: cite(source_key, section, page_path),
        "days": days,
        "options": options,
        "edition": lambda *sources: edition(*sources, page=page_path),
        "spell": spell,
        "money": money,
        "day_month": day_month,
        "long_date": long_date,
        "when": when,
        "latest": latest,
        "upper_first": upper_first,
        "series": series,
        "example": example,
        "page_path": page_path,
        "built_in_academic_year": built_in_academic_year(),
    }
