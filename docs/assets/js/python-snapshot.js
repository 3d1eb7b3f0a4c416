// The start-up snapshot's files, as the build wrote them (build_tools/snapshot.py): the snapshot
// and Pyodide's wasm compressed with brotli, the snapshot holding only its non-zero stretches
// and without the wasm's static data. Used by python-worker.js; nothing here knows Pyodide.

let decoder = null;

// The brotli decoder (npm brotli-dec-wasm), loaded once, from the files build-info.js names.
// Called early (before the first file arrives), its download and compile overlap the others.
export function brotli(files, siteRoot) {
  decoder ??= import(new URL(files.script, siteRoot).href).then(async (module) => {
    await module.default({ module_or_path: new URL(files.wasm, siteRoot) });
    return module;
  });
  return decoder;
}

// Decodes a brotli response as it arrives, handing each piece of output to `take`. A file
// cut short or corrupt is an error, never a short result.
export async function unbrotli(response, take, files, siteRoot) {
  const { BrotliDecStream, BrotliStreamResultCode: code } = await brotli(files, siteRoot);
  const stream = new BrotliDecStream();
  const reader = response.body.getReader();
  try {
    for (;;) {
      const { done, value } = await reader.read();
      if (done) throw new Error("the file was cut short");
      let input = value;
      for (;;) {
        const result = stream.dec(input, 1 << 20);
        const [output, used, status] = [result.buf, result.input_offset, result.code];
        result.free();
        if (output.length) take(output);
        input = input.subarray(used);
        if (status === code.ResultSuccess) return;
        if (status === code.NeedsMoreInput) break;
      }
    }
  } finally {
    stream.free();
    reader.cancel().catch(() => {});
  }
}

// The same for gzip, which the browser inflates natively.
export async function ungzip(response, take) {
  const reader = response.body.pipeThrough(new DecompressionStream("gzip")).getReader();
  for (;;) {
    const { done, value } = await reader.read();
    if (done) return;
    take(value);
  }
}

// The snapshot file is the stretches of memory worth shipping, one after the other (the rest
// is zeros): each piece goes straight to its place in a zeroed buffer of the memory's length.
// A file that ends early or runs long is refused.
export function spanWriter({ length, spans }) {
  const memory = new Uint8Array(length);
  let span = 0;
  let filled = 0;
  const take = (piece) => {
    for (let at = 0; at < piece.length;) {
      if (span === spans.length) throw new Error("the start-up snapshot is longer than its layout");
      const [offset, size] = spans[span];
      const count = Math.min(size - filled, piece.length - at);
      memory.set(piece.subarray(at, at + count), offset + filled);
      at += count;
      filled += count;
      if (filled === size) [span, filled] = [span + 1, 0];
    }
  };
  const finish = () => {
    if (span !== spans.length) throw new Error("the start-up snapshot was cut short");
    return memory;
  };
  return { take, finish };
}

function leb(bytes, at, signed = false) {
  let value = 0;
  let shift = 0;
  let byte;
  do {
    byte = bytes[at++];
    value += (byte & 0x7f) * 2 ** shift;
    shift += 7;
  } while (byte & 0x80);
  if (signed && byte & 0x40) value -= 2 ** shift;
  return [value, at];
}

// The build XORed the wasm's static data out of the snapshot, because nearly all of it is
// unchanged and the wasm carries it anyway (build_tools/snapshot.py, _take_out_data); this
// puts it back, from the active data segments of the wasm, at the shift the build found.
export function putBackStaticData(memory, wasm, shift) {
  let at = 8;
  while (at < wasm.length) {
    const section = wasm[at];
    const [size, body] = leb(wasm, at + 1);
    if (section === 11) {
      let [count, cursor] = leb(wasm, body);
      while (count--) {
        let flag, offset = null, length;
        [flag, cursor] = leb(wasm, cursor);
        if (flag === 0) {
          if (wasm[cursor] !== 0x41) throw new Error("unexpected data segment offset");
          [offset, cursor] = leb(wasm, cursor + 1, true);
          cursor += 1;
        } else if (flag !== 1) {
          throw new Error("unexpected data segment");
        }
        [length, cursor] = leb(wasm, cursor);
        if (offset !== null) {
          const target = offset + shift;
          for (let i = 0; i < length; i++) memory[target + i] ^= wasm[cursor + i];
        }
        cursor += length;
      }
      return;
    }
    at = body + size;
  }
  throw new Error("no data section in the wasm");
}
