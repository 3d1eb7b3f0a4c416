// The one module worker: boots Pyodide once, loads the calculators wheel, then answers
// {id, name, inputs} with {type: "result", id, result}. Only JSON text crosses into Python,
// so no Python object outlives a message.
//
// The fast start is a memory snapshot made at build time with the calculators already
// imported (build_tools/snapshot.py). It uses a private Pyodide API, so any failure falls back
// to the ordinary boot, and the page's Retry starts this worker with ?plain to skip it.
import {
  lockFile, pyodideDir, pythonEnv, snapshotDataShift, snapshotFile, snapshotLayout, snapshotStdlibFile, stdlibFile, wheelFile,
} from "./build-info.js";

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

// The snapshot file is the gzip of only the stretches of memory worth shipping (the rest is
// zeros): each is inflated straight into its place in a zeroed buffer of the memory's length
// (build_tools/snapshot.py, spans). A file that ends early or runs long is refused.
async function unpackedSnapshot() {
  const response = await download(snapshotFile, "the start-up snapshot");
  mark("snapshot response");
  const { length, spans } = snapshotLayout;
  const memory = new Uint8Array(length);
  const reader = response.body.pipeThrough(new DecompressionStream("gzip")).getReader();
  let span = 0;
  let filled = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    for (let at = 0; at < value.length;) {
      if (span === spans.length) throw new Error("the start-up snapshot is longer than its layout");
      const [offset, size] = spans[span];
      const take = Math.min(size - filled, value.length - at);
      memory.set(value.subarray(at, at + take), offset + filled);
      at += take;
      filled += take;
      if (filled === size) [span, filled] = [span + 1, 0];
    }
  }
  if (span !== spans.length) throw new Error("the start-up snapshot was cut short");
  return memory;
}

function leb(bytes, at, signed = false) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  if (signed && byte & 0x40) value -= 2 ** shift;
  return [value, at];
}

// The build XORed the wasm's static data out of the snapshot, because nearly all of it is
// unchanged and the wasm carries it anyway (build_tools/snapshot.py, _take_out_data); this
// puts it back, from the active data segments of the wasm, at the shift the build found.
function putBackStaticData(memory, wasm, shift) {
  let at = 8;
  while (at < wasm.length) {
    const section = wasm[at];
    const [size, body] = leb(wasm, at + 1);
    if (section === 11) {
      let [count, cursor] = leb(wasm, body);
      while (count--) {
        let flag, offset = null, length;
        [flag, cursor] = leb(wasm, cursor);
        if (flag === 0) {
          if (wasm[cursor] !== 0x41) throw new Error("unexpected data segment offset");
          [offset, cursor] = leb(wasm, cursor + 1, true);
          cursor += 1;
        } else if (flag !== 1) {
          throw new Error("unexpected data segment");
        }
        [length, cursor] = leb(wasm, cursor);
        if (offset !== null) {
          const target = offset + shift;
          for (let i = 0; i < length; i++) memory[target + i] ^= wasm[cursor + i];
        }
        cursor += length;
      }
      return;
    }
    at = body + size;
  }
  throw new Error("no data section in the wasm");
}

// Pyodide fetches its wasm only once loadPyodide runs, after its own 1.3 MB of JavaScript has
// loaded. The download starts here instead, beside the others, and Pyodide is handed this
// response when it asks. The snapshot needs the same bytes: it reads a copy (cloned before
// Pyodide can read the body), so there is still one request.
function fetchWasmEarly(wasmURL, wantCopy) {
  const early = fetch(wasmURL);
  early.catch(() => {});
  const original = self.fetch;
  self.fetch = (input, init) => {
    if (String(input) !== wasmURL) return original.call(self, input, init);
    self.fetch = original; // once: a fallback boot fetches afresh
    return early;
  };
  return wantCopy ? early.then((response) => response.clone().arrayBuffer()) : null;
}

async function snapshotMemory(wasmCopy) {
  const unpacked = unpackedSnapshot();
  if (snapshotDataShift === null) return unpacked;
  const memory = await unpacked;
  mark("snapshot unpacked");
  const wasm = new Uint8Array(await wasmCopy);
  mark("wasm copy read");
  putBackStaticData(memory, wasm, snapshotDataShift);
  mark("snapshot ready");
  return memory;
}

let bootKind = "ordinary";

async function boot() {
  const indexURL = new URL(pyodideDir, siteRoot).href;
  // Every download starts now, side by side.
  const wheel = bytes(wheelFile, "the calculators package");
  const useSnapshot = Boolean(snapshotFile) && !plain;
  const wasmCopy = fetchWasmEarly(indexURL + "pyodide.asm.wasm", useSnapshot && snapshotDataShift !== null);
  const snapshot = useSnapshot ? snapshotMemory(wasmCopy) : null;
  wheel.catch(() => {});
  snapshot?.catch(() => {});
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
