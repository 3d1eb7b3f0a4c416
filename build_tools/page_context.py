"""What a page's Jinja2 template can use: the rules data and a few helpers to show it.

- `rules.<file>.<table>`: the raw data, e.g. `rules.deadlines.deadline` (a list of rules).
- `rule(file, id)`: the one entry with that id in that file.
- `source(entry)`: the citation for an entry, as the small "Source:" line pages show.
- `days(entry)`: "10 calendar days", "2 working days", "12 weeks".
- `options(entries)`: (id, title) pairs for a form's choices.
"""
from __future__ import annotations

import html

from calculators import rules as rules_data


def rule(file: str, rule_id: str) -> dict:
    for value in rules_data.load(file).values():
        if isinstance(value, list):
            for entry in value:
                if isinstance(entry, dict) and entry.get("id") == rule_id:
                    return entry
    raise KeyError(f"no rule {rule_id!r} in calculators/rules/{file}.toml")


def source(entry: dict) -> str:
    citation = rules_data.cite(entry["source"], entry["section"])
    return f'<span class="cg-source">Source: {html.escape(citation)}</span>'


def days(entry: dict) -> str:
    if entry.get("weeks"):
        return f"{entry['weeks']} weeks"
    count = entry["days"]
    return f"{count} {entry['day_kind']} day{'s' if count != 1 else ''}"


def options(entries: list[dict], value: str = "id", text: str = "title") -> list[tuple[str, str]]:
    """(value, label) pairs for a form's <select> or radios, in the data's order."""
    return [(entry[value], entry[text]) for entry in entries]


def context(page_path: str) -> dict:
    return {
        "rules": rules_data.load_all(),
        "rule": rule,
        "source": source,
        "days": days,
        "options": options,
        "page_path": page_path,
    }
