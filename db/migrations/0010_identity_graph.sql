CREATE TABLE "identities" (
	"workspace_id" uuid NOT NULL,
	"type" text NOT NULL,
	"value" text NOT NULL,
	"profile_id" uuid NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"first_event_id" uuid NOT NULL,
	"source_id" uuid NOT NULL,
	CONSTRAINT "identities_workspace_id_type_value_pk" PRIMARY KEY("workspace_id","type","value")
);
--> statement-breakpoint
CREATE TABLE "identity_links" (
	"workspace_id" uuid NOT NULL,
	"from_type" text NOT NULL,
	"from_value" text NOT NULL,
	"to_type" text NOT NULL,
	"to_value" text NOT NULL,
	"event_id" uuid NOT NULL,
	"at" timestamp with time zone NOT NULL,
	CONSTRAINT "identity_links_workspace_id_from_type_from_value_to_type_to_value_pk" PRIMARY KEY("workspace_id","from_type","from_value","to_type","to_value")
);
--> statement-breakpoint
CREATE TABLE "identity_notes" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"type" text NOT NULL,
	"value" text,
	"reason" text NOT NULL,
	CONSTRAINT "identity_notes_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "identity_settings" (
	"workspace_id" uuid PRIMARY KEY NOT NULL,
	"rules" jsonb NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "profile_events" (
	"workspace_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"timestamp" timestamp with time zone NOT NULL,
	CONSTRAINT "profile_events_workspace_id_event_id_pk" PRIMARY KEY("workspace_id","event_id")
);
--> statement-breakpoint
CREATE TABLE "profile_merges" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"into_profile_id" uuid NOT NULL,
	"from_profile_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"identifiers" jsonb NOT NULL,
	"at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profile_merges_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "profile_traits" (
	"workspace_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"name" text NOT NULL,
	"value" jsonb NOT NULL,
	"event_time" timestamp with time zone NOT NULL,
	"source_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	CONSTRAINT "profile_traits_workspace_id_profile_id_name_pk" PRIMARY KEY("workspace_id","profile_id","name")
);
--> statement-breakpoint
CREATE TABLE "profiles" (
	"workspace_id" uuid NOT NULL,
	"id" uuid NOT NULL,
	"first_seen" timestamp with time zone NOT NULL,
	"last_seen" timestamp with time zone NOT NULL,
	"merged_into" uuid,
	"created_at" timestamp with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "profiles_workspace_id_id_pk" PRIMARY KEY("workspace_id","id")
);
--> statement-breakpoint
CREATE TABLE "trait_history" (
	"workspace_id" uuid NOT NULL,
	"profile_id" uuid NOT NULL,
	"event_id" uuid NOT NULL,
	"name" text NOT NULL,
	"value" jsonb NOT NULL,
	"event_time" timestamp with time zone NOT NULL,
	"source_id" uuid NOT NULL,
	CONSTRAINT "trait_history_workspace_id_event_id_name_pk" PRIMARY KEY("workspace_id","event_id","name")
);
--> statement-breakpoint
CREATE INDEX "identities_profile_idx" ON "identities" USING btree ("workspace_id","profile_id");--> statement-breakpoint
CREATE INDEX "identity_notes_event_idx" ON "identity_notes" USING btree ("workspace_id","event_id");--> statement-breakpoint
CREATE INDEX "profile_events_profile_idx" ON "profile_events" USING btree ("workspace_id","profile_id","timestamp");--> statement-breakpoint
CREATE INDEX "profile_merges_into_idx" ON "profile_merges" USING btree ("workspace_id","into_profile_id");--> statement-breakpoint
CREATE INDEX "profiles_last_seen_idx" ON "profiles" USING btree ("workspace_id","last_seen");--> statement-breakpoint
CREATE INDEX "trait_history_profile_idx" ON "trait_history" USING btree ("workspace_id","profile_id","name","event_time");