// The one module worker: boots Pyodide once, loads the calculators wheel, then answers
// {id, name, inputs} with {type: "result", id, result}. Only JSON text crosses into Python,
// so no Python object outlives a message (the two function proxies below live as long as the
// worker).
//
// The workbook reader (python-calamine, a native extension, about 0.5 MB, and the calculators'
// own workbook modules) is fetched only when an upload is a workbook, then kept: pasted text,
// CSV and the other calculators never fetch it.
// It loads into the interpreter restored from the start-up snapshot as into an ordinary one
// (tests/site/test_workbooks.py checks both).
//
// The fast start is a memory snapshot made at build time with the calculators already
// imported (build_tools/snapshot.py, python-snapshot.js). It uses a private Pyodide API, so any
// failure falls back to the ordinary boot, and the page's Retry starts this worker with ?plain
// to skip it.
import { notNeeded, uncountedFetch } from "./boot-progress.js"; // first: it counts the downloads for the page
import {
  brotliDecoder, compileEarly, lockFile, pyodideDir, pythonEnv, snapshotDataShift, snapshotEncoding, snapshotFile,
  snapshotLayout, snapshotStdlibFile, snapshotWheelFile, stdlibFile, wasmBrotliFile, wheelFile, workbookModulesFile,
  workbookReaderFile,
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

// Decoding the snapshot costs a few hundred milliseconds of a slow laptop's time at every
// visit, so once Python has started, the decoded bytes are kept in the Cache Storage under the
// snapshot's content-hashed address, and a repeat visit reads them instead. Each write deletes
// any other snapshot kept there, so one copy at most is kept. (The name must not start with
// "centre-guide-": the service worker deletes those caches when a new version activates.)
const DECODED_CACHE = "python-snapshot-decoded";
const decodedKey = () => new URL(snapshotFile, siteRoot).href;
let decodedToKeep = null;

async function keptDecoded() {
  try {
    const kept = await (await caches.open(DECODED_CACHE)).match(decodedKey());
    return kept ? new Uint8Array(await kept.arrayBuffer()) : null;
  } catch {
    return null; // no Cache Storage here (private mode, an insecure origin): decode as usual
  }
}

function keepDecoded() {
  if (!decodedToKeep || !self.caches) return;
  const pieces = decodedToKeep;
  decodedToKeep = null;
  caches.open(DECODED_CACHE).then(async (cache) => {
    for (const old of await cache.keys()) if (old.url !== decodedKey()) await cache.delete(old);
    await cache.put(decodedKey(), new Response(new Blob(pieces)));
  }).catch(() => {});
}

async function decodedSnapshot() {
  const kept = await keptDecoded();
  if (kept) {
    try {
      const memory = spanWriter(snapshotLayout);
      memory.take(kept);
      const decoded = memory.finish();
      notNeeded(snapshotFile, ...Object.values(brotliDecoder || {}));
      return decoded;
    } catch {
      // A kept copy that does not fit the layout is ignored: decode the download instead.
    }
  }
  // The decoder loads while the snapshot downloads.
  if (snapshotEncoding === "br") brotli(brotliDecoder, siteRoot).catch(() => {});
  const response = await download(snapshotFile, "the start-up snapshot");
  mark("snapshot response");
  const memory = spanWriter(snapshotLayout);
  const pieces = [];
  const take = (piece) => { memory.take(piece); pieces.push(piece); };
  if (snapshotEncoding === "br") await unbrotli(response, take, brotliDecoder, siteRoot);
  else await ungzip(response, take);
  decodedToKeep = pieces;
  return memory.finish();
}

async function snapshotMemory(wasm) {
  const snapshot = await decodedSnapshot();
  mark("snapshot unpacked");
  if (snapshotDataShift !== null) putBackStaticData(snapshot, await wasm, snapshotDataShift);
  mark("snapshot ready");
  return snapshot;
}

// Pyodide's wasm, as a response for its streaming compile. A first visit fetches the brotli copy
// (2.8 MB against the 3.5 MB a host sends gzipped: seconds on a busy school network) and decodes
// it as it arrives. A wasm the browser already keeps (its HTTP cache, or the offline copy) is
// used as it is: V8 keeps the compiled code only for a response from the wasm's own address,
// so a repeat visit compiles nothing. The ordinary boot (the fallback) always fetches it plain.
async function wasmResponse(wasmURL) {
  // Taken now: handToPyodide is about to make fetch of the wasm's address return this answer.
  const fetchPlain = self.fetch.bind(self, wasmURL);
  if (!wasmBrotliFile || plain) return fetchPlain();
  try {
    const kept = await uncountedFetch(wasmURL, { cache: "only-if-cached", mode: "same-origin" });
    if (kept.ok) {
      notNeeded(wasmBrotliFile);
      return kept;
    }
  } catch {
    // Not kept: the usual case on a first visit.
  }
  let compressed;
  try {
    compressed = await download(wasmBrotliFile, "Python's runtime");
  } catch {
    return fetchPlain();  // the plain wasm is as good, only bigger
  }
  notNeeded(`${pyodideDir}pyodide.asm.wasm`);
  const body = new ReadableStream({
    async start(controller) {
      try {
        await unbrotli(compressed, (piece) => controller.enqueue(piece), brotliDecoder, siteRoot);
        controller.close();
      } catch (error) {
        controller.error(error);
      }
    },
  });
  return new Response(body, { headers: { "Content-Type": "application/wasm" } });
}

// Pyodide compiles its wasm only once its 1.25 MB of JavaScript has loaded and the snapshot is
// ready. A warm visit spends about 200 ms taking the compiled code from the browser's cache, and
// a cold one compiles as the file arrives: both can start now, beside the snapshot. Pyodide's
// instantiateStreaming is handed the module compiled here when it asks for this response (the
// one handToPyodide gave it, already read); anything else, such as the brotli decoder's own
// wasm, which the brotli copy needs first, is instantiated as usual.
function compileNow(wasm) {
  const compiled = WebAssembly.compileStreaming(wasm);
  compiled.then(() => mark("wasm compiled"), () => {});
  const original = WebAssembly.instantiateStreaming;
  WebAssembly.instantiateStreaming = async (response, imports) => {
    if (response !== wasm) return original.call(WebAssembly, response, imports);
    WebAssembly.instantiateStreaming = original;
    const module = await compiled;
    return { module, instance: await WebAssembly.instantiate(module, imports) };
  };
  return () => { WebAssembly.instantiateStreaming = original; };
}

let bootKind = "ordinary";

async function boot() {
  const indexURL = new URL(pyodideDir, siteRoot).href;
  const wasmURL = `${indexURL}pyodide.asm.wasm`;
  // Every download starts now, side by side. A snapshot holds the package's modules already
  // imported, so its boot needs only the package's other files (snapshotWheelFile); the
  // ordinary boot, here or as the fallback, needs the whole package.
  const fromSnapshot = Boolean(snapshotFile) && !plain;
  let wheel = bytes(fromSnapshot && snapshotWheelFile ? snapshotWheelFile : wheelFile, "the calculators package");
  wheel.catch(() => {});
  const wasm = fromSnapshot ? wasmResponse(wasmURL) : fetch(wasmURL);
  wasm.catch(() => {});
  handToPyodide(wasmURL, wasm);
  let snapshot = null;
  let compiledElsewhere = () => {};
  if (fromSnapshot) {
    // The snapshot needs the wasm's bytes too: a copy of the same response (cloned before
    // Pyodide can read it), so there is still one download.
    const copy = snapshotDataShift === null ? null : wasm.then((response) => response.clone().arrayBuffer());
    snapshot = snapshotMemory(copy?.then((buffer) => new Uint8Array(buffer)));
    snapshot.catch(() => {});
    if (compileEarly) compiledElsewhere = compileNow(wasm);
  }
  // Pyodide imports its 1.25 MB asm.mjs only once loadPyodide runs; asking for it now loads it
  // alongside the loader (the module map hands Pyodide this same instance).
  import(`${indexURL}pyodide.asm.mjs`).catch(() => {});
  const { loadPyodide } = await import(`${indexURL}pyodide.mjs`);
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
      compiledElsewhere();  // the ordinary boot fetches and compiles the wasm itself
      if (snapshotWheelFile) {
        wheel = bytes(wheelFile, "the calculators package");
        wheel.catch(() => {});
      }
    }
  }
  pyodide ??= await loadPyodide(options);
  mark("Pyodide loaded");
  // Files never survive a snapshot (only imported modules do), so the wheel is unpacked on
  // every boot: a calculator that reads its data files late still finds them.
  pyodide.unpackArchive(await wheel, "wheel");
  const runJson = pyodide.pyimport("calculators").run_json;
  const isWorkbook = pyodide.pyimport("calculators.spreadsheet").needs_workbook_reader;
  mark("calculators imported");
  return { pyodide, runJson, isWorkbook };
}

