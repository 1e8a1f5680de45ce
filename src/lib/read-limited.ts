/**
 * Reads a byte stream to its end, stopping (and cancelling it) once it passes `maxBytes`: untrusted
 * bodies — a fetched scenario, a shared link's inflated run — are never held whole past their limit.
 */
export async function readBytesLimited(reader: ReadableStreamDefaultReader<Uint8Array>, maxBytes: number): Promise<{ bytes: Uint8Array } | { tooBig: number }> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => undefined);
      return { tooBig: size };
    }
    chunks.push(value);
  }
  const bytes = new Uint8Array(size);
  let at = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, at);
    at += chunk.byteLength;
  }
  return { bytes };
}
