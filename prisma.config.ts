// Prisma CLI configuration. Prisma 7 reads the database URL from here, not from the schema.
import path from "node:path";
import { defineConfig } from "prisma/config";

// Every Prisma CLI command first looks for the native schema engine and downloads it when it is missing.
// That download is impossible offline (and behind many firewalls), so point the CLI at our own engine:
// a small script that answers the engine's JSON-RPC protocol with Prisma's WebAssembly schema engine.
process.env.PRISMA_SCHEMA_ENGINE_BINARY ??= path.resolve("scripts/schema-engine.mjs");
// No update check or telemetry from the CLI: these machines (and many users' networks) are offline.
process.env.CHECKPOINT_DISABLE ??= "1";

const dataDir = process.env.DATA_DIR ?? "./data";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? `file:${path.resolve(dataDir, "chainpay.db")}` },
});
