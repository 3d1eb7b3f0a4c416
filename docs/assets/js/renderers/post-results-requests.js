// Page wiring for "post-results-requests": the sheet of requests (pasted, or a file) goes to Python
// with today's date from this computer and the nation; the answer shows what is due next, then
// every request with its dates (past ones marked), and offers the CSV and a calendar file.
import { element } from "../render.js";
import { resultTable } from "../tables.js";
import { bindSheet, localToday, problemList, saveText, sheetInputs, showColumns } from "./sheet-form.js";

const PREFIX = "post-results-requests";
const STATUS = { dated: "", refused: "Refused", "no-deadline": "No date to work out" };

export function readInputs(form) {
  return { today: form.elements.today.value, nation: form.elements.nation.value, ...sheetInputs(form, "requests") };
}

export function bind({ form }) {
  // Today is the reader's own date; Python has no clock. A typed date is kept.
  if (!form.elements.today.value) form.elements.today.value = localToday();
  bindSheet(form, "requests");
}

function who(item) {
  return [item.candidate, item.component].filter(Boolean).join(", ");
}

function dueNext(result) {
  if (!result.due_next.length) return element("p", {}, "No request has a date on or after today.");
  return resultTable(
    element(
      "table",
      {},
      element("caption", {}, "What is due next: each request's next date, soonest first"),
      element(
        "thead",
        {},
        element(
          "tr",
          {},
          ["Date", "What", "Candidate and component", "Service", "Row"].map((title) =>
            element("th", { scope: "col" }, title),
          ),
        ),
      ),
      element(
        "tbody",
        {},
        result.due_next.map((item) =>
          element(
            "tr",
            { dataset: { row: String(item.row), date: item.date } },
            element("td", {}, item.is_today ? `${item.date_text} (today)` : item.date_text),
            element(
              "td",
              {},
              item.what,
              item.planning ? element("span", { className: "cg-source" }, `A planning date, ${item.planning}.`) : null,
            ),
            element("td", {}, who(item)),
            element("td", {}, item.service_title),
            element("td", {}, String(item.row)),
          ),
        ),
      ),
    ),
    // Five columns do not fit a phone: the table scrolls in its own box, not the page.
    { label: "What is due next", className: "cg-requests__next" },
  );
}

function dateList(request) {
  if (!request.dates.length) return null;
  return element(
    "ul",
    { className: "cg-requests__dates" },
    request.dates.map((item) =>
      element(
        "li",
        { dataset: { stage: item.stage, date: item.date, past: String(item.past) } },
        element("strong", {}, `${item.what}: `),
        item.date_text,
        item.past ? element("span", { className: "cg-requests__past" }, " (already past)") : null,
        item.is_today ? element("span", { className: "cg-requests__past" }, " (today)") : null,
        item.planning ? element("span", { className: "cg-source" }, `A planning date, ${item.planning}.`) : null,
        // What the deadline calculator says of this date (a weekend, when to send it, which
        // date the count starts from): the same words as that page gives.
        (item.warnings || []).map((warning) => element("span",
          { className: "cg-requests__date-warning", dataset: { code: warning.code } }, warning.message)),
        element("span", { className: "cg-source" }, `Source: ${item.source}`),
      ),
    ),
  );
}

function requestRows(result) {
  return resultTable(
    element(
      "table",
      {},
      element("caption", {}, "Every request, in the order of your sheet"),
      element(
        "thead",
        {},
        element(
          "tr",
          {},
          ["Row", "Candidate and component", "Service", "Dates", "Check"].map((title) =>
            element("th", { scope: "col" }, title),
          ),
        ),
      ),
      element(
        "tbody",
        {},
        result.requests.map((request) =>
          element(
            "tr",
            { dataset: { row: String(request.row), status: request.status } },
            element("td", {}, String(request.row)),
            element(
              "td",
              {},
              who(request),
              request.qualification ? element("span", { className: "cg-source" }, request.qualification) : null,
            ),
            element(
              "td",
              {},
              request.service_title,
              // How the sheet's own words were read, so a misreading is plain to see.
              request.service.trim().toLowerCase() !== request.service_title.toLowerCase()
                ? element("span", { className: "cg-source" }, `Your sheet: ${request.service}`)
                : null,
              STATUS[request.status]
                ? element("strong", { className: "cg-requests__status" }, ` ${STATUS[request.status]}`)
                : null,
            ),
            element("td", {}, dateList(request), request.message ? element("p", {}, request.message) : null),
            element(
              "td",
              {},
              request.warnings.map((warning) =>
                element("p", { className: "cg-warning", dataset: { code: warning.code } }, warning.message),
              ),
            ),
          ),
        ),
      ),
    ),
    { label: "Every request", className: "cg-requests__all" },
  );
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
        ...[problemList(result.problems, result.problem_count, "Rows to check")].filter(Boolean),
      ),
    );
    form.querySelector("[data-columns] select")?.focus();
    return;
  }
  const csv = element(
    "button",
    { type: "button", className: "md-button cg-sample__action" },
    "Download the dates (CSV)",
  );
  csv.addEventListener("click", () =>
    saveText(result.csv, `post-results-dates-${result.today}.csv`, "text/csv;charset=utf-8"),
  );
  const calendar = element(
    "button",
    { type: "button", className: "md-button cg-sample__action" },
    "Add every date to a calendar (.ics)",
  );
  calendar.addEventListener("click", () =>
    saveText(result.calendar, `post-results-dates-${result.today}.ics`, "text/calendar;charset=utf-8"),
  );
  const { summary } = result;
  region.replaceChildren(
    element(
      "div",
      { className: "cg-panel" },
      element(
        "h2",
        { className: "cg-panel__title" },
        `${summary.requests.toLocaleString("en-GB")} request${summary.requests === 1 ? "" : "s"}, ` +
          `as of ${result.today_text}`,
      ),
      element(
        "ul",
        {},
        result.summary_lines.map((line) => element("li", {}, line)),
      ),
      element("p", { className: "cg-hint" }, `Bank holidays for ${result.nation_name}.`),
    ),
    ...result.notes.map((note) => element("p", { className: "cg-hint" }, note)),
    element("div", { className: "cg-sample__actions" }, csv, calendar),
    ...[problemList(result.problems, result.problem_count, "Rows to check")].filter(Boolean),
    element("h2", {}, "What is due next"),
    dueNext(result),
    element("h2", {}, "Every request"),
    requestRows(result),
  );
}
