"""The speed benchmark: Centre Guide's calculator pages against Pyodide's own boot, side by side.

    make bench                      # or: .venv/bin/python bench/run.py [--runs 5] [--variant ...]

It builds the site, serves it on 127.0.0.1 with build_tools/serve.py (gzip, max-age=600), and
drives headless Chromium. In one run it measures:
- the anchor: a bare page booting the same pinned Pyodide and evaluating 1+1 (bench/anchor.html);
- each calculator page with its first parity case prefilled through the URL: time from
  navigation to the first answer on screen, cold (new profile), warm (same profile, browser
  restarted) and cold at 20 Mbit/s with 20 ms latency (DevTools throttling); the longest
  main-thread task before the answer; bytes served; one calculation's round trip (p50/p95 of 200);
- where the readers are (PROFILES): a school laptop (CPU 4x slower, 20 Mbit/s, 20 ms) and busy
  school Wi-Fi (CPU 2x slower, 1.6 Mbit/s, 150 ms), cold and warm, each with the bytes fetched
  before the first answer, the first paint (the status line is in the page's HTML) and the first
  download figure in the status line. Chromium slows only a page's main thread, never a worker,
  so these also run a second anchor that boots Pyodide in a worker (bench/anchor-worker.html);
- a guidance page: bytes of Python fetched (must be 0) and first contentful paint;
- calculator -> guidance -> back with instant navigation: bytes re-fetched and time to answer.
Medians over the runs, ratios to the anchor, one table on stdout, JSON in bench/results/.
A --variant builds the site with some levers off (see build_tools/snapshot.py), e.g.
`--variant ordinary-boot:CENTRE_GUIDE_SNAPSHOT=0,CENTRE_GUIDE_TRIM_STDLIB=0`.
It is a measuring tool, not a test: nothing here fails on a time.
"""
from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import threading
import time
from functools import partial
from pathlib import Path
from urllib.parse import urlencode

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from playwright.sync_api import sync_playwright  # noqa: E402

from build_tools import browser as browser_finder  # noqa: E402
from build_tools import serve  # noqa: E402

HERE = Path(__file__).parent
PYODIDE = ROOT / "node_modules" / "pyodide"
ANCHOR_FILES = ("pyodide.mjs", "pyodide.asm.mjs", "pyodide.asm.wasm", "python_stdlib.zip", "pyodide-lock.json")
GUIDANCE_PAGE = "post-results/"
THROTTLE = {"offline": False, "latency": 20, "downloadThroughput": 20e6 / 8, "uploadThroughput": 20e6 / 8}
# Where centres are (issue 17): CPU slow-down through Emulation.setCPUThrottlingRate (the page's
# main thread only: Chromium refuses it for workers) and the network through DevTools emulation.
PROFILES = {
    "school laptop": {"cpu": 4, "network": THROTTLE},
    "busy Wi-Fi": {"cpu": 2, "network": {"offline": False, "latency": 150, "downloadThroughput": 1.6e6 / 8,
                                         "uploadThroughput": 1.6e6 / 8}},
}
ANCHORS = {"anchor": "bench-anchor/", "anchor in a worker": "bench-anchor/worker.html"}
PYTHON_PATHS = ("/pyodide/", "/assets/py/", "/assets/wasm-br/", "/bench-anchor/pyodide")
# Before any page script: note when an answer first appears and the longest main-thread task
# until then. The anchor page sets answerAt itself.
WATCH = """
window.__bench = { answerAt: 0, longest: 0, progressAt: 0 };
new PerformanceObserver((list) => {
  for (const task of list.getEntries())
    if (!window.__bench.answerAt) window.__bench.longest = Math.max(window.__bench.longest, task.duration);
}).observe({ type: "longtask", buffered: true });
new MutationObserver(() => {
  const region = document.querySelector("[data-calculator] [data-result]");
  if (region && region.childElementCount && !window.__bench.answerAt) window.__bench.answerAt = performance.now();
  const status = document.querySelector("[data-python-status]");
  if (status && /% done/.test(status.textContent) && !window.__bench.progressAt) {
    window.__bench.progressAt = performance.now();
  }
  if (status && status.dataset.state === "ready" && !window.__bench.readyAt) window.__bench.readyAt = performance.now();
}).observe(document, { subtree: true, childList: true, characterData: true, attributes: true,
                       attributeFilter: ["data-state"] });
"""


