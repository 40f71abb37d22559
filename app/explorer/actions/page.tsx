// Admin actions and exports.
import type { Metadata } from "next";
import { useTranslations } from "next-intl";
import { getTranslations } from "next-intl/server";
import { exportBlocksMax } from "@/lib/validations/export";
import { adminPageNode } from "@/app/_lib/require-admin-page";
import { readNodeInfo, type NodeInfo } from "@/lib/server/node/read-node-info";
import { Card } from "../../_components/ui";
import { FaucetSwitch, MintForm } from "./admin-actions";
import { WebhooksActionCard } from "../webhooks/_components/webhook-links";

export const dynamic = "force-dynamic";
export async function generateMetadata(): Promise<Metadata> {
  return { title: (await getTranslations("explorerActions"))("title") };
}

const verifyCommand = "npm run verify -- --file export.json --node-key …";

export default async function ActionsPage() {
  const node = await adminPageNode();
  const [info, t] = await Promise.all([readNodeInfo(node), getTranslations("explorerActions")]);
  const head = info.head.header.height;
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">{t("heading")}</h1>
      <div className="grid gap-6 md:grid-cols-2">
        {node.writer === null ? (
          <p className="rounded-2xl border border-sky-200 bg-sky-50 p-5 text-sm text-sky-900 md:col-span-2">
            {t("replicaNote")}
          </p>
        ) : (
          <WriterActions info={info} />
        )}
        <WebhooksActionCard />
        <Card labelledBy="export-heading" className="md:col-span-2">
          <h2 id="export-heading" className="mb-1 text-lg font-semibold">
            {t("exportHeading")}
          </h2>
          <p className="mb-4 text-sm text-slate-600">
            {t.rich("exportText", {
              command: verifyCommand,
              max: exportBlocksMax,
              code: (chunks) => <code className="break-all">{chunks}</code>,
            })}
          </p>
          <form action="/api/admin/export" className="flex flex-wrap items-end gap-3">
            <input type="hidden" name="kind" value="blocks" />
            <HeightField label={t("fromHeight")} name="from" head={head} defaultValue={Math.max(0, head - 99)} />
            <HeightField label={t("toHeight")} name="to" head={head} defaultValue={head} />
            <label className="text-sm">
              <span className="block font-medium text-slate-800">{t("format")}</span>
              <select name="format" defaultValue="json" className="mt-1 rounded-lg border border-slate-300 px-3 py-2">
                <option value="json">{t("formatJson")}</option>
                <option value="csv">{t("formatCsv")}</option>
              </select>
            </label>
            <button
              type="submit"
              className="min-h-10 rounded-lg bg-indigo-600 px-4 py-2 text-sm font-medium text-white hover:bg-indigo-500"
            >
              {t("download")}
            </button>
          </form>
        </Card>
      </div>
    </>
  );
}

/** Mint and the faucet switch: only on the node that signs. */
function WriterActions({ info }: { info: NodeInfo }) {
  const t = useTranslations("explorerActions");
  return (
    <>
      <Card labelledBy="mint-heading">
        <h2 id="mint-heading" className="mb-1 text-lg font-semibold">
          {t("mintHeading")}
        </h2>
        <p className="mb-4 text-sm text-slate-600">{t("mintText")}</p>
        <MintForm currency={info.currency} />
      </Card>
      <Card labelledBy="faucet-heading">
        <h2 id="faucet-heading" className="mb-4 text-lg font-semibold">
          {t("faucetHeading")}
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
