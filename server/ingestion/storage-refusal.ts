/**
 * Which database errors are the data's fault. A statement refused for a value of one of its rows (SQLSTATE
 * class 22, data exception; 23, integrity constraint; 54, program limit such as nesting too deep) would be
 * refused again on every retry: the group-commit writer isolates the rows that cause it and refuses those
 * alone. Anything else — a lost connection, a timeout, a full disk — is an outage: the caller answers 503
 * and the client retries. (The unique violation of an already stored messageId is handled by storeEvents.)
 */
const DATA_CLASSES = new Set(["22", "23", "54"]);
const UNIQUE_VIOLATION = "23505";

function sqlState(error: unknown): string | null {
  const e = error as { code?: unknown; cause?: { code?: unknown } } | null;
  const code = typeof e?.code === "string" ? e.code : typeof e?.cause?.code === "string" ? e.cause.code : null;
  return code && /^[0-9A-Z]{5}$/.test(code) ? code : null;
}

export function isDataError(error: unknown): boolean {
  const code = sqlState(error);
  return code !== null && code !== UNIQUE_VIOLATION && DATA_CLASSES.has(code.slice(0, 2));
}

/** Why the database refused a row, for the client and the debugger, without the driver's text (it quotes values). */
export function refusalReason(error: unknown): string {
  const code = sqlState(error) ?? "unknown";
  if (code === "22021" || code === "22P05")
    return `the database cannot store a text of this event (a NUL character or invalid Unicode; SQLSTATE ${code})`;
  if (code === "22007" || code === "22008" || code === "22009")
    return `the database cannot store a timestamp of this event (out of range; SQLSTATE ${code})`;
  if (code.startsWith("54")) return `the event is too large or nested too deep for the database (SQLSTATE ${code})`;
  if (code.startsWith("23")) return `the event breaks a storage constraint (SQLSTATE ${code})`;
  return `the database refused a value of this event (SQLSTATE ${code})`;
}
