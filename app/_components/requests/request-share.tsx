"use client";
// A request's link, to pass on: its QR code, the link itself, Copy, Share (Web Share, only where the browser has
// it) and Show (the QR code large, for the payer's camera).
import Link from "next/link";
import { useTranslations } from "next-intl";
import { useState } from "react";
import { CopyButton } from "../copy-button";
import { QrCode } from "../qr-code";
import { Button } from "../ui";
import { Dialog } from "../wallet/dialog";
import { useCanShare } from "./browser-state";

export function RequestShare({ link, pageHref }: { link: string; pageHref?: string }) {
  const t = useTranslations("requests.share");
  const canShare = useCanShare();
  const [isShowing, setIsShowing] = useState(false);

  const share = () => {
    // A person who closes the share sheet rejects the promise: that is no error to show.
    navigator.share({ title: t("shareTitle"), url: link }).catch(() => {});
  };

  return (
    <div className="space-y-3">
      <div className="flex justify-center">
        <QrCode value={link} label={t("qrLabel")} size={200} />
      </div>
      <p className="text-sm font-medium text-slate-800">{t("linkLabel")}</p>
      <p className="rounded-lg bg-slate-100 p-2 font-mono text-xs break-all text-slate-800" data-testid="request-link">
        {link}
      </p>
      <div className="flex flex-wrap gap-2">
        <CopyButton text={link} label={t("copy")} />
        {canShare && (
          <Button variant="secondary" onClick={share}>
            {t("share")}
          </Button>
        )}
        <Button variant="secondary" onClick={() => setIsShowing(true)}>
          {t("show")}
        </Button>
        {pageHref !== undefined && (
          <Link
            href={pageHref}
            className="inline-flex min-h-10 items-center rounded-lg px-4 py-2 text-sm font-medium text-indigo-700 underline hover:bg-indigo-50"
          >
            {t("openPage")}
          </Link>
        )}
      </div>
      <Dialog title={t("showTitle")} isOpen={isShowing} onClose={() => setIsShowing(false)}>
        <div className="flex justify-center">
          <QrCode value={link} label={t("qrLabel")} size={280} />
        </div>
        <div className="flex justify-end">
          <Button variant="secondary" onClick={() => setIsShowing(false)}>
            {t("close")}
          </Button>
        </div>
      </Dialog>
    </div>
  );
}
