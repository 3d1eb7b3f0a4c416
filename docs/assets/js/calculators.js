// Page script for every page. mkdocs-material swaps pages without reloading (instant
// navigation) and does not re-run this file, so binding starts from its document$ stream
// and is safe to repeat. Pages without a [data-calculator] mount never start Python, unless
// the reader shows intent: pointing at or focusing a link to a calculator page starts it, so
// with instant navigation the answer is nearly ready when that page opens.
import { bootKind, bootPhases, calculate, onStateChange, startPython, state, workbookReaderMs } from "./python-client.js";
import { clearErrors, showErrors } from "./form-errors.js";

const STATUS_TEXT = {
  loading: "The calculator is starting. You can fill in the form now.",
  ready: "",
  failed: "The calculator is not working",  // at start-up or later: the detail says which
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
  // Python first: its boot is the long pole, the renderer's import is not.
  startPython().catch(() => {});
  // Listen before anything is awaited: a click that came before the renderer loaded would
  // otherwise submit the form natively, which the CSP (form-action 'none') refuses.
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    submit({ remember: true });
  });
  const stop = onStateChange((next, detail) => {
    if (!mount.isConnected) return stop();
    showPythonState(mount, next, detail);
  });
  showPythonState(mount, state);
  const viewLoading = import(`./renderers/${name}.js`);
  const usesUrl = mount.dataset.urlState !== "false";

  async function submit({ remember, supplied = null }) {
    const view = await viewLoading;
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
        // A guidance link may prefill only some fields (say, the rule): complain only about
        // the fields the address gave, not the ones the reader has not reached yet.
        const errors = supplied
          ? Object.fromEntries(Object.entries(result.errors).filter(([field]) => supplied.has(field)))
          : result.errors;
        if (Object.keys(errors).length) showErrors(form, errors);
      }
    } catch (error) {
      // The state listener already says what went wrong; keep the form as typed.
    } finally {
      mount.removeAttribute("aria-busy");
    }
  }

  const view = await viewLoading;
  if (view.bind) view.bind({ mount, form, region, calculate: (inputs) => calculate(name, inputs) });
  // Every listener of this calculator is now in place (tests wait for this before typing).
  mount.dataset.wired = "true";
  const query = new URLSearchParams(location.search);
  if (usesUrl && fillFromQuery(form, query)) submit({ remember: false, supplied: new Set(query.keys()) });
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

const CALCULATOR_PAGE = /\/calculators\/[^/]+\/(index\.html)?$/;

function showsIntent(event) {
  const link = event.target instanceof Element && event.target.closest("a[href]");
  if (!link || state !== "idle") return;
  const url = new URL(link.href, location.href);
  if (url.origin === location.origin && CALCULATOR_PAGE.test(url.pathname)) startPython().catch(() => {});
}

addEventListener("pointerover", showsIntent, { passive: true });
addEventListener("focusin", showsIntent);
addEventListener("touchstart", showsIntent, { passive: true });

// The service worker (/sw.js, build_tools/service-worker.js) makes repeat and offline visits
// work. It is registered once the page has loaded, or once Python has started on a calculator
// page, so its downloads never compete with the boot; then it keeps Python for offline use.
const siteRoot = new URL("../../", import.meta.url);

function keepPythonOffline() {
  navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage("keep-python"));
}

function registerServiceWorker() {
  if (!("serviceWorker" in navigator) || registerServiceWorker.done) return;
  registerServiceWorker.done = true;
  navigator.serviceWorker.register(new URL("sw.js", siteRoot), { scope: siteRoot.pathname })
    .then(() => { if (state === "ready") keepPythonOffline(); }, () => {});
  onStateChange((next) => { if (next === "ready") keepPythonOffline(); });
}

if (document.querySelector("[data-calculator]")) {
  startPython().catch(() => {});
  const settled = (next) => next === "ready" || next === "failed";
  if (settled(state)) registerServiceWorker();
  const stop = onStateChange((next) => { if (settled(next)) { stop(); registerServiceWorker(); } });
} else if (document.readyState === "complete") {
  registerServiceWorker();
} else {
  addEventListener("load", registerServiceWorker, { once: true });
}
if (window.document$) window.document$.subscribe(bindPage);
else bindPage();

// The same door for the console and the browser tests: centreGuide.calculate("deadline", {...}).
window.centreGuide = {
  calculate, python: () => ({ state, boot: bootKind, phases: bootPhases, workbookReaderMs }),
};
