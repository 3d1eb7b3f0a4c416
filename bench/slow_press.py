"""A press on a slow school laptop, for each calculator page: how long from the press to the
answer in view, and what the page says meanwhile.

    .venv/bin/python bench/slow_press.py [--site site] [--runs 1]

The profile is tests/site/conftest.py's slow_profile (CPU 4 times slower, 150 ms latency,
1.6 Mbit/s, through the DevTools protocol). Each page is opened in a new browser context (a cold
visit), its form filled as soon as it is on screen and its button pressed at once, usually before
the page's scripts have loaded (the first script in <head> keeps the press). The clock stops when
the answer's heading (for the after-January flow, its next question) has the focus and is in
view. Every text the status line showed is listed with when it first showed. The site is built
for the server's address first unless --site names a folder already built for it. Like
bench/run.py, it measures and never fails on a time.
"""
from __future__ import annotations

import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from build_tools import browser as browser_finder  # noqa: E402
from build_tools import serve  # noqa: E402
from tests.site.conftest import slow_profile  # noqa: E402

SHEET = "Candidate number\tName\tMark\n" + "".join(f"{1000 + n}\tLearner {n}\t{(n * 7) % 60}\n" for n in range(20))
TRACKER = (ROOT / "tests" / "fixtures" / "tracker-attempts.csv").read_text()
REQUESTS = (ROOT / "tests" / "fixtures" / "requests.csv").read_text()
# Each page's form, filled the way a reader would: (selector, value) pairs; a value of True ticks it.
PAGES = {
    "deadline": [("#deadline-date", "20/12/2024")],
    "key-dates": [("#key-dates-academic_year", "2025-26")],
    "sample-size": [("#sample-size-cohort", "40"), ("#sample-size-series", "2025-06")],
    "moderation-sample": [("#moderation-sample-series", "2026-06"), ("#moderation-sample-marks", SHEET)],
    "certification": [("#certification-attempts-0-series", "2025-06"), ("#certification-attempts-1-series", "2026-01"),
                      ("#certification-attempts-2-series", "2026-06")],
    "after-january": [("#after-january-subject-standard", True)],
    "cohort-plan": [("#cohort-plan-start_year", "2025")],
    "cohort-certification": [("#cohort-certification-tracker", TRACKER)],
    "post-results-requests": [("#post-results-requests-requests", REQUESTS)],
}
WATCH = """
window.__press = { statuses: [] };
new MutationObserver(() => {
  const status = document.querySelector('[data-python-status]');
  const text = status ? status.textContent : '';
  const seen = window.__press.statuses;
  if (text && (!seen.length || seen[seen.length - 1][1] !== text)) seen.push([Math.round(performance.now()), text]);
}).observe(document, { subtree: true, childList: true, characterData: true });
"""
ANSWER_IN_VIEW = """() => {
  const focused = document.activeElement;
  const answer = focused && (focused.matches('[data-result] :is(h2, h3)')
    || focused.matches('[data-calculator="after-january"] [data-question]:not([hidden]) input'));
  if (!answer) return 0;
  const box = focused.getBoundingClientRect();
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  return box.top >= header - 1 && box.bottom <= innerHeight ? performance.now() : 0;
}"""


def fill(page, fields):
    for selector, value in fields:
        if value is True:
            page.check(selector)
        elif page.evaluate("(selector) => document.querySelector(selector).tagName", selector) == "SELECT":
            page.select_option(selector, value)
        else:
            page.fill(selector, value)


def one_press(browser, url, name):
    context = browser.new_context(viewport={"width": 1280, "height": 800})
    try:
        context.add_init_script(WATCH)
        page = context.new_page()
        slow_profile(context, page)
        page.goto(url, wait_until="commit")
        page.wait_for_selector(f"[data-calculator='{name}'] button[type=submit]", state="visible", timeout=60000)
        fill(page, PAGES[name])
        pressed_at = page.evaluate("() => performance.now()")
        early = not page.evaluate("() => document.querySelector('[data-calculator]').hasAttribute('data-listening')")
        page.click(f"[data-calculator='{name}'] button[type=submit]", no_wait_after=True)
        deadline = time.monotonic() + 180
        while not (answered := page.evaluate(ANSWER_IN_VIEW)):
            if time.monotonic() > deadline:
                raise TimeoutError(f"{name}: no answer in view after 180 s")
            time.sleep(0.1)
        statuses = page.evaluate("() => window.__press.statuses")
        return {"pressed_s": pressed_at / 1000, "early": early, "answer_s": (answered - pressed_at) / 1000,
                "statuses": statuses}
    finally:
        context.close()


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--site", type=Path, help="a site already built for http://127.0.0.1:PORT/")
    parser.add_argument("--port", type=int, default=8765)
    parser.add_argument("--runs", type=int, default=1)
    parser.add_argument("--only", nargs="*", default=list(PAGES))
    args = parser.parse_args()
    url = f"http://127.0.0.1:{args.port}/"
    site = args.site
    if site is None:
        site = Path(tempfile.mkdtemp(prefix="slow-press-"))
        subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                       cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url})
    server = serve.start(site, port=args.port)
    try:
        with sync_playwright() as playwright:
            browser = playwright.chromium.launch(executable_path=browser_finder.find(), headless=True,
                                                 args=browser_finder.LAUNCH_ARGS)
            print("| page | pressed at | press kept early | press to answer in view"
                  " | what the status line said (first shown, s) |")
            print("| --- | --- | --- | --- | --- |")
            for name in args.only:
                runs = [one_press(browser, f"{url}calculators/{name}/", name) for _ in range(args.runs)]
                said = "; ".join(f"{at / 1000:.1f}: {text}" for at, text in runs[-1]["statuses"]
                                 if "% done" not in text or text.endswith((" 0% done.", "50% done.", "90% done.")))
                print(f"| {name} | {statistics.median(run['pressed_s'] for run in runs):.1f} s "
                      f"| {'yes' if all(run['early'] for run in runs) else 'no'} "
                      f"| {statistics.median(run['answer_s'] for run in runs):.1f} s | {said} |", flush=True)
            browser.close()
    finally:
        server.shutdown()


if __name__ == "__main__":
    main()
