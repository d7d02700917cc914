import { and, asc, eq } from "drizzle-orm";
import type { Db } from "@/db/client";
import { sources } from "@/db/schema";
import { DEMO_SOURCE_NAME } from "./ensure-demo-source";
import { startDemo } from "./start-demo";

/**
 * Keeps the demo alive across restarts: in the demo workspace just created, or else in the workspace that
 * holds the demo source. Returns the traffic's stop function, or null when there is no demo to run.
 */
export async function resumeDemo(db: Db, createdWorkspaceId: string | null): Promise<(() => Promise<void>) | null> {
  let workspaceId = createdWorkspaceId;
  if (!workspaceId) {
    const [demoSource] = await db
      .select({ workspaceId: sources.workspaceId })
      .from(sources)
      .where(and(eq(sources.type, "http"), eq(sources.name, DEMO_SOURCE_NAME)))
      .orderBy(asc(sources.createdAt))
      .limit(1);
    workspaceId = demoSource?.workspaceId ?? null;
  }
  if (!workspaceId) return null;
  return (await startDemo(db, workspaceId)).stop;
}