class CountingHandler(serve.SiteHandler):
    """The project's server, counting the bytes it sends (gzip, as served) per path."""

    def send_head(self):
        sent = super().send_head()
        if sent:
            with self.server.lock:
                self.server.sent.append((self.path, len(self._body), time.time() * 1000))
        return sent


def start_server(directory: Path):
    server = serve.QuietServer(("127.0.0.1", 0), partial(CountingHandler, directory=str(directory)))
    server.verbose, server.daemon_threads, server.lock, server.sent = False, True, threading.Lock(), []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def take_sent(server, until_ms: float | None = None) -> list[tuple[str, int]]:
    """(path, bytes) of each response sent since the last call; with until_ms (the wall clock,
    in ms since the epoch), only those asked for by then. After the first answer the page
    starts the offline copy and the search index, which must not count against the answer;
    network emulation holds responses back in the browser, so the server hears each request
    as it is made."""
    with server.lock:
        sent, server.sent[:] = list(server.sent), []
    return [(path, size) for path, size, at in sent if until_ms is None or at <= until_ms]


def python_bytes(sent) -> int:
    return sum(size for path, size in sent if any(part in path for part in PYTHON_PATHS))


def build_site(directory: Path, url: str, env: dict[str, str]) -> None:
    subprocess.run([sys.executable, "-m", "mkdocs", "build", "--strict", "--quiet", "--site-dir", str(directory)],
                   cwd=ROOT, check=True, env={**os.environ, "NO_MKDOCS_2_WARNING": "1", "SITE_URL": url, **env})
    anchor = directory / "bench-anchor"
    anchor.mkdir(exist_ok=True)
    shutil.copy2(HERE / "anchor.html", anchor / "index.html")
    shutil.copy2(HERE / "anchor-worker.html", anchor / "worker.html")
    shutil.copy2(HERE / "anchor-worker.js", anchor / "anchor-worker.js")
    for name in ANCHOR_FILES:
        shutil.copy2(PYODIDE / name, anchor / name)


def calculator_pages(site: Path) -> list[dict]:
    """Each calculator page whose mount takes inputs from the URL, with its first good parity case."""
    from calculators import run

    pages = []
    for html in sorted((site / "calculators").glob("*/index.html")):
        text = html.read_text()
        mount = re.search(r"<div[^>]*data-calculator=\"([\w-]+)\"[^>]*>", text)
        if not mount or 'data-url-state="false"' in mount.group(0):
            continue
        name = mount.group(1)
        cases = ROOT / "tests" / "cases" / "parity" / f"{name}.json"
        good = [inputs for case_name, inputs in (json.loads(cases.read_text()) if cases.exists() else [])
                if case_name == name and isinstance(inputs, dict) and run(name, inputs).get("ok")
                and all(isinstance(value, (str, int, float, bool)) for value in inputs.values())]
        if good:
            query = urlencode({key: str(value).lower() if isinstance(value, bool) else value
                               for key, value in good[0].items()})
            pages.append({"name": name, "path": f"{html.parent.relative_to(site).as_posix()}/?{query}",
                          "inputs": good[0]})
    return pages


def wait_for(page, expression: str, timeout_s: float = 120):
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        value = page.evaluate(f"() => {expression}")
        if value:
            return value
        time.sleep(0.02)
    raise TimeoutError(expression)


class Browser:
    def __init__(self, playwright, executable: str):
        self.playwright, self.executable = playwright, executable

    def open(self, profile: Path, throttle: bool = False, conditions: dict | None = None):
        context = self.playwright.chromium.launch_persistent_context(
            str(profile), executable_path=self.executable, headless=True, args=browser_finder.LAUNCH_ARGS,
            viewport={"width": 1280, "height": 900})
        context.add_init_script(WATCH)
        page = context.pages[0] if context.pages else context.new_page()
        network = conditions["network"] if conditions else THROTTLE if throttle else None
        if network or conditions:
            session = context.new_cdp_session(page)
            if network:
                session.send("Network.enable")
                session.send("Network.emulateNetworkConditions", network)
            if conditions:
                session.send("Emulation.setCPUThrottlingRate", {"rate": conditions["cpu"]})
        return context, page


