// Page wiring for "moderation-sample". The mark sheet (pasted, or a file read here as bytes) goes
// to Python's "mark-sheet" reader for a preview with column choices, then the whole form goes to
// "moderation-sample". Learner data stays in this page: never in the URL (the mount has
// data-url-state="false"), never stored, written with textContent only. Only the series may come
// in from a link (another calculator's "next" step); nothing is written back to the address.
import { keepAnswerInView } from "../answer.js";
import { readFile } from "../files.js";
import { saveCsv } from "../downloads.js";
import { mountFacts } from "../facts.js";
import { element } from "../render.js";
import { calculate } from "../python-client.js";
import { resultTable } from "../tables.js";

const PREVIEW_DELAY_MS = 400;
const sheets = new WeakMap();

function stateOf(form) {
  if (!sheets.has(form)) {
    sheets.set(form, { source: "marks", file: null, sheet: "", version: 0, timer: 0, stale: false, printTitle: "" });
  }
  return sheets.get(form);
}

function sheetInputs(form) {
  const state = stateOf(form);
  const inputs = state.source === "file" && state.file ? { file: state.file } : { marks: form.elements.marks.value };
  // The workbook's sheet, once the reader has picked another than the first.
  if (inputs.file && state.sheet) inputs.sheet = state.sheet;
  // Column choices made for a previous sheet must not be applied to a new one before it is read.
  if (!state.stale) {
    for (const select of form.querySelectorAll("[data-column-choice]")) inputs[select.name] = select.value;
  }
  return inputs;
}

export function readInputs(form) {
  const subject = form.querySelector("input[name=subject]:checked");
  return {
    series: form.elements.series.value,
    subject: subject ? subject.value : "standard",
    selected: form.elements.selected.value,
    seed: form.elements.seed.value,
    subject_name: form.elements.subject_name.value,
    component: form.elements.component.value,
    ...sheetInputs(form),
  };
}


// ------------------------------------------------------------------ the sheet preview

function columnChoice(form, field, answer) {
  const id = `moderation-sample-column_${field.field}`;
  const chosen = answer.chosen[field.field];
  const required = field.field === "id" || field.field === "mark";
  const select = element("select",
    { className: "cg-select", id, name: `column_${field.field}`, dataset: { columnChoice: "" } },
    element("option", { value: "none" }, required ? "Choose a column" : "Not in the sheet"),
    answer.columns.map((column) => element("option", { value: String(column.index) },
      `${column.letter}: ${column.header || column.examples.join(", ") || "(empty)"}`)));
  select.value = chosen === null || chosen === undefined ? "none" : String(chosen);
  select.addEventListener("change", () => preview(form, { keepColumns: true }));
  return element("div", { className: "cg-field cg-columns__field", dataset: { field: `column_${field.field}` } },
    element("label", { className: "cg-label", htmlFor: id }, field.label),
    element("p", { className: "cg-field-error", id: `${id}-error`, hidden: true }),
    select);
}

// A workbook with more than one sheet: the reader picked one, the user may pick another (its
// columns are then guessed afresh).
function sheetChoice(form, answer) {
  const id = "moderation-sample-sheet";
  const select = element("select", { className: "cg-select", id },
    answer.sheets.map((name) => element("option", { value: name }, name)));
  select.value = answer.sheet;
  select.addEventListener("change", () => {
    const state = stateOf(form);
    state.sheet = select.value;
    state.focusAfter = id;
    preview(form);
  });
  return element("div", { className: "cg-field", dataset: { field: "sheet" } },
    element("label", { className: "cg-label", htmlFor: id }, "Sheet"),
    select);
}

function yesNo(value) {
  return value ? "Yes" : "";
}

