// The chain's log (PROTOCOL.md v2 "The log"): an RFC 9162 Merkle tree whose leaves are the raw 32-byte block
// hashes in height order. Consistency proofs (RFC 9162 §2.1.4) beside the inclusion proofs of merkle.ts.
// CONTRACT STUB: the signatures below are fixed; the bodies are being written (issue 11, log-tree helper).

/** RFC 9162 §2.1.4.2: does `path` prove that the tree of `fromSize` leaves with `fromRoot` is a prefix of the tree of `toSize` leaves with `toRoot`? False for anything malformed. */
export function verifyConsistency(
  fromSize: number,
  toSize: number,
  fromRoot: Uint8Array,
  toRoot: Uint8Array,
  path: readonly Uint8Array[],
): boolean {
  void [fromSize, toSize, fromRoot, toRoot, path];
  throw new Error("not built yet");
}

/** RFC 9162 §2.1.4.1 PROOF(m, D[n]) over leaves held in memory (tests, small trees); 1 ≤ fromSize ≤ leaves.length. */
export function consistencyProof(leaves: readonly Uint8Array[], fromSize: number): Uint8Array[] {
  void [leaves, fromSize];
  throw new Error("not built yet");
}