def visit(browser: Browser, server, url: str, profile: Path, throttle: bool = False, after=None,
          conditions: dict | None = None) -> dict:
    context, page = browser.open(profile, throttle, conditions)
    try:
        take_sent(server)
        page.goto(url, wait_until="commit")
        answer = wait_for(page, "window.__bench && window.__bench.answerAt", 300)
        result = {"answer_ms": answer, "longest_task_ms": page.evaluate("() => window.__bench.longest"),
                  "first_paint_ms": page.evaluate(
                      "() => performance.getEntriesByName('first-contentful-paint')[0]?.startTime ?? null"),
                  "progress_ms": page.evaluate("() => window.__bench.progressAt || null"),
                  # When each step of the worker's boot finished (calculator pages): where the time went.
                  "boot_phases": page.evaluate("() => window.centreGuide ? window.centreGuide.python().phases : null")}
        sent = take_sent(server, until_ms=page.evaluate("() => performance.timeOrigin + window.__bench.answerAt"))
        result.update(bytes=sum(size for _, size in sent), python_bytes=python_bytes(sent),
                      files=sorted(sent, key=lambda item: -item[1])[:12])
        if after:
            result.update(after(page))
        # Let the service worker and the browser's code cache finish, as a reader's pause would.
        page.wait_for_timeout(2500)
        return result
    finally:
        context.close()


def round_trips(page, name: str, inputs: dict) -> dict:
    times = page.evaluate("""async ([name, inputs]) => {
        const times = [];
        for (let i = 0; i < 200; i++) {
          const start = performance.now();
          await window.centreGuide.calculate(name, inputs);
          times.push(performance.now() - start);
        }
        return times.sort((a, b) => a - b);
      }""", [name, inputs])
    return {"round_trip_p50_ms": times[99], "round_trip_p95_ms": times[189]}


def instant_navigation(server):
    def measure(page) -> dict:
        take_sent(server)
        link = f'a[href$="{GUIDANCE_PAGE}"], a[href$="{GUIDANCE_PAGE}index.html"]'
        page.evaluate(f"() => document.querySelector('{link}').click()")
        wait_for(page, "!document.querySelector('[data-calculator]') "
                       f"&& location.pathname.endsWith('/{GUIDANCE_PAGE}')", 30)
        page.evaluate("() => { window.__bench.answerAt = 0; window.__bench.back = performance.now(); history.back(); }")
        answer = wait_for(page, "window.__bench.answerAt", 30)
        back = page.evaluate("() => window.__bench.back")
        sent = take_sent(server)
        reloaded = page.evaluate("() => performance.getEntriesByType('navigation').length") != 1
        return {"nav_answer_ms": answer - back, "nav_bytes": sum(size for _, size in sent),
                "nav_python_bytes": python_bytes(sent), "nav_reloaded": reloaded}
    return measure


def guidance(browser: Browser, server, url: str, profile: Path) -> dict:
    context, page = browser.open(profile)
    try:
        take_sent(server)
        page.goto(url, wait_until="load")
        paint = wait_for(page, "performance.getEntriesByName('first-contentful-paint')[0]?.startTime", 30)
        page.wait_for_timeout(1000)  # anything fetched late (search index, a stray worker) still counts
        sent = take_sent(server)
        return {"first_paint_ms": paint, "bytes": sum(size for _, size in sent), "python_bytes": python_bytes(sent),
                "longest_task_ms": page.evaluate("() => window.__bench.longest")}
    finally:
        context.close()


# Start on intent (calculators.js showsIntent): a reader on a guidance page points at a link
# to a calculator, and clicks it a moment later. From the click to the calculator being ready,
# with the pointer on the link first (Python starts then) and with a click alone (a script's
# click: no pointer or focus, so no head start), Python already in the browser's cache.
INTENT_PAGE, INTENT_LINK, HOVER_MS = "post-results/reviews/", 'a[href*="calculators/deadline/"]', 300


