"""MkDocs hooks: render rule values into pages, and put Python into the built site.

- Every page is a Jinja2 template before it is Markdown: `{{ rule("deadlines", "romm-service-1").days }}`
  prints a figure from the rules data, so the prose cannot drift from the calculators.
- After the build, the pinned Pyodide files are copied from node_modules and the calculators
  wheel is added, with `assets/js/build-info.js` telling the worker where both are.
"""
from __future__ import annotations

import hashlib
import json
import shutil
import sys
from pathlib import Path

import jinja2

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from build_tools import page_context  # noqa: E402
from build_tools.wheel import build_wheel  # noqa: E402

PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
# Only what a boot fetches: no source maps, type definitions or console pages.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")

_environment = jinja2.Environment(
    loader=jinja2.FileSystemLoader(str(ROOT / "build_tools" / "templates")),
    undefined=jinja2.StrictUndefined,
    keep_trailing_newline=True,
    autoescape=False,
)


def on_page_markdown(markdown, page, config, files):
    try:
        template = _environment.from_string(markdown)
        return template.render(**page_context.context(page.file.src_uri))
    except jinja2.TemplateError as problem:
        line = getattr(problem, "lineno", "?")
        raise SystemExit(f"{page.file.src_uri}:{line}: {problem}") from problem


def pyodide_version() -> str:
    return json.loads((PYODIDE_PACKAGE / "package.json").read_text())["version"]


def on_post_build(config):
    site = Path(config["site_dir"])
    if not PYODIDE_PACKAGE.is_dir():
        raise SystemExit("node_modules/pyodide is missing: run `npm ci` (make setup does it).")
    version = pyodide_version()
    pyodide_dir = site / "pyodide" / version
    pyodide_dir.mkdir(parents=True, exist_ok=True)
    for name in PYODIDE_FILES:
        shutil.copy2(PYODIDE_PACKAGE / name, pyodide_dir / name)

    wheel = build_wheel()
    digest = hashlib.sha256(wheel.read_bytes()).hexdigest()[:12]
    wheel_dir = site / "assets" / "py"
    wheel_dir.mkdir(parents=True, exist_ok=True)
    # The content hash in the name means a browser never mixes an old wheel with new pages.
    wheel_name = f"calculators-{digest}.whl"
    shutil.copy2(wheel, wheel_dir / wheel_name)
    (site / "assets" / "js" / "build-info.js").write_text(
        "// Written by build_tools/mkdocs_hooks.py: where the worker finds Python and the calculators.\n"
        f"export const pyodideDir = {json.dumps(f'pyodide/{version}/')};\n"
        f"export const wheelFile = {json.dumps(f'assets/py/{wheel_name}')};\n"
    )
