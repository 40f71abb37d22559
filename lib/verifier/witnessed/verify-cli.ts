// What `npm run verify` prints for v2's witnessed log (scripts/verify.ts): every check on a line of its own, so
// that a person sees what was proven and a script can grep what failed, and the exit code the script returns.
import { open } from "node:fs/promises";
import { verifyWithWebCrypto } from "../../ledger/ed25519";
import type { Cosigner } from "../../ledger/log/witnessed";
import type { ReceiptCheck } from "../../ledger/receipt";
import type { NodeCheckpointReport } from "./node-checkpoint";
import { verifyWitnessedFile, witnessedReceiptFileBytesMax } from "./witnessed-receipt-file";
import type { Policy } from "../../ledger/log/policy";

/** Reads a whole file of at most `bytesMax` bytes; a larger one is refused before it is read. */
export async function readBoundedFile(path: string, bytesMax: number): Promise<Uint8Array> {
  const handle = await open(path, "r");
  try {
    const { size } = await handle.stat();
    if (size > bytesMax) throw new Error(`is ${size} bytes, more than the ${bytesMax} such a file can be`);
    const bytes = new Uint8Array(size);
    const { bytesRead } = await handle.read(bytes, 0, size, 0);
    return bytes.subarray(0, bytesRead);
  } finally {
    await handle.close();
  }
}

export function printChecks(checks: readonly ReceiptCheck[]): void {
  for (const check of checks) console.log(`${check.ok ? "  ok" : "FAILED"}: ${check.name}`);
}

function describeCosigners(cosigners: readonly Cosigner[]): string {
  if (cosigners.length === 0) return "no cosigners";
  return cosigners
    .map((cosigner) => `${cosigner.name} at ${new Date(cosigner.timestampSeconds * 1000).toISOString()}`)
    .join(", ");
}

/** `--receipt <file> --policy <file>`: 0 when every check passes, 1 when one fails, 2 when the file cannot be read. */
export async function verifyReceiptFile(path: string, policy: Policy, nowMs = Date.now()): Promise<number> {
  let bytes: Uint8Array;
  try {
    bytes = await readBoundedFile(path, witnessedReceiptFileBytesMax);
  } catch (error) {
    console.error(`error: the receipt ${path}: ${error instanceof Error ? error.message : String(error)}`);
    return 2;
  }
  const report = await verifyWitnessedFile(bytes, policy, nowMs, verifyWithWebCrypto);
  printChecks(report.checks);
  for (const problem of report.problems) console.log(`FAILED: ${problem}`);
  if (!report.ok) {
    const failed = report.checks.find((check) => !check.ok);
    if (failed !== undefined) console.log(`FAILED: the witnessed receipt does not verify: ${failed.name}`);
    return 1;
  }
  console.log(
    `OK: the witnessed receipt verifies under quorum ${policy.quorum} (${describeCosigners(report.cosigners)})`,
  );
  return 0;
}

/** The node's checkpoint under `<url> --policy`: each check, then its size, cosigners and lag. */
export function printCheckpointReport(report: NodeCheckpointReport): void {
  printChecks(report.checks);
  if (report.size === null) return;
  const lag =
    report.lagBlocks === null
      ? ""
      : `; it lags the verified head by ${report.lagBlocks} blocks${report.lagSeconds === null ? "" : ` (${report.lagSeconds} s)`}`;
  console.log(
    `checkpoint: size ${report.size}, root ${report.rootHashHex}, ${describeCosigners(report.cosigners)}${lag}`,
  );
}
