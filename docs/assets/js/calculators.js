// Page script for every page. mkdocs-material swaps pages without reloading (instant
// navigation) and does not re-run this file, so binding starts from its document$ stream, once
// per page visit. Pages without a [data-calculator] mount never start Python, unless the reader
// shows intent: pointing at or focusing a link to a calculator page starts it, so with instant
// navigation the answer is nearly ready when that page opens.
//
// The renderer contract. A mount <div data-calculator="NAME"> holds a <form> and a [data-result]
// region; this file imports ./renderers/NAME.js (NAME is the door's name), which exports:
//   render(result, region, form)   required: shows an ok answer from Python in region. Errors
//                                  are not its business: this file shows them beside the fields.
//   readInputs(form)               optional: the inputs to send; readForm(form) (forms.js) if absent.
//   bind({ mount, form, region, calculate, signal })
//                                  optional: called once per page visit when the renderer has
//                                  loaded, to wire what submit does not (questions shown for some
//                                  answers, row editors, previews). calculate(inputs) asks this
//                                  calculator; the mount is "wired" once bind has returned.
// Facts the build writes from Python (limits, component names) are read from the mount's data
// attributes (facts.js), never typed again in a renderer.
// Teardown: signal is aborted when the theme swaps the page. Every listener a renderer adds to
// something that outlives one render (the form and its fields, the mount, window, document)
// passes { signal }; a timer or a late answer checks signal or is cancelled on its abort. Nodes
// that render() builds inside region go with the next render or the page, and their listeners
// with them. State kept between calls belongs to the page's nodes (a WeakMap keyed by one), not
// to the module, so nothing from one visit reaches the next. What must outlive pages (the one
// Python worker, in python-client.js) lives there.
//
// A press before this file has wired a form is kept by the first script in <head>
// (overrides/main.html), which marks the mount data-pressed; bindMount answers it once wired. The
// status line under the button says how Python's start is going (in that script's wording,
// statusText), then "Working out your answer…" while a press waits for its answer.
import { askedList, keepInView, madeOnLine, showAnswer } from "./answer.js";
import {
  bootKind, bootPhases, calculate, downloaded, failure, onStateChange, startPython, state,
  workbookReaderMs,
} from "./python-client.js";
import { clearErrors, emptyFields, showErrors } from "./form-errors.js";
import { readForm } from "./forms.js";
import { keyboardMenu } from "./menu.js";
import { markPageTables } from "./tables.js";
import { fillFromAddress, rememberAnswers } from "./url-state.js";

const statusText = window.__centreGuideEarly?.statusText
  || ((_ready, _progress, working) => (working ? "Working out your answer\u2026" : ""));
const FAILED_TEXT = "The calculator is not working";  // at start-up or later: the detail says which

function working(mount) {
  return mount.hasAttribute("data-pressed") || mount.getAttribute("aria-busy") === "true";
}

// Where the page was scrolled to when a waiting press's status line was last kept in view.
const watched = new WeakMap();

function showPythonState(mount, next, detail) {
  const status = mount.querySelector("[data-python-status]");
  if (!status) return;
  status.dataset.state = next;
  if (next !== "failed") {
    // Set only when it changes: the line is a live region, read out at each change.
    const text = statusText(next === "ready", downloaded, working(mount));
    if (status.children.length || status.textContent !== text) status.textContent = text;
    // A press waiting for Python: the reader watches this line, so it stays on screen, unless
    // they have scrolled away since it was last brought into view.
    if (next !== "ready" && working(mount) && (!watched.has(mount) || Math.abs(scrollY - watched.get(mount)) < 2)) {
      keepInView(status);
      watched.set(mount, scrollY);
    }
    return;
  }
  status.replaceChildren();
  const text = document.createElement("span");
  text.textContent = `${FAILED_TEXT} (${detail || failure}). Your answers are kept. `
    + "Try again, or use the rules and sources on this page. ";
  const retry = document.createElement("button");
  retry.type = "button";
  retry.className = "md-button cg-retry";
  retry.textContent = "Try again";
  retry.addEventListener("click", () => startPython().catch(() => {}));
  status.append(text, retry);
}

