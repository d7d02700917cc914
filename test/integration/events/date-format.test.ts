import { describe, expect, it } from "vitest";
import { dateTitle, formatDate, formatDateTime } from "@/components/ui/date-time";
import { relativeTime } from "@/components/ui/relative-time";

/** The same instant in the test's own time zone, written out by hand. */
function localParts(date: Date) {
  const months = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
  const two = (n: number) => String(n).padStart(2, "0");
  return {
    day: `${date.getDate()} ${months[date.getMonth()]} ${date.getFullYear()}`,
    time: `${two(date.getHours())}:${two(date.getMinutes())}:${two(date.getSeconds())}`,
  };
}

describe("the console's one date format", () => {
  const date = new Date("2025-06-01T21:05:09.123Z");
  const { day, time } = localParts(date);

  it("writes day, short month, year and a 24-hour time, whatever the locale", () => {
    expect(formatDateTime(date)).toBe(`${day}, ${time}`);
    expect(formatDate(date)).toBe(day);
  });

  it("puts the exact instant in UTC in the hover title", () => {
    expect(dateTitle(date)).toBe(`${day}, ${time} (2025-06-01T21:05:09.123Z)`);
  });

  it("is what RelativeTime falls back to beyond a month", () => {
    expect(relativeTime(date, date.getTime() + 40 * 86_400_000)).toBe(day);
    expect(relativeTime(date, date.getTime() + 2_000)).toBe("just now");
  });
});
