"""Make the browser's Python start fast: a standard library trimmed to what the calculators
import, and a Pyodide memory snapshot with the calculators already imported.

Both are made under Node with the pinned Pyodide (build_tools/snapshot.mjs) and cached in
build/snapshot/ under a key of everything that goes into them, so an unchanged build reuses
them. If Node or the private snapshot API fails, the build goes on without them (a warning,
and the worker boots Pyodide the ordinary way).

Levers can be switched off for the benchmark: CENTRE_GUIDE_SNAPSHOT=0, CENTRE_GUIDE_TRIM_STDLIB=0,
CENTRE_GUIDE_SNAPSHOT_DELTA=0 (keep the wasm's static data inside the snapshot),
CENTRE_GUIDE_SNAPSHOT_BROTLI=0 (gzip the snapshot: bigger, but the browser inflates it natively),
CENTRE_GUIDE_LEAN_WHEEL=0 (a snapshot boot fetches the whole calculators wheel, not just the files
the snapshot does not hold), CENTRE_GUIDE_ZERO_REST=0 (zero only the heap's free blocks before the
snapshot, not its top chunk, the streams' buffers and the dead stack; snapshot.mjs).
"""
from __future__ import annotations

import ast
import gzip
import hashlib
import json
import os
import re
import shutil
import subprocess
import sys
import zipfile
from dataclasses import dataclass
from pathlib import Path

from build_tools import warm_up

ROOT = Path(__file__).resolve().parent.parent
SCRIPT = ROOT / "build_tools" / "snapshot.mjs"
CACHE = ROOT / "build" / "snapshot"
PACKAGE = ROOT / "calculators"
# How the browser's Python is started, at build time and in the worker alike. -OO drops
# docstrings and no column tables are kept for tracebacks: together about 0.7 MB less to
# download in the snapshot. -OO also drops assert statements, so calculators/ uses none
# (tests/test_browser_python.py checks it); nothing in it reads a docstring either.
PYTHON_ENV = {"PYTHONOPTIMIZE": "2", "PYTHONNODEBUGRANGES": "1"}


@dataclass(frozen=True)
class Startup:
    stdlib: Path | None  # trimmed python_stdlib.zip, or None for Pyodide's own
    snapshot: Path | None  # the memory snapshot's spans, compressed (brotli, or gzip), or None
    # The stdlib zip to mount beside the snapshot. When the snapshot was made on the trimmed
    # zip, every module in that zip is already imported in it, so an empty zip will do and
    # saves its download; the trimmed zip is fetched only by the ordinary boot (the fallback).
    snapshot_stdlib: Path | None = None
    # Where the wasm's static data sits in the snapshot, if it was taken out (see _take_out_data).
    data_shift: int | None = None
    # {"length": bytes of memory, "spans": [[offset, length], ...]}: the snapshot file holds only
    # these spans, one after the other (see spans).
    layout: dict | None = None
    encoding: str = "br"  # how `snapshot` is compressed: "br" or "gzip"
    # The package's files whose modules the snapshot holds already imported ("calculators/deadline.py",
    # ...): a worker that restores the snapshot does not need them (wheel.lean_for_snapshot).
    imported: tuple[str, ...] = ()


def lever_on(name: str) -> bool:
    return os.environ.get(f"CENTRE_GUIDE_{name}", "1") != "0"


def imported_names() -> list[str]:
    """Every module the calculators' source imports, at any depth (lazy imports included)."""
    names = set()
    for path in PACKAGE.rglob("*.py"):
        if path.name == "__main__.py":  # the command line, never run in the browser
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            if isinstance(node, ast.Import):
                names.update(alias.name for alias in node.names)
            elif isinstance(node, ast.ImportFrom) and node.level == 0 and node.module:
                names.add(node.module)
    return sorted(names - {"__future__"})


def brotli(source: Path, out: Path) -> None:
    """Compress a file with brotli at its best, under Node (snapshot.mjs brotli)."""
    _node("brotli", str(source), str(out))


def _node(*args: str) -> None:
    subprocess.run(["node", str(SCRIPT), *args], check=True, capture_output=True, text=True, timeout=300)


def _trim(full_zip: Path, keep: list[str], out: Path) -> None:
    with zipfile.ZipFile(full_zip) as source, \
            zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=9) as trimmed:
        for name in keep:
            # A fixed date keeps the zip, and so its hash and the snapshot key, reproducible.
            info = zipfile.ZipInfo(name, date_time=(2020, 1, 1, 0, 0, 0))
            info.compress_type = zipfile.ZIP_DEFLATED
            trimmed.writestr(info, source.read(name))


