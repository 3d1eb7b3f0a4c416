// Build-time Python for the browser, run by build_tools/snapshot.py under Node.
//
//   node snapshot.mjs modules <pyodide dir> <wheel> <job.json> <out.json>
//     boots Pyodide with the full standard library, imports the calculators (and every module
//     their source names), runs the parity cases, and lists the stdlib files that got imported:
//     the trimmed stdlib zip is made from that list.
//   node snapshot.mjs snapshot <pyodide dir> <wheel> <job.json> <out.bin> <stdlib.zip>
//     boots again on the trimmed zip (proving it is enough for a normal boot), does the same
//     imports and cases, and writes Pyodide's memory snapshot.
//
// Memory snapshots are a private Pyodide API: only modules imported before the snapshot
// survive it, files do not (the worker unpacks the wheel again), and it must be made after
// unpackArchive, never loadPackage ("Unexpected hiwire entry").
import fs from "node:fs";
import { pathToFileURL } from "node:url";

const [mode, pyodideDir, wheelPath, jobPath, outPath, stdlibPath] = process.argv.slice(2);
const job = JSON.parse(fs.readFileSync(jobPath, "utf8"));
const { loadPyodide } = await import(pathToFileURL(`${pyodideDir}/pyodide.mjs`).href);

const options = { indexURL: `${pyodideDir}/`, _makeSnapshot: mode === "snapshot" };
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
  fs.writeFileSync(outPath, pyodide.makeMemorySnapshot());
}
