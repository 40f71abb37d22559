// Accounts are points, in the browser: a payee key that does not decode to an Ed25519 point (here a real key with
// one digit mistyped) is refused beside the field in plain words, no payment leaves the wallet and the ledger is
// unchanged; the corrected key then pays as usual.
import { generateKeyPairSync } from "node:crypto";
import { expect, test } from "@playwright/test";
import { accountKeyProblem } from "@/lib/ledger/ed25519";
import { bytesToHex } from "@/lib/ledger/hex";
import { accountOf, createWallet, fillPayment, getTestFunds } from "../support";
import { collectErrors } from "./wallet-support";

/** A fresh account, and the same key with one digit mistyped so that it no longer decodes to a point. */
function payeeAndTypo(): { realKey: string; mistypedKey: string } {
  const spki = generateKeyPairSync("ed25519").publicKey.export({ type: "spki", format: "der" });
  const realKey = bytesToHex(spki.subarray(spki.length - 32));
  // About half of all one-digit changes still decode (to someone else's point, or no one's): take one that does not.
  for (let position = 0; position < realKey.length; position++) {
    for (const digit of "0123456789abcdef") {
      const mistypedKey = `${realKey.slice(0, position)}${digit}${realKey.slice(position + 1)}`;
      if (accountKeyProblem(mistypedKey) === "not_a_point") return { realKey, mistypedKey };
    }
  }
  throw new Error("no one-digit typo of this key fails to decode");
}

test("a mistyped payee key is refused inline and sends nothing; the right key pays", async ({ page, request }) => {
  const errors = collectErrors(page);
  const { realKey, mistypedKey } = payeeAndTypo();
  const { publicKey } = await createWallet(page);
  await getTestFunds(page, "$100.00");
  // The ledger is checked by the accounts involved: the shared e2e node's head moves with the other specs' payments.
  const payerBefore = await accountOf(request, publicKey);
  const paymentsSent: string[] = [];
  page.on("request", (sent) => {
    if (new URL(sent.url()).pathname.startsWith("/api/payments")) paymentsSent.push(sent.url());
  });

  await fillPayment(page, { to: mistypedKey, amount: "5" });
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  const payee = page.getByLabel("Pay to (account key)");
  await expect(page.getByText("This is not a valid account key: check it for a typo.")).toBeVisible();
  await expect(payee).toHaveAttribute("aria-invalid", "true");
  await expect(payee).toBeFocused();
  expect(paymentsSent).toEqual([]);
  expect(await accountOf(request, publicKey)).toEqual(payerBefore);
  expect(payerBefore.balance).toBe("10000");
  expect(await accountOf(request, mistypedKey)).toMatchObject({ balance: "0", transactions: [] });

  await payee.fill(realKey);
  await expect(page.getByText("This is not a valid account key: check it for a typo.")).toBeHidden();
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(page.getByText("Paid", { exact: true })).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("$95.00");
  expect((await accountOf(request, realKey)).balance).toBe("500");
  expect(errors).toEqual([]);
});
