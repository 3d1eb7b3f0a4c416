// The "certification" path check: reads the rows of assessments (and adds or removes rows),
// then shows the problems with what to do, what counts, and the January options.
// optionCards is shared with the after-January flow, which shows the same consequences.
// The rows go into the page address like any calculator's answers (subject, components, series
// and UMS: there are no names here), as one field, attempts=1:2025-06:45,3:2026-06, which
// Python reads too; a shared link, back and forward rebuild the rows from it.
import { printButton } from "../answer.js";
import { mountFacts } from "../facts.js";
import { element, nextSteps } from "../render.js";
import { rowEditor, rowsOf } from "../rows.js";
import { resultTable } from "../tables.js";

const PARTS = ["component", "series", "ums"];
const KIND = { first: "First attempt", retake: "Retake", resit: "Resit" };

// Per form: the row editor's renumber(), and the attempts text this script last wrote into the
// hidden field, so a different value there can only have come from the address.
const editors = new WeakMap();

function editorOf(form) {
  if (!editors.has(form)) editors.set(form, { renumber: () => {}, written: "" });
  return editors.get(form);
}

function rows(form) {
  return rowsOf(form.querySelector("[data-attempts]"));
}

// A comma or colon typed into a field would split the text differently: it becomes a space, so
// Python's message still lands on the field it was typed in.
function encode(form) {
  return rows(form).map((row) => {
    const [component, series, ums] = PARTS.map((part) =>
      row.querySelector(`[data-part="${part}"]`).value.replace(/[,:]/g, " ").trim());
    return ums ? `${component}:${series}:${ums}` : `${component}:${series}`;
  }).join(",");
}

// The rows an address gives, one per comma: as many rows as it names (up to the limit), each
// field set as written, so whatever is wrong with one is shown beside it.
function fillRows(form, text) {
  const wanted = text.split(",").slice(0, mountFacts(form).maxRows).map((part) => part.split(":"));
  const list = form.querySelector("[data-attempts]");
  while (rows(form).length < wanted.length) list.append(freshRow(rows(form).at(-1)));
  while (rows(form).length > wanted.length) rows(form).at(-1).remove();
  rows(form).forEach((row, index) => {
    PARTS.forEach((part, at) => {
      row.querySelector(`[data-part="${part}"]`).value = (wanted[index][at] || "").trim();
    });
  });
  editorOf(form).renumber();
}

export function readInputs(form) {
  const field = form.elements.namedItem("attempts");
  const editor = editorOf(form);
  if (field.value && field.value !== editor.written) fillRows(form, field.value);
  editor.written = field.value = encode(form);
  return { subject: form.elements.namedItem("subject").value, attempts: field.value };
}

// Field names carry the row number so Python's errors ("attempts-2-series") land beside the field.
function number(row, index, count) {
  row.querySelector("legend").textContent = `Assessment ${index + 1}`;
  for (const part of PARTS) {
    const name = `attempts-${index}-${part}`;
    const wrapper = row.querySelector(`[data-part="${part}"]`).closest("[data-field]");
    wrapper.dataset.field = name;
    wrapper.querySelector("label").htmlFor = `certification-${name}`;
    wrapper.querySelector(".cg-field-error").id = `certification-${name}-error`;
    const control = wrapper.querySelector("[data-part]");
    control.id = `certification-${name}`;
    control.name = name;
  }
  row.querySelector("[data-remove]").hidden = count < 2;
}

// A copy of the last row with nothing typed and no problem shown.
function freshRow(last) {
  const row = last.cloneNode(true);
  for (const field of row.querySelectorAll("input")) field.value = "";
  for (const wrapper of row.querySelectorAll(".cg-field--error")) wrapper.classList.remove("cg-field--error");
  for (const message of row.querySelectorAll(".cg-field-error")) { message.hidden = true; message.textContent = ""; }
  for (const control of row.querySelectorAll("[aria-invalid]")) control.removeAttribute("aria-invalid");
  const problem = row.querySelector("[data-row-problem]");
  problem.hidden = true;
  problem.textContent = "";
  row.classList.remove("cg-attempt--problem");
  return row;
}

export function bind({ form, signal }) {
  // The add button is hidden in the page as built: without this script it could do nothing.
  form.querySelector("[data-add]").hidden = false;
  const renumber = rowEditor(form, {
    list: "[data-attempts]", add: "[data-add]", max: mountFacts(form).maxRows, newRow: freshRow, number, signal,
  });
  editorOf(form).renumber = renumber;
  renumber();
}

function seriesText(code, labels) {
  return labels.get(code) || code;
}

function countedText(count, labels) {
  const parts = [];
  if (count.ums !== null) parts.push(`${count.ums} UMS, from ${seriesText(count.series, labels)}`);
  else if (count.series && !count.pending.length) parts.push(seriesText(count.series, labels));
  if (count.pending.length) {
    const when = count.pending.map((code) => seriesText(code, labels)).join(" and ");
    parts.push(`${parts.length ? "or " : ""}result to come from ${when}`);
  }
  const text = parts.join(", ");
  return text ? text[0].toUpperCase() + text.slice(1) : "Nothing can count yet";
}

