"""Workbooks on the moderation-sample page in headless Chromium: every format gives the sample
CPython gives; the workbook reader is fetched once, only for a workbook, and loads into the
interpreter restored from the start-up snapshot as into an ordinary one."""
from __future__ import annotations

import base64
import time

import pytest

from calculators import run
from tests.fixtures.make_workbooks import LEARNERS

from .conftest import wait_for_python
from .test_sample_pages import SERIES, build, open_sample_page, page_sample
from ..test_workbooks import FIXTURES, PASSWORD_MESSAGE, READABLE, unsaved_formulas_workbook

READER = "/assets/workbook-reader/"
KINDS = {"ods": "OpenDocument spreadsheet"}
MIME = {"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        "xlsm": "application/vnd.ms-excel.sheet.macroEnabled.12", "xls": "application/vnd.ms-excel",
        "xlsb": "application/vnd.ms-excel.sheet.binary.macroEnabled.12", "ods": "application/vnd.oasis.opendocument.spreadsheet"}


def open_file(page, name: str, data: bytes | None = None) -> None:
    data = (FIXTURES / name).read_bytes() if data is None else data
    page.set_input_files("#moderation-sample-file", files=[{
        "name": name, "mimeType": MIME.get(name.rsplit(".", 1)[-1], "text/csv"), "buffer": data}])


def wait_for_preview(page, text: str) -> str:
    deadline = time.monotonic() + 90
    while time.monotonic() < deadline:
        status = page.evaluate("() => document.querySelector('[data-sheet-status]')?.textContent || ''")
        if text in status:
            return status
        page.wait_for_timeout(100)
    raise AssertionError(f"the preview never said {text!r}: {status!r}")


def reader_requests(recorded) -> list[str]:
    return [url for url in recorded.requests if READER in url]


@pytest.mark.parametrize("name", READABLE)
def test_every_format_builds_the_same_sample_as_cpython(recorded, site_url, name):
    page = open_sample_page(recorded, site_url)
    open_file(page, name)
    kind = KINDS.get(name.rsplit(".", 1)[-1], "Excel workbook")
    wait_for_preview(page, f"Read {len(LEARNERS)} learners from {name} ({kind}), sheet “Marks”")
    page.fill("#moderation-sample-selected", "4101 4104")
    build(page)
    data = base64.b64encode((FIXTURES / name).read_bytes()).decode()
    expected = run("moderation-sample", {"series": SERIES, "file": {"name": name, "data": data},
                                         "selected": "4101 4104"})
    assert expected["ok"], expected
    assert [row[0] for row in page_sample(page)] == [row["id"] for row in expected["sample"]]
    assert len(reader_requests(recorded)) == 2  # python-calamine's wheel and the workbook modules
    assert "?" not in page.url and "4101" not in page.url


def test_a_formula_saved_without_its_value_is_listed_by_its_row_on_the_page_not_read_as_a_blank_learner(
        recorded, site_url):
    page = open_sample_page(recorded, site_url)
    open_file(page, "formulas.xlsx", unsaved_formulas_workbook())
    wait_for_preview(page, "Read 1 learner")
    listed = page.locator(".cg-problems")
    assert listed.locator("h3").inner_text() == "Rows to check (5)"
    rows = listed.locator("li").all_inner_texts()
    assert rows[0].startswith("Row 3: Cells B3 and C3 hold formulas saved without their values, so they were read as "
                              "blank. Open the workbook in Excel or LibreOffice and save it again")
    assert rows[1].startswith("Row 3: The mark is blank") and rows[1].endswith("This row was left out")
    assert rows[4].startswith("Row 5: Cells A5, B5 and C5 hold formulas")
    preview = page.evaluate("() => [...document.querySelectorAll('[data-sheet-preview] tbody tr, .cg-preview tbody tr')]"
                            ".map((row) => row.innerText)")
    assert len(preview) == 1 and "4001" in preview[0]