// Today in the reader's own time zone, as YYYY-MM-DD from the date's parts (no UTC shift).
function localToday() {
  const now = new Date();
  const two = (number) => String(number).padStart(2, "0");
  return `${now.getFullYear()}-${two(now.getMonth() + 1)}-${two(now.getDate())}`;
}

async function bindMount(mount, signal) {
  const name = mount.dataset.calculator;
  const form = mount.querySelector("form");
  const region = mount.querySelector("[data-result]");
  // Python first: its boot is the long pole, the renderer's import is not.
  startPython().catch(() => {});
  // Listen before anything is awaited: a click that came before the renderer loaded would
  // otherwise submit the form natively, which the CSP (form-action 'none') refuses. From here
  // on the script in <head> leaves this form's presses to this listener (data-listening).
  let asked = false;  // the reader has pressed the button on this visit
  form.addEventListener("submit", (event) => {
    event.preventDefault();
    asked = true;
    if (!saidEmpty()) submit({ remember: true });
  }, { signal });
  mount.dataset.listening = "";
  const stopShowingState = onStateChange((next, detail) => showPythonState(mount, next, detail));
  signal.addEventListener("abort", stopShowingState);
  showPythonState(mount, state);
  const refreshStatus = () => { if (state !== "failed") showPythonState(mount, state); };
  // While Python is still on its way (half a minute on a slow network), a field left empty is
  // said at once, in Python's own words (the build writes them on the mount: data-missing).
  // Python checks everything again at the next press.
  function saidEmpty() {
    if (state === "ready" || !mount.dataset.missing) return false;
    const errors = emptyFields(form, JSON.parse(mount.dataset.missing));
    if (!Object.keys(errors).length) {
      clearErrors(form);  // put right: the messages would be wrong while the press waits
      return false;
    }
    region.replaceChildren();
    showErrors(form, errors);
    refreshStatus();
    return true;
  }
  noteAnswers(form, region, signal);
  noteChanges(mount, form, region, signal);
  const viewLoading = import(`./renderers/${name}.js`);
  const usesUrl = mount.dataset.urlState !== "false";
  // Back and forward within this page refill the form from the address and answer again. A
  // step to another page is the theme's to handle: this page is about to be swapped out.
  const page = location.pathname;
  if (usesUrl) {
    addEventListener("popstate", () => {
      if (location.pathname === page && fillFromAddress(form)) form.requestSubmit();
    }, { signal });
  }

  // A press, a shared link or a step back or forward: the answer is shown and brought to the
  // reader (showAnswer), unless the renderer has put the focus somewhere itself (the next
  // question). That comes last, once the status line has lost its "Working out…", which moves
  // what is below it.
  // quiet: an answer the reader has not asked for (a link's, once Python is ready) is not
  // announced as "Working out your answer…": a link that gives only the rule has none.
  async function submit({ remember, supplied = null, quiet = false }) {
    if (!quiet) {
      mount.setAttribute("aria-busy", "true");
      refreshStatus();
    }
    let heading = null;
    try {
      const view = await viewLoading;
      const inputs = view.readInputs ? view.readInputs(form) : readForm(form);
      if (remember && usesUrl) rememberAnswers(inputs, { keepHash: true });
      // The reader's own date, so an answer can say a date has passed; sent, never kept in the address.
      const result = await calculate(name, "sendsToday" in mount.dataset ? { ...inputs, today: localToday() } : inputs);
      if (signal.aborted) return;  // the reader has left this page
      if (result.ok) {
        clearErrors(form);
        const focused = document.activeElement;
        view.render(result, region, form);
        const moved = document.activeElement !== focused && mount.contains(document.activeElement);
        if (!moved) heading = region.querySelector("h2, h3");
      } else {
        region.replaceChildren();
        // A guidance link may prefill only some fields (say, the rule): complain only about
        // the fields the address gave, not the ones the reader has not reached yet.
        const errors = supplied
          ? Object.fromEntries(Object.entries(result.errors).filter(([field]) => supplied.has(field)))
          : result.errors;
        if (Object.keys(errors).length) showErrors(form, errors);
      }
    } catch {
      // The state listener already says what went wrong; keep the form as typed.
    } finally {
      mount.removeAttribute("aria-busy");
      refreshStatus();
    }
    showAnswer(heading);
  }

  const view = await viewLoading;
  if (signal.aborted) return;
  if (view.bind) view.bind({ mount, form, region, signal, calculate: (inputs) => calculate(name, inputs) });
  // Every listener of this calculator is now in place (tests wait for this before typing).
  mount.dataset.wired = "true";
  const query = new URLSearchParams(location.search);
  if (mount.hasAttribute("data-pressed")) {
    // Pressed before this file was ready: answer the form as the reader left it (filling it
    // from the address now would undo what they typed).
    mount.removeAttribute("data-pressed");
    if (!saidEmpty()) submit({ remember: true });
  } else if (usesUrl && fillFromAddress(form, untouched(form, query))) {
    // A link with answers: answered once Python is ready, without "Working out your answer…"
    // in the meantime (the reader has not asked yet, and a guidance link may give only the
    // rule). Not if the reader has gone to the form by then: what they type is theirs, and
    // their press answers it. (A field they had gone to before this point was not filled in
    // from the link either.)
    if (!await pythonReady(signal) || asked || form.querySelector("[data-touched]")) return;
    submit({ remember: false, supplied: new Set(query.keys()), quiet: true });
  }
}

