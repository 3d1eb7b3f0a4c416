"""The guidance pages: every rule value comes from the rules data, every page names its sources'
editions, and links into calculators prefill inputs that the calculator knows.

Pages are Jinja2 templates over calculators/rules/; a figure typed into the prose would drift
from the data the calculators use, so outside template expressions a guidance page may contain
no digits at all, except in names (Service 2, component 3, Level 3, the Tech Awards (2022)).
"""
from __future__ import annotations

import re
from pathlib import Path

import pytest

from build_tools import mkdocs_hooks, page_context
from calculators import rules

DOCS = Path(__file__).resolve().parents[1] / "docs"
GUIDANCE = sorted(
    [DOCS / "index.md"]
    + [path for folder in ("post-results", "quality-assurance", "reference") for path in (DOCS / folder).rglob("*.md")]
)
PAGE_IDS = [str(path.relative_to(DOCS)) for path in GUIDANCE]

TEMPLATE = re.compile(r"\{\{.*?\}\}|\{%.*?%\}|\{#.*?#\}", re.S)
FENCED_CODE = re.compile(r"^```.*?^```", re.S | re.M)
INLINE_CODE = re.compile(r"`[^`\n]+`")
LINK_TARGET = re.compile(r"\]\([^)]*\)")
FRONT_MATTER = re.compile(r"\A---\n.*?\n---\n", re.S)
# Numbers that are part of a name, not a rule value.
NAMES = re.compile(
    r"(Priority )?Service [123]\b"
    r"|\b[Cc]omponents? [123](( and|,) [123])*\b"
    r"|\bLevel [123]\b"
    r"|\(2022\)|\bfrom\s+2022\b"
    r"|\b[Dd]ay 0\b"  # how counting is explained, not a limit
    r"|\bN[1-9]\b"
    r"|^\s*\d+\. "  # a numbered list
    , re.M)


def typed_numbers(markdown: str) -> list[tuple[str, str]]:
    """(number, context) for each number left once template code, code blocks and names are removed."""
    text = FRONT_MATTER.sub("", markdown)
    text = FENCED_CODE.sub("", text)
    text = TEMPLATE.sub(" ", text)
    text = INLINE_CODE.sub(" ", text)
    text = LINK_TARGET.sub("]", text)
    text = NAMES.sub(" ", text)
    return [(match.group(), text[max(0, match.start() - 30):match.end() + 30].strip())
            for match in re.finditer(r"\d+", text)]


@pytest.mark.parametrize("prose, expected", [
    ("Appeal within 30 calendar days of the outcome.", ["30"]),
    ("The preliminary appeal costs £140.", ["140"]),
    ("Marks are due by 15 December.", ["15"]),
    ("Pearson finishes within {{ days(rule('deadlines', 'romm-service-1')) }}.", []),
    ("Priority Service 2 is not offered; component 3 is external.", []),
    ("1. First step\n2. Second step", []),
    ("[Work it out](../calculators/deadline.md?rule=romm-service-2)", []),
    ("See [the 14 day rule](appeals.md)", ["14"]),
    ("```python\nrun('deadline', {'date': '20/08/2025'})\n```", []),
])
def test_a_number_typed_into_prose_is_found_and_one_from_the_data_is_not(prose, expected):
    assert [number for number, _ in typed_numbers(prose)] == expected


@pytest.mark.parametrize("page", GUIDANCE, ids=PAGE_IDS)
def test_no_rule_value_is_typed_by_hand(page):
    assert typed_numbers(page.read_text(encoding="utf-8")) == [], \
        f"{page.name}: print figures from calculators/rules/ through Jinja2, not by hand"


@pytest.mark.parametrize("page", GUIDANCE, ids=PAGE_IDS)
def test_every_page_says_which_edition_of_its_sources_it_follows(page):
    assert "{{ edition(" in page.read_text(encoding="utf-8")


@pytest.mark.parametrize("page", [path for path in GUIDANCE
                                  if path.parent.name in ("post-results", "quality-assurance")],
                         ids=lambda path: str(path.relative_to(DOCS)))
