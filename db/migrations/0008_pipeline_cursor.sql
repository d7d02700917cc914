CREATE TABLE "pipeline_cursors" (
	"consumer" text PRIMARY KEY NOT NULL,
	"txid" "xid8" DEFAULT '0' NOT NULL,
	"event_id" uuid DEFAULT '00000000-0000-0000-0000-000000000000' NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "events" ADD COLUMN "txid" "xid8" DEFAULT pg_current_xact_id() NOT NULL;--> statement-breakpoint
CREATE INDEX "events_txid_idx" ON "events" USING btree ("txid","id");