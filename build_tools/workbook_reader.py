"""The workbook reader for the browser: python-calamine's Pyodide wheel, the same release as the
CPython one in requirements/dev.txt, fetched by pip (the ordinary client, so no other host is
named anywhere) and checked against the hash pinned here before the site may serve it.

The worker loads it only when a workbook is opened (docs/assets/js/python-worker.js): pasted
text, CSV files and every other calculator never download it.

    .venv/bin/python -m build_tools.workbook_reader    # fetch and check it, print its path
"""
from __future__ import annotations

import hashlib
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from build_tools.wheel import ROOT

NAME, VERSION = "python-calamine", "0.9.1"
# Pyodide 314's ABI ("abi_version" 2026_0 in its pyodide-lock.json) and Python (3.14).
PLATFORM, PYTHON = "pyemscripten_2026_0_wasm32", "3.14"
WHEEL = f"python_calamine-{VERSION}-cp314-cp314-{PLATFORM}.whl"
SHA256 = "1f9a2f99d65f4cc647f3fc57ff80a2bb492bf8ce66a637b67064d1663697ae21"
FOLDER = ROOT / "build" / "pyodide-wheels"


def _digest(path: Path) -> str:
    return hashlib.sha256(path.read_bytes()).hexdigest()


def wheel() -> Path:
    """The checked wheel in build/pyodide-wheels/, downloaded first if it is not there yet."""
    path = FOLDER / WHEEL
    if path.is_file() and _digest(path) == SHA256:
        return path
    FOLDER.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=FOLDER) as workspace:
        try:
            subprocess.run([sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--only-binary=:all:",
                            "--platform", PLATFORM, "--python-version", PYTHON, "--implementation", "cp",
                            "--abi", "cp314", "--dest", workspace, f"{NAME}=={VERSION}"],
                           check=True, capture_output=True, text=True, timeout=300)
        except (OSError, subprocess.SubprocessError) as problem:
            detail = getattr(problem, "stderr", "") or problem
            raise SystemExit(f"Could not download {WHEEL} with pip: {str(detail).strip()[-500:]}") from None
        downloaded = Path(workspace) / WHEEL
        if not downloaded.is_file():
            raise SystemExit(f"pip did not download {WHEEL}")
        if _digest(downloaded) != SHA256:
            raise SystemExit(f"{WHEEL} does not match its pinned sha256 ({SHA256}): refusing to serve it")
        shutil.move(str(downloaded), path)
    return path


if __name__ == "__main__":
    print(wheel())
