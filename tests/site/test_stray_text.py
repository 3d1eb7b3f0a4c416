"""No answer shows a programmer's word where text belongs: "null", "undefined", "NaN" or
"[object …]" (Node.append and replaceChildren write a null as the text "null", for one). Every
parity case's answer is drawn by its own renderer on its own page, and the states only a
reader's steps reach (a clean mark-sheet preview, a checked certification path, a built sample)
are driven through the form."""
import json
import re
from pathlib import Path

from .conftest import wait_for_python

STRAY = re.compile(r"\bnull\b|\bundefined\b|\bNaN\b|\[object")
PAGES = {
    "deadline": "calculators/deadline/", "key-dates": "calculators/key-dates/",
    "sample-size": "calculators/sample-size/", "moderation-sample": "calculators/moderation-sample/",
    "certification": "calculators/certification/", "after-january": "calculators/after-january/",
    "cohort-plan": "calculators/cohort-plan/",
}
CASES = [case for path in sorted((Path(__file__).parents[1] / "cases" / "parity").glob("*.json"))
         for case in json.loads(path.read_text())]

# Every text node under a node, one by one: a null written as text is a node of its own, which a
# joined-up text would hide ("57null" has no word boundary).
TEXTS = """(root) => {
  const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
  const texts = [];
  while (walker.nextNode()) texts.push(walker.currentNode.data);
  return texts;
}"""

# Draws each case's answer with the page's renderer and returns the mount's text nodes each time.
DRAW_EACH = """async ([name, cases]) => {
  const texts = """ + TEXTS + """;
  const view = await import(new URL(`../../assets/js/renderers/${name}.js`, location.href).href);
  const mount = document.querySelector(`[data-calculator="${name}"]`);
  const form = mount.querySelector("form");
  const region = mount.querySelector("[data-result]");
  const drawn = [];
  for (const inputs of cases) {
    const result = await window.centreGuide.calculate(name, inputs);
    if (!result.ok) continue;
    view.render(result, region, form);
    await new Promise((settled) => setTimeout(settled));
    drawn.push(texts(mount));
  }
  return drawn;
}"""


def stray(texts: list[str]) -> list[str]:
    return [text[:120] for text in texts if STRAY.search(text)]


def mount_texts(page) -> list[str]:
    return page.eval_on_selector("[data-calculator]", TEXTS)


def test_every_parity_answer_drawn_by_its_renderer_is_free_of_stray_words(recorded, site_url):
    page = recorded.page
    found = {}
    for name, path in PAGES.items():
        page.goto(site_url + path)
        wait_for_python(page)
        texts = page.evaluate(DRAW_EACH, [name, [inputs for asked, inputs in CASES if asked == name]])
        assert texts, f"no parity case of {name} gave an answer to draw"
        for number, nodes in enumerate(texts):
            if stray(nodes):
                found[f"{name} #{number}"] = stray(nodes)
    assert found == {}


def test_a_clean_mark_sheet_preview_and_its_sample_have_no_stray_words(recorded, site_url):
    page = recorded.page
    page.goto(site_url + PAGES["moderation-sample"])
    wait_for_python(page)
    page.select_option("#moderation-sample-series", "2026-06")
    sheet = "Candidate number\tName\tMark\n" + "".join(f"{1000 + n}\tLearner {n}\t{n * 3}\n" for n in range(20))
    page.fill("#moderation-sample-marks", sheet)
    page.wait_for_selector("[data-sheet-status][data-state=done]", timeout=30000)
    assert "Read 20 learners" in page.inner_text("[data-sheet-status]")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] .cg-sample-result", timeout=30000)
    assert stray(mount_texts(page)) == []


def test_a_checked_certification_path_has_no_stray_words(recorded, site_url):
    page = recorded.page
    page.goto(site_url + PAGES["certification"])
    wait_for_python(page)
    for row, series in enumerate(["2025-06", "2026-01", "2026-06"]):
        page.fill(f"#certification-attempts-{row}-series", series)
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] .cg-panel__title", timeout=30000)
    assert stray(mount_texts(page)) == []
