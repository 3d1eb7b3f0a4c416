"""Put Python into the built site: the pinned Pyodide files from node_modules and the
calculators wheel, with `assets/js/build-info.js` telling the worker where both are."""
from __future__ import annotations

import hashlib
import json
import shutil
from pathlib import Path

from build_tools.wheel import ROOT, build_wheel

PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
# Only what a boot fetches: no source maps, type definitions or console pages.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")


def pyodide_version() -> str:
    return json.loads((PYODIDE_PACKAGE / "package.json").read_text())["version"]


def publish(site: Path) -> None:
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
        "// Written by build_tools/site_python.py: where the worker finds Python and the calculators.\n"
        f"export const pyodideDir = {json.dumps(f'pyodide/{version}/')};\n"
        f"export const wheelFile = {json.dumps(f'assets/py/{wheel_name}')};\n"
    )
