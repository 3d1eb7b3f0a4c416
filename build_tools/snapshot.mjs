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
  zeroFreeMemory(pyodide._module);
  fs.writeFileSync(outPath, pyodide.makeMemorySnapshot());
}

// About a third of the heap is free memory still holding whatever was freed there (start-up's
// parsing and the cases above), which gzip must carry. Taking every free block with malloc,
// zeroing it and freeing it again leaves only the allocator's own few words per block, and
// saves about 1 MB of the download. Only malloc and free are called, so Python's state is
// untouched; blocks that would come from the top of the heap (never used yet, already zero)
// end the search for each size. Skipped if the module does not expose what it needs.
function zeroFreeMemory(module) {
  const { _malloc: malloc, _free: free, _mallinfo: mallinfo, _emscripten_get_sbrk_ptr: sbrkPtr } = module;
  if (![malloc, free, mallinfo, sbrkPtr].every((f) => typeof f === "function")) return;
  const info = malloc(64);
  mallinfo(info);
  const topSize = module.HEAPU32[(info >> 2) + 9]; // keepcost: the top chunk's size
  free(info);
  const topStart = module.HEAPU32[sbrkPtr() >> 2] - topSize - 64;
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
  for (const block of taken) free(block);
}
