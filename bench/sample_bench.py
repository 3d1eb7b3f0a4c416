"""How long a 5,000-learner mark sheet takes to become a moderation sample, once Python is ready.

A script that prints figures, not a timed test: it builds the site (or uses --site), serves it,
opens the moderation sample page in headless Chromium, waits for Python, then times, over several
runs, the calculator call in the worker (pasted text, an .xlsx file, the preview reader) and the
whole page round trip (paste, click, table on screen). CPython's figures are shown for comparison.

    .venv/bin/python bench/sample_bench.py [--runs 7] [--site DIR] [--json results.json]
"""
from __future__ import annotations

import argparse
import base64
import io
import json
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import openpyxl  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from build_tools import browser as browser_finder  # noqa: E402
from build_tools import serve  # noqa: E402
from calculators import run  # noqa: E402

LEARNERS = 5000
SERIES = "2026-06"


def mark_sheet() -> list[list]:
    rows = [["Candidate No", "Name", "Mark", "Assessor"]]
    for n in range(LEARNERS):
        mark = "ABS" if n % 97 == 5 else (n * 37) % 61
        rows.append([10000 + n, f"Learner {n}", mark, "Ms Shah" if n % 2 else "Mr Jones"])
    return rows


def cases() -> dict[str, tuple[str, dict]]:
    rows = mark_sheet()
    text = "".join("\t".join(str(cell) for cell in row) + "\n" for row in rows)
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(row)
    out = io.BytesIO()
    book.save(out)
    xlsx = {"name": "tracker.xlsx", "data": base64.b64encode(out.getvalue()).decode("ascii")}
    ticked = " ".join(str(10000 + n) for n in range(5, 5000, 200))  # 25 ticks, one of them absent
    return {
        "paste, 25 ticked": ("moderation-sample", {"series": SERIES, "marks": text, "selected": ticked}),
        "paste, planning aid": ("moderation-sample", {"series": SERIES, "marks": text, "seed": 1}),
        ".xlsx file, 25 ticked": ("moderation-sample", {"series": SERIES, "file": xlsx, "selected": ticked}),
        "preview of the paste": ("mark-sheet", {"marks": text}),
    }, text, ticked


def summary(times: list[float]) -> dict:
    return {"median_ms": round(statistics.median(times), 1), "min_ms": round(min(times), 1),
            "max_ms": round(max(times), 1), "runs": len(times)}


def build_site(site: Path, port: int) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                   cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1",
                                              "SITE_URL": f"http://127.0.0.1:{port}/"})


PAGE_ROUND_TRIP = """async ([text, ticked]) => {
  const form = document.querySelector('[data-calculator="moderation-sample"] form');
  const region = document.querySelector('[data-calculator="moderation-sample"] [data-result]');
  region.replaceChildren();
  form.elements.series.value = '%s';
  form.elements.marks.value = text;
  form.elements.selected.value = ticked;
  const done = new Promise((resolve) => new MutationObserver((_, observer) => {
    if (region.querySelector('tbody tr')) { observer.disconnect(); resolve(); }
  }).observe(region, {childList: true, subtree: true}));
  const started = performance.now();
  form.requestSubmit();
  await done;
  return performance.now() - started;
}""" % SERIES


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=7)
    parser.add_argument("--site", type=Path, help="an already built site (built for the port it is served on)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    options = parser.parse_args()

    inputs, text, ticked = cases()
    results: dict[str, dict] = {"learners": LEARNERS, "cpython": {}, "browser_worker": {}, "browser_page": {}}
    for label, (name, values) in inputs.items():
        times = []
        for _ in range(options.runs):
            started = time.perf_counter()
            answer = run(name, values)
            times.append((time.perf_counter() - started) * 1000)
        assert answer["ok"], answer
        results["cpython"][label] = summary(times)

    # As in the browser tests: serve first, then build for that address (instant navigation needs it).
    site = options.site or Path(tempfile.mkdtemp(prefix="sample-bench-"))
    server = serve.start(site)
    if not options.site:
        build_site(site, server.server_port)
    url = f"http://127.0.0.1:{server.server_port}/calculators/moderation-sample/"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=browser_finder.find(), headless=True,
                                              args=browser_finder.LAUNCH_ARGS)
        page = chromium.new_page()
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_selector('[data-python-status][data-state="ready"]', state="attached", timeout=120000)
        results["python_ready_s"] = round(time.perf_counter() - started, 2)
        for label, (name, values) in inputs.items():
            times = page.evaluate("""async ([name, inputs, runs]) => {
                const times = [];
                for (let i = 0; i < runs; i++) {
                  const started = performance.now();
                  const answer = await window.centreGuide.calculate(name, inputs);
                  if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
                  times.push(performance.now() - started);
                }
                return times; }""", [name, values, options.runs])
            results["browser_worker"][label] = summary(times)
        times = [page.evaluate(PAGE_ROUND_TRIP, [text, ticked]) for _ in range(options.runs)]
        results["browser_page"]["paste, 25 ticked: submit to table on screen"] = summary(times)
        chromium.close()
    server.shutdown()

    print(f"{LEARNERS:,}-learner mark sheet; Python ready after {results['python_ready_s']} s")
    print(f"{'where':<16}{'case':<46}{'median ms':>10}{'min':>8}{'max':>8}")
    for where in ("cpython", "browser_worker", "browser_page"):
        for label, figures in results[where].items():
            print(f"{where:<16}{label:<46}{figures['median_ms']:>10}{figures['min_ms']:>8}{figures['max_ms']:>8}")
    if options.json:
        options.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