// The address's fields the reader has not gone to yet (the first script in <head> marks the
// others data-touched): the ones a link may fill in.
function untouched(form, query) {
  return [...query.keys()].filter((name) => {
    const field = form.elements.namedItem(name);
    const fields = field instanceof RadioNodeList ? [...field] : [field];
    return !fields.some((each) => each?.hasAttribute?.("data-touched"));
  });
}

// Resolves true once Python is ready (after a retry, if the first start failed), or false if
// the reader leaves the page first.
function pythonReady(signal) {
  return new Promise((resolve) => {
    if (state === "ready") {
      resolve(true);
      return;
    }
    const stop = onStateChange((next) => {
      if (next === "ready") {
        stop();
        resolve(true);
      }
    });
    signal.addEventListener("abort", () => { stop(); resolve(false); }, { once: true });
  });
}

// Each answer shown in a region, however it came (a press, or a renderer's own: the key dates
// shown on opening, a re-checked cohort plan), gets what a printout needs (what was asked, when
// it was made), and the first one lets the service worker start (registerServiceWorker).
function noteAnswers(form, region, signal) {
  const observer = new MutationObserver(() => {
    if (!region.firstElementChild || region.querySelector(".cg-made-on")) return;
    // After the answer, so the answer stays the region's first element (print puts "What was
    // asked" first).
    region.append(...[askedList(form), madeOnLine()].filter(Boolean));
    registerServiceWorker();
  });
  observer.observe(region, { childList: true });
  signal.addEventListener("abort", () => observer.disconnect());
}

// An answer the reader has since changed the form under (another series, another file) says so
// at its top until the next answer replaces it: an old sample, still downloadable, must not pass
// for the new one. A flow (the after-January questions) answers each change itself, and a
// change that answers at once (a column chosen) leaves the region busy, so neither is marked.
const STALE_TEXT = "You have changed the form since this answer was worked out. Press “{button}” again to update it.";

function noteChanges(mount, form, region, signal) {
  if (mount.classList.contains("cg-flow")) return;
  const mark = (event) => {
    if (!event.isTrusted) return;
    setTimeout(() => {
      if (!region.firstElementChild || region.querySelector("[data-stale]")) return;
      if (mount.getAttribute("aria-busy") === "true") return;
      const note = document.createElement("p");
      note.className = "cg-warning cg-stale";
      note.dataset.stale = "";
      note.textContent = STALE_TEXT.replace("{button}", form.querySelector("button[type=submit]").textContent.trim());
      region.prepend(note);
    });
  };
  form.addEventListener("input", mark, { signal });
  form.addEventListener("change", mark, { signal });
}

// One AbortController per page visit: the theme emits on document$ only when it has swapped in
// a new page, so whatever the previous visit set up is torn down before this one is bound.
let visit = null;

