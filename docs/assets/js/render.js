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
