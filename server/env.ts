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
  DATABASE_URL: optional(z.string().regex(/^postgres(ql)?:\/\//, "must be a postgres:// or postgresql:// URL")),
  DATABASE_POOL_SIZE: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(1).max(200).default(16)),
  CDP_DATA_DIR: z.preprocess(emptyAsUndefined, z.string().default(".data")),
  AUTH_SECRET: optional(z.string().min(32, "must be at least 32 characters")),
  CDP_ADMIN_EMAIL: optional(z.email("must be an email address")),
  CDP_ADMIN_PASSWORD: optional(z.string().min(8, "must be at least 8 characters")),
  CDP_DEMO: z.preprocess(emptyAsUndefined, z.enum(["true", "false"]).default("true")),
  CDP_SECRET_KEY: optional(
    z.string().regex(/^[A-Za-z0-9_-]{43}$|^[A-Za-z0-9+/]{43}=$/, "must be 32 bytes in base64 or base64url"),
  ),
  CRON_SECRET: optional(z.string().min(16, "must be at least 16 characters")),
  CDP_STORAGE_TIMEOUT_MS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(100).max(120_000).default(5_000)),
  CDP_HTTP_HEADERS_TIMEOUT_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1_000).max(600_000).default(20_000),
  ),
  CDP_HTTP_REQUEST_TIMEOUT_MS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1_000).max(3_600_000).default(120_000),
  ),
  AUTH_URL: optional(z.url({ protocol: /^https?$/, error: "must be an http:// or https:// URL" })),
  CDP_TRUSTED_PROXY_HOPS: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(10).default(0)),
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
  return env().AUTH_SECRET ?? dataDirSecret("auth-secret", 32);
}

/** A secret kept in the data folder, generated on first use (0600, created exclusively so two starts agree). */
function dataDirSecret(fileName: string, bytes: number): string {
  const file = path.join(dataDir(), fileName);
  if (existsSync(file)) return readFileSync(file, "utf8").trim();
  mkdirSync(dataDir(), { recursive: true });
  try {
    writeFileSync(file, randomBytes(bytes).toString("base64url"), { mode: 0o600, flag: "wx" });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  return readFileSync(file, "utf8").trim();
}

/** The key that encrypts stored secrets (AES-256-GCM): CDP_SECRET_KEY, or one kept in the data folder. */
export function secretKey(): Buffer {
  const given = env().CDP_SECRET_KEY;
  return Buffer.from(given ?? dataDirSecret("secret-key", 32), given?.endsWith("=") ? "base64" : "base64url");
}

/** Next.js and next-auth read a few variables themselves; set them once at start-up. */
export function prepareProcessEnv(): void {
  process.env.NEXT_TELEMETRY_DISABLED = "1";
  process.env.AUTH_TRUST_HOST ??= "true";
  process.env.AUTH_SECRET = authSecret();
}
