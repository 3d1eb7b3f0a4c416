// Reading and setting a calculator form's named fields, the same way for every calculator: the
// page script's default reading, renderers that read a plain form, and filling from the address.

// {name: value} of the enabled named fields: a radio group gives its checked value (or nothing),
// a checkbox true or false, a group of checkboxes sharing a name the list of the ticked values.
// Disabled fields are questions this answer does not need.
export function readForm(form) {
  const inputs = {};
  for (const element of form.elements) {
    if (!element.name || element.disabled) continue;
    if (element.type === "checkbox" && form.elements.namedItem(element.name) instanceof RadioNodeList) {
      inputs[element.name] ||= [];
      if (element.checked) inputs[element.name].push(element.value);
    } else if (element.type === "checkbox") inputs[element.name] = element.checked;
    else if (element.type === "radio") { if (element.checked) inputs[element.name] = element.value; }
    else inputs[element.name] = element.value;
  }
  return inputs;
}

// field: what form.elements.namedItem gives (a control, or a RadioNodeList for a radio group or
// a group of checkboxes). The value is text, as it comes from an address: "true" ticks a
// checkbox, "a,b" ticks those of a group of checkboxes, "" clears a field.
export function setField(field, value) {
  if (field instanceof RadioNodeList) {
    const ticked = value.split(",");
    for (const radio of field) {
      radio.checked = radio.type === "checkbox" ? ticked.includes(radio.value) : radio.value === value;
    }
  } else if (field.type === "checkbox") {
    field.checked = value === "true";
  } else {
    field.value = value;
  }
}
