// The wallet's consistency watch with real proofs: it pins the first witnessed checkpoint, moves to a newer one
// only on an RFC 9162 consistency proof (one request, O(log n) hashes), and warns on a witnessed checkpoint that
// contradicts one it verified: a fork, another root at the same size, another origin.
import { describe, expect, it } from "vitest";
import { parsePolicy } from "@/lib/ledger/log/policy";
import { walletMessage } from "@/lib/wallet/wallet-message";
import { advanceLogWatch, type LogPin, type LogWatchState } from "@/lib/wallet/witnessed/log-watch";
import { english } from "../support/english";
import {
  checkpointNote,
  consistencyFetcher,
  leavesOf,
  logSigner,
  nodeKey,
  nowMs,
  policyText,
  witnesses,
} from "./witnessed-fixture";

const policy = parsePolicy(policyText(2));
const history = leavesOf(40);

async function step(pin: LogPin | null, note: string, leaves = history, usedPolicy = policy) {
  const fetcher = consistencyFetcher(leaves);
  const result = await advanceLogWatch({
    pin,
    note,
    nodePublicKey: nodeKey.publicKeyHex,
    policy: usedPolicy,
    nowMs,
    fetchConsistency: fetcher.fetch,
  });
  return { ...result, asked: fetcher.asked };
}

/** Why the watch did not move, in the English a reader sees. */
function reasonOf(state: LogWatchState): string | null {
  return state.kind === "unverified" || state.kind === "inconsistent" ? english(state.reason) : null;
}

async function pinAt(size: number): Promise<LogPin> {
  const { pin } = await step(null, checkpointNote(history.slice(0, size)));
  if (pin === null) throw new Error("no pin");
  return pin;
}

describe("advanceLogWatch", () => {
  it("pins the first witnessed checkpoint, asking for no proof", async () => {
    const { state, pin, asked } = await step(null, checkpointNote(history.slice(0, 7)));
    expect(state).toEqual({ kind: "ok", size: 7, cosigners: ["alpha", "bravo"], isNodeAlone: false });
    expect(pin).toMatchObject({ size: 7, origin: `chainpay/chainpay-test`, nodePublicKey: nodeKey.publicKeyHex });
    expect(asked).toEqual([]);
  });

  it.each([
    [3, 7],
    [4, 7],
    [1, 40],
    [13, 37],
  ])("moves from size %i to %i on one verified consistency proof", async (from, to) => {
    const { state, pin, asked } = await step(await pinAt(from), checkpointNote(history.slice(0, to)));
    expect(state.kind).toBe("ok");
    expect(pin?.size).toBe(to);
    expect(asked).toEqual([[from, to]]);
  });

  it("keeps its pin when an instance that lags serves an older consistent checkpoint", async () => {
    const pinned = await pinAt(20);
    const { state, pin, asked } = await step(pinned, checkpointNote(history.slice(0, 12)));
    expect(state).toMatchObject({ kind: "ok", size: 20 });
    expect(pin).toEqual(pinned);
    expect(asked).toEqual([[12, 20]]);
  });

  it("warns on a witnessed fork: a newer tree that does not extend the pinned one", async () => {
    const pinned = await pinAt(7);
    const fork = [...history.slice(0, 5), ...leavesOf(12, 1).slice(5)];
    const { state, pin } = await step(pinned, checkpointNote(fork), fork);
    expect(state.kind).toBe("inconsistent");
    expect(reasonOf(state)).toBe("the log of size 12 does not extend the log of size 7 this wallet verified");
    expect(pin).toEqual(pinned);
  });

  it("warns on two witnessed checkpoints of one size with different roots", async () => {
    const pinned = await pinAt(7);
    const { state } = await step(pinned, checkpointNote(leavesOf(7, 2)));
    expect(state.kind).toBe("inconsistent");
    expect(reasonOf(state)).toBe("two witnessed checkpoints of size 7 have different roots");
  });

  it("warns when a forged proof is served for a fork (the node answers whatever it likes)", async () => {
    const pinned = await pinAt(7);
    const fork = leavesOf(9, 3);
    // The node's proof is for its own forked tree; against the pinned root it cannot verify.
    const { state } = await step(pinned, checkpointNote(fork), fork);
    expect(state.kind).toBe("inconsistent");
  });

  it("ignores a checkpoint fewer witnesses than the quorum cosigned, keeping its pin", async () => {
    const pinned = await pinAt(7);
    const { state, pin } = await step(pinned, checkpointNote(history.slice(0, 9), witnesses.slice(2)));
    expect(state.kind).toBe("unverified");
    expect(reasonOf(state)).toBe("the node's newest checkpoint is not witnessed by a quorum");
    expect(pin).toEqual(pinned);
  });

  it("ignores a checkpoint whose cosignature fails, keeping its pin", async () => {
    const pinned = await pinAt(7);
    const note = checkpointNote(history.slice(0, 9));
    const lines = note.split("\n");
    const last = lines.length - 2;
    const [dash, name, base64] = lines[last]!.split(" ");
    const bytes = Buffer.from(base64!, "base64");
    bytes[bytes.length - 1]! ^= 1;
    lines[last] = `${dash} ${name} ${bytes.toString("base64")}`;
    const { state, pin } = await step(pinned, lines.join("\n"));
    expect(state.kind).toBe("unverified");
    expect(reasonOf(state)).toBe("the node's checkpoint does not verify under its policy");
    expect(pin).toEqual(pinned);
  });

  it("says the node could not be reached when the proof does not come, keeping its pin", async () => {
    const pinned = await pinAt(7);
    const result = await advanceLogWatch({
      pin: pinned,
      note: checkpointNote(history.slice(0, 9)),
      nodePublicKey: nodeKey.publicKeyHex,
      policy,
      nowMs,
      fetchConsistency: () => Promise.resolve({ message: "down", problem: walletMessage("unreachable.noConnection") }),
    });
    expect(result).toEqual({
      state: { kind: "unreachable", message: "down", problem: walletMessage("unreachable.noConnection") },
      pin: pinned,
    });
  });

  it("follows the node's own signed checkpoints under quorum none", async () => {
    const alone = parsePolicy(policyText("none"));
    const first = await step(null, checkpointNote(history.slice(0, 3), []), history, alone);
    expect(first.state).toEqual({ kind: "ok", size: 3, cosigners: [], isNodeAlone: true });
    const next = await step(first.pin, checkpointNote(history.slice(0, 8), []), history, alone);
    expect(next.pin?.size).toBe(8);
    expect(logSigner.vkey.startsWith("chainpay/chainpay-test+")).toBe(true);
  });
});
