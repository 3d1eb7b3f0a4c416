// Rows of assessments that the reader adds and removes, for the certification check and the
// cohort plan: the add and remove buttons, focus left somewhere sensible (the new row, the next
// row, or the add button), the rows renumbered so their labels, ids and names stay in order, and
// no more rows than Python accepts (the mount's data-max-rows).

// The [data-row] rows directly inside list, in order.
export function rowsOf(list) {
  return [...list.querySelectorAll(":scope > [data-row]")];
}

// container lasts for the page; list and add are selectors inside it, looked up at each click
// because a renderer may rebuild them (the cohort plan does on every new plan).
//   newRow(last): a fresh row element, given the last row (undefined if there is none)
//   number(row, index, count): writes the row's number into its labels, ids and names
//   changed(): called after a row is added or removed
// Returns renumber(), for a renderer that changes the rows itself.
export function rowEditor(container, { list, add, max, newRow, number, changed = () => {}, signal }) {
  const rows = () => rowsOf(container.querySelector(list));
  const renumber = () => {
    const all = rows();
    all.forEach((row, index) => {
      number(row, index, all.length);
      // Screen readers hear which assessment each Remove button removes.
      row.querySelector("[data-remove]").lastElementChild.textContent = ` assessment ${index + 1}`;
    });
    container.querySelector(add).disabled = all.length >= max;
  };
  container.addEventListener("click", (event) => {
    if (event.target.closest(add)) {
      const fresh = newRow(rows().at(-1));
      container.querySelector(list).append(fresh);
      renumber();
      fresh.querySelector("select").focus();
      changed();
      return;
    }
    const remove = event.target.closest("[data-remove]");
    if (!remove) return;
    const row = remove.closest("[data-row]");
    const next = row.nextElementSibling || row.previousElementSibling;
    row.remove();
    renumber();
    (next ? next.querySelector("select") : container.querySelector(add)).focus();
    changed();
  }, { signal });
  return renumber;
}
