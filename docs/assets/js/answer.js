// Bringing a new answer to the reader, and what a printout of it carries. Used by the page script
// for every calculator, and by a renderer that shows its own answer outside a press (the
// after-January flow restoring a shared link).
import { element } from "./render.js";

// Focus goes to the answer's heading, so a screen reader reads the answer next and Tab carries
// on from there; the answer's top is scrolled up to just under the theme's fixed header, unless
// it already sits in the top half of the window (the answer is then in view without moving the
// page). The top is the answer region's, not the heading's: a warning that changes the
// answer (GOV.UK-style) stands above the heading and must be seen with it. centre-guide.css
// gives these the scroll margin the header needs.
export function showAnswer(heading) {
  if (!heading) return;
  if (!heading.hasAttribute("tabindex")) heading.tabIndex = -1;
  heading.focus({ preventScroll: true });
  bringIntoView(heading);
}

function bringIntoView(heading) {
  const top = heading.closest("[data-result]") || heading;
  const header = document.querySelector(".md-header");
  const below = header ? header.getBoundingClientRect().bottom : 0;
  const at = top.getBoundingClientRect().top;
  if (at >= below && at <= below + (innerHeight - below) / 2) return;
  const still = matchMedia("(prefers-reduced-motion: reduce)").matches;
  top.scrollIntoView({ block: "start", behavior: still ? "auto" : "smooth" });
}

// Something drawn above an answer after it came (the mark-sheet preview, read at the same time
// on a slow laptop) pushes it down: if the reader is still on the answer, it is brought back.
export function keepAnswerInView(form) {
  const heading = document.activeElement;
  const region = form.closest("[data-calculator]")?.querySelector("[data-result]");
  if (heading instanceof HTMLElement && region?.contains(heading) && /^H[23]$/.test(heading.tagName)) {
    bringIntoView(heading);
  }
}

// While a press waits for Python, the status line under the button says how the start is going;
// on a phone, or when the page's script shows another question above it, it can sit below the
// window. It is kept in view (the nearest edge, so a page already showing it does not move).
export function keepInView(element) {
  const box = element.getBoundingClientRect();
  if (box.top >= 0 && box.bottom <= innerHeight) return;
  element.scrollIntoView({ block: "nearest" });
}

// A Print button, for answers people are likely to keep on paper or pin up; what it prints is
// set by centre-guide.css (the answer, with what was asked, its sources and madeOnLine).
export function printButton(label = "Print") {
  const button = element("button", { type: "button", className: "md-button cg-print" }, label);
  button.addEventListener("click", () => window.print());
  return button;
}

// The question a control answers: its label, or its group's legend for a radio button, with the
// row's legend first for a control in a row of several (Assessment 2: Series).
function grouped(control) {
  return control.type === "radio" || (control.type === "checkbox" && control.form.elements.namedItem(control.name)
    instanceof RadioNodeList);
}

function question(control) {
  const own = grouped(control)
    ? control.closest("fieldset")?.querySelector("legend")
    : control.labels?.[0];
  const row = control.closest("fieldset[data-row]")?.querySelector("legend");
  const text = (own?.textContent || control.name).trim();
  return row && row !== own ? `${row.textContent.trim()}: ${text}` : text;
}

// A box among several of one name (the subjects) answers its group's question with its label.
function answerOf(control) {
  const label = (control.labels?.[0]?.textContent || control.value).trim();
  if (grouped(control)) return control.checked ? label : "";
  if (control.type === "checkbox") return control.checked ? "Yes" : "No";
  if (control.type === "file") return control.files?.[0]?.name || "";
  if (control.tagName === "SELECT") return control.selectedOptions[0]?.textContent.trim() || "";
  const value = control.value.trim();
  const lines = value ? value.split("\n").length : 0;
  return lines > 3 ? `${lines} lines pasted` : value;
}

// What was asked, as text for a printout ("Series: May/June 2026 (2026-06)"): each question the
// form shows and its answer, from the form as it was when the answer came. Questions hidden or
// switched off for this answer, and blank ones, are left out. Shown only in print, in place of
// the form, whose controls print differently in every browser. Null if nothing was asked.
export function askedList(form) {
  const answers = new Map(); // question -> its answers, in the form's order; ticked boxes share one
  for (const control of form.elements) {
    if (!control.name || control.disabled || control.type === "hidden" || control.closest("[hidden]")) continue;
    const answer = answerOf(control);
    if (answer) answers.set(question(control), [...(answers.get(question(control)) || []), answer]);
  }
  const rows = [...answers].map(([asked, given]) =>
    element("div", {}, element("dt", {}, asked), element("dd", {}, given.join(", "))));
  return rows.length
    ? element("div", { className: "cg-asked" }, element("p", { className: "cg-asked__title" }, "What was asked"),
      element("dl", {}, rows))
    : null;
}

// "Made on 1 December 2026 at <address>": the reader's own date (from the date's parts, no
// arithmetic) and the page's address, which for most calculators holds the answers. Shown only
// in print (centre-guide.css): a printout leaves the page, the screen does not.
export function madeOnLine() {
  const date = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "long", year: "numeric" }).format(new Date());
  return element("p", { className: "cg-made-on" }, `Made on ${date} at ${location.href.split("#")[0]}`);
}
