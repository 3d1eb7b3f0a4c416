// Saves iCalendar text that Python wrote as a .ics file: a Blob made here, so nothing is fetched.
export function downloadCalendar(text, fileName) {
  const url = URL.createObjectURL(new Blob([text], { type: "text/calendar;charset=utf-8" }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}
