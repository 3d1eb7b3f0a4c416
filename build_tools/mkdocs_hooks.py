"""MkDocs hooks: a thin adapter from MkDocs' events to the build's steps (build_tools/steps.py),
which need no MkDocs and say what each step does.
"""
from __future__ import annotations

import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools import search_index, steps  # noqa: E402

# The theme's search reads table rows and tab labels as paragraphs, and skips calculator forms.
search_index.adjust_material_search()

# tests/test_pages.py renders pages through this name.
_environment = steps.ENVIRONMENT
_build = steps.SiteBuild()


def on_pre_build(config):
    # A new build each time: `mkdocs serve` rebuilds in the same process.
    global _build
    _build = steps.SiteBuild()


def on_page_markdown(markdown, page, config, files):
    return steps.render_page(markdown, page.file.src_uri)


def on_post_page(output, page, config):
    return _build.page(output)


def on_post_template(output, template_name, config):
    # Theme pages such as 404.html are not Markdown pages; they need the policy too.
    return _build.page(output) if template_name.endswith(".html") else output


def on_post_build(config):
    _build.finish(Path(config["site_dir"]))
