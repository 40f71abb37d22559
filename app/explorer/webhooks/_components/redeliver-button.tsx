"use client";
// Redelivering one delivery: the node makes it due now, its attempts starting over; the page then shows it as
// it stands (router.refresh), and the outcome is announced beside the button.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useState } from "react";
import { Button } from "@/app/_components/ui";
import { webhookClient } from "./webhook-client";
import { useRefusalText } from "./refusal-wording";

export function RedeliverButton({ endpointId, txId }: { endpointId: string; txId: string }) {
  const t = useTranslations("explorerWebhooks.deliveries");
  const tRegister = useTranslations("explorerWebhooks.register");
  const refusalText = useRefusalText();
  const router = useRouter();
  const [isBusy, setIsBusy] = useState(false);
  const [message, setMessage] = useState<{ tone: "ok" | "error"; text: string } | null>(null);

  async function redeliver() {
    setIsBusy(true);
    setMessage(null);
    const result = await webhookClient.redeliver(endpointId, txId);
    setIsBusy(false);
    if (result.kind === "ok") {
      setMessage({ tone: "ok", text: t("redelivered") });
      router.refresh();
    } else {
      const reason = result.kind === "refused" ? refusalText(result.error.message) : tRegister("unreachable");
      setMessage({ tone: "error", text: t("redeliverFailed", { message: reason }) });
    }
  }

  return (
    <div className="flex flex-col items-start gap-1">
      <Button
        variant="secondary"
        isBusy={isBusy}
        aria-label={t("redeliverLabel", { txId })}
        onClick={() => void redeliver()}
      >
        {t("redeliver")}
      </Button>
      <p aria-live="polite" className={`text-xs ${message?.tone === "error" ? "text-rose-700" : "text-slate-600"}`}>
        {message?.text ?? ""}
      </p>
    </div>
  );
}