function bindPage() {
  visit?.abort();
  visit = new AbortController();
  for (const mount of document.querySelectorAll("[data-calculator]")) bindMount(mount, visit.signal);
  markPageTables(document, visit.signal);
  keyboardMenu(document);
}

const CALCULATOR_PAGE = /\/calculators\/[^/]+\/(index\.html)?$/;

function showsIntent(event) {
  const link = event.target instanceof Element && event.target.closest("a[href]");
  if (!link || state !== "idle") return;
  const url = new URL(link.href, location.href);
  if (url.origin === location.origin && CALCULATOR_PAGE.test(url.pathname)) startPython().catch(() => {});
}

// These belong to the site, not to a page: they stay for every visit, so they take no signal.
addEventListener("pointerover", showsIntent, { passive: true });
addEventListener("focusin", showsIntent);
addEventListener("touchstart", showsIntent, { passive: true });

// The service worker (/sw.js, build_tools/service-worker.js) makes repeat and offline visits
// work. Its install downloads every page, so nothing may start it while Python downloads: on a
// calculator page it is registered after the first answer (or once Python has failed), on
// other pages once the page has loaded and any Python start has settled; then it keeps Python
// for offline use.
const siteRoot = new URL("../../", import.meta.url);

function keepPythonOffline() {
  navigator.serviceWorker.ready.then((registration) => registration.active?.postMessage("keep-python"));
}

function registerServiceWorker() {
  window.__centreGuideEarly?.releaseSearch();  // the search index waited for the same moment
  if (!("serviceWorker" in navigator) || registerServiceWorker.done) return;
  registerServiceWorker.done = true;
  navigator.serviceWorker.register(new URL("sw.js", siteRoot), { scope: siteRoot.pathname })
    .then(() => { if (state === "ready") keepPythonOffline(); }, () => {});
  onStateChange((next) => { if (next === "ready") keepPythonOffline(); });
}

function registerWhenSettled() {
  if (state !== "loading") {
    registerServiceWorker();
    return;
  }
  const stop = onStateChange((next) => { if (next !== "loading") { stop(); registerServiceWorker(); } });
}

if (document.querySelector("[data-calculator]")) {
  startPython().catch(() => {});
  if (state === "failed") registerServiceWorker();
  const stop = onStateChange((next) => { if (next === "failed") { stop(); registerServiceWorker(); } });
} else if (document.readyState === "complete") {
  registerWhenSettled();
} else {
  addEventListener("load", registerWhenSettled, { once: true });
}

// mkdocs-material's single-key shortcuts (n or . next page, p or , previous page, f, s or / the
// search box) act on any key press outside a text field: a reader on a radio button or the
// page itself who types a letter is taken off the page mid-task (WCAG 2.1.4). Here they need
// Alt and Shift: a plain press stops at the document, before the theme's listener on window,
// and Alt+Shift with the key is handed to the theme as the plain key. Keys typed into a field
// are the field's, as before.
const SHORTCUTS = { KeyN: "n", Period: "n", KeyP: "p", Comma: "p", KeyF: "s", KeyS: "s", Slash: "s" };
const SHORTCUT_KEYS = new Set(["n", ".", "p", ",", "f", "s", "/"]);
const TYPING = "input:not([type=radio]), select, textarea, [contenteditable]:not([contenteditable=false])";

document.addEventListener("keydown", (event) => {
  if (event.ctrlKey || event.metaKey || event.isComposing) return;
  const typing = event.target instanceof Element && event.target.closest(TYPING);
  if (event.altKey && event.shiftKey && SHORTCUTS[event.code]) {
    if (typing) return;
    event.preventDefault();
    event.stopPropagation();
    dispatchEvent(new KeyboardEvent("keydown", { key: SHORTCUTS[event.code] }));
  } else if (!event.altKey && SHORTCUT_KEYS.has(event.key) && !typing) {
    event.stopPropagation();
  }
});
if (window.document$) window.document$.subscribe(bindPage);
else bindPage();

// The same door for the console and the browser tests: centreGuide.calculate("deadline", {...}).
window.centreGuide = {
  calculate, python: () => ({ state, boot: bootKind, phases: bootPhases, workbookReaderMs }),
};
