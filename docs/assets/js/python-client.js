// The page's side of the door: starts the one shared worker, tags each request with an id,
// and turns a boot that never finishes (Pyodide hangs on a blocked fetch or a wrong MIME
// type) into a clear failure after BOOT_TIMEOUT_MS.

// A school laptop on a slow network may take 30 s to boot; past a minute something is wrong.
// The browser tests shorten it by setting window.__centreGuideTestBootTimeoutMs before any page
// script runs (Playwright's add_init_script); no URL or page content can set it. It is read at
// each start, so a test can give a retry the full time.
const BOOT_TIMEOUT_MS = 60000;
const bootTimeout = () => globalThis.__centreGuideTestBootTimeoutMs || BOOT_TIMEOUT_MS;
// A worker can die without an error event or a reply (out of memory, a killed tab process).
// The slowest real calculation, a 10,000-learner workbook on a slow laptop, takes a few
// seconds, so no answer in 30 s means the worker is gone. Tests shorten it the same way.
const CALCULATION_TIMEOUT_MS = 30000;
const calculationTimeout = () => globalThis.__centreGuideTestCalculationTimeoutMs || CALCULATION_TIMEOUT_MS;

let worker = null;
let booting = null;
// After a failed start, the next one skips the start-up snapshot (a private Pyodide API).
let plainBoot = false;
let nextId = 1;
const pending = new Map();
const listeners = new Set();
export let state = "idle"; // idle | loading | ready | failed
export let bootKind = ""; // "snapshot" or "ordinary" once ready (for tests and the benchmark)
export let bootPhases = {}; // when each step of the boot finished, ms since the page's navigation
export let workbookReaderMs = null; // how long the workbook reader took to fetch and load, once it has
// How much of Python's download has arrived ({done, total} bytes, boot-progress.js), or null
// before the worker has said; listeners hear of each change as a repeat of the "loading" state.
export let downloaded = null;
export let failure = ""; // what went wrong, once state is "failed"

function setState(next, detail = "") {
  state = next;
  for (const listener of listeners) listener(next, detail);
}

export function onStateChange(listener) {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

function failAll(message) {
  for (const { reject } of pending.values()) reject(new Error(message));
  pending.clear();
}

function reset(message) {
  if (worker) worker.terminate();
  worker = null;
  booting = null;
  plainBoot = true;
  failure = message;
  failAll(message);
  setState("failed", message);
}

export function startPython() {
  if (booting) return booting;
  downloaded = null;
  setState("loading");
  const script = new URL("./python-worker.js", import.meta.url);
  if (plainBoot) script.search = "plain";
  const early = adoptEarlyWorker(script.href);
  worker = early ? early.worker : new Worker(script, { type: "module" });
  booting = new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("Python took too long to start")), bootTimeout());
    const onMessage = ({ data }) => {
      if (data.type === "ready") {
        clearTimeout(timer);
        bootKind = data.boot;
        bootPhases = Object.fromEntries(Object.entries(data.phases || {})
          .map(([name, at]) => [name, Math.round(at - performance.timeOrigin)]));
        setState("ready");
        resolve();
      } else if (data.type === "workbook-reader") {
        workbookReaderMs = data.ms;
      } else if (data.type === "progress") {
        downloaded = { done: data.done, total: data.total };
        if (state === "loading") setState("loading");
      } else if (data.type === "boot-failed") {
        clearTimeout(timer);
        reject(new Error(data.message));
      } else if (data.type === "result" && pending.has(data.id)) {
        const { resolve: answer, reject: refuse } = pending.get(data.id);
        pending.delete(data.id);
        // The door never raises, so a failed run means Python itself broke (a fatal error):
        // say so and offer a fresh start rather than leave the reader waiting on silence.
        if (data.failed) {
          refuse(new Error(data.failed));
          reset(`the calculator stopped: ${data.failed}`);
        } else answer(data.result);
      }
    };
    const onError = (event) => {
      clearTimeout(timer);
      event.preventDefault();
      reject(new Error(event.message || "the Python worker stopped"));
      if (state === "ready") reset("the Python worker stopped");
    };
    worker.addEventListener("message", onMessage);
    worker.addEventListener("error", onError);
    // What the early worker said before this module loaded (often "ready" itself), in order.
    for (const event of early ? early.said : []) (event.type === "error" ? onError : onMessage)(event);
  });
  booting.catch((error) => reset(error.message));
  return booting;
}

// The worker overrides/main.html started in <head>, taken once and only if it is the one this
// module would start (a retry after a failure starts a plain one).
function adoptEarlyWorker(href) {
  const early = globalThis.__centreGuideEarlyWorker;
  delete globalThis.__centreGuideEarlyWorker;
  if (!early) return null;
  if (early.url !== href) {
    early.worker.terminate();
    return null;
  }
  early.worker.onmessage = early.worker.onerror = null;
  return early;
}

export async function calculate(name, inputs) {
  await startPython();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    const watchdog = setTimeout(() => {
      if (pending.has(id)) reset("the calculator stopped answering");
    }, calculationTimeout());
    const settle = (finish) => (value) => { clearTimeout(watchdog); finish(value); };
    pending.set(id, { resolve: settle(resolve), reject: settle(reject) });
    worker.postMessage({ id, name, inputs });
  });
}
