"use client";
// The reader's words for why a contact cannot be saved, and which field each reason belongs under.
import { useTranslations } from "next-intl";
import { ContactError, type ContactProblem } from "@/lib/wallet/contacts/contacts";
import { contactNameLengthMax } from "@/lib/wallet/contacts/contact-rules";

export type ContactField = "name" | "publicKey";

export function fieldOfProblem(problem: ContactProblem): ContactField | "form" {
  if (problem.startsWith("key_")) return "publicKey";
  if (problem === "full") return "form";
  return "name";
}

/** A function from a problem (or a caught error) to its sentence. */
export function useContactProblemText() {
  const t = useTranslations("contacts.problems");
  /** `reason`: a ContactProblem, or whatever a save threw (a ContactError, or storage failing). */
  return (reason: unknown): { field: ContactField | "form"; message: string } => {
    const problem = reason instanceof ContactError ? reason.problem : reason;
    if (typeof problem !== "string") return { field: "form", message: t("storage") };
    const known = problem as ContactProblem;
    return { field: fieldOfProblem(known), message: t(known, { max: contactNameLengthMax }) };
  };
}
