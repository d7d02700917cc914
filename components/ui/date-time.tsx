/**
 * The console's one date format: "1 Jun 2025, 09:00:05" in the viewer's time zone, every page alike
 * (en-GB order and 24-hour clock whatever the browser's language, so tables line up and read the same).
 * The exact instant (UTC, ISO 8601) is on hover.
 */
const DATE_TIME = new Intl.DateTimeFormat("en-GB", {
  day: "numeric",
  month: "short",
  year: "numeric",
  hour: "2-digit",
  minute: "2-digit",
  second: "2-digit",
  hourCycle: "h23",
});
const DATE = new Intl.DateTimeFormat("en-GB", { day: "numeric", month: "short", year: "numeric" });

export const formatDateTime = (date: Date) => DATE_TIME.format(date);
export const formatDate = (date: Date) => DATE.format(date);

/** What the hover title says: the local date and time, and the exact instant in UTC. */
export const dateTitle = (date: Date) => `${formatDateTime(date)} (${date.toISOString()})`;

/** An absolute date and time (or date only), with the exact instant on hover. */
export function DateTime({
  date,
  dateOnly = false,
  className,
}: {
  date: Date;
  dateOnly?: boolean;
  className?: string;
}) {
  return (
    <time dateTime={date.toISOString()} title={dateTitle(date)} className={`whitespace-nowrap ${className ?? ""}`}>
      {dateOnly ? formatDate(date) : formatDateTime(date)}
    </time>
  );
}