function previewTable(answer) {
  const used = ["id", "name", "mark", "absent", "video", "assessor", "selected"]
    .filter((field) => field === "id" || field === "mark" || answer.chosen[field] !== null);
  const headings = { id: "Learner id", name: "Name", mark: "Mark", absent: "Absent", video: "Video",
    assessor: "Assessor", selected: "Ticked" };
  const cell = (learner, field) => {
    // As the sheet says it: a learner absent or with no evidence has no mark to show.
    if (field === "mark") return learner.absent ? "ABS" : learner.no_evidence ? "No evidence" : learner.mark;
    if (["absent", "video", "selected"].includes(field)) return yesNo(learner[field]);
    return learner[field];
  };
  const caption = answer.preview.length < answer.learners
    ? `First ${answer.preview.length} of ${answer.learners} learners read`
    : answer.learners === 1 ? "The one learner read" : `All ${answer.learners} learners read`;
  return resultTable(element("table", {},
    element("caption", {}, caption),
    element("thead", {}, element("tr", {}, element("th", { scope: "col" }, "Row"),
      used.map((field) => element("th", { scope: "col" }, headings[field])))),
    element("tbody", {}, answer.preview.map((learner) => element("tr", {},
      element("td", {}, learner.row), used.map((field) => element("td", {}, cell(learner, field))))))),
  { label: caption, className: "cg-sheet-preview" });
}

// Why the guessed columns may be wrong: shown at the top of the column chooser, which opens.
function unsureNote(unsure) {
  if (!unsure.length) return null;
  return element("div", { className: "cg-unsure", dataset: { unsure: "" } },
    element("p", { className: "cg-unsure__title" }, "Check these columns before you build the sample:"),
    element("ul", {}, unsure.map((reason) => element("li", {}, reason))));
}

// Rows that were read but need a look (a formula saved without a value, an unclear tick) are not
// "left out": the heading says which the list holds.
function problemList(problems, total, title) {
  if (!total) return null;
  const more = total > problems.length ? element("li", {}, `…and ${total - problems.length} more`) : null;
  const heading = problems.every((problem) => problem.left_out) ? title : "Rows to check";
  return element("div", { className: "cg-problems" },
    element("h3", {}, `${heading} (${total})`),
    element("ul", {}, problems.map((problem) => element("li", {}, `Row ${problem.row}: ${problem.reason}`)), more));
}

function showPreview(form, answer, where) {
  const region = form.querySelector("[data-sheet-preview]");
  const status = region.querySelector("[data-sheet-status]");
  // Rebuilding the column choices must not lose a keyboard user's place in them.
  const focused = region.contains(document.activeElement) ? document.activeElement.id : "";
  const wasOpen = Boolean(region.querySelector(".cg-columns[open]"));
  region.querySelector(".cg-sheet__body")?.remove();
  status.dataset.state = "done";
  if (!answer.ok) {
    status.textContent = `The sheet could not be read: ${Object.values(answer.errors).join(" ")}`;
    return;
  }
  const body = element("div", { className: "cg-sheet__body" });
  const inSheet = answer.sheets.length > 1 ? `, sheet “${answer.sheet}”` : "";
  const from = (where === answer.kind ? where : `${where} (${answer.kind})`) + inSheet;
  const parts = [`Read ${answer.learners} learner${answer.learners === 1 ? "" : "s"} from ${from}`];
  if (answer.absent) parts.push(`${answer.absent} absent`);
  if (answer.selected) parts.push(`${answer.selected} ticked for the sample`);
  if (answer.problem_count) parts.push(`${answer.problem_count} row${answer.problem_count === 1 ? "" : "s"} to check`);
  status.textContent = `${parts.join(", ")}.`;
  // The headings may be under a title row or two, so "yes" names the row the reader took for them.
  const header = element("select",
    { className: "cg-select", id: "moderation-sample-header", name: "header", dataset: { columnChoice: "" } },
    element("option", { value: "yes" }, answer.header_row === null
      ? "Yes, the sheet has a row of headings" : `Yes, row ${answer.header_row} has the headings`),
    element("option", { value: "no" }, "No, every row is a learner"));
  header.value = answer.header_row === null ? "no" : "yes";
  header.addEventListener("change", () => preview(form, { keepColumns: true }));
  const unsure = answer.unsure || [];
  const open = wasOpen || unsure.length > 0 || answer.chosen.id === null || answer.chosen.mark === null;
  // Element.append would write a null as the text "null": leave out what is not there.
  body.append(...[
    ...answer.notes.map((note) => element("p", { className: "cg-hint" }, note)),
    answer.sheets.length > 1 ? sheetChoice(form, answer) : null,
    element("details", { className: "cg-columns", open },
      element("summary", {}, "Columns in your sheet"),
      unsureNote(unsure),
      element("div", { className: "cg-field", dataset: { field: "header" } },
        element("label", { className: "cg-label", htmlFor: "moderation-sample-header" }, "Headings"),
        element("p", { className: "cg-field-error", id: "moderation-sample-header-error", hidden: true }),
        header),
      element("div", { className: "cg-columns__grid" },
        answer.fields.map((field) => columnChoice(form, field, answer)))),
    answer.preview.length ? previewTable(answer) : null,
    problemList(answer.problems, answer.problem_count, "Rows not read"),
  ].filter(Boolean));
  region.append(body);
  const state = stateOf(form);
  const focus = focused || state.focusAfter;
  state.focusAfter = "";
  if (focus) document.getElementById(focus)?.focus();
}

