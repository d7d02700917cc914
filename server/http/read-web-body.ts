/** Reads a Web request body, giving up (and cancelling the stream) as soon as it passes maxBytes. */
export async function readWebBody(request: Request, maxBytes: number): Promise<Buffer | "too-large"> {
  if (!request.body) return Buffer.alloc(0);
  const reader = request.body.getReader();
  const chunks: Uint8Array[] = [];
  let size = 0;
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    size += value.byteLength;
    if (size > maxBytes) {
      await reader.cancel().catch(() => {});
      return "too-large";
    }
    chunks.push(value);
  }
  return Buffer.concat(chunks, size);
}
