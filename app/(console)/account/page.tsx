import { consoleSession } from "@/server/trpc/console-session";
import { PageHeader } from "@/components/ui/page-header";
import { ChangePasswordForm } from "@/components/account/change-password-form";

export default async function AccountPage() {
  const { user } = await consoleSession();
  return (
    <>
      <PageHeader title="Your account" description={`Signed in as ${user.email}.`} />
      <ChangePasswordForm />
    </>
  );
}
