"use client";
// Registering an endpoint: the account and the URL, checked as typed before sending and then by the node, with
// each refusal beside its field; on success the secret, shown once, and the list refreshed from the server.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useId, useState, type FormEvent } from "react";
import { Button, Field, inputClass, Notice } from "@/app/_components/ui";
import { hex64Pattern } from "@/lib/ledger/hex";
import { useRefusalText } from "./refusal-wording";
import { SecretOnce } from "./secret-once";
import { webhookClient } from "./webhook-client";

type Errors = { account?: string; url?: string; form?: string };

const isHttpUrl = (text: string) => /^https?:\/\/\S+$/i.test(text);

export function RegisterEndpointForm({ defaultAccount }: { defaultAccount: string }) {
  const t = useTranslations("explorerWebhooks.register");
  const router = useRouter();
  const refusalText = useRefusalText();
  const id = useId();
  const [account, setAccount] = useState(defaultAccount);
  const [url, setUrl] = useState("");
  const [errors, setErrors] = useState<Errors>({});
  const [secret, setSecret] = useState<string | null>(null);
  const [isBusy, setIsBusy] = useState(false);

  async function onSubmit(event: FormEvent<HTMLFormElement>) {
    event.preventDefault();
    const key = account.trim().toLowerCase();
    const address = url.trim();
    const found: Errors = {};
    if (!hex64Pattern.test(key)) found.account = t("accountInvalid");
    if (!isHttpUrl(address)) found.url = t("urlInvalid");
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setSecret(null);
    setIsBusy(true);
    const result = await webhookClient.register(key, address);
    setIsBusy(false);
    if (result.kind === "ok") {
      setSecret(result.body.secret);
      setUrl("");
      router.refresh();
    } else if (result.kind === "refused") {
      // The node's message names the rule broken (a weak key, a private address, a limit) beside the field, in
      // the page's language where this page knows the sentence.
      const field = result.error.field === "account" || result.error.field === "url" ? result.error.field : "form";
      const message = result.error.message.replace(/^(account|url): /, "");
      setErrors({ [field]: refusalText(message) });
    } else {
      setErrors({ form: t("unreachable") });
    }
  }

  return (
    <div className="space-y-4">
      <form noValidate onSubmit={(event) => void onSubmit(event)} className="space-y-3">
        <Field id={`${id}-account`} label={t("account")} hint={t("accountHint")} error={errors.account}>
          <input
            id={`${id}-account`}
            className={`${inputClass} font-mono`}
            value={account}
            autoComplete="off"
            spellCheck={false}
            maxLength={64}
            aria-invalid={errors.account !== undefined}
            aria-describedby={`${id}-account-message`}
            onChange={(event) => setAccount(event.target.value)}
          />
        </Field>
        <Field id={`${id}-url`} label={t("url")} hint={t("urlHint")} error={errors.url}>
          <input
            id={`${id}-url`}
            type="url"
            inputMode="url"
            className={inputClass}
            value={url}
            autoComplete="off"
            spellCheck={false}
            maxLength={2048}
            placeholder="https://shop.example/webhooks/chainpay"
            aria-invalid={errors.url !== undefined}
            aria-describedby={`${id}-url-message`}
            onChange={(event) => setUrl(event.target.value)}
          />
        </Field>
        <Button type="submit" isBusy={isBusy}>
          {t("submit")}
        </Button>
        <div aria-live="polite">
          {errors.form !== undefined && (
            <Notice tone="danger" title={t("failed")}>
              {errors.form}
            </Notice>
          )}
        </div>
      </form>
      {secret !== null && <SecretOnce secret={secret} onDone={() => setSecret(null)} />}
    </div>
  );
}
