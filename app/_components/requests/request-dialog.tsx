"use client";
// "Request payment": the payee says how much (or leaves it to the payer), a memo and an expiry; the wallet signs
// the request with the account's own key and keeps it in this browser, then shows its link and QR code.
import { useTranslations } from "next-intl";
import { useId, useState, type FormEvent } from "react";
import { memoCodePointsMax } from "@/lib/ledger/limits";
import type { Currency } from "@/lib/ledger/types";
import type { StoredWallet } from "@/lib/wallet/keystore";
import { checkRequestAmount, checkRequestMemo } from "@/lib/wallet/requests/request-amount";
import { formatRequestLink, type PaymentRequest } from "@/lib/wallet/requests/request-link";
import { signRequest } from "@/lib/wallet/requests/request-signature";
import { requestOf, saveRequest, type StoredRequest } from "@/lib/wallet/requests/request-store";
import { Button, Field, inputClass } from "../ui";
import { Dialog, DialogActions } from "../wallet/dialog";
import { RequestShare } from "./request-share";

/** The expiries offered, in seconds from now; "never" is none. */
const expiryChoices = { never: null, hour: 3600, day: 86_400, week: 7 * 86_400 } as const;
type ExpiryChoice = keyof typeof expiryChoices;
const expiryLabelKeys = { never: "expiryNever", hour: "expiryHour", day: "expiryDay", week: "expiryWeek" } as const;

export function RequestDialog({
  isOpen,
  onClose,
  wallet,
  currency,
}: {
  isOpen: boolean;
  onClose: () => void;
  wallet: StoredWallet;
  currency: Currency;
}) {
  const t = useTranslations("requests");
  const [made, setMade] = useState<StoredRequest | null>(null);
  const close = () => {
    setMade(null);
    onClose();
  };
  return (
    <Dialog title={made === null ? t("dialog.title") : t("dialog.madeTitle")} isOpen={isOpen} onClose={close}>
      {made === null ? (
        <RequestForm key={String(isOpen)} wallet={wallet} currency={currency} onCancel={close} onMade={setMade} />
      ) : (
        <>
          <RequestShare
            link={formatRequestLink(window.location.origin, requestOf(made), made.currency, made.signature)}
            pageHref={`/requests/${made.id}`}
          />
          <div className="flex justify-end">
            <Button onClick={close}>{t("dialog.done")}</Button>
          </div>
        </>
      )}
    </Dialog>
  );
}

function RequestForm({
  wallet,
  currency,
  onCancel,
  onMade,
}: {
  wallet: StoredWallet;
  currency: Currency;
  onCancel: () => void;
  onMade: (request: StoredRequest) => void;
}) {
  const t = useTranslations("requests");
  const id = useId();
  const [amount, setAmount] = useState("");
  const [isOpenAmount, setIsOpenAmount] = useState(false);
  const [memo, setMemo] = useState("");
  const [expiry, setExpiry] = useState<ExpiryChoice>("never");
  const [isSubmitted, setIsSubmitted] = useState(false);
  const [isSigning, setIsSigning] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);

  const amountCheck = checkRequestAmount(amount, currency, null);
  const memoCheck = checkRequestMemo(memo);
  const amountError =
    isOpenAmount || amountCheck.ok || (!isSubmitted && amount === "")
      ? null
      : t(`amountProblem.${amountCheck.problem}`, { decimals: currency.decimals, balance: "" });
  const memoError = memoCheck === null ? null : t(`memoProblem.${memoCheck}`, { max: memoCodePointsMax });

  async function submit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    setIsSubmitted(true);
    setFailure(null);
    if ((!isOpenAmount && !amountCheck.ok) || memoCheck !== null || isSigning) return;
    const seconds = expiryChoices[expiry];
    const request: PaymentRequest = {
      to: wallet.publicKey,
      amountMinor: isOpenAmount || !amountCheck.ok ? null : amountCheck.amountMinor,
      memo,
      expiresAt: seconds === null ? null : Math.floor(Date.now() / 1000) + seconds,
    };
    setIsSigning(true);
    try {
      const signature = await signRequest(request, currency, wallet.privateKey);
      onMade(saveRequest({ request, signature, currency }));
    } catch {
      setFailure(t("dialog.failed"));
    } finally {
      setIsSigning(false);
    }
  }

  return (
    <form noValidate onSubmit={(event) => void submit(event)} className="space-y-4">
      <Field
        id={`${id}-amount`}
        label={t("dialog.amount", { code: currency.code })}
        error={amountError}
        hint={t("dialog.amountHint")}
      >
        <input
          id={`${id}-amount`}
          className={inputClass}
          inputMode="decimal"
          autoComplete="off"
          disabled={isOpenAmount}
          value={isOpenAmount ? "" : amount}
          aria-invalid={amountError !== null}
          aria-describedby={`${id}-amount-message`}
          placeholder={currency.decimals === 0 ? "0" : `0.${"0".repeat(currency.decimals)}`}
          onChange={(event) => setAmount(event.target.value)}
        />
      </Field>
      <label className="flex items-center gap-2 text-sm text-slate-800">
        <input
          type="checkbox"
          className="size-4"
          checked={isOpenAmount}
          onChange={(event) => setIsOpenAmount(event.target.checked)}
        />
        {t("dialog.openAmount")}
      </label>
      <Field
        id={`${id}-memo`}
        label={t("dialog.memo")}
        error={memoError}
        hint={t("dialog.memoHint", { count: [...memo].length, max: memoCodePointsMax })}
      >
        <input
          id={`${id}-memo`}
          className={inputClass}
          autoComplete="off"
          value={memo}
          aria-invalid={memoError !== null}
          aria-describedby={`${id}-memo-message`}
          onChange={(event) => setMemo(event.target.value)}
        />
      </Field>
      <div className="space-y-1.5">
        <label htmlFor={`${id}-expiry`} className="block text-sm font-medium text-slate-800">
          {t("dialog.expiry")}
        </label>
        <select
          id={`${id}-expiry`}
          className={inputClass}
          value={expiry}
          onChange={(event) => setExpiry(event.target.value as ExpiryChoice)}
        >
          {(Object.keys(expiryChoices) as ExpiryChoice[]).map((choice) => (
            <option key={choice} value={choice}>
              {t(`dialog.${expiryLabelKeys[choice]}`)}
            </option>
          ))}
        </select>
      </div>
      {failure !== null && (
        <p role="alert" className="text-sm text-rose-700">
          {failure}
        </p>
      )}
      <DialogActions
        dismissLabel={t("dialog.cancel")}
        onDismiss={onCancel}
        submitLabel={isSigning ? t("dialog.signing") : t("dialog.submit")}
        isBusy={isSigning}
      />
    </form>
  );
}
