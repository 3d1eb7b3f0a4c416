// The one module worker: boots Pyodide once, loads the calculators wheel, then answers
// {id, name, inputs} with {type: "result", id, result}. Only JSON text crosses into Python,
// so no Python object outlives a message.
//
// The fast start is a memory snapshot made at build time with the calculators already
// imported (build_tools/snapshot.py). It uses a private Pyodide API, so any failure falls back
// to the ordinary boot, and the page's Retry starts this worker with ?plain to skip it.
import {
  lockFile, pyodideDir, pythonEnv, snapshotDataShift, snapshotFile, snapshotStdlibFile, stdlibFile, wheelFile,
} from "./build-info.js";

const siteRoot = new URL("../../", import.meta.url);
const plain = new URL(import.meta.url).searchParams.has("plain");

async function download(path, what) {
  const response = await fetch(new URL(path, siteRoot));
  if (!response.ok) throw new Error(`${what} could not be downloaded (${response.status})`);
  return response;
}

async function bytes(path, what) {
  return (await download(path, what)).arrayBuffer();
}

// The snapshot is stored gzipped (hosts do not compress unknown binary types).
async function gunzipped(path, what) {
  const response = await download(path, what);
  return new Response(response.body.pipeThrough(new DecompressionStream("gzip"))).arrayBuffer();
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

// Pyodide fetches the wasm itself and the snapshot needs its bytes too: reading a copy of
// Pyodide's own response saves a second request (Pyodide starts that fetch before it waits
// for the snapshot, so this cannot deadlock).
function copyOfWasm(wasmURL) {
  const original = self.fetch;
  return new Promise((resolve, reject) => {
    self.fetch = (input, init) => {
      const answer = original.call(self, input, init);
      if (String(input) === wasmURL) {
        self.fetch = original;
        answer.then((response) => resolve(response.clone().arrayBuffer()), reject);
      }
      return answer;
    };
  });
}

async function snapshotMemory(indexURL) {
  const packed = gunzipped(snapshotFile, "the start-up snapshot");
  if (snapshotDataShift === null) return packed;
  const wasm = copyOfWasm(indexURL + "pyodide.asm.wasm");
  const memory = new Uint8Array(await packed);
  putBackStaticData(memory, new Uint8Array(await wasm), snapshotDataShift);
  return memory;
}

let bootKind = "ordinary";

async function boot() {
  const indexURL = new URL(pyodideDir, siteRoot).href;
  // Every download starts now, side by side; Pyodide fetches its wasm while these arrive.
  const wheel = bytes(wheelFile, "the calculators package");
  const snapshot = snapshotFile && !plain ? snapshotMemory(indexURL) : null;
  wheel.catch(() => {});
  snapshot?.catch(() => {});
  // Pyodide imports its 1.25 MB asm.mjs only once loadPyodide runs; asking for it now loads it
  // alongside the loader (the module map hands Pyodide this same instance).
  import(indexURL + "pyodide.asm.mjs").catch(() => {});
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
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
  // Files never survive a snapshot (only imported modules do), so the wheel is unpacked on
  // every boot: a calculator that reads its data files late still finds them.
  pyodide.unpackArchive(await wheel, "wheel");
  return pyodide.pyimport("calculators").run_json;
}

const runJson = boot();
runJson.then(
  () => postMessage({ type: "ready", boot: bootKind }),
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