async function preview(form, { keepColumns = false } = {}) {
  const state = stateOf(form);
  const region = form.querySelector("[data-sheet-preview]");
  const status = region.querySelector("[data-sheet-status]");
  // A different sheet gets its columns guessed afresh; a changed column choice keeps the others.
  if (!keepColumns) region.querySelector(".cg-sheet__body")?.remove();
  state.stale = false;
  const inputs = sheetInputs(form);
  if (!inputs.file && !inputs.marks.trim()) {
    region.querySelector(".cg-sheet__body")?.remove();
    status.textContent = "";
    return;
  }
  const version = ++state.version;
  const where = inputs.file ? inputs.file.name : "pasted cells";
  status.dataset.state = "reading";
  status.textContent = "Reading the sheet…";
  try {
    const answer = await calculate("mark-sheet", inputs);
    if (version === state.version && form.isConnected) {
      showPreview(form, answer, where);
      keepAnswerInView(form);
    }
  } catch {
    status.textContent = "";  // Python did not start: the page's status line says so and offers a retry.
  }
}

// The series may come from a link (the sample-size answer's next step); no other field does,
// and nothing from the sheet is ever read from or written to the address.
function seriesFromAddress(form) {
  const wanted = new URLSearchParams(location.search).get("series");
  const select = form.elements.series;
  if (wanted && [...select.options].some((option) => option.value === wanted)) select.value = wanted;
}

export function bind({ form, signal }) {
  const state = stateOf(form);
  const { maxFileBytes } = mountFacts(form);
  seriesFromAddress(form);
  // A printout (the Print button or the browser's own) is saved under the sample's title, which
  // names the subject, component and series; the page's own title comes back afterwards.
  let pageTitle = "";
  addEventListener("beforeprint", () => {
    if (!state.printTitle || !form.isConnected) return;
    pageTitle = document.title;
    document.title = state.printTitle;
  }, { signal });
  addEventListener("afterprint", () => {
    if (pageTitle) document.title = pageTitle;
    pageTitle = "";
  }, { signal });
  // A preview still waiting for typing to pause is not read once the reader has left the page.
  signal.addEventListener("abort", () => clearTimeout(state.timer));
  const pasted = () => {
    state.source = "marks";
    state.stale = true;
    clearTimeout(state.timer);
    state.timer = setTimeout(() => preview(form), PREVIEW_DELAY_MS);
  };
  const opened = async () => {
    const file = form.elements.file.files[0];
    if (!file) return;
    state.source = "file";
    state.stale = true;
    state.sheet = "";
    state.file = await readFile(file, maxFileBytes);
    preview(form);
  };
  form.elements.marks.addEventListener("input", pasted, { signal });
  form.elements.file.addEventListener("change", opened, { signal });
  // A sheet pasted or opened while this script was still loading has fired its event already.
  if (form.elements.file.files.length) opened();
  else if (form.elements.marks.value.trim()) pasted();
}

// ------------------------------------------------------------------ the sample

