"""Every page of the site in headless Chromium at phone and desktop width, search for the
abbreviations readers type, and what a printed page shows.

Screenshots of each page at both widths go to the test's temporary folder, for a person to look
at when a layout test fails.
"""
from __future__ import annotations

import re
import time
from pathlib import Path

import pytest

from .conftest import wait_for_python

DOCS = Path(__file__).resolve().parents[2] / "docs"
WIDTHS = {"phone": (390, 844), "desktop": (1280, 900)}


def site_path(markdown: Path) -> str:
    relative = markdown.relative_to(DOCS).with_suffix("").as_posix()
    if relative == "index":
        return ""
    return relative.removesuffix("index") if relative.endswith("/index") else relative + "/"


PAGES = sorted(site_path(path) for path in DOCS.rglob("*.md") if "includes" not in path.parts)


def test_every_markdown_page_is_checked():
    assert "post-results/appeals/" in PAGES and "reference/glossary/" in PAGES and "" in PAGES


@pytest.mark.parametrize("path", PAGES, ids=[path or "home" for path in PAGES])
def test_page_renders_at_phone_and_desktop_width_without_sideways_scrolling(recorded, site_url, path, tmp_path):
    page = recorded.page
    for name, (width, height) in WIDTHS.items():
        page.set_viewport_size({"width": width, "height": height})
        response = page.goto(site_url + path)
        assert response.status == 200
        heading = page.locator("article h1").first
        assert heading.is_visible(), f"{path or 'home'} has no visible heading at {name} width"
        overflow = page.evaluate("() => document.documentElement.scrollWidth - window.innerWidth")
        page.screenshot(path=str(tmp_path / f"{(path or 'home').strip('/').replace('/', '_')}-{name}.png"),
                        full_page=True)
        assert overflow <= 0, f"{path or 'home'} scrolls sideways by {overflow}px at {name} width"


@pytest.mark.parametrize("term", ["RoMM", "ATS", "PSA", "UMS", "AQD", "EPRS"])
def test_search_finds_each_abbreviation_readers_type(recorded, site_url, term):
    page = recorded.page
    page.goto(site_url)
    page.keyboard.press("/")  # mkdocs-material's shortcut to the search box
    # Typed, not filled: the theme searches on key events.
    page.locator("input.md-search__input").press_sequentially(term, delay=30)
    results = page.locator(".md-search-result__item")
    results.first.wait_for(timeout=30000)
    # The theme searches at each key, so on a busy machine the results for "PS" can still be on
    # screen when the last key has been typed: wait for the answer to the whole word.
    deadline = time.monotonic() + 10
    while term.lower() not in results.first.inner_text().lower() and time.monotonic() < deadline:
        page.wait_for_timeout(200)
    assert term.lower() in results.first.inner_text().lower(), f"the first result for {term} does not mention it"
    count = page.locator(".md-search-result__meta").inner_text()
    assert "matching document" in count and not count.startswith("No"), count


def test_abbreviations_carry_their_meaning_as_a_tooltip(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "post-results/")
    title = page.locator("abbr", has_text="RoMM").first.get_attribute("title")
    assert title and title.startswith("Review of marking or moderation")


def test_a_printed_page_shows_answers_that_are_closed_on_screen(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "post-results/appeals-faq/")
    answer = page.locator("details", has_text="Can a parent appeal?").locator("p").first
    assert not answer.is_visible(), "the answer should start closed on screen"
    page.emulate_media(media="print")
    assert answer.is_visible()


def test_the_common_questions_each_lead_to_a_page_that_answers_them(recorded, site_url):
    page = recorded.page
    answers = {
        "Can a parent appeal?": ("post-results/appeals/", "A parent, carer or anyone else acting for a learner"),
        "special consideration decision?": ("post-results/appeals/", "Lodge the appeal within"),
        "Which learners must be in the moderation sample?": ("quality-assurance/moderation/", "highest"),
        "Is Priority Service 2 available": ("post-results/", "Is Priority Service 2 available for BTEC Tech Awards?"),
        "How long must we keep learner work?": ("quality-assurance/retention/", "certificates"),
        "retakes component 1 after sitting component 3?": ("quality-assurance/external-and-certification/",
                                                           "sit the external again"),
    }
    for question, (target, evidence) in answers.items():
        page.goto(site_url)
        row = page.locator("table tr", has_text=question)
        row.locator("a").click()
        page.wait_for_url(f"**/{target}**")
        # Instant navigation changes the address before it swaps the content in.
        page.locator("article", has_text=evidence).wait_for(timeout=10000)


def test_a_guidance_link_prefills_the_calculator_without_complaining_about_the_rest(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "post-results/appeals-faq/")
    href = page.locator("a", has_text="Work out the last day").first.get_attribute("href")
    assert "rule=appeal-special-consideration" in href
    page.goto(site_url + "calculators/deadline/?rule=appeal-special-consideration")
    wait_for_python(page)
    # The automatic run starts once Python is ready; give it time to answer before looking.
    page.wait_for_timeout(1500)
    assert page.evaluate("() => document.querySelector('[data-calculator]').getAttribute('aria-busy')") is None
    assert page.input_value("#deadline-rule") == "appeal-special-consideration"
    assert page.locator("#deadline-date-error:not([hidden])").count() == 0
    assert not page.locator("[data-error-summary]").is_visible()


def test_the_consent_form_prints_on_a_page_of_its_own_with_the_checklist_after(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "post-results/consent/")
    pdf = page.pdf(format="A4")
    pages = len(re.findall(rb"/Type\s*/Page(?!s)", pdf))
    assert pages == 2, pages
    page.emulate_media(media="print")
    assert not page.is_visible(".cg-consent-intro")
    assert page.is_visible(".cg-consent-form") and page.is_visible(".cg-consent-checklist")


def test_every_based_on_line_and_source_reads_as_plain_english_and_links_to_its_entry(recorded, site_url, site_pages):
    page = recorded.page
    targets: dict[str, set[str]] = {}
    for path in site_pages:
        page.goto(site_url + path)
        lines = page.evaluate("""() => [...document.querySelectorAll('.cg-edition, .cg-source')].map((line) => ({
            text: line.textContent, links: [...line.querySelectorAll('a')].map((link) => link.href)}))""")
        for line in lines:
            text = " ".join(line["text"].split())
            where = f"{path or 'home'}: {text[:80]!r}"
            assert text.startswith(("Based on ", "Source: ")), where
            assert not re.search(r"text capture|held by the project|numbered", text), where
            # A later notice is named as one, never by its bare number.
            assert not re.search(r"(?<!Later notice )\bN[1-9]\d?\b", text), where
            assert line["links"], f"{where} links to no entry on the sources page"
            for link in line["links"]:
                address, _, anchor = link.partition("#")
                assert address == site_url + "reference/sources/" and anchor, where
                targets.setdefault(anchor, set()).add(path)
    page.goto(site_url + "reference/sources/")
    ids = set(page.evaluate("() => [...document.querySelectorAll('[id]')].map((element) => element.id)"))
    missing = {anchor: sorted(pages)[:3] for anchor, pages in targets.items() if anchor not in ids}
    assert not missing, f"links to entries the sources page does not have: {missing}"
    assert {"the-documents", "the-later-notices", "notice-n4"} <= set(targets)
