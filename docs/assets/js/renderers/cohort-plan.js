// The cohort plan: shows a laid-out delivery model as a timeline picture (SVG built with DOM
// calls, with a text alternative), lets the user change the plan row by row, and re-checks it
// through Python on every change so problems appear as they are made.
import { element } from "../render.js";
import { optionCards } from "./certification.js";

const SVG = "http://www.w3.org/2000/svg";
const NAMES = { 1: "Component 1", 2: "Component 2", 3: "Component 3 (external)" };
const KIND = { first: "first", retake: "retake", resit: "resit" };
const MAX_ROWS = 20;
const layout = { left: 170, column: 100, top: 56, row: 56, bottom: 24 };

let plan = null; // {subject, model, start_year, choices} of the plan on screen
let latest = 0; // only the answer to the newest edit is shown

function drawing(tag, attributes = {}, text = null) {
  const node = document.createElementNS(SVG, tag);
  for (const [name, value] of Object.entries(attributes)) node.setAttribute(name, String(value));
  if (text !== null) node.textContent = text;
  return node;
}

function shortLabel(code) {
  const [year, month] = code.split("-");
  return [month === "01" ? "Dec/Jan" : "May/June", year];
}

function describeAttempt(attempt) {
  return `${NAMES[attempt.component]}, ${KIND[attempt.kind]}${attempt.problem ? `, problem: ${attempt.problem.replaceAll("-", " ")}` : ""}`;
}

function timeline(result) {
  const columns = result.timeline.map((column) => column.code);
  const width = layout.left + columns.length * layout.column + 16;
  const height = layout.top + 3 * layout.row + layout.bottom;
  const titleId = "cohort-plan-timeline-title";
  const descId = "cohort-plan-timeline-desc";
  const picture = drawing("svg", {
    viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
    "aria-labelledby": `${titleId} ${descId}`, class: "cg-timeline__svg",
  });
  picture.append(
    drawing("title", { id: titleId }, `Timeline of the plan: ${result.model_title}, starting September ${result.start_year}`),
    drawing("desc", { id: descId }, result.attempts.map(
      (attempt) => `${attempt.series_label}: ${describeAttempt(attempt)}.`).join(" ") || "No assessments."));
  columns.forEach((code, index) => {
    const x = layout.left + index * layout.column;
    const [season, year] = shortLabel(code);
    const head = drawing("text", { x: x + layout.column / 2, y: 22, class: "cg-timeline__head", "text-anchor": "middle" });
    head.append(drawing("tspan", { x: x + layout.column / 2, dy: 0 }, season), drawing("tspan", { x: x + layout.column / 2, dy: 16 }, year));
    picture.append(drawing("line", { x1: x, y1: layout.top - 10, x2: x, y2: height - layout.bottom, class: "cg-timeline__grid" }), head);
    if (code === result.certification_series) {
      picture.append(drawing("rect", { x: x + 2, y: layout.top - 8, width: layout.column - 4, height: 3 * layout.row + 4,
        class: "cg-timeline__certification" }));
      picture.append(drawing("text", { x: x + layout.column / 2, y: height - 6, "text-anchor": "middle", class: "cg-timeline__note" }, "certification"));
    }
  });
  [1, 2, 3].forEach((component, index) => {
    const y = layout.top + index * layout.row + layout.row / 2;
    picture.append(drawing("text", { x: 8, y: y + 5, class: "cg-timeline__row" }, NAMES[component]),
      drawing("line", { x1: layout.left, y1: y, x2: width - 16, y2: y, class: "cg-timeline__lane" }));
  });
  const placed = new Map();
  for (const attempt of result.attempts) {
    const index = columns.indexOf(attempt.series);
    if (index < 0) continue;
    const key = `${attempt.component} ${attempt.series}`;
    const shift = (placed.get(key) || 0) * 22;
    placed.set(key, (placed.get(key) || 0) + 1);
    const cx = layout.left + index * layout.column + layout.column / 2 - 8 + shift;
    const cy = layout.top + (attempt.component - 1) * layout.row + layout.row / 2;
    const kind = attempt.problem ? "problem" : attempt.kind;
    const group = drawing("g", { class: `cg-timeline__mark cg-timeline__mark--${kind}` });
    // Shape and a symbol tell the kinds apart, not colour alone.
    if (attempt.kind === "first") group.append(drawing("circle", { cx, cy, r: 11 }));
    else group.append(drawing("rect", { x: cx - 10, y: cy - 10, width: 20, height: 20, transform: `rotate(45 ${cx} ${cy})` }));
    group.append(drawing("text", { x: cx, y: cy + 5, "text-anchor": "middle", class: "cg-timeline__symbol" },
      attempt.problem ? "!" : attempt.kind === "first" ? "" : "R"));
    picture.append(group);
  }
  return element("figure", { className: "cg-timeline" },
    element("div", { className: "cg-timeline__scroll", tabIndex: 0, attributes: { role: "group", "aria-label": "Timeline picture (scrolls sideways on small screens)" } }, picture),
    element("figcaption", {}, "Circle: first assessment. Diamond marked R: retake or resit. Exclamation mark: a problem. "
      + "The shaded column is the series certification would be claimed in."));
}

