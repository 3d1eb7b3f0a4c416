// GOV.UK-style error feedback: one summary at the top linking to each field, and the message
// beside the field itself. Nothing the user typed is touched.

function fieldParts(form, field) {
  const wrapper = form.querySelector(`[data-field="${CSS.escape(field)}"]`);
  if (!wrapper) return null;
  const control = wrapper.querySelector("input, select, textarea, fieldset");
  return { wrapper, control, message: wrapper.querySelector(".cg-field-error") };
}

export function clearErrors(form) {
  const summary = form.querySelector("[data-error-summary]");
  if (summary) {
    summary.hidden = true;
    summary.querySelector("ul").replaceChildren();
  }
  for (const wrapper of form.querySelectorAll(".cg-field--error")) {
    wrapper.classList.remove("cg-field--error");
    const message = wrapper.querySelector(".cg-field-error");
    message.hidden = true;
    message.textContent = "";
    const control = wrapper.querySelector("input, select, textarea, fieldset");
    control.removeAttribute("aria-invalid");
    const described = (control.getAttribute("aria-describedby") || "").split(" ")
      .filter((id) => id && id !== message.id);
    if (described.length) control.setAttribute("aria-describedby", described.join(" "));
    else control.removeAttribute("aria-describedby");
  }
}

// errors: {field: message}. Fields not on the form are listed in the summary only.
export function showErrors(form, errors) {
  clearErrors(form);
  const summary = form.querySelector("[data-error-summary]");
  const list = summary.querySelector("ul");
  for (const [field, text] of Object.entries(errors)) {
    const parts = fieldParts(form, field);
    const item = document.createElement("li");
    if (parts) {
      parts.wrapper.classList.add("cg-field--error");
      parts.message.hidden = false;
      const hidden = document.createElement("span");
      hidden.className = "cg-visually-hidden";
      hidden.textContent = "Error: ";
      parts.message.replaceChildren(hidden, document.createTextNode(text));
      parts.control.setAttribute("aria-invalid", "true");
      const described = new Set((parts.control.getAttribute("aria-describedby") || "").split(" ").filter(Boolean));
      described.add(parts.message.id);
      parts.control.setAttribute("aria-describedby", [...described].join(" "));
      const link = document.createElement("a");
      const target = parts.control.matches("fieldset") ? parts.control.querySelector("input") : parts.control;
      link.href = `#${target.id}`;
      // mkdocs-material's instant navigation takes over link clicks whatever preventDefault says,
      // and would swap the page (losing what was typed); it leaves links with a target alone.
      link.target = "_self";
      link.textContent = text;
      link.addEventListener("click", (event) => {
        event.preventDefault();
        target.focus();
        parts.wrapper.scrollIntoView({ block: "center" });
      });
      item.append(link);
    } else {
      item.textContent = text;
    }
    list.append(item);
  }
  summary.hidden = false;
  summary.focus();
}

// The fields of messages ({field: message}, Python's words for a field left empty) that the
// reader has left empty: a text box with nothing in it, a list with no choice, a group with
// nothing ticked. Hidden and disabled controls, and ones a page script fills (type hidden),
// are Python's to judge.
export function emptyFields(form, messages) {
  const empty = {};
  for (const [field, message] of Object.entries(messages)) {
    const found = form.elements.namedItem(field);
    if (!found) continue;
    const controls = (found instanceof RadioNodeList ? [...found] : [found]).filter((control) =>
      !["hidden", "file"].includes(control.type) && !control.disabled && !control.closest("[hidden]"));
    if (!controls.length) continue;
    const filled = controls.some((control) =>
      (["radio", "checkbox"].includes(control.type) ? control.checked : control.value.trim() !== ""));
    if (!filled) empty[field] = message;
  }
  return empty;
}
