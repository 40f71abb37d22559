// The wallet pins the node's witness policy with its key at first use; the same policy later is fine, any other
// is an alarm showing both, and a policy whose log line is not the node's own key is never pinned.
import { describe, expect, it } from "vitest";
import { parsePolicy } from "@/lib/ledger/log/policy";
import { decidePolicyPin, describeQuorum } from "@/lib/wallet/witnessed/policy-pin";
import { english } from "../support/english";
import { namedKey } from "../support/keys";
import { testLogSigner, testWitness } from "../support/log-keys";
import { logSigner, nodeKey, origin, policyText, witnesses } from "./witnessed-fixture";

const pinned = { nodePublicKey: nodeKey.publicKeyHex, policyText: policyText(2) };

describe("decidePolicyPin", () => {
  it("pins the served policy at first use", () => {
    const decision = decidePolicyPin(null, policyText(2), nodeKey.publicKeyHex);
    expect(decision.kind).toBe("first-use");
  });

  it("accepts the very policy it pinned", () => {
    expect(decidePolicyPin(pinned, policyText(2), nodeKey.publicKeyHex).kind).toBe("same");
  });

  it("pins afresh when the pin belongs to another node key (the person chose to trust a new key)", () => {
    const other = { ...pinned, nodePublicKey: namedKey("old node").publicKeyHex };
    expect(decidePolicyPin(other, policyText(2), nodeKey.publicKeyHex).kind).toBe("first-use");
  });

  const changes: [string, string][] = [
    ["a lower quorum", policyText(1)],
    ["no witnesses at all", policyText("none")],
    [
      "a witness swapped for another key",
      policyText(2, [witnesses[0]!, witnesses[1]!, testWitness("charlie", testWitness("mallory").key)]),
    ],
    ["a witness removed", policyText(2, witnesses.slice(0, 2))],
  ];
  it.each(changes)("alarms on %s, with the old and the new text", (_, served) => {
    expect(decidePolicyPin(pinned, served, nodeKey.publicKeyHex)).toEqual({
      kind: "changed",
      pinnedText: pinned.policyText,
      servedText: served,
    });
  });

  it("refuses a policy that does not parse", () => {
    const decision = decidePolicyPin(null, "quorum\n", nodeKey.publicKeyHex);
    expect(decision.kind).toBe("unreadable");
    expect(decision.kind === "unreadable" && english(decision.reason)).toBe("the node's policy does not parse");
  });

  it("refuses a policy whose log line is another key than the node's", () => {
    const rogue = testLogSigner(origin, testWitness("rogue").key);
    const served = policyText(2).replace(logSigner.vkey, rogue.vkey);
    const decision = decidePolicyPin(null, served, nodeKey.publicKeyHex);
    expect(decision.kind).toBe("unreadable");
    expect(decision.kind === "unreadable" && english(decision.reason)).toBe(
      "the node's policy names another log key than the node's own",
    );
  });
});

describe("describeQuorum", () => {
  it("says 2 of 3 witnesses and names them", () => {
    expect(describeQuorum(parsePolicy(policyText(2)))).toEqual({
      isNodeAlone: false,
      text: "2 of 3 witnesses",
      witnessNames: ["alpha", "bravo", "charlie"],
    });
  });

  it("says the node alone vouches for its chain with quorum none", () => {
    expect(describeQuorum(parsePolicy(policyText("none")))).toEqual({
      isNodeAlone: true,
      text: "no witnesses: this node alone vouches for its chain",
      witnessNames: [],
    });
  });
});