function sampleTable(result) {
  const cell = (label, value) => element("td", { dataset: { label } }, value);
  const caption = result.planning ? "Proposed learners (planning aid)" : "Learners whose work to upload";
  return resultTable(element("table", {},
    element("caption", {}, caption),
    element("thead", {}, element("tr", {}, ["Learner id", "Name", "Mark", "Why in the sample"]
      .map((heading) => element("th", { scope: "col" }, heading)))),
    element("tbody", {}, result.sample.map((row) => element("tr",
      { dataset: { id: row.id, reasons: row.reasons.join(" ") } },
      cell("Learner id", row.id), cell("Name", row.name), cell("Mark", row.mark === null ? "" : row.mark),
      cell("Why", row.why))))),
  { label: caption, className: "cg-sample-table" });
}

// Warnings that mean the sample may be the wrong one come first, GOV.UK style: a warning box
// before the heading, so no one uploads from a list built on missing ticks.
function answerWarnings(warnings) {
  if (!warnings.length) return null;
  return element("div", { className: "cg-warning-box", dataset: { changesAnswer: "" } },
    element("span", { className: "cg-warning-box__icon", attributes: { "aria-hidden": "true" } }, "!"),
    element("div", { className: "cg-warning-box__text" },
      element("p", { className: "cg-warning-box__title" },
        element("span", { className: "cg-visually-hidden" }, "Warning: "),
        "Check this before you upload: the sample below may not be the right one."),
      element("ul", {}, warnings.map((warning) =>
        element("li", { className: "cg-warning", dataset: { code: warning.code } }, warning.message)))));
}

export function render(result, region, form) {
  stateOf(form).printTitle = result.title;
  const heading = result.planning
    ? `Proposed sample for planning: ${result.sample_count} learners`
    : `Upload the work of ${result.sample_count} learner${result.sample_count === 1 ? "" : "s"}`;
  const extra = !result.all && result.sample_count > result.size
    ? element("p", {}, `That is more than the table's ${result.size}: learners with the highest or lowest marks, ` +
      "or replacements, were added.")
    : null;
  const planning = result.planning
    ? element("div", { className: "cg-planning", dataset: { seed: String(result.seed) } },
      element("p", {}, element("strong", {}, "Planning aid. "),
        `These learners were picked at random, not by the awarding body. Seed: ${result.seed}. ` +
          "Enter the same seed to get the same learners, or another seed for a different pick."))
    : null;
  const first = result.warnings.filter((warning) => warning.changes_answer);
  const others = result.warnings.filter((warning) => !warning.changes_answer);
  const warnings = others.length
    ? element("div", { className: "cg-warnings" }, element("h3", {}, "Check these"),
      element("ul", {}, others.map((warning) =>
        element("li", { className: "cg-warning", dataset: { code: warning.code } }, warning.message))))
    : null;
  const downloadButton = element("button", { type: "button", className: "md-button cg-sample__action" },
    "Download CSV");
  downloadButton.addEventListener("click", () => saveCsv(result.csv, result.filename));
  const printButton = element("button", { type: "button", className: "md-button cg-sample__action" }, "Print");
  printButton.addEventListener("click", () => window.print());
  region.replaceChildren(
    element("div", { className: "cg-panel cg-sample-result" },
      element("p", { className: "cg-sample__title", dataset: { sampleTitle: "" } }, result.title),
      answerWarnings(first),
      element("h2", { className: "cg-panel__title" }, heading),
      element("p", {}, `${result.series_label}, a cohort of ${result.cohort} (${result.band}). ${result.table.why}`),
      extra,
      planning,
      sampleTable(result),
      element("div", { className: "cg-sample__actions" }, downloadButton, printButton),
      warnings,
      problemList(result.problems, result.problem_count, "Rows left out of the cohort"),
      ...result.notes.map((note) => element("p", { className: "cg-hint" }, note)),
      element("p", {}, element("strong", {}, "How a similar mark is decided: "), result.similar),
      element("p", {}, result.extremes_rule.summary),
      element("p", { className: "cg-source" }, `Sources: ${result.source}; ${result.extremes_rule.source}`),
    ),
  );
}