def build(pyodide_dir: Path, wheel: Path) -> Startup:
    trim, snap = lever_on("TRIM_STDLIB"), lever_on("SNAPSHOT")
    if not (trim or snap):
        return Startup(None, None)
    job = {"modules": imported_names(), "cases": warm_up.cases(), "env": PYTHON_ENV}
    key = hashlib.sha256()
    for part in (pyodide_dir / "pyodide.asm.wasm", pyodide_dir / "python_stdlib.zip", wheel, SCRIPT, Path(__file__)):
        key.update(hashlib.sha256(part.read_bytes()).digest())
    key.update(json.dumps([job, trim, snap, lever_on("SNAPSHOT_DELTA"), lever_on("SNAPSHOT_BROTLI"),
                           lever_on("ZERO_REST")]).encode())
    folder = CACHE / key.hexdigest()[:16]
    encoding = "br" if lever_on("SNAPSHOT_BROTLI") else "gzip"
    stdlib, snapshot = folder / "python_stdlib.zip", folder / f"snapshot.{encoding}"
    if not folder.exists():
        # Made aside and renamed into place: parallel builds (tests, other checkouts) never
        # see or delete each other's half-made files.
        workspace = CACHE / f"{folder.name}.{os.getpid()}.tmp"
        try:
            _make(workspace, pyodide_dir, wheel, job, trim, snap)
            workspace.rename(folder)
        except (OSError, subprocess.SubprocessError) as problem:
            shutil.rmtree(workspace, ignore_errors=True)
            if not folder.exists():
                detail = getattr(problem, "stderr", "") or problem
                print(f"WARNING - Python start-up snapshot not made, the browser will boot Pyodide normally: "
                      f"{str(detail).strip()[-500:]}", file=sys.stderr)
                return Startup(None, None)
        _prune(keep=folder)
    if not snap:
        return Startup(stdlib if trim else None, None)
    grown = folder / GROWN
    if grown.exists():
        print(f"WARNING - Python start-up snapshot NOT SHIPPED, the browser will boot Pyodide normally (slower): "
              f"{grown.read_text()}", file=sys.stderr)
        return Startup(stdlib if trim else None, None)
    shift = json.loads((folder / "shift.json").read_text())
    layout = json.loads((folder / "layout.json").read_text())
    imported = tuple(json.loads((folder / IMPORTED).read_text())) if lever_on("LEAN_WHEEL") else ()
    return Startup(stdlib if trim else None, snapshot, folder / "empty.zip" if trim else None, shift, layout,
                   encoding, imported)


def _make(folder: Path, pyodide_dir: Path, wheel: Path, job: dict, trim: bool, snap: bool) -> None:
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    (folder / "job.json").write_text(json.dumps(job))
    stdlib_args: list[str] = []
    if trim:
        _node("modules", str(pyodide_dir), str(wheel), str(folder / "job.json"), str(folder / "modules.json"))
        _trim(pyodide_dir / "python_stdlib.zip", json.loads((folder / "modules.json").read_text()),
              folder / "python_stdlib.zip")
        stdlib_args = [str(folder / "python_stdlib.zip")]
        zipfile.ZipFile(folder / "empty.zip", "w").close()
    if snap:
        raw = folder / "snapshot.bin"
        _node("snapshot", str(pyodide_dir), str(wheel), str(folder / "job.json"), str(raw), *stdlib_args)
        Path(f"{raw}.imported.json").rename(folder / IMPORTED)
        problem = memory_grew(raw.read_bytes(), (pyodide_dir / "pyodide.asm.wasm").read_bytes())
        if problem:
            (folder / GROWN).write_text(problem)
            raw.unlink()
            return
        memory = bytearray(raw.read_bytes())
        shift = _take_out_data(memory, (pyodide_dir / "pyodide.asm.wasm").read_bytes()) \
            if lever_on("SNAPSHOT_DELTA") else None
        (folder / "shift.json").write_text(json.dumps(shift))
        kept = spans(memory)
        (folder / "layout.json").write_text(json.dumps({"length": len(memory), "spans": kept}))
        raw.write_bytes(b"".join(memory[offset:offset + length] for offset, length in kept))
        # Compressed here, not by the web server: hosts do not compress an unknown binary type,
        # and none sends brotli to every browser.
        if lever_on("SNAPSHOT_BROTLI"):
            _node("brotli", str(raw), str(folder / "snapshot.br"))
        else:
            (folder / "snapshot.gzip").write_bytes(gzip.compress(raw.read_bytes(), compresslevel=9, mtime=0))
        raw.unlink()


# Written in place of a snapshot whose memory grew while it was made (see memory_grew).
GROWN = "memory-grew.txt"
# The package's files whose modules the snapshot holds (snapshot.mjs lists them).
IMPORTED = "imported.json"


