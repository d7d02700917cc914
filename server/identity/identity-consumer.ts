import type { Db } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import type { PipelineConsumer, PipelineEvent } from "../pipeline/define-consumer";
import { extractIdentifiers } from "./extract-identifiers";
import { loadGraph } from "./load-graph";
import { loadIdentityRules } from "./load-identity-rules";
import { resolveBatch } from "./resolve-batch";
import { writeResolution, type ResolvedEvent } from "./write-resolution";

const isObject = (value: unknown): value is Record<string, unknown> =>
  typeof value === "object" && value !== null && !Array.isArray(value);

/** An event's traits: identify's `traits`, over `context.traits` of any call. */
function traitsOf(raw: Record<string, unknown>): Record<string, unknown> | null {
  const context = isObject(raw.context) && isObject(raw.context.traits) ? raw.context.traits : null;
  const own = raw.type === "identify" && isObject(raw.traits) ? raw.traits : null;
  return own || context ? { ...context, ...own } : null;
}

/**
 * Identity resolution as a pipeline consumer: each batch of events, per workspace, is resolved in memory
 * against the stored graph of the profiles it touches, then written set-based in the step's transaction.
 */
export const identityConsumer: PipelineConsumer = {
  id: "identity",
  batchSize: 1_000,
  async handle(tx: Db, events: PipelineEvent[]) {
    const byWorkspace = new Map<string, PipelineEvent[]>();
    for (const e of events) {
      const batch = byWorkspace.get(e.workspaceId);
      if (batch) batch.push(e);
      else byWorkspace.set(e.workspaceId, [e]);
    }
    for (const [workspaceId, batch] of byWorkspace) {
      const { rules, isBlocked } = await loadIdentityRules(tx, workspaceId);
      const resolved: ResolvedEvent[] = batch.map((e) => {
        const { identifiers, skipped } = extractIdentifiers(e.raw, rules, isBlocked);
        return {
          id: e.id,
          sourceId: e.sourceId,
          timestamp: e.timestamp,
          identifiers,
          skipped,
          traits: traitsOf(e.raw),
        };
      });
      const known = await loadGraph(
        tx,
        workspaceId,
        resolved.flatMap((e) => e.identifiers),
      );
      const resolution = resolveBatch(
        resolved.map((e) => ({ eventId: e.id, at: Date.parse(e.timestamp), identifiers: e.identifiers })),
        known,
        rules,
        uuidv7,
      );
      await writeResolution(tx, workspaceId, resolved, resolution, rules.survivorship);
    }
  },
};