def intent(browser: Browser, server, base: str, scratch: Path, conditions: dict | None) -> dict:
    profile = Path(tempfile.mkdtemp(dir=scratch))
    found = {}
    try:
        context, page = browser.open(profile, conditions=conditions)
        page.goto(base + "calculators/deadline/", wait_until="load")  # fills the caches
        wait_for(page, "window.__bench.readyAt", 300)
        page.wait_for_timeout(2500)
        context.close()
        for kind in ("click alone", "pointer first"):
            context, page = browser.open(profile, conditions=conditions)
            page.goto(base + INTENT_PAGE, wait_until="load")
            page.wait_for_timeout(1500)
            if kind == "pointer first":
                page.hover(INTENT_LINK)
                page.wait_for_timeout(HOVER_MS)
            clicked = page.evaluate(f"""() => {{ window.__bench.readyAt = 0; const at = performance.now();
                document.querySelector('{INTENT_LINK}').click(); return at; }}""")
            found[kind] = wait_for(page, "window.__bench.readyAt", 300) - clicked
            context.close()
    finally:
        shutil.rmtree(profile, ignore_errors=True)
    return {"intent_click_alone_ms": found["click alone"], "intent_pointer_first_ms": found["pointer first"]}


def median_of(rows: list[dict]) -> dict:
    """The median of each figure over the runs (a figure some runs lack, such as a download
    figure a quick boot never showed, over the runs that have it)."""
    keys = {key for row in rows for key, value in row.items() if isinstance(value, (int, float))}
    return {key: statistics.median(row[key] for row in rows if isinstance(row.get(key), (int, float)))
            for key in sorted(keys)}


def measure_profiles(browser: Browser, server, base: str, targets: list[dict], scratch: Path,
                     profiles: list[str]) -> dict[str, dict[str, dict]]:
    """One run's cold and warm visits of each target on each profile (anchors included)."""
    found: dict[str, dict[str, dict]] = {}
    for name in profiles:
        conditions = PROFILES[name]
        found[name] = {}
        for target in targets:
            url = base + target["path"]
            profile = Path(tempfile.mkdtemp(dir=scratch))
            cold = visit(browser, server, url, profile, conditions=conditions)
            warm = visit(browser, server, url, profile, conditions=conditions)
            shutil.rmtree(profile, ignore_errors=True)
            found[name][target["name"]] = {**{f"cold_{key}": value for key, value in cold.items()},
                                           **{f"warm_{key}": value for key, value in warm.items()}}
            if target["name"] == "deadline":
                found[name][target["name"]].update(intent(browser, server, base, scratch, conditions))
    return found


def measure_variant(browser: Browser, server, base: str, site: Path, runs: int, scratch: Path,
                    only: list[str], profiles: list[str]) -> dict:
    pages = [page for page in calculator_pages(site) if not only or page["name"] in only]
    targets = [{"name": "anchor", "path": ANCHORS["anchor"], "inputs": None}] + pages
    profile_targets = [{"name": name, "path": path, "inputs": None} for name, path in ANCHORS.items()] + pages
    samples: dict[str, list[dict]] = {target["name"]: [] for target in targets}
    samples["guidance"] = []
    profile_samples: dict[str, dict[str, list[dict]]] = {
        name: {target["name"]: [] for target in profile_targets} for name in profiles}
    for run in range(runs):
        for target in targets:
            url = base + target["path"]
            profile = Path(tempfile.mkdtemp(dir=scratch))
            is_calculator = target["inputs"] is not None
            cold = visit(browser, server, url, profile, after=instant_navigation(server) if is_calculator else None)
            warm = visit(browser, server, url, profile, after=(
                partial(round_trips, name=target["name"], inputs=target["inputs"]) if is_calculator else None))
            throttled = visit(browser, server, url, Path(tempfile.mkdtemp(dir=scratch)), throttle=True)
            sample = {f"cold_{key}": value for key, value in cold.items()}
            sample.update({f"warm_{key}": value for key, value in warm.items()})
            sample.update({f"throttled_{key}": value for key, value in throttled.items() if key == "answer_ms"})
            if target["name"] == "deadline":
                sample.update(intent(browser, server, base, scratch, None))
            samples[target["name"]].append(sample)
            shutil.rmtree(profile, ignore_errors=True)
        samples["guidance"].append(guidance(browser, server, base + GUIDANCE_PAGE, Path(tempfile.mkdtemp(dir=scratch))))
        for name, by_target in measure_profiles(browser, server, base, profile_targets, scratch, profiles).items():
            for target_name, sample in by_target.items():
                profile_samples[name][target_name].append(sample)
        print(f"  run {run + 1}/{runs} done", file=sys.stderr, flush=True)
    medians = {name: median_of(rows) for name, rows in samples.items() if rows}
    profile_medians = {name: {target: median_of(rows) for target, rows in by_target.items() if rows}
                       for name, by_target in profile_samples.items()}
    return {"pages": {page["name"]: page["path"] for page in pages}, "medians": medians, "samples": samples,
            "profile_medians": profile_medians, "profile_samples": profile_samples}


