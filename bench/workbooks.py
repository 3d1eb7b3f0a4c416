"""Workbooks in the browser: what each path downloads, and how long a 5,000-learner workbook of
each format takes to read in the page's worker.

    .venv/bin/python bench/workbooks.py                      # builds the site into build/bench-workbooks
    .venv/bin/python bench/workbooks.py --baseline OTHER_SITE # also the bytes of another build, side by side

Paths, each in a fresh browser context: the moderation-sample page until Python is ready
(start-up), then a pasted sheet, a CSV file and a workbook opened on it; and the deadline page
with an answer. Bytes are as served by build_tools/serve.py (gzip where it compresses), from
Chromium's own count. The workbooks are made like tests/fixtures/make_workbooks.py makes its
small ones (LibreOffice for .xls, .xlsm and .ods; openpyxl and XlsxWriter; the MS-XLSB records).
It measures; it never fails on a time. Needs LibreOffice (soffice) and XlsxWriter.
"""
from __future__ import annotations

import argparse
import base64
import datetime
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

from build_tools import browser as browser_finder  # noqa: E402
from build_tools import serve  # noqa: E402
from tests.fixtures import make_workbooks  # noqa: E402

LEARNERS = 5000


def make_large_workbooks(folder: Path) -> dict[str, Path]:
    # The fixture script's writers read its module-level lists: give them 5,000 learners.
    make_workbooks.LEARNERS[:] = [(100000 + n, f"Learner {n} {'Brontë' if n % 7 == 0 else 'Smith'}",
                                   "ABS" if n % 97 == 0 else n % 61,
                                   datetime.date(2008, 9, 1) + datetime.timedelta(days=n % 365))
                                  for n in range(LEARNERS)]
    files = {"openpyxl .xlsx": folder / "openpyxl.xlsx", "XlsxWriter .xlsx": folder / "xlsxwriter.xlsx",
             ".xlsb": folder / "binary.xlsb"}
    make_workbooks.with_openpyxl(files["openpyxl .xlsx"])
    make_workbooks.with_xlsxwriter(files["XlsxWriter .xlsx"])
    make_workbooks.with_xlsb_records(files[".xlsb"])
    for extension in ("xlsx", "xlsm", "xls", "ods"):
        files[f"LibreOffice .{extension}"] = folder / f"libreoffice.{extension}"
        make_workbooks.with_libreoffice(files["openpyxl .xlsx"], extension, files[f"LibreOffice .{extension}"])
    return files


def build_site(site: Path, url: str, root: Path = ROOT) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(site)],
                   cwd=root, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url})


class Counter:
    def __init__(self, context):
        self.requests = []
        context.on("requestfinished", lambda request: self.requests.append(request))

    def mark(self) -> int:
        return len(self.requests)

    def bytes_since(self, mark: int) -> tuple[int, list[str]]:
        total, names = 0, []
        for request in self.requests[mark:]:
            try:
                sizes = request.sizes()
            except Exception:  # a request whose page has gone
                continue
            if sizes["responseBodySize"] < 0:  # served from the browser's cache: nothing fetched
                continue
            total += sizes["responseBodySize"] + sizes["responseHeadersSize"]
            names.append(request.url.rsplit("/", 1)[-1][:60])
        return total, names


def wait_ready(page) -> None:
    page.wait_for_selector('[data-python-status][data-state="ready"]', state="attached", timeout=120000)
    page.wait_for_selector("[data-calculator][data-wired]", state="attached", timeout=120000)


def wait_status(page, text: str) -> None:
    for _ in range(1200):
        if text in page.evaluate("() => document.querySelector('[data-sheet-status]')?.textContent || ''"):
            return
        page.wait_for_timeout(100)
    raise SystemExit(f"the preview never said {text!r}")


def paths(browser, url: str, workbook: Path) -> dict:
    """Bytes fetched by each path, in a fresh context (cold caches)."""
    out = {}
    context = browser.new_context()
    counter = Counter(context)
    page = context.new_page()
    mark = counter.mark()
    page.goto(url + "calculators/moderation-sample/")
    wait_ready(page)
    page.wait_for_timeout(3000)  # the service worker installs and keeps Python meanwhile
    out["start-up (moderation-sample page until Python is ready, service worker included)"] = counter.bytes_since(mark)
    mark = counter.mark()
    page.fill("#moderation-sample-marks", "id\tname\tmark\n" + "".join(f"{n}\tL{n}\t{n % 50}\n" for n in range(150)))
    wait_status(page, "Read 150 learners")
    out["pasted sheet"] = counter.bytes_since(mark)
    mark = counter.mark()
    page.set_input_files("#moderation-sample-file", files=[{"name": "m.csv", "mimeType": "text/csv",
                                                            "buffer": b"id,name,mark\n1,A,4\n2,B,5\n"}])
    wait_status(page, "Read 2 learners")
    out["CSV file"] = counter.bytes_since(mark)
    mark = counter.mark()
    page.set_input_files("#moderation-sample-file", files=[{"name": workbook.name,  # noqa: E501 (one call as Playwright spells it)
                                                            "mimeType": "application/octet-stream",
                                                            "buffer": workbook.read_bytes()}])
    wait_status(page, f"from {workbook.name}")
    out["workbook (first one)"] = counter.bytes_since(mark)
    context.close()
    context = browser.new_context()
    counter = Counter(context)
    page = context.new_page()
    page.goto(url + "calculators/deadline/?rule=romm-service-2&date=20%2F12%2F2024")
    wait_ready(page)
    page.wait_for_selector("[data-calculator] [data-result] *", timeout=60000)
    page.wait_for_timeout(3000)
    out["another calculator (deadline page, with its answer)"] = counter.bytes_since(0)
    context.close()
    return out


