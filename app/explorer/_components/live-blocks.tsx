"use client";
// The newest blocks, kept current from the node's event stream: new blocks appear on top without a reload.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { SignedBlock } from "@/lib/ledger/types";
import { useBlockEvents } from "../../_components/use-block-events";
import { BlockLink } from "../../_components/entities/entity-links";
import { HashText } from "../../_components/entities/hash-text";
import { useFormat } from "../../_components/i18n/use-format";
import { RelativeTime } from "../../_components/entities/relative-time";
import { TableOrCards, type TableLayout } from "./table-or-cards";

const shownMax = 50;
// The figures and charts are server-rendered; refresh them at most this often while blocks keep coming.
const figuresRefreshMs = 2000;

export function LiveBlocks({ initialBlocks, isLive }: { initialBlocks: SignedBlock[]; isLive: boolean }) {
  const [blocks, setBlocks] = useState(initialBlocks);
  const [newHeights, setNewHeights] = useState<Set<number>>(new Set());
  const router = useRouter();
  const t = useTranslations("explorer.blocksTable");
  const format = useFormat();
  const refreshTimer = useRef<ReturnType<typeof setTimeout> | null>(null);
  useEffect(() => () => clearTimeout(refreshTimer.current ?? undefined), []);
  const onBlock = useCallback(
    (block: SignedBlock) => {
      refreshTimer.current ??= setTimeout(() => {
        refreshTimer.current = null;
        router.refresh();
      }, figuresRefreshMs);
      setBlocks((current) => {
        if (current.some((item) => item.header.height >= block.header.height)) return current;
        return [block, ...current].slice(0, shownMax);
      });
      setNewHeights((current) => new Set(current).add(block.header.height));
    },
    [router],
  );
  useBlockEvents(onBlock, isLive);
  const layout: TableLayout<SignedBlock> = {
    rowKey: (block) => block.hash,
    columns: [
      {
        label: t("height"),
        cell: (block) => <BlockLink height={block.header.height} />,
        cellClass: "font-medium",
        cardCell: (block) => (
          <BlockLink height={block.header.height}>{t("blockCard", { height: String(block.header.height) })}</BlockLink>
        ),
      },
      { label: t("hash"), cell: (block) => <HashText value={block.hash} />, cellClass: "text-slate-700" },
      {
        label: t("transactions"),
        cell: (block) => format.number(block.header.txCount),
        isNumeric: true,
        cardCell: (block) => t("transactionCount", { count: block.header.txCount }),
      },
      {
        label: t("sealed"),
        cell: (block) => <RelativeTime iso={block.header.timestamp} />,
        cellClass: "text-slate-600",
      },
    ],
    card: { heading: t("height"), figure: t("transactions"), facts: [t("hash"), t("sealed")] },
    isHighlighted: (block) => newHeights.has(block.header.height),
  };
  return <TableOrCards label={t("label")} rows={blocks} layout={layout} isLive={isLive} testId="blocks-table" />;
}
