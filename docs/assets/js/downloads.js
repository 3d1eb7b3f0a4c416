// Saves text that Python wrote (a calendar, a CSV) as a file: a Blob made here and a link
// clicked for it, so nothing is fetched and nothing leaves the browser.
function saveFile(fileName, type, parts) {
  const url = URL.createObjectURL(new Blob(parts, { type }));
  const link = document.createElement("a");
  link.href = url;
  link.download = fileName;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked a moment later: revoking at once can cancel the download in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 1000);
}

export function saveCalendar(text, fileName) {
  saveFile(fileName, "text/calendar;charset=utf-8", [text]);
}

// The byte order mark tells Excel the file is UTF-8, so names with accents open correctly.
export function saveCsv(text, fileName) {
  saveFile(fileName, "text/csv;charset=utf-8", ["\ufeff", text]);
}