def test_every_guidance_page_cites_its_sources(page):
    text = page.read_text(encoding="utf-8")
    assert "source(" in text or "cite(" in text


def render(page: Path) -> str:
    relative = str(page.relative_to(DOCS))
    return mkdocs_hooks._environment.from_string(page.read_text(encoding="utf-8")).render(
        **page_context.context(relative))


@pytest.mark.parametrize("page", GUIDANCE, ids=PAGE_IDS)
def test_every_page_renders_from_the_rules_data(page):
    assert "Source:" in render(page) or page.name in ("index.md", "python.md")


def test_the_special_consideration_appeal_limit_on_the_page_is_the_one_in_the_data():
    special = page_context.rule("deadlines", "appeal-special-consideration")
    assert page_context.days(special) in render(DOCS / "post-results" / "appeals-faq.md")


def test_the_sample_tables_on_the_page_are_the_ones_in_the_data():
    page = render(DOCS / "quality-assurance" / "moderation.md")
    for table in rules.load("sample_sizes")["sample_table"]:
        for band in table["bands"]:
            assert f"| {band['min']} " in page


CALCULATOR_LINK = re.compile(r"\]\((?:\.\./)*calculators/([a-z-]+)\.md(?:\?([^)#]*))?")


def calculator_links():
    for page in GUIDANCE:
        for match in CALCULATOR_LINK.finditer(page.read_text(encoding="utf-8")):
            yield str(page.relative_to(DOCS)), match.group(1), match.group(2) or ""


LINKS = list(calculator_links())


def test_the_guidance_links_into_the_calculators():
    assert len(LINKS) >= 15


FORM_FIELD = re.compile(r"form\.[a-z_]+\(\"[a-z-]+\", \"([a-z_]+)\"")


@pytest.mark.parametrize("page, calculator, query", [link for link in LINKS if link[2]],
                         ids=[f"{p}->{c}?{q}" for p, c, q in LINKS if q])
def test_a_prefilled_link_only_fills_fields_the_calculator_has(page, calculator, query):
    fields = set(FORM_FIELD.findall((DOCS / "calculators" / f"{calculator}.md").read_text(encoding="utf-8")))
    assert {part.split("=", 1)[0] for part in query.split("&")} <= fields


@pytest.mark.parametrize("page, calculator, query", LINKS, ids=[f"{p}->{c}?{q}" for p, c, q in LINKS])
def test_a_prefilled_deadline_link_names_a_rule_in_the_data(page, calculator, query):
    assert (DOCS / "calculators" / f"{calculator}.md").exists()
    if calculator == "deadline" and query:
        known = {entry["id"] for entry in rules.load("deadlines")["deadline"]}
        rule_id = dict(part.split("=", 1) for part in query.split("&"))["rule"]
        assert rule_id in known


@pytest.mark.parametrize("count, words", [(0, "none"), (1, "one"), (3, "three"), (9, "nine"), (20, "20")])
def test_small_counts_are_written_as_words_and_larger_ones_as_numerals(count, words):
    assert page_context.spell(count) == words


@pytest.mark.parametrize("amount, shown", [(140, "£140"), (3, "£3"), (2.5, "£2.50"), (1200, "£1,200")])
def test_money_shows_no_pence_on_whole_pounds(amount, shown):
    assert page_context.money({"amount": amount}) == shown


@pytest.mark.parametrize("entry, shown", [
    ({"month": 12, "day": 15, "precision": "day"}, "15 December"),
    ({"month": 9, "day": 1, "precision": "early"}, "early September"),
    ({"month": 1, "day": 1, "precision": "month"}, "January"),
])
def test_a_key_date_is_shown_only_as_precisely_as_the_guide_gives_it(entry, shown):
    assert page_context.when(entry) == shown


def test_latest_keeps_one_entry_per_id_the_most_recent():
    old = {"id": "a", "effective_from": "2023-09-01"}
    new = {"id": "a", "effective_from": "2024-03-13"}
    other = {"id": "b", "effective_from": "2023-09-01"}
    assert page_context.latest([old, other, new]) == [other, new]


