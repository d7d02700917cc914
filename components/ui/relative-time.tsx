"use client";

import { useEffect, useState } from "react";
import { dateTitle, formatDate } from "./date-time";

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["day", 86_400_000],
  ["hour", 3_600_000],
  ["minute", 60_000],
  ["second", 1_000],
];
const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto", style: "short" });

export function relativeTime(date: Date, now: number): string {
  const diff = date.getTime() - now;
  if (Math.abs(diff) < 5_000) return "just now";
  if (Math.abs(diff) > 30 * 86_400_000) return formatDate(date);
  const [unit, ms] = UNITS.find(([, size]) => Math.abs(diff) >= size) ?? UNITS[UNITS.length - 1];
  return format.format(Math.round(diff / ms), unit);
}

/** The current time, refreshed every `everyMs` so relative times keep moving. */
function useNow(everyMs: number): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    const timer = setInterval(() => setNow(Date.now()), everyMs);
    return () => clearInterval(timer);
  }, [everyMs]);
  return now;
}

/** "3 min ago" (older than a month: the date), with the console's date and time and the exact instant on hover. */
export function RelativeTime({ date, className }: { date: Date; className?: string }) {
  const now = useNow(10_000);
  return (
    <time dateTime={date.toISOString()} title={dateTitle(date)} className={`whitespace-nowrap ${className ?? ""}`}>
      {relativeTime(date, now)}
    </time>
  );
}
