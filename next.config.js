// @ts-check
/* eslint-disable @typescript-eslint/no-require-imports */
const path = require("node:path");

/** @type {import('next').NextConfig} */
module.exports = {
  // PGlite ships WASM and must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres", "pg", "pg-copy-streams", "piscina"],
  turbopack: { root: path.join(__dirname) },
  poweredByHeader: false,
  // `npm run typecheck` checks the whole project; the production build need not do it again.
  typescript: { ignoreBuildErrors: true },
};
