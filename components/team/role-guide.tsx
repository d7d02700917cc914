import { Card } from "@tremor/react";
import { ShieldCheck } from "lucide-react";
import type { Role } from "@/server/auth/permissions";
import type { RoleGuide as Guide } from "./role-options";
import { RoleRights } from "./role-rights";

/** The team page's reference of every role: a summary and what it can and cannot do; the caller's own role marked. */
export function RoleGuide({ guide, myRole }: { guide: Guide; myRole: Role }) {
  return (
    <Card className="mt-6" aria-labelledby="role-guide-title">
      <h2 id="role-guide-title" className="flex items-center gap-2 font-medium">
        <ShieldCheck aria-hidden className="h-5 w-5 text-gray-500" />
        What each role can do
      </h2>
      <div className="mt-4 divide-y divide-gray-100">
        {Object.values(guide).map((d) => (
          <section key={d.role} className="py-4 first:pt-0 last:pb-0" aria-label={`${d.label} role`}>
            <h3 className="text-sm font-semibold text-gray-900">
              {d.label}
              {d.role === myRole && <span className="ml-2 rounded bg-blue-50 px-1.5 py-0.5 text-xs font-medium text-blue-700">your role</span>}
            </h3>
            <p className="mb-2 text-sm text-gray-500">{d.summary}</p>
            <RoleRights description={d} />
          </section>
        ))}
      </div>
    </Card>
  );
}