function textAlternative(result) {
  return element("table", { className: "cg-table", dataset: { planText: "" } },
    element("caption", {}, "The plan, series by series"),
    element("thead", {}, element("tr", {}, element("th", { scope: "col" }, "Series"), element("th", { scope: "col" }, "Assessments"))),
    element("tbody", {}, result.timeline.map((column) => {
      const here = result.attempts.filter((attempt) => attempt.series === column.code);
      return element("tr", {}, element("th", { scope: "row" }, column.label),
        element("td", {}, here.length ? here.map(describeAttempt).join("; ") : "None"));
    })));
}

function status(result) {
  const count = result.problems.length;
  return element("div", { className: `cg-panel ${result.valid ? "cg-panel--ok" : "cg-panel--problem"}`, dataset: { planStatus: result.valid ? "valid" : "problems" } },
    element("h3", { className: "cg-panel__title" }, result.valid ? "This plan follows the rules" : `This plan has ${count} problem${count === 1 ? "" : "s"}`),
    result.problems.length ? element("ol", { className: "cg-problems" }, result.problems.map((problem) =>
      element("li", { className: "cg-problem", dataset: { code: problem.code } },
        element("p", {}, element("strong", {}, problem.message)),
        element("p", {}, element("span", { className: "cg-problem__todo" }, "What to do: "), problem.todo),
        element("p", { className: "cg-source" }, `Source: ${problem.source}`)))) : null,
    ...result.notes.map((note) => element("p", { className: "cg-warning" }, note.message, element("span", { className: "cg-source" }, `Source: ${note.source}`))),
    result.options.length ? element("p", {}, "With a January external and a resit, the centre chooses how to certificate:") : null,
    result.options.length ? optionCards(result.options) : null);
}

function checked(result, region) {
  region.replaceChildren(
    element("h2", {}, `${result.model_title}, starting September ${result.start_year}`),
    element("p", {}, result.model_summary, element("span", { className: "cg-source" }, `Source: ${result.model_source}`)),
    status(result), timeline(result), textAlternative(result));
}

function seriesSelect(index, selected) {
  const choices = new Set(plan.choices);
  choices.add(selected);
  return element("select", { className: "cg-select", id: `cohort-plan-row-${index}-series`, dataset: { part: "series" } },
    [...choices].sort().map((code) => element("option", { value: code, selected: code === selected }, shortLabel(code).join(" "))));
}

function editorRow(index, attempt) {
  return element("tr", { dataset: { row: "" } },
    element("td", {}, element("label", { className: "cg-visually-hidden", htmlFor: `cohort-plan-row-${index}-component` }, `Assessment ${index + 1}: component`),
      element("select", { className: "cg-select", id: `cohort-plan-row-${index}-component`, dataset: { part: "component" } },
        [1, 2, 3].map((component) => element("option", { value: component, selected: component === attempt.component },
          component === 3 ? "3 (external)" : String(component))))),
    element("td", {}, element("label", { className: "cg-visually-hidden", htmlFor: `cohort-plan-row-${index}-series` }, `Assessment ${index + 1}: series`),
      seriesSelect(index, attempt.series), element("p", { className: "cg-field-error", hidden: true })),
    element("td", {}, element("button", { type: "button", className: "md-button cg-plan-remove", dataset: { remove: "" } },
      "Remove", element("span", { className: "cg-visually-hidden" }, ` assessment ${index + 1}`))));
}

