"use client";
// "Scan": opens the scanner, for a payment request's QR code shown by the person to pay (or a photo of one).
import { useState } from "react";
import { useTranslations } from "next-intl";
import { Button } from "../../ui";
import { ScanDialog } from "./scan-dialog";

export function ScanButton() {
  const t = useTranslations("scan");
  const [isOpen, setIsOpen] = useState(false);
  return (
    <div className="mb-4 flex items-center gap-3 rounded-xl bg-slate-50 px-3 py-2">
      <p className="min-w-0 flex-1 text-sm text-slate-700">{t("prompt")}</p>
      <Button variant="secondary" className="shrink-0" aria-haspopup="dialog" onClick={() => setIsOpen(true)}>
        <ScanIcon />
        {t("open")}
      </Button>
      <ScanDialog isOpen={isOpen} onClose={() => setIsOpen(false)} />
    </div>
  );
}

/** A viewfinder's four corners: drawn, so that it needs no font to have the glyph. */
function ScanIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 20 20" className="size-4" fill="none" stroke="currentColor" strokeWidth="2">
      <path d="M2 7V2h5M13 2h5v5M18 13v5h-5M7 18H2v-5M6 10h8" strokeLinecap="round" strokeLinejoin="round" />
    </svg>
  );
}
