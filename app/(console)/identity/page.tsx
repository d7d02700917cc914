import { can } from "@/server/auth/permissions";
import { consoleSession } from "@/server/trpc/console-session";
import { PageHeader } from "@/components/ui/page-header";
import { IdentityRulesEditor } from "@/components/identity/identity-rules-editor";

export default async function IdentityRulesPage() {
  const { active } = await consoleSession();
  return (
    <>
      <PageHeader
        title="Identity rules"
        description="How events are stitched into one profile per person: which identifiers are read, which values never link people, and which trait value a profile keeps."
      />
      <IdentityRulesEditor canManage={can(active.role, "identity:manage")} />
    </>
  );
}
