// The after-January question flow, GOV.UK style: one question at a time, the answers so far
// with "Change" links, then the outcome with both options side by side. Python decides the
// route; this file only shows the question it names. The answers live in the page address.
import { element } from "../render.js";
import { optionCards } from "./certification.js";

const FIELDS = ["subject", "series", "first", "happy", "resit"];
let watchingHistory = false;

function question(form, field) {
  return form.querySelector(`[data-question="${field}"]`);
}

function firstControl(form, field) {
  const box = question(form, field);
  return box.querySelector("input:checked") || box.querySelector("input");
}

function show(form, field) {
  for (const box of form.querySelectorAll("[data-question]")) box.hidden = box.dataset.question !== field;
  form.elements.namedItem("at").value = field || "";
  form.querySelector("button[type=submit]").hidden = !field;
}

function clearAnswer(form, field) {
  const control = form.elements.namedItem(field);
  if (control instanceof RadioNodeList) for (const radio of control) radio.checked = false;
  else control.value = "";
}

export function readInputs(form) {
  const inputs = {};
  for (const name of [...FIELDS, "at"]) {
    const value = form.elements.namedItem(name).value;
    if (value !== "") inputs[name] = value;
  }
  return inputs;
}

function startAgain(form, region) {
  for (const field of FIELDS) clearAnswer(form, field);
  region.replaceChildren();
  show(form, "subject");
}

// Going back through history: the page script fills the fields named in the address but leaves
// the others as they were, so answers given after that point are cleared first (capture phase
// runs before its listener).
function clearAnswersMissingFromAddress() {
  const mount = document.querySelector('[data-calculator="after-january"]');
  if (!mount) return;
  const form = mount.querySelector("form");
  const params = new URLSearchParams(location.search);
  for (const field of FIELDS) if (!params.has(field)) clearAnswer(form, field);
  if (!FIELDS.some((field) => params.has(field))) startAgain(form, mount.querySelector("[data-result]"));
}

export function bind({ mount, form, region }) {
  show(form, "subject");
  mount.addEventListener("click", (event) => {
    const change = event.target.closest("[data-change]");
    const restart = event.target.closest("[data-start-again]");
    if (!change && !restart) return;
    event.preventDefault();
    if (restart) {
      startAgain(form, region);
      history.pushState(history.state, "", location.pathname);
      firstControl(form, "subject").focus();
      return;
    }
    show(form, change.dataset.change);
    region.replaceChildren();
    firstControl(form, change.dataset.change).focus();
  });
  if (!watchingHistory) {
    watchingHistory = true;
    addEventListener("popstate", clearAnswersMissingFromAddress, { capture: true });
  }
}

function addressFor(inputs) {
  return `${location.pathname}?${new URLSearchParams(inputs)}`;
}

function answerList(result, form) {
  const kept = readInputs(form);
  delete kept.at;
  return element("dl", { className: "cg-summary" }, result.answers.map((answer) =>
    element("div", { className: "cg-summary__row" },
      element("dt", { className: "cg-summary__key" }, answer.text),
      element("dd", { className: "cg-summary__value" }, answer.answer_text),
      element("dd", { className: "cg-summary__actions" },
        element("a", { href: addressFor({ ...kept, at: answer.field }), dataset: { change: answer.field } },
          "Change", element("span", { className: "cg-visually-hidden" }, ` your answer to: ${answer.text}`))))));
}

function outcomePanel(outcome) {
  return element("div", { className: "cg-panel cg-outcome", dataset: { outcome: outcome.id } },
    element("h2", { className: "cg-panel__title", tabIndex: -1 }, outcome.title),
    element("p", {}, outcome.summary),
    outcome.options.length > 1 ? element("p", {}, "The two options side by side:") : null,
    outcome.options.length ? optionCards(outcome.options) : null,
    ...outcome.sources.map((citation) => element("p", { className: "cg-source" }, `Source: ${citation}`)));
}

export function render(result, region, form) {
  const answered = new Set(result.answers.map((answer) => answer.field));
  for (const field of FIELDS) if (!answered.has(field) && field !== result.next) clearAnswer(form, field);
  show(form, result.next);
  history.replaceState(history.state, "", addressFor(readInputs(form)));

  if (result.next) {
    const box = question(form, result.next);
    box.querySelector(".cg-legend, .cg-label").textContent = result.question.text;
    region.replaceChildren(result.answers.length
      ? element("div", { className: "cg-answers-so-far" }, element("h2", {}, "Your answers so far"), answerList(result, form))
      : "");
    firstControl(form, result.next).focus();
    return;
  }
  region.replaceChildren(
    outcomePanel(result.outcome),
    element("h2", {}, "Your answers"),
    answerList(result, form),
    element("p", {}, element("a", { href: location.pathname, dataset: { startAgain: "" } }, "Start again")),
  );
  region.querySelector(".cg-panel__title").focus();
}
