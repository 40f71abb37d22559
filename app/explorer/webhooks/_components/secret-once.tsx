"use client";
// The new endpoint's signing secret, shown this once (the node never answers it again), with a copy button and
// a plain warning. It takes the focus when it appears, so that a screen reader reads the warning first.
import { useTranslations } from "next-intl";
import { useEffect, useId, useRef, useState } from "react";
import { Button } from "@/app/_components/ui";

export function SecretOnce({ secret, onDone }: { secret: string; onDone: () => void }) {
  const t = useTranslations("explorerWebhooks.secret");
  const id = useId();
  const headingRef = useRef<HTMLHeadingElement>(null);
  const [copy, setCopy] = useState<"idle" | "copied" | "failed">("idle");
  useEffect(() => headingRef.current?.focus(), []);

  function copySecret() {
    navigator.clipboard.writeText(secret).then(
      () => {
        setCopy("copied");
        setTimeout(() => setCopy("idle"), 1500);
      },
      () => setCopy("failed"),
    );
  }

  return (
    <section
      aria-labelledby={`${id}-heading`}
      className="space-y-3 rounded-xl border border-amber-300 bg-amber-50 p-4 text-amber-950"
      data-testid="webhook-secret"
    >
      <h3 id={`${id}-heading`} ref={headingRef} tabIndex={-1} className="font-semibold focus:outline-none">
        {t("heading")}
      </h3>
      <p className="break-keep text-sm">{t("warning")}</p>
      <div className="space-y-2">
        <p id={`${id}-label`} className="text-sm font-medium">
          {t("label")}
        </p>
        {/* In full, wrapped: the admin can read it, select it with one click and compare it with what was pasted. */}
        <code
          data-testid="webhook-secret-value"
          className="block select-all break-all rounded-lg border border-amber-300 bg-white px-3 py-2 font-mono text-sm text-slate-900"
        >
          {secret}
        </code>
        <Button variant="secondary" aria-label={t("copyLabel")} onClick={copySecret}>
          <span aria-live="polite">{copy === "copied" ? t("copied") : t("copy")}</span>
        </Button>
      </div>
      {copy === "failed" && (
        <p role="alert" className="text-sm text-rose-700">
          {t("copyFailed")}
        </p>
      )}
      <Button onClick={onDone}>{t("done")}</Button>
    </section>
  );
}
