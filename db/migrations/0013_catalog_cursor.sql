-- The event catalog is now a pipeline consumer of the event log. Until now it was counted as events were
-- stored: start its cursor at the newest stored event, so the events already counted are not counted again.
INSERT INTO "pipeline_cursors" ("consumer", "txid", "event_id")
SELECT 'catalog', "txid", "id" FROM "events" ORDER BY "txid" DESC, "id" DESC LIMIT 1
ON CONFLICT ("consumer") DO NOTHING;
