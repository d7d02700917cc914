import { z } from "zod";

/** The identifier types every workspace has; custom types (crm_id, device_id …) are added per workspace. */
export const BUILT_IN_TYPES = ["user_id", "email", "phone", "anonymous_id"] as const;

const typeName = z
  .string()
  .regex(/^[a-z][a-z0-9_]{0,39}$/, "use lower-case letters, digits and _ (at most 40), starting with a letter");

export const customTypeSchema = z.object({
  type: typeName,
  /** Where to read it: `context.externalIds` entries of this type are always read; these paths too (e.g. traits.crm_id). */
  paths: z
    .array(
      z
        .string()
        .max(200, "a path has at most 200 characters")
        .regex(
          /^(traits|properties|context)(\.[A-Za-z0-9_$-]+)+$/,
          "a path such as traits.crm_id: traits, properties or context, then keys joined by dots",
        ),
    )
    .max(10, "at most 10 paths per identifier type")
    .default([]),
});

export const limitSchema = z.object({
  max: z
    .number("the most identifiers of this type on one profile: a whole number")
    .int("a whole number")
    .min(1, "at least 1")
    .max(10_000, "at most 10,000"),
  /** Count only identifiers first seen within this many days of the event (a sliding window). */
  windowDays: z
    .number("a number of days")
    .int("a whole number of days")
    .min(1, "at least 1 day")
    .max(3650, "at most 3,650 days (10 years)")
    .optional(),
});

/**
 * How a trait's surviving value is chosen from its history: the latest by event time, the value from the
 * highest-priority source (then latest), the first ever seen, or the value seen most often (then latest).
 */
export const SURVIVORSHIP_STRATEGIES = ["latest", "source_priority", "first_seen", "most_frequent"] as const;
export const survivorshipStrategySchema = z.enum(
  SURVIVORSHIP_STRATEGIES,
  `one of ${SURVIVORSHIP_STRATEGIES.join(", ")}`,
);
export type SurvivorshipStrategy = z.infer<typeof survivorshipStrategySchema>;

export const survivorshipSchema = z.object({
  /** The strategy of every trait not named in `traits`. */
  default: survivorshipStrategySchema.default("latest"),
  traits: z
    .record(
      z.string().min(1, "a trait name is not empty").max(200, "a trait name has at most 200 characters"),
      survivorshipStrategySchema,
    )
    .default({}),
  /** For source_priority: source and enrichment-file ids, highest first; unlisted sources rank below them. */
  sourcePriority: z
    .array(z.string().uuid("a source id"))
    .max(50, "at most 50 sources in the priority order")
    .refine((ids) => new Set(ids).size === ids.length, "a source is listed twice")
    .default([]),
});

/** Merge protection and identifier settings of a workspace; defaults below. */
export const identityRulesSchema = z.object({
  customTypes: z
    .array(customTypeSchema)
    .max(20, "at most 20 custom identifier types")
    .superRefine((types, ctx) => {
      const seen = new Set<string>();
      types.forEach(({ type }, i) => {
        if ((BUILT_IN_TYPES as readonly string[]).includes(type))
          ctx.addIssue({ code: "custom", path: [i, "type"], message: `${type} is a built-in identifier type` });
        else if (seen.has(type))
          ctx.addIssue({ code: "custom", path: [i, "type"], message: `${type} is defined twice` });
        seen.add(type);
      });
    })
    .default([]),
  /** Values that never become identifiers: exact (case-insensitive) or /regex/. */
  blocked: z
    .array(
      z
        .string()
        .min(1, "a blocked value is not empty")
        .max(200, "a blocked value has at most 200 characters")
        .refine((v) => v.trim() === v, "a blocked value has no spaces at its start or end"),
    )
    .max(200, "at most 200 blocked values")
    .default([]),
  limits: z.record(typeName, limitSchema).default({}),
  /** Highest first; types not listed come after the listed ones, anonymous_id last. */
  priority: z
    .array(typeName)
    .refine((types) => new Set(types).size === types.length, "a type is listed twice")
    .default([]),
  /** ISO country for phone numbers written without a country code. */
  defaultCountry: z
    .string()
    .regex(/^[A-Z]{2}$/, "a two-letter country code such as US or DE")
    .default("US"),
  survivorship: survivorshipSchema.prefault({}),
});
export type IdentityRules = z.infer<typeof identityRulesSchema>;

/** Never identifiers, whatever the workspace adds: empty-ish ids and the placeholders SDKs and forms send. */
export const DEFAULT_BLOCKED = [
  "/^[0-]*$/",
  "-1",
  "null",
  "undefined",
  "anonymous",
  "unknown",
  "test@test.com",
  "test@example.com",
];

export const DEFAULT_LIMITS: Record<string, z.infer<typeof limitSchema>> = {
  user_id: { max: 1 },
  email: { max: 5 },
  phone: { max: 5 },
  anonymous_id: { max: 100 },
};

export const DEFAULT_RULES: IdentityRules = identityRulesSchema.parse({});

/** The effective settings: workspace values over the defaults. */
export function effectiveRules(rules: IdentityRules) {
  const types = [
    ...BUILT_IN_TYPES,
    ...rules.customTypes.map((c) => c.type).filter((t) => !(BUILT_IN_TYPES as readonly string[]).includes(t)),
  ];
  const listed = rules.priority.filter((t) => types.includes(t));
  const rest = ["user_id", "email", "phone", ...rules.customTypes.map((c) => c.type)].filter(
    (t) => !listed.includes(t) && t !== "anonymous_id",
  );
  const priority = [...new Set([...listed, ...rest, "anonymous_id"])];
  return {
    types,
    priority,
    limits: { ...DEFAULT_LIMITS, ...rules.limits },
    blocked: [...DEFAULT_BLOCKED, ...rules.blocked],
    defaultCountry: rules.defaultCountry,
    customTypes: rules.customTypes,
    survivorship: rules.survivorship,
  };
}
export type EffectiveRules = ReturnType<typeof effectiveRules>;
