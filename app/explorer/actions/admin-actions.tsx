"use client";
// Admin actions: mint to an account (a mint signed by the node key, recorded like any other transaction) and
// switch the faucet on or off.
import Link from "next/link";
import { useId, useState, type FormEvent } from "react";
import { parseMajorUnits } from "@/lib/ledger/amount";
import { hex64Pattern } from "@/lib/ledger/hex";
import type { Currency, Receipt } from "@/lib/ledger/types";
import { formatAmount } from "@/lib/wallet/format";
import { postJson } from "@/lib/wallet/node-client";
import { Button, Field, inputClass, Notice } from "../../_components/ui";
import { transactionHref } from "../../_components/entities/entity-links";

export function MintForm({ currency }: { currency: Currency }) {
  const id = useId();
  const [account, setAccount] = useState("");
  const [amount, setAmount] = useState("");
  const [errors, setErrors] = useState<{ account?: string; amount?: string; form?: string }>({});
  const [receipt, setReceipt] = useState<Receipt | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const key = account.trim().toLowerCase();
    const amountMinor = parseMajorUnits(amount, currency.decimals);
    const found: typeof errors = {};
    if (!hex64Pattern.test(key)) found.account = "An account key is 64 characters of 0–9 and a–f.";
    if (amountMinor === null || amountMinor <= 0n || amountMinor.toString().length > 16)
      found.amount = `Enter an amount like 250.00 (at most ${currency.decimals} decimals).`;
    setErrors(found);
    setReceipt(null);
    if (Object.keys(found).length > 0) return;
    setIsBusy(true);
    const result = await postJson<{ receipt: Receipt }>("/api/admin/mint", {
      account: key,
      amount: amountMinor!.toString(),
    });
    setIsBusy(false);
    if (result.kind === "ok") {
      setReceipt(result.body.receipt);
      setAmount("");
    } else if (result.kind === "refused") {
      const field = result.error.field === "account" || result.error.field === "amount" ? result.error.field : "form";
      setErrors({ [field]: result.error.message });
    } else {
      setErrors({ form: result.message });
    }
  }

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} className="space-y-3">
      <Field id={`${id}-account`} label="Account key" error={errors.account}>
        <input
          id={`${id}-account`}
          className={`${inputClass} font-mono`}
          value={account}
          autoComplete="off"
          spellCheck={false}
          aria-invalid={errors.account !== undefined}
          aria-describedby={`${id}-account-message`}
          onChange={(event) => setAccount(event.target.value)}
        />
      </Field>
      <Field id={`${id}-amount`} label={`Amount (${currency.code})`} error={errors.amount}>
        <input
          id={`${id}-amount`}
          className={inputClass}
          inputMode="decimal"
          value={amount}
          autoComplete="off"
          aria-invalid={errors.amount !== undefined}
          aria-describedby={`${id}-amount-message`}
          onChange={(event) => setAmount(event.target.value)}
        />
      </Field>
      <Button type="submit" isBusy={isBusy}>
        Mint
      </Button>
      <div aria-live="polite" className="min-h-6">
        {errors.form !== undefined && (
          <Notice tone="danger" title="Not minted">
            {errors.form}
          </Notice>
        )}
        {receipt !== null && (
          <Notice tone="success" title="Minted">
            {formatAmount(receipt.tx.amount, currency)} in block {receipt.block.header.height}.{" "}
            <Link href={transactionHref(receipt.txId)} className="font-medium underline">
              View the mint
            </Link>
          </Notice>
        )}
      </div>
    </form>
  );
}

export function FaucetSwitch({
  initial,
  currency,
}: {
  initial: { enabled: boolean; amount: string };
  currency: Currency;
}) {
  const [faucet, setFaucet] = useState(initial);
  const [message, setMessage] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);
  async function toggle() {
    setIsBusy(true);
    setMessage(null);
    const result = await postJson<{ faucet: { enabled: boolean; amount: string } }>("/api/admin/faucet", {
      enabled: !faucet.enabled,
    });
    setIsBusy(false);
    if (result.kind === "ok") setFaucet(result.body.faucet);
    else setMessage(result.kind === "refused" ? result.error.message : result.message);
  }
  return (
    <div className="space-y-3">
      <p className="text-sm" data-testid="faucet-state">
        The faucet is <strong>{faucet.enabled ? "on" : "off"}</strong>
        {faucet.amount !== "0" && <> and gives {formatAmount(faucet.amount, currency)} a request</>}.
      </p>
      <Button
        variant={faucet.enabled ? "danger" : "primary"}
        isBusy={isBusy}
        onClick={() => void toggle()}
        disabled={faucet.amount === "0"}
      >
        {faucet.enabled ? "Turn the faucet off" : "Turn the faucet on"}
      </Button>
      <p aria-live="polite" className="min-h-5 text-sm text-rose-700">
        {message ?? ""}
      </p>
    </div>
  );
}
