"""Build the calculators wheel that the browser loads, unless an up-to-date one exists.

`pyodide build` needs the internet even for pure Python (it fetches a cross-build
environment), so the wheel is a standard `py3-none-any` wheel from hatchling, which
Pyodide loads as it is. The wheel is rebuilt whenever a file in calculators/ is newer.

The browser gets it in two parts (split_for_browser): the wheel without the modules that read
workbooks, fetched at every start, and those modules in a zip of their own, fetched with the
workbook reader when a workbook is first opened. A worker that restores the start-up snapshot gets a third, leaner
part instead of the first (lean_for_snapshot).
"""
from __future__ import annotations

import subprocess
import sys
import zipfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGE = ROOT / "calculators"
OUT = ROOT / "build" / "wheel"
# Imported only for a workbook (calculators/spreadsheet.py), so the browser fetches them with the
# workbook reader instead of at start-up.
ON_DEMAND = ("calculators/workbook.py", "calculators/workbook_limits.py")


# The command line and the package's README: no browser runs or reads them.
BROWSER_NEVER_READS = ("calculators/__main__.py", "calculators/README.md")


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


def split_for_browser(wheel: Path) -> tuple[Path, Path]:
    """(the wheel without the ON_DEMAND modules, a zip of just those), in build/wheel/browser/.
    Entries keep a fixed date, so the same sources give the same bytes (and content hashes)."""
    folder = OUT / "browser"
    folder.mkdir(parents=True, exist_ok=True)
    core, modules = folder / wheel.name, folder / "calculators-workbooks.zip"
    if core.is_file() and modules.is_file() and core.stat().st_mtime >= wheel.stat().st_mtime:
        return core, modules
    with zipfile.ZipFile(wheel) as source:
        names = [name for name in source.namelist() if name not in ON_DEMAND]
        with zipfile.ZipFile(core, "w", zipfile.ZIP_DEFLATED) as out:
            for name in names:
                data = source.read(name)
                if name.endswith(".dist-info/RECORD"):
                    data = b"".join(line for line in data.splitlines(keepends=True)
                                    if line.split(b",", 1)[0].decode() not in ON_DEMAND)
                out.writestr(_entry(name), data)
        with zipfile.ZipFile(modules, "w", zipfile.ZIP_DEFLATED) as out:
            for name in ON_DEMAND:
                out.writestr(_entry(name), source.read(name))
    return core, modules


def lean_for_snapshot(core: Path, imported: tuple[str, ...]) -> Path:
    """The core wheel without the modules a start-up snapshot already holds imported, for the
    worker that restores it: their source is never read again, so only the rules' data and
    the modules imported later are fetched (about 80 kB less at every first visit). The
    ordinary boot, the fallback, still fetches the whole core wheel."""
    lean = OUT / "browser" / f"lean-{core.name}"
    with zipfile.ZipFile(core) as source, zipfile.ZipFile(lean, "w", zipfile.ZIP_DEFLATED) as out:
        for name in source.namelist():
            if name not in imported and name not in BROWSER_NEVER_READS:
                out.writestr(_entry(name), source.read(name))
    return lean


def _entry(name: str) -> zipfile.ZipInfo:
    info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
    info.compress_type = zipfile.ZIP_DEFLATED
    return info


if __name__ == "__main__":
    print(build_wheel())
