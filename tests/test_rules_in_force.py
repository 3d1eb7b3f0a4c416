"""The one rules API: which entry is in force on a date or for a series, for every table.

A maintainer changes a rule by appending an entry with the same id and a later `effective_from`.
These tests append such an entry to a copy of the data and check that answers before its date stay
as they were and answers from its date use it: in the API for every dated table, and through the
door for every calculator that reads one.
"""
import ast
import copy
from datetime import date
from pathlib import Path

import pytest

from calculators import rules, run
from calculators.series import Series

PACKAGE = Path(__file__).resolve().parent.parent / "calculators"
LATER_DATE, LATER_SERIES = "2031-09-01", "2031-06"


def dated_tables():
    for file, data in rules.load_all().items():
        for name, value in data.items():
            if isinstance(value, list) and value and isinstance(value[0], dict) and "effective_from" in value[0]:
                yield file, name


TABLES = sorted(dated_tables())


def scope(entry):
    return frozenset(entry.get("subjects", ["*"]))


def same_scope_as(entry):
    """A `where` filter for rules.in_force: the entries with this entry's subjects."""
    subjects = scope(entry)
    return lambda other: scope(other) == subjects


@pytest.fixture
def appended(monkeypatch):
    """append(file, table, entry) adds an entry to a copy of the data for this test only."""
    real = rules.load
    changed = {}

    def load(name):
        return changed.get(name) or real(name)

    def append(file, table, entry):
        data = changed.setdefault(file, copy.deepcopy(real(file)))
        data[table].append(entry)

    monkeypatch.setattr(rules, "load", load)
    return append


def test_every_table_that_holds_rules_is_dated():
    assert len(TABLES) >= 12
    assert ("deadlines", "deadline") in TABLES and ("sample_sizes", "sample_table") in TABLES


@pytest.mark.parametrize("file, table", TABLES)
def test_every_entry_of_a_table_is_dated_the_same_way(file, table):
    kinds = {type(rules.starts(entry)) for entry in rules.table(file, table)}
    kinds |= {type(rules.ends(entry)) for entry in rules.table(file, table) if "until" in entry}
    assert len(kinds) == 1, f"{file}.{table} mixes dates and series"


@pytest.mark.parametrize("file, table", TABLES)
def test_ids_are_unique_per_table_and_date(file, table):
    seen = set()
    for entry in rules.table(file, table):
        key = (entry["id"], str(entry["effective_from"]), scope(entry))
        assert key not in seen, f"{file}.{table}: {entry['id']} twice from {entry['effective_from']}"
        seen.add(key)


@pytest.mark.parametrize("file, table", TABLES)
def test_no_two_entries_of_one_id_overlap(file, table):
    by_id = {}
    for entry in rules.table(file, table):
        by_id.setdefault((entry["id"], scope(entry)), []).append(entry)
    for (entry_id, _), entries in by_id.items():
        ordered = sorted(entries, key=rules.starts)
        for earlier, later in zip(ordered, ordered[1:], strict=False):
            assert rules.ends(earlier) is None or rules.ends(earlier) < rules.starts(later), \
                f"{file}.{table}: {entry_id} from {earlier['effective_from']} runs past {later['effective_from']}"
        for entry in ordered:
            assert rules.ends(entry) is None or rules.starts(entry) <= rules.ends(entry)


@pytest.mark.parametrize("file, table", TABLES)
def test_an_appended_later_entry_applies_from_its_date_and_not_before(file, table, appended):
    newest = rules.newest(file, table)
    series = isinstance(rules.starts(newest[0]), Series)
    later = LATER_SERIES if series else LATER_DATE
    before = Series.parse("2031-01") if series else date(2031, 8, 31)
    after = rules.moment(later)
    # The newest entry of each id whose history runs on to today: what answered before the change.
    open_ended = [entry for entry in newest if "until" not in entry]
    answered = {entry["id"]: rules.in_force(file, table, entry["id"], before, where=same_scope_as(entry))
                for entry in open_ended}
    for entry in open_ended:
        appended(file, table, {**copy.deepcopy(entry), "effective_from": later, "changed": True})
    for entry in open_ended:
        same_scope = same_scope_as(entry)
        assert rules.in_force(file, table, entry["id"], before, where=same_scope) == answered[entry["id"]]
        assert rules.in_force(file, table, entry["id"], after, where=same_scope).get("changed")
    # Pages list a table as it stands now: the appended entry replaces the old, it is not listed twice.
    assert [entry["id"] for entry in rules.newest(file, table)] == [entry["id"] for entry in newest]


def test_before_the_first_entry_there_is_no_rule_unless_the_table_says_so():
    with pytest.raises(rules.NotInForce):
        rules.in_force("key_dates", "key_date", "registration-opens", date(2023, 8, 31))
    assert rules.in_force("deadlines", "deadline", "romm-service-1", date(2020, 8, 20))["days"] == 10


def test_a_date_rule_asked_about_a_series_uses_the_series_first_day():
    assert Series.parse("2026-01").first_day == date(2025, 12, 1)
    assert Series.parse("2026-06").first_day == date(2026, 5, 1)
    entry = {"id": "x", "effective_from": "2025-12-01"}
    assert rules.applies(entry, Series.parse("2026-01")) and not rules.applies(entry, Series.parse("2025-06"))


def test_a_series_table_is_never_asked_about_a_date():
    with pytest.raises(TypeError):
        rules.in_force("sample_sizes", "sample_table", "sample-size", date(2026, 1, 1))


# ------------------------------------------------------------- through the door

