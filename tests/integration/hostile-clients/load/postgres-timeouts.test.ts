// PostgreSQL connections have connect and statement limits (POSTGRES_CONNECT_TIMEOUT_MS,
// POSTGRES_STATEMENT_TIMEOUT_MS): the server ends a statement that runs too long and a transaction left idle,
// on the store's pool and on Prisma's; a server that accepts a connection and never answers fails the connect;
// export and audit snapshots lift the statement limits for their own transaction. On SQLite the settings are
// read and validated alike, and the node serves.
import { createServer, type Server, type Socket } from "node:net";
import { setTimeout as sleep } from "node:timers/promises";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import * as accountsRoute from "@/app/api/accounts/[publicKey]/route";
import { openPostgresPool, type PgLedgerStore } from "@/lib/db/pg-store";
import { getPrisma } from "@/lib/db/prisma";
import type { LedgerNode } from "@/lib/server/node/context";
import { testDatabaseKind } from "../../../support/database";
import { call, startTestNode } from "../../../support/node";
import { makeWallet } from "../../../support/wallet";

const statementMs = 300;
// Long enough past the limit that the server has ended the transaction when the next statement arrives.
const pastLimitMs = 3 * statementMs;
let node: LedgerNode;

beforeAll(async () => {
  node = await startTestNode("postgres-timeouts", {
    POSTGRES_STATEMENT_TIMEOUT_MS: String(statementMs),
    POSTGRES_CONNECT_TIMEOUT_MS: "500",
  });
});

describe("database time limits", () => {
  it("are read from the settings, and the node serves under them", async () => {
    expect(node.config.postgresTimeouts).toEqual({ connectMs: 500, statementMs });
    const response = await call(accountsRoute.GET, { params: { publicKey: makeWallet().publicKey } });
    expect(response.status).toBe(200);
  });

  if (testDatabaseKind() === "postgres") definePostgresTests();
});

function definePostgresTests(): void {
  const pool = () => (node.store as PgLedgerStore).pool;

  it("set statement_timeout and idle_in_transaction_session_timeout on the store's and Prisma's connections", async () => {
    const settings = `SELECT current_setting('statement_timeout') AS "statement",
      current_setting('idle_in_transaction_session_timeout') AS "idle"`;
    const expected = { statement: `${statementMs}ms`, idle: `${statementMs}ms` };
    expect((await pool().query(settings)).rows).toEqual([expected]);
    expect(await getPrisma(node.config.databaseUrl).$queryRawUnsafe(settings)).toEqual([expected]);
  });

  it("end a statement that runs past the limit", async () => {
    await expect(pool().query(`SELECT pg_sleep(${pastLimitMs / 1000})`)).rejects.toMatchObject({ code: "57014" });
  });

  it("end a transaction left idle past the limit", async () => {
    const client = await pool().connect();
    try {
      await client.query("BEGIN");
      await sleep(pastLimitMs);
      await expect(client.query("SELECT 1")).rejects.toThrow();
    } finally {
      client.release(true);
    }
  });

  it("are lifted in a snapshot, which an export or audit reads at its own pace", async () => {
    const snapshot = await node.store.openSnapshot();
    try {
      await sleep(pastLimitMs);
      expect((await snapshot.head())?.header.height).toBe(0);
    } finally {
      await snapshot.release();
    }
  });

  describe("a server that accepts connections and never answers", () => {
    let silent: Server;
    const sockets: Socket[] = [];

    beforeAll(async () => {
      silent = createServer((socket) => sockets.push(socket));
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
    });

    afterAll(async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise((resolve) => silent.close(resolve));
    });

    it("fails the connect at the connect limit instead of waiting for good", async () => {
      const { port } = silent.address() as { port: number };
      const stuck = openPostgresPool(`postgres://chainpay@127.0.0.1:${port}/chainpay`, {
        connectMs: 200,
        statementMs,
      });
      try {
        await expect(stuck.query("SELECT 1")).rejects.toThrow(/timeout/i);
      } finally {
        await stuck.end();
      }
    });
  });
}
