// A calculator's answers in the page address, so an answer can be shared as a link and the back
// button steps through answers. Used by the page script for every calculator whose mount allows it,
// and by the after-January flow, which keeps its whole state there. Learner data never comes here:
// those mounts carry data-url-state="false".
import { setField } from "./forms.js";

// Fills the form from the address and says whether the address gave any of its fields. With no
// list, only the fields the address names change. With a list, the address is the whole state:
// a listed field it leaves out is cleared (going back must also forget answers given later).
export function fillFromAddress(form, fields = null) {
  const params = new URLSearchParams(location.search);
  let given = false;
  for (const name of fields || params.keys()) {
    const field = form.elements.namedItem(name);
    if (!field) continue;
    setField(field, params.get(name) ?? "");
    given ||= params.has(name);
  }
  return given;
}

// This page's address with these answers; empty ones (and unticked boxes) are left out. A list
// (the ticked boxes of a group) is written with commas: subjects=other,performing-arts.
export function addressWith(answers) {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(answers)) {
    const text = Array.isArray(value) ? value.join(",") : value;
    if (text !== "" && text !== false) params.set(name, String(text));
  }
  const query = params.toString();
  return query ? `${location.pathname}?${query}` : location.pathname;
}

// A new history entry for these answers, unless the address already says them. keepHash keeps
// the reader's place on the page (#section) in the entry.
export function rememberAnswers(answers, { keepHash = false } = {}) {
  const hash = keepHash ? location.hash : "";
  const address = `${addressWith(answers)}${hash}`;
  // Compared as the same encoding: a shared link may spell "1:2025-06" where this writes
  // "1%3A2025-06", and a new entry for the same answers would lose the Forward steps.
  const query = new URLSearchParams(location.search).toString();
  const current = `${location.pathname}${query ? `?${query}` : ""}${hash}`;
  if (address !== current) history.pushState(history.state, "", address);
}
