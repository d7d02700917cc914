import { Check, X } from "lucide-react";
import type { RoleDescription } from "@/server/auth/role-descriptions";

/** What a role can and cannot do, as two short lists. */
export function RoleRights({
  description,
  who = "Members with this role",
}: {
  description: RoleDescription;
  who?: string;
}) {
  return (
    <div className="grid gap-3 text-sm sm:grid-cols-2" data-testid={`role-rights-${description.role}`}>
      <div>
        <p className="font-medium text-gray-700">{who} can</p>
        <ul className="mt-1 space-y-1">
          {description.can.map((right) => (
            <li key={right} className="flex gap-1.5 text-gray-600">
              <Check aria-hidden className="mt-0.5 h-4 w-4 shrink-0 text-emerald-600" />
              {right}
            </li>
          ))}
        </ul>
      </div>
      {description.cannot.length > 0 && (
        <div>
          <p className="font-medium text-gray-700">{who} cannot</p>
          <ul className="mt-1 space-y-1">
            {description.cannot.map((right) => (
              <li key={right} className="flex gap-1.5 text-gray-500">
                <X aria-hidden className="mt-0.5 h-4 w-4 shrink-0 text-gray-400" />
                {right}
              </li>
            ))}
          </ul>
        </div>
      )}
    </div>
  );
}