// Fetched and loaded once, on the first workbook. unpackArchive, not loadPackage: Pyodide's
// package loader imports tarfile and importlib.metadata, which the snapshot's interpreter does
// not hold (and would make every reader's start-up download bigger); importing the extension
// from the unpacked wheel needs nothing more. A failure is not fatal: Python then says the
// reader could not be loaded, and the next workbook tries again.
let workbookReader = null;

function loadWorkbookReader(pyodide) {
  workbookReader ??= (async () => {
    const started = performance.now();
    // The reader, and the calculators' own modules that read workbooks (left out of the
    // calculators wheel, build_tools/wheel.py), side by side.
    const [wheel, modules] = await Promise.all([bytes(workbookReaderFile, "the workbook reader"),
      bytes(workbookModulesFile, "the workbook modules")]);
    pyodide.unpackArchive(modules, "zip");
    pyodide.unpackArchive(wheel, "wheel");
    // Each folder's finder forgets its listing, so the new files are found. (Not
    // importlib.invalidate_caches(): on 3.14 it imports importlib.metadata, not in the snapshot.)
    pyodide.runPython(`
import sys
for finder in list(sys.path_importer_cache.values()):
    if hasattr(finder, "invalidate_caches"):
        finder.invalidate_caches()
import python_calamine, calculators.workbook
`);
    postMessage({ type: "workbook-reader", ms: Math.round(performance.now() - started),
      bytes: wheel.byteLength + modules.byteLength });
  })();
  workbookReader.catch(() => { workbookReader = null; });
  return workbookReader;
}

function uploadsWorkbook(python, inputs) {
  const data = inputs?.file?.data;
  return typeof data === "string" && data.length > 0 && python.isWorkbook(data.slice(0, 16));
}

const python = boot();
python.then(
  () => {
    postMessage({ type: "ready", boot: bootKind, phases });
    if (bootKind === "snapshot") keepDecoded();
  },
  (error) => postMessage({ type: "boot-failed", message: String(error?.message || error) }),
);

self.onmessage = async ({ data }) => {
  const { id, name, inputs } = data;
  try {
    const ready = await python;
    if (uploadsWorkbook(ready, inputs)) await loadWorkbookReader(ready.pyodide).catch(() => {});
    postMessage({ type: "result", id, result: JSON.parse(ready.runJson(name, JSON.stringify(inputs))) });
  } catch (error) {
    postMessage({ type: "result", id, failed: String(error?.message || error) });
  }
};
