"""Where a warm visit's Python start goes: a Chrome trace of a calculator page's second visit.

    .venv/bin/python bench/trace_boot.py [--page calculators/deadline/?...] [--out trace.json]

It builds the site (as bench/run.py does), visits the page once to fill the caches (the compiled
wasm, the decoded snapshot, the code cache), closes the browser, opens it again on the same
profile and records a trace of the second visit. It prints, for the worker's thread, the time
each kind of work took between the worker starting and Pyodide being loaded (compiling
JavaScript, compiling or fetching compiled wasm, running JavaScript, running wasm), and
whether V8 took the wasm from its code cache; and the page's main-thread tasks over 50 ms until
the answer, with what took longest in each. `--profile "school laptop"` records on that profile.
A measuring tool: it never fails on a time.
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


def main_thread(events: list[dict], start_ts: float, answer_ms: float) -> dict:
    """The page's main thread until the answer: its tasks over 50 ms, each with the work inside
    it that took longest (a script evaluated, a module compiled, layout, garbage collection)."""
    names = {(event["pid"], event["tid"]): event["args"].get("name", "") for event in events
             if event.get("ph") == "M" and event.get("name") == "thread_name"}
    mains = [key for key, name in names.items() if name == "CrRendererMain"]
    end_ts = start_ts + answer_ms * 1000
    tasks = []
    for key in mains:
        own = [event for event in events if (event.get("pid"), event.get("tid")) == key and event.get("ph") == "X"
               and start_ts <= event["ts"] <= end_ts]
        for task in (event for event in own if event["name"] == "RunTask" and event.get("dur", 0) > 50000):
            inside = [event for event in own if event is not task and task["ts"] <= event["ts"]
                      and event["ts"] + event.get("dur", 0) <= task["ts"] + task["dur"]]
            work = collections.Counter()
            for event in inside:
                data = event.get("args", {}).get("data", {}) or {}
                label = event["name"] + (f" {data['url'].rsplit('/', 1)[-1][:40]}" if data.get("url") else "")
                work[label] = max(work[label], event.get("dur", 0) / 1000)
            tasks.append({"at_ms": round((task["ts"] - start_ts) / 1000), "ms": round(task["dur"] / 1000),
                          "inside": [(label, round(ms)) for label, ms in work.most_common(6)]})
    return {"long_tasks": sorted(tasks, key=lambda task: task["at_ms"])}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--page", default=PAGE)
    parser.add_argument("--out", type=Path, default=None, help="also write the raw trace here")
    parser.add_argument("--profile", choices=list(bench.PROFILES), default=None,
                        help="record on this profile of where readers are (bench/run.py PROFILES)")
    args = parser.parse_args()
    conditions = bench.PROFILES[args.profile] if args.profile else None
    with tempfile.TemporaryDirectory(prefix="centre-guide-trace-") as scratch, sync_playwright() as playwright:
        site = Path(scratch) / "site"
        site.mkdir()
        server = bench.start_server(site)
        base = f"http://127.0.0.1:{server.server_port}/"
        bench.build_site(site, base, {})
        browser = bench.Browser(playwright, browser_finder.find())
        profile = Path(scratch) / "profile"
        bench.visit(browser, server, base + args.page, profile, conditions=conditions)  # fills the caches
        context, page = browser.open(profile, conditions=conditions)
        session = context.new_cdp_session(page)
        session.send("Tracing.start", {"transferMode": "ReturnAsStream",
                                       "traceConfig": {"includedCategories": CATEGORIES}})
        page.goto(base + args.page, wait_until="commit")
        answer = bench.wait_for(page, "window.__bench && window.__bench.answerAt")
        phases = page.evaluate("() => window.centreGuide.python().phases")
        events = record(page, session)
        # The page's own request starts the clock the answer time is counted on (near enough).
        navigation = [event["ts"] for event in events if event.get("name") == "ResourceSendRequest"
                      and args.page.split("?")[0] in ((event.get("args", {}).get("data") or {}).get("url") or "")]
        context.close()
        server.shutdown()
    if args.out:
        args.out.write_text(json.dumps(events))
    main = main_thread(events, min(navigation), answer) if navigation else {}
    print(json.dumps({"boot_phases": phases, "answer_ms": answer, "main_thread": main,
                      "workers": summarise(events)}, indent=1))


if __name__ == "__main__":
    main()
