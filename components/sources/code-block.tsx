import { CopyButton } from "../ui/copy-button";

export function CodeBlock({ code, label }: { code: string; label: string }) {
  return (
    <div className="relative">
      <CopyButton text={code} className="absolute right-2 top-2" />
      <pre aria-label={label} className="overflow-x-auto rounded-md bg-gray-900 p-4 pr-20 font-mono text-xs leading-relaxed text-gray-100">
        {code}
      </pre>
    </div>
  );
}
