// Builds result markup with DOM calls only: text goes in through textContent, so a learner's
// name or a pasted cell can never become HTML.
export function element(tag, properties = {}, ...children) {
  const node = document.createElement(tag);
  const { dataset, attributes, ...rest } = properties;
  Object.assign(node, rest);
  if (dataset) Object.assign(node.dataset, dataset);
  for (const [name, value] of Object.entries(attributes || {})) node.setAttribute(name, value);
  for (const child of children.flat()) {
    if (child === null || child === undefined || child === false) continue;
    node.append(child instanceof Node ? child : document.createTextNode(String(child)));
  }
  return node;
}

// The site's root, from this file's place in it (assets/js/render.js).
const SITE_ROOT = new URL("../../", import.meta.url);

// The address of a calculator's page with these inputs filled in, as its form reads them.
export function calculatorAddress(calculator, inputs = {}) {
  const address = new URL(`calculators/${calculator}/`, SITE_ROOT);
  for (const [name, value] of Object.entries(inputs)) address.searchParams.set(name, String(value));
  return `${address.pathname}${address.search}`;
}

// An answer's "next" steps ({text, calculator, inputs}, worked out in Python) as plain links.
export function nextSteps(next) {
  if (!next?.length) return null;
  return element("div", { className: "cg-next" },
    element("h3", { className: "cg-next__title" }, "What next"),
    element("ul", {}, next.map((step) => element("li", {},
      element("a", { href: calculatorAddress(step.calculator, step.inputs), dataset: { next: step.calculator } },
        step.text)))));
}
