// Build-time Python for the browser, run by build_tools/snapshot.py under Node.
//
//   node snapshot.mjs modules <pyodide dir> <wheel> <job.json> <out.json>
//     boots Pyodide with the full standard library, imports the calculators (and every module
//     their source names), runs the parity cases, and lists the stdlib files that got imported:
//     the trimmed stdlib zip is made from that list.
//   node snapshot.mjs snapshot <pyodide dir> <wheel> <job.json> <out.bin> <stdlib.zip>
//     boots again on the trimmed zip (proving it is enough for a normal boot), does the same
//     imports and cases, and writes Pyodide's memory snapshot, and beside it (<out.bin>.imported.json)
//     the package's modules it holds.
//
// Memory snapshots are a private Pyodide API: only modules imported before the snapshot
// survive it, files do not (the worker unpacks the wheel again), and it must be made after
// unpackArchive, never loadPackage ("Unexpected hiwire entry").
//   node snapshot.mjs brotli <in> <out>
//     compresses a file with brotli at its best (quality 11, 16 MB window): the snapshot comes
//     out a third smaller than with gzip. The worker decodes it itself.
import fs from "node:fs";
import zlib from "node:zlib";
import { pathToFileURL } from "node:url";

const [mode, pyodideDir, wheelPath, jobPath, outPath, stdlibPath] = process.argv.slice(2);
if (mode === "brotli") {
  const [source, target] = [pyodideDir, wheelPath];
  const data = fs.readFileSync(source);
  const { BROTLI_PARAM_QUALITY, BROTLI_PARAM_LGWIN, BROTLI_PARAM_SIZE_HINT } = zlib.constants;
  fs.writeFileSync(target, zlib.brotliCompressSync(data, {
    params: { [BROTLI_PARAM_QUALITY]: 11, [BROTLI_PARAM_LGWIN]: 24, [BROTLI_PARAM_SIZE_HINT]: data.length },
  }));
  process.exit(0);
}
const job = JSON.parse(fs.readFileSync(jobPath, "utf8"));
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);

// The same environment as the worker's boot (build-info.js), so the snapshot's interpreter and
// the ordinary boot's are configured alike.
const options = { indexURL: `${pyodideDir}/`, _makeSnapshot: mode === "snapshot", env: { ...job.env } };
if (stdlibPath) options.stdLibURL = stdlibPath;
const pyodide = await loadPyodide(options);
// Node Buffers are refused by unpackArchive: it wants a plain typed array.
pyodide.unpackArchive(new Uint8Array(fs.readFileSync(wheelPath)), "wheel");
pyodide.globals.set("job_json", JSON.stringify(job));
pyodide.runPython(`
import importlib, json
job = json.loads(job_json)
import calculators
for name in job["modules"]:
    try:
        importlib.import_module(name)
    except ImportError:
        pass  # a name in an "if" branch for another platform; the cases below are the real test
for name, inputs in job["cases"]:
    calculators.run_json(name, json.dumps(inputs))
del job, job_json
import gc
gc.collect()
`);

if (mode === "modules") {
  const files = pyodide.runPython(`
import sys
prefix = "/lib/python314.zip/"
sorted({m.__file__[len(prefix):] for m in list(sys.modules.values())
        if (getattr(m, "__file__", None) or "").startswith(prefix)})
`).toJs();
  fs.writeFileSync(outPath, JSON.stringify(files));
} else {
  // The package's modules now imported: the snapshot holds them, so the worker that restores
  // it needs only the package's other files (build_tools/wheel.py lean_for_snapshot).
  const imported = pyodide.runPython(`
import os, sys, calculators
root = os.path.dirname(os.path.dirname(calculators.__file__)) + "/"  # where the wheel was unpacked
sorted({m.__file__[len(root):] for name, m in list(sys.modules.items())
        if name.split(".")[0] == "calculators" and (getattr(m, "__file__", None) or "").startswith(root)})
`).toJs();
  fs.writeFileSync(`${outPath}.imported.json`, JSON.stringify(imported));
  // The standard streams' buffers: where they sit and how big they are (zeroStreamBuffers).
  // Python's type lookup cache is dropped too: 4096 entries of pointers that compress poorly
  // (about 13 KB of the download); the first answer looks the methods it calls up again.
  const streams = pyodide.runPython(`
import sys
for stream in (sys.stdout, sys.stderr):
    stream.flush()
sys._clear_internal_caches()
[[id(buffered), buffered.__sizeof__() - type(buffered).__basicsize__]
 for buffered in {id(s.buffer): s.buffer for s in (sys.stdin, sys.stdout, sys.stderr)}.values()]
`).toJs();
  // CENTRE_GUIDE_ZERO_REST=0 (for the benchmark) zeroes the free blocks only, as before (the
  // type cache is still dropped).
  const zeroRest = process.env.CENTRE_GUIDE_ZERO_REST !== "0";
  zeroFreeMemory(pyodide._module, zeroRest);
  if (zeroRest) {
    zeroStreamBuffers(pyodide._module, streams);
    zeroDeadStack(pyodide._module);
  }
  fs.writeFileSync(outPath, pyodide.makeMemorySnapshot());
}

