// @ts-check
const path = require("node:path");

/** @type {import('next').NextConfig} */
module.exports = {
  // PGlite ships WASM and must be loaded from node_modules at run time, not bundled.
  serverExternalPackages: ["@electric-sql/pglite", "postgres"],
  turbopack: { root: path.join(__dirname) },
  poweredByHeader: false,
  typedRoutes: false,
};
