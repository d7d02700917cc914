"use client";

import { useMutation, useQueryClient } from "@tanstack/react-query";
import { Button, Dialog, DialogPanel, TextInput } from "@tremor/react";
import { Plus } from "lucide-react";
import { useState, type FormEvent } from "react";
import type { AccessTokenScope } from "@/server/access-tokens/schema";
import { useTRPC } from "../trpc/client";
import { ErrorText } from "../ui/error-text";
import { SCOPE_INFO, SCOPES } from "./scope-info";
import { TokenCreatedDialog, type CreatedToken } from "./token-created-dialog";

/** "New token": a name and its scopes, then the token itself, shown this once. */
export function NewTokenButton() {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [formOpen, setFormOpen] = useState(false);
  const [scopes, setScopes] = useState<AccessTokenScope[]>(["profiles:read"]);
  const [created, setCreated] = useState<CreatedToken | null>(null);
  const create = useMutation(
    trpc.accessTokens.create.mutationOptions({
      onSuccess: async (token) => {
        setFormOpen(false);
        setCreated({ name: token.name, token: token.token });
        await queryClient.invalidateQueries({ queryKey: trpc.accessTokens.list.queryKey() });
      },
    }),
  );

  function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    create.mutate({ name: String(new FormData(event.currentTarget).get("name") ?? ""), scopes });
  }
  const toggle = (scope: AccessTokenScope, on: boolean) =>
    setScopes((current) => (on ? [...current, scope] : current.filter((s) => s !== scope)));

  return (
    <>
      <Button
        icon={Plus}
        onClick={() => {
          create.reset();
          setScopes(["profiles:read"]);
          setFormOpen(true);
        }}
      >
        New token
      </Button>
      <Dialog open={formOpen} onClose={() => setFormOpen(false)} aria-labelledby="new-token-title">
        <DialogPanel className="max-w-lg">
          <h2 id="new-token-title" className="text-lg font-semibold text-gray-900">
            New access token
          </h2>
          <form onSubmit={submit} className="mt-4 space-y-4">
            <label className="block text-sm font-medium text-gray-700">
              Name
              <TextInput
                name="name"
                required
                autoFocus
                placeholder="e.g. Website personalisation, Recommendations service"
                className="mt-1"
              />
              <span className="mt-1 block text-xs font-normal text-gray-500">
                Say what will use it, so you know what breaks when you revoke it.
              </span>
            </label>
            <fieldset>
              <legend className="text-sm font-medium text-gray-700">Scopes</legend>
              <div className="mt-1 space-y-2">
                {SCOPES.map((scope) => (
                  <label
                    key={scope}
                    className={`flex cursor-pointer items-start gap-3 rounded-md border px-3 py-2 ${scopes.includes(scope) ? "border-blue-500 bg-blue-50" : "border-gray-200 hover:bg-gray-50"}`}
                  >
                    <input
                      type="checkbox"
                      name="scopes"
                      value={scope}
                      checked={scopes.includes(scope)}
                      onChange={(e) => toggle(scope, e.target.checked)}
                      className="mt-1"
                    />
                    <span>
                      <span className="block text-sm font-medium text-gray-900">
                        {SCOPE_INFO[scope].label}{" "}
                        <code className="ml-1 text-xs font-normal text-gray-500">{scope}</code>
                      </span>
                      <span className="block text-xs text-gray-500">{SCOPE_INFO[scope].description}</span>
                    </span>
                  </label>
                ))}
              </div>
            </fieldset>
            <ErrorText error={create.error} />
            <div className="flex justify-end gap-2">
              <Button type="button" variant="secondary" onClick={() => setFormOpen(false)}>
                Cancel
              </Button>
              <Button type="submit" loading={create.isPending} disabled={scopes.length === 0}>
                Create token
              </Button>
            </div>
          </form>
        </DialogPanel>
      </Dialog>
      <TokenCreatedDialog created={created} onClose={() => setCreated(null)} />
    </>
  );
}
