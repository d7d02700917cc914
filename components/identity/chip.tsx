import { X } from "lucide-react";
import type { ReactNode } from "react";

const TONES = {
  gray: "bg-gray-50 text-gray-700 ring-gray-500/20",
  red: "bg-red-50 text-red-800 ring-red-600/20",
  blue: "bg-blue-50 text-blue-800 ring-blue-600/20",
} as const;

/** A value in a list (a path, a blocked value), in monospace, with a remove button when `onRemove` is given. */
export function Chip(props: {
  children: ReactNode;
  tone?: keyof typeof TONES;
  icon?: ReactNode;
  removeLabel?: string;
  onRemove?: () => void;
  title?: string;
  /** Keep on one line (in a table column that should grow to fit it) instead of wrapping anywhere. */
  nowrap?: boolean;
}) {
  const { children, tone = "gray", icon, removeLabel, onRemove, title, nowrap } = props;
  return (
    <span
      title={title}
      className={`inline-flex max-w-full items-center gap-1 rounded-md py-0.5 pl-2 font-mono text-xs ring-1 ring-inset ${onRemove ? "pr-0.5" : "pr-2"} ${TONES[tone]}`}
    >
      {icon}
      <span className={nowrap ? "whitespace-nowrap" : "[overflow-wrap:anywhere]"}>{children}</span>
      {onRemove && (
        <button
          type="button"
          onClick={onRemove}
          aria-label={removeLabel}
          className="rounded p-0.5 opacity-60 hover:bg-black/5 hover:opacity-100"
        >
          <X aria-hidden className="h-3 w-3" />
        </button>
      )}
    </span>
  );
}
