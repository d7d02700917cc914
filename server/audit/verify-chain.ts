import { and, asc, gt, isNotNull, isNull, sql } from "drizzle-orm";
import type { Db } from "@/db/client";
import { auditLog, workspaces } from "@/db/schema";
import { chainHash, GENESIS_HASH } from "./chain-hash";
import { chainOf } from "./record-audit";

const PAGE = 1000;

export interface BrokenLink {
  rowId: string;
  seq: number | null;
  at: Date;
  action: string;
  problem: "changed" | "missing" | "out_of_order" | "duplicate" | "unchained";
  detail: string;
}

export interface ChainReport {
  workspaceId: string | null;
  workspaceName: string | null;
  /** Rows checked and found in order, up to the first broken link (all of them when the chain is whole). */
  verified: number;
  /** Rows written before the chain existed (no chain columns), which it cannot vouch for. */
  unchained: number;
  /** The last verified row: keep its hash elsewhere to notice later deletion of rows at the end. */
  head: { seq: number; hash: string } | null;
  broken: BrokenLink | null;
}

/** Walks one chain in order and stops at its first broken link. */
async function verifyOne(
  db: Db,
  workspaceId: string | null,
): Promise<Omit<ChainReport, "workspaceName" | "workspaceId">> {
  let expectedSeq = 1;
  let prev = GENESIS_HASH;
  let verified = 0;
  let firstAt: Date | null = null;
  const report = (broken: BrokenLink | null) => ({
    verified,
    broken,
    head: verified ? { seq: expectedSeq - 1, hash: prev } : null,
  });
  for (let after = 0; ;) {
    const page = await db
      .select()
      .from(auditLog)
      .where(and(chainOf(workspaceId), isNotNull(auditLog.chainSeq), gt(auditLog.chainSeq, after)))
      .orderBy(asc(auditLog.chainSeq), asc(auditLog.id))
      .limit(PAGE);
    for (const row of page) {
      const seq = row.chainSeq!;
      const link = (problem: BrokenLink["problem"], detail: string): BrokenLink => ({
        rowId: row.id,
        seq,
        at: row.at,
        action: row.action,
        problem,
        detail,
      });
      firstAt ??= row.at;
      if (seq < expectedSeq) return { ...report(link("duplicate", `a second row at position ${seq}`)), unchained: 0 };
      if (seq > expectedSeq) {
        const missing = seq - expectedSeq;
        return {
          ...report(
            link(
              "missing",
              `${missing} row${missing === 1 ? "" : "s"} missing before it (position ${expectedSeq}${missing > 1 ? `–${seq - 1}` : ""})`,
            ),
          ),
          unchained: 0,
        };
      }
      if (row.hash !== chainHash(row.prevHash ?? "", row))
        return {
          ...report(link("changed", "its contents do not match its hash: changed after it was written")),
          unchained: 0,
        };
      if (row.prevHash !== prev)
        return {
          ...report(link("out_of_order", "it does not follow the row before it: rows reordered or replaced")),
          unchained: 0,
        };
      prev = row.hash;
      expectedSeq++;
      verified++;
    }
    if (page.length < PAGE) break;
    after = page.at(-1)!.chainSeq!;
  }
  // Rows without chain columns are older than the chain, unless someone stripped them afterwards.
  const [{ unchained }] = await db
    .select({ unchained: sql<number>`count(*)::int` })
    .from(auditLog)
    .where(and(chainOf(workspaceId), isNull(auditLog.chainSeq)));
  if (firstAt) {
    const [late] = await db
      .select()
      .from(auditLog)
      .where(and(chainOf(workspaceId), isNull(auditLog.chainSeq), gt(auditLog.at, firstAt)))
      .orderBy(asc(auditLog.at))
      .limit(1);
    if (late) {
      const detail =
        "it has no place in the chain but was written after the chain began: its chain columns were removed";
      return {
        ...report({ rowId: late.id, seq: null, at: late.at, action: late.action, problem: "unchained", detail }),
        unchained,
      };
    }
  }
  return { ...report(null), unchained };
}

/** Verifies the audit chain of one workspace (null: the rows outside any workspace), or of every chain. */
export async function verifyAuditChains(db: Db, only?: { workspaceId: string | null }): Promise<ChainReport[]> {
  const ids = only
    ? [only.workspaceId]
    : (await db.selectDistinct({ id: auditLog.workspaceId }).from(auditLog).orderBy(asc(auditLog.workspaceId))).map(
        (r) => r.id,
      );
  const names = new Map(
    (await db.select({ id: workspaces.id, name: workspaces.name }).from(workspaces)).map((w) => [w.id, w.name]),
  );
  const reports: ChainReport[] = [];
  for (const workspaceId of ids) {
    reports.push({
      workspaceId,
      workspaceName: workspaceId ? (names.get(workspaceId) ?? null) : null,
      ...(await verifyOne(db, workspaceId)),
    });
  }
  return reports;
}
