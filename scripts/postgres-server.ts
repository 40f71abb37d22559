// A throwaway PostgreSQL server (its own temp cluster on a free loopback port) for the integration tests and the
// benchmark, and fresh databases on any server they may use.
import { execFile } from "node:child_process";
import { randomBytes } from "node:crypto";
import {
  accessSync,
  appendFileSync,
  chownSync,
  constants,
  existsSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  realpathSync,
  rmSync,
} from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import pg from "pg";
import { freePort } from "./free-port";

const execFileAsync = promisify(execFile);

export type PostgresServer = { adminUrl: string; stop: () => Promise<void> };
export type TestDatabase = { url: string; drop: () => Promise<void> };

const installHint =
  "PostgreSQL server binaries (initdb, pg_ctl, postgres) were not found on PATH or in /usr/lib/postgresql/*/bin. " +
  "Fix: install them (Debian/Ubuntu: `apt-get install postgresql`), or set TEST_POSTGRES_URL to a server " +
  "where the user may CREATE DATABASE (e.g. postgresql://postgres@127.0.0.1:5432/postgres).";

// Sized for tests on a 2-core machine: many short-lived connections across test databases, little parallel query.
// fsync stays on: the ledger promises durability and the tests check crash safety.
const serverSettings = {
  max_connections: "300",
  shared_buffers: "'128MB'",
  fsync: "on",
  synchronous_commit: "on",
  max_parallel_workers_per_gather: "0",
};

