import { fetchRequestHandler } from "@trpc/server/adapters/fetch";
import { and, asc, eq } from "drizzle-orm";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DatabaseHandle } from "@/db/client";
import { auditLog, enrichmentFiles, identitySettings } from "@/db/schema";
import { uuidv7 } from "@/db/ids";
import { ROLES, can } from "@/server/auth/permissions";
import { BUILT_IN_IDENTIFIERS } from "@/server/identity/built-in-identifiers";
import { extractIdentifiers } from "@/server/identity/extract-identifiers";
import { DEFAULT_BLOCKED, DEFAULT_LIMITS, DEFAULT_RULES, effectiveRules } from "@/server/identity/identity-rules";
import { appRouter } from "@/server/trpc/root";
import { priorityOrder } from "@/components/identity/rules-text";
import { callerFor, seedWorkspace, type SeededWorkspace } from "../../helpers/fixtures";
import { freshDatabase } from "../../helpers/test-db";
import { expectTrpcError } from "../trpc-call";

/** identity.rules, identity.updateRules and identity.testValue: defaults, saving, refusals, rights and audit. */
let handle: DatabaseHandle;
let ws: SeededWorkspace;
let other: SeededWorkspace;
let web: string;
let crm: string;
let foreign: string;
let vendorFile: string;
beforeAll(async () => {
  handle = await freshDatabase();
  ws = await seedWorkspace(handle.db, "Rules");
  other = await seedWorkspace(handle.db, "Elsewhere");
  const owner = callerFor(handle.db, ws.members.owner, ws.id);
  web = (await owner.sources.create({ name: "Web shop", type: "http" })).source.id;
  crm = (await owner.sources.create({ name: "CRM export", type: "file" })).source.id;
  foreign = (await callerFor(handle.db, other.members.owner, other.id).sources.create({ name: "Theirs", type: "http" }))
    .source.id;
  vendorFile = uuidv7();
  await handle.db.insert(enrichmentFiles).values({
    workspaceId: ws.id,
    id: vendorFile,
    name: "vendor.csv",
    keyType: "email",
    keyColumn: "email",
    mapping: {},
    asOf: new Date().toISOString(),
    status: "completed",
  });
});
afterAll(() => handle.close());

const as = (role: (typeof ROLES)[number], workspace = ws) =>
  callerFor(handle.db, workspace.members[role], workspace.id).identity;

/** The call as the console sends it (POST /api/trpc/…), answered with its HTTP status and the message shown. */
async function overHttp(role: (typeof ROLES)[number], input: unknown) {
  const req = new Request("http://localhost:3000/api/trpc/identity.updateRules", {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ json: input }),
  });
  const response = await fetchRequestHandler({
    endpoint: "/api/trpc",
    req,
    router: appRouter,
    createContext: ({ resHeaders }) => ({
      db: handle.db,
      user: ws.members[role],
      requestedWorkspaceId: ws.id,
      ip: "127.0.0.1",
      resHeaders,
    }),
  });
  const body = (await response.json()) as { error?: { json: { message: string } } };
  return { status: response.status, message: body.error?.json.message ?? null };
}

const stored = async () =>
  (await handle.db.select().from(identitySettings).where(eq(identitySettings.workspaceId, ws.id)))[0] ?? null;
const auditRows = () =>
  handle.db
    .select()
    .from(auditLog)
    .where(and(eq(auditLog.workspaceId, ws.id), eq(auditLog.action, "identity.rules_update")))
    .orderBy(asc(auditLog.chainSeq));

