// CPU used over a bench window: by the bench's own process (the load generator, from process.cpuUsage), and by a
// node's process and its children (workers included, from Linux's /proc; NaN where /proc is not there to read).
import { existsSync, readdirSync, readFileSync } from "node:fs";

/** Clock ticks a second, as /proc counts them: USER_HZ, 100 on every Linux that runs this bench. */
const ticksPerSecond = 100;

/** The fields after the command name of /proc/<pid>/stat (the name may hold spaces and parentheses). */
function statFields(pid: number): string[] | null {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    return stat.slice(stat.lastIndexOf(")") + 2).split(" ");
  } catch {
    return null; // Exited meanwhile.
  }
}

/** Seconds of CPU (user and system) that `pid` and its live children have used. */
export function processTreeCpuSeconds(pid: number): number {
  if (!existsSync("/proc/self/stat")) return Number.NaN;
  const pids = [pid];
  for (const entry of readdirSync("/proc")) {
    if (!/^\d+$/.test(entry)) continue;
    // Field 4 of stat, the parent's pid, is the second after the name.
    if (Number(statFields(Number(entry))?.[1]) === pid) pids.push(Number(entry));
  }
  // utime and stime are fields 14 and 15 of stat: the 12th and 13th after the name.
  const ticks = pids.reduce((sum, each) => {
    const fields = statFields(each);
    return fields === null ? sum : sum + Number(fields[11]) + Number(fields[12]);
  }, 0);
  return ticks / ticksPerSecond;
}

/** Runs `work` and says how many seconds of CPU `pid` and its live children (a node and its workers) used meanwhile. */
export async function withProcessTreeCpuSeconds<T>(
  pid: number,
  work: () => Promise<T>,
): Promise<{ value: T; cpuSeconds: number }> {
  const before = processTreeCpuSeconds(pid);
  const value = await work();
  return { value, cpuSeconds: processTreeCpuSeconds(pid) - before };
}

/** Runs `work` and says how many cores this process (the load generator) used meanwhile, on average. */
export async function withLoadGeneratorCores<T>(work: () => Promise<T>): Promise<{ value: T; cores: number }> {
  const startedMs = performance.now();
  const started = process.cpuUsage();
  const value = await work();
  const used = process.cpuUsage(started);
  return { value, cores: (used.user + used.system) / 1000 / (performance.now() - startedMs) };
}