function isExecutable(file: string): boolean {
  try {
    accessSync(file, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

function hasServerBinaries(binDir: string): boolean {
  return ["initdb", "pg_ctl", "postgres"].every((name) => isExecutable(path.join(binDir, name)));
}

/** The bin directory of the installation whose initdb is first on PATH (symlinks followed). */
function binDirOnPath(): string | undefined {
  for (const dir of (process.env.PATH ?? "").split(path.delimiter).filter(Boolean)) {
    const initdb = path.join(dir, "initdb");
    if (!isExecutable(initdb)) continue;
    const binDir = path.dirname(realpathSync(initdb));
    if (hasServerBinaries(binDir)) return binDir;
  }
  return undefined;
}

/** The newest /usr/lib/postgresql/<version>/bin (Debian's layout), by numeric version. */
function newestDebianBinDir(): string | undefined {
  const base = "/usr/lib/postgresql";
  if (!existsSync(base)) return undefined;
  return readdirSync(base)
    .filter((version) => /^\d+(\.\d+)?$/.test(version))
    .sort((a, b) => Number(b) - Number(a))
    .map((version) => path.join(base, version, "bin"))
    .find(hasServerBinaries);
}

export function findPostgresBinDir(): string {
  const binDir = binDirOnPath() ?? newestDebianBinDir();
  if (binDir === undefined) throw new Error(installHint);
  return binDir;
}

/** initdb and postgres refuse to run as root: as root, run them as Debian's `postgres` system user. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  if (process.getuid?.() !== 0) return [command, args];
  // runuser lives in /usr/sbin, which a root PATH need not include.
  const runuser = ["/usr/sbin/runuser", "/sbin/runuser"].find(isExecutable) ?? "runuser";
  return [runuser, ["-u", "postgres", "--", command, ...args]];
}

async function run(command: string, args: string[], cwd: string): Promise<void> {
  const [file, fullArgs] = asServerUser(command, args);
  try {
    await execFileAsync(file, fullArgs, { cwd, timeout: 120_000 });
  } catch (error) {
    const { stdout = "", stderr = "" } = error as { stdout?: string; stderr?: string };
    throw new Error(`${path.basename(command)} failed: ${(error as Error).message}\n${stdout}${stderr}`, {
      cause: error,
    });
  }
}

/** A fresh temp directory the server user owns: the cluster, its socket and its log live inside. */
function makeClusterDir(): string {
  const dir = mkdtempSync(path.join(tmpdir(), "chainpay-postgres-"));
  if (process.getuid?.() === 0) {
    const { uid, gid } = serverUserIds();
    chownSync(dir, uid, gid);
  }
  return dir;
}

function serverUserIds(): { uid: number; gid: number } {
  const line = readFileSync("/etc/passwd", "utf8")
    .split("\n")
    .find((entry) => entry.startsWith("postgres:"));
  const [, , uid, gid] = line?.split(":") ?? [];
  if (uid === undefined || gid === undefined) {
    throw new Error("Running as root, but there is no `postgres` system user to run the server as. " + installHint);
  }
  return { uid: Number(uid), gid: Number(gid) };
}

function writeSettings(dataDir: string, socketDir: string, port: number): void {
  const settings = {
    ...serverSettings,
    listen_addresses: "'127.0.0.1'",
    port: String(port),
    unix_socket_directories: `'${socketDir}'`,
  };
  const lines = Object.entries(settings).map(([key, value]) => `${key} = ${value}`);
  appendFileSync(path.join(dataDir, "postgresql.conf"), `\n# chainpay tests\n${lines.join("\n")}\n`);
}

function readLog(logFile: string): string {
  return existsSync(logFile) ? readFileSync(logFile, "utf8") : "";
}

/** Starts the cluster on a free port; retries on a new port if another process took that one first. */
async function startOnFreePort(binDir: string, dir: string, dataDir: string, logFile: string): Promise<number> {
  for (let attempt = 1; ; attempt++) {
    const port = await freePort();
    writeSettings(dataDir, dir, port);
    try {
      await run(path.join(binDir, "pg_ctl"), ["-D", dataDir, "-l", logFile, "-w", "-t", "60", "start"], dir);
      return port;
    } catch (error) {
      const log = readLog(logFile);
      if (attempt < 3 && /could not bind|address already in use/i.test(log)) continue;
      throw new Error(`${(error as Error).message}\nServer log (${logFile}):\n${log}`, { cause: error });
    }
  }
}

/** As a last resort (the test process exiting without stop()), shut the postmaster down at once. */
function killOnExit(dataDir: string): () => void {
  const kill = (): void => {
    try {
      const pid = Number(readFileSync(path.join(dataDir, "postmaster.pid"), "utf8").split("\n")[0]);
      if (pid > 0) process.kill(pid, "SIGQUIT");
    } catch {
      // Already gone.
    }
  };
  process.once("exit", kill);
  return () => process.off("exit", kill);
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const binDir = findPostgresBinDir();
  const dir = makeClusterDir();
  const dataDir = path.join(dir, "data");
  const logFile = path.join(dir, "server.log");
  try {
    await run(
      path.join(binDir, "initdb"),
      ["-D", dataDir, "-A", "trust", "-U", "postgres", "--no-sync", "-E", "UTF8", "--locale=C"],
      dir,
    );
    const port = await startOnFreePort(binDir, dir, dataDir, logFile);
    const forgetExitHook = killOnExit(dataDir);
    let stopped: Promise<void> | undefined;
    const stop = async (): Promise<void> => {
      forgetExitHook();
      await run(path.join(binDir, "pg_ctl"), ["-D", dataDir, "-m", "immediate", "-w", "stop"], dir).finally(() =>
        rmSync(dir, { recursive: true, force: true }),
      );
    };
    return { adminUrl: `postgresql://postgres@127.0.0.1:${port}/postgres`, stop: () => (stopped ??= stop()) };
  } catch (error) {
    rmSync(dir, { recursive: true, force: true });
    throw error;
  }
}

/** A valid, lowercase, unquoted-safe identifier of at most 63 bytes: prefix + random suffix. */
function databaseName(prefix: string): string {
  const cleaned = prefix
    .toLowerCase()
    .replace(/[^a-z0-9_]+/g, "_")
    .replace(/^[^a-z_]/, "_$&")
    .slice(0, 48);
  return `${cleaned || "test"}_${randomBytes(6).toString("hex")}`;
}

async function withAdmin<T>(adminUrl: string, work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: adminUrl });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

async function dropDatabase(adminUrl: string, name: string): Promise<void> {
  await withAdmin(adminUrl, async (client) => {
    await client.query(
      "SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()",
      [name],
    );
    const force =
      Number((await client.query<{ v: string }>("SELECT current_setting('server_version_num') AS v")).rows[0]?.v) >=
      130000;
    await client.query(`DROP DATABASE IF EXISTS ${pg.escapeIdentifier(name)}${force ? " WITH (FORCE)" : ""}`);
  });
}

export async function createTestDatabase(adminUrl: string, prefix: string): Promise<TestDatabase> {
  const name = databaseName(prefix);
  await withAdmin(adminUrl, (client) => client.query(`CREATE DATABASE ${pg.escapeIdentifier(name)}`));
  const url = new URL(adminUrl);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => dropDatabase(adminUrl, name) };
}
