"""Put Python into the built site: the pinned Pyodide files from node_modules, the calculators
wheel, and (build_tools/snapshot.py) the trimmed standard library and start-up snapshot, with
`assets/js/build-info.js` telling the worker where each one is.

Everything made from our own code carries a content hash in its name, so a browser or the
service worker never mixes an old file with new pages; Pyodide's files sit under their version.
"""
from __future__ import annotations

import hashlib
import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

from build_tools import snapshot, workbook_reader
from build_tools.wheel import ROOT, build_wheel, lean_for_snapshot, split_for_browser

PYODIDE_PACKAGE = ROOT / "node_modules" / "pyodide"
BROTLI_DECODER = ROOT / "node_modules" / "brotli-dec-wasm" / "pkg"
# Only what a boot fetches: no source maps, type definitions or console pages. The lock file
# is passed to Pyodide inline (no packages are ever loaded), so it is not served.
PYODIDE_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm")


def pyodide_version() -> str:
    return json.loads((PYODIDE_PACKAGE / "package.json").read_text())["version"]


def _hashed_copy(source: Path, site: Path, stem: str, suffix: str) -> str:
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    relative = f"assets/py/{stem}-{digest}{suffix}"
    (site / relative).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, site / relative)
    return relative


# Not under assets/py/: the service worker keeps everything there for offline use once Python has
# started, and this is fetched only by readers who open a workbook.
WORKBOOK_READER_DIR = "assets/workbook-reader"


def _hashed_folder_copy(source: Path, site: Path, folder: str) -> str:
    digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
    relative = f"{folder}/{digest}/{source.name}"
    (site / relative).parent.mkdir(parents=True, exist_ok=True)
    shutil.copy2(source, site / relative)
    return relative
# Pyodide's wasm compressed with brotli for a first visit: 2.8 MB against 3.5 MB with the gzip a
# host applies, which is seconds on a busy network. Not under assets/py/ (see service_worker.py).
WASM_BROTLI_DIR = "assets/wasm-br"
WASM_BROTLI_CACHE = ROOT / "build" / "wasm-brotli"


def wasm_brotli(wasm: Path) -> Path | None:
    """The wasm, brotli-compressed at its best (about 30 s, once per Pyodide version: cached in
    build/wasm-brotli/), or None if the lever is off (CENTRE_GUIDE_WASM_BROTLI=0) or Node fails:
    the worker then fetches the plain wasm, as it always may."""
    if not snapshot.lever_on("WASM_BROTLI"):
        return None
    digest = hashlib.sha256(wasm.read_bytes()).hexdigest()[:16]
    made = WASM_BROTLI_CACHE / digest / "pyodide.asm.wasm.br.bin"
    if not made.exists():
        made.parent.mkdir(parents=True, exist_ok=True)
        partial = made.with_suffix(f".{os.getpid()}.tmp")
        try:
            snapshot.brotli(wasm, partial)
            partial.rename(made)
        except (OSError, subprocess.SubprocessError) as problem:
            partial.unlink(missing_ok=True)
            print(f"WARNING - brotli copy of Pyodide's wasm not made, first visits fetch the plain one: {problem}",
                  file=sys.stderr)
            return None
    return made


def boot_bytes(site: Path, files: dict) -> dict:
    """The size of each file a boot downloads, as the worker reads it (after any HTTP compression
    is undone), for each way it can boot: boot-progress.js counts the bytes that arrive against
    these, so the page can say how much of the download is done."""
    pyodide = [f"{files['pyodideDir']}{name}" for name in PYODIDE_FILES]
    plain_stdlib = files["stdlibFile"] or f"{files['pyodideDir']}python_stdlib.zip"
    kinds = {"plain": [*pyodide, files["wheelFile"], plain_stdlib]}
    if files["snapshotFile"]:
        decoder = list(files["brotliDecoder"].values()) if files["brotliDecoder"] else []
        # Both copies of the wasm: the worker uses one and says the other is not needed.
        brotli_wasm = [files["wasmBrotliFile"]] if files.get("wasmBrotliFile") else []
        wheel = files["snapshotWheelFile"] or files["wheelFile"]
        kinds["snapshot"] = [*pyodide, *brotli_wasm, wheel, files["snapshotFile"],
                             files["snapshotStdlibFile"] or plain_stdlib, *decoder]
    return {kind: {path: (site / path).stat().st_size for path in paths} for kind, paths in kinds.items()}


