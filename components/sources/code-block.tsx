import { CopyButton } from "../ui/copy-button";

/**
 * A snippet to copy. Long lines wrap inside the box (a copied command is the text itself, unchanged), so nothing
 * is hidden past its edge at any width; the Copy button sits in its own bar, never over the code.
 */
export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <div className="min-w-0 overflow-hidden rounded-md bg-gray-900">
      <div className="flex items-center justify-between border-b border-gray-700 px-4 py-1.5">
        <span className="text-xs text-gray-400">{label}</span>
        <CopyButton text={code} />
      </div>
      <pre
        aria-label={label}
        className="whitespace-pre-wrap p-4 font-mono text-xs leading-relaxed text-gray-100 [overflow-wrap:anywhere]"
      >
        {code}
      </pre>
    </div>
  );
}
