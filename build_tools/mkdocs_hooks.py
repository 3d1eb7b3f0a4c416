"""MkDocs hooks: the glue between the build and build_tools/.

- Every page is a Jinja2 template before it is Markdown (`build_tools/page_context.py` says what
  it can use), so figures come from the rules data and prose cannot drift from the calculators.
- Each rendered page is checked and hashed for the Content-Security-Policy, which is written into
  every page once the build is done (`build_tools/csp.py`).
- After the build, Python (`site_python.py`), the calendar feeds (`calendar_feeds.py`) and, last, the
  service worker (`service_worker.py`) are added.
"""
from __future__ import annotations

import sys
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools import calendar_feeds, csp, page_context, service_worker, site_python  # noqa: E402

_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(ROOT / "build_tools" / "templates")),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    autoescape=False,
)


def on_page_markdown(markdown, page, config, files):
    try:
        return _environment.from_string(markdown).render(**page_context.context(page.file.src_uri))
    except (jinja2.TemplateError, KeyError) as problem:
        line = getattr(problem, "lineno", "?")
        raise SystemExit(f"{page.file.src_uri}:{line}: {problem}") from problem


def on_post_page(output, page, config):
    return csp.apply(output)


def on_post_template(output, template_name, config):
    # Theme pages such as 404.html are not Markdown pages; they need the policy too.
    return csp.apply(output) if template_name.endswith(".html") else output


def on_post_build(config):
    site = Path(config["site_dir"])
    site_python.publish(site)
    calendar_feeds.publish(site)
    csp.finish(site)
    # Last: the service worker lists every file with its content hash.
    service_worker.publish(site)
