// Shows a "sample-size" answer: the number of learners, the band and table it came from, and why
// that table applies to the chosen series.
import { element, nextSteps } from "../render.js";

export function render(result, region) {
  const answer = result.all ? `Every learner (${result.size})` : `${result.size} learners`;
  region.replaceChildren(
    element("div", { className: "cg-panel" },
      element("h2", { className: "cg-panel__title" },
        `Sample for ${result.cohort} learner${result.cohort === 1 ? "" : "s"}, ${result.series_label}`),
      element("p", { className: "cg-panel__answer", dataset: { size: String(result.size) } }, answer),
      element("p", {}, result.rule),
      element("p", {}, `${result.table.title}: ${result.band}.`),
      element("p", {}, result.table.why),
      ...result.warnings.map((warning) =>
        element("p", { className: "cg-warning", dataset: { code: warning.code } }, warning.message)),
      element("p", { className: "cg-source" }, `Source: ${result.source}`),
      nextSteps(result.next),
    ),
  );
}
