"use client";
// Disabling an endpoint, asked twice: the first press shows what it does and a confirmation beside it; Escape or
// Cancel takes it back. Keyboard focus follows: to the confirmation when it opens, back to the button after.
import { useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState } from "react";
import { Button } from "@/app/_components/ui";
import { webhookClient } from "./webhook-client";
import { useRefusalText } from "./refusal-wording";

export function DisableEndpointButton({ id, url }: { id: string; url: string }) {
  const t = useTranslations("explorerWebhooks.list");
  const tRegister = useTranslations("explorerWebhooks.register");
  const refusalText = useRefusalText();
  const router = useRouter();
  const [isAsking, setIsAsking] = useState(false);
  const [isBusy, setIsBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  // The first button inside: the confirmation while asking, the Disable button otherwise.
  const containerRef = useRef<HTMLDivElement>(null);
  const wasAsking = useRef(false);

  useEffect(() => {
    if (isAsking || wasAsking.current) containerRef.current?.querySelector("button")?.focus();
    wasAsking.current = isAsking;
  }, [isAsking]);

  async function disable() {
    setIsBusy(true);
    setError(null);
    const result = await webhookClient.disable(id);
    setIsBusy(false);
    if (result.kind === "ok") {
      setIsAsking(false);
      router.refresh();
    } else {
      setError(
        t("disableFailed", {
          message: result.kind === "refused" ? refusalText(result.error.message) : tRegister("unreachable"),
        }),
      );
    }
  }

  if (!isAsking)
    return (
      <div ref={containerRef}>
        <Button variant="secondary" aria-label={t("disableLabel", { url })} onClick={() => setIsAsking(true)}>
          {t("disable")}
        </Button>
      </div>
    );
  return (
    <div
      ref={containerRef}
      role="group"
      aria-label={t("disableLabel", { url })}
      className="space-y-2 rounded-lg border border-rose-200 bg-rose-50 p-3"
      onKeyDown={(event) => {
        if (event.key === "Escape") setIsAsking(false);
      }}
    >
      <p className="text-sm text-rose-950">{t("confirm")}</p>
      <div className="flex flex-wrap gap-2">
        <Button variant="danger" isBusy={isBusy} onClick={() => void disable()}>
          {t("confirmYes")}
        </Button>
        <Button variant="secondary" onClick={() => setIsAsking(false)}>
          {t("cancel")}
        </Button>
      </div>
      {error !== null && (
        <p role="alert" className="text-sm text-rose-700">
          {error}
        </p>
      )}
    </div>
  );
}
