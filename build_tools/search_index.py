"""How mkdocs-material's search plugin reads a page into the search index, adjusted for these
pages (called once from build_tools/mkdocs_hooks.py, before the build).

The plugin keeps only paragraphs, lists and code as blocks of a section's text, and its search
results show the blocks that match, so every table became one block of cells run together (a
result's snippet read "Service Pearson finishes within Counting from Service 1: clerical
re-check 10 calendar days…") and the labels of a set of tabs one word salad ("After a
reviewMalpractice decision…"). Here each table row and each tab label is read as a paragraph
of its own, so a snippet is the one row or label that matched, and a row's cells are parted by
" · " ("Edexcel GCSE · Yes · Yes", not "Edexcel GCSEYesYes"). A calculator's form is left out:
its labels, choices and messages are not what a search is for.

This changes the plugin's HTML parser (material/plugins/search/plugin.py, Parser), so it
depends on the pinned mkdocs-material; tests/site/test_search.py checks the snippets it gives.
Citations and edition lines are left out by their own markup (data-search-exclude, in
build_tools/page_context.py).
"""
from __future__ import annotations

AS_PARAGRAPH = {"tr", "label"}


def adjust_material_search() -> None:
    from material.plugins.search import plugin

    parser = plugin.Parser
    if getattr(parser, "_centre_guide", False):
        return
    start, end = parser.handle_starttag, parser.handle_endtag

    def handle_starttag(self, tag, attrs):
        if tag == "form":
            attrs = [*attrs, ("data-search-exclude", "")]
        if tag == "tr":
            self._centre_guide_cells = 0
        elif tag in ("td", "th"):
            cells = getattr(self, "_centre_guide_cells", 0)
            if cells:
                self.handle_data(" · ")
            self._centre_guide_cells = cells + 1
        return start(self, "p" if tag in AS_PARAGRAPH else tag, attrs)

    def handle_endtag(self, tag):
        return end(self, "p" if tag in AS_PARAGRAPH else tag)

    parser.handle_starttag, parser.handle_endtag = handle_starttag, handle_endtag
    parser._centre_guide = True
