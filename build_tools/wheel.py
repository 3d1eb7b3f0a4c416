"""Build the calculators wheel that the browser loads, unless an up-to-date one exists.

`pyodide build` needs the internet even for pure Python (it fetches a cross-build
environment), so the wheel is a standard `py3-none-any` wheel from hatchling, which
Pyodide loads as it is. The wheel is rebuilt whenever a file in calculators/ is newer.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "calculators"
OUT = ROOT / "build" / "wheel"


def sources() -> list[Path]:
    return [path for path in PACKAGE.rglob("*") if path.is_file() and "__pycache__" not in path.parts]


def current_wheel() -> Path | None:
    wheels = sorted(OUT.glob("calculators-*-py3-none-any.whl"))
    if len(wheels) != 1:
        return None
    newest_source = max(path.stat().st_mtime for path in sources() + [ROOT / "pyproject.toml"])
    return wheels[0] if wheels[0].stat().st_mtime >= newest_source else None


def build_wheel() -> Path:
    wheel = current_wheel()
    if wheel:
        return wheel
    for old in OUT.glob("*.whl"):
        old.unlink()
    OUT.mkdir(parents=True, exist_ok=True)
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--quiet", "--no-deps", "--no-build-isolation",
                    "--wheel-dir", str(OUT), str(ROOT)], check=True)
    (wheel,) = OUT.glob("calculators-*-py3-none-any.whl")
    return wheel


if __name__ == "__main__":
    print(build_wheel())
