"""The site search (mkdocs-material's search plugin, mkdocs.yml) finds what a centre calls things:
"RoMM" the reviews page, "AQD" the key-dates planner, "calendar" and "ics" the planner's
calendars; and a result's snippet is the page's prose, not its "This page follows" line or a
citation. Driven through the search box, so the theme ranks the results as it does for a reader."""
import json
from urllib.parse import urlparse

import pytest

from .conftest import HeldBack, poll

RESULTS = """() => [...document.querySelectorAll('.md-search-result__list > .md-search-result__item')].map((item) => ({
  href: item.querySelector('a').href,
  title: item.querySelector('article h1, article h2').textContent.trim(),
  // The page's own article, then any of its sections that matched better, each with its snippet.
  snippet: [...item.querySelectorAll('article p')].map((p) => p.textContent).join(' ').trim(),
}))"""


def search(page, query: str) -> list[dict]:
    box = page.locator("input.md-search__input")
    box.click()
    box.fill("")
    box.type(query)
    term = query.split()[0].lower()
    for _ in range(150):
        found = page.evaluate(RESULTS)
        meta = page.inner_text(".md-search-result__meta")
        if found and f"h={term}" in found[0]["href"].lower() or "No matching" in meta:
            break
        page.wait_for_timeout(100)
    for result in found:
        result["page"] = urlparse(result["href"]).path.lstrip("/")
    page.keyboard.press("Escape")
    return found


@pytest.fixture
def search_page(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "reference/glossary/")
    page.wait_for_load_state("networkidle")
    return page


@pytest.mark.parametrize("query, wanted, within", [
    ("RoMM", "post-results/reviews/", 1),
    ("AQD", "calculators/key-dates/", 3),
    ("calendar", "calculators/key-dates/", 1),
    ("ics", "calculators/key-dates/", 1),
])
def test_a_centres_words_find_the_page_that_answers_them(search_page, query, wanted, within):
    results = search(search_page, query)
    assert wanted in [result["page"] for result in results[:within]], [result["page"] for result in results]
    for result in results[:3]:
        assert "This page follows" not in result["snippet"], result
        assert "Source:" not in result["snippet"], result
    chosen = next(result for result in results if result["page"] == wanted)
    # Prose: at least one whole sentence, as a reader would write it.
    assert ". " in chosen["snippet"] or chosen["snippet"].endswith("."), chosen


def test_the_index_leaves_out_the_edition_line_citations_and_the_form_messages(site_url, built_site):
    docs = json.loads((built_site / "search" / "search_index.json").read_text())["docs"]
    for text in ("This page follows", "Source: ", "There is a problem", "You can fill in the form now"):
        assert not [doc["location"] for doc in docs if text in doc["text"]], text


def test_a_table_rows_cells_are_parted_in_the_index_not_run_together(site_url, built_site):
    docs = json.loads((built_site / "search" / "search_index.json").read_text())["docs"]
    text = " ".join(doc["text"] for doc in docs)
    assert "Edexcel GCSEYes" not in text and "2023 to 20242023-24" not in text
    assert "Edexcel GCSE · Yes · Yes · Yes" in text


def index_requests(recorded) -> list[str]:
    return [url for url in recorded.requests if url.endswith("/search/search_index.json")]


def test_on_a_calculator_page_the_search_index_waits_for_the_first_answer(recorded, site_url):
    """Nothing competes with Python's download: the index comes once the answer is shown."""
    held = HeldBack(recorded.context, "**/assets/py/calculators-*.whl")
    page = recorded.page
    page.goto(site_url + "calculators/deadline/?rule=romm-service-1&date=2024-02-29")
    page.wait_for_load_state("load")
    page.wait_for_timeout(1000)  # the theme has started and would have asked by now
    assert index_requests(recorded) == [], "the search index downloaded beside Python"
    held.release()
    page.wait_for_selector("[data-result] .cg-panel__answer", timeout=60000)
    poll(page, "() => performance.getEntriesByType('resource').some((e) => e.name.endsWith('/search_index.json'))", 10)
    assert len(index_requests(recorded)) == 1
    assert search(page, "appeal"), "search finds nothing after the index arrived"


def test_a_reader_who_goes_to_the_search_box_while_python_loads_can_search_at_once(recorded, site_url):
    HeldBack(recorded.context, "**/assets/py/calculators-*.whl")  # never released: Python stays loading
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    page.wait_for_load_state("load")
    found = search(page, "appeal")
    assert found and any("post-results/appeals/" in result["page"] for result in found)
    assert page.get_attribute("[data-python-status]", "data-state") == "loading"
