// Admin actions and exports.
import type { Metadata } from "next";
import { adminPageNode } from "@/app/_lib/require-admin-page";
import { readNodeInfo, type NodeInfo } from "@/lib/server/node/read-node-info";
import { Card } from "../../_components/ui";
import { FaucetSwitch, MintForm } from "./admin-actions";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Admin actions" };

export default async function ActionsPage() {
  const node = await adminPageNode();
  const info = await readNodeInfo(node);
  const head = info.head.header.height;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Admin actions</h1>
      <div className="grid gap-6 md:grid-cols-2">
        {node.writer === null ? (
          <p className="rounded-2xl border border-sky-200 bg-sky-50 p-5 text-sm text-sky-900 md:col-span-2">
            This replica signs nothing: minting and the faucet belong to the node it follows. Exports below are read
            from the verified replica.
          </p>
        ) : (
          <WriterActions info={info} />
        )}
        <Card labelledBy="export-heading" className="md:col-span-2">
          <h2 id="export-heading" className="mb-1 text-lg font-semibold">
            Export blocks
          </h2>
          <p className="mb-4 text-sm text-slate-600">
            The JSON export carries every receipt and block header, so that{" "}
            <code>npm run verify -- --file export.json --node-key …</code> checks it offline. At most 1,000 blocks an
            export.
          </p>
          <form action="/api/admin/export" className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="kind" value="blocks" />
            <HeightField label="From height" name="from" head={head} defaultValue={Math.max(0, head - 99)} />
            <HeightField label="To height" name="to" head={head} defaultValue={head} />
            <label className="text-sm">
              <span className="block font-medium text-slate-800">Format</span>
              <select name="format" defaultValue="json" className="mt-1 rounded-lg border border-slate-300 px-3 py-2">
                <option value="json">JSON (verifiable)</option>
                <option value="csv">CSV</option>
              </select>
            </label>
            <button
              type="submit"
              className="min-h-10 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
            >
              Download
            </button>
          </form>
        </Card>
      </div>
    </>
  );
}

/** Mint and the faucet switch: only on the node that signs. */
function WriterActions({ info }: { info: NodeInfo }) {
  return (
    <>
      <Card labelledBy="mint-heading">
        <h2 id="mint-heading" className="mb-1 text-lg font-semibold">
          Mint
        </h2>
        <p className="mb-4 text-sm text-slate-600">
          New money, signed by the node key and recorded in a block like any payment.
        </p>
        <MintForm currency={info.currency} />
      </Card>
      <Card labelledBy="faucet-heading">
        <h2 id="faucet-heading" className="mb-4 text-lg font-semibold">
          Faucet
        </h2>
        <FaucetSwitch initial={info.faucet} currency={info.currency} />
      </Card>
    </>
  );
}

/** One end of the export's range: a height from genesis to the head. */
function HeightField({
  label,
  name,
  head,
  defaultValue,
}: {
  label: string;
  name: string;
  head: number;
  defaultValue: number;
}) {
  return (
    <label className="text-sm">
      <span className="block font-medium text-slate-800">{label}</span>
      <input
        name={name}
        type="number"
        min={0}
        max={head}
        defaultValue={defaultValue}
        required
        className="mt-1 w-32 rounded-lg border border-slate-300 px-3 py-2"
      />
    </label>
  );
}
