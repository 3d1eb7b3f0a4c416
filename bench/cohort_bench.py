"""How long whole sheets take once Python is ready: the cohort certification check and the
post-results requests, at 2,000 learners (one row each, and five rows each: 10,000 rows) and at
the page's limit of 10,000 rows, in the browser's worker and in CPython for comparison, plus the
whole page round trip for 2,000 learners (paste, click, table on screen).

A script that prints figures, not a timed test. It builds the site (or uses --site), serves it and
drives headless Chromium, as bench/sample_bench.py does.

    .venv/bin/python bench/cohort_bench.py [--runs 5] [--site DIR] [--json results.json]
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

from playwright.sync_api import sync_playwright  # noqa: E402

from build_tools import browser as browser_finder  # noqa: E402
from build_tools import serve  # noqa: E402
from calculators import run  # noqa: E402
from sample_bench import build_site, summary  # noqa: E402

# Five assessments each, (component, series, UMS): a path that follows the rules with two retakes,
# one with internals after the terminal external, one with a resit, one with a retake too many.
PLANS = (
    ((1, "2025-06", 40), (1, "2026-01", 44), (2, "2026-01", 35), (2, "2026-06", 38), (3, "2026-06", "")),
    ((1, "2025-06", 20), (2, "2025-06", 31), (3, "2026-01", 52), (1, "2026-06", ""), (2, "2026-06", "")),
    ((1, "2024-06", 41), (2, "2025-01", 29), (3, "2025-06", 48), (3, "2026-01", ""), (2, "2025-06", 33)),
    ((1, "2025-01", 22), (1, "2025-06", 25), (1, "2026-01", 27), (2, "2026-01", 30), (3, "2026-06", "")),
)


def one_row_per_assessment(learners: int) -> str:
    lines = ["Candidate No\tName\tComponent\tSeries\tUMS"]
    for n in range(learners):
        lines += [
            f"{10000 + n}\tLearner {n}\tC{component}\t{series}\t{ums}"
            for component, series, ums in PLANS[n % len(PLANS)]
        ]
    return "\n".join(lines) + "\n"


def one_row_per_learner(learners: int) -> str:
    lines = ["Candidate No\tName\tC1 series\tC1 UMS\tC1 retake series\tC2 series\tC2 UMS\tC3 series\tC3 resit series"]
    for n in range(learners):
        retake = "2026-01" if n % 3 == 0 else ""
        resit = "2026-06" if n % 4 == 0 else ""
        lines.append(f"{10000 + n}\tLearner {n}\t2025-06\t{n % 60}\t{retake}\t2026-01\t{n % 50}\t2026-01\t{resit}")
    return "\n".join(lines) + "\n"


def requests(rows: int) -> str:
    services = ["Service 1", "Service 2", "PS2", "Service 3", "annotations", "ATS", "Service 2", "PS2"]
    qualifications = [
        "GCSE",
        "A level",
        "GCSE",
        "BTEC Tech Award",
        "GCSE",
        "A level",
        "BTEC Tech Award",
        "BTEC National",
    ]
    lines = ["Candidate\tQualification\tComponent\tService\tReceived\tOutcome date\tConsent\tAppeal"]
    for n in range(rows):
        day = 18 + n % 12
        outcome = f"2025-09-{day - 10:02d}" if n % 3 == 0 else ""
        lines.append(
            f"{20000 + n}\t{qualifications[n % 8]}\tP{n % 7}\t{services[n % 8]}\t2025-08-{day}\t{outcome}\t"
            f"{'yes' if n % 2 else ''}\t{'yes' if n % 9 == 0 else ''}"
        )
    return "\n".join(lines) + "\n"


def cases() -> dict[str, tuple[str, dict]]:
    return {
        "2,000 learners, one row each (2,000 rows)": ("cohort-certification", {"tracker": one_row_per_learner(2000)}),
        "2,000 learners, five rows each (10,000 rows)": (
            "cohort-certification",
            {"tracker": one_row_per_assessment(2000)},
        ),
        "10,000 learners, one row each (10,000 rows)": (
            "cohort-certification",
            {"tracker": one_row_per_learner(10000)},
        ),
        "2,000 post-results requests": ("post-results-requests", {"today": "2025-09-10", "requests": requests(2000)}),
        "10,000 post-results requests": ("post-results-requests", {"today": "2025-09-10", "requests": requests(10000)}),
    }


PAGE_ROUND_TRIP = """async (text) => {
  const mount = document.querySelector('[data-calculator="cohort-certification"]');
  const form = mount.querySelector('form');
  const region = mount.querySelector('[data-result]');
  region.replaceChildren();
  form.elements.tracker.value = text;
  form.elements.tracker.dispatchEvent(new Event('input'));
  const done = new Promise((resolve) => new MutationObserver((_, observer) => {
    if (region.querySelector('.cg-cohort__table tbody tr')) { observer.disconnect(); resolve(); }
  }).observe(region, {childList: true, subtree: true}));
  const started = performance.now();
  form.requestSubmit();
  await done;
  return performance.now() - started;
}"""


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--site", type=Path, help="an already built site (built for the port it is served on)")
    parser.add_argument("--json", type=Path, help="also write the figures here")
    parser.add_argument("--only", help="time only the cases whose label contains this text")
    options = parser.parse_args()

    inputs = {label: case for label, case in cases().items() if not options.only or options.only in label}
    results: dict[str, dict] = {"cpython": {}, "browser_worker": {}, "browser_page": {}}
    for label, (name, values) in inputs.items():
        times = []
        for _ in range(options.runs):
            started = time.perf_counter()
            answer = run(name, values)
            times.append((time.perf_counter() - started) * 1000)
        assert answer["ok"] and not answer["columns_missing"], (label, answer.get("errors"))
        results["cpython"][label] = summary(times)

    site = options.site or Path(tempfile.mkdtemp(prefix="cohort-bench-"))
    server = serve.start(site)
    if not options.site:
        build_site(site, server.server_port)
    url = f"http://127.0.0.1:{server.server_port}/calculators/cohort-certification/"
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(
            executable_path=browser_finder.find(), headless=True, args=browser_finder.LAUNCH_ARGS
        )
        page = chromium.new_page()
        started = time.perf_counter()
        page.goto(url)
        page.wait_for_selector('[data-python-status][data-state="ready"]', state="attached", timeout=120000)
        page.wait_for_selector("[data-calculator][data-wired]", state="attached", timeout=120000)
        results["python_ready_s"] = round(time.perf_counter() - started, 2)
        for label, (name, values) in inputs.items():
            times = page.evaluate(
                """async ([name, inputs, runs]) => {
                const times = [];
                for (let i = 0; i < runs; i++) {
                  const started = performance.now();
                  const answer = await window.centreGuide.calculate(name, inputs);
                  if (!answer.ok) throw new Error(JSON.stringify(answer.errors));
                  times.push(performance.now() - started);
                }
                return times; }""",
                [name, values, options.runs],
            )
            results["browser_worker"][label] = summary(times)
        text = cases()["2,000 learners, five rows each (10,000 rows)"][1]["tracker"]
        times = [page.evaluate(PAGE_ROUND_TRIP, text) for _ in range(options.runs)]
        results["browser_page"]["2,000 learners (10,000 rows): submit to table on screen"] = summary(times)
        chromium.close()
    server.shutdown()

    print(f"Python ready after {results['python_ready_s']} s")
    print(f"{'where':<16}{'case':<58}{'median ms':>10}{'min':>8}{'max':>8}")
    for where in ("cpython", "browser_worker", "browser_page"):
        for label, figures in results[where].items():
            print(f"{where:<16}{label:<58}{figures['median_ms']:>10}{figures['min_ms']:>8}{figures['max_ms']:>8}")
    if options.json:
        options.json.write_text(json.dumps(results, indent=2))


if __name__ == "__main__":
    main()
