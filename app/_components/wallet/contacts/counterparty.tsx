"use client";
// Who a payment was with: the contact's name when the book has one, the short key beside it all the same (the
// key is what was paid; a name is only this browser's label for it).
import { useTranslations } from "next-intl";
import { shortKey } from "@/lib/wallet/format";
import { useContacts } from "../hooks/use-contacts";

export function Counterparty({ publicKey, direction }: { publicKey: string; direction: "from" | "to" }) {
  const t = useTranslations("contacts");
  const { nameOf } = useContacts();
  const name = nameOf(publicKey);
  if (name === undefined) return <>{t(direction === "from" ? "fromKey" : "toKey", { key: shortKey(publicKey) })}</>;
  return (
    <>
      {t(direction === "from" ? "fromName" : "toName", { name })}{" "}
      <span className="font-mono text-xs font-normal text-slate-600" title={publicKey}>
        {shortKey(publicKey)}
      </span>
    </>
  );
}
