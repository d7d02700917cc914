import type { EventView } from "@/server/events/present-event";
import type { Tone } from "../ui/pill";

export const EVENT_TYPE_OPTIONS = [
  "track",
  "page",
  "screen",
  "identify",
  "group",
  "alias",
] as const satisfies readonly Extract<EventView, { status: "accepted" }>["type"][];

export const TYPE_COLORS: Record<string, Tone> = {
  track: "blue",
  page: "emerald",
  screen: "teal",
  identify: "violet",
  group: "amber",
  alias: "gray",
};

/** The person an event is about: userId when known, else the anonymous id (refused payloads: what they carry). */
export function whoOf(item: EventView): { id: string; anonymous: boolean } | null {
  if (item.status === "accepted") {
    if (item.userId) return { id: item.userId, anonymous: false };
    return item.anonymousId ? { id: item.anonymousId, anonymous: true } : null;
  }
  const payload = item.payload;
  if (typeof payload !== "object" || payload === null) return null;
  const { userId, anonymousId } = payload as Record<string, unknown>;
  if (typeof userId === "string" && userId) return { id: userId, anonymous: false };
  return typeof anonymousId === "string" && anonymousId ? { id: anonymousId, anonymous: true } : null;
}
