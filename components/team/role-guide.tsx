import { Card } from "@tremor/react";
import { Check, Minus, ShieldCheck } from "lucide-react";
import type { Role } from "@/server/auth/permissions";
import type { RoleGuide as Guide } from "./role-options";

/** The team page's reference of every role: a summary each, and one row per right with the roles that hold it. */
export function RoleGuide({ guide, myRole }: { guide: Guide; myRole: Role }) {
  const roles = Object.values(guide);
  // Every right, in the order the strongest role lists them.
  const rights = [...new Set(roles.flatMap((d) => [...d.can, ...d.cannot]))];
  const order = guide.owner.can;
  rights.sort((a, b) => order.indexOf(a) - order.indexOf(b));

  return (
    <Card className="mt-6" aria-labelledby="role-guide-title">
      <h2 id="role-guide-title" className="flex items-center gap-2 font-medium">
        <ShieldCheck aria-hidden className="h-5 w-5 text-gray-500" />
        What each role can do
      </h2>
      <div className="mt-4 overflow-x-auto">
        <table className="w-full min-w-[720px] table-fixed text-sm" aria-label="What each role can do">
          <thead>
            <tr className="border-b border-gray-200 align-top">
              <th scope="col" className="w-[34%] pb-2 text-left font-medium text-gray-500">
                Right
              </th>
              {roles.map((d) => (
                <th
                  key={d.role}
                  scope="col"
                  className="px-2 pb-2 text-left font-semibold text-gray-900"
                  data-testid={`role-guide-${d.role}`}
                >
                  {d.label}
                  {d.role === myRole && (
                    <span className="ml-1.5 rounded bg-blue-50 px-1.5 py-0.5 text-xs font-medium text-blue-700">
                      you
                    </span>
                  )}
                  <span className="mt-1 block text-xs font-normal text-gray-500">{d.summary}</span>
                </th>
              ))}
            </tr>
          </thead>
          <tbody className="divide-y divide-gray-100">
            {rights.map((right) => (
              <tr key={right}>
                <th scope="row" className="py-1.5 pr-2 text-left font-normal text-gray-700">
                  {right}
                </th>
                {roles.map((d) => (
                  <td key={d.role} className="px-2 py-1.5">
                    {d.can.includes(right) ? (
                      <Check aria-label={`${d.label} can ${right}`} className="h-4 w-4 text-emerald-600" />
                    ) : (
                      <Minus aria-label={`${d.label} cannot ${right}`} className="h-4 w-4 text-gray-300" />
                    )}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Card>
  );
}
