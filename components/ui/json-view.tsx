"use client";

import { CopyButton } from "./copy-button";

/** A JSON value pretty-printed, with a Copy button. Text that is not JSON is shown as it is. */
export function JsonView({ value, label = "Event JSON" }: { value: unknown; label?: string }) {
  const text = typeof value === "string" ? value : JSON.stringify(value, null, 2);
  return (
    <div className="relative">
      <CopyButton text={text} className="absolute right-2 top-2" />
      <pre
        aria-label={label}
        className="max-h-[28rem] overflow-auto whitespace-pre-wrap rounded-md bg-gray-900 p-4 pr-20 font-mono text-xs leading-relaxed text-gray-100 [overflow-wrap:anywhere]"
      >
        {text}
      </pre>
    </div>
  );
}