describe("identity.rules", () => {
  it("answers the defaults for a workspace that saved none, with the built-ins and the choices to pick from", async () => {
    const view = await as("viewer").rules();
    expect(view.rules).toEqual(DEFAULT_RULES);
    expect(view.version).toBeNull();
    expect(view.effective).toEqual(effectiveRules(DEFAULT_RULES));
    expect(view.effective.priority).toEqual(["user_id", "email", "phone", "anonymous_id"]);
    expect(view.builtIn.blocked).toEqual(DEFAULT_BLOCKED);
    expect(view.builtIn.limits).toEqual(DEFAULT_LIMITS);
    expect(view.builtIn.identifiers.map((i) => i.type)).toEqual(["user_id", "email", "phone", "anonymous_id"]);
    expect(view.countries).toContainEqual({ code: "NO", name: "Norway", callingCode: "+47" });
    expect(view.countries.length).toBeGreaterThan(200);
    // This workspace's sources by name, then its enrichment files: what a source priority can rank.
    expect(view.sources.map((s) => [s.name, s.type])).toEqual([
      ["CRM export", "file"],
      ["Web shop", "http"],
      ["vendor.csv", "enrichment"],
    ]);
    expect(view.strategies).toEqual(["latest", "source_priority", "first_seen", "most_frequent"]);
  });

  it("says where each built-in type is read from truthfully: a value at each place is found as that type", () => {
    const rules = effectiveRules(DEFAULT_RULES);
    const values: Record<string, string> = {
      user_id: "u-1",
      email: "ann@example.com",
      phone: "+4791234567",
      anonymous_id: "a-1",
    };
    for (const { type, readFrom } of BUILT_IN_IDENTIFIERS) {
      for (const place of readFrom) {
        const path = place.split(" ")[0].split(".");
        const event: Record<string, unknown> = { type: place.includes("alias") ? "alias" : "identify" };
        let node = event;
        path.slice(0, -1).forEach((key) => (node = (node[key] ??= {}) as Record<string, unknown>));
        node[path.at(-1)!] = values[type];
        const { identifiers } = extractIdentifiers(event, rules, () => false);
        expect(identifiers, `${type} from ${place}`).toContainEqual({ type, value: values[type] });
      }
    }
  });
});

describe("the console's priority order", () => {
  it("is the server's: the same order as effectiveRules for listed, unlisted and custom types", () => {
    const cases: [string[], string[]][] = [
      [[], []],
      [[], ["crm_id"]],
      [["crm_id", "user_id"], ["crm_id"]],
      [
        ["anonymous_id", "email"],
        ["crm_id", "loyalty_id"],
      ],
      [["user_id", "email", "phone", "anonymous_id"], ["crm_id"]],
      [["gone", "phone"], []],
    ];
    for (const [priority, custom] of cases) {
      const rules = { ...DEFAULT_RULES, priority, customTypes: custom.map((type) => ({ type, paths: [] })) };
      expect(priorityOrder(priority, custom), JSON.stringify({ priority, custom })).toEqual(
        effectiveRules(rules).priority,
      );
    }
  });
});

