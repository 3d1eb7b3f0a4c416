// The worker half of anchor-worker.html: Pyodide's documented boot, then 1+1, sent back.
import { loadPyodide } from "./pyodide.mjs";

const pyodide = await loadPyodide();
postMessage(String(pyodide.runPython("1+1")));
