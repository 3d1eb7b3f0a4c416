// Shows a "deadline" answer: the date with its weekday, how it was counted, and the source.
import { element } from "../render.js";

export function render(result, region) {
  const warnings = (result.warnings || []).map((warning) => element("p", { className: "cg-warning" }, warning.message));
  region.replaceChildren(
    element("div", { className: "cg-panel" },
      element("h2", { className: "cg-panel__title" }, result.outcome),
      element("p", { className: "cg-panel__answer", dataset: { deadline: result.deadline } }, result.deadline_text),
      element("p", {}, `${result.days} ${result.day_kind} days after ${result.start_text}, the day ${result.starts} (day 0).`),
      ...warnings,
      element("p", { className: "cg-source" }, `Source: ${result.source}`),
    ),
  );
}
