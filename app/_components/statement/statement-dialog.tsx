"use client";
// "Download statement": a range of days, then the statement built here (with its progress), its totals, and the
// CSV and JSON files. Offline, the button says that statements need the node instead.
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import type { NodeInfo } from "@/lib/ledger/types";
import { statementEntriesMax } from "@/lib/validations/statement";
import { rangeOfDays } from "@/lib/wallet/statement/collect-statement";
import { statementCsv } from "@/lib/wallet/statement/statement-csv";
import { statementFilename } from "@/lib/wallet/statement/statement-document";
import { saveTextFile } from "@/lib/wallet/statement/save-file";
import { useFormat } from "../i18n/use-format";
import { Button, Field, inputClass } from "../ui";
import { Dialog } from "../wallet/dialog";
import { useStatement, type StatementState } from "./use-statement";

/** yyyy-mm-dd of a local date, as a date input reads and writes it. */
function dayOf(date: Date): string {
  const pad = (value: number) => String(value).padStart(2, "0");
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
}

export function StatementButton({ account, info, isOffline }: { account: string; info: NodeInfo; isOffline: boolean }) {
  const t = useTranslations("offline.statement");
  const hintId = useId();
  const [isOpen, setIsOpen] = useState(false);
  return (
    <div className="space-y-1">
      <Button
        variant="secondary"
        className="w-full"
        disabled={isOffline}
        aria-describedby={isOffline ? hintId : undefined}
        onClick={() => setIsOpen(true)}
      >
        {t("open")}
      </Button>
      {isOffline && (
        <p id={hintId} className="text-sm text-slate-600">
          {t("offline")}
        </p>
      )}
      {isOpen && <StatementDialog account={account} info={info} onClose={() => setIsOpen(false)} />}
    </div>
  );
}

function StatementDialog({ account, info, onClose }: { account: string; info: NodeInfo; onClose: () => void }) {
  const t = useTranslations("offline.statement");
  const id = useId();
  const [fromDay, setFromDay] = useState(() => dayOf(new Date(new Date().getFullYear(), new Date().getMonth(), 1)));
  const [toDay, setToDay] = useState(() => dayOf(new Date()));
  const [rangeError, setRangeError] = useState<string | null>(null);
  // The days of the statement last built, for its file names (the inputs may have changed since).
  const [builtDays, setBuiltDays] = useState({ from: fromDay, to: toDay });
  const { state, build, cancel } = useStatement(account, info);
  const close = () => {
    cancel();
    onClose();
  };
  const submit = (event: React.FormEvent) => {
    event.preventDefault();
    const range = rangeOfDays(fromDay, toDay);
    setRangeError(range === null ? t("rangeError") : null);
    if (range === null) return;
    setBuiltDays({ from: fromDay, to: toDay });
    void build(range);
  };
  return (
    <Dialog title={t("title")} isOpen onClose={close}>
      <p className="text-sm text-slate-700">{t("intro")}</p>
      <form noValidate onSubmit={submit} className="space-y-3">
        <div className="grid grid-cols-1 gap-3 sm:grid-cols-2">
          <Field id={`${id}-from`} label={t("from")} error={rangeError}>
            <input
              id={`${id}-from`}
              type="date"
              className={inputClass}
              value={fromDay}
              aria-invalid={rangeError !== null}
              aria-describedby={`${id}-from-message`}
              onChange={(event) => setFromDay(event.target.value)}
            />
          </Field>
          <Field id={`${id}-to`} label={t("to")}>
            <input
              id={`${id}-to`}
              type="date"
              className={inputClass}
              value={toDay}
              aria-describedby={`${id}-to-message`}
              onChange={(event) => setToDay(event.target.value)}
            />
          </Field>
        </div>
        <div className="flex flex-col-reverse gap-2 sm:flex-row sm:justify-end">
          <Button variant="ghost" onClick={close}>
            {t("close")}
          </Button>
          <Button type="submit" isBusy={state.kind === "building"}>
            {state.kind === "building" ? t("building") : t("build")}
          </Button>
        </div>
      </form>
      <StatementResult state={state} days={builtDays} />
    </Dialog>
  );
}

function StatementResult({ state, days }: { state: StatementState; days: { from: string; to: string } }) {
  const t = useTranslations("offline.statement");
  const format = useFormat();
  if (state.kind === "idle") return <div role="status" />;
  if (state.kind === "building") {
    const { progress } = state;
    return (
      <p role="status" className="text-sm text-slate-700">
        {progress === null || progress.phase === "history"
          ? t("readingHistory", { pages: progress?.phase === "history" ? progress.pagesRead : 0 })
          : t("readingReceipts", { done: format.number(progress.done), total: format.number(progress.total) })}
      </p>
    );
  }
  if (state.kind === "failed") {
    return (
      <p role="alert" className="text-sm text-rose-800">
        {state.reason === "unverified" ? t("unverified", { txId: state.txId ?? "" }) : t(state.reason)}
      </p>
    );
  }
  const { statement, isTruncated } = state;
  const { currency, totals } = statement;
  return (
    <div className="space-y-3 rounded-xl border border-slate-200 bg-slate-50 p-4">
      <div role="status" className="space-y-1 text-sm text-slate-800">
        <p className="font-medium">{t("ready", { count: totals.count })}</p>
        <p className="tabular-nums">
          {t("totals", {
            incoming: format.amount(totals.incoming, currency),
            outgoing: format.amount(totals.outgoing, currency),
            net: format.amount(totals.net, currency),
          })}
        </p>
        {isTruncated && <p className="text-amber-900">{t("truncated", { max: format.number(statementEntriesMax) })}</p>}
      </div>
      <div className="flex flex-col gap-2 sm:flex-row">
        <Button
          onClick={() =>
            saveTextFile(
              statementFilename(statement.account, days, "csv"),
              statementCsv(statement),
              "text/csv;charset=utf-8",
            )
          }
        >
          {t("csv")}
        </Button>
        <Button
          variant="secondary"
          onClick={() =>
            saveTextFile(
              statementFilename(statement.account, days, "json"),
              `${JSON.stringify(statement, null, 2)}\n`,
              "application/json",
            )
          }
        >
          {t("json")}
        </Button>
      </div>
      <p className="text-xs text-slate-600">{t("jsonHint")}</p>
    </div>
  );
}
