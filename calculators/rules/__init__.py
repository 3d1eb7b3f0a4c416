"""The rules data, and the one way to ask which rule applies.

Each `*.toml` file in this folder holds tables of entries (`[[deadline]]`, `[[sample_table]]`, ...).
Every dated entry says from when it applies, in one vocabulary:

- `effective_from`: a date ("2024-03-13") or a series ("2026-01", see calculators/series.py);
  every entry of one table uses the same kind;
- `until` (optional, same kind, inclusive): the last day or series it applies to. Without it an
  entry applies until a later entry with the same `id` takes over.

A rule changes by appending an entry with the same `id` and a later `effective_from`; an entry that
has applied is never edited, so answers for earlier dates stay as they were.

Before an id's first entry there is no rule, unless the file lists the table under
`first_entry_applies_earlier`: there the data's first entry stands for the years before it, because
its `effective_from` only marks where the project's sources begin (the 2023–24 editions) and the
calculators are asked about earlier dates too (a request sent in August 2023).

    in_force("deadlines", "deadline", "romm-service-1", date(2025, 8, 21))   the entry on that day
    in_force("sample_sizes", "sample_table", "table", Series.parse("2026-01"))  ... for that series
    history("key_dates", "key_date", "marks-and-sample-may-jun")              every entry, oldest first
    newest("deadlines", "deadline")                                          one per id, the latest
    entry("deadlines", "qualification", "btec-tech-awards")                  an undated entry by id

A date entry asked about a series is compared with the series' first day (`Series.first_day`).
`load` gives a file's raw tables, for reading whole tables (the site build renders pages from them).
"""
from __future__ import annotations

import tomllib
from datetime import date
from functools import lru_cache
from pathlib import Path
from typing import Callable, Union

from ..series import Series

RULES_DIR = Path(__file__).parent

Moment = Union[date, Series]
# When a rule is asked for: a date or a series, or a function giving one per entry (a key date
# applies in a year if it had taken effect by the day it names in that year).
On = Union[Moment, Callable[[dict], Moment]]


class NotInForce(KeyError):
    """No entry with this id applies at that moment (or there is no such id)."""


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    with open(RULES_DIR / f"{name}.toml", "rb") as handle:
        return tomllib.load(handle)


def load_all() -> dict[str, dict]:
    return {path.stem: load(path.stem) for path in sorted(RULES_DIR.glob("*.toml"))}


def cite(source: str, section: str) -> str:
    """The citation a reader sees: "Pearson, Post-results services: Appeals: time limits". A
    numbered notice is named by its number and what it is: "Later notice N3: Pearson appeals web form"."""
    document = load("sources")[source]
    number, _, rest = section.partition(": ")
    if document.get("numbered") and rest and notice(number):
        return f"{document['numbered']} {number}: {rest}"
    return f"{document['short']}: {section}"


def notice(number: str) -> dict | None:
    """A later notice by its number ("N4"), as the sources page lists it."""
    for source in load("sources").values():
        for item in source.get("notice", []):
            if item["number"] == number:
                return item
    return None


def table(file: str, name: str) -> list[dict]:
    """Every entry of one table, in the data's order."""
    return load(file)[name]


def moment(text: str) -> Moment:
    """An `effective_from` or `until` value: "2026-01" is a series, "2024-03-13" a date."""
    text = str(text)
    return Series.parse(text) if len(text) == 7 else date.fromisoformat(text)


def starts(entry: dict) -> Moment:
    return moment(entry["effective_from"])


def ends(entry: dict) -> Moment | None:
    return moment(entry["until"]) if "until" in entry else None


def _comparable(at: Moment, kind: Moment) -> Moment:
    if isinstance(kind, Series) and not isinstance(at, Series):
        raise TypeError("a table dated by series is asked about a series, not a date")
    return at.first_day if isinstance(at, Series) and not isinstance(kind, Series) else at


def applies(entry: dict, at: Moment) -> bool:
    first = starts(entry)
    at = _comparable(at, first)
    last = ends(entry)
    return first <= at and (last is None or at <= last)