def test_another_sheet_is_chosen_on_the_page_and_its_columns_guessed_afresh(recorded, site_url):
    page = open_sample_page(recorded, site_url)
    open_file(page, "libreoffice.xls")
    wait_for_preview(page, "sheet “Marks”")
    page.select_option("#moderation-sample-sheet", "Resits")
    wait_for_preview(page, "Read 3 learners from libreoffice.xls (Excel workbook), sheet “Resits”")
    assert page.evaluate("() => document.activeElement.id") == "moderation-sample-sheet", "focus stays put"
    build(page)
    assert {row[0] for row in page_sample(page)} <= {"4201", "4202", "4203"}


def test_a_password_protected_workbook_gets_a_message_beside_the_file_field(recorded, site_url):
    page = open_sample_page(recorded, site_url)
    wait_for_python(page)
    open_file(page, "password.xlsx")
    wait_for_preview(page, "password-protected")
    page.click("button[type=submit]", no_wait_after=True)
    page.wait_for_selector("#moderation-sample-file-error:not([hidden])")
    assert page.inner_text("#moderation-sample-file-error").endswith(PASSWORD_MESSAGE)


def test_pasted_cells_and_csv_never_fetch_the_reader_and_workbooks_fetch_it_once(recorded, site_url):
    page = open_sample_page(recorded, site_url)
    wait_for_python(page)
    page.fill("#moderation-sample-marks", "id\tname\tmark\n1\tAmy\t4\n2\tBen\t5\n")
    wait_for_preview(page, "Read 2 learners from pasted cells")
    open_file(page, "marks.csv", b"id,name,mark\n1,Amy,4\n2,Ben,5\n3,Cy,6\n")
    wait_for_preview(page, "Read 3 learners from marks.csv")
    page.goto(site_url + "calculators/deadline/?rule=romm-service-2&date=20%2F12%2F2024")
    wait_for_python(page)
    page.wait_for_selector("[data-calculator] [data-result] *", timeout=30000)
    page.wait_for_timeout(1500)  # the service worker installs and keeps Python meanwhile
    assert reader_requests(recorded) == []
    page = open_sample_page(recorded, site_url)
    open_file(page, "libreoffice.ods")
    wait_for_preview(page, "Read 12 learners from libreoffice.ods")
    # python-calamine's wheel and the workbook modules. Once the service worker controls the
    # page, its own fetches are recorded too: each address asked for by the worker and passed on.
    first = reader_requests(recorded)
    assert len(set(first)) == 2 and len(first) <= 4
    open_file(page, "excel-binary.xlsb")
    wait_for_preview(page, "Read 12 learners from excel-binary.xlsb")
    assert reader_requests(recorded) == first, "the second workbook fetches nothing more"
    assert page.evaluate("() => window.centreGuide.python().workbookReaderMs") > 0


def test_the_reader_loads_into_the_ordinary_boot_too(recorded, site_url):
    recorded.context.route("**/assets/py/snapshot-*.bin", lambda route: route.fulfill(status=404, body=""))
    page = open_sample_page(recorded, site_url)
    wait_for_python(page)
    assert page.evaluate("() => window.centreGuide.python().boot") == "ordinary"
    open_file(page, "libreoffice.xlsx")
    wait_for_preview(page, "Read 12 learners from libreoffice.xlsx (Excel workbook)")


def test_the_snapshot_boot_is_the_one_that_loads_the_reader(recorded, site_url):
    page = open_sample_page(recorded, site_url)
    wait_for_python(page)
    assert page.evaluate("() => window.centreGuide.python().boot") == "snapshot"
    open_file(page, "openpyxl-1904.xlsx")
    wait_for_preview(page, "Read 12 learners from openpyxl-1904.xlsx (Excel workbook)")


def test_a_reader_that_cannot_be_fetched_is_said_on_the_file_field_and_tried_again(recorded, site_url):
    recorded.context.route(f"**{READER}**", lambda route: route.fulfill(status=404, body=""))
    page = open_sample_page(recorded, site_url)
    wait_for_python(page)
    open_file(page, "libreoffice.xls")
    wait_for_preview(page, "The workbook reader could not be loaded")
    recorded.context.unroute(f"**{READER}**")
    open_file(page, "libreoffice.ods")
    wait_for_preview(page, "Read 12 learners from libreoffice.ods")
