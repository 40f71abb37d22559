// Helpers of the log tests: text answers, waiting for the cosigning loop, opening served checkpoints.
import { hexToBytes } from "@/lib/ledger/hex";
import { parseCheckpoint, type Checkpoint } from "@/lib/ledger/log/checkpoint";
import { ed25519NoteVerifier, openNote } from "@/lib/ledger/log/note";
import { parsePolicy } from "@/lib/ledger/log/policy";
import { verifyInclusion } from "@/lib/ledger/merkle";

export async function getText(url: string): Promise<{ status: number; type: string | null; text: string }> {
  const response = await fetch(url, { signal: AbortSignal.timeout(30_000) });
  return { status: response.status, type: response.headers.get("content-type"), text: await response.text() };
}

/** Polls `read` until it gives a value that is not null, or fails after `timeoutMs`. */
export async function eventually<Value>(
  read: () => Promise<Value | null>,
  what: string,
  timeoutMs = 20_000,
): Promise<Value> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await read();
    if (value !== null) return value;
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The served checkpoint note, opened with the policy's log key; throws when its node signature fails. */
export function openServedCheckpoint(note: string, policyText: string): Checkpoint {
  const [log] = parsePolicy(policyText).logs;
  const opened = openNote(note, [ed25519NoteVerifier(log!)]);
  return parseCheckpoint(opened.note.text);
}

/** Whether `path` proves block `hashHex` is leaf `leafIndex` of the log whose checkpoint is `checkpoint`. */
export function provesBlock(hashHex: string, leafIndex: number, path: readonly string[], checkpoint: Checkpoint) {
  return verifyInclusion(hexToBytes(hashHex), leafIndex, checkpoint.size, path.map(hexToBytes), checkpoint.rootHash);
}
