CREATE TABLE "enrichment_file_rows" (
	"workspace_id" uuid NOT NULL,
	"file_id" uuid NOT NULL,
	"row_number" integer NOT NULL,
	"kind" text NOT NULL,
	"reason" text,
	"cells" jsonb,
	"line" text,
	CONSTRAINT "enrichment_file_rows_workspace_id_file_id_row_number_pk" PRIMARY KEY("workspace_id","file_id","row_number")
);
--> statement-breakpoint
CREATE TABLE "enrichment_files" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"name" text NOT NULL,
	"key_type" text NOT NULL,
	"key_column" text NOT NULL,
	"columns" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"mapping" jsonb NOT NULL,
	"as_of" timestamp with time zone NOT NULL,
	"uploaded_by" uuid,
	"uploaded_by_email" text,
	"status" text NOT NULL,
	"error" text,
	"rows_total" integer DEFAULT 0 NOT NULL,
	"rows_matched" integer DEFAULT 0 NOT NULL,
	"rows_created" integer DEFAULT 0 NOT NULL,
	"rows_unmatched" integer DEFAULT 0 NOT NULL,
	"rows_invalid" integer DEFAULT 0 NOT NULL,
	"traits_written" integer DEFAULT 0 NOT NULL,
	"started_at" timestamp with time zone DEFAULT now() NOT NULL,
	"finished_at" timestamp with time zone,
	"heartbeat_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "enrichment_files_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE INDEX "enrichment_file_rows_kind_idx" ON "enrichment_file_rows" USING btree ("workspace_id","file_id","kind","row_number");--> statement-breakpoint
CREATE INDEX "enrichment_files_started_idx" ON "enrichment_files" USING btree ("workspace_id","started_at");