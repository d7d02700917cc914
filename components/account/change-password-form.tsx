"use client";

import { useMutation } from "@tanstack/react-query";
import { Button, Card, TextInput } from "@tremor/react";
import { CheckCircle2, KeyRound } from "lucide-react";
import { useState, type FormEvent } from "react";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";

/**
 * The member's own password. Changing it signs out every other session (other browsers, a stolen cookie);
 * this browser stays signed in.
 */
export function ChangePasswordForm() {
  const trpc = useTRPC();
  const change = useMutation(trpc.account.changePassword.mutationOptions());
  const [mismatch, setMismatch] = useState(false);

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const input = {
      currentPassword: String(form.get("currentPassword") ?? ""),
      newPassword: String(form.get("newPassword") ?? ""),
      confirmPassword: String(form.get("confirmPassword") ?? ""),
    };
    setMismatch(input.newPassword !== input.confirmPassword);
    if (input.newPassword !== input.confirmPassword) return;
    change.mutate(input, { onSuccess: () => formEl.reset() });
  }

  return (
    <Card className="max-w-xl">
      <h2 className="flex items-center gap-2 font-medium">
        <KeyRound className="h-4 w-4 text-gray-500" aria-hidden /> Change your password
      </h2>
      <p className="mt-1 text-sm text-gray-500">
        At least 8 characters. Every other session of your account is signed out; this browser stays signed in.
      </p>
      <form onSubmit={submit} className="mt-4 space-y-3" aria-label="Change your password">
        <label className="block text-sm">
          Current password
          <TextInput name="currentPassword" type="password" autoComplete="current-password" required className="mt-1" />
        </label>
        <label className="block text-sm">
          New password
          <TextInput
            name="newPassword"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            className="mt-1"
          />
        </label>
        <label className="block text-sm">
          New password again
          <TextInput
            name="confirmPassword"
            type="password"
            autoComplete="new-password"
            required
            minLength={8}
            className="mt-1"
          />
        </label>
        {mismatch && (
          <p role="alert" className="rounded bg-red-50 px-3 py-2 text-sm text-red-700">
            The two new passwords differ.
          </p>
        )}
        <ErrorText error={change.error} />
        {change.isSuccess && (
          <p role="status" className="flex items-center gap-2 rounded bg-green-50 px-3 py-2 text-sm text-green-800">
            <CheckCircle2 className="h-4 w-4" aria-hidden /> Password changed. Your other sessions were signed out.
          </p>
        )}
        <Button type="submit" loading={change.isPending}>
          Change password
        </Button>
      </form>
    </Card>
  );
}
