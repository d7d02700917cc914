import { describeChange } from "./describe-change";

/** An audit row's change, one line per field: `field: before → after` (wraps, never clipped). */
export function AuditChange({ summary }: { summary: { before?: unknown; after?: unknown } }) {
  const lines = describeChange(summary);
  if (!lines.length) return <span className="text-gray-400">—</span>;
  return (
    <ul className="space-y-0.5">
      {lines.map((line, i) => (
        <li key={i} className="[overflow-wrap:anywhere]">
          {line.field && <span className="text-gray-500">{line.field}: </span>}
          {line.before !== undefined && (
            <span
              className={line.after !== undefined ? "text-red-700 line-through decoration-red-300" : "text-gray-700"}
            >
              {line.before}
            </span>
          )}
          {line.before !== undefined && line.after !== undefined && <span className="text-gray-400">{" → "}</span>}
          {line.after !== undefined && <span className="text-green-800">{line.after}</span>}
        </li>
      ))}
    </ul>
  );
}
