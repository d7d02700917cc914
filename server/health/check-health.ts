import type { DatabaseHandle } from "@/db/client";

export type Health = { status: "ok"; database: "ok" } | { status: "error"; database: "unreachable"; reason: string };

/** Pings the database with a deadline; a failure says why. */
export async function checkHealth(handle: () => Promise<DatabaseHandle>, timeoutMs = 2000): Promise<Health> {
  let timer: NodeJS.Timeout | undefined;
  try {
    const deadline = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
    });
    await Promise.race([handle().then((h) => h.ping()), deadline]);
    return { status: "ok", database: "ok" };
  } catch (error) {
    return { status: "error", database: "unreachable", reason: error instanceof Error ? error.message : String(error) };
  } finally {
    clearTimeout(timer);
  }
}
