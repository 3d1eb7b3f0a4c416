// The one module worker: boots Pyodide once, loads the calculators wheel, then answers
// {id, name, inputs} with {type: "result", id, result}. Only JSON text crosses into Python,
// so no Python object outlives a message.
//
// The fast start is a memory snapshot made at build time with the calculators already
// imported (build_tools/snapshot.py, python-snapshot.js). It uses a private Pyodide API, so any
// failure falls back to the ordinary boot, and the page's Retry starts this worker with ?plain
// to skip it.
import {
  brotliDecoder, lockFile, pyodideDir, pythonEnv, snapshotDataShift, snapshotEncoding, snapshotFile, snapshotLayout,
  snapshotStdlibFile, stdlibFile, wheelFile,
} from "./build-info.js";
import { brotli, putBackStaticData, spanWriter, unbrotli, ungzip } from "./python-snapshot.js";

const siteRoot = new URL("../../", import.meta.url);
// When each step of the boot finished, in the page's clock (ms since the epoch): the benchmark
// reports them, so a slow start shows where its time went.
const phases = { "worker started": performance.timeOrigin };
const mark = (name) => { phases[name] = performance.timeOrigin + performance.now(); };
mark("worker running");
const plain = new URL(import.meta.url).searchParams.has("plain");

async function download(path, what) {
  const response = await fetch(new URL(path, siteRoot));
  if (!response.ok) throw new Error(`${what} could not be downloaded (${response.status})`);
  return response;
}

async function bytes(path, what) {
  return (await download(path, what)).arrayBuffer();
}

// Pyodide fetches its wasm only once loadPyodide runs, after its own 1.3 MB of JavaScript has
// loaded. The download starts with the others instead, and this hands Pyodide that `response`
// (a promise) when it asks, once: a fallback boot fetches afresh.
function handToPyodide(wasmURL, response) {
  const original = self.fetch;
  self.fetch = (input, init) => {
    if (String(input) !== wasmURL) return original.call(self, input, init);
    self.fetch = original;
    return response;
  };
}

async function snapshotMemory(wasm) {
  const response = await download(snapshotFile, "the start-up snapshot");
  mark("snapshot response");
  const memory = spanWriter(snapshotLayout);
  if (snapshotEncoding === "br") await unbrotli(response, memory.take, brotliDecoder, siteRoot);
  else await ungzip(response, memory.take);
  const snapshot = memory.finish();
  mark("snapshot unpacked");
  if (snapshotDataShift !== null) putBackStaticData(snapshot, await wasm, snapshotDataShift);
  mark("snapshot ready");
  return snapshot;
}

let bootKind = "ordinary";

async function boot() {
  const indexURL = new URL(pyodideDir, siteRoot).href;
  const wasmURL = indexURL + "pyodide.asm.wasm";
  // Every download starts now, side by side.
  const wheel = bytes(wheelFile, "the calculators package");
  wheel.catch(() => {});
  const wasm = fetch(wasmURL);
  wasm.catch(() => {});
  handToPyodide(wasmURL, wasm);
  let snapshot = null;
  if (snapshotFile && !plain) {
    if (snapshotEncoding === "br") brotli(brotliDecoder, siteRoot).catch(() => {});
    // The snapshot needs the wasm's bytes too: a copy of the same response (cloned before
    // Pyodide can read it), so there is still one download.
    const copy = snapshotDataShift === null ? null : wasm.then((response) => response.clone().arrayBuffer());
    snapshot = snapshotMemory(copy?.then((buffer) => new Uint8Array(buffer)));
    snapshot.catch(() => {});
  }
  // Pyodide imports its 1.25 MB asm.mjs only once loadPyodide runs; asking for it now loads it
  // alongside the loader (the module map hands Pyodide this same instance).
  import(indexURL + "pyodide.asm.mjs").catch(() => {});
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  mark("loader imported");
  const options = { indexURL, lockFileContents: lockFile, env: { ...pythonEnv } };
  if (stdlibFile) options.stdLibURL = new URL(stdlibFile, siteRoot).href;
  let pyodide;
  if (snapshot) {
    const stdLibURL = snapshotStdlibFile ? new URL(snapshotStdlibFile, siteRoot).href : options.stdLibURL;
    try {
      pyodide = await loadPyodide({ ...options, stdLibURL, _loadSnapshot: snapshot });
      bootKind = "snapshot";
    } catch (error) {
      console.warn("Start-up snapshot failed; booting Python the ordinary way.", error);
    }
  }
  pyodide ??= await loadPyodide(options);
  mark("Pyodide loaded");
  // Files never survive a snapshot (only imported modules do), so the wheel is unpacked on
  // every boot: a calculator that reads its data files late still finds them.
  pyodide.unpackArchive(await wheel, "wheel");
  const runJson = pyodide.pyimport("calculators").run_json;
  mark("calculators imported");
  return runJson;
}

const runJson = boot();
runJson.then(
  () => postMessage({ type: "ready", boot: bootKind, phases }),
  (error) => postMessage({ type: "boot-failed", message: String(error && error.message || error) }),
);

self.onmessage = async ({ data }) => {
  const { id, name, inputs } = data;
  try {
    const run = await runJson;
    postMessage({ type: "result", id, result: JSON.parse(run(name, JSON.stringify(inputs))) });
  } catch (error) {
    postMessage({ type: "result", id, failed: String(error && error.message || error) });
  }
};
