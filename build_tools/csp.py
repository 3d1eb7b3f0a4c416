"""The Content-Security-Policy put at the top of every built page (issue 8).

GitHub Pages cannot send headers, so the policy is a <meta> element. overrides/main.html puts a
placeholder first in <head>, before the theme's inline scripts; `apply` fills it in once the
page is rendered, adding the SHA-256 of each inline script the page carries (mkdocs-material
writes a few small ones, and their text depends on the page's depth in the site).

Why each part is as it is:
- script-src: our own files and the hashed inline scripts only; no 'unsafe-inline', no
  'unsafe-eval'. 'wasm-unsafe-eval' is left out on purpose: the page compiles no WebAssembly.
  Pyodide runs in a module worker, and a <meta> policy does not reach a worker loaded from its
  own URL. A host that can send headers and adds a CSP header must give the worker
  `script-src 'self' 'wasm-unsafe-eval'` (see README, "Security").
- style-src 'self': the theme changes styles only through the CSSOM (element.style), which a
  policy does not block; no style attribute or <style> element is written.
- img-src data:: the theme's icons (admonitions, lists, the search box) are data: SVG masks.
- frame-ancestors, report-uri and sandbox are ignored in a <meta> policy, so they are not set.
"""
from __future__ import annotations

import base64
import hashlib
import re

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
    ("form-action", "'self'"),
    ("base-uri", "'self'"),
    ("object-src", "'none'"),
)

_SCRIPT = re.compile(r"<script\b([^>]*)>(.*?)</script\s*>", re.DOTALL | re.IGNORECASE)
_SRC = re.compile(r"\bsrc\s*=", re.IGNORECASE)
_TYPE = re.compile(r"""\btype\s*=\s*["']?([^"'\s>]+)""", re.IGNORECASE)
# Inline <script> types the browser runs; any other type (the theme's JSON config) is data.
_RUNNABLE_TYPES = {"", "module", "text/javascript", "application/javascript"}
# Inline handlers and javascript: URLs cannot be allowed by a hash, so a page with one fails the build.
_INLINE_HANDLER = re.compile(r"<[a-z][^>]*\son[a-z]+\s*=|\bhref\s*=\s*[\"']?\s*javascript:", re.IGNORECASE)


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
        digest = base64.b64encode(hashlib.sha256(body.encode("utf-8")).digest()).decode("ascii")
        source = f"'sha256-{digest}'"
        if source not in found:
            found.append(source)
    return found


def policy(html: str) -> str:
    """The policy for one page: the fixed directives plus the hashes of its inline scripts."""
    hashes = " ".join(inline_script_hashes(html))
    parts = []
    for name, value in DIRECTIVES:
        if name == "script-src" and hashes:
            value = f"{value} {hashes}"
        parts.append(f"{name} {value}")
    return "; ".join(parts)


def apply(html: str) -> str:
    """Return the page with its policy in place of the placeholder.

    A page without the placeholder, or with an inline event handler, stops the build: shipping
    a page with no policy, or one the policy silently breaks, is worse than no build.
    """
    if PLACEHOLDER not in html:
        raise SystemExit("A page was built without the CSP placeholder: overrides/main.html must keep its site_meta block.")
    handler = _INLINE_HANDLER.search(html)
    if handler:
        raise SystemExit(f"Inline event handlers and javascript: links break the CSP: {handler.group(0)[:80]}")
    element = f'<meta http-equiv="Content-Security-Policy" content="{policy(html)}">'
    return html.replace(PLACEHOLDER, element, 1)
