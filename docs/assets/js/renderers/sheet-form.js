// Shared by the calculators that read a whole sheet (cohort-certification, post-results-requests):
// the sheet pasted or opened as a file (read here as bytes, sent to Python as base64), the
// "Columns in your sheet" choices Python's answer offers, and saving an answer's text as a file.
// Learner data stays in this page: never in the URL, never stored, written with textContent only.
import { readFile } from "../files.js";
import { element } from "../render.js";

const sheets = new WeakMap();

function stateOf(form) {
  if (!sheets.has(form)) sheets.set(form, { source: "text", file: null });
  return sheets.get(form);
}


// A new sheet gets its columns guessed afresh: the choices made for the last one are dropped.
function forgetColumns(form) {
  form.querySelector("[data-columns]")?.replaceChildren();
}

// The sheet's part of the inputs: the file if one was opened since the last paste, else the text;
// and the column choices shown for this sheet.
export function sheetInputs(form, textField) {
  const state = stateOf(form);
  const inputs =
    state.source === "file" && state.file ? { file: state.file } : { [textField]: form.elements[textField].value };
  for (const select of form.querySelectorAll("[data-columns] select"))
    if (select.value) inputs[select.name] = select.value;
  return inputs;
}

export function bindSheet(form, textField) {
  const state = stateOf(form);
  const maxBytes = Number(form.closest("[data-calculator]").dataset.maxFileBytes || Infinity);
  const fileInput = form.elements.file;
  // Says when an opened file has been read in, so no one checks a sheet that is not there yet.
  const status = form.querySelector("[data-sheet-status]");
  form.elements[textField].addEventListener("input", () => {
    state.source = "text";
    forgetColumns(form);
    if (status) status.textContent = "";
  });
  const opened = async () => {
    const file = fileInput.files[0];
    if (!file) return;
    state.source = "file";
    forgetColumns(form);
    if (status) status.textContent = `Opening ${file.name}…`;
    state.file = await readFile(file, maxBytes);
    if (status) status.textContent = `Opened ${file.name}: ready to check.`;
  };
  fileInput.addEventListener("change", opened);
  // A file opened while this script was still loading has fired its event already.
  if (fileInput.files.length) opened();
}

// "Columns in your sheet": a choice per field, filled in with what Python picked; changing one
// works the answer out again. Open when Python could not tell a needed column.
export function showColumns(form, answer, prefix) {
  const holder = form.querySelector("[data-columns]");
  const focused = holder.contains(document.activeElement) ? document.activeElement.id : "";
  const wasOpen = Boolean(holder.querySelector("details[open]"));
  const choice = (name, label, options, value) => {
    const id = `${prefix}-${name}`;
    const select = element("select", { className: "cg-select", id, name }, options);
    select.value = value;
    select.addEventListener("change", () => form.requestSubmit());
    return element(
      "div",
      { className: "cg-field", dataset: { field: name } },
      element("label", { className: "cg-label", htmlFor: id }, label),
      element("p", { className: "cg-field-error", id: `${id}-error`, hidden: true }),
      select,
    );
  };
  const columns = answer.columns.map((column) =>
    element(
      "option",
      { value: String(column.index) },
      `${column.letter}: ${column.header || column.examples.join(", ") || "(empty)"}`,
    ),
  );
  const fields = answer.fields.map((field) => {
    const chosen = answer.chosen[field.field];
    return choice(
      `column_${field.field}`,
      field.label,
      [element("option", { value: "none" }, "Not in the sheet"), ...columns.map((option) => option.cloneNode(true))],
      chosen === null || chosen === undefined ? "none" : String(chosen),
    );
  });
  const header = choice(
    "header",
    "Headings",
    [
      element("option", { value: "yes" }, "Yes, the first row has headings"),
      element("option", { value: "no" }, "No, the first row is data"),
    ],
    answer.header_row === null ? "no" : "yes",
  );
  holder.replaceChildren(
    element(
      "details",
      { className: "cg-columns", open: wasOpen || answer.columns_missing.length > 0 },
      element("summary", {}, "Columns in your sheet"),
      element("p", { className: "cg-hint" }, "Change a choice and the answer is worked out again."),
      element("div", { className: "cg-columns__grid" }, header, fields),
    ),
  );
  if (focused) document.getElementById(focused)?.focus();
}

export function problemList(problems, total, title) {
  if (!total) return null;
  const more = total > problems.length ? element("li", {}, `…and ${total - problems.length} more`) : null;
  return element(
    "div",
    { className: "cg-problems" },
    element("h3", {}, `${title} (${total})`),
    element(
      "ul",
      {},
      problems.map((problem) => element("li", {}, `Row ${problem.row}: ${problem.reason}`)),
      more,
    ),
  );
}

// Saves text Python wrote (a CSV, a calendar) as a file: a Blob made here, so nothing is fetched.
// A CSV gets a byte-order mark, so Excel reads it as UTF-8.
export function saveText(text, fileName, type) {
  const parts = type.startsWith("text/csv") ? ["\ufeff", text] : [text];
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = element("a", { href: url, download: fileName });
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

// The local date as YYYY-MM-DD, built from its parts (never from milliseconds: the clock change).
export function localToday() {
  const now = new Date();
  return [now.getFullYear(), String(now.getMonth() + 1).padStart(2, "0"), String(now.getDate()).padStart(2, "0")].join(
    "-",
  );
}
