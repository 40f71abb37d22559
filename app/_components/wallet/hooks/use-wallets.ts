"use client";
// The wallets kept in this browser (IndexedDB), which one is active (remembered across visits), and the
// making and restoring of wallets.
import { useCallback, useEffect, useState } from "react";
import { createWallet, listWallets, type StoredWallet } from "@/lib/wallet/keystore";

const activeWalletKey = "chainpay:active-wallet";

export type NewWallet = { wallet: StoredWallet; pkcs8: ArrayBuffer };

export type WalletsView = {
  /** Null until IndexedDB has answered. */
  wallets: StoredWallet[] | null;
  active: StoredWallet | null;
  select: (publicKey: string) => void;
  /** Makes a wallet named `nameOf(n)`, n counting from 1: the page words the default name in its language. */
  create: (nameOf: (ordinal: number) => string) => Promise<void>;
  isCreating: boolean;
  /** A wallet just made, whose key can still be exported for its backup; null once the backup is done. */
  newWallet: NewWallet | null;
  dismissNewWallet: () => void;
  addRestored: (wallet: StoredWallet) => void;
};

export function useWallets(): WalletsView {
  const [wallets, setWallets] = useState<StoredWallet[] | null>(null);
  const [activeKey, setActiveKey] = useState<string | null>(null);
  const [isCreating, setIsCreating] = useState(false);
  const [newWallet, setNewWallet] = useState<NewWallet | null>(null);

  useEffect(() => {
    void listWallets().then((stored) => {
      setWallets(stored);
      const remembered = localStorage.getItem(activeWalletKey);
      setActiveKey(stored.find((wallet) => wallet.publicKey === remembered)?.publicKey ?? stored[0]?.publicKey ?? null);
    });
  }, []);

  const select = useCallback((publicKey: string) => {
    setActiveKey(publicKey);
    localStorage.setItem(activeWalletKey, publicKey);
  }, []);

  const add = useCallback(
    (wallet: StoredWallet) => {
      setWallets((current) => [...(current ?? []), wallet]);
      select(wallet.publicKey);
    },
    [select],
  );

  const create = useCallback(
    async (nameOf: (ordinal: number) => string) => {
      setIsCreating(true);
      try {
        const created = await createWallet(nameOf((wallets?.length ?? 0) + 1));
        add(created.wallet);
        setNewWallet(created);
      } finally {
        setIsCreating(false);
      }
    },
    [wallets, add],
  );

  return {
    wallets,
    active: wallets?.find((wallet) => wallet.publicKey === activeKey) ?? null,
    select,
    create,
    isCreating,
    newWallet,
    dismissNewWallet: useCallback(() => setNewWallet(null), []),
    addRestored: add,
  };
}
