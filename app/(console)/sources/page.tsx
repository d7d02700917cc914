import { can } from "@/server/auth/permissions";
import { consoleSession } from "@/server/trpc/console-session";
import { PageHeader } from "@/components/ui/page-header";
import { NewSourceButton } from "@/components/sources/new-source-button";
import { SourcesTable } from "@/components/sources/sources-table";

export default async function SourcesPage() {
  const { active } = await consoleSession();
  const canManage = can(active.role, "sources:manage");
  return (
    <>
      <PageHeader
        title="Sources"
        description="Where your customer data comes from: websites and apps, webhooks from other tools, and file imports."
        actions={canManage && <NewSourceButton />}
      />
      <SourcesTable canManage={canManage} />
    </>
  );
}
