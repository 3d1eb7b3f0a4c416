"""The build's start-up levers (build_tools/snapshot.py) and service worker (build_tools/service_worker.py):
what they include, and that a failed snapshot never fails the build."""
from __future__ import annotations

import json
import subprocess
import zipfile
from pathlib import Path

import pytest

from build_tools import service_worker, snapshot


def test_imports_inside_functions_are_found_so_the_snapshot_and_trimmed_stdlib_include_them(tmp_path, monkeypatch):
    (tmp_path / "late.py").write_text("import json\ndef later():\n    import statistics\n    from email import utils\n")
    (tmp_path / "local.py").write_text("from __future__ import annotations\nfrom . import late\n")
    monkeypatch.setattr(snapshot, "PACKAGE", tmp_path)
    assert snapshot.imported_names() == ["email", "json", "statistics"]


def test_the_command_lines_imports_stay_out_of_the_browser(tmp_path, monkeypatch):
    (tmp_path / "__main__.py").write_text("import argparse\n")
    (tmp_path / "run.py").write_text("import json\n")
    monkeypatch.setattr(snapshot, "PACKAGE", tmp_path)
    assert snapshot.imported_names() == ["json"]


def test_the_calculators_mean_the_same_under_the_browsers_python_flags():
    """The browser's Python runs with -OO (snapshot.PYTHON_ENV), which removes assert statements
    and docstrings: code that relied on either would answer differently there than in pytest."""
    import ast

    assert snapshot.PYTHON_ENV["PYTHONOPTIMIZE"] == "2"
    for path in snapshot.PACKAGE.rglob("*.py"):
        if path.name == "__main__.py":
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            assert not isinstance(node, ast.Assert), f"{path}:{node.lineno} uses assert, which -OO removes"
            assert not (isinstance(node, ast.Name) and node.id == "__doc__"), f"{path}:{node.lineno} reads __doc__"
            assert not (isinstance(node, ast.Attribute) and node.attr == "__doc__"), \
                f"{path}:{node.lineno} reads __doc__"


def test_the_trimmed_stdlib_holds_exactly_the_imported_files(tmp_path):
    full = tmp_path / "full.zip"
    with zipfile.ZipFile(full, "w") as archive:
        for name in ("json/__init__.py", "json/decoder.py", "tkinter/__init__.py"):
            archive.writestr(name, f"# {name}\n")
    snapshot._trim(full, ["json/__init__.py", "json/decoder.py"], tmp_path / "trimmed.zip")
    with zipfile.ZipFile(tmp_path / "trimmed.zip") as trimmed:
        assert trimmed.namelist() == ["json/__init__.py", "json/decoder.py"]
        assert trimmed.read("json/decoder.py") == b"# json/decoder.py\n"


@pytest.fixture
def fake_build(tmp_path, monkeypatch):
    pyodide = tmp_path / "pyodide"
    pyodide.mkdir()
    for name in ("pyodide.asm.wasm", "python_stdlib.zip"):
        (pyodide / name).write_bytes(b"stand-in")
    wheel = tmp_path / "calculators.whl"
    wheel.write_bytes(b"stand-in")
    monkeypatch.setattr(snapshot, "CACHE", tmp_path / "cache")
    return pyodide, wheel


def test_a_snapshot_that_cannot_be_made_leaves_the_ordinary_boot(fake_build, monkeypatch, capsys):
    def node_fails(*args):
        raise subprocess.CalledProcessError(1, "node", stderr="Unexpected hiwire entry")
    monkeypatch.setattr(snapshot, "_node", node_fails)
    assert snapshot.build(*fake_build) == snapshot.Startup(None, None)
    assert "Unexpected hiwire entry" in capsys.readouterr().err
    assert list((snapshot.CACHE).iterdir()) == []  # nothing half-made is reused next time


def test_with_both_levers_off_node_is_never_run(fake_build, monkeypatch):
    monkeypatch.setenv("CENTRE_GUIDE_SNAPSHOT", "0")
    monkeypatch.setenv("CENTRE_GUIDE_TRIM_STDLIB", "0")
    monkeypatch.setattr(snapshot, "_node", lambda *args: pytest.fail("node was run"))
    assert snapshot.build(*fake_build) == snapshot.Startup(None, None)


def make_site(root):
    for name, text in {"index.html": "home", "guide/index.html": "guide", "assets/js/app.js": "js",
                       "assets/js/app.js.map": "map", "pyodide/1.0/pyodide.asm.wasm": "wasm",
                       "assets/py/calculators-abc.whl": "wheel", "sitemap.xml.gz": "gz",
                       "assets/wasm-br/abc/pyodide.asm.wasm.br.bin": "br"}.items():
        (root / name).parent.mkdir(parents=True, exist_ok=True)
        (root / name).write_text(text)


def test_the_service_worker_keeps_pages_at_once_and_python_only_when_asked(tmp_path):
    make_site(tmp_path)
    service_worker.publish(tmp_path)
    source = (tmp_path / "sw.js").read_text()
    assert 'const PAGES = ["assets/js/app.js", "guide/", ""];' in source
    assert 'const RUNTIME = ["assets/py/calculators-abc.whl", "pyodide/1.0/pyodide.asm.wasm"];' in source
    assert "wasm-br" not in source, "the brotli copy of the wasm is for first visits, never kept offline"


