import type { PublicSource } from "@/server/sources/public-source";

type SourceType = PublicSource["type"];

export const SOURCE_TYPE_INFO: Record<SourceType, { label: string; description: string }> = {
  http: { label: "HTTP API", description: "Websites, apps and servers, with Segment or RudderStack SDKs" },
  webhook: { label: "Webhook", description: "Payloads pushed by other tools, mapped into events" },
  file: { label: "File import", description: "CSV or NDJSON files uploaded in the console" },
};

export const SOURCE_TYPES = Object.keys(SOURCE_TYPE_INFO) as SourceType[];
