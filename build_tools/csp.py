"""The Content-Security-Policy put at the top of every built page (issue 8).

GitHub Pages cannot send headers, so the policy is a <meta> element. overrides/main.html puts a
placeholder first in <head>, before the theme's inline scripts. `apply` checks each rendered
page and notes the SHA-256 of its inline scripts (mkdocs-material writes a few small ones whose
text depends on the page's depth) and of its style attributes (Markdown tables write
`style="text-align: ..."` for aligned columns). `finish` then writes ONE policy, allowing all of
them, into every page: instant navigation swaps pages without loading a new policy, so the
first page's policy must already allow what any later page brings.

Why each part is as it is:
- script-src: our own files and the hashed inline scripts only; no 'unsafe-inline', no
  'unsafe-eval'. 'wasm-unsafe-eval' is left out on purpose: the page compiles no WebAssembly.
  Pyodide runs in a module worker, and a <meta> policy does not reach a worker loaded from its
  own URL. For hosts that send headers, build_tools/headers.py writes this policy as a header
  too, with 'wasm-unsafe-eval' for the worker (see README, "Security").
- style-src 'self': the theme changes styles only through the CSSOM (element.style), which a
  policy does not block. Style attributes in the built pages are allowed one by one, by hash
  ('unsafe-hashes' in style-src-attr: only those exact declarations, nothing injected).
- form-action 'none': every form is handled by script and never sent. With JavaScript off, a
  press of Enter would otherwise send the form's fields (learner data too) in a URL.
- img-src data:: the theme's icons (admonitions, lists, the search box) are data: SVG masks.
- frame-ancestors, report-uri and sandbox are ignored in a <meta> policy, so they are not set
  (the header form of the policy adds frame-ancestors).
"""
from __future__ import annotations

import base64
import hashlib
import re
from html import unescape
from pathlib import Path

PLACEHOLDER = '<meta http-equiv="Content-Security-Policy" content="cg-csp">'

DIRECTIVES = (
    ("default-src", "'none'"),
    ("script-src", "'self'"),
    ("style-src", "'self'"),
    ("img-src", "'self' data:"),
    ("font-src", "'self'"),
    ("connect-src", "'self'"),
    ("worker-src", "'self'"),
    ("manifest-src", "'self'"),
    ("form-action", "'none'"),
    ("base-uri", "'self'"),
    ("object-src", "'none'"),
)

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
# Inline <script> types the browser runs; any other type (the theme's JSON config) is data.
_RUNNABLE_TYPES = {"", "module", "text/javascript", "application/javascript"}
_STYLE_ATTRIBUTE = re.compile(r"""<[a-z][^>]*?\sstyle\s*=\s*(["'])(.*?)\1""", re.IGNORECASE | re.DOTALL)
# Inline handlers and javascript: URLs cannot be allowed by a hash, so a page with one fails the build.
_INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=|\bhref\s*=\s*[\"']?\s*javascript:", re.IGNORECASE)


def _sha256(text: str) -> str:
    return "'sha256-" + base64.b64encode(hashlib.sha256(text.encode("utf-8")).digest()).decode("ascii") + "'"


def inline_script_hashes(html: str) -> list[str]:
    """The CSP source for each inline script the browser would run, in page order, once each."""
    found: list[str] = []
    for match in _SCRIPT.finditer(html):
        attributes, body = match.groups()
        if _SRC.search(attributes):
            continue
        kind = _TYPE.search(attributes)
        if (kind.group(1).lower() if kind else "") not in _RUNNABLE_TYPES:
            continue
        if _sha256(body) not in found:
            found.append(_sha256(body))
    return found


def style_attribute_hashes(html: str) -> list[str]:
    """The CSP source for each distinct style attribute value on the page, once each."""
    found: list[str] = []
    for match in _STYLE_ATTRIBUTE.finditer(html):
        source = _sha256(unescape(match.group(2)))
        if source not in found:
            found.append(source)
    return found


def policy(script_hashes=(), style_hashes=()) -> str:
    """The policy: the fixed directives plus the hashes the site's pages need."""
    parts = []
    for name, value in DIRECTIVES:
        if name == "script-src" and script_hashes:
            value = " ".join([value, *script_hashes])
        parts.append(f"{name} {value}")
        if name == "style-src" and style_hashes:
            parts.append(" ".join(["style-src-attr", "'unsafe-hashes'", *style_hashes]))
    return "; ".join(parts)


class Site:
    """Collects what every page of one build needs, then writes the one policy into all of them."""

    def __init__(self) -> None:
        self.script_hashes: list[str] = []
        self.style_hashes: list[str] = []

    def apply(self, html: str) -> str:
        """Check one rendered page and note its hashes; the page keeps its placeholder until `finish`.

        A page without the placeholder, or with an inline event handler, stops the build: shipping
        a page with no policy, or one the policy silently breaks, is worse than no build.
        """
        if PLACEHOLDER not in html:
            raise SystemExit("A page was built without the CSP placeholder: "
                             "overrides/main.html must keep its site_meta block.")
        handler = _INLINE_HANDLER.search(html)
        if handler:
            raise SystemExit(f"Inline event handlers and javascript: links break the CSP: {handler.group(0)[:80]}")
        for found, into in ((inline_script_hashes(html), self.script_hashes),
                            (style_attribute_hashes(html), self.style_hashes)):
            into.extend(source for source in found if source not in into)
        return html

    def policy(self) -> str:
        return policy(self.script_hashes, self.style_hashes)

    def finish(self, site_dir: Path) -> None:
        """Write the policy into every built page (Pyodide's own files are not pages)."""
        element = f'<meta http-equiv="Content-Security-Policy" content="{self.policy()}">'
        for page in site_dir.rglob("*.html"):
            html = page.read_text(encoding="utf-8")
            if PLACEHOLDER in html:
                page.write_text(html.replace(PLACEHOLDER, element, 1), encoding="utf-8")
