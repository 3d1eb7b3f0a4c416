// The cohort plan: shows a laid-out delivery model as a timeline picture (SVG built with DOM
// calls, with a text alternative), lets the user change the plan row by row, and re-checks it
// through Python on every change so problems appear as they are made.
import { mountFacts } from "../facts.js";
import { element } from "../render.js";
import { rowEditor, rowsOf } from "../rows.js";
import { resultTable, scrolling } from "../tables.js";
import { optionCards } from "./certification.js";

const SVG = "http://www.w3.org/2000/svg";
const KIND = { first: "first", retake: "retake", resit: "resit" };
// Sized so the guide's longest model (six series) fits a laptop's column (about 690 px) at full size.
const layout = { left: 162, column: 84, top: 56, row: 56, bottom: 24 };

// The plan on screen ({subject, model, start_year, choices}) and a count of the checks asked, so
// only the answer to the newest edit is shown. Kept per editor, so nothing outlives a page visit.
const plans = new WeakMap();

function planOf(editor) {
  if (!plans.has(editor)) plans.set(editor, { plan: null, latest: 0 });
  return plans.get(editor);
}

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

// The components as numbers, in order: one lane each in the picture, one choice each in the editor.
function lanesOf(names) {
  return Object.keys(names).map(Number);
}

function describeAttempt(attempt, names) {
  const problem = attempt.problem ? `, problem: ${attempt.problem.replaceAll("-", " ")}` : "";
  return `${names[attempt.component]}, ${KIND[attempt.kind]}${problem}`;
}

