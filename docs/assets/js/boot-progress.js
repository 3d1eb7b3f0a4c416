// How much of Python's download has arrived, for the status line under a calculator's button.
// python-worker.js imports this module first, so fetch is wrapped before its boot asks for
// anything. Each file a boot downloads (build-info.js bootBytes, sizes written by the build) is
// counted as its bytes are read, from a copy of the response (response.clone()), so the boot's
// own reading and Chrome's streaming compile of the wasm are untouched; the page is sent
// {type: "progress", done, total} each time another whole percent has arrived. Files imported as
// modules (Pyodide's loader and runtime, the brotli decoder's script) give no bytes on the way,
// so each counts in full once the worker's resource timing says it has loaded.
import { bootBytes } from "./build-info.js";

const siteRoot = new URL("../../", import.meta.url);
const kind = new URLSearchParams(self.location.search).has("plain") || !bootBytes.snapshot ? "plain" : "snapshot";
const expected = new Map(Object.entries(bootBytes[kind]).map(([path, size]) => [new URL(path, siteRoot).href, size]));
const counted = new Set();
let total = [...expected.values()].reduce((sum, size) => sum + size, 0);
let done = 0;
let said = -1;

function tell() {
  const percent = Math.floor(Math.min(done, total) * 100 / total);
  if (percent === said) return;
  said = percent;
  postMessage({ type: "progress", done: Math.min(done, total), total });
}

function arrived(bytes) {
  done += bytes;
  tell();
}

async function count(response) {
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done: finished, value } = await reader.read();
      if (finished) return;
      arrived(value.byteLength);
    }
  } catch {
    // The boot's own reading reports a broken download; this only stops counting.
  }
}

const fetchOriginal = self.fetch;
self.fetch = (input, init) => {
  const answer = fetchOriginal.call(self, input, init);
  const url = new URL(input instanceof Request ? input.url : String(input), self.location.href).href;
  if (expected.has(url) && !counted.has(url)) {
    counted.add(url);
    // Attached before the caller's own then, so the copy is made before anyone reads the body.
    answer.then((response) => { if (response.ok && response.body) count(response.clone()); }, () => {});
  }
  return answer;
};

// A fetch that is not counted: a look in the cache that may find nothing (python-worker.js).
export const uncountedFetch = (input, init) => fetchOriginal.call(self, input, init);

if (self.PerformanceObserver) {
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // fetch() is counted above as its bytes arrive; a look in the cache that found nothing
      // (python-worker.js) still leaves an entry here, and must not count as the download.
      if (entry.initiatorType === "fetch" || !expected.has(entry.name) || counted.has(entry.name)) continue;
      counted.add(entry.name);
      arrived(expected.get(entry.name));
    }
  }).observe({ type: "resource", buffered: true });
}

// Files this boot turned out not to need (the decoded snapshot kept from an earlier visit):
// they leave the total, so the count can still reach it.
export function notNeeded(...paths) {
  for (const path of paths) {
    const url = new URL(path, siteRoot).href;
    if (!expected.has(url) || counted.has(url)) continue;
    counted.add(url);
    total -= expected.get(url);
  }
  tell();
}
