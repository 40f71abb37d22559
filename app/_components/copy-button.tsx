"use client";
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "./ui";

export function CopyButton({ text, label }: { text: string; label: string }) {
  const t = useTranslations("common");
  const [isCopied, setIsCopied] = useState(false);
  return (
    <Button
      variant="secondary"
      className="w-24"
      aria-label={label}
      onClick={() => {
        void navigator.clipboard.writeText(text).then(() => {
          setIsCopied(true);
          setTimeout(() => setIsCopied(false), 1500);
        });
      }}
    >
      <span aria-live="polite">{isCopied ? t("copied") : t("copy")}</span>
    </Button>
  );
}