function timeline(result, names) {
  const columns = result.timeline.map((column) => column.code);
  const lanes = lanesOf(names);
  const width = layout.left + columns.length * layout.column + 16;
  const height = layout.top + lanes.length * layout.row + layout.bottom;
  const titleId = "cohort-plan-timeline-title";
  const descId = "cohort-plan-timeline-desc";
  const picture = drawing("svg", {
    viewBox: `0 0 ${width} ${height}`, width, height, role: "img",
    "aria-labelledby": `${titleId} ${descId}`, class: "cg-timeline__svg",
  });
  picture.append(
    drawing("title", { id: titleId },
      `Timeline of the plan: ${result.model_title}, starting September ${result.start_year}`),
    drawing("desc", { id: descId }, result.attempts.map(
      (attempt) => `${attempt.series_label}: ${describeAttempt(attempt, names)}.`).join(" ") || "No assessments."));
  columns.forEach((code, index) => {
    const x = layout.left + index * layout.column;
    const middle = x + layout.column / 2;
    const [season, year] = shortLabel(code);
    const head = drawing("text", { x: middle, y: 22, class: "cg-timeline__head", "text-anchor": "middle" });
    head.append(drawing("tspan", { x: middle, dy: 0 }, season), drawing("tspan", { x: middle, dy: 16 }, year));
    picture.append(
      drawing("line", { x1: x, y1: layout.top - 10, x2: x, y2: height - layout.bottom, class: "cg-timeline__grid" }),
      head);
    if (code === result.certification_series) {
      picture.append(drawing("rect", { x: x + 2, y: layout.top - 8, width: layout.column - 4,
        height: lanes.length * layout.row + 4, class: "cg-timeline__certification" }));
      picture.append(drawing("text", { x: middle, y: height - 6, "text-anchor": "middle", class: "cg-timeline__note" },
        "certification"));
    }
  });
  lanes.forEach((component, index) => {
    const y = layout.top + index * layout.row + layout.row / 2;
    picture.append(drawing("text", { x: 8, y: y + 5, class: "cg-timeline__row" }, names[component]),
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
    const cy = layout.top + lanes.indexOf(Number(attempt.component)) * layout.row + layout.row / 2;
    const kind = attempt.problem ? "problem" : attempt.kind;
    const group = drawing("g", { class: `cg-timeline__mark cg-timeline__mark--${kind}` });
    // Shape and a symbol tell the kinds apart, not colour alone.
    if (attempt.kind === "first") group.append(drawing("circle", { cx, cy, r: 11 }));
    else {
      group.append(drawing("rect",
        { x: cx - 10, y: cy - 10, width: 20, height: 20, transform: `rotate(45 ${cx} ${cy})` }));
    }
    group.append(drawing("text", { x: cx, y: cy + 5, "text-anchor": "middle", class: "cg-timeline__symbol" },
      attempt.problem ? "!" : attempt.kind === "first" ? "" : "R"));
    picture.append(group);
  }
  // On a phone the picture keeps its size (its text stays readable) and scrolls, and says so.
  const first = result.timeline[0].code.slice(0, 4);
  const last = result.timeline.at(-1).code.slice(0, 4);
  const hint = `Scroll sideways to see all ${columns.length} series, ${first} to ${last}`;
  return element("figure", { className: "cg-timeline" },
    scrolling(picture, { label: "Timeline picture", className: "cg-timeline__scroll", hint }),
    element("figcaption", {}, "Circle: first assessment. Diamond marked R: retake or resit. "
      + "Exclamation mark: a problem. The shaded column is the series certification would be claimed in."));
}

function textAlternative(result, names) {
  return resultTable(element("table", { dataset: { planText: "" } },
    element("caption", {}, "The plan, series by series"),
    element("thead", {}, element("tr", {},
      element("th", { scope: "col" }, "Series"), element("th", { scope: "col" }, "Assessments"))),
    element("tbody", {}, result.timeline.map((column) => {
      const here = result.attempts.filter((attempt) => attempt.series === column.code);
      return element("tr", {}, element("th", { scope: "row" }, column.label),
        element("td", {}, here.length ? here.map((attempt) => describeAttempt(attempt, names)).join("; ") : "None"));
    }))), { label: "The plan, series by series" });
}

function problemList(problems) {
  return element("ol", { className: "cg-problems" }, problems.map((problem) =>
    element("li", { className: "cg-problem", dataset: { code: problem.code } },
      element("p", {}, element("strong", {}, problem.message)),
      element("p", {}, element("span", { className: "cg-problem__todo" }, "What to do: "), problem.todo),
      element("p", { className: "cg-source" }, `Source: ${problem.source}`))));
}

function status(result) {
  const count = result.problems.length;
  const panel = { className: `cg-panel ${result.valid ? "cg-panel--ok" : "cg-panel--problem"}`,
    dataset: { planStatus: result.valid ? "valid" : "problems" } };
  return element("div", panel,
    element("h3", { className: "cg-panel__title" },
      result.valid ? "This plan follows the rules" : `This plan has ${count} problem${count === 1 ? "" : "s"}`),
    count ? problemList(result.problems) : null,
    ...result.notes.map((note) => element("p", { className: "cg-warning" },
      note.message, element("span", { className: "cg-source" }, `Source: ${note.source}`))),
    result.options.length
      ? element("p", {}, "With a January external and a resit, the centre chooses how to certificate:") : null,
    result.options.length ? optionCards(result.options) : null);
}

function checked(result, region, names) {
  region.replaceChildren(
    element("h2", {}, `${result.model_title}, starting September ${result.start_year}`),
    element("p", {}, result.model_summary,
      element("span", { className: "cg-source" }, `Source: ${result.model_source}`)),
    status(result), timeline(result, names), textAlternative(result, names));
}

function seriesSelect(index, selected, plan) {
  const choices = new Set(plan.choices);
  choices.add(selected);
  return element("select",
    { className: "cg-select", id: `cohort-plan-row-${index}-series`, dataset: { part: "series" } },
    [...choices].sort().map((code) =>
      element("option", { value: code, selected: code === selected }, shortLabel(code).join(" "))));
}

function hiddenLabel(index, part) {
  return element("label", { className: "cg-visually-hidden", htmlFor: `cohort-plan-row-${index}-${part}` },
    `Assessment ${index + 1}: ${part}`);
}

// The choices say the component's name without the word "Component", which the column heading says.
function editorRow(index, attempt, plan, names) {
  const component = element("select",
    { className: "cg-select", id: `cohort-plan-row-${index}-component`, dataset: { part: "component" } },
    lanesOf(names).map((number) => element("option", { value: number, selected: number === attempt.component },
      names[number].replace(/^Component /, ""))));
  return element("tr", { dataset: { row: "" } },
    element("td", {}, hiddenLabel(index, "component"), component),
    element("td", {}, hiddenLabel(index, "series"),
      seriesSelect(index, attempt.series, plan), element("p", { className: "cg-field-error", hidden: true })),
    element("td", {},
      element("button", { type: "button", className: "md-button cg-plan-remove", dataset: { remove: "" } }, "Remove",
        element("span", { className: "cg-visually-hidden" }, ` assessment ${index + 1}`))));
}

function editorRows(editor) {
  return rowsOf(editor.querySelector("tbody")).map((row) => ({
    component: Number(row.querySelector('[data-part="component"]').value),
    series: row.querySelector('[data-part="series"]').value,
  }));
}

function buildEditor(editor, attempts, plan, { components, maxRows }) {
  const body = element("tbody", {}, attempts.map((attempt, index) => editorRow(index, attempt, plan, components)));
  const heading = (text) => element("th", { scope: "col" }, text);
  editor.replaceChildren(
    element("h2", { id: "cohort-plan-editor-title" }, "Change the plan"),
    element("p", {}, "Change a component or a series, add a retake or resit, or remove a row. "
      + "The check and the timeline update as you go."),
    element("table",
      { className: "cg-table cg-plan-table", attributes: { "aria-labelledby": "cohort-plan-editor-title" } },
      element("thead", {}, element("tr", {}, heading("Component"), heading("Series"),
        heading(element("span", { className: "cg-visually-hidden" }, "Remove")))),
      body),
    element("button", { type: "button", className: "md-button", dataset: { addRow: "" },
      disabled: attempts.length >= maxRows }, "Add an assessment"));
  editor.hidden = false;
}

function number(row, index) {
  const [component, series] = row.querySelectorAll("label");
  component.textContent = `Assessment ${index + 1}: component`;
  series.textContent = `Assessment ${index + 1}: series`;
  for (const part of ["component", "series"]) {
    row.querySelector(`[data-part="${part}"]`).id = `cohort-plan-row-${index}-${part}`;
  }
  component.htmlFor = `cohort-plan-row-${index}-component`;
  series.htmlFor = `cohort-plan-row-${index}-series`;
}

function showRowErrors(editor, errors) {
  rowsOf(editor.querySelector("tbody")).forEach((row, index) => {
    const message = errors[`attempts-${index}-series`] || errors[`attempts-${index}-component`] || "";
    const slot = row.querySelector(".cg-field-error");
    slot.hidden = !message;
    slot.textContent = message;
  });
}

export function bind({ mount, region, calculate, signal }) {
  const editor = mount.querySelector("[data-plan-editor]");
  const facts = mountFacts(mount);
  const shown = planOf(editor);
  const recheck = async () => {
    const { plan } = shown;
    if (!plan) return;
    const asked = ++shown.latest;
    const attempts = editorRows(editor);
    const result = await calculate({ subject: plan.subject, model: plan.model, start_year: plan.start_year, attempts });
    if (asked !== shown.latest) return;
    if (!result.ok) {
      showRowErrors(editor, result.errors);
      const summary = Object.values(result.errors).join(" ");
      region.replaceChildren(element("p", { className: "cg-warning" }, `The plan cannot be checked yet: ${summary}`));
      return;
    }
    showRowErrors(editor, {});
    checked(result, region, facts.components);
  };
  editor.addEventListener("change", () => recheck(), { signal });
  // A new row repeats the last one (a retake is usually of the same component, in a later series).
  const newRow = () => {
    const rows = editorRows(editor);
    const copied = rows.at(-1) || { component: 1, series: shown.plan.choices[0] };
    return editorRow(rows.length, copied, shown.plan, facts.components);
  };
  rowEditor(editor,
    { list: "tbody", add: "[data-add-row]", max: facts.maxRows, newRow, number, changed: recheck, signal });
}

export function render(result, region, form) {
  const editor = form.closest("[data-calculator]").querySelector("[data-plan-editor]");
  const shown = planOf(editor);
  shown.plan = { subject: result.subject, model: result.model, start_year: result.start_year,
    choices: result.series_choices };
  shown.latest += 1;
  const facts = mountFacts(form);
  checked(result, region, facts.components);
  if (result.laid_out) buildEditor(editor, [...result.attempts].sort((a, b) => a.row - b.row), shown.plan, facts);
}
