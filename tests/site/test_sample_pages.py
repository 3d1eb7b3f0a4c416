"""The sample size and moderation sample pages in headless Chromium: paste a 150-learner sheet, open a
CSV and an .xlsx made here, and check the sample on the page against CPython's answer, with no
learner data leaving the page."""
import base64
import csv
import io

import openpyxl

from calculators import run

from .conftest import wait_for_python

SERIES = "2026-06"
HOSTILE = ["<script>window.hacked=1</script>", '"><img src=x onerror="window.hacked=1">', '=HYPERLINK("http://x","y")']


def mark_sheet_rows(count=150):
    rows = [["Candidate No", "Name", "Mark"]]
    for n in range(count):
        name = HOSTILE[n % 3] if n < 3 else f"Learner {n}"
        rows.append([str(4001 + n), name, "ABS" if n == 7 else str((n * 7) % 60)])
    return rows


def as_tabs(rows):
    return "".join("\t".join(row) + "\n" for row in rows)


def page_sample(page):
    return page.evaluate("""() => [...document.querySelectorAll('[data-result] tbody tr')]
        .map((row) => [row.dataset.id, row.dataset.reasons, row.cells[1].textContent, row.cells[2].textContent])""")


def expected_sample(inputs):
    answer = run("moderation-sample", {"series": SERIES, **inputs})
    assert answer["ok"], answer
    return [[row["id"], " ".join(row["reasons"]), row["name"], "" if row["mark"] is None else str(row["mark"])]
            for row in answer["sample"]]


def open_sample_page(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/moderation-sample/")
    page.select_option("#moderation-sample-series", SERIES)
    return page


def build(page):
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] tbody tr", timeout=90000)


def assert_private(recorded, page):
    assert "?" not in page.url and "4001" not in page.url, "learner data must not go into the address"
    assert not [url for url in recorded.requests if "4001" in url or "Learner" in url]
    # The theme keeps its own settings (colour scheme, search) in storage; no learner data may join them.
    stored = page.evaluate("() => JSON.stringify([{...localStorage}, {...sessionStorage}])")
    assert "4001" not in stored and "Learner" not in stored and "hacked" not in stored
    assert page.evaluate("() => window.hacked === undefined && !document.querySelector('[data-result] img')")


def test_the_sample_size_page_answers_from_the_table_for_the_series(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/sample-size/")
    page.fill("#sample-size-cohort", "150")
    page.select_option("#sample-size-series", "2026-01")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] .cg-panel__answer", timeout=90000)
    assert page.inner_text("[data-result] .cg-panel__answer") == "20 learners"
    page.select_option("#sample-size-series", "2025-06")
    page.click("button[type=submit]")
    page.wait_for_selector("[data-result] [data-size='15']")
    assert "Pearson, BTEC Tech Awards QA centre guide" in page.inner_text("[data-result]")


