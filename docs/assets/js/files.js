// A chosen file as the calculators take it ({name, size, data: base64}). Python refuses files over
// the mount's data-max-file-bytes; checking here avoids copying a huge file to the worker.
function toBase64(buffer) {
  const bytes = new Uint8Array(buffer);
  let binary = "";
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode.apply(null, bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

export async function readFile(file, maxBytes) {
  if (file.size > maxBytes) return { name: file.name, size: file.size, data: "" };
  return { name: file.name, size: file.size, data: toBase64(await file.arrayBuffer()) };
}
