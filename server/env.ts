import { randomBytes } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { z } from "zod";

/** The one place that reads process.env. Every variable is validated here; a bad value names itself. */
const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);
const optional = <T extends z.ZodType>(schema: T) => z.preprocess(emptyAsUndefined, schema.optional());

const schema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(65535).default(3000)),
  HOST: z.preprocess(emptyAsUndefined, z.string().default("0.0.0.0")),
  DATABASE_URL: optional(
    z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL"),
  ),
  DATABASE_POOL_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(200).default(10)),
  CDP_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data")),
  AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
  CDP_ADMIN_EMAIL: optional(z.email("must be an email address")),
  CDP_ADMIN_PASSWORD: optional(z.string().min(8, "must be at least 8 characters")),
  CDP_DEMO: z.preprocess(emptyAsUndefined, z.enum(["true", "false"]).default("true")),
  CRON_SECRET: optional(z.string().min(16, "must be at least 16 characters")),
});

export type Env = z.infer<typeof schema>;

export class EnvError extends Error {}

export function parseEnv(source: Record<string, string | undefined>): Env {
  const result = schema.safeParse(source);
  if (result.success) return result.data;
  const problems = result.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
  throw new EnvError(`Invalid environment configuration:\n${problems.join("\n")}`);
}

let cached: Env | undefined;
/** The validated environment (parsed once per process). */
export function env(): Env {
  cached ??= parseEnv(process.env);
  return cached;
}

export const dataDir = () => path.resolve(env().CDP_DATA_DIR);

/**
 * AUTH_SECRET when given; otherwise one generated on first use and kept in the data folder, so sessions
 * survive restarts. Several web replicas must share AUTH_SECRET explicitly.
 */
export function authSecret(): string {
  const given = env().AUTH_SECRET;
  if (given) return given;
  const file = path.join(dataDir(), "auth-secret");
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir(), { recursive: true });
  const secret = randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600, flag: "wx" });
  return secret;
}

/** Next.js and next-auth read a few variables themselves; set them once at start-up. */
export function prepareProcessEnv(): void {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  process.env.AUTH_TRUST_HOST ??= "true";
  process.env.AUTH_SECRET = authSecret();
}
