import { can } from "@/server/auth/permissions";
import { ROLE_DESCRIPTIONS } from "@/server/auth/role-descriptions";
import { consoleSession } from "@/server/trpc/console-session";
import { PageHeader } from "@/components/ui/page-header";
import { TeamTable } from "@/components/team/team-table";
import { AddMemberForm } from "@/components/team/add-member-form";
import { RoleGuide } from "@/components/team/role-guide";

export default async function TeamPage() {
  const { user, active } = await consoleSession();
  const canManage = can(active.role, "team:manage");
  return (
    <>
      <PageHeader
        title="Team"
        description={`Members of ${active.name} and their roles. You are ${ROLE_DESCRIPTIONS[active.role].label.toLowerCase()} here.`}
      />
      {canManage && <AddMemberForm myRole={active.role} guide={ROLE_DESCRIPTIONS} />}
      <TeamTable
        canManage={canManage}
        myRole={active.role}
        myUserId={user.id!}
        workspaceName={active.name}
        guide={ROLE_DESCRIPTIONS}
      />
      <RoleGuide guide={ROLE_DESCRIPTIONS} myRole={active.role} />
    </>
  );
}
