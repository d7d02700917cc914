import { redirect } from "next/navigation";
import { auth } from "@/server/auth/nextauth";
import { SignInForm } from "@/components/auth/sign-in-form";

export const dynamic = "force-dynamic";

export default async function SignInPage() {
  if ((await auth())?.user?.id) redirect("/");
  return (
    <main className="flex min-h-screen items-center justify-center p-6">
      <SignInForm />
    </main>
  );
}
