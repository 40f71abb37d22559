// The home page: the node at a glance. The wallet and the explorer build on it in later issues.
import { getNode } from "@/lib/server/node";

export const dynamic = "force-dynamic";

export default function HomePage() {
  const node = getNode();
  const head = node.store.head();
  return (
    <main className="mx-auto max-w-3xl px-4 py-10 sm:py-16">
      <h1 className="text-3xl font-semibold tracking-tight">chainpay</h1>
      <p className="mt-2 text-slate-600">Signed payments on a ledger anyone can verify.</p>
      <section aria-labelledby="node-heading" className="mt-8 rounded-xl border border-slate-200 bg-white p-6 shadow-sm">
        <h2 id="node-heading" className="text-lg font-medium">
          This node
        </h2>
        <dl className="mt-4 grid grid-cols-1 gap-x-6 gap-y-3 text-sm sm:grid-cols-[max-content_1fr]">
          <dt className="font-medium text-slate-500">Chain</dt>
          <dd data-testid="chain-id">{node.chainId}</dd>
          <dt className="font-medium text-slate-500">Head height</dt>
          <dd data-testid="head-height">{head?.header.height ?? "none"}</dd>
          <dt className="font-medium text-slate-500">Head hash</dt>
          <dd data-testid="head-hash" className="break-all font-mono text-xs">
            {head?.hash ?? "none"}
          </dd>
          <dt className="font-medium text-slate-500">Node key</dt>
          <dd className="break-all font-mono text-xs">{node.nodeKey.publicKeyHex}</dd>
          <dt className="font-medium text-slate-500">Currency</dt>
          <dd>
            {node.config.currency.code} ({node.config.currency.decimals} decimals)
          </dd>
        </dl>
      </section>
    </main>
  );
}
