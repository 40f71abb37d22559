// The wallet, at /. The node's facts are rendered on the server so that the first paint already shows them.
import { getNode } from "@/lib/server/node/context";
import { readNodeInfo } from "@/lib/server/node/read-node-info";
import { WalletApp } from "./_components/wallet/wallet-app";

export const dynamic = "force-dynamic";

export default async function WalletPage() {
  return <WalletApp initialInfo={await readNodeInfo(await getNode())} />;
}
