"use client";

import { Button, Card, TextInput } from "@tremor/react";
import { signIn } from "next-auth/react";
import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";

const MESSAGES: Record<string, string> = {
  locked: "Too many failed sign-in attempts for this account or network. Wait 15 minutes and try again.",
  credentials: "Wrong email or password.",
};

export function SignInForm() {
  const router = useRouter();
  const [error, setError] = useState<string | null>(null);
  const [pending, setPending] = useState(false);

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    setPending(true);
    setError(null);
    const result = await signIn("credentials", {
      email: form.get("email"),
      password: form.get("password"),
      redirect: false,
    });
    setPending(false);
    if (result?.error) setError(MESSAGES[result.code ?? ""] ?? MESSAGES.credentials);
    else {
      router.replace("/");
      router.refresh();
    }
  }

  return (
    <Card className="w-full max-w-sm">
      <h1 className="text-xl font-semibold">Sign in</h1>
      <p className="mt-1 text-sm text-gray-500">Customer data platform console</p>
      <form onSubmit={submit} className="mt-6 space-y-4">
        <label className="block text-sm">
          Email
          <TextInput name="email" type="email" autoComplete="username" required className="mt-1" />
        </label>
        <label className="block text-sm">
          Password
          <TextInput name="password" type="password" autoComplete="current-password" required className="mt-1" />
        </label>
        {error && (
          <p role="alert" className="rounded bg-red-50 p-2 text-sm text-red-700">
            {error}
          </p>
        )}
        <Button type="submit" loading={pending} className="w-full">
          Sign in
        </Button>
      </form>
    </Card>
  );
}
