// Page wiring for "cohort-certification": the tracker (pasted, or a file) goes to Python with the
// subject type, the layout and any column choices; the answer is a summary, a table with one row
// per learner that can be narrowed to one problem, and each learner's own certification answer,
// shown under their row when asked for (the same view as the single-learner page).
import { element } from "../render.js";
import { resultTable } from "../tables.js";
import { render as renderPath } from "./certification.js";
import { bindSheet, problemList, saveText, sheetInputs, showColumns } from "./sheet-form.js";

const PREFIX = "cohort-certification";

export function readInputs(form) {
  return { subject: form.elements.subject.value, shape: form.elements.shape.value, ...sheetInputs(form, "tracker") };
}

export function bind({ form }) {
  bindSheet(form, "tracker");
}

function plural(count, word) {
  return `${count.toLocaleString("en-GB")} ${word}${count === 1 ? "" : "s"}`;
}

function counted(count) {
  if (count.ums !== null) return `${count.ums} UMS`;
  return count.pending.length ? "Result to come" : "None counted";
}

function summaryPanel(result, filter) {
  const { summary } = result;
  const show = (value) => () => {
    filter.value = value;
    filter.dispatchEvent(new Event("change"));
    filter.focus();
  };
  const codeRows = summary.codes.map((entry) =>
    element(
      "tr",
      {},
      element("th", { scope: "row" }, entry.label),
      element("td", {}, entry.learners.toLocaleString("en-GB")),
      element(
        "td",
        {},
        element(
          "button",
          { type: "button", className: "md-button cg-cohort__show", onclick: show(entry.code) },
          "Show",
          element("span", { className: "cg-visually-hidden" }, ` learners: ${entry.label}`),
        ),
      ),
    ),
  );
  return element(
    "div",
    { className: `cg-panel ${summary.with_problems ? "cg-panel--problem" : "cg-panel--ok"}` },
    element(
      "h2",
      { className: "cg-panel__title" },
      `${plural(summary.learners, "learner")} checked: ${summary.fine.toLocaleString("en-GB")} fine, ` +
        `${summary.with_problems.toLocaleString("en-GB")} with problems`,
    ),
    element(
      "p",
      {},
      `Checked as ${result.subject_title.toLowerCase()}. Read as: ${result.shape_label.toLowerCase()}, ` +
        `${plural(result.rows, "row")}.`,
    ),
    summary.not_checked
      ? element(
          "p",
          { className: "cg-warning" },
          `${plural(summary.not_checked, "learner")} not checked: every row of theirs was left out, ` +
            "or they have more assessments than any learner can. See the rows to check below.",
        )
      : null,
    codeRows.length
      ? element(
          "table",
          { className: "cg-table" },
          element("caption", {}, "Learners with each problem"),
          element(
            "thead",
            {},
            element(
              "tr",
              {},
              ["Problem", "Learners", ""].map((title) => element("th", { scope: "col" }, title)),
            ),
          ),
          element("tbody", {}, codeRows),
        )
      : null,
    element(
      "table",
      { className: "cg-table" },
      element("caption", {}, "Series in which certification would be claimed"),
      element(
        "thead",
        {},
        element("tr", {}, element("th", { scope: "col" }, "Series"), element("th", { scope: "col" }, "Learners")),
      ),
      element(
        "tbody",
        {},
        summary.series.map((entry) =>
          element(
            "tr",
            {},
            element("th", { scope: "row" }, entry.label),
            element("td", {}, entry.learners.toLocaleString("en-GB")),
          ),
        ),
      ),
    ),
  );
}

function detailRow(learner, columns, form) {
  const holder = element("div", { className: "cg-cohort__path" });
  renderPath(learner.detail, holder, form);
  const left = learner.left_out.length
    ? element(
        "p",
        { className: "cg-warning" },
        `Rows to check for this learner: ${learner.left_out.map((p) => `row ${p.row}: ${p.reason}`).join("; ")}.`,
      )
    : null;
  return element(
    "tr",
    { className: "cg-cohort__detail", id: `${PREFIX}-detail-${learner.index}` },
    element(
      "td",
      { colSpan: columns },
      element("p", {}, `Rows ${learner.rows.join(", ")} of your tracker.`),
      left,
      holder,
    ),
  );
}

