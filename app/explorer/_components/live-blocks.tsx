"use client";
// The newest blocks, kept current from the node's event stream: new blocks appear on top without a reload.
import Link from "next/link";
import { useRouter } from "next/navigation";
import { useCallback, useEffect, useRef, useState } from "react";
import type { SignedBlock } from "@/lib/ledger/types";
import { useBlockEvents } from "../../_components/use-block-events";
import { relativeTime, shortHash } from "./format";
import { TableHead } from "./table-head";

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
  return (
    <div className="overflow-x-auto">
      <table className="w-full min-w-[36rem] text-left text-sm">
        <caption className="sr-only">Blocks, newest first</caption>
        <TableHead columns={["Height", "Hash", { label: "Transactions", isNumeric: true }, "Sealed"]} />
        <tbody aria-live={isLive ? "polite" : undefined} data-testid="blocks-table">
          {blocks.map((block) => (
            <tr
              key={block.hash}
              className={`border-b border-slate-100 ${newHeights.has(block.header.height) ? "bg-emerald-50" : ""}`}
            >
              <td className="py-2 pr-4 font-medium">
                <Link href={`/explorer/blocks/${block.header.height}`} className="text-indigo-700 hover:underline">
                  {block.header.height}
                </Link>
              </td>
              <td className="py-2 pr-4 font-mono text-xs text-slate-700">{shortHash(block.hash)}</td>
              <td className="py-2 pr-4 text-right tabular-nums">{block.header.txCount}</td>
              <td className="py-2 text-slate-600">
                <time dateTime={block.header.timestamp} title={block.header.timestamp}>
                  {relativeTime(block.header.timestamp)}
                </time>
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
