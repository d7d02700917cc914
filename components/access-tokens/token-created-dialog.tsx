"use client";

import { Button, Dialog, DialogPanel } from "@tremor/react";
import { TriangleAlert } from "lucide-react";
import { useSyncExternalStore } from "react";
import { CodeBlock } from "../sources/code-block";
import { CopyButton } from "../ui/copy-button";

export interface CreatedToken {
  name: string;
  token: string;
}

/** The token just created — the only time it can be seen — with a first Profile API call to try it. */
export function TokenCreatedDialog({ created, onClose }: { created: CreatedToken | null; onClose: () => void }) {
  const origin = useSyncExternalStore(
    () => () => {},
    () => window.location.origin,
    () => "",
  );
  const curl = created
    ? `curl -u "${created.token}:" \\\n  "${origin}/v1/profiles/email:jane%40example.com/traits"`
    : "";
  return (
    <Dialog open={created !== null} onClose={() => {}} aria-labelledby="token-created-title">
      <DialogPanel className="max-w-2xl">
        <h2 id="token-created-title" className="text-lg font-semibold text-gray-900">
          Token “{created?.name}” created
        </h2>
        <p className="mt-2 flex gap-2 rounded-md bg-amber-50 px-3 py-2 text-sm text-amber-800">
          <TriangleAlert aria-hidden className="mt-0.5 h-4 w-4 shrink-0" />
          Copy it now: this is the only time it is shown. Only a fingerprint of it is kept, so nobody — not even an
          owner — can see it again. Keep it on your servers; never put it in a web page or an app.
        </p>
        <div className="mt-4 flex items-center gap-2">
          <code
            data-testid="access-token"
            className="min-w-0 flex-1 select-all break-all rounded-md border border-gray-200 bg-gray-50 px-3 py-2 font-mono text-sm text-gray-900"
          >
            {created?.token}
          </code>
          <CopyButton text={created?.token ?? ""} label="Copy token" />
        </div>
        <p className="mt-5 text-sm text-gray-600">
          Try it: the traits of the profile with this email (any identifier works — <code>user_id:</code>,{" "}
          <code>anonymous_id:</code>, <code>phone:</code> — and <code>/events</code>, <code>/external_ids</code> or{" "}
          <code>/metadata</code> instead of <code>/traits</code>). Send the token as the user name with an empty
          password, or as <code>Authorization: Bearer</code>.
        </p>
        <div className="mt-2">
          <CodeBlock code={curl} label="curl" />
        </div>
        <div className="mt-6 flex justify-end">
          <Button onClick={onClose}>I have saved it</Button>
        </div>
      </DialogPanel>
    </Dialog>
  );
}