function problemList(problems) {
  return element("ol", { className: "cg-problems" }, problems.map((problem) =>
    element("li", { className: "cg-problem", dataset: { code: problem.code } },
      element("p", { className: "cg-problem__message" }, element("strong", {}, problem.message)),
      element("p", {}, element("span", { className: "cg-problem__todo" }, "What to do: "), problem.todo),
      element("p", { className: "cg-source" }, `Source: ${problem.source}`))));
}

function sittingText(sitting) {
  if (!sitting) return "";
  return sitting.ums === null ? sitting.text : `${sitting.text} (${sitting.ums} UMS)`;
}

// Which series certification would use. While an assessment comes after that external (the
// terminal rule), it cannot be claimed there: the problem says what to do instead.
function certificationLine(result) {
  if (!result.certification_label) return element("p", {}, "There is no external sitting certification could use yet.");
  if (result.problems.some((problem) => problem.code === "terminal-rule")) {
    return element("p", {}, `The last external sitting is in ${result.certification_label}, but certification cannot `
      + "be claimed on it while an assessment comes after it: see the problem below.");
  }
  return element("p", {}, `Certification would be claimed in ${result.certification_label}, `
    + "the series of the external sitting it uses.");
}

export function optionCards(options) {
  return element("div", { className: "cg-options" }, options.map((option) =>
    element("section",
      { className: "cg-option", dataset: { option: option.id }, attributes: { "aria-label": option.title } },
      element("h3", { className: "cg-option__title" }, option.title),
      element("dl", { className: "cg-option__facts" },
        element("dt", {}, "What to do"), element("dd", {}, option.action),
        element("dt", {}, "Certificates"), element("dd", {}, option.certificates),
        element("dt", {}, "Performance tables use"), element("dd", {}, sittingText(option.performance_tables)),
        element("dt", {}, "The learner can use"), element("dd", {}, sittingText(option.learner_uses)),
        element("dt", {}, "Can the centre change its mind later?"),
        element("dd", {}, option.can_go_back ? "Yes" : "No")),
      option.warning && element("p", { className: "cg-warning" }, option.warning),
      element("p", { className: "cg-source" }, `Source: ${option.source}`))));
}

function markRows(form, problems) {
  // The cohort check shows a learner's path with this renderer but has no rows of assessments.
  if (!form.querySelector("[data-attempts]")) return;
  rows(form).forEach((row, index) => {
    const mine = problems.filter((problem) => problem.row === index);
    const note = row.querySelector("[data-row-problem]");
    note.hidden = !mine.length;
    note.textContent = mine.map((problem) => `Problem: ${problem.message}`).join(" ");
    row.classList.toggle("cg-attempt--problem", mine.length > 0);
  });
}

export function render(result, region, form) {
  markRows(form, result.problems);
  const labels = new Map(result.attempts.map((attempt) => [attempt.series, attempt.series_label]));
  const count = result.problems.length;
  const heading = result.valid ? "This path follows the rules"
    : `This path has ${count} problem${count === 1 ? "" : "s"}`;
  const names = mountFacts(form).components;
  region.replaceChildren(
    element("div", { className: `cg-panel ${result.valid ? "cg-panel--ok" : "cg-panel--problem"}` },
      element("h2", { className: "cg-panel__title" }, heading),
      certificationLine(result),
      count ? problemList(result.problems) : null,
      nextSteps(result.next)),
    element("h3", {}, "What counts"),
    resultTable(element("table", {},
      element("thead", {}, element("tr", {}, element("th", { scope: "col" }, "Component"),
        element("th", { scope: "col" }, "What certification would use"), element("th", { scope: "col" }, "Rule"))),
      element("tbody", {}, Object.keys(names).map((component) => element("tr", {},
        element("th", { scope: "row" }, names[component]),
        element("td", {}, countedText(result.counts[component], labels)),
        element("td", {}, result.counts[component].rule,
          element("span", { className: "cg-source" }, `Source: ${result.counts[component].source}`))))),
    ), { label: "What counts" }),
    element("h3", {}, "The assessments in series order"),
    resultTable(element("table", {},
      element("thead", {}, element("tr", {}, ...["Series", "Component", "Attempt", "UMS", "Problem"].map(
        (title) => element("th", { scope: "col" }, title)))),
      element("tbody", {}, result.attempts.map((attempt) => element("tr", {},
        element("td", {}, attempt.series_label), element("td", {}, names[attempt.component]),
        element("td", {}, KIND[attempt.kind]),
        element("td", {}, attempt.ums === null ? "Not known" : String(attempt.ums)),
        element("td", {}, attempt.problem ? attempt.problem.replaceAll("-", " ") : "No problem"))))),
    { label: "The assessments in series order" }),
    // replaceChildren writes a null as the text "null": leave absent parts out instead.
    ...(result.options.length
      ? [element("h3", {}, "Certification options after the January sitting"), optionCards(result.options)] : []),
    ...(result.options_note
      ? [element("h3", {}, "Certification options after the January sitting"),
        element("p", { className: "cg-warning", dataset: { optionsNote: "" } }, result.options_note)] : []),
    element("p", { className: "cg-panel__actions" }, printButton()),
  );
}