def timings(browser, url: str, files: dict[str, Path], runs: int) -> dict:
    """Per format: the first workbook's extra wait (fetching and loading the reader), then the
    median time of a mark-sheet answer for a 5,000-learner workbook in the worker."""
    from calculators import run

    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "calculators/moderation-sample/")
    wait_ready(page)
    boot = page.evaluate("() => window.centreGuide.python().boot")
    call = ("async (file) => { const t = performance.now(); "
            "const a = await window.centreGuide.calculate('mark-sheet', {file}); "
            "return [performance.now() - t, a.learners, a.ok]; }")
    uploads = {label: {"name": path.name, "data": base64.b64encode(path.read_bytes()).decode()}
               for label, path in files.items()}
    first_label = next(iter(uploads))
    first, learners, ok = page.evaluate(call, uploads[first_label])
    reader_ms = page.evaluate("() => window.centreGuide.python().workbookReaderMs")
    out = {"boot": boot, "reader load (ms, in the worker)": reader_ms, "first workbook answer (ms)": round(first),
           "formats": {}}
    for label, upload in uploads.items():
        browser_ms, cpython_ms = [], []
        for _ in range(runs):
            elapsed, learners, ok = page.evaluate(call, upload)
            browser_ms.append(elapsed)
            started = time.perf_counter()
            answer = run("mark-sheet", {"file": upload})
            cpython_ms.append((time.perf_counter() - started) * 1000)
        out["formats"][label] = {"bytes": files[label].stat().st_size, "learners": learners, "ok": ok,
                                 "browser ms": round(statistics.median(browser_ms)),
                                 "CPython ms": round(statistics.median(cpython_ms)),
                                 "CPython learners": answer.get("learners")}
    out["first workbook extra wait (ms)"] = round(first - out["formats"][first_label]["browser ms"])
    context.close()
    return out


def zip_bomb(browser, url: str) -> dict:
    """The 200 MB zip bomb of tests/test_mark_sheets.py: time and peak memory in CPython (a fresh
    process, peak resident memory) and time in the browser worker."""
    script = """
import base64, io, json, resource, sys, time, zipfile
sys.path.insert(0, ".")
from tests.test_mark_sheets import zip_of, WORKBOOK, RELS
def huge(handle):
    chunk = b"<row>" + b" " * (1024 * 1024) + b"</row>"
    for _ in range(200):
        handle.write(chunk)
bomb = zip_of({"xl/workbook.xml": WORKBOOK, "xl/_rels/workbook.xml.rels": RELS, "xl/worksheets/sheet1.xml": huge})
from calculators import run
data = base64.b64encode(bomb).decode()
before = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
started = time.perf_counter()
answer = run("mark-sheet", {"file": {"name": "bomb.xlsx", "data": data}})
seconds = time.perf_counter() - started
after = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
print(json.dumps({"bomb": data, "packed bytes": len(bomb), "seconds": seconds, "peak rss MB": after / 1024,
                  "rss before MB": before / 1024, "message": answer["errors"]["file"]}))
"""
    done = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, check=True)
    result = json.loads(done.stdout)
    bomb = result.pop("bomb")
    context = browser.new_context()
    page = context.new_page()
    page.goto(url + "calculators/moderation-sample/")
    wait_ready(page)
    elapsed, message = page.evaluate("async (file) => { const t = performance.now(); "
                                     "const a = await window.centreGuide.calculate('mark-sheet', {file}); "
                                     "return [performance.now() - t, a.errors && a.errors.file]; }",
                                     {"name": "bomb.xlsx", "data": bomb})
    result["browser seconds (reader already loaded: no)"] = round(elapsed / 1000, 3)
    result["browser message"] = message
    context.close()
    return result


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--site", type=Path, default=ROOT / "build" / "bench-workbooks")
    parser.add_argument("--baseline", type=Path, help="another built site (for the same address) to compare bytes with")
    parser.add_argument("--no-build", action="store_true")
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    from playwright.sync_api import sync_playwright

    server = serve.start(args.site)
    url = f"http://127.0.0.1:{server.server_port}/"
    if not args.no_build:
        build_site(args.site, url)
    report = {}
    with tempfile.TemporaryDirectory() as folder, sync_playwright() as playwright:
        files = make_large_workbooks(Path(folder))
        browser = playwright.chromium.launch(executable_path=browser_finder.find(), headless=True,
                                             args=browser_finder.LAUNCH_ARGS)
        report["paths"] = paths(browser, url, files["LibreOffice .xlsx"])
        if args.baseline:
            base_server = serve.start(args.baseline)
            base_url = f"http://127.0.0.1:{base_server.server_port}/"
            report["baseline paths"] = paths(browser, base_url, files["LibreOffice .xlsx"])
            base_server.shutdown()
        report["timings"] = timings(browser, url, files, args.runs)
        report["zip bomb"] = zip_bomb(browser, url)
        browser.close()
    server.shutdown()
    for key in ("paths", "baseline paths"):
        for name, (size, names) in report.get(key, {}).items():
            report[key][name] = {"bytes": size, "files": len(names), "names": sorted(set(names))[:12]}
    print(json.dumps(report, indent=2, ensure_ascii=False))


if __name__ == "__main__":
    main()