describe("identity.updateRules", () => {
  const good = () => ({
    customTypes: [{ type: "crm_id", paths: ["traits.crm_id"] }],
    blocked: ["qa@acme.test", "/^test-\\d+$/"],
    limits: { email: { max: 3, windowDays: 30 }, crm_id: { max: 1 } },
    priority: ["crm_id", "user_id"],
    defaultCountry: "NO",
    survivorship: {
      default: "latest" as const,
      traits: { plan: "source_priority" as const },
      sourcePriority: [crm, web],
    },
  });

  it("saves the rules, which read back as saved, with the effective rules they make", async () => {
    const result = await as("admin").updateRules({ ...good(), baseVersion: null });
    expect(result.changed).toBe(true);
    const view = await as("admin").rules();
    expect(view.rules).toEqual(good());
    expect(view.version).toBe(result.version);
    expect(view.effective.types).toEqual(["user_id", "email", "phone", "anonymous_id", "crm_id"]);
    expect(view.effective.priority).toEqual(["crm_id", "user_id", "email", "phone", "anonymous_id"]);
    expect(view.effective.limits).toMatchObject({ email: { max: 3, windowDays: 30 }, user_id: { max: 1 } });
    expect(view.effective.blocked).toEqual([...DEFAULT_BLOCKED, "qa@acme.test", "/^test-\\d+$/"]);
  });

  it("writes an audit row whose before and after read as sentences, sources by name", async () => {
    const [row] = await auditRows();
    expect(row).toMatchObject({ actorEmail: ws.members.admin.email, targetType: "workspace", targetId: ws.id });
    expect(row.summary).toEqual({
      before: {
        customIdentifierTypes: "none",
        blockedValues: "none besides the built-in ones",
        limits: "the built-in ones",
        priority: "user_id > email > phone > anonymous_id",
        defaultCountry: "US",
        traitSurvivorship: "latest",
        traitOverrides: "none",
        sourcePriority: "none",
      },
      after: {
        customIdentifierTypes: "crm_id (traits.crm_id)",
        blockedValues: "qa@acme.test, /^test-\\d+$/",
        limits: "email at most 3 within 30 days; crm_id at most 1",
        priority: "crm_id > user_id > email > phone > anonymous_id",
        defaultCountry: "NO",
        traitSurvivorship: "latest",
        traitOverrides: "plan: source priority",
        sourcePriority: "CRM export > Web shop",
      },
    });
  });

  it("writes nothing, and no audit row, when nothing changed", async () => {
    const before = await stored();
    const { version } = await as("owner").rules();
    expect(await as("owner").updateRules(good())).toEqual({ version, changed: false });
    expect(await stored()).toEqual(before);
    expect(await auditRows()).toHaveLength(1);
  });

  it("refuses a save over rules someone else saved since (CONFLICT), keeping theirs", async () => {
    const { version } = await as("admin").rules();
    await as("owner").updateRules({ ...good(), defaultCountry: "SE", baseVersion: version });
    await expectTrpcError(
      as("admin").updateRules({ ...good(), defaultCountry: "DK", baseVersion: version }),
      "CONFLICT",
      /Someone else saved the identity rules/,
    );
    expect((await as("admin").rules()).rules.defaultCountry).toBe("SE");
    await as("owner").updateRules(good());
  });

  const BAD: [string, (r: ReturnType<typeof good>) => unknown, RegExp][] = [
    [
      "a pattern RE2 cannot compile",
      (r) => ({ ...r, blocked: ["ok@acme.test", "/(unclosed/"] }),
      /^blocked\.1: \/\(unclosed\/ is not a regular expression RE2 accepts \(missing closing \)\)/,
    ],
    [
      "a look-ahead (not in RE2)",
      (r) => ({ ...r, blocked: ["/^a(?=b)/"] }),
      /^blocked\.0: \/\^a\(\?=b\)\/ is not a regular expression RE2 accepts \(invalid or unsupported Perl syntax\)/,
    ],
    ["a blocked value listed twice", (r) => ({ ...r, blocked: ["x1", "X1"] }), /^blocked\.1: X1 is listed twice$/],
    [
      "a built-in blocked value",
      (r) => ({ ...r, blocked: ["NULL"] }),
      /^blocked\.0: NULL is blocked already \(built in\)$/,
    ],
    ["an empty blocked value", (r) => ({ ...r, blocked: [""] }), /^blocked\.0: a blocked value is not empty$/],
    [
      "a blocked value with spaces around it",
      (r) => ({ ...r, blocked: [" guest "] }),
      /^blocked\.0: a blocked value has no spaces at its start or end$/,
    ],
    [
      "an unknown source in the source priority",
      (r) => ({ ...r, survivorship: { ...r.survivorship, sourcePriority: ["0190f0e0-0000-7000-8000-000000000000"] } }),
      /^survivorship\.sourcePriority\.0: no source or enrichment file 0190f0e0-0000-7000-8000-000000000000 in this workspace$/,
    ],
    [
      "another workspace's source in the source priority",
      (r) => ({ ...r, survivorship: { ...r.survivorship, sourcePriority: [web, foreign] } }),
      /^survivorship\.sourcePriority\.1: no source or enrichment file [0-9a-f-]{36} in this workspace$/,
    ],
    [
      "a source listed twice",
      (r) => ({ ...r, survivorship: { ...r.survivorship, sourcePriority: [web, web] } }),
      /^survivorship\.sourcePriority: a source is listed twice$/,
    ],
    [
      "a source id that is no id",
      (r) => ({ ...r, survivorship: { ...r.survivorship, sourcePriority: ["web"] } }),
      /^survivorship\.sourcePriority\.0: a source id$/,
    ],
    [
      "a custom type named like a built-in",
      (r) => ({ ...r, customTypes: [{ type: "email", paths: ["traits.work_email"] }] }),
      /^customTypes\.0\.type: email is a built-in identifier type$/,
    ],
    [
      "a custom type defined twice",
      (r) => ({ ...r, customTypes: [...r.customTypes, { type: "crm_id", paths: [] }] }),
      /^customTypes\.1\.type: crm_id is defined twice$/,
    ],
    [
      "a custom type name with capitals and spaces",
      (r) => ({ ...r, customTypes: [{ type: "CRM id", paths: [] }] }),
      /^customTypes\.0\.type: use lower-case letters, digits and _/,
    ],
    [
      "a path outside traits, properties and context",
      (r) => ({ ...r, customTypes: [{ type: "crm_id", paths: ["crm_id"] }] }),
      /^customTypes\.0\.paths\.0: a path such as traits\.crm_id/,
    ],
    [
      "a limit of a type that does not exist",
      (r) => ({ ...r, limits: { loyalty_id: { max: 2 } } }),
      /^limits\.loyalty_id: there is no identifier type loyalty_id \(add it under identifier types first\)$/,
    ],
    ["a limit of 0", (r) => ({ ...r, limits: { email: { max: 0 } } }), /^limits\.email\.max: at least 1$/],
    [
      "a window of 0 days",
      (r) => ({ ...r, limits: { email: { max: 2, windowDays: 0 } } }),
      /^limits\.email\.windowDays: at least 1 day$/,
    ],
    [
      "a priority of an unknown type",
      (r) => ({ ...r, priority: ["loyalty_id"] }),
      /^priority\.0: there is no identifier type loyalty_id/,
    ],
    [
      "a type twice in the priority",
      (r) => ({ ...r, priority: ["email", "email"] }),
      /^priority: a type is listed twice$/,
    ],
    ["a lower-case country", (r) => ({ ...r, defaultCountry: "no" }), /^defaultCountry: a two-letter country code/],
    [
      "a country phone numbers cannot be read for",
      (r) => ({ ...r, defaultCountry: "ZZ" }),
      /^defaultCountry: ZZ is not a country phone numbers can be read for$/,
    ],
    [
      "an unknown survivorship strategy",
      (r) => ({ ...r, survivorship: { ...r.survivorship, traits: { plan: "newest" } } }),
      /^survivorship\.traits\.plan: one of latest, source_priority, first_seen, most_frequent$/,
    ],
  ];

  it.each(BAD)("refuses %s with 400 and a message naming the field, storing nothing", async (_, input, message) => {
    const before = { row: await stored(), audit: (await auditRows()).length };
    const result = await overHttp("admin", input(good()));
    expect(result.status, result.message ?? "").toBe(400);
    expect(result.message).toMatch(message);
    expect({ row: await stored(), audit: (await auditRows()).length }).toEqual(before);
  });

  it.each(ROLES.filter((r) => !can(r, "identity:manage")))(
    "refuses %s with FORBIDDEN (403 over HTTP), storing nothing",
    async (role) => {
      const before = { row: await stored(), audit: (await auditRows()).length };
      await expectTrpcError(
        as(role).updateRules({ ...good(), blocked: ["sneaky"] }),
        "FORBIDDEN",
        new RegExp(`\\(${role}\\) does not allow this \\(needs identity:manage\\)`),
      );
      expect((await overHttp(role, { ...good(), blocked: ["sneaky"] })).status).toBe(403);
      expect({ row: await stored(), audit: (await auditRows()).length }).toEqual(before);
    },
  );

  it("ranks an enrichment file beside the sources, named in the audit row", async () => {
    const { version } = await as("admin").rules();
    const sourcePriority = [vendorFile, web];
    await as("admin").updateRules({
      ...good(),
      survivorship: { ...good().survivorship, sourcePriority },
      baseVersion: version,
    });
    expect((await as("admin").rules()).rules.survivorship.sourcePriority).toEqual(sourcePriority);
    const last = (await auditRows()).at(-1)!;
    expect((last.summary as { after: { sourcePriority: string } }).after.sourcePriority).toBe("vendor.csv > Web shop");
    await as("admin").updateRules(good());
  });

  it("keeps workspaces apart: another workspace still has the defaults", async () => {
    expect((await as("owner", other).rules()).rules).toEqual(DEFAULT_RULES);
  });

  it("shows a role without pii:read the workspace's blocked emails masked", async () => {
    expect((await as("viewer").rules()).rules.blocked).toEqual(["•••@•••", "/^test-\\d+$/"]);
    expect((await as("analyst").rules()).rules.blocked).toEqual(["qa@acme.test", "/^test-\\d+$/"]);
  });
});

