"use client";
// "Scan an image": a photo or screenshot of a QR code, read in this browser (the file goes nowhere).
import { useId, useState } from "react";
import { useTranslations } from "next-intl";
import { Field } from "../../ui";
import { loadQrReader } from "./detector";

/** A phone's photo is a few megabytes; a larger file is not decoded (it would hold the tab for long). */
export const scanImageBytesMax = 20 * 1024 * 1024;

export function ScanImageField({ onCode }: { onCode: (text: string) => void }) {
  const t = useTranslations("scan.image");
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const [isReading, setIsReading] = useState(false);

  async function read(file: File) {
    if (file.size > scanImageBytesMax) {
      setError(t("tooLarge", { max: scanImageBytesMax / 1024 / 1024 }));
      return;
    }
    setIsReading(true);
    setError(null);
    try {
      const reader = await loadQrReader().catch(() => null);
      if (reader === null) {
        setError(t("readerFailed"));
        return;
      }
      const codes = await reader.detect(file).catch(() => null);
      if (codes === null) setError(t("unreadable"));
      else {
        const code = codes.find((found) => found.rawValue !== "");
        if (code === undefined) setError(t("none"));
        else onCode(code.rawValue);
      }
    } finally {
      setIsReading(false);
    }
  }

  return (
    <Field id={id} label={t("label")} error={error} hint={isReading ? t("reading") : t("hint")}>
      <input
        id={id}
        type="file"
        accept="image/*"
        className="block w-full text-sm text-slate-700 file:mr-3 file:rounded-lg file:border-0 file:bg-slate-100 file:px-3 file:py-2 file:font-medium"
        aria-invalid={error !== null}
        aria-describedby={`${id}-message`}
        aria-busy={isReading || undefined}
        onChange={(event) => {
          const file = event.target.files?.[0];
          // The same file chosen twice in a row is read twice.
          event.target.value = "";
          if (file !== undefined) void read(file);
        }}
      />
    </Field>
  );
}
