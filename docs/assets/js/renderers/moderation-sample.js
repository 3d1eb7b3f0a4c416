// Page wiring for "moderation-sample". The mark sheet (pasted, or a file read here as bytes) goes
// to Python's "mark-sheet" reader for a preview with column choices, then the whole form goes to
// "moderation-sample". Learner data stays in this page: never in the URL (the mount has
// data-url-state="false"), never stored, written with textContent only.
import { saveCsv } from "../downloads.js";
import { mountFacts } from "../facts.js";
import { element } from "../render.js";
import { calculate } from "../python-client.js";

const PREVIEW_DELAY_MS = 400;
const sheets = new WeakMap();

function stateOf(form) {
  if (!sheets.has(form)) sheets.set(form, { source: "marks", file: null, version: 0, timer: 0, stale: false });
  return sheets.get(form);
}

function sheetInputs(form) {
  const state = stateOf(form);
  const inputs = state.source === "file" && state.file ? { file: state.file } : { marks: form.elements.marks.value };
  // Column choices made for a previous sheet must not be applied to a new one before it is read.
  if (!state.stale) for (const select of form.querySelectorAll("[data-column-choice]")) inputs[select.name] = select.value;
  return inputs;
}

export function readInputs(form) {
  const subject = form.querySelector("input[name=subject]:checked");
  return {
    series: form.elements.series.value,
    subject: subject ? subject.value : "standard",
    selected: form.elements.selected.value,
    seed: form.elements.seed.value,
    ...sheetInputs(form),
  };
}

function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

// Python refuses files over the mount's data-max-file-bytes; checking the size here avoids
// copying a huge file to the worker.
async function readFile(file, maxBytes) {
  if (file.size > maxBytes) return { name: file.name, size: file.size, data: "" };
  return { name: file.name, size: file.size, data: toBase64(await file.arrayBuffer()) };
}

// ------------------------------------------------------------------ the sheet preview

