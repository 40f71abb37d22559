// The full-chain audit, run from the page.
import type { Metadata } from "next";
import { adminPageNode } from "@/app/_lib/require-admin-page";
import { Card } from "../../_components/ui";
import { AuditRunner } from "./audit-runner";

export const metadata: Metadata = { title: "Audit" };

export default async function AuditPage() {
  // It reads nothing itself, but like every explorer page it shows nothing without a session.
  await adminPageNode();
  return (
    <>
      <h1 className="text-2xl font-semibold tracking-tight">Audit the chain</h1>
      <Card className="space-y-4">
        <p className="max-w-prose text-sm text-slate-700">
          Re-verifies every stored block from genesis, trusting nothing in the database: each block&apos;s hash and its
          link to the one before, the node&apos;s signature, the Merkle root of its transactions, every
          transaction&apos;s signature, and every balance replayed and compared with the stored one. It names the first
          block that fails.
        </p>
        <AuditRunner />
      </Card>
    </>
  );
}
