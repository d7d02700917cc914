import { describe, expect, it } from "vitest";
import { CATALOG_LIMITS, jsonType, observedPaths, PATH_TYPE_SEPARATOR } from "@/server/ingestion/catalog-paths";

const paths = (message: Record<string, unknown>) => [...observedPaths(message)].map((p) => p.split(PATH_TYPE_SEPARATOR).join(":")).sort();

describe("observedPaths", () => {
  it("walks every key with its JSON type, array items as [] (each path/type once)", () => {
    expect(
      paths({
        type: "track",
        properties: { items: [{ price: 1 }, { price: "2" }, { price: 3 }], ok: true, none: null, tags: [] },
        context: { page: { url: "https://x" } },
      }),
    ).toEqual([
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
    ].sort());
  });

  it("handles nested arrays and skips keys that hold the separator", () => {
    expect(paths({ m: [[1, "a"]], [`bad${PATH_TYPE_SEPARATOR}key`]: 1 })).toEqual(["m:array", "m[]:array", "m[][]:number", "m[][]:string"]);
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
    expect([null, [], {}, "", 0, false, undefined].map(jsonType)).toEqual(["null", "array", "object", "string", "number", "boolean", null]);
  });
});