// table: what every row shares: the components, the column count, whether the tracker names
// learners, and each problem code's words (the summary's).
function learnerRow(learner, table, form) {
  const { components, columns, named, labels } = table;
  const toggle = element(
    "button",
    {
      type: "button",
      className: "md-button cg-cohort__toggle",
      attributes: { "aria-expanded": "false", "aria-controls": `${PREFIX}-detail-${learner.index}` },
    },
    "Details",
    element("span", { className: "cg-visually-hidden" }, ` for ${learner.learner}`),
  );
  const row = element(
    "tr",
    { dataset: { learner: learner.learner, codes: learner.codes.join(" "), fine: String(learner.valid) } },
    element("td", { dataset: { label: "Learner" } }, learner.learner),
    named ? element("td", { dataset: { label: "Name" } }, learner.name) : null,
    element("td", { dataset: { label: "Problems" } },
      learner.valid ? "Fine" : learner.codes.map((code) => labels[code] || code).join("; ")),
    element("td", { dataset: { label: "Certification" } }, learner.certification_label || "No external sitting yet"),
    ...Object.keys(components).map((component) =>
      element("td", { dataset: { label: components[component] } }, counted(learner.detail.counts[component])),
    ),
    element("td", {}, toggle),
  );
  toggle.addEventListener("click", () => {
    const open = toggle.getAttribute("aria-expanded") === "true";
    if (open) row.nextElementSibling.remove();
    else row.after(detailRow(learner, columns, form));
    toggle.setAttribute("aria-expanded", String(!open));
  });
  return row;
}

function applyFilter(table, value, status) {
  let shown = 0;
  for (const row of table.tBodies[0].rows) {
    if (row.classList.contains("cg-cohort__detail")) {
      row.hidden = row.previousElementSibling.hidden;
      continue;
    }
    const codes = row.dataset.codes.split(" ");
    row.hidden = !(
      value === "all" ||
      (value === "fine"
        ? row.dataset.fine === "true"
        : value === "problems"
          ? row.dataset.fine === "false"
          : codes.includes(value))
    );
    if (!row.hidden) shown += 1;
  }
  const total = table.tBodies[0].querySelectorAll("tr[data-learner]").length;
  status.textContent = `Showing ${shown.toLocaleString("en-GB")} of ${total.toLocaleString("en-GB")} learners.`;
}

export function render(result, region, form) {
  showColumns(form, result, PREFIX);
  if (result.columns_missing.length) {
    region.replaceChildren(
      element(
        "div",
        { className: "cg-panel cg-panel--problem" },
        element("h2", { className: "cg-panel__title" }, "Choose the columns"),
        element("p", {}, result.summary_lines[0]),
        problemList(result.problems, result.problem_count, "Rows to check"),
      ),
    );
    form.querySelector("[data-columns] select")?.focus();
    return;
  }
  const components = JSON.parse(form.closest("[data-calculator]").dataset.components);
  const named = result.learners.some((learner) => learner.name);
  const columns = (named ? 5 : 4) + Object.keys(components).length;
  const labels = Object.fromEntries(result.summary.codes.map((entry) => [entry.code, entry.label]));
  const filter = element(
    "select",
    { className: "cg-select", id: `${PREFIX}-filter` },
    element("option", { value: "all" }, `Every learner (${result.summary.learners.toLocaleString("en-GB")})`),
    element("option", { value: "fine" }, `Fine (${result.summary.fine.toLocaleString("en-GB")})`),
    element(
      "option",
      { value: "problems" },
      `With any problem (${result.summary.with_problems.toLocaleString("en-GB")})`,
    ),
    result.summary.codes.map((entry) =>
      element("option", { value: entry.code }, `${entry.label} (${entry.learners.toLocaleString("en-GB")})`),
    ),
  );
  const status = element("p", { className: "cg-cohort__count" });
  const table = element(
    "table",
    {},
    element("caption", {}, "Each learner's check"),
    element(
      "thead",
      {},
      element(
        "tr",
        {},
        ["Learner", ...(named ? ["Name"] : []), "Problems", "Certification", ...Object.values(components), "Detail"]
          .map((title) =>
          element("th", { scope: "col" }, title),
        ),
      ),
    ),
    element(
      "tbody",
      {},
      result.learners.map((learner, index) =>
        learnerRow({ ...learner, index }, { components, columns, named, labels }, form)),
    ),
  );
  filter.addEventListener("change", () => applyFilter(table, filter.value, status));
  const download = element(
    "button",
    { type: "button", className: "md-button cg-sample__action" },
    "Download the results (CSV)",
  );
  download.addEventListener("click", () =>
    saveText(result.csv, `certification-check-${result.subject}.csv`, "text/csv;charset=utf-8"),
  );
  // Element.replaceChildren would write a null as the text "null": leave out what is not there.
  const problems = problemList(result.problems, result.problem_count, "Rows to check");
  region.replaceChildren(
    summaryPanel(result, filter),
    ...result.notes.map((note) => element("p", { className: "cg-hint" }, note)),
    element("div", { className: "cg-sample__actions" }, download),
    ...(problems ? [problems] : []),
    element("h2", {}, "Learners"),
    element(
      "div",
      { className: "cg-field cg-cohort__filter" },
      element("label", { className: "cg-label", htmlFor: filter.id }, "Show"),
      filter,
    ),
    status,
    // Wider than a phone (a column per component): it scrolls in its own box, not the page.
    resultTable(table, { label: "Each learner's check", className: "cg-cohort__table" }),
  );
  applyFilter(table, "all", status);
}
