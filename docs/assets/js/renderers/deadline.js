// Shows a "deadline" answer (the date with its weekday, how it was counted, warnings, the source)
// and offers it as a calendar file. Also shows the questions that only some rules need.
import { printButton } from "../answer.js";
import { saveCalendar } from "../downloads.js";
import { clearErrors } from "../form-errors.js";
import { readForm } from "../forms.js";
import { element, nextSteps } from "../render.js";

function counted(result) {
  const span = result.weeks ? `${result.weeks} weeks`
    : `${result.days} ${result.day_kind} day${result.days === 1 ? "" : "s"}`;
  const pearsons = result.counted_on !== result.nation ? ", as Pearson counts its working days" : "";
  const where = result.day_kind === "working"
    ? ` (weekends and bank holidays in ${result.counted_on_name} left out${pearsons})` : "";
  return `${span}${where} after ${result.start_text}, the day ${result.starts} (day 0).`;
}

export function render(result, region) {
  const warnings = (result.warnings || []).map((warning) =>
    element("p", { className: "cg-warning", dataset: { code: warning.code } }, warning.message));
  const download = element("button", { type: "button", className: "md-button cg-download" },
    "Download to calendar (.ics)");
  download.addEventListener("click", () => saveCalendar(result.calendar, `${result.rule}-${result.deadline}.ics`));
  region.replaceChildren(
    element("div", { className: "cg-panel" },
      element("h2", { className: "cg-panel__title" }, result.outcome),
      element("p", { className: "cg-panel__answer", dataset: { deadline: result.deadline } }, result.deadline_text),
      element("p", {}, counted(result)),
      ...warnings,
      result.note ? element("p", { className: "cg-note" }, result.note) : null,
      element("p", { className: "cg-source" }, `Source: ${result.source}`),
      element("p", { className: "cg-panel__actions" }, download, printButton()),
      nextSteps(result.next),
    ),
  );
}

// Questions wrapped in [data-shown-for="rule ids"] appear only for those rules: the first script
// of the page (overrides/main.html) shows them as the rule changes, from before this file loads.
const syncQuestions = (form) => window.__centreGuideEarly.syncQuestions(form);

// The generic reading, after the questions are matched to the rule: a shared link or the back
// button may have changed the rule without a change event.
export function readInputs(form) {
  syncQuestions(form);
  return readForm(form);
}

export function bind({ form, signal }) {
  // A new kind of deadline asks other questions: the last answer's errors no longer apply.
  form.elements.namedItem("rule").addEventListener("change", () => { clearErrors(form); syncQuestions(form); },
    { signal });
  syncQuestions(form);
}
