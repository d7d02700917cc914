"use client";

import { FileUp } from "lucide-react";
import { useRef, useState } from "react";

/** A file picker that also takes a file dropped on it. */
export function DropZone({ onFile, disabled }: { onFile: (file: File) => void; disabled?: boolean }) {
  const input = useRef<HTMLInputElement>(null);
  const [over, setOver] = useState(false);
  return (
    <div
      onDragOver={(e) => {
        e.preventDefault();
        if (!disabled) setOver(true);
      }}
      onDragLeave={() => setOver(false)}
      onDrop={(e) => {
        e.preventDefault();
        setOver(false);
        const file = e.dataTransfer.files?.[0];
        if (file && !disabled) onFile(file);
      }}
      className={`flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed px-6 py-8 text-center transition-colors ${
        over ? "border-blue-400 bg-blue-50" : "border-gray-300 bg-gray-50"
      }`}
    >
      <FileUp className="h-8 w-8 text-gray-400" aria-hidden />
      <p className="text-sm text-gray-700">
        Drop a CSV file here, or{" "}
        <button
          type="button"
          disabled={disabled}
          onClick={() => input.current?.click()}
          className="font-medium text-blue-700 hover:underline disabled:opacity-50"
        >
          choose one
        </button>
      </p>
      <p className="text-xs text-gray-500">First line: column names. Any size; UTF-8 or UTF-16.</p>
      <input
        ref={input}
        aria-label="Enrichment file"
        type="file"
        accept=".csv,.tsv,.txt,text/csv"
        className="sr-only"
        disabled={disabled}
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) onFile(file);
          e.target.value = "";
        }}
      />
    </div>
  );
}
