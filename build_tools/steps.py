"""The build's steps as plain functions, so that any generator can run them: MkDocs does through
build_tools/mkdocs_hooks.py, and tests/test_build_steps.py does with no generator at all.

A generator that turns Markdown into HTML pages needs to do three things with them:
1. `render_page(markdown, page_path)` before the Markdown is converted: every page is a Jinja2
   template (build_tools/page_context.py says what it can use), so figures come from the rules
   data and prose cannot drift from the calculators.
2. `build.page(html)` for each finished HTML page, the theme's own pages such as 404.html too:
   each is checked and hashed for the Content-Security-Policy (build_tools/csp.py).
3. `build.finish(site_dir)` once every page is written. It adds Python (`site_python.py`: Pyodide,
   the calculators wheel, the start-up snapshot), the calendar feeds (`calendar_feeds.py`), writes
   the one policy into every page, then the service worker (`service_worker.py`, which lists every
   file with its content hash) and last the `_headers` file for hosts that read it (`headers.py`).
"""
from __future__ import annotations

from datetime import date
from pathlib import Path

import jinja2

from build_tools import calendar_feeds, csp, headers, page_context, service_worker, site_python

ROOT = Path(__file__).resolve().parent.parent

ENVIRONMENT = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(ROOT / "build_tools" / "templates")),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    autoescape=False,
)


def render_page(markdown: str, page_path: str) -> str:
    """A page's Markdown with its Jinja2 rendered; `page_path` is its path under docs/.

    A template error stops the build with the page and line, as a typo in a rule id should.
    """
    try:
        return ENVIRONMENT.from_string(markdown).render(**page_context.context(page_path))
    except (jinja2.TemplateError, KeyError) as problem:
        line = getattr(problem, "lineno", "?")
        raise SystemExit(f"{page_path}:{line}: {problem}") from problem


class SiteBuild:
    """One build of the site into one folder: start a new one for every build."""

    def __init__(self) -> None:
        self.csp = csp.Site()

    def page(self, html: str) -> str:
        """Check one finished HTML page and note what the policy must allow; returns the page."""
        return self.csp.apply(html)

    def finish(self, site_dir: Path, today: date | None = None) -> None:
        """Add everything that is not a page; `today` (default: the real date) picks the
        calendars' "current" year."""
        site_dir = Path(site_dir)
        site_python.publish(site_dir)
        calendar_feeds.publish(site_dir, today)
        policy = self.csp.policy()
        self.csp.finish(site_dir)
        service_worker.publish(site_dir)
        # Last, so that it can give every file, sw.js included, its caching rule.
        headers.publish(site_dir, policy)
