import { afterAll, beforeAll, describe, expect, it } from "vitest";
import fc from "fast-check";
import { rows, type DatabaseHandle } from "@/db/client";
import { uuidv7 } from "@/db/ids";
import { compileSegmentSql } from "@/server/segments/compile-sql";
import { parseDefinition } from "@/server/segments/definition";
import { evaluateProfile } from "@/server/segments/evaluate-profile";
import { freshDatabase } from "../../helpers/test-db";
import { definitionArb, NOW, profileArb, type RandomProfile } from "./arbitraries";
import { loadFacts } from "./load-facts";

/**
 * The property that keeps the two evaluators one: for random definitions over random profiles, the members
 * compile-sql selects from the database are exactly the profiles evaluate-profile accepts. Each run loads its
 * people into a workspace of its own (the runs before it stay in the database, in other workspaces, so a
 * query that leaked across workspaces would fail too).
 */
let handle: DatabaseHandle;
beforeAll(async () => {
  handle = await freshDatabase();
});
afterAll(() => handle.close());

async function check(profiles: RandomProfile[], definitions: unknown[]) {
  const people = profiles.map((facts, i) => ({
    name: `p${i}`,
    facts,
    mergedInto: facts.merged && i > 0 ? "p0" : undefined,
  }));
  const workspaceId = uuidv7();
  const ids = await loadFacts(handle.db, workspaceId, people);
  for (const input of definitions) {
    const definition = parseDefinition(input);
    const expected = people
      .filter((p) => !p.mergedInto && evaluateProfile(definition, p.facts, NOW))
      .map((p) => ids.get(p.name)!)
      .sort();
    const found = await rows<{ id: string }>(handle.db, compileSegmentSql(definition, { workspaceId, now: NOW }));
    expect(found.map((r) => r.id).sort(), JSON.stringify(definition)).toEqual(expected);
  }
}

describe("compile-sql and evaluate-profile", () => {
  it("select the same members for random definitions and profiles", async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(profileArb, { minLength: 1, maxLength: 6 }),
        fc.array(definitionArb, { minLength: 1, maxLength: 4 }),
        check,
      ),
      { numRuns: 40 },
    );
  });
});
