import { sql } from "drizzle-orm";
import { z } from "zod";
import { rows } from "@/db/client";
import { defineJob } from "../define-job";

/**
 * Refused events are kept for the live debugger, not for ever: rows older than `days` are deleted daily, in
 * chunks, so a large backlog never holds one long transaction.
 */
const CHUNK = 5_000;

export const pruneRejectedEvents = defineJob({
  id: "prune-rejected-events",
  description: "Deletes refused events older than 30 days (the debugger shows recent ones)",
  input: z.object({ days: z.number().int().min(1).max(3650).default(30) }),
  schedule: "17 3 * * *",
  async handler({ db, input, signal }) {
    for (;;) {
      signal.throwIfAborted();
      const deleted = await rows(
        db,
        sql`DELETE FROM rejected_events WHERE (workspace_id, id) IN (
              SELECT workspace_id, id FROM rejected_events
              WHERE received_at < now() - make_interval(days => ${input.days}) LIMIT ${CHUNK})
            RETURNING 1`,
      );
      if (deleted.length < CHUNK) return;
    }
  },
});
