"use client";
// Admin actions: mint to an account (a mint signed by the node key, recorded like any other transaction) and
// switch the faucet on or off. A refusal of the whole request is said by its code in the page's language; one of a
// field the form checked already is rare, and shown beside it in the node's own words (the protocol's message).
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { parseMajorUnits } from "@/lib/ledger/amount";
import { hex64Pattern } from "@/lib/ledger/hex";
import type { Currency, Receipt } from "@/lib/ledger/types";
import { messageFor } from "@/lib/wallet/messages";
import { postJson } from "@/lib/wallet/node-client";
import { Button, Field, inputClass, Notice } from "../../_components/ui";
import { transactionHref } from "../../_components/entities/entity-links";
import { useFormat } from "../../_components/i18n/use-format";
import { useWalletMessage } from "../../_components/i18n/use-wallet-message";

/** An example amount in the currency's own decimals: "250.00", or "250" for a currency without decimals. */
function exampleAmount(currency: Currency): string {
  return currency.decimals === 0 ? "250" : `250.${"0".repeat(currency.decimals)}`;
}

export function MintForm({ currency }: { currency: Currency }) {
  const id = useId();
  const t = useTranslations("explorerActions");
  const format = useFormat();
  const say = useWalletMessage();
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
    if (!hex64Pattern.test(key)) found.account = t("badAccount");
    if (amountMinor === null || amountMinor <= 0n || amountMinor.toString().length > 16)
      found.amount = t("badAmount", { example: exampleAmount(currency), decimals: currency.decimals });
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
      setErrors({ [field]: field === "form" ? say(messageFor(result.error.code)) : result.error.message });
    } else {
      setErrors({ form: say(result.problem) });
    }
  }

  return (
    <form noValidate onSubmit={(event) => void onSubmit(event)} className="space-y-3">
      <Field id={`${id}-account`} label={t("accountKey")} error={errors.account}>
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
      <Field id={`${id}-amount`} label={t("amount", { currency: currency.code })} error={errors.amount}>
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
        {t("mint")}
      </Button>
      <div aria-live="polite" className="min-h-6">
        {errors.form !== undefined && (
          <Notice tone="danger" title={t("notMinted")}>
            {errors.form}
          </Notice>
        )}
        {receipt !== null && (
          <Notice tone="success" title={t("minted")}>
            {t("mintedText", {
              amount: format.amount(receipt.tx.amount, currency),
              height: String(receipt.block.header.height),
            })}{" "}
            <Link href={transactionHref(receipt.txId)} className="font-medium underline">
              {t("viewMint")}
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
  const t = useTranslations("explorerActions");
  const format = useFormat();
  const say = useWalletMessage();
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
    else setMessage(say(result.kind === "refused" ? messageFor(result.error.code) : result.problem));
  }
  return (
    <div className="space-y-3">
      <p className="text-sm" data-testid="faucet-state">
        {t.rich("faucetState", {
          enabled: String(faucet.enabled),
          amount: faucet.amount === "0" ? "none" : format.amount(faucet.amount, currency),
          strong: (chunks) => <strong>{chunks}</strong>,
        })}
      </p>
      <Button
        variant={faucet.enabled ? "danger" : "primary"}
        isBusy={isBusy}
        onClick={() => void toggle()}
        disabled={faucet.amount === "0"}
      >
        {faucet.enabled ? t("faucetOff") : t("faucetOn")}
      </Button>
      <p aria-live="polite" className="min-h-5 text-sm text-rose-700">
        {message ?? ""}
      </p>
    </div>
  );
}
