import { can } from "@/server/auth/permissions";
import { consoleSession } from "@/server/trpc/console-session";
import { PageHeader } from "@/components/ui/page-header";
import { JobsView } from "@/components/jobs/jobs-view";
import { redirect } from "next/navigation";

export default async function JobsPage() {
  const { active } = await consoleSession();
  if (!can(active.role, "jobs:read")) redirect("/");
  return (
    <>
      <PageHeader
        title="Jobs"
        description="Background work: how far the event pipeline has got, and jobs such as scheduled maintenance. Failed jobs retry with backoff; dead ones wait here until you retry them."
      />
      <JobsView canManage={can(active.role, "jobs:manage")} />
    </>
  );
}