function editorRows(editor) {
  return [...editor.querySelectorAll("tr[data-row]")].map((row) => ({
    component: Number(row.querySelector('[data-part="component"]').value),
    series: row.querySelector('[data-part="series"]').value,
  }));
}

function buildEditor(editor, attempts) {
  const body = element("tbody", {}, attempts.map((attempt, index) => editorRow(index, attempt)));
  editor.replaceChildren(
    element("h2", { id: "cohort-plan-editor-title" }, "Change the plan"),
    element("p", {}, "Change a component or a series, add a retake or resit, or remove a row. The check and the timeline update as you go."),
    element("table", { className: "cg-table cg-plan-table", attributes: { "aria-labelledby": "cohort-plan-editor-title" } },
      element("thead", {}, element("tr", {}, element("th", { scope: "col" }, "Component"), element("th", { scope: "col" }, "Series"),
        element("th", { scope: "col" }, element("span", { className: "cg-visually-hidden" }, "Remove")))),
      body),
    element("button", { type: "button", className: "md-button", dataset: { addRow: "" }, disabled: attempts.length >= MAX_ROWS }, "Add an assessment"));
  editor.hidden = false;
}

function renumber(editor) {
  [...editor.querySelectorAll("tr[data-row]")].forEach((row, index) => {
    const [component, series] = row.querySelectorAll("label");
    component.textContent = `Assessment ${index + 1}: component`;
    series.textContent = `Assessment ${index + 1}: series`;
    for (const part of ["component", "series"]) row.querySelector(`[data-part="${part}"]`).id = `cohort-plan-row-${index}-${part}`;
    component.htmlFor = `cohort-plan-row-${index}-component`;
    series.htmlFor = `cohort-plan-row-${index}-series`;
    row.querySelector("[data-remove] span").textContent = ` assessment ${index + 1}`;
  });
  editor.querySelector("[data-add-row]").disabled = editor.querySelectorAll("tr[data-row]").length >= MAX_ROWS;
}

function showRowErrors(editor, errors) {
  [...editor.querySelectorAll("tr[data-row]")].forEach((row, index) => {
    const message = errors[`attempts-${index}-series`] || errors[`attempts-${index}-component`] || "";
    const slot = row.querySelector(".cg-field-error");
    slot.hidden = !message;
    slot.textContent = message;
  });
}

export function bind({ mount, region, calculate }) {
  const editor = mount.querySelector("[data-plan-editor]");
  const recheck = async () => {
    if (!plan) return;
    const asked = ++latest;
    const result = await calculate({ subject: plan.subject, model: plan.model, start_year: plan.start_year, attempts: editorRows(editor) });
    if (asked !== latest) return;
    if (!result.ok) {
      showRowErrors(editor, result.errors);
      const summary = Object.values(result.errors).join(" ");
      region.replaceChildren(element("p", { className: "cg-warning" }, `The plan cannot be checked yet: ${summary}`));
      return;
    }
    showRowErrors(editor, {});
    checked(result, region);
  };
  editor.addEventListener("change", () => recheck());
  editor.addEventListener("click", (event) => {
    if (event.target.closest("[data-add-row]")) {
      const rows = editorRows(editor);
      const last = rows.at(-1) || { component: 1, series: plan.choices[0] };
      const body = editor.querySelector("tbody");
      body.append(editorRow(rows.length, { component: last.component, series: last.series }));
      renumber(editor);
      body.lastElementChild.querySelector("select").focus();
      recheck();
      return;
    }
    const remove = event.target.closest("[data-remove]");
    if (!remove) return;
    const row = remove.closest("tr");
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    renumber(editor);
    (next ? next.querySelector("select") : editor.querySelector("[data-add-row]")).focus();
    recheck();
  });
}

export function render(result, region, form) {
  const editor = form.closest("[data-calculator]").querySelector("[data-plan-editor]");
  plan = { subject: result.subject, model: result.model, start_year: result.start_year,
    choices: result.series_choices };
  latest += 1;
  checked(result, region);
  if (result.laid_out) buildEditor(editor, [...result.attempts].sort((a, b) => a.row - b.row));
}