def pick(entries: list[dict], on: On, *, earlier: bool = False) -> dict | None:
    """Of one id's entries, the one in force: the latest to have taken effect and not ended
    (on a tie, the later in the data). With `earlier`, a moment before the first entry gets it."""
    chosen = None
    for candidate in entries:
        at = on(candidate) if callable(on) else on
        if applies(candidate, at) and (chosen is None or starts(candidate) >= starts(chosen)):
            chosen = candidate
    if chosen is None and earlier and entries:
        first = min(entries, key=starts)
        at = on(first) if callable(on) else on
        if _comparable(at, starts(first)) < starts(first):
            chosen = first
    return chosen


def _earlier(file: str, name: str) -> bool:
    return name in load(file).get("first_entry_applies_earlier", [])


def _grouped(file: str, name: str, where: Callable[[dict], bool] | None) -> dict[str, list[dict]]:
    groups: dict[str, list[dict]] = {}
    for candidate in table(file, name):
        if where is None or where(candidate):
            groups.setdefault(candidate["id"], []).append(candidate)
    return groups


def in_force(file: str, name: str, entry_id: str, on: On, *, where: Callable[[dict], bool] | None = None) -> dict:
    """The entry of `entry_id` that applies `on` a date or series; NotInForce if none does.
    `where` narrows the entries first (a key date's subjects)."""
    chosen = pick(_grouped(file, name, where).get(entry_id, []), on, earlier=_earlier(file, name))
    if chosen is None:
        raise NotInForce(f"no {name} {entry_id!r} in force in rules/{file}.toml at {on}")
    return chosen


def all_in_force(file: str, name: str, on: On, *, where: Callable[[dict], bool] | None = None) -> list[dict]:
    """One entry per id, each the one in force; ids with none in force are left out. Data order."""
    found = (pick(entries, on, earlier=_earlier(file, name)) for entries in _grouped(file, name, where).values())
    return [chosen for chosen in found if chosen is not None]


def history(file: str, name: str, entry_id: str, *, where: Callable[[dict], bool] | None = None) -> list[dict]:
    """Every entry of one id, oldest first: what the "what changed" pages show."""
    entries = _grouped(file, name, where).get(entry_id, [])
    if not entries:
        raise NotInForce(f"no {name} {entry_id!r} in rules/{file}.toml")
    return sorted(entries, key=starts)


def newest(file: str, name: str) -> list[dict]:
    """One entry per id, the latest to take effect: the rules as they stand in the data."""
    return latest(table(file, name))


def latest(entries: list[dict]) -> list[dict]:
    """Of any entries, one per id, the one with the latest `effective_from`, in the data's order."""
    chosen: dict[str, dict] = {}
    for candidate in entries:
        current = chosen.get(candidate["id"])
        if current is None or ("effective_from" in candidate and starts(candidate) > starts(current)):
            chosen[candidate["id"]] = candidate
    return [candidate for candidate in entries if chosen[candidate["id"]] is candidate]


def entry(file: str, name: str, entry_id: str) -> dict:
    """An entry by id in a table whose entries are not dated (qualifications, subjects), or the
    newest entry of a dated one."""
    found = [candidate for candidate in table(file, name) if candidate.get("id") == entry_id]
    if not found:
        raise NotInForce(f"no {name} {entry_id!r} in rules/{file}.toml")
    return latest(found)[0] if "effective_from" in found[0] else found[0]


def find(file: str, entry_id: str) -> dict:
    """The newest entry with this id in any table of a file (for pages, which name a rule by id)."""
    for name, value in load(file).items():
        if isinstance(value, list) and any(isinstance(item, dict) and item.get("id") == entry_id for item in value):
            return entry(file, name, entry_id)
    raise NotInForce(f"no rule {entry_id!r} in calculators/rules/{file}.toml")


def titles(file: str, name: str) -> dict[str, str]:
    """{id: title} for a table's choices (a form's options), in the data's order."""
    return {candidate["id"]: candidate["title"] for candidate in newest(file, name)}