def test_a_bad_cohort_is_shown_beside_the_field_and_kept(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/sample-size/")
    wait_for_python(page)
    page.fill("#sample-size-cohort", "12.5")
    page.select_option("#sample-size-series", "2026-01")
    page.click("button[type=submit]")
    page.wait_for_selector("#sample-size-cohort-error:not([hidden])")
    assert "whole number" in page.inner_text("#sample-size-cohort-error")
    assert page.input_value("#sample-size-cohort") == "12.5"


def test_a_pasted_150_learner_sheet_gives_the_same_sample_as_cpython_and_stays_private(recorded, site_url):
    page = open_sample_page(recorded, site_url)
    text = as_tabs(mark_sheet_rows()) + "4999\tBad Row\t12.5\n"
    page.fill("#moderation-sample-marks", text)
    page.wait_for_selector("[data-sheet-status][data-state=done]", timeout=90000)
    assert page.inner_text("[data-sheet-status]").startswith("Read 150 learners from pasted cells")
    assert "Row 152" in page.inner_text("[data-sheet-preview]")
    selected = "4001 4002 4003 4008 4010 4011 4012 4013 4014 4015 4016 4017 4018 4019 4020"
    page.fill("#moderation-sample-selected", selected)
    build(page)
    shown = page_sample(page)
    assert shown == expected_sample({"marks": text, "selected": selected})
    reasons = {row[0]: row[1] for row in shown}
    assert "4008" not in reasons, "4008 was absent and is replaced"
    assert any(value == "replacement" for value in reasons.values())
    assert sorted(row[2] for row in shown if row[0] in ("4001", "4002", "4003")) == sorted(HOSTILE)
    assert "Rows left out of the cohort (1)" in page.inner_text("[data-result]")
    assert_private(recorded, page)


def test_an_uploaded_csv_in_windows_1252_with_semicolons_builds_the_sample(recorded, site_url):
    page = open_sample_page(recorded, site_url)
    rows = mark_sheet_rows(40)
    rows[5][1] = "Brontë, Zoë"
    data = "".join(";".join(f'"{cell}"' if ";" in cell else cell for cell in row) + "\r\n" for row in rows).encode("cp1252")
    page.set_input_files("#moderation-sample-file", files=[{"name": "marks.csv", "mimeType": "text/csv", "buffer": data}])
    page.wait_for_selector("[data-sheet-status][data-state=done]", timeout=90000)
    assert "Read 40 learners from marks.csv (CSV file)" in page.inner_text("[data-sheet-status]")
    assert "Windows-1252" in page.inner_text("[data-sheet-preview]")
    build(page)
    shown = page_sample(page)
    assert shown == expected_sample({"file": {"name": "marks.csv", "data": base64.b64encode(data).decode()}})
    assert "Proposed sample for planning" in page.inner_text("[data-result] h2")
    assert page.get_attribute("[data-result] [data-seed]", "data-seed").isdigit()
    assert_private(recorded, page)


def test_an_uploaded_xlsx_builds_the_sample_and_downloads_a_formula_safe_csv(recorded, site_url):
    page = open_sample_page(recorded, site_url)
    book = openpyxl.Workbook()
    for row in mark_sheet_rows():
        book.active.append([int(cell) if cell.isdigit() else cell for cell in row])
    for cell in book.active["B"]:
        cell.data_type = "s"  # openpyxl would store "=HYPERLINK(...)" as a formula with no value
    out = io.BytesIO()
    book.save(out)
    page.set_input_files("#moderation-sample-file", files=[{
        "name": "tracker.xlsx", "buffer": out.getvalue(),
        "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"}])
    page.wait_for_selector("[data-sheet-status][data-state=done]", timeout=90000)
    assert "Read 150 learners from tracker.xlsx (Excel workbook)" in page.inner_text("[data-sheet-status]")
    page.fill("#moderation-sample-selected", "4003, 4004")
    build(page)
    shown = {row[0]: row[1] for row in page_sample(page)}
    assert shown["4003"] == "selected" and "highest" in " ".join(shown.values())
    with page.expect_download() as download:
        page.click("text=Download CSV")
    assert download.value.suggested_filename == "moderation-sample-2026-06.csv"
    content = open(download.value.path(), encoding="utf-8-sig").read()
    rows = list(csv.reader(io.StringIO(content, newline="")))
    assert rows[0] == ["Moderation sample: May/June 2026"]
    assert rows[1][0] == "Learner id" and len(rows) == len(shown) + 2
    assert ["4003", "'=HYPERLINK(\"http://x\",\"y\")"] == rows[[row[0] for row in rows].index("4003")][:2]
    assert not any(cell.startswith(("=", "+", "-", "@")) for row in rows for cell in row)
    assert_private(recorded, page)


def first_preview_id(page):
    return page.evaluate("() => document.querySelector('[data-sheet-preview] tbody td:nth-child(2)')?.textContent")


def poll(page, condition, tries=300):
    # Polling with evaluate, not wait_for_function's string form, which a strict CSP blocks.
    for _ in range(tries):
        if condition():
            return
        page.wait_for_timeout(100)
    assert condition()


def test_the_columns_can_be_chosen_when_the_headers_are_not_obvious(recorded, site_url):
    page = open_sample_page(recorded, site_url)
    rows = "".join(f"{n}\t{4001 + n}\t{(n * 3) % 50}\n" for n in range(1, 31))  # row number, candidate, mark
    page.fill("#moderation-sample-marks", rows)
    page.wait_for_selector("#moderation-sample-column_id", timeout=90000)
    # With no row of headings the guess may be wrong, so the chooser opens by itself and says so.
    assert "no row of headings" in page.inner_text("[data-unsure]")
    assert first_preview_id(page) == "1", "the row numbers look like ids until the user says otherwise"
    page.focus("#moderation-sample-column_id")
    page.select_option("#moderation-sample-column_id", "1")
    poll(page, lambda: first_preview_id(page) == "4002")
    assert page.evaluate("() => document.activeElement.id") == "moderation-sample-column_id", "focus stays put"
    build(page)
    assert all(row[0].startswith("40") for row in page_sample(page))
    # A new sheet submitted at once, before its preview: the old column choice must not apply to it.
    page.fill("#moderation-sample-marks", "mark\tid\n" + "".join(f"{n}\tN{n}\n" for n in range(1, 30)))
    page.click("button[type=submit]")
    poll(page, lambda: page_sample(page) and all(row[0].startswith("N") for row in page_sample(page)))


def test_a_file_that_is_not_a_sheet_gets_a_message_beside_the_file_field(recorded, site_url):
    page = open_sample_page(recorded, site_url)
    wait_for_python(page)
    page.set_input_files("#moderation-sample-file", files=[{"name": "marks.xlsx", "mimeType": "application/pdf",
                                                            "buffer": b"%PDF-1.7\n"}])
    page.wait_for_selector("[data-sheet-status][data-state=done]")
    assert "PDF" in page.inner_text("[data-sheet-status]")
    page.click("button[type=submit]")
    page.wait_for_selector("#moderation-sample-file-error:not([hidden])")
    assert "PDF" in page.inner_text("#moderation-sample-file-error")
    assert page.evaluate("() => document.activeElement.matches('[data-error-summary]')")


def tab_to(page, element_id, limit=150):
    for _ in range(limit):
        if page.evaluate("() => document.activeElement.id") == element_id:
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached #{element_id}")


def test_the_sample_size_page_works_by_keyboard_alone(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/sample-size/")
    wait_for_python(page)
    tab_to(page, "sample-size-cohort")
    page.keyboard.type("16")
    tab_to(page, "sample-size-series")
    for _ in range(7):  # past "Choose a series" and three years, to 2026-01
        page.keyboard.press("ArrowDown")
    assert page.input_value("#sample-size-series") == "2026-01"
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-result] [data-size='15']")


def test_the_moderation_sample_page_works_by_keyboard_alone(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/moderation-sample/")
    wait_for_python(page)
    tab_to(page, "moderation-sample-series")
    for _ in range(8):  # to 2026-06
        page.keyboard.press("ArrowDown")
    tab_to(page, "moderation-sample-marks")
    page.keyboard.type("id,name,mark\n" + "".join(f"K{n},Learner {n},{n * 2}\n" for n in range(1, 21)))
    page.wait_for_selector("[data-sheet-status][data-state=done]")
    tab_to(page, "moderation-sample-selected")
    page.keyboard.type("K2, K3")
    tab_to(page, "moderation-sample-seed")
    page.keyboard.press("Tab")
    page.keyboard.press("Enter")
    page.wait_for_selector("[data-result] tbody tr")
    assert {row[0]: row[1] for row in page_sample(page)} == {
        "K20": "highest", "K3": "selected", "K2": "selected", "K1": "lowest-non-zero"}


# ------------------------------------------------------------------ issue 14: a person's path

TWO_MARKS = "Candidate No\tName\tCentre mark\tModerated mark\n" + "".join(
    f"{5001 + n}\tLearner {n}\t{(n * 7) % 60}\t{(n * 5) % 60}\n" for n in range(40))


def test_when_the_guessed_columns_may_be_wrong_the_chooser_opens_and_says_why(recorded, site_url):
    page = open_sample_page(recorded, site_url)
    page.fill("#moderation-sample-marks", TWO_MARKS)
    page.wait_for_selector("[data-sheet-status][data-state=done]", timeout=90000)
    assert page.evaluate("() => document.querySelector('.cg-columns').open"), "the column chooser opens"
    reasons = page.inner_text("[data-sheet-preview] [data-unsure]")
    assert "More than one column looks like a mark" in reasons and "Moderated mark" in reasons
    assert page.is_visible("[data-sheet-preview] [data-unsure]")
    assert "null" not in page.inner_text("[data-sheet-preview]")


def test_a_sheet_read_without_doubt_keeps_the_chooser_closed(recorded, site_url):
    page = open_sample_page(recorded, site_url)
    page.fill("#moderation-sample-marks", as_tabs(mark_sheet_rows(20)))
    page.wait_for_selector("[data-sheet-status][data-state=done]", timeout=90000)
    assert not page.evaluate("() => document.querySelector('.cg-columns').open")
    assert page.locator("[data-unsure]").count() == 0


def test_ticks_missing_from_the_sheet_or_too_few_are_shown_before_the_heading(recorded, site_url):
    page = open_sample_page(recorded, site_url)
    page.fill("#moderation-sample-marks", as_tabs(mark_sheet_rows(40)))
    page.wait_for_selector("[data-sheet-status][data-state=done]", timeout=90000)
    page.fill("#moderation-sample-selected", "4002 4003 9999")
    build(page)
    order = page.evaluate("""() => [...document.querySelectorAll('[data-result] [data-changes-answer], [data-result] h2')]
        .map((node) => node.tagName)""")
    assert order == ["DIV", "H2"], "the warning comes before the answer's heading"
    box = page.locator("[data-result] [data-changes-answer]")
    codes = box.locator("[data-code]").evaluate_all("(items) => items.map((item) => item.dataset.code)")
    assert codes == ["unknown-selected", "selection-size"]
    assert "9999" in box.inner_text() and "Warning" in box.inner_text()
    assert page.locator(".cg-warnings [data-code='unknown-selected'], .cg-warnings [data-code='selection-size']").count() == 0


def titled_sheet():
    """A centre's export: a title, a blank row and the centre number above the headings (row 4)."""
    learners = "".join(f"{7001 + n}\tForename{n}\tSurname{n}\t{'No evidence' if n == 5 else (n * 3) % 50}\t\n"
                       for n in range(20))
    return ("BTEC Tech Award in Enterprise – Component 2 marks\n\nCentre 12345\n"
            "Cand No\tForename\tSurname\tCentre Mark\tTotal\n" + learners)


def test_a_title_row_above_the_headings_is_passed_over_and_the_learners_keep_their_full_names(recorded, site_url):
    page = open_sample_page(recorded, site_url)
    page.fill("#moderation-sample-marks", titled_sheet())
    page.wait_for_selector("[data-sheet-status][data-state=done]", timeout=90000)
    assert page.inner_text("[data-sheet-status]") == "Read 20 learners from pasted cells."
    preview = page.inner_text("[data-sheet-preview]")
    assert "Rows 1 to 3 are above the headings and were not read as learners." in preview
    assert "no row of headings" not in preview and page.locator("[data-sheet-preview] .cg-problems").count() == 0
    rows = page.evaluate("""() => [...document.querySelectorAll('[data-sheet-preview] tbody tr')]
        .map((row) => [...row.cells].map((cell) => cell.textContent))""")
    assert rows[0] == ["5", "7001", "Forename0 Surname0", "0"], "row 5 is the first learner, named in full"
    assert rows[5] == ["10", "7006", "Forename5 Surname5", "No evidence"]
    assert page.input_value("#moderation-sample-header") == "yes"
    assert page.inner_text("#moderation-sample-header option[value=yes]") == "Yes, row 4 has the headings"
    build(page)
    assert page_sample(page) == expected_sample({"marks": titled_sheet()})
    assert "Rows left out" not in page.inner_text("[data-result]")
    assert page.locator("[data-result] [data-code='rows-left-out']").count() == 0


def test_the_subject_and_component_head_the_download_and_the_printout_and_name_them(recorded, site_url):
    page = open_sample_page(recorded, site_url)
    page.fill("#moderation-sample-subject_name", "Enterprise")
    page.fill("#moderation-sample-component", "Component 2")
    page.fill("#moderation-sample-marks", as_tabs(mark_sheet_rows(12)))
    page.wait_for_selector("[data-sheet-status][data-state=done]", timeout=90000)
    build(page)
    title = "Moderation sample: Enterprise, Component 2, May/June 2026"
    assert page.inner_text("[data-result] [data-sample-title]") == title
    with page.expect_download() as download:
        page.click("text=Download CSV")
    assert download.value.suggested_filename == "moderation-sample-enterprise-component-2-2026-06.csv"
    rows = list(csv.reader(io.StringIO(open(download.value.path(), encoding="utf-8-sig").read(), newline="")))
    assert rows[0] == [title]
    # A printout saved as a PDF takes the page's title as its name: the sample's, while printing.
    page_title = page.title()
    assert page.evaluate("() => { dispatchEvent(new Event('beforeprint')); return document.title; }") == title
    assert page.evaluate("() => { dispatchEvent(new Event('afterprint')); return document.title; }") == page_title
    page.emulate_media(media="print")
    assert page.is_visible("[data-result] [data-sample-title]")
    assert "Enterprise" not in page.url, "the labels stay out of the address too"


def scroll_state(page, selector):
    return page.evaluate("""(selector) => {
        const area = document.querySelector(selector);
        const box = area.querySelector('.cg-scroll');
        return {hint: !area.querySelector('.cg-scroll__hint').hidden, focusable: box.tabIndex === 0,
                fits: box.scrollWidth <= box.clientWidth + 1, page: document.documentElement.scrollWidth};
    }""", selector)


def test_the_preview_table_fits_a_laptop_and_on_a_phone_says_it_scrolls(recorded, site_url):
    page = open_sample_page(recorded, site_url)
    sheet = "Candidate No\tName\tMark\tAbsent\tVideo\tAssessor\tSample\n" + "".join(
        f"{6001 + n}\tLearner {n} Surname\t{n}\t\tY\tT{n % 2}\t\n" for n in range(20))
    page.set_viewport_size({"width": 1280, "height": 800})
    page.fill("#moderation-sample-marks", sheet)
    page.wait_for_selector("[data-sheet-preview] .cg-sheet-preview table", timeout=90000)
    poll(page, lambda: scroll_state(page, ".cg-sheet-preview")["fits"])
    assert scroll_state(page, ".cg-sheet-preview") == {"hint": False, "focusable": False, "fits": True, "page": 1280}
    page.set_viewport_size({"width": 390, "height": 844})
    poll(page, lambda: scroll_state(page, ".cg-sheet-preview")["hint"])
    state = scroll_state(page, ".cg-sheet-preview")
    assert state["focusable"] and not state["fits"] and state["page"] == 390, "the table scrolls, not the page"
    box = page.locator(".cg-sheet-preview .cg-scroll")
    assert box.get_attribute("role") == "region" and "scrolls sideways" in box.get_attribute("aria-label")
    assert page.is_visible(".cg-sheet-preview .cg-scroll__hint")


def test_the_sample_size_answer_links_on_to_building_the_sample_for_that_series(recorded, site_url):
    page = recorded.page
    page.goto(site_url + "calculators/sample-size/?cohort=40&series=2026-01")
    page.wait_for_selector("[data-result] [data-next='moderation-sample']", timeout=90000)
    page.click("[data-result] [data-next='moderation-sample']")
    page.wait_for_selector("[data-calculator='moderation-sample'][data-wired]", state="attached", timeout=90000)
    assert page.url.endswith("calculators/moderation-sample/?series=2026-01")
    assert page.input_value("#moderation-sample-series") == "2026-01"
    page.fill("#moderation-sample-marks", as_tabs(mark_sheet_rows(20)))
    page.wait_for_selector("[data-sheet-status][data-state=done]", timeout=90000)
    build(page)
    assert "?series=2026-01" in page.url and "4001" not in page.url, "nothing from the sheet joins the address"
