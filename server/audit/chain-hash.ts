import { createHmac, hkdfSync } from "node:crypto";
import { secretKey } from "../env";

/** prev_hash of a chain's first row. */
export const GENESIS_HASH = "0".repeat(64);

/** The columns a chain hash covers: all of the row but its place in the chain (chain_seq) and its own hash. */
export interface ChainedRow {
  id: string;
  workspaceId: string | null;
  actorId: string | null;
  actorEmail: string | null;
  action: string;
  targetType: string | null;
  targetId: string | null;
  summary: unknown;
  ip: string | null;
  at: Date;
}

let key: Buffer | undefined;
/** A key of its own for the chain, derived from CDP_SECRET_KEY: whoever can only write the database cannot forge a hash. */
const chainKey = () =>
  (key ??= Buffer.from(hkdfSync("sha256", secretKey(), Buffer.alloc(0), "cdp audit chain v1", 32)));

/** JSON with object keys sorted, after a JSON round trip: the same text for a value before it is stored as jsonb and after it is read back. */
function canonicalJson(value: unknown): string {
  const plain: unknown = value === undefined ? null : JSON.parse(JSON.stringify(value));
  const sort = (v: unknown): unknown =>
    Array.isArray(v)
      ? v.map(sort)
      : v && typeof v === "object"
        ? Object.fromEntries(
            Object.keys(v)
              .sort()
              .map((k) => [k, sort((v as Record<string, unknown>)[k])]),
          )
        : v;
  return JSON.stringify(sort(plain));
}

/** HMAC-SHA256 (hex) over the previous row's hash and this row's columns, in a fixed order. */
export function chainHash(prevHash: string, row: ChainedRow): string {
  const fields = [
    "v1",
    prevHash,
    row.id,
    row.workspaceId,
    row.at.toISOString(),
    row.actorId,
    row.actorEmail,
    row.action,
    row.targetType,
    row.targetId,
    canonicalJson(row.summary),
    row.ip,
  ];
  return createHmac("sha256", chainKey()).update(JSON.stringify(fields)).digest("hex");
}
