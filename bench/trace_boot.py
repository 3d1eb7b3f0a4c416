"""Where a warm visit's Python start goes: a Chrome trace of a calculator page's second visit.

    .venv/bin/python bench/trace_boot.py [--page calculators/deadline/?...] [--out trace.json]

It builds the site (as bench/run.py does), visits the page once to fill the caches (the compiled
wasm, the decoded snapshot, the code cache), closes the browser, opens it again on the same
profile and records a trace of the second visit. It prints, for the worker's thread, the time
each kind of work took between the worker starting and Pyodide being loaded (compiling
JavaScript, compiling or fetching compiled wasm, running JavaScript, running wasm), and
whether V8 took the wasm from its code cache. A measuring tool: it never fails on a time.
"""
from __future__ import annotations

import argparse
import base64
import collections
import json
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))
sys.path.insert(0, str(ROOT / "bench"))

import run as bench  # noqa: E402
from playwright.sync_api import sync_playwright  # noqa: E402

from build_tools import browser as browser_finder  # noqa: E402

CATEGORIES = ["devtools.timeline", "v8", "v8.wasm", "v8.execute", "disabled-by-default-v8.compile",
              "disabled-by-default-devtools.timeline", "loading", "blink"]
PAGE = "calculators/deadline/?rule=romm-service-2&date=20%2F12%2F2024"


def record(page, session) -> list[dict]:
    chunks, done = [], {}
    session.on("Tracing.tracingComplete", lambda event: done.update(event))
    session.send("Tracing.end")
    deadline = time.monotonic() + 60
    while not done and time.monotonic() < deadline:
        page.wait_for_timeout(100)
    handle = done["stream"]
    while True:
        piece = session.send("IO.read", {"handle": handle, "size": 1 << 20})
        chunks.append(base64.b64decode(piece["data"]) if piece.get("base64Encoded") else piece["data"].encode())
        if piece.get("eof"):
            break
    session.send("IO.close", {"handle": handle})
    data = json.loads(b"".join(chunks))
    return data["traceEvents"] if isinstance(data, dict) else data


def summarise(events: list[dict]) -> dict:
    names = {(event["pid"], event["tid"]): event["args"].get("name", "") for event in events
             if event.get("ph") == "M" and event.get("name") == "thread_name"}
    workers = [key for key, name in names.items() if "Worker" in name and "Service" not in name]
    found = {}
    for key in workers:
        own = [event for event in events if (event.get("pid"), event.get("tid")) == key and event.get("ph") == "X"]
        if not own:
            continue
        start = min(event["ts"] for event in own)
        end = max(event["ts"] + event.get("dur", 0) for event in own)
        by_name = collections.Counter()
        for event in own:
            by_name[event["name"]] += event.get("dur", 0) / 1000
        wasm_cache = sorted({event["name"] for event in events if (event.get("pid"), event.get("tid")) == key
                             and "wasm" in event["name"].lower() and "cache" in event["name"].lower()})
        found[names[key]] = {"span_ms": round((end - start) / 1000), "wasm_cache_events": wasm_cache,
                             "top": [(name, round(ms, 1)) for name, ms in by_name.most_common(25)]}
    return found


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default=PAGE)
    parser.add_argument("--out", type=Path, default=None, help="also write the raw trace here")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory(prefix="centre-guide-trace-") as scratch, sync_playwright() as playwright:
        site = Path(scratch) / "site"
        site.mkdir()
        server = bench.start_server(site)
        base = f"http://127.0.0.1:{server.server_port}/"
        bench.build_site(site, base, {})
        browser = bench.Browser(playwright, browser_finder.find())
        profile = Path(scratch) / "profile"
        bench.visit(browser, server, base + args.page, profile)  # fills the caches
        context, page = browser.open(profile)
        session = context.new_cdp_session(page)
        session.send("Tracing.start", {"transferMode": "ReturnAsStream",
                                       "traceConfig": {"includedCategories": CATEGORIES}})
        page.goto(base + args.page, wait_until="commit")
        bench.wait_for(page, "window.__bench && window.__bench.answerAt")
        phases = page.evaluate("() => window.centreGuide.python().phases")
        events = record(page, session)
        context.close()
        server.shutdown()
    if args.out:
        args.out.write_text(json.dumps(events))
    print(json.dumps({"boot_phases": phases, "workers": summarise(events)}, indent=1))


if __name__ == "__main__":
    main()
