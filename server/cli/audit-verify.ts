import { z } from "zod";
import { AppError } from "../errors";
import { verifyAuditChains, type ChainReport } from "../audit/verify-chain";
import { defineCommand } from "./command";
import { findWorkspace } from "./find-workspace";

const chainName = (r: ChainReport) =>
  r.workspaceId ? `workspace "${r.workspaceName ?? "(deleted)"}" (${r.workspaceId})` : "rows outside any workspace";

function describe(r: ChainReport): string {
  const unchained = r.unchained ? `; ${r.unchained} older row${r.unchained === 1 ? "" : "s"} predate the chain` : "";
  if (!r.broken)
    return `${chainName(r)}: ${r.verified} rows verified${unchained}${r.head ? `; head #${r.head.seq} ${r.head.hash}` : ""}`;
  const b = r.broken;
  return `${chainName(r)}: BROKEN at row ${b.rowId}${b.seq ? ` (#${b.seq}` : " ("}, ${b.at.toISOString()}, ${b.action}): ${b.detail}; ${r.verified} rows before it verified`;
}

export const auditVerify = defineCommand({
  name: "audit:verify",
  summary: "Check the audit log's hash chain; report the first broken link of each workspace",
  usage: "[--workspace ID_OR_NAME]",
  flags: z.object({ workspace: z.string().min(1, "must name a workspace").optional() }),
  async run(db, flags) {
    const only = flags.workspace ? { workspaceId: (await findWorkspace(db, flags.workspace)).id } : undefined;
    const reports = await verifyAuditChains(db, only);
    const lines = reports.map(describe);
    const broken = reports.filter((r) => r.broken);
    // A broken chain is a failure: the command exits non-zero and says where.
    if (broken.length) throw new AppError("CONFLICT", `audit log chain broken\n${lines.join("\n")}`);
    const total = reports.reduce((n, r) => n + r.verified, 0);
    const json = {
      ok: true,
      verified: total,
      chains: reports.map((r) => ({
        workspaceId: r.workspaceId,
        workspaceName: r.workspaceName,
        verified: r.verified,
        unchained: r.unchained,
        head: r.head,
      })),
    };
    return { json, text: [`${total} rows verified`, ...lines].join("\n") };
  },
});
