import { can } from "@/server/auth/permissions";
import { consoleSession } from "@/server/trpc/console-session";
import { PageHeader } from "@/components/ui/page-header";
import { TeamTable } from "@/components/team/team-table";
import { AddMemberForm } from "@/components/team/add-member-form";

export default async function TeamPage() {
  const { active } = await consoleSession();
  const canManage = can(active.role, "team:manage");
  return (
    <>
      <PageHeader title="Team" description={`Members of ${active.name} and their roles.`} />
      {canManage && <AddMemberForm myRole={active.role} />}
      <TeamTable canManage={canManage} myRole={active.role} />
    </>
  );
}
