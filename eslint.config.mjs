import nextVitals from "eslint-config-next/core-web-vitals";
import nextTs from "eslint-config-next/typescript";
import prettier from "eslint-config-prettier/flat";

const DRIVERS = ["postgres", "pg", "pg-copy-streams", "@electric-sql/pglite", "@electric-sql/pglite/*"];

/** The house rules of DESIGN.md §4 that a linter can hold. */
const houseRules = [
  {
    // Nothing outside db/ imports a database driver.
    files: ["app/**", "server/**", "components/**", "proxy.ts"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        { patterns: [{ group: DRIVERS, message: "Database drivers are imported in db/ only." }] },
      ],
    },
  },
  {
    // Components talk to the server through tRPC; from server/ they may import types only.
    files: ["components/**"],
    rules: {
      "@typescript-eslint/no-restricted-imports": [
        "error",
        {
          patterns: [
            { group: DRIVERS, message: "Database drivers are imported in db/ only." },
            {
              group: ["@/server/*", "**/server/*"],
              allowTypeImports: true,
              message: "Components import only types from server/; call it through tRPC.",
            },
            { group: ["@/db/*", "**/db/*"], allowTypeImports: true, message: "Components never import db/." },
          ],
        },
      ],
    },
  },
  {
    // One place reads the environment: server/env.ts (validated with zod).
    files: ["app/**", "server/**", "db/**", "components/**", "proxy.ts"],
    ignores: ["server/env.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read settings through server/env.ts." },
      ],
    },
  },
];

const config = [
  ...nextVitals,
  ...nextTs,
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      "db/migrations/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  {
    rules: {
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  ...houseRules,
  prettier,
];

export default config;
