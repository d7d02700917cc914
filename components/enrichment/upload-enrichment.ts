import type { EnrichmentMapping } from "@/server/enrichment/schema";

export interface EnrichmentOutcome {
  status: number;
  body: {
    file?: {
      fileId: string;
      name: string;
      status: "completed" | "failed";
      error: string | null;
      rowsTotal: number;
      rowsMatched: number;
      rowsCreated: number;
      rowsUnmatched: number;
      rowsInvalid: number;
      traitsWritten: number;
    };
    error?: { code: string; message: string };
  };
}

/**
 * Posts the file as the raw request body (streamed from disk by the browser) with its mapping in a header,
 * through XMLHttpRequest for its upload progress events. The server answers once the file is applied.
 */
export function uploadEnrichment(
  file: File,
  mapping: EnrichmentMapping,
  onProgress: (sent: number) => void,
): Promise<EnrichmentOutcome> {
  const xhr = new XMLHttpRequest();
  return new Promise<EnrichmentOutcome>((resolve, reject) => {
    xhr.open("POST", "/api/enrichment");
    xhr.setRequestHeader("content-type", "text/csv");
    xhr.setRequestHeader("x-enrichment-options", JSON.stringify({ fileName: file.name, mapping }));
    xhr.upload.onprogress = (e) => onProgress(e.loaded);
    xhr.onload = () => {
      try {
        resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) as EnrichmentOutcome["body"] });
      } catch {
        resolve({
          status: xhr.status,
          body: {
            error: { code: "unreadable_answer", message: `The server answered ${xhr.status} without a readable body` },
          },
        });
      }
    };
    xhr.onerror = () =>
      reject(new Error("The upload failed (network error); nothing after the last applied rows was changed."));
    xhr.send(file);
  });
}
