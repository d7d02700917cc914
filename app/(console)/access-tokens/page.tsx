import { redirect } from "next/navigation";
import { can } from "@/server/auth/permissions";
import { consoleSession } from "@/server/trpc/console-session";
import { PageHeader } from "@/components/ui/page-header";
import { AccessTokensTable } from "@/components/access-tokens/access-tokens-table";
import { NewTokenButton } from "@/components/access-tokens/new-token-button";

export default async function AccessTokensPage() {
  const { active } = await consoleSession();
  if (!can(active.role, "tokens:manage")) redirect("/");
  return (
    <>
      <PageHeader
        title="Access tokens"
        description="Tokens let your own servers read profiles through the Profile API, for real-time personalisation."
        actions={<NewTokenButton />}
      />
      <AccessTokensTable />
    </>
  );
}
