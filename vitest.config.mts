import path from "node:path";
import { fileURLToPath } from "node:url";
import { defineConfig } from "vitest/config";

const __dirname = path.dirname(fileURLToPath(import.meta.url));

export default defineConfig({
  resolve: {
    alias: {
      "@": path.resolve(__dirname),
      "server-only": path.resolve(__dirname, "test/helpers/empty-module.ts"),
    },
  },
  test: {
    include: ["test/unit/**/*.test.ts", "test/integration/**/*.test.ts"],
    globalSetup: ["test/helpers/global-setup.ts"],
    server: { deps: { inline: ["next-auth"] } },
    testTimeout: 30_000,
    hookTimeout: 60_000,
    pool: "forks",
    // Fixed secrets so no test writes generated ones into the working tree's data folder.
    env: {
      AUTH_SECRET: "test-auth-secret-0123456789abcdef0123456789",
      CDP_SECRET_KEY: "dGVzdC1zZWNyZXQta2V5LTMyLWJ5dGVzLWxvbmctLS0",
      CDP_DATA_DIR: "test-results/data",
      AUTH_TRUST_HOST: "true",
    },
  },
});
