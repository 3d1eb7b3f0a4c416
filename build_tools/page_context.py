"""What a page's Jinja2 template can use: the rules data and a few helpers to show it.

- `rules.<file>.<table>`: the raw data, e.g. `rules.deadlines.deadline` (a list of rules).
- `rule(file, id)`: the entry with that id in that file as it stands now (its newest).
- `history(file, table, id)`: every entry of one id, oldest first (a rule that changed).
- `series_options(blank)`: (code, label) pairs for a series <select>, every series the calculators take.
- `nations()`: (id, name) pairs of the nations with their own bank holidays (calculators/dates.py).
- `question(field)`: one after-January question as the calculator asks it (text, hint, choices).
- `limits`: the calculators' bounds (file size, rows, assessments), for hints and for the page scripts.
- `components`: {component: title} as pages and tables name them ("Component 3 (external)").
- `source(entry)`: the citation for an entry, as the small "Source:" line pages show.
- `cite(source, section)`: the same line for a statement that has no figure to keep in the data.
- `days(entry)`: "10 calendar days", "2 working days", "12 weeks".
- `options(entries)`: (id, title) pairs for a form's choices.
- `edition(*sources)`: the "This page follows" line naming each source document's edition.
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
from datetime import date

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


def components() -> dict[str, str]:
    from calculators import certification

    return {str(number): title for number, title in certification.COMPONENT_TITLES.items()}


def history(file: str, table: str, rule_id: str) -> list[dict]:
    return rules_data.history(file, table, rule_id)


def series_options(blank: str = "Choose a series") -> list[tuple[str, str]]:
    first, last = Series(EARLIEST_YEAR, 1), Series(LATEST_YEAR, 6)
    found = [first]
    while found[-1] < last:
        found.append(found[-1].next())
    return [("", blank)] + [(each.code, f"{each.label} ({each.code})") for each in found]


# Citations and the edition line are on nearly every page and section, so the site search
# (mkdocs-material's search plugin) leaves them out (data-search-exclude): otherwise they match
# every search for a publisher or a document and show as a result's snippet.
def source(entry: dict) -> str:
    citation = rules_data.cite(entry["source"], entry["section"])
    return f'<span class="cg-source" data-search-exclude>Source: {html.escape(citation)}</span>'


def cite(source_key: str, section: str) -> str:
    return source({"source": source_key, "section": section})


def days(entry: dict) -> str:
    if entry.get("weeks"):
        return f"{entry['weeks']} weeks"
    count = entry["days"]
    return f"{count} {entry['day_kind']} day{'s' if count != 1 else ''}"


def options(entries: list[dict], value: str = "id", text: str = "title") -> list[tuple[str, str]]:
    """(value, label) pairs for a form's <select> or radios, in the data's order."""
    return [(entry[value], entry[text]) for entry in entries]


_WORDS = ("none", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def edition(*sources: str) -> str:
    documents = rules_data.load("sources")
    named = "; ".join(
        f"{html.escape(documents[key]['short'])} ({html.escape(documents[key]['edition'])})" for key in sources)
    return f'<p class="cg-edition" data-search-exclude>This page follows: {named}.</p>'


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
        "source": source,
        "cite": cite,
        "days": days,
        "options": options,
        "edition": edition,
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
    }
