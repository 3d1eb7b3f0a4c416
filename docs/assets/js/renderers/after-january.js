// The after-January question flow, GOV.UK style: one question at a time, the answers so far
// with "Change" links, then the outcome with both options side by side. Python decides the
// route; this file only shows the question it names. The answers live in the page address.
import { showAnswer } from "../answer.js";
import { clearErrors, showErrors } from "../form-errors.js";
import { setField } from "../forms.js";
import { element } from "../render.js";
import { addressWith, fillFromAddress, rememberAnswers } from "../url-state.js";
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
  setField(form.elements.namedItem(field), "");
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

// The page address holds the answers, all of them (not the page script's generic URL handling,
// which only adds fields: going back must also forget answers given later). Back and forward to
// another page rebuild it, so binding restores from the address; the popstate listener covers
// back and forward within this page.
function answers(form) {
  const given = readInputs(form);
  delete given.at;
  return given;
}

async function restore(mount, calculate) {
  const form = mount.querySelector("form");
  const region = mount.querySelector("[data-result]");
  clearErrors(form);
  if (!fillFromAddress(form, FIELDS)) {
    startAgain(form, region);
    return;
  }
  try {
    const result = await calculate(answers(form));
    if (result.ok) draw(result, region, form, { remember: false });
    else {
      show(form, Object.keys(result.errors).find((field) => FIELDS.includes(field)) || "subject");
      showErrors(form, result.errors);
    }
  } catch {
    // The status line says Python could not start; show the first unanswered question, answers kept.
    show(form, FIELDS.find((field) => !form.elements.namedItem(field).value) || "subject");
  }
}

export function bind({ mount, form, region, calculate, signal }) {
  // With answers in the address, show no question until Python has said which one is next.
  show(form, location.search ? null : "subject");
  mount.addEventListener("click", (event) => {
    const change = event.target.closest("[data-change]");
    const restart = event.target.closest("[data-start-again]");
    if (!change && !restart) return;
    event.preventDefault();
    if (restart) {
      startAgain(form, region);
      rememberAnswers({});
      firstControl(form, "subject").focus();
      return;
    }
    show(form, change.dataset.change);
    region.replaceChildren();
    firstControl(form, change.dataset.change).focus();
  }, { signal });
  addEventListener("popstate", () => restore(mount, calculate), { signal });
  if (location.search) restore(mount, calculate);
}

// A Change link's address shows the question with the other answers kept. The click is handled
// here; target="_self" (no change for the browser) tells the theme's instant navigation, which
// ignores preventDefault, to leave the link alone.
function answerList(result, form) {
  const address = addressWith(answers(form));
  const joiner = address.includes("?") ? "&" : "?";
  return element("dl", { className: "cg-summary" }, result.answers.map((answer) =>
    element("div", { className: "cg-summary__row" },
      element("dt", { className: "cg-summary__key" }, answer.text),
      element("dd", { className: "cg-summary__value" }, answer.answer_text),
      element("dd", { className: "cg-summary__actions" },
        element("a",
          { href: `${address}${joiner}change=${answer.field}`, target: "_self", dataset: { change: answer.field } },
          "Change", element("span", { className: "cg-visually-hidden" }, ` your answer to: ${answer.text}`))))));
}

function outcomePanel(outcome) {
  return element("div", { className: "cg-panel cg-outcome", dataset: { outcome: outcome.id } },
    element("h2", { className: "cg-panel__title", tabIndex: -1 }, outcome.title),
    element("p", {}, outcome.summary),
    outcome.options.length > 1 ? element("p", {}, "The two options side by side:") : null,
    outcome.options.length ? optionCards(outcome.options) : null,
    // Each option card cites its own source: only the outcome's others are listed after them.
    ...outcome.sources.filter((citation) => !outcome.options.some((option) => option.source === citation))
      .map((citation) => element("p", { className: "cg-source" }, `Source: ${citation}`)));
}

export function render(result, region, form) {
  draw(result, region, form, { remember: true });
}

function draw(result, region, form, { remember }) {
  const answered = new Set(result.answers.map((answer) => answer.field));
  for (const field of FIELDS) if (!answered.has(field) && field !== result.next) clearAnswer(form, field);
  show(form, result.next);
  if (remember) rememberAnswers(answers(form));

  if (result.next) {
    const box = question(form, result.next);
    box.querySelector(".cg-legend, .cg-label").textContent = result.question.text;
    region.replaceChildren(result.answers.length
      ? element("div", { className: "cg-answers-so-far" },
        element("h2", {}, "Your answers so far"), answerList(result, form))
      : "");
    firstControl(form, result.next).focus();
    return;
  }
  region.replaceChildren(
    outcomePanel(result.outcome),
    element("h2", {}, "Your answers"),
    answerList(result, form),
    element("p", {},
      element("a", { href: location.pathname, target: "_self", dataset: { startAgain: "" } }, "Start again")),
  );
  showAnswer(region.querySelector(".cg-panel__title"));
}
