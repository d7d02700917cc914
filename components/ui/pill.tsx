import type { ReactNode } from "react";

/**
 * A small coloured label. (Tremor's coloured Badge relies on bg-opacity utilities that Tailwind 4 no longer
 * has, so it renders solid; these classes are written out in full so Tailwind generates them.)
 */
const TONES = {
  gray: "bg-gray-50 text-gray-600 ring-gray-500/20",
  blue: "bg-blue-50 text-blue-700 ring-blue-600/20",
  emerald: "bg-emerald-50 text-emerald-700 ring-emerald-600/20",
  teal: "bg-teal-50 text-teal-700 ring-teal-600/20",
  violet: "bg-violet-50 text-violet-700 ring-violet-600/20",
  amber: "bg-amber-50 text-amber-800 ring-amber-600/20",
  fuchsia: "bg-fuchsia-50 text-fuchsia-700 ring-fuchsia-600/20",
  red: "bg-red-50 text-red-700 ring-red-600/20",
} as const;

export type Tone = keyof typeof TONES;

export function Pill({ tone = "gray", children, title }: { tone?: Tone; children: ReactNode; title?: string }) {
  return (
    <span
      title={title}
      className={`inline-flex w-max items-center whitespace-nowrap rounded-md px-2 py-0.5 text-xs font-medium ring-1 ring-inset ${TONES[tone]}`}
    >
      {children}
    </span>
  );
}
