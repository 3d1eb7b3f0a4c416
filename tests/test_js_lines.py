"""Our JavaScript keeps to 120 characters a line, the width biome.json gives its formatter (which
is off, so nothing reformats the files; this test holds the line length meanwhile)."""
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
LIMIT = 120
# The files Biome lints (biome.json "files.includes").
FILES = sorted([*ROOT.glob("docs/assets/js/**/*.js"), *ROOT.glob("build_tools/*.js"), *ROOT.glob("build_tools/*.mjs")])


def test_the_javascript_files_are_found():
    assert any(path.name == "python-worker.js" for path in FILES)
    assert any(path.suffix == ".mjs" for path in FILES)


@pytest.mark.parametrize("path", FILES, ids=lambda path: path.relative_to(ROOT).as_posix())
def test_no_javascript_line_is_longer_than_120_characters(path):
    long = [f"line {number}: {len(line)} characters"
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1) if len(line) > LIMIT]
    assert not long, f"{path.relative_to(ROOT)}: wrap by hand (the formatter is off): " + "; ".join(long)
