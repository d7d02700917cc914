import { TRPCError } from "@trpc/server";
import { expect } from "vitest";
import type { callerFor } from "../helpers/fixtures";

export type Caller = ReturnType<typeof callerFor>;
export type Outcome = { ok: true; value: unknown } | { ok: false; code: string; message: string };

/** The procedure at a dotted path ("team.add") on a caller, as a plain function. */
export function procedureAt(caller: Caller, path: string): (input?: unknown) => Promise<unknown> {
  let target: unknown = caller;
  for (const segment of path.split(".")) target = (target as Record<string, unknown>)[segment];
  if (typeof target !== "function") throw new Error(`no procedure at ${path}`);
  return target as (input?: unknown) => Promise<unknown>;
}

/** Settles a call into its value or its tRPC error code; anything other than a TRPCError is rethrown. */
export async function outcome(call: Promise<unknown>): Promise<Outcome> {
  try {
    return { ok: true, value: await call };
  } catch (error) {
    if (error instanceof TRPCError) return { ok: false, code: error.code, message: error.message };
    throw error;
  }
}

/** Expects the call to fail with this tRPC code (and, optionally, a message matching `message`). */
export async function expectTrpcError(call: Promise<unknown>, code: string, message?: RegExp): Promise<void> {
  const result = await outcome(call);
  expect(result.ok, `expected ${code}, but the call succeeded`).toBe(false);
  if (result.ok) return;
  expect(result.code, result.message).toBe(code);
  if (message) expect(result.message).toMatch(message);
}
