"""The browser's workbook reader (build_tools/workbook_reader.py): the same python-calamine release
as CPython's, pinned by a hash that is the release's own, checked before it is served, and kept
out of every download but a workbook's."""
from __future__ import annotations

import json
import re
from importlib.metadata import version
from pathlib import Path

import pytest

import zipfile

from build_tools import service_worker, workbook_reader
from build_tools.wheel import BROWSER_NEVER_READS, ON_DEMAND, build_wheel, lean_for_snapshot, split_for_browser

ROOT = Path(__file__).resolve().parents[1]


def test_the_browser_reads_with_the_release_cpython_reads_with():
    assert workbook_reader.VERSION == version("python-calamine")
    pinned = (ROOT / "requirements" / "dev.in").read_text()
    assert f"{workbook_reader.NAME}=={workbook_reader.VERSION}" in pinned


def test_the_pinned_hash_is_one_of_the_release_hashes_in_the_lock_file():
    lock = (ROOT / "requirements" / "dev.txt").read_text()
    block = re.search(r"^python-calamine==.*?(?=^\S)", lock, re.S | re.M).group(0)
    assert f"sha256:{workbook_reader.SHA256}" in block


def test_the_wheel_is_for_the_pinned_pyodide():
    lock = json.loads((ROOT / "node_modules" / "pyodide" / "pyodide-lock.json").read_text())["info"]
    assert workbook_reader.PLATFORM == f"pyemscripten_{lock['abi_version']}_{lock['arch']}"
    assert lock["python"].startswith(workbook_reader.PYTHON + ".")


def test_a_wheel_that_does_not_match_its_hash_is_never_used(tmp_path, monkeypatch):
    monkeypatch.setattr(workbook_reader, "FOLDER", tmp_path)
    (tmp_path / workbook_reader.WHEEL).write_bytes(b"not the wheel")

    def fake_pip(command, **options):
        Path(command[command.index("--dest") + 1], workbook_reader.WHEEL).write_bytes(b"tampered")
    monkeypatch.setattr(workbook_reader.subprocess, "run", fake_pip)
    with pytest.raises(SystemExit, match="does not match its pinned sha256"):
        workbook_reader.wheel()


def test_the_service_worker_neither_precaches_nor_keeps_the_reader(tmp_path):
    for name in ("index.html", "assets/py/calculators-abc.whl", "assets/workbook-reader/123/reader.whl"):
        (tmp_path / name).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / name).write_text(name)
    service_worker.publish(tmp_path)
    source = (tmp_path / "sw.js").read_text()
    assert "workbook-reader/123" not in source.split("self.addEventListener")[0].split("const IMMUTABLE")[0]
    assert "\\/assets\\/workbook-reader\\/" in source  # fetched once, then cache first


def test_the_browser_wheel_leaves_the_workbook_modules_for_the_first_workbook():
    core, modules = split_for_browser(build_wheel())
    with zipfile.ZipFile(core) as wheel:
        names = wheel.namelist()
        record = wheel.read(next(name for name in names if name.endswith("RECORD"))).decode()
    assert "calculators/spreadsheet.py" in names and not set(ON_DEMAND) & set(names)
    assert not any(name in record for name in ON_DEMAND)
    assert zipfile.ZipFile(modules).namelist() == list(ON_DEMAND)
    assert split_for_browser(build_wheel()) == (core, modules)


def test_a_snapshot_boot_gets_the_wheel_without_the_modules_the_snapshot_holds():
    core, _ = split_for_browser(build_wheel())
    lean = lean_for_snapshot(core, ("calculators/__init__.py", "calculators/deadline.py"))
    with zipfile.ZipFile(core) as whole, zipfile.ZipFile(lean) as part:
        names, kept = whole.namelist(), part.namelist()
    assert "calculators/deadline.py" in names and "calculators/deadline.py" not in kept
    assert "calculators/__init__.py" not in kept and not set(BROWSER_NEVER_READS) & set(kept)
    # The rules' data is read from files, and a module the snapshot does not hold is imported later.
    assert "calculators/rules/deadlines.toml" in kept and "calculators/sample_size.py" in kept
    assert any(name.endswith(".dist-info/WHEEL") for name in kept)
