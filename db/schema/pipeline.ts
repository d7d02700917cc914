import { pgTable, text, timestamp, uuid } from "drizzle-orm/pg-core";
import { xid8 } from "./xid8";

/**
 * Where each pipeline consumer is in the event log: the (txid, id) of the last event it processed. Advanced in
 * the same transaction as the consumer's effects, so a crash neither repeats nor loses an event.
 */
export const pipelineCursors = pgTable("pipeline_cursors", {
  consumer: text("consumer").primaryKey(),
  txid: xid8("txid").notNull().default("0"),
  eventId: uuid("event_id").notNull().default("00000000-0000-0000-0000-000000000000"),
  updatedAt: timestamp("updated_at", { withTimezone: true }).notNull().defaultNow(),
});
