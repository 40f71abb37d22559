"use client";
// Runs the full-chain audit from the page: the node streams its progress as lines of JSON, then the result.
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import type { AuditResult } from "@/lib/ledger/audit";
import { Button } from "../../_components/ui";
import { blockHref } from "../../_components/entities/entity-links";
import { auditReasonWording } from "./audit-reason";

type State =
  | { kind: "idle" }
  | { kind: "running"; checked: number; head: number }
  | { kind: "done"; result: AuditResult; seconds: number }
  | { kind: "error"; message: string | null };

export function AuditRunner() {
  const [state, setState] = useState<State>({ kind: "idle" });
  const t = useTranslations("explorerActions.audit");
  const reasonText = (reason: string) => {
    const wording = auditReasonWording(reason);
    return wording === null ? reason : t(`reasons.${wording.key}`, wording.values);
  };

  async function run() {
    setState({ kind: "running", checked: -1, head: 0 });
    const startedMs = performance.now();
    try {
      const response = await fetch("/api/admin/audit/stream", { cache: "no-store" });
      if (!response.ok || response.body === null) {
        setState({
          kind: "error",
          message: (await refusalOf(response)) ?? t("nodeAnswered", { status: response.status }),
        });
        return;
      }
      const reader = response.body.pipeThrough(new TextDecoderStream()).getReader();
      let buffer = "";
      for (;;) {
        const { done, value } = await reader.read();
        if (done) break;
        buffer += value;
        const lines = buffer.split("\n");
        buffer = lines.pop() ?? "";
        for (const line of lines.filter(Boolean)) {
          const message = JSON.parse(line) as {
            checked?: number;
            head?: number;
            result?: AuditResult;
            error?: { message: string };
          };
          if (message.result !== undefined)
            setState({ kind: "done", result: message.result, seconds: (performance.now() - startedMs) / 1000 });
          else if (message.error !== undefined) setState({ kind: "error", message: message.error.message });
          else setState({ kind: "running", checked: message.checked ?? 0, head: message.head ?? 0 });
        }
      }
    } catch (error) {
      setState({ kind: "error", message: error instanceof Error ? error.message : null });
    }
  }

  const percent =
    state.kind === "running" && state.head > 0
      ? Math.max(0, Math.round(((state.checked + 1) / (state.head + 1)) * 100))
      : state.kind === "done"
        ? 100
        : 0;
  return (
    <div className="space-y-4">
      <Button onClick={() => void run()} isBusy={state.kind === "running"}>
        {state.kind === "running" ? t("running") : t("run")}
      </Button>
      <div>
        <div className="flex justify-between text-sm text-slate-600">
          <span id="audit-progress-label">{t("progress")}</span>
          <span>
            {state.kind === "running" && state.checked >= 0
              ? t("progressBlock", { checked: state.checked, head: state.head })
              : ""}
          </span>
        </div>
        <div
          role="progressbar"
          aria-labelledby="audit-progress-label"
          aria-valuemin={0}
          aria-valuemax={100}
          aria-valuenow={percent}
          className="mt-1 h-3 overflow-hidden rounded-full bg-slate-200"
        >
          <div className="h-full bg-indigo-600 transition-[width]" style={{ width: `${percent}%` }} />
        </div>
      </div>
      <div aria-live="polite" className="min-h-24">
        {state.kind === "done" && state.result.ok && (
          <div
            role="status"
            data-testid="audit-result"
            className="rounded-xl border-2 border-emerald-500 bg-emerald-50 p-4 text-emerald-950"
          >
            <p className="text-lg font-bold">{t("verifies")}</p>
            <p className="text-sm">
              {t("verifiesText", {
                blocks: state.result.blocks,
                transactions: state.result.transactions,
                height: state.result.height,
                seconds: state.seconds,
              })}
            </p>
          </div>
        )}
        {state.kind === "done" && !state.result.ok && state.result.firstBad !== null && (
          <div
            role="alert"
            data-testid="audit-result"
            className="rounded-xl border-2 border-rose-600 bg-rose-50 p-4 text-rose-950"
          >
            <p className="text-lg font-bold">{t("fails")}</p>
            <p className="text-sm">
              {t.rich("firstBad", {
                height: String(state.result.firstBad.height),
                reason: reasonText(state.result.firstBad.reason),
                link: (chunks) => (
                  <Link href={blockHref(state.result.firstBad!.height)} className="font-semibold underline">
                    {chunks}
                  </Link>
                ),
              })}
            </p>
          </div>
        )}
        {state.kind === "error" && (
          <p role="alert" className="text-sm text-rose-700">
            {state.message ?? t("failed")}
          </p>
        )}
      </div>
    </div>
  );
}

/** What a refused audit says (the node's error message, such as too many audits and exports at once), if any. */
async function refusalOf(response: Response): Promise<string | null> {
  const body = (await response.json().catch(() => null)) as { error?: { message?: unknown } } | null;
  const message = body?.error?.message;
  return typeof message === "string" ? message : null;
}