def test_upper_first_leaves_the_rest_of_the_text_alone():
    assert page_context.upper_first("early September") == "Early September"


def test_a_worked_example_is_the_calculators_real_answer():
    shown = page_context.example("deadline", {"rule": "appeal-malpractice", "date": "01/09/2025"}, ["deadline"])
    assert '"deadline": "2025-09-15"' in shown


def test_the_consent_form_lists_every_service_that_can_lower_a_mark_and_records_the_risk():
    from calculators import rules
    shown = render(DOCS / "post-results" / "consent.md")
    lowering = [entry for entry in rules.newest("deadlines", "deadline") if entry.get("can_lower")]
    assert [entry["id"] for entry in lowering] == ["romm-service-1", "romm-service-2", "romm-priority-service-2"]
    assert all(entry["title"] in shown for entry in lowering)
    assert "may go down" in shown and "before" in shown and "Candidate's signature" in shown


def test_creative_subjects_internals_may_be_before_or_in_the_same_series_as_the_external():
    shown = render(DOCS / "quality-assurance" / "external-and-certification.md")
    assert "before, or in the same series as,** the external" in shown


# --- the "based on" line and notice citations (issue 14) -----------------------------------

def test_the_based_on_line_names_each_source_in_plain_english_with_links_to_the_sources_page():
    line = page_context.edition("post-results", "qa-guide", "notices", page="post-results/reviews.md")
    text = re.sub(r"<[^>]+>", "", line).replace("&#x27;", "'")
    assert text == ("Based on Pearson's post-results services page (as read in November 2026), the QA centre "
                    "guide for BTEC Tech Awards, 2023–24 edition, and later notices from Pearson and JCQ.")
    assert re.findall(r'href="([^"]+)"', line) == [
        "../../reference/sources/#the-documents", "../../reference/sources/#the-documents",
        "../../reference/sources/#the-later-notices"]
    assert "held by the project" not in line and "numbered" not in line


@pytest.mark.parametrize("page, address", [
    ("index.md", "reference/sources/"), ("post-results/index.md", "../reference/sources/"),
    ("quality-assurance/moderation.md", "../../reference/sources/"), ("reference/index.md", "sources/"),
    ("reference/sources.md", ""),
])
def test_links_to_the_sources_page_work_from_every_depth_of_page(page, address):
    assert page_context.page_link(page, "reference/sources.md", "x") == f"{address}#x"


def test_a_later_notice_is_cited_by_number_and_title_and_links_to_its_entry_in_the_list():
    shown = page_context.cite("notices", "N5: BTEC Tech Award 2022 Deadline Extension Requests",
                              "quality-assurance/index.md")
    assert shown == ('<span class="cg-source" data-search-exclude>Source: '
                     '<a href="../reference/sources/#notice-n5">Later notice N5</a>: '
                     "BTEC Tech Award 2022 Deadline Extension Requests</span>")
    assert rules.cite("notices", "N3: Pearson appeals web form") == "Later notice N3: Pearson appeals web form"


def test_the_sources_page_lists_every_notice_a_citation_can_name_under_its_anchor():
    page = render(DOCS / "reference" / "sources.md")
    cited = set(re.findall(r"\bN[1-9]\b", " ".join(
        str(entry.get("section", "")) for data in rules.load_all().values() for table in data.values()
        if isinstance(table, list) for entry in table if isinstance(entry, dict))))
    assert cited and all(f'id="notice-{number.lower()}"' in page for number in cited)
    assert "## The later notices" in page and "## The documents" in page


@pytest.mark.parametrize("day, year", [("2026-08-31", 2025), ("2026-09-01", 2026), ("2027-01-15", 2026)])
def test_the_planner_list_starts_on_the_academic_year_the_build_falls_in(monkeypatch, day, year):
    """Before its script runs the planner shows this year, not the first year it lists."""
    from datetime import datetime, timezone
    stamp = int(datetime.fromisoformat(day).replace(hour=12, tzinfo=timezone.utc).timestamp())
    monkeypatch.setenv("SOURCE_DATE_EPOCH", str(stamp))
    assert page_context.built_in_academic_year() == year
