import { can } from "@/server/auth/permissions";
import { consoleSession } from "@/server/trpc/console-session";
import { SourceDetail } from "@/components/sources/source-detail";

export default async function SourcePage({ params }: { params: Promise<{ sourceId: string }> }) {
  const [{ sourceId }, { active }] = await Promise.all([params, consoleSession()]);
  return <SourceDetail sourceId={sourceId} canManage={can(active.role, "sources:manage")} />;
}
