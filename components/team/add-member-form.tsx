"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Card, TextInput } from "@tremor/react";
import { useState, type FormEvent } from "react";
import type { Role } from "@/server/auth/permissions";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { grantableRoles, type RoleGuide } from "./role-options";
import { RoleRights } from "./role-rights";

export function AddMemberForm({ myRole, guide }: { myRole: Role; guide: RoleGuide }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [role, setRole] = useState<Role>("viewer");
  const add = useMutation(
    trpc.team.add.mutationOptions({
      onSuccess: () => queryClient.invalidateQueries({ queryKey: trpc.team.list.queryKey() }),
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const formEl = event.currentTarget;
    const form = new FormData(formEl);
    const password = String(form.get("password") ?? "");
    add.mutate(
      { email: String(form.get("email")), role, password: password || undefined },
      { onSuccess: () => formEl.reset() },
    );
  }

  return (
    <Card className="mb-6">
      <h2 className="font-medium">Add a member</h2>
      <form onSubmit={submit} className="mt-3 flex flex-wrap items-end gap-3">
        <label className="text-sm">
          Email
          <TextInput name="email" type="email" required placeholder="jane@company.com" className="mt-1 w-64" />
        </label>
        <label className="text-sm">
          Role
          <select
            aria-label="New member role"
            value={role}
            onChange={(e) => setRole(e.target.value as Role)}
            className="mt-1 block rounded-md border border-gray-300 bg-white px-2 py-2 text-sm"
          >
            {grantableRoles(guide, myRole).map((r) => (
              <option key={r} value={r}>
                {guide[r].label} — {guide[r].tagline}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          First password <span className="text-gray-400">(new accounts only)</span>
          <TextInput name="password" type="password" placeholder="at least 8 characters" className="mt-1 w-56" />
        </label>
        <Button type="submit" loading={add.isPending}>
          Add member
        </Button>
      </form>
      <div className="mt-4 rounded-md bg-gray-50 p-4" aria-live="polite" data-testid="new-member-role-description">
        <p className="mb-2 text-sm text-gray-600">
          <strong className="text-gray-900">{guide[role].label}:</strong> {guide[role].summary}
        </p>
        <RoleRights description={guide[role]} />
      </div>
      <div className="mt-3">
        <ErrorText error={add.error} />
      </div>
    </Card>
  );
}