ROWS = [  # (label, key, ratio to the anchor's key, target ratio or limit)
    ("cold: first answer (ms)", "cold_answer_ms", "cold_answer_ms", "<= 0.5x"),
    ("throttled cold: first answer (ms)", "throttled_answer_ms", "throttled_answer_ms", "<= 0.75x"),
    ("warm: first answer (ms)", "warm_answer_ms", "warm_answer_ms", "<= 0.25x"),
    ("cold: bytes served", "cold_bytes", "cold_bytes", "<= 1.25x"),
    ("warm: bytes served", "warm_bytes", "warm_bytes", ""),
    ("cold: longest main-thread task (ms)", "cold_longest_task_ms", None, "<= 50"),
    ("warm: longest main-thread task (ms)", "warm_longest_task_ms", None, "<= 50"),
    ("round trip p50 (ms)", "warm_round_trip_p50_ms", None, ""),
    ("round trip p95 (ms)", "warm_round_trip_p95_ms", None, "<= 16"),
    ("calc -> guidance -> calc: answer (ms)", "cold_nav_answer_ms", None, ""),
    ("calc -> guidance -> calc: bytes", "cold_nav_bytes", None, ""),
    ("calc -> guidance -> calc: Python bytes", "cold_nav_python_bytes", None, "0"),
    ("guidance -> calc, click alone: click to ready (ms)", "intent_click_alone_ms", None, ""),
    (f"guidance -> calc, pointer {HOVER_MS} ms first: click to ready (ms)", "intent_pointer_first_ms", None, ""),
]


def table(variant: str, result: dict) -> str:
    medians = result["medians"]
    anchor = medians["anchor"]
    names = [name for name in medians if name not in ("anchor", "guidance")]
    lines = [f"## {variant}", "", "| measure | anchor | " + " | ".join(f"{n} | ratio" for n in names) + " | target |",
             "|---" * (3 + 2 * len(names)) + "|"]
    for label, key, ratio_key, target in ROWS:
        cells = [label, _fmt(anchor.get(key))]
        for name in names:
            value = medians[name].get(key)
            ratio = value / anchor[ratio_key] if ratio_key and value is not None and anchor.get(ratio_key) else None
            cells += [_fmt(value), f"{ratio:.2f}x" if ratio is not None else ""]
        lines.append("| " + " | ".join(cells + [target]) + " |")
    page = medians["guidance"]
    lines += ["", f"Guidance page ({GUIDANCE_PAGE}): first contentful paint {_fmt(page['first_paint_ms'])} ms, "
              f"{_fmt(page['bytes'])} bytes, Python bytes {_fmt(page['python_bytes'])} (target 0), "
              f"longest main-thread task {_fmt(page['longest_task_ms'])} ms (the theme's own scripts).", ""]
    for profile, by_target in result.get("profile_medians", {}).items():
        lines.append(profile_table(profile, by_target))
    return "\n".join(lines)


PROFILE_ROWS = [  # (label, key, compared with the anchors' same key, target ratio or limit)
    ("cold: first answer (ms)", "cold_answer_ms", True, {"school laptop": "<= 0.4x", "busy Wi-Fi": "<= 0.8x"}),
    ("warm: first answer (ms)", "warm_answer_ms", True, {"school laptop": "<= 0.25x"}),
    ("cold: bytes before the first answer", "cold_bytes", True, {}),
    ("warm: bytes before the first answer", "warm_bytes", False, {}),
    ("cold: first paint, status line shown (ms)", "cold_first_paint_ms", False, {"": "<= 1,000"}),
    ("cold: first download figure (ms)", "cold_progress_ms", False, {}),
    ("warm: first paint (ms)", "warm_first_paint_ms", False, {"": "<= 1,000"}),
    ("cold: longest main-thread task (ms)", "cold_longest_task_ms", False, {}),
    ("guidance -> calc, click alone: click to ready (ms)", "intent_click_alone_ms", False, {}),
    (f"guidance -> calc, pointer {HOVER_MS} ms first: click to ready (ms)", "intent_pointer_first_ms", False, {}),
]


