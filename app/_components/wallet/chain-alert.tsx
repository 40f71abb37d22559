"use client";
import type { WatchState } from "@/lib/wallet/chain-watch";
import { shortKey } from "@/lib/wallet/format";
import { Notice } from "../ui";
import type { BadReceipt } from "./hooks/use-node";

/** What the wallet's own audit of the node found, said plainly; the alarms are impossible to miss. */
export function ChainAlert({
  watch,
  badReceipt,
  onTrustAgain,
}: {
  watch: WatchState;
  badReceipt: BadReceipt | null;
  onTrustAgain: () => void;
}) {
  return (
    <>
      {badReceipt !== null && (
        <Alarm title="Warning: this node answered a payment with a receipt that does not verify">
          <p>
            The receipt for payment <code>{shortKey(badReceipt.txId)}</code> fails these checks under the node key this
            browser trusts: {badReceipt.failedChecks.join("; ")}. The node may not have recorded the payment, or may be
            showing this wallet a chain it did not sign. Do not send money through this node; reload the page to check
            again.
          </p>
        </Alarm>
      )}
      <WatchAlert watch={watch} onTrustAgain={onTrustAgain} />
    </>
  );
}

function WatchAlert({ watch, onTrustAgain }: { watch: WatchState; onTrustAgain: () => void }) {
  if (watch.kind === "unreachable") {
    return (
      <Notice tone="warning" title="The node's history could not be checked">
        {watch.message}
      </Notice>
    );
  }
  const alarm = watchAlarmOf(watch);
  if (alarm === null) return null;
  return (
    <Alarm title={alarm.title}>
      <p>{alarm.text}</p>
      {alarm.canTrustAgain && <TrustAgain onTrustAgain={onTrustAgain} />}
    </Alarm>
  );
}

/**
 * What the wallet says when its watch of the chain fails. A rewritten history or a new key may have a reason the
 * user knows of, so they can choose to trust the node again; a chain that does not verify has none.
 */
function watchAlarmOf(watch: WatchState): { title: string; text: React.ReactNode; canTrustAgain: boolean } | null {
  switch (watch.kind) {
    case "rewritten":
      return {
        title: "Warning: this node has rewritten its history",
        canTrustAgain: true,
        text: (
          <>
            This wallet verified block {watch.height} with hash{" "}
            <code className="break-all">{shortKey(watch.seenHash)}</code>. The node now shows{" "}
            {watch.nowHash === null ? (
              "a chain that no longer contains it"
            ) : (
              <>
                a different block there (<code>{shortKey(watch.nowHash)}</code>)
              </>
            )}
            . Payments recorded before may have been changed or removed. Do not send money through this node; keep your
            receipts, they prove what was recorded.
          </>
        ),
      };
    case "key-changed":
      return {
        title: "Warning: this node's key has changed",
        canTrustAgain: true,
        text: (
          <>
            This wallet trusts node key <code>{shortKey(watch.pinnedKey)}</code>, but the node now signs with{" "}
            <code>{shortKey(watch.announcedKey)}</code>. Receipts from the new key cannot be checked against the old
            one. Unless the operator told you of a new key, do not send money through this node.
          </>
        ),
      };
    case "broken":
      return {
        title: "Warning: this node's chain does not verify",
        canTrustAgain: false,
        text: `Block ${watch.height}: ${watch.reason}. Do not send money through this node.`,
      };
    default:
      return null;
  }
}

export function Alarm({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <div
      role="alert"
      data-testid="chain-alarm"
      className="rounded-2xl border-2 border-rose-600 bg-rose-50 p-5 text-rose-950 shadow-md"
    >
      <p className="flex items-center gap-2 text-lg font-bold">
        <span aria-hidden="true">⚠</span>
        {title}
      </p>
      <div className="mt-2 space-y-3 text-sm">{children}</div>
    </div>
  );
}

export function TrustAgain({ onTrustAgain }: { onTrustAgain: () => void }) {
  return (
    <details>
      <summary className="cursor-pointer font-medium underline">I know why, trust the node as it is now</summary>
      <button
        type="button"
        className="mt-2 rounded-lg border border-rose-700 px-3 py-1.5 font-medium hover:bg-rose-100"
        onClick={onTrustAgain}
      >
        Trust this node again
      </button>
    </details>
  );
}
