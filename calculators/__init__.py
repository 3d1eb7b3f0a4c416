"""Centre Guide's calculators: post-results deadlines, moderation samples and
certification paths for Pearson BTEC Tech Awards, as plain Python.

Use `run(name, inputs)`; `names()` lists the calculators. Standard library only, so the
same code runs under CPython and, in the reader's browser, under Pyodide.
"""
from .api import names, run, run_json

__all__ = ["names", "run", "run_json"]
__version__ = "0.1.0"
