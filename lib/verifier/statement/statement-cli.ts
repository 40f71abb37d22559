// `npm run verify -- --file <statement.json> [--node-key <hex64>]`: the CLI's side of a statement check. A file
// given to --file is a statement when its JSON says so; anything else is checked as an admin export, as before.
import { open } from "node:fs/promises";
import { formatMinorUnits } from "../../ledger/amount";
import { statementFileBytesMax, statementFormatName } from "../../validations/statement";
import { readBoundedFile } from "../witnessed/verify-cli";
import { isStatementDocument, verifyStatement } from "./verify-statement";

// A statement's format field comes first in the file the wallet writes, but JSON does not promise an order: the
// first bytes are only searched for the name, and a file that has it is parsed whole to be sure.
const peekBytes = 64 * 1024;

/** The parsed statement in the file, or null when the file is not one (an export, read as a stream instead). */
export async function readStatementFile(path: string): Promise<unknown> {
  const handle = await open(path, "r");
  let head: string;
  let size: number;
  try {
    size = (await handle.stat()).size;
    const bytes = new Uint8Array(Math.min(size, peekBytes));
    const { bytesRead } = await handle.read(bytes, 0, bytes.length, 0);
    head = new TextDecoder().decode(bytes.subarray(0, bytesRead));
  } finally {
    await handle.close();
  }
  if (!head.includes(`"${statementFormatName}"`) || size > statementFileBytesMax) return null;
  try {
    const document: unknown = JSON.parse(
      new TextDecoder("utf-8", { fatal: true }).decode(await readBoundedFile(path, statementFileBytesMax)),
    );
    return isStatementDocument(document) ? document : null;
  } catch {
    return null;
  }
}

/** 0 when the statement verifies, 1 when it does not (each problem printed). */
export async function verifyStatementFile(document: unknown, nodeKey: string | undefined): Promise<number> {
  if (nodeKey === undefined) {
    console.warn(
      "warning: no --node-key given; trusting the key the statement names (pass the node's key to detect a swapped one)",
    );
  }
  const started = performance.now();
  const report = await verifyStatement(document, nodeKey === undefined ? {} : { nodePublicKey: nodeKey });
  const seconds = ((performance.now() - started) / 1000).toFixed(2);
  if (!report.ok || report.statement === null) {
    for (const problem of report.problems) console.log(`FAILED: ${problem}`);
    return 1;
  }
  const { account, range, totals, currency, chainId } = report.statement;
  const major = (minor: string) => `${formatMinorUnits(BigInt(minor), currency.decimals)} ${currency.code}`;
  console.log(
    `OK: statement of account ${account} verifies: ${totals.count} payments from ${range.from} to ${range.to}, ` +
      `in ${major(totals.incoming)}, out ${major(totals.outgoing)}, net ${major(totals.net)} (chain ${chainId}) in ${seconds} s`,
  );
  return 0;
}
