// One link for each thing the explorer names: a block (by height), a transaction (by txId) and an account (by
// public key). Every page links to them the same way, with the same href, the same short form and the same
// full value for screen readers.
import Link from "next/link";
import type { ReactNode } from "react";
import { HashText } from "./hash-text";

const linkClass = "text-indigo-700 hover:underline";

export const blockHref = (height: number) => `/explorer/blocks/${height}`;
export const transactionHref = (txId: string) => `/explorer/transactions/${txId}`;
export const accountHref = (publicKey: string) => `/explorer/accounts/${publicKey}`;

/** A block by its height; `children` replaces the height as the text (a hash, "← Block 4"). */
export function BlockLink({ height, children }: { height: number; children?: ReactNode }) {
  return (
    <Link href={blockHref(height)} className={linkClass}>
      {children ?? height}
    </Link>
  );
}

/** A transaction by its txId, short unless `isFull`. */
export function TransactionLink({ txId, isFull = false }: { txId: string; isFull?: boolean }) {
  return (
    <Link href={transactionHref(txId)} className={linkClass}>
      <HashText value={txId} isFull={isFull} />
    </Link>
  );
}

/** An account by its public key, short unless `isFull`. */
export function AccountLink({ publicKey, isFull = false }: { publicKey: string; isFull?: boolean }) {
  return (
    <Link href={accountHref(publicKey)} className={linkClass}>
      <HashText value={publicKey} isFull={isFull} />
    </Link>
  );
}
