// The one module worker: boots Pyodide once, loads the calculators wheel, then answers
// {id, name, inputs} with {type: "result", id, result}. Only JSON text crosses into Python,
// so no Python object outlives a message.
import { pyodideDir, wheelFile } from "./build-info.js";

const siteRoot = new URL("../../", import.meta.url);

async function boot() {
  const indexURL = new URL(pyodideDir, siteRoot).href;
  const wheelRequest = fetch(new URL(wheelFile, siteRoot)).then((response) => {
    if (!response.ok) throw new Error(`the calculators package could not be downloaded (${response.status})`);
    return response.arrayBuffer();
  });
  const { loadPyodide } = await import(indexURL + "pyodide.mjs");
  const pyodide = await loadPyodide({ indexURL });
  pyodide.unpackArchive(await wheelRequest, "wheel");
  return pyodide.pyimport("calculators").run_json;
}

const runJson = boot();
runJson.then(
  () => postMessage({ type: "ready" }),
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
