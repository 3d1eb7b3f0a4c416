// Page script for every page. mkdocs-material swaps pages without reloading (instant
// navigation) and does not re-run this file, so binding starts from its document$ stream
// and is safe to repeat. Pages without a [data-calculator] mount never start Python.
import { calculate, onStateChange, startPython, state } from "./python-client.js";
import { clearErrors, showErrors } from "./form-errors.js";

const STATUS_TEXT = {
  loading: "The calculator is starting. You can fill in the form now.",
  ready: "",
  failed: "The calculator could not start",
};

function readInputs(form) {
  const inputs = {};
  for (const element of form.elements) {
    if (!element.name || element.disabled) continue;
    if (element.type === "checkbox") inputs[element.name] = element.checked;
    else if (element.type === "radio") { if (element.checked) inputs[element.name] = element.value; }
    else inputs[element.name] = element.value;
  }
  return inputs;
}

function fillFromQuery(form, params) {
  let filled = false;
  for (const [name, value] of params) {
    const field = form.elements.namedItem(name);
    if (!field) continue;
    if (field instanceof RadioNodeList) {
      for (const radio of field) radio.checked = radio.value === value;
    } else if (field.type === "checkbox") {
      field.checked = value === "true";
    } else {
      field.value = value;
    }
    filled = true;
  }
  return filled;
}

function writeQuery(inputs) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(inputs)) if (value !== "" && value !== false) params.set(name, String(value));
  const url = `${location.pathname}?${params}${location.hash}`;
  if (url !== `${location.pathname}${location.search}${location.hash}`) history.pushState(history.state, "", url);
}

function showPythonState(mount, next, detail) {
  const status = mount.querySelector("[data-python-status]");
  if (!status) return;
  status.replaceChildren();
  status.dataset.state = next;
  if (next !== "failed") {
    status.textContent = STATUS_TEXT[next] || "";
    return;
  }
  const text = document.createElement("span");
  text.textContent = `${STATUS_TEXT.failed} (${detail}). Your answers are kept. Try again, or use the rules and sources on this page. `;
  const retry = document.createElement("button");
  retry.type = "button";
  retry.className = "md-button cg-retry";
  retry.textContent = "Try again";
  retry.addEventListener("click", () => startPython().catch(() => {}));
  status.append(text, retry);
}

async function bindMount(mount) {
  if (mount.dataset.bound) return;
  mount.dataset.bound = "true";
  const name = mount.dataset.calculator;
  const form = mount.querySelector("form");
  const region = mount.querySelector("[data-result]");
  const view = await import(`./renderers/${name}.js`);
  const usesUrl = mount.dataset.urlState !== "false";

  const stop = onStateChange((next, detail) => {
    if (!mount.isConnected) return stop();
    showPythonState(mount, next, detail);
  });
  showPythonState(mount, state);
  startPython().catch(() => {});

  async function submit({ remember }) {
    const inputs = view.readInputs ? view.readInputs(form) : readInputs(form);
    if (remember && usesUrl) writeQuery(inputs);
    mount.setAttribute("aria-busy", "true");
    try {
      const result = await calculate(name, inputs);
      if (result.ok) {
        clearErrors(form);
        view.render(result, region, form);
      } else {
        region.replaceChildren();
        showErrors(form, result.errors);
      }
    } catch (error) {
      // The state listener already says what went wrong; keep the form as typed.
    } finally {
      mount.removeAttribute("aria-busy");
    }
  }

  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit({ remember: true });
  });
  if (view.bind) view.bind({ mount, form, region, calculate: (inputs) => calculate(name, inputs) });
  if (usesUrl && fillFromQuery(form, new URLSearchParams(location.search))) submit({ remember: false });
}

function bindPage() {
  for (const mount of document.querySelectorAll("[data-calculator]")) bindMount(mount);
}

addEventListener("popstate", () => {
  for (const mount of document.querySelectorAll("[data-calculator][data-bound]")) {
    if (mount.dataset.urlState === "false") continue;
    const form = mount.querySelector("form");
    if (fillFromQuery(form, new URLSearchParams(location.search))) form.requestSubmit();
  }
});

if (window.document$) window.document$.subscribe(bindPage);
else bindPage();

// The same door for the console and the browser tests: centreGuide.calculate("deadline", {...}).
window.centreGuide = { calculate };
