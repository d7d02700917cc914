import { defineConfig } from "drizzle-kit";

// Migrations are generated from db/schema and committed; both drivers apply the same files.
export default defineConfig({
  dialect: "postgresql",
  schema: "./db/schema/index.ts",
  out: "./db/migrations",
});