def publish(site: Path) -> None:
    if not PYODIDE_PACKAGE.is_dir():
        raise SystemExit("node_modules/pyodide is missing: run `npm ci` (make setup does it).")
    version = pyodide_version()
    pyodide_dir = site / "pyodide" / version
    pyodide_dir.mkdir(parents=True, exist_ok=True)
    wheel, workbook_modules = split_for_browser(build_wheel())
    startup = snapshot.build(PYODIDE_PACKAGE, wheel)
    names = list(PYODIDE_FILES) + ([] if startup.stdlib else ["python_stdlib.zip"])
    for name in names:
        shutil.copy2(PYODIDE_PACKAGE / name, pyodide_dir / name)
    files = {
        "pyodideDir": f"pyodide/{version}/",
        "wheelFile": _hashed_copy(wheel, site, "calculators", ".whl"),
        # What a snapshot boot unpacks instead: the package less the modules the snapshot holds.
        "snapshotWheelFile": (_hashed_copy(lean_for_snapshot(wheel, startup.imported), site, "calculators", ".whl")
                              if startup.snapshot and startup.imported else None),
        "stdlibFile": _hashed_copy(startup.stdlib, site, "python_stdlib", ".zip") if startup.stdlib else None,
        # ".br.bin", not ".br": a host that sees ".br" may label it as brotli-encoded, and the
        # browser would then decode it before the worker could.
        "snapshotFile": (_hashed_copy(startup.snapshot, site, "snapshot", f".{startup.encoding}.bin")
                         if startup.snapshot else None),
        # The brotli decoder (npm brotli-dec-wasm, about 90 kB gzip): browsers have none to offer
        # scripts (DecompressionStream knows gzip and deflate only).
        "brotliDecoder": ({"script": _hashed_copy(BROTLI_DECODER / "brotli_dec_wasm.js", site, "brotli-dec", ".js"),
                           "wasm": _hashed_copy(BROTLI_DECODER / "brotli_dec_wasm_bg.wasm", site, "brotli-dec",
                                                ".wasm")}
                          if startup.snapshot and startup.encoding == "br" else None),
        "snapshotStdlibFile": (_hashed_copy(startup.snapshot_stdlib, site, "python_stdlib", ".zip")
                               if startup.snapshot_stdlib else None),
        # Loaded only when a workbook is opened. Pyodide reads the package from the wheel's own
        # file name, so the content hash names its folder instead.
        "workbookReaderFile": _hashed_folder_copy(workbook_reader.wheel(), site, WORKBOOK_READER_DIR),
        "wasmBrotliFile": (_hashed_folder_copy(wasm_br, site, WASM_BROTLI_DIR) if (wasm_br := wasm_brotli(
            PYODIDE_PACKAGE / "pyodide.asm.wasm")) and startup.snapshot and startup.encoding == "br" else None),
        # calculators/workbook.py and workbook_limits.py: only a workbook needs them.
        "workbookModulesFile": _hashed_folder_copy(workbook_modules, site, WORKBOOK_READER_DIR),
    }
    lock = json.loads((PYODIDE_PACKAGE / "pyodide-lock.json").read_text())
    # Not a file: how to put the wasm's static data back into the snapshot (None: nothing to do).
    files["snapshotDataShift"] = startup.data_shift if startup.snapshot else None
    files["snapshotLayout"] = startup.layout if startup.snapshot else None
    files["snapshotEncoding"] = startup.encoding if startup.snapshot else None
    files["pythonEnv"] = snapshot.PYTHON_ENV
    # Not a file: whether the worker compiles the wasm beside the snapshot (python-worker.js
    # compileNow); CENTRE_GUIDE_COMPILE_EARLY=0 leaves it to Pyodide, for the benchmark.
    files["compileEarly"] = snapshot.lever_on("COMPILE_EARLY")
    files["bootBytes"] = boot_bytes(site, files)
    lines = ["// Written by build_tools/site_python.py: where the worker finds Python and the calculators."]
    lines += [f"export const {key} = {json.dumps(value)};" for key, value in files.items()]
    lines.append(f"export const lockFile = {json.dumps({'info': lock['info'], 'packages': {}})};")
    (site / "assets" / "js").mkdir(parents=True, exist_ok=True)
    (site / "assets" / "js" / "build-info.js").write_text("\n".join(lines) + "\n")