def test_any_changed_file_gives_a_new_build_id_so_a_new_cache(tmp_path):
    make_site(tmp_path)
    first = service_worker.publish(tmp_path)
    assert service_worker.publish(tmp_path) == first
    (tmp_path / "guide" / "index.html").write_text("guide, corrected")
    assert service_worker.publish(tmp_path) != first


def tiny_wasm(offset: int, data: bytes) -> bytes:
    """A wasm file with one active data segment at a constant offset (offset below 64: one signed LEB byte)."""
    segment = bytes([1, 0, 0x41, offset, 0x0B, len(data)]) + data
    return b"\0asm\1\0\0\0" + bytes([11, len(segment)]) + segment


def test_the_wasm_static_data_is_taken_out_of_the_snapshot_at_the_shift_where_it_sits():
    data = bytes(range(1, 101)) * 3
    wasm = tiny_wasm(offset=50, data=data[:120])
    memory = bytearray(b"\x07" * 66 + data[:120] + b"\x09" * 64)  # the data sits 16 bytes above its offset
    original = bytes(memory)
    assert snapshot.data_segments(wasm) == [(50, 16, 120)]
    assert snapshot._take_out_data(memory, wasm) == 16
    assert memory[66:186] == bytes(120) and memory[:66] == original[:66] and memory[186:] == original[186:]


def test_a_snapshot_whose_data_has_changed_is_shipped_whole():
    wasm = tiny_wasm(offset=10, data=bytes(range(1, 121)))
    memory = bytearray(bytes(range(1, 121)[:64]) + bytes(range(200, 256)) + bytes(60))
    original = bytes(memory)
    assert snapshot._take_out_data(memory, wasm) is None
    assert bytes(memory) == original


def test_the_snapshot_ships_only_the_stretches_of_memory_that_are_not_long_runs_of_zeros():
    memory = b"ab" + bytes(2000) + b"c" + bytes(10) + b"d" + bytes(1500)
    assert snapshot.spans(memory, gap=1024) == [[0, 2], [2002, 12]]
    rebuilt = bytearray(len(memory))
    for offset, length in snapshot.spans(memory, gap=1024):
        rebuilt[offset:offset + length] = memory[offset:offset + length]
    assert bytes(rebuilt) == memory
    assert snapshot.spans(b"x" * 5) == [[0, 5]]
    assert snapshot.spans(bytes(4096)) == []


def wasm_with_memory(pages: int) -> bytes:
    """A wasm file whose memory section declares one memory of `pages` initial pages (below 128)."""
    memory = bytes([1, 0, pages])  # one memory, limits flag 0 (no maximum), initial pages
    return b"\0asm\1\0\0\0" + bytes([5, len(memory)]) + memory


def made_snapshot(memory_bytes: int, header: int = 144) -> bytes:
    """Pyodide's snapshot layout: a header whose second 32-bit word is its length, then memory."""
    return b"\0" * 4 + header.to_bytes(4, "little") + b"\0" * (header - 8) + b"\1" * memory_bytes


def test_the_initial_memory_is_read_from_the_wasm_memory_section():
    assert snapshot.initial_memory(wasm_with_memory(3)) == 3 * 65536
    assert snapshot.initial_memory(b"\0asm\1\0\0\0") is None


def test_a_snapshot_of_memory_that_grew_past_the_wasm_initial_size_is_refused_with_the_reason():
    wasm = wasm_with_memory(2)
    assert snapshot.memory_grew(made_snapshot(2 * 65536), wasm) == ""
    reason = snapshot.memory_grew(made_snapshot(3 * 65536), wasm)
    assert "grew from 131,072 to 196,608 bytes" in reason


def test_a_snapshot_whose_memory_grew_is_not_shipped_and_the_build_says_so_loudly(fake_build, monkeypatch, capsys):
    """The trimmed stdlib still ships; the worker then boots the ordinary way, and every build
    (cached or not) repeats the warning."""
    pyodide, wheel = fake_build
    (pyodide / "pyodide.asm.wasm").write_bytes(wasm_with_memory(1))
    full = pyodide / "python_stdlib.zip"
    with zipfile.ZipFile(full, "w") as archive:
        archive.writestr("json/__init__.py", "")

    def node(command, *args):
        if command == "modules":
            Path(args[-1]).write_text(json.dumps(["json/__init__.py"]))
        elif command == "snapshot":
            Path(args[3]).write_bytes(made_snapshot(2 * 65536))
            Path(f"{args[3]}.imported.json").write_text(json.dumps(["calculators/__init__.py"]))
    monkeypatch.setattr(snapshot, "_node", node)
    for _ in range(2):
        startup = snapshot.build(pyodide, wheel)
        assert startup.snapshot is None and startup.stdlib is not None
        assert "snapshot NOT SHIPPED" in capsys.readouterr().err
