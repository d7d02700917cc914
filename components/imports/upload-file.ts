export interface UploadOutcome {
  status: number;
  body: {
    import?: {
      importId: string;
      status: string;
      rowsImported: number;
      rowsDuplicate: number;
      rowsFailed: number;
      error: string | null;
    };
    error?: { code: string; message: string };
  };
}

/**
 * Posts a file as the raw request body (the browser streams it from disk) with XMLHttpRequest, whose upload
 * events give a progress bar; fetch has none for uploads. The server answers once the file is imported.
 */
export function uploadFile(
  url: string,
  file: File,
  contentType: string,
  onProgress: (sent: number, total: number) => void,
): { done: Promise<UploadOutcome>; abort: () => void } {
  const xhr = new XMLHttpRequest();
  const done = new Promise<UploadOutcome>((resolve, reject) => {
    xhr.open("POST", url);
    xhr.setRequestHeader("content-type", contentType);
    xhr.upload.onprogress = (e) => onProgress(e.loaded, e.lengthComputable ? e.total : file.size);
    xhr.onload = () => {
      try {
        resolve({ status: xhr.status, body: JSON.parse(xhr.responseText) as UploadOutcome["body"] });
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
      reject(
        new Error(
          "The upload failed (network error); rows already imported stay, and importing the file again skips them.",
        ),
      );
    xhr.onabort = () => reject(new Error("The upload was cancelled; rows already imported stay."));
    xhr.send(file);
  });
  return { done, abort: () => xhr.abort() };
}
