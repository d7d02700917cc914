import { expect } from "vitest";

/** Drizzle wraps driver errors ("Failed query: …"); the database's own message is on the cause. */
export async function expectDbError(promise: Promise<unknown>, message: RegExp): Promise<void> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e as Error & { cause?: Error },
  );
  expect(error, "the statement should have failed").not.toBeNull();
  expect(`${error?.message} ${error?.cause?.message ?? ""}`).toMatch(message);
}
