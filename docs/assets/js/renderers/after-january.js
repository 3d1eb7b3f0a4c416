// The after-January question flow, GOV.UK style: one question at a time, the answers so far
// with "Change" links, then the outcome with both options side by side. Python decides the
// route; this file only shows the question it names. The answers live in the page address.
import { clearErrors, showErrors } from "../form-errors.js";
import { element } from "../render.js";
import { optionCards } from "./certification.js";

const FIELDS = ["subject", "series", "first", "happy", "resit"];

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

// The page address holds the answers (not the page script's generic URL handling, which only
// adds fields: going back must also forget answers given later). mkdocs-material rebuilds the
// page on back and forward, so binding restores from the address; the listener covers the rest.
function fillFromAddress(form) {
  const params = new URLSearchParams(location.search);
  for (const field of FIELDS) {
    const value = params.get(field) || "";
    const control = form.elements.namedItem(field);
    if (control instanceof RadioNodeList) for (const radio of control) radio.checked = radio.value === value;
    else control.value = value;
  }
  return FIELDS.some((field) => params.has(field));
}

function addressFor(form) {
  const answers = readInputs(form);
  delete answers.at;
  const query = new URLSearchParams(answers).toString();
  return query ? `${location.pathname}?${query}` : location.pathname;
}

async function restore(mount, calculate) {
  const form = mount.querySelector("form");
  const region = mount.querySelector("[data-result]");
  clearErrors(form);
  if (!fillFromAddress(form)) {
    startAgain(form, region);
    return;
  }
  const inputs = readInputs(form);
  delete inputs.at;
  try {
    const result = await calculate(inputs);
    if (result.ok) draw(result, region, form, { remember: false });
    else {
      show(form, Object.keys(result.errors).find((field) => FIELDS.includes(field)) || "subject");
      showErrors(form, result.errors);
    }
  } catch (error) {
    // The status line says Python could not start; show the first unanswered question, answers kept.
    show(form, FIELDS.find((field) => !form.elements.namedItem(field).value) || "subject");
  }
}

export function bind({ mount, form, region, calculate }) {
  // With answers in the address, show no question until Python has said which one is next.
  show(form, location.search ? null : "subject");
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
  const whenMoved = () => { if (mount.isConnected) restore(mount, calculate); else removeEventListener("popstate", whenMoved); };
  addEventListener("popstate", whenMoved);
  if (location.search) restore(mount, calculate);
}

// A Change link's address shows the question with the other answers kept. The click is handled
// here; target="_self" (no change for the browser) tells the theme's instant navigation, which
// ignores preventDefault, to leave the link alone.
function answerList(result, form) {
  const address = addressFor(form);
  const joiner = address.includes("?") ? "&" : "?";
  return element("dl", { className: "cg-summary" }, result.answers.map((answer) =>
    element("div", { className: "cg-summary__row" },
      element("dt", { className: "cg-summary__key" }, answer.text),
      element("dd", { className: "cg-summary__value" }, answer.answer_text),
      element("dd", { className: "cg-summary__actions" },
        element("a", { href: `${address}${joiner}change=${answer.field}`, target: "_self", dataset: { change: answer.field } },
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
  draw(result, region, form, { remember: true });
}

function draw(result, region, form, { remember }) {
  const answered = new Set(result.answers.map((answer) => answer.field));
  for (const field of FIELDS) if (!answered.has(field) && field !== result.next) clearAnswer(form, field);
  show(form, result.next);
  const address = addressFor(form);
  if (remember && address !== `${location.pathname}${location.search}`) history.pushState(history.state, "", address);

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
    element("p", {}, element("a", { href: location.pathname, target: "_self", dataset: { startAgain: "" } }, "Start again")),
  );
  region.querySelector(".cg-panel__title").focus();
}