def profile_table(profile: str, medians: dict) -> str:
    """One profile's figures: each page beside both anchors, its ratios as "to the anchor / to
    the anchor in a worker" (the second is the like-for-like one where the CPU is throttled)."""
    conditions = PROFILES[profile]
    network = conditions["network"]
    anchor, in_worker = medians.get("anchor", {}), medians.get("anchor in a worker", {})
    names = [name for name in medians if name not in ANCHORS]
    lines = [f"### {profile}: CPU {conditions['cpu']}x slower, {network['downloadThroughput'] * 8 / 1e6:g} Mbit/s, "
             f"{network['latency']} ms", "",
             "| measure | anchor | anchor in a worker | " + " | ".join(f"{n} | ratio" for n in names) + " | target |",
             "|---" * (4 + 2 * len(names)) + "|"]
    for label, key, compared, targets in PROFILE_ROWS:
        cells = [label, _fmt(anchor.get(key)), _fmt(in_worker.get(key))]
        for name in names:
            value = medians[name].get(key)
            ratios = [f"{value / base[key]:.2f}x" for base in (anchor, in_worker)
                      if compared and value is not None and base.get(key)]
            cells += [_fmt(value), " / ".join(ratios)]
        lines.append("| " + " | ".join(cells + [targets.get(profile, targets.get("", ""))]) + " |")
    return "\n".join(lines + [""])


def _fmt(value) -> str:
    if value is None:
        return "-"
    return f"{value:,.0f}" if abs(value) >= 10 else f"{value:.2f}"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--runs", type=int, default=5)
    parser.add_argument("--only", action="append", default=[], help="measure only this calculator (repeatable)")
    parser.add_argument("--variant", action="append", default=[],
                        help="NAME:VAR=VALUE,VAR=VALUE (a build with some levers off); the full build always runs")
    parser.add_argument("--profile", action="append", choices=[*PROFILES, "none"], default=[],
                        help="measure only this profile of where readers are (repeatable; none: skip them)")
    args = parser.parse_args()
    profiles = [] if "none" in args.profile else args.profile or list(PROFILES)
    variants = [(spec.split(":", 1)[0], dict(pair.split("=", 1) for pair in spec.split(":", 1)[1].split(",") if pair))
                for spec in args.variant] + [("all levers", {})]
    executable = browser_finder.find()
    if not executable:
        raise SystemExit("No Chrome or Chromium found: run `python build_tools/browser.py --install`.")
    results = {"when": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()), "runs": args.runs,
               "browser": executable, "cpus": os.cpu_count(), "variants": {}}
    with tempfile.TemporaryDirectory(prefix="centre-guide-bench-") as scratch, sync_playwright() as playwright:
        browser = Browser(playwright, executable)
        for name, env in variants:
            site = Path(scratch) / re.sub(r"\W+", "-", name) / "site"
            site.mkdir(parents=True)
            server = start_server(site)
            base = f"http://127.0.0.1:{server.server_port}/"
            print(f"{name}: building for {base}", file=sys.stderr, flush=True)
            build_site(site, base, env)
            results["variants"][name] = {"env": env, **measure_variant(browser, server, base, site, args.runs,
                                                                       Path(scratch), args.only, profiles)}
            server.shutdown()
    out = HERE / "results"
    out.mkdir(exist_ok=True)
    path = out / f"bench-{results['when'].replace(':', '')}.json"
    path.write_text(json.dumps(results, indent=1))
    print(f"# Centre Guide speed, medians of {args.runs} runs ({results['when']}, {os.cpu_count()} CPUs)\n")
    for name, result in results["variants"].items():
        print(table(name, result))
    print(f"JSON: {path.relative_to(ROOT)}")


if __name__ == "__main__":
    main()
