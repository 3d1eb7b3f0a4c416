"""Every rule in calculators/rules/ says where it comes from and when it took effect."""
from datetime import date

import pytest

from calculators import rules
from calculators.series import Series

SOURCES = rules.load("sources")


def rule_entries():
    for file, data in rules.load_all().items():
        if file == "sources":
            continue
        inherited = {key: data[key] for key in ("source", "section", "effective_from") if key in data}
        for table, value in data.items():
            if isinstance(value, list):
                for index, entry in enumerate(value):
                    if isinstance(entry, dict):
                        yield f"{file}.{table}[{index}]", {**inherited, **entry}


ENTRIES = list(rule_entries())


def test_there_are_rules_to_check():
    assert len(ENTRIES) >= 6


@pytest.mark.parametrize("where, entry", ENTRIES, ids=[where for where, _ in ENTRIES])
def test_every_rule_cites_a_known_source_and_section(where, entry):
    assert entry.get("source") in SOURCES, f"{where} has no known source"
    assert str(entry.get("section", "")).strip(), f"{where} has no section"


@pytest.mark.parametrize("where, entry", ENTRIES, ids=[where for where, _ in ENTRIES])
def test_every_rule_says_when_it_took_effect(where, entry):
    assert entry.get("effective_from"), f"{where} has no effective_from"
    assert isinstance(rules.moment(entry["effective_from"]), (date, Series))
