import { ArrowDown, ArrowUp, X } from "lucide-react";
import type { ReactNode } from "react";

/** Moves the item at `index` one place up (-1) or down (+1). */
export function move<T>(items: T[], index: number, by: -1 | 1): T[] {
  const to = index + by;
  if (to < 0 || to >= items.length) return items;
  const next = [...items];
  [next[index], next[to]] = [next[to], next[index]];
  return next;
}

/**
 * A ranked list with up/down controls (and remove, when `onRemove` is given); read-only shows the ranks only.
 * `label(item)` names an item for the buttons' accessible names.
 */
export function OrderedList<T>(props: {
  items: T[];
  keyOf: (item: T) => string;
  label: (item: T) => string;
  render: (item: T) => ReactNode;
  readOnly: boolean;
  onChange: (items: T[]) => void;
  onRemove?: (item: T) => void;
  testId?: string;
}) {
  const { items, keyOf, label, render, readOnly, onChange, onRemove, testId } = props;
  const button = "rounded p-1 text-gray-500 hover:bg-gray-100 hover:text-gray-900 disabled:opacity-30";
  return (
    <ol className="divide-y divide-gray-100 rounded-md border border-gray-200">
      {items.map((item, i) => (
        <li key={keyOf(item)} data-testid={testId} className="flex items-center gap-3 px-3 py-2 text-sm">
          <span className="w-6 shrink-0 text-right font-mono text-xs text-gray-400">{i + 1}.</span>
          <div className="min-w-0 flex-1">{render(item)}</div>
          {!readOnly && (
            <div className="flex shrink-0 items-center gap-0.5">
              <button
                type="button"
                className={button}
                disabled={i === 0}
                aria-label={`Move ${label(item)} up`}
                onClick={() => onChange(move(items, i, -1))}
              >
                <ArrowUp aria-hidden className="h-4 w-4" />
              </button>
              <button
                type="button"
                className={button}
                disabled={i === items.length - 1}
                aria-label={`Move ${label(item)} down`}
                onClick={() => onChange(move(items, i, 1))}
              >
                <ArrowDown aria-hidden className="h-4 w-4" />
              </button>
              {onRemove && (
                <button
                  type="button"
                  className={button}
                  aria-label={`Remove ${label(item)}`}
                  onClick={() => onRemove(item)}
                >
                  <X aria-hidden className="h-4 w-4" />
                </button>
              )}
            </div>
          )}
        </li>
      ))}
    </ol>
  );
}
