// Vitest globalSetup: gives the tests a PostgreSQL server they may CREATE DATABASE on, as inject("postgresAdminUrl").
// TEST_POSTGRES_URL, when set, is used as is; otherwise a throwaway server runs for the length of the test run.
import type { TestProject } from "vitest/node";
import { startPostgresServer } from "@/scripts/postgres-server";

declare module "vitest" {
  export interface ProvidedContext {
    postgresAdminUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const givenUrl = process.env.TEST_POSTGRES_URL;
  if (givenUrl) {
    project.provide("postgresAdminUrl", givenUrl);
    return async () => {};
  }
  const server = await startPostgresServer();
  project.provide("postgresAdminUrl", server.adminUrl);
  return server.stop;
}
