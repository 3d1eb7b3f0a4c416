"""The rules data: every figure and date the guidance states, with its source.

Each `*.toml` file in this folder is one table of rules. `load("deadlines")` reads one,
`load_all()` reads them all (the site build renders pages from the same data).
"""
from __future__ import annotations

import tomllib
from functools import lru_cache
from pathlib import Path

RULES_DIR = Path(__file__).parent


@lru_cache(maxsize=None)
def load(name: str) -> dict:
    with open(RULES_DIR / f"{name}.toml", "rb") as handle:
        return tomllib.load(handle)


def load_all() -> dict[str, dict]:
    return {path.stem: load(path.stem) for path in sorted(RULES_DIR.glob("*.toml"))}


def cite(source: str, section: str) -> str:
    """The citation a reader sees: "Pearson, Post-results services, Appeals: time limits"."""
    document = load("sources")[source]
    return f"{document['short']}: {section}"
