// Facts the build writes on a calculator's mount from Python (build_tools/page_context.py), so
// no limit or name is typed a second time here: data-max-rows, data-components (JSON
// {"1": "Component 1", ...}) and data-max-file-bytes. node is the mount or anything inside it.
export function mountFacts(node) {
  const data = node.closest("[data-calculator]").dataset;
  return {
    maxRows: Number(data.maxRows),
    components: JSON.parse(data.components || "{}"),
    maxFileBytes: Number(data.maxFileBytes),
  };
}
