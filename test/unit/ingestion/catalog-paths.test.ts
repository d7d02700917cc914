import { describe, expect, it } from "vitest";
import { CATALOG_LIMITS, jsonType, observedPaths, PathTree } from "@/server/ingestion/catalog-paths";

const paths = (message: Record<string, unknown>) => [...observedPaths(message)].sort();

describe("observedPaths", () => {
  it("walks every key with its JSON type, array items as [] (each path/type once)", () => {
    expect(
      paths({
        type: "track",
        properties: { items: [{ price: 1 }, { price: "2" }, { price: 3 }], ok: true, none: null, tags: [] },
        context: { page: { url: "https://x" } },
      }),
    ).toEqual(
      [
        "context:object",
        "context.page:object",
        "context.page.url:string",
        "properties:object",
        "properties.items:array",
        "properties.items[]:object",
        "properties.items[].price:number",
        "properties.items[].price:string",
        "properties.none:null",
        "properties.ok:boolean",
        "properties.tags:array",
        "type:string",
      ].sort(),
    );
  });

  it("handles nested arrays and skips keys that Postgres text cannot hold", () => {
    expect(paths({ m: [[1, "a"]], ["bad\u0000key"]: 1 })).toEqual([
      "m:array",
      "m[]:array",
      "m[][]:number",
      "m[][]:string",
    ]);
  });

  it("counts each path and type once per message, with first and last times, across messages", () => {
    const tree = new PathTree();
    tree.record({ items: [{ price: 1 }, { price: 2 }] }, 1_000);
    tree.record({ items: [{ price: "3" }] }, 3_000);
    tree.record({ items: [] }, 2_000);
    const byPath = Object.fromEntries(
      [...tree.entries()].map((e) => [`${e.path}:${e.type}`, [e.count, e.first, e.last]]),
    );
    expect(byPath).toEqual({
      "items:array": [3, 1_000, 3_000],
      "items[]:object": [2, 1_000, 3_000],
      "items[].price:number": [1, 1_000, 1_000],
      "items[].price:string": [1, 3_000, 3_000],
    });
  });

  it("stops adding new paths beyond its node budget, and keeps counting known ones", () => {
    const tree = new PathTree(2);
    tree.record({ a: 1, b: 2, c: 3 }, 0);
    tree.record({ a: 1, c: 3 }, 0);
    expect([...tree.entries()].map((e) => `${e.path}=${e.count}`).sort()).toEqual(["a=2", "b=1"]);
  });

  it(`stops at ${CATALOG_LIMITS.maxDepth} segments, ${CATALOG_LIMITS.maxPaths} paths and ${CATALOG_LIMITS.maxArrayItems} items per array`, () => {
    let deep: unknown = 1;
    for (let i = 0; i < 20; i++) deep = { d: deep };
    expect(Math.max(...paths({ deep }).map((p) => p.split(":")[0].split(".").length))).toBe(CATALOG_LIMITS.maxDepth);
    const wide = Object.fromEntries(Array.from({ length: 500 }, (_, i) => [`k${i}`, i]));
    expect(observedPaths({ wide }).size).toBe(CATALOG_LIMITS.maxPaths);
    const items = [...Array.from({ length: CATALOG_LIMITS.maxArrayItems }, () => 1), "late"];
    expect(paths({ items })).toEqual(["items:array", "items[]:number"]);
    expect(paths({ [`${"k".repeat(CATALOG_LIMITS.maxPathLength + 1)}`]: 1 })).toEqual([]);
  });

  it("names JSON types", () => {
    expect([null, [], {}, "", 0, false, undefined].map(jsonType)).toEqual([
      "null",
      "array",
      "object",
      "string",
      "number",
      "boolean",
      null,
    ]);
  });
});
