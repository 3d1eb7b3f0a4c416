// Shows a "key-dates" answer: a timeline picture of the academic year, the same dates as a
// table (the picture's text alternative), and buttons to print or save them to a calendar.
// Several subjects can be ticked; a date only some of them have says which ("only Performing Arts").
import { saveCalendar } from "../downloads.js";
import { readForm } from "../forms.js";
import { element } from "../render.js";
import { resultTable } from "../tables.js";

const MONTHS = ["Sep", "Oct", "Nov", "Dec", "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug"];
const FLAGGED = new Set(["weekend", "bank-holiday"]);

// Position along the year as a percentage, from the YYYY-MM-DD parts: no Date arithmetic,
// which the clock change would upset. Each month is given an equal width.
function place(iso, startOfDay = true) {
  const [, month, day] = iso.split("-").map(Number);
  const index = (month + 3) % 12;
  const days = new Date(Date.UTC(2001, month, 0)).getUTCDate();
  return ((index + (day - (startOfDay ? 1 : 0)) / days) / 12) * 100;
}

function flagged(item) {
  return item.warnings.some((warning) => FLAGGED.has(warning.code));
}

function timeline(result) {
  const scale = element("div", { className: "cg-timeline__row cg-timeline__row--scale" },
    element("span", { className: "cg-timeline__label" }),
    element("span", { className: "cg-timeline__scale" },
      MONTHS.map((month) => element("span", { className: "cg-timeline__month" }, month))));
  const rows = result.dates.map((item) => {
    const kind = `${item.end ? " cg-timeline__mark--span" : ""}${flagged(item) ? " cg-timeline__mark--flag" : ""}`;
    const marker = element("span", { className: `cg-timeline__mark${kind}` });
    marker.style.left = `${place(item.date)}%`;
    if (item.end) marker.style.width = `${Math.max(place(item.end, false) - place(item.date), 1)}%`;
    return element("li", { className: "cg-timeline__row", dataset: { id: item.id } },
      element("span", { className: "cg-timeline__label" }, item.title,
        item.for_subjects ? ` (${item.for_subjects})` : "",
        element("span", { className: "cg-timeline__when" }, flagged(item) ? `${item.date_text} (!)` : item.date_text)),
      element("span", { className: "cg-timeline__track" }, marker));
  });
  return element("figure", { className: "cg-timeline" },
    element("div", { attributes: { "aria-hidden": "true" } },
      scale, element("ol", { className: "cg-timeline__rows" }, rows)),
    element("figcaption", {}, "Timeline of the year from September to August. ",
      "A dot is a fixed date, a bar a span of days; (!) marks a weekend or bank holiday. ",
      "The table below lists the same dates."));
}

function table(result) {
  const caption = `Key dates ${result.academic_year}: ${result.subject_title}; bank holidays for ${result.nation_name}`;
  return resultTable(element("table", {},
    element("caption", {}, caption),
    element("thead", {}, element("tr", {}, ["Date", "What happens", "Check", "Source"].map((heading) =>
      element("th", { attributes: { scope: "col" } }, heading)))),
    element("tbody", {}, result.dates.map((item) => element("tr", { dataset: { id: item.id, date: item.date } },
      element("td", {}, item.date_text),
      element("td", {}, element("strong", {}, item.title),
        item.for_subjects ? element("span", { className: "cg-key-dates__for" }, ` (${item.for_subjects})`) : "",
        element("br"), item.what),
      element("td", {}, item.warnings.map((warning) =>
        element("p", { className: "cg-warning", dataset: { code: warning.code } }, warning.message))),
      element("td", { className: "cg-source" }, item.source))))), { label: caption, className: "cg-key-dates" });
}

function reminderText(days) {
  if (days === null) return "";
  const when = days === 0 ? "on the morning of each date"
    : `${days} day${days === 1 ? "" : "s"} before each date, at 9am`;
  return ` The calendar file reminds you ${when}.`;
}

export function render(result, region) {
  const save = element("button", { type: "button", className: "md-button cg-download" }, "Download to calendar (.ics)");
  save.addEventListener("click",
    () => saveCalendar(result.calendar, `key-dates-${result.academic_year}-${result.nation}.ics`));
  const print = element("button", { type: "button", className: "md-button cg-print" }, "Print the plan");
  print.addEventListener("click", () => window.print());
  region.replaceChildren(element("div", { className: "cg-panel cg-plan" },
    element("h2", { className: "cg-panel__title" }, `Key dates for ${result.academic_year}`),
    element("p", {}, `${result.subject_title}. Bank holidays for ${result.nation_name}: the regular ones every year, ` +
      `one-off days as proclaimed to the end of ${result.bank_holidays_known_to}.` +
      reminderText(result.reminder_days)),
    ...result.warnings.map((warning) =>
      element("p", { className: "cg-warning", dataset: { code: warning.code } }, warning.message)),
    timeline(result),
    table(result),
    element("p", { className: "cg-panel__actions" }, save, " ", print)));
}

// Open on the academic year that today falls in unless the link names one. With no answers in
// the link at all, show that year at once; otherwise the page script fills the form and submits.
// A link from before several subjects could be ticked says subject=art-and-design: that box alone.
// A press made before the page was wired (data-pressed) is answered with the form as the reader
// set it, so neither is done then; nor is the year moved once the reader has chosen one. On a
// slow laptop the first plan can come a second or more after the page shows, so a plan that
// comes after the reader has changed the form is dropped rather than shown under their choice.
// (A list with no option marked as chosen in the page starts on its first option.)
function changedByReader(form) {
  return [...form.elements].some((control) => {
    if (!control.name || !["INPUT", "SELECT", "TEXTAREA"].includes(control.tagName)) return false;
    if (control.tagName !== "SELECT") {
      return control.checked !== control.defaultChecked || control.value !== control.defaultValue;
    }
    const start = [...control.options].find((option) => option.defaultSelected) || control.options[0];
    return Boolean(start) && control.value !== start.value;
  });
}

export function bind({ mount, form, region, calculate, signal }) {
  if (mount.hasAttribute("data-pressed")) return;
  const touched = changedByReader(form);
  const params = new URLSearchParams(location.search);
  const boxes = form.elements.namedItem("subjects");
  if (params.has("subject") && !params.has("subjects")) {
    for (const box of boxes) box.checked = box.value === params.get("subject");
  }
  const select = form.elements.namedItem("academic_year");
  if (!params.has("academic_year") && !touched) {
    const today = new Date();
    const first = today.getMonth() >= 8 ? today.getFullYear() : today.getFullYear() - 1;
    const wanted = `${first}-${String((first + 1) % 100).padStart(2, "0")}`;
    if ([...select.options].some((option) => option.value === wanted)) select.value = wanted;
  }
  if ([...params.keys()].some((name) => form.elements.namedItem(name))) return;
  // An answer that comes after the reader has left the page, or changed the form, is dropped.
  const asked = JSON.stringify(readForm(form));
  calculate(JSON.parse(asked)).then((result) => {
    if (result.ok && !signal.aborted && JSON.stringify(readForm(form)) === asked) render(result, region);
  }).catch(() => {});
}
