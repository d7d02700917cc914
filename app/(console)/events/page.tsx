import { PageHeader } from "@/components/ui/page-header";
import { EventsExplorer } from "@/components/events/events-explorer";
import { EVENT_TYPE_OPTIONS } from "@/components/events/event-labels";

type Search = Promise<Record<string, string | string[] | undefined>>;

export default async function EventsPage({ searchParams }: { searchParams: Search }) {
  const params = await searchParams;
  const one = (key: string) => (typeof params[key] === "string" && params[key] ? (params[key] as string) : undefined);
  return (
    <>
      <PageHeader
        title="Events"
        description="Every event your sources delivered, newest first. Filter, then open a row to see its full JSON."
      />
      <EventsExplorer
        initial={{
          sourceId: one("sourceId"),
          type: EVENT_TYPE_OPTIONS.find((t) => t === one("type")),
          event: one("event"),
          user: one("user"),
        }}
      />
    </>
  );
}
