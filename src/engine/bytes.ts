// Byte-array helpers shared by the readers (weights/zip.ts), the worker's download and the test-file writers.

/** The chunks one after the other in a new array (`total`, when the caller has counted it, is their summed length). */
export function concatBytes(chunks: readonly Uint8Array[], total = chunks.reduce((a, c) => a + c.length, 0)): Uint8Array {
  const out = new Uint8Array(total);
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
}
