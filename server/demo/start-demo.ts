import type { Db } from "@/db/client";
import { ensureDemoSource, type DemoSource } from "./ensure-demo-source";
import { startDemoTraffic, type DemoTrafficOptions } from "./start-demo-traffic";

/**
 * The demo workspace's data intake in one call: its "Website (demo)" source (created with two weeks of history
 * the first time), then live traffic into it. `stop` ends the traffic; await it before closing the database.
 */
export async function startDemo(
  db: Db,
  workspaceId: string,
  options?: DemoTrafficOptions,
): Promise<{ source: DemoSource; stop: () => Promise<void> }> {
  const source = await ensureDemoSource(db, workspaceId);
  return { source, stop: startDemoTraffic(db, workspaceId, source.sourceId, options) };
}