def test_a_deadline_rule_appended_later_changes_only_requests_from_its_date(appended):
    old = rules.in_force("deadlines", "deadline", "romm-service-2", date(2031, 1, 1))
    appended("deadlines", "deadline", {**old, "days": 25, "effective_from": LATER_DATE})
    assert run("deadline", {"rule": "romm-service-2", "date": "2031-08-31"})["deadline"] == "2031-09-20"
    assert run("deadline", {"rule": "romm-service-2", "date": "2031-09-01"})["deadline"] == "2031-09-26"
    assert run("deadline", {"rule": "romm-service-2", "date": "2024-08-22"})["deadline"] == "2024-09-11"


def test_a_sample_table_appended_later_changes_only_later_series(appended):
    old = rules.in_force("sample_sizes", "sample_table", "sample-size", Series.parse("2030-06"))
    appended("sample_sizes", "sample_table", {**old, "edition": "later", "effective_from": LATER_SERIES,
                                              "bands": [{"min": 1, "max": 5, "all": True}, {"min": 6, "size": 5}]})
    assert run("sample-size", {"cohort": 150, "series": "2031-01"})["size"] == 20
    assert run("sample-size", {"cohort": 150, "series": "2031-06"})["size"] == 5
    assert run("sample-size", {"cohort": 150, "series": "2025-06"})["size"] == 15


def test_a_selection_rule_appended_later_changes_only_later_samples(appended):
    old = rules.in_force("sample_sizes", "rule", "highest-and-lowest", Series.parse("2030-06"))
    appended("sample_sizes", "rule", {**old, "lowest_non_zero": False, "effective_from": LATER_SERIES})
    learners = [{"id": str(n), "mark": n} for n in range(12)]
    assert run("moderation-sample", {"series": "2031-01", "learners": learners})["extremes_rule"]["lowest_non_zero"]
    assert not run("moderation-sample", {"series": "2031-06", "learners": learners})["extremes_rule"]["lowest_non_zero"]


def test_a_key_date_appended_later_changes_only_later_years(appended):
    old = rules.in_force("key_dates", "key_date", "annual-quality-declaration", date(2030, 10, 14))
    appended("key_dates", "key_date", {**old, "day": 21, "effective_from": LATER_DATE})

    def aqd(year):
        dates = run("key-dates", {"academic_year": year})["dates"]
        return next(item["date"] for item in dates if item["id"] == "annual-quality-declaration")
    assert aqd("2030-31") == "2030-10-14" and aqd("2031-32") == "2031-10-21" and aqd("2024-25") == "2024-10-14"


def test_a_retake_limit_appended_later_changes_only_later_certifications(appended):
    old = rules.in_force("certification", "limit", "internal-retakes", Series.parse("2031-01"))
    appended("certification", "limit", {**old, "count": 2, "effective_from": LATER_DATE})
    def attempts(year):
        return [{"component": 1, "series": f"{year - 1}-06"}, {"component": 1, "series": f"{year}-01"},
                {"component": 1, "series": f"{year}-06"}, {"component": 2, "series": f"{year}-06"},
                {"component": 3, "series": f"{year}-06"}]

    def codes(year):
        return [p["code"] for p in run("certification", {"subject": "standard",
                                                         "attempts": attempts(year)})["problems"]]
    assert codes(2031) == ["retake-limit"]
    assert codes(2032) == []


def test_a_delivery_model_appended_later_changes_only_later_cohorts(appended):
    old = rules.in_force("certification", "delivery_model", "two-year", date(2030, 9, 1))
    appended("certification", "delivery_model",
             {**old, "title": "Two-year model, revised", "effective_from": LATER_DATE})

    def plan(year):
        return run("cohort-plan", {"subject": "standard", "model": "two-year", "start_year": year})
    assert plan(2030)["model_title"] == old["title"] and plan(2031)["model_title"] == "Two-year model, revised"


# ------------------------------------------------------------- the shape of the package

def imports_of(path: Path) -> set[str]:
    found = set()
    for node in ast.walk(ast.parse(path.read_text())):
        if isinstance(node, ast.ImportFrom) and node.level:
            parts = path.parent.relative_to(PACKAGE).parts
            base = parts[: len(parts) - node.level + 1]
            module = ".".join([*base, *(node.module.split(".") if node.module else [])])
            if node.module:
                found.add(module)
            else:
                found.update(".".join([*base, alias.name]) for alias in node.names)
    return {name.strip(".") for name in found}


def module_name(path: Path) -> str:
    parts = path.relative_to(PACKAGE).with_suffix("").parts
    return ".".join(parts[:-1] if parts[-1] == "__init__" else parts)


def test_there_is_no_import_circle_in_the_calculators():
    graph = {module_name(path): imports_of(path) for path in PACKAGE.rglob("*.py")}
    graph = {name: {target for target in targets if target in graph} for name, targets in graph.items()}
    done, path = set(), []

    def visit(name):
        if name in path:
            raise AssertionError("import circle: " + " -> ".join(path[path.index(name):] + [name]))
        if name in done:
            return
        path.append(name)
        for target in sorted(graph[name]):
            visit(target)
        path.pop()
        done.add(name)
    for name in sorted(graph):
        visit(name)


def test_every_door_name_has_its_own_module():
    from calculators import api
    for name in api.names():
        module = __import__(f"calculators.{name.replace('-', '_')}", fromlist=["CALCULATORS"])
        assert name in module.CALCULATORS


def test_no_code_outside_the_rules_api_looks_an_entry_up_by_id():
    for path in [*PACKAGE.rglob("*.py"), *(PACKAGE.parent / "build_tools").glob("*.py")]:
        if path.parent.name == "rules":
            continue
        text = path.read_text()
        for looked_up in ('["id"] ==', "['id'] ==", '.get("id") ==', '["id"] !=', 'if entry["id"]'):
            assert looked_up not in text, f"{path.name} looks a rule up by id itself ({looked_up})"
