"use client";
// The newest blocks, kept current from the node's event stream: new blocks appear on top without a reload.
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { SignedBlock } from "@/lib/ledger/types";
import { useBlockEvents } from "../../_components/use-block-events";
import { BlockLink } from "../../_components/entities/entity-links";
import { HashText } from "../../_components/entities/hash-text";
import { countOf } from "../../_components/entities/plural";
import { RelativeTime } from "../../_components/entities/relative-time";
import { TableHead } from "./table-head";
import { TableOrCards, type CardItem } from "./table-or-cards";

const shownMax = 50;
// The figures and charts are server-rendered; refresh them at most this often while blocks keep coming.
const figuresRefreshMs = 2000;

export function LiveBlocks({ initialBlocks, isLive }: { initialBlocks: SignedBlock[]; isLive: boolean }) {
  const [blocks, setBlocks] = useState(initialBlocks);
  const [newHeights, setNewHeights] = useState<Set<number>>(new Set());
  const router = useRouter();
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
  const cards: CardItem[] = blocks.map((block) => ({
    key: block.hash,
    heading: <BlockLink height={block.header.height}>Block {block.header.height}</BlockLink>,
    figure: countOf(block.header.txCount, { one: "transaction", other: "transactions" }),
    facts: [
      ["Hash", <HashText key="hash" value={block.hash} />],
      ["Sealed", <RelativeTime key="sealed" iso={block.header.timestamp} />],
    ],
    isHighlighted: newHeights.has(block.header.height),
  }));
  return (
    <TableOrCards label="Blocks, newest first" items={cards} isLive={isLive}>
      <table className="w-full text-left text-sm">
        <caption className="sr-only">Blocks, newest first</caption>
        <TableHead columns={["Height", "Hash", { label: "Transactions", isNumeric: true }, "Sealed"]} />
        <tbody aria-live={isLive ? "polite" : undefined} data-testid="blocks-table">
          {blocks.map((block) => (
            <tr
              key={block.hash}
              className={`border-b border-slate-100 ${newHeights.has(block.header.height) ? "bg-emerald-50" : ""}`}
            >
              <td className="py-2 pr-4 font-medium">
                <BlockLink height={block.header.height} />
              </td>
              <td className="py-2 pr-4 text-slate-700">
                <HashText value={block.hash} />
              </td>
              <td className="py-2 pr-4 text-right tabular-nums">{block.header.txCount.toLocaleString("en-US")}</td>
              <td className="py-2 text-slate-600">
                <RelativeTime iso={block.header.timestamp} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </TableOrCards>
  );
}
