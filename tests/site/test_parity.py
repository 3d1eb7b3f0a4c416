"""The same cases through CPython and through the page's worker (Pyodide) give equal answers."""
import json
from pathlib import Path

from calculators import run

from ..test_workbooks import HARMLESS, HOSTILE, PROTECTED, READABLE, fixture, upload
from .conftest import wait_for_python

# One file of [name, inputs] pairs per calculator, so each calculator keeps its own cases.
CASES = [case for path in sorted((Path(__file__).parents[1] / "cases" / "parity").glob("*.json"))
         for case in json.loads(path.read_text())]
# Every workbook fixture, the hostile workbooks and their harmless twins: the browser reads them
# with python-calamine's Pyodide wheel, CPython with its own, and both refuse the same files.
CASES += [["mark-sheet", {"file": upload(fixture(name), name)}] for name in READABLE + PROTECTED]
CASES += [["mark-sheet", {"file": upload(fixture(name), name), "sheet": "Resits"}] for name in READABLE]
CASES += [["moderation-sample", {"series": "2026-06", "file": upload(fixture(name), name), "seed": "11"}]
          for name in ("libreoffice.xls", "libreoffice.ods", "excel-binary.xlsb", "openpyxl.xlsx")]
CASES += [["mark-sheet", {"file": upload(make(), "book")}] for make in {**HOSTILE, **HARMLESS}.values()]


def test_the_browser_and_cpython_give_the_same_answers(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/deadline/")
    wait_for_python(page)
    in_browser = page.evaluate(
        "async (cases) => { const out = []; for (const [name, inputs] of cases) "
        "out.push(await window.centreGuide.calculate(name, inputs)); return out; }", CASES)
    in_cpython = [run(name, inputs) for name, inputs in CASES]
    assert len(in_browser) == len(CASES) >= 10
    for case, browser_answer, cpython_answer in zip(CASES, in_browser, in_cpython):
        assert browser_answer == cpython_answer, case
