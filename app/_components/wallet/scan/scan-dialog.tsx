"use client";
// The scanner: the camera, read until it sees a QR code, or an image of one (a photo, a screenshot). A payment
// request for this node opens the pay page with it; one for another node says so first; anything else is named
// as not a request. A camera refused or missing says so, and the image stays as the way to scan.
import { useCallback, useId, useState } from "react";
import { useRouter } from "next/navigation";
import { useTranslations } from "next-intl";
import { classifyScannedCode, type ScannedCode } from "@/lib/wallet/scan/scanned-code";
import { Button, Notice } from "../../ui";
import { Dialog } from "../dialog";
import { ScanImageField } from "./scan-image-field";
import { useCameraScan, type CameraStatus } from "./use-camera-scan";

const isCameraLive = (status: CameraStatus) => status === "starting" || status === "scanning";

export function ScanDialog({ isOpen, onClose }: { isOpen: boolean; onClose: () => void }) {
  const t = useTranslations("scan");
  const router = useRouter();
  const statusId = useId();
  const [result, setResult] = useState<Exclude<ScannedCode, { kind: "request" }> | null>(null);

  const onCode = useCallback(
    (text: string) => {
      const code = classifyScannedCode(text, window.location.origin);
      if (code.kind === "request") {
        onClose();
        router.push(code.path);
        return;
      }
      setResult(code);
    },
    [onClose, router],
  );
  // The camera runs while the dialog is open and has nothing to show instead.
  const { videoRef, status } = useCameraScan(isOpen && result === null, onCode);
  const close = () => {
    setResult(null);
    onClose();
  };

  return (
    <Dialog title={t("title")} isOpen={isOpen} onClose={close}>
      {result === null ? (
        <div className="space-y-2">
          <div
            className={`relative mx-auto aspect-square w-full max-w-72 overflow-hidden rounded-xl bg-slate-900 ${isCameraLive(status) ? "" : "hidden"}`}
          >
            <video
              ref={videoRef}
              className="size-full object-cover"
              muted
              playsInline
              aria-label={t("cameraLabel")}
              aria-describedby={statusId}
            />
            {/* The frame to hold the code in. */}
            <span aria-hidden="true" className="absolute inset-8 rounded-lg border-2 border-white/80" />
          </div>
          <p
            id={statusId}
            aria-live="polite"
            className={`text-sm ${isCameraLive(status) ? "text-slate-700" : "text-rose-700"}`}
          >
            {t(`camera.${status}`)}
          </p>
        </div>
      ) : result.kind === "foreign-request" ? (
        <Notice tone="warning" title={t("foreign.title")}>
          <p>{t("foreign.body", { host: result.host })}</p>
          <div className="mt-3 flex flex-wrap gap-2">
            <Button
              onClick={() => {
                close();
                router.push(result.path);
              }}
            >
              {t("foreign.open")}
            </Button>
            <Button variant="secondary" onClick={() => setResult(null)}>
              {t("again")}
            </Button>
          </div>
        </Notice>
      ) : (
        <Notice tone="danger" title={t("notARequest.title")}>
          <p>{t("notARequest.body")}</p>
          {result.text !== "" && (
            <p className="mt-2 rounded-md bg-white/70 px-2 py-1 font-mono text-xs break-all">{result.text}</p>
          )}
          <Button variant="secondary" className="mt-3" onClick={() => setResult(null)}>
            {t("again")}
          </Button>
        </Notice>
      )}
      <ScanImageField onCode={onCode} />
      <div className="flex justify-end">
        <Button variant="ghost" onClick={close}>
          {t("close")}
        </Button>
      </div>
    </Dialog>
  );
}