describe("identity.testValue", () => {
  const test = (input: Parameters<ReturnType<typeof as>["testValue"]>[0], role: (typeof ROLES)[number] = "admin") =>
    as(role).testValue(input);

  it("names the built-in entry that blocks a value", async () => {
    expect(await test({ value: "0000", type: "user_id" })).toEqual({
      verdict: "blocked",
      normalized: "0000",
      message: "Blocked: it matches the built-in pattern /^[0-]*$/.",
      unusable: [],
    });
    expect((await test({ value: " Undefined ", type: "anonymous_id" })).message).toBe(
      "Blocked: it is the built-in blocked value undefined (letter case aside).",
    );
  });

  it("checks the saved list, or the editor's unsaved one", async () => {
    expect((await test({ value: "test-42", type: "crm_id" })).message).toBe(
      "Blocked: it matches the workspace's pattern /^test-\\d+$/.",
    );
    expect((await test({ value: "QA@acme.test", type: "email" })).message).toBe(
      "Blocked (read as qa@acme.test): it is the workspace's blocked value qa@acme.test (letter case aside).",
    );
    expect(await test({ value: "test-42", type: "crm_id", blocked: ["/guest-.*/"] })).toMatchObject({
      verdict: "allowed",
      message: "Not blocked: it would be used as crm_id.",
    });
    expect((await test({ value: "Guest-7", type: "crm_id", blocked: ["/guest-.*/"] })).verdict).toBe("blocked");
  });

  it("names the entries of the list tested that block nothing because RE2 refuses them", async () => {
    expect(await test({ value: "x-1", type: "crm_id", blocked: ["/x-(\\d/", "/y/"] })).toEqual({
      verdict: "allowed",
      normalized: "x-1",
      message: "Not blocked: it would be used as crm_id.",
      unusable: [
        {
          entry: "/x-(\\d/",
          problem:
            "/x-(\\d/ is not a regular expression RE2 accepts (missing closing )); write /…/ around a pattern, or a plain value to block exactly",
        },
      ],
    });
  });

  it("matches a pattern against the whole value, as resolution does, and says so when one matches only part", async () => {
    expect((await test({ value: "guest-7", type: "crm_id", blocked: ["/^guest-/"] })).message).toBe(
      "Not blocked: it would be used as crm_id. The pattern /^guest-/ matches only part of it: a pattern must match the whole value (add .* where anything may follow).",
    );
  });

  it("reads the value as resolution would: phones with the default country, malformed values refused", async () => {
    expect(await test({ value: "912 34 567", type: "phone" })).toEqual({
      verdict: "allowed",
      normalized: "+4791234567",
      message: "Not blocked: it would be used as phone (read as +4791234567).",
      unusable: [],
    });
    expect((await test({ value: "912 34 567", type: "phone", defaultCountry: "US" })).verdict).toBe("invalid");
    expect(await test({ value: "not-an-email", type: "email" })).toEqual({
      verdict: "invalid",
      normalized: null,
      message: "Not an identifier: email is not an email address.",
      unusable: [],
    });
  });

  it("masks personal values for a role without pii:read, even the one it typed", async () => {
    const verdict = await test({ value: "QA@acme.test", type: "email" }, "viewer");
    expect(verdict.verdict).toBe("blocked");
    expect(JSON.stringify(verdict)).not.toContain("qa@acme.test");
  });
});
