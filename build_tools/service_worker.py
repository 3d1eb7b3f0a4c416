"""Write the site's service worker, /sw.js: build_tools/service-worker.js with the lists of
files it keeps, and a build id made from every file's content hash (a deploy that changes any
file gets a new id, so a new cache, and the old one is deleted).

PAGES are cached when the service worker installs; RUNTIME (Pyodide and our Python files) only
once a calculator has booted. The workbook reader (ON_DEMAND) is in neither list: it is cached
the first time a reader opens a workbook, so no one else downloads it. Source maps and the
search's other-language files are left out.
"""
from __future__ import annotations

import hashlib
import json
from pathlib import Path

TEMPLATE = Path(__file__).with_name("service-worker.js")
RUNTIME_DIRS = ("pyodide/", "assets/py/")
# The workbook reader is fetched only for a workbook; the brotli copy of Pyodide's wasm only by a
# first visit (the offline copy keeps the plain wasm, whose compiled code the browser keeps).
ON_DEMAND = ("assets/workbook-reader/", "assets/wasm-br/")
# _headers is read by the hosts that use it, not fetched by readers.
LEFT_OUT = ("sw.js", "_headers", "bench-anchor/", "assets/javascripts/lunr/") + ON_DEMAND


def _site_files(site: Path) -> list[str]:
    files = [path.relative_to(site).as_posix() for path in sorted(site.rglob("*")) if path.is_file()]
    return [name for name in files if not name.startswith(LEFT_OUT) and not name.endswith((".map", ".gz"))]


def _page_url(name: str) -> str:
    """The address a reader uses: folder/ for folder/index.html (use_directory_urls)."""
    return name[: -len("index.html")] if name.endswith("index.html") else name


def publish(site: Path) -> str:
    files = _site_files(site)
    digest = hashlib.sha256()
    for name in files:
        digest.update(name.encode() + b"\0" + hashlib.sha256((site / name).read_bytes()).digest())
    build = digest.hexdigest()[:16]
    runtime = [name for name in files if name.startswith(RUNTIME_DIRS)]
    pages = [_page_url(name) for name in files if not name.startswith(RUNTIME_DIRS)]
    (site / "sw.js").write_text(
        f"const BUILD = {json.dumps(build)};\n"
        f"const PAGES = {json.dumps(pages)};\n"
        f"const RUNTIME = {json.dumps(runtime)};\n" + TEMPLATE.read_text())
    return build