// About a third of the heap is free memory still holding whatever was freed there (start-up's
// parsing and the cases above), which gzip must carry. Taking every free block with malloc,
// zeroing it and freeing it again leaves only the allocator's own few words per block, and
// saves about 1 MB of the download. Only malloc and free are called, so Python's state is
// untouched. Blocks that would come from the top of the heap end the search for each size; the
// top chunk itself is zeroed last: it is not all fresh memory, since whatever was freed next
// to it merged into it, garbage and all (about 100 KB of the download). (Pyodide's Python has
// no pymalloc: sys.getallocatedblocks() is 0, so every Python object is a malloc block.)
function zeroFreeMemory(module, topToo = true) {
  const { _malloc: malloc, _free: free, _mallinfo: mallinfo, _emscripten_get_sbrk_ptr: sbrkPtr } = module;
  if (![malloc, free, mallinfo, sbrkPtr].every((f) => typeof f === "function")) return;
  const info = malloc(64);
  const topSize = () => {
    mallinfo(info);
    return module.HEAPU32[(info >> 2) + 9]; // keepcost: the top chunk's size
  };
  const topStart = module.HEAPU32[sbrkPtr() >> 2] - topSize() - 64;
  const taken = [];
  for (let size = 1 << 18; size >= 8; size >>= 1) {
    for (;;) {
      const block = malloc(size);
      if (!block) break;
      if (block + size > topStart) {
        free(block);
        break;
      }
      module.HEAPU8.fill(0, block, block + size);
      taken.push(block);
    }
  }
  // Every other free block is held now, so this one can only come from the top chunk; a little
  // is left over, so the heap does not grow.
  const rest = topToo ? topSize() - 64 : 0;
  const block = rest > 0 ? malloc(rest) : 0;
  if (block) {
    module.HEAPU8.fill(0, block, block + rest);
    taken.push(block);
  }
  for (const block of taken) free(block);
  free(info);
}

// The buffers of sys.stdin, sys.stdout and sys.stderr (128 KB each in Python 3.14) came from
// memory freed during start-up and were never filled: about 135 KB of the download. Nothing
// reads stdin here and the writers were just flushed, so no byte of them is in use. Each buffer
// is found as the one pointer in its object to a malloc block of the buffer's size (skipped if
// there is not exactly one).
function zeroStreamBuffers(module, streams) {
  const words = module.HEAPU32;
  for (const [address, size] of streams) {
    const found = [];
    for (let word = 2; word < 40; word++) {
      const pointer = words[(address >> 2) + word];
      if (pointer % 8 || pointer < 8 || pointer + size > module.HEAPU8.length) continue;
      const head = words[(pointer >> 2) - 1]; // dlmalloc: the block's size, and bit 1 if in use
      const usable = (head & ~7) - 4;
      if (head & 2 && usable >= size && usable < size + 64) found.push(pointer);
    }
    if (found.length === 1) module.HEAPU8.fill(0, found[0], found[0] + size);
  }
}

// The C stack below its pointer holds the frames of calls that have returned (about 14 KB of
// the download); no wasm code is running now, so none of it is live.
function zeroDeadStack(module) {
  const { _emscripten_stack_get_end: stackEnd, stackSave } = module;
  if (typeof stackEnd !== "function" || typeof stackSave !== "function") return;
  module.HEAPU8.fill(0, stackEnd(), stackSave());
}
