/** A CSV report streamed to the browser as a download, line by line; cancelling the download stops the lines. */
export function csvDownload(report: { fileName: string; lines: AsyncGenerator<string, unknown, undefined> }): Response {
  const encoder = new TextEncoder();
  const body = new ReadableStream<Uint8Array>({
    async pull(controller) {
      const next = await report.lines.next();
      if (next.done) controller.close();
      else controller.enqueue(encoder.encode(next.value));
    },
    async cancel() {
      await report.lines.return(undefined);
    },
  });
  return new Response(body, {
    headers: {
      "content-type": "text/csv; charset=utf-8",
      "content-disposition": `attachment; filename="${report.fileName}"`,
      "cache-control": "no-store",
    },
  });
}
