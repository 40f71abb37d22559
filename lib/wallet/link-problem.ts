// The ledger core says why two headers do not link in English (lib/ledger/block.ts linkProblem, as the verify CLI
// prints it); the wallet says it in the reader's language, each of the core's sentences read back into a message
// key with its values. A sentence this does not know (a newer core) is still an alarm, in general words.
import { walletMessage, type WalletMessage } from "./wallet-message";

const sentences: [RegExp, string][] = [
  [/^the first block is not at height 0$/, "chain.firstBlock"],
  [/^genesis prevHash is not 64 zeros$/, "chain.genesisPrevHash"],
  [/^height (?<height>\d+) does not follow (?<previous>\d+)$/, "chain.heightGap"],
  [/^prevHash is not the previous block's hash$/, "chain.prevHash"],
];

export function linkProblemMessage(problem: string): WalletMessage {
  for (const [pattern, key] of sentences) {
    const match = pattern.exec(problem);
    if (match !== null) return walletMessage(key, match.groups === undefined ? undefined : { ...match.groups });
  }
  return walletMessage("chain.links");
}