def initial_memory(wasm: bytes) -> int | None:
    """Bytes of memory a fresh instance of the wasm starts with: its memory section's initial
    pages (Pyodide declares its memory in the wasm, so no setting can change it)."""
    at = 8
    while at < len(wasm):
        section = wasm[at]
        size, at = _leb(wasm, at + 1)
        if section == 5:
            count, cursor = _leb(wasm, at)
            if count:
                pages, _ = _leb(wasm, cursor + 1)  # after the limits' flags byte
                return pages * 65536
        at += size
    return None


def memory_grew(made: bytes, wasm: bytes) -> str:
    """Why a snapshot cannot be restored, or "" if it can. Pyodide writes the snapshot's memory
    into a fresh instance's memory without growing it first, so a snapshot taken after the
    memory grew fails in every browser (an open Pyodide issue, "Snapshot restore failure"). The
    file starts with a header whose length is its second 32-bit word, then the memory."""
    header = int.from_bytes(made[4:8], "little")
    memory, initial = len(made) - header, initial_memory(wasm)
    if initial is None or memory <= initial:
        return ""
    return (f"the heap grew from {initial:,} to {memory:,} bytes while the calculators were imported and warmed "
            f"up, and Pyodide cannot restore such a snapshot. Import less at start-up "
            f"(build_tools/warm_up.py) or wait for a Pyodide that grows the heap on restore.")


def spans(memory: bytes, gap: int = 1024) -> list[list[int]]:
    """[offset, length] of each stretch of memory worth shipping: everything but runs of at least
    `gap` zero bytes. Over two thirds of the memory is zero (the static data once taken out, the
    free memory once zeroed, the unused top), so the browser inflates 9 MB instead of 31 MB and
    writes it into a zeroed buffer of the full length."""
    kept, at = [], 0
    for zeros in re.finditer(rb"\x00{%d,}" % gap, memory):
        if zeros.start() > at:
            kept.append([at, zeros.start() - at])
        at = zeros.end()
    if at < len(memory):
        kept.append([at, len(memory) - at])
    return kept


def _leb(data: bytes, at: int, signed: bool = False) -> tuple[int, int]:
    value = shift = 0
    while True:
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            if signed and byte & 0x40:
                value -= 1 << shift
            return value, at


def data_segments(wasm: bytes) -> list[tuple[int, int, int]]:
    """(memory offset, start in the file, length) of each active data segment with a constant offset."""
    at, segments = 8, []
    while at < len(wasm):
        section, size = wasm[at], 0
        size, at = _leb(wasm, at + 1)
        if section == 11:
            count, cursor = _leb(wasm, at)
            for _ in range(count):
                flag, cursor = _leb(wasm, cursor)
                offset = None
                if flag == 0:
                    if wasm[cursor] != 0x41:  # i32.const: anything else is not a constant offset
                        raise ValueError("data segment offset is not a constant")
                    offset, cursor = _leb(wasm, cursor + 1, signed=True)
                    cursor += 1  # end
                elif flag != 1:
                    raise ValueError(f"data segment kind {flag}")
                length, cursor = _leb(wasm, cursor)
                if offset is not None:
                    segments.append((offset, cursor, length))
                cursor += length
        at += size
    return segments


def _take_out_data(memory: bytearray, wasm: bytes) -> int | None:
    """XOR the wasm's static data out of the snapshot: nearly all of it is unchanged since
    start-up, so it becomes zeros and the download shrinks by about 1.5 MB. The worker XORs it
    back from the wasm it has anyway. The data sits a little above its link-time offset (the
    memory base), so the shift is found by search and checked; None leaves the snapshot as it is."""
    try:
        segments = data_segments(wasm)
    except (ValueError, IndexError):
        return None
    if not segments:
        return None
    offset, start, length = max(segments, key=lambda segment: segment[2])
    probe = wasm[start:start + min(length, 256)]
    found = memory.find(probe, max(offset - 65536, 0), offset + 65536 + len(probe))
    if found < 0:
        return None
    shift = found - offset
    total = same = 0
    for offset, start, length in segments:
        at = offset + shift
        mixed = (int.from_bytes(memory[at:at + length], "little")
                 ^ int.from_bytes(wasm[start:start + length], "little"))
        total += length
        same += length - sum(1 for byte in mixed.to_bytes(length, "little") if byte)
        memory[at:at + length] = mixed.to_bytes(length, "little")
    if same < 0.9 * total:  # not the layout expected: put the data back and ship it whole
        for offset, start, length in segments:
            at = offset + shift
            memory[at:at + length] = (int.from_bytes(memory[at:at + length], "little")
                                      ^ int.from_bytes(wasm[start:start + length], "little")).to_bytes(length, "little")
        return None
    return shift


def _prune(keep: Path) -> None:
    """Keep a few recent results: a parallel build of another version may still want its own."""
    finished = [path for path in CACHE.iterdir() if path.suffix != ".tmp" and path != keep]
    for old in sorted(finished, key=lambda path: path.stat().st_mtime)[:-3]:
        shutil.rmtree(old, ignore_errors=True)