function columnChoice(form, field, answer) {
  const id = `moderation-sample-column_${field.field}`;
  const chosen = answer.chosen[field.field];
  const required = field.field === "id" || field.field === "mark";
  const select = element("select", { className: "cg-select", id, name: `column_${field.field}`, dataset: { columnChoice: "" } },
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

function yesNo(value) {
  return value ? "Yes" : "";
}

function previewTable(answer) {
  const used = ["id", "name", "mark", "absent", "video", "assessor", "selected"]
    .filter((field) => field === "id" || field === "mark" || answer.chosen[field] !== null);
  const headings = { id: "Learner id", name: "Name", mark: "Mark", absent: "Absent", video: "Video", assessor: "Assessor", selected: "Ticked" };
  const cell = (learner, field) => {
    if (field === "mark") return learner.absent ? "ABS" : learner.mark;
    if (["absent", "video", "selected"].includes(field)) return yesNo(learner[field]);
    return learner[field];
  };
  return element("div", { className: "cg-table-scroll" },
    element("table", {},
      element("caption", {}, `First ${answer.preview.length} of ${answer.learners} learners read`),
      element("thead", {}, element("tr", {}, element("th", { scope: "col" }, "Row"),
        used.map((field) => element("th", { scope: "col" }, headings[field])))),
      element("tbody", {}, answer.preview.map((learner) => element("tr", {},
        element("td", {}, learner.row), used.map((field) => element("td", {}, cell(learner, field))))))));
}

function problemList(problems, total, title) {
  if (!total) return null;
  const more = total > problems.length ? element("li", {}, `…and ${total - problems.length} more`) : null;
  return element("div", { className: "cg-problems" },
    element("h3", {}, `${title} (${total})`),
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
  const from = where === answer.kind ? where : `${where} (${answer.kind})`;
  const parts = [`Read ${answer.learners} learner${answer.learners === 1 ? "" : "s"} from ${from}`];
  if (answer.absent) parts.push(`${answer.absent} absent`);
  if (answer.selected) parts.push(`${answer.selected} ticked for the sample`);
  if (answer.problem_count) parts.push(`${answer.problem_count} row${answer.problem_count === 1 ? "" : "s"} to check`);
  status.textContent = `${parts.join(", ")}.`;
  const header = element("select", { className: "cg-select", id: "moderation-sample-header", name: "header", dataset: { columnChoice: "" } },
    element("option", { value: "yes" }, "Yes, the first row has headings"),
    element("option", { value: "no" }, "No, the first row is a learner"));
  header.value = answer.header_row === null ? "no" : "yes";
  header.addEventListener("change", () => preview(form, { keepColumns: true }));
  // append writes a null as the text "null", so absent parts are filtered out.
  body.append(...[
    ...answer.notes.map((note) => element("p", { className: "cg-hint" }, note)),
    element("details", { className: "cg-columns", open: wasOpen || answer.chosen.id === null || answer.chosen.mark === null },
      element("summary", {}, "Columns in your sheet"),
      element("div", { className: "cg-field", dataset: { field: "header" } },
        element("label", { className: "cg-label", htmlFor: "moderation-sample-header" }, "Headings"),
        element("p", { className: "cg-field-error", id: "moderation-sample-header-error", hidden: true }),
        header),
      element("div", { className: "cg-columns__grid" }, answer.fields.map((field) => columnChoice(form, field, answer)))),
    answer.preview.length ? previewTable(answer) : null,
    problemList(answer.problems, answer.problem_count, "Rows not read"),
  ].filter(Boolean));
  region.append(body);
  if (focused) document.getElementById(focused)?.focus();
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
    if (version === state.version && form.isConnected) showPreview(form, answer, where);
  } catch (error) {
    status.textContent = "";  // Python did not start: the page's status line says so and offers a retry.
  }
}

export function bind({ form, signal }) {
  const state = stateOf(form);
  const { maxFileBytes } = mountFacts(form);
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
  return element("div", { className: "cg-table-scroll cg-sample-table" },
    element("table", {},
      element("caption", {}, result.planning ? "Proposed learners (planning aid)" : "Learners whose work to upload"),
      element("thead", {}, element("tr", {}, ["Learner id", "Name", "Mark", "Why in the sample"]
        .map((heading) => element("th", { scope: "col" }, heading)))),
      element("tbody", {}, result.sample.map((row) => element("tr", { dataset: { id: row.id, reasons: row.reasons.join(" ") } },
        cell("Learner id", row.id), cell("Name", row.name), cell("Mark", row.mark === null ? "" : row.mark),
        cell("Why", row.why))))));
}

export function render(result, region) {
  const heading = result.planning
    ? `Proposed sample for planning: ${result.sample_count} learners`
    : `Upload the work of ${result.sample_count} learner${result.sample_count === 1 ? "" : "s"}`;
  const extra = !result.all && result.sample_count > result.size
    ? element("p", {}, `That is more than the table's ${result.size}: learners with the highest or lowest marks, or replacements, were added.`)
    : null;
  const planning = result.planning
    ? element("div", { className: "cg-planning", dataset: { seed: String(result.seed) } },
      element("p", {}, element("strong", {}, "Planning aid. "),
        `These learners were picked at random, not by the awarding body. Seed: ${result.seed}. Enter the same seed to get the same learners, or another seed for a different pick.`))
    : null;
  const warnings = result.warnings.length
    ? element("div", { className: "cg-warnings" }, element("h3", {}, "Check these"),
      element("ul", {}, result.warnings.map((warning) => element("li", { className: "cg-warning", dataset: { code: warning.code } }, warning.message))))
    : null;
  const downloadButton = element("button", { type: "button", className: "md-button cg-sample__action" }, "Download CSV");
  downloadButton.addEventListener("click", () => saveCsv(result.csv, `moderation-sample-${result.series}.csv`));
  const printButton = element("button", { type: "button", className: "md-button cg-sample__action" }, "Print");
  printButton.addEventListener("click", () => window.print());
  region.replaceChildren(
    element("div", { className: "cg-panel cg-sample-result" },
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
