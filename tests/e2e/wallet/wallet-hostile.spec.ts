// The wallet against a hostile or overloaded node and hostile files: "Paid" only once the receipt verifies (and a
// receipt the node tampered with raises the alarm instead), a tampered backup file is refused with its reason, and
// a burst of blocks leaves the balance right, with the account fetched one request at a time and no console error.
import { generateKeyPairSync, sign, type KeyObject } from "node:crypto";
import { readFileSync, writeFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Request } from "@playwright/test";
import { canonicalBytes } from "@/lib/ledger/canonical";
import { bytesToHex } from "@/lib/ledger/hex";
import type { Transaction } from "@/lib/ledger/types";
import { accountOf, createWallet, fillPayment, getTestFunds } from "../support";
import { collectErrors } from "./wallet-support";

/** An account outside any browser: an Ed25519 key pair made here, its public key as the account. */
function newAccount(): { publicKey: string; privateKey: KeyObject } {
  const { publicKey, privateKey } = generateKeyPairSync("ed25519");
  const spki = publicKey.export({ type: "spki", format: "der" });
  return { publicKey: bytesToHex(spki.subarray(spki.length - 32)), privateKey };
}

/** A payer outside any browser, funded by the faucet. */
async function fundedPayer(request: APIRequestContext): Promise<{ publicKey: string; privateKey: KeyObject }> {
  const payer = newAccount();
  expect((await request.post("/api/faucet", { data: { account: payer.publicKey } })).status()).toBe(201);
  return payer;
}

test("a burst of blocks leaves the balance right, fetched one request at a time, with no console error", async ({
  page,
  request,
}) => {
  const errors = collectErrors(page);
  const { publicKey } = await createWallet(page);
  await getTestFunds(page, "$100.00");
  const payer = await fundedPayer(request);
  const { chainId } = (await (await request.get("/api/node")).json()) as { chainId: string };

  // The wallet's account fetches, counted from here: how many, and how many were open at once.
  const accountFetches = { started: 0, open: 0, openMax: 0 };
  const isAccountFetch = (url: string) => new URL(url).pathname.startsWith("/api/accounts/");
  // Only fetches that started from here are counted open: one already in flight may finish after this point.
  const counted = new Set<Request>();
  page.on("request", (sent) => {
    if (!isAccountFetch(sent.url())) return;
    counted.add(sent);
    accountFetches.started += 1;
    accountFetches.open += 1;
    accountFetches.openMax = Math.max(accountFetches.openMax, accountFetches.open);
  });
  const onDone = (done: Request) => {
    if (counted.delete(done)) accountFetches.open -= 1;
  };
  page.on("requestfinished", onDone);
  page.on("requestfailed", onDone);

  // 100 batches one after another: each is sealed before its answer, so each makes at least one block.
  const batches = 100;
  const perBatch = 3;
  const burstStartMs = Date.now();
  for (let batch = 0; batch < batches; batch++) {
    const payments = Array.from({ length: perBatch }, (_, item) => {
      const tx: Transaction = {
        type: "payment",
        chainId,
        from: payer.publicKey,
        to: publicKey,
        amount: "1",
        memo: `burst ${batch}.${item}`,
        timestamp: new Date().toISOString(),
      };
      return { tx, signature: bytesToHex(sign(null, canonicalBytes(tx), payer.privateKey)) };
    });
    const answer = await request.post("/api/payments/batch", { data: { payments } });
    expect(answer.status()).toBe(200);
    const { results } = (await answer.json()) as { results: { created?: boolean }[] };
    expect(results.map((result) => result.created)).toEqual(Array<boolean>(perBatch).fill(true));
  }

  expect((await accountOf(request, publicKey)).balance).toBe("10300");
  await expect(page.getByTestId("balance")).toHaveText("$103.00");
  await expect(
    page.getByRole("list", { name: "Payments" }).getByText(`burst ${batches - 1}.${perBatch - 1}`),
  ).toBeVisible();
  const elapsedMs = Date.now() - burstStartMs;
  expect(accountFetches.openMax).toBe(1);
  // At most four refreshes a second (one every 250 ms), and one more at either end.
  expect(accountFetches.started).toBeLessThanOrEqual(Math.ceil(elapsedMs / 250) + 2);
  expect(errors).toEqual([]);
});

test("'Paid' appears only after the receipt verified: the status passes through 'verifying'", async ({ page }) => {
  await createWallet(page);
  await getTestFunds(page, "$100.00");
  const payee = newAccount().publicKey;
  // Every text the payment's status region shows, in order, as the page renders it.
  const statusId = await page.locator("form[aria-describedby]").getAttribute("aria-describedby");
  await page.evaluate((id) => {
    const region = document.getElementById(id!)!;
    const seen: string[] = [];
    (window as unknown as { statusTexts: string[] }).statusTexts = seen;
    new MutationObserver(() => seen.push(region.textContent ?? "")).observe(region, {
      childList: true,
      subtree: true,
      characterData: true,
    });
  }, statusId);

  await fillPayment(page, { to: payee, amount: "5.00" });
  await page.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(page.getByText("Paid", { exact: true })).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("$95.00");

  const texts = await page.evaluate(() => (window as unknown as { statusTexts: string[] }).statusTexts);
  const verifyingAt = texts.findIndex((text) => text.includes("Sent, verifying the receipt…"));
  const paidAt = texts.findIndex((text) => text.startsWith("Paid"));
  expect(verifyingAt, texts.join(" | ")).toBeGreaterThanOrEqual(0);
  expect(paidAt, texts.join(" | ")).toBeGreaterThan(verifyingAt);
});

test("a receipt the node tampered with is a warning and an alarm, never 'Paid'", async ({ page }) => {
  await createWallet(page);
  await getTestFunds(page, "$100.00");
  const payee = newAccount().publicKey;
  // The node's answer, changed on its way: the block's signature no longer matches its header.
  await page.route("**/api/payments", async (route) => {
    const response = await route.fetch();
    const body = (await response.json()) as { receipt: { block: { signature: string } } };
    const { signature } = body.receipt.block;
    body.receipt.block.signature = `${signature[0] === "0" ? "1" : "0"}${signature.slice(1)}`;
    await route.fulfill({ response, json: body });
  });
  await fillPayment(page, { to: payee, amount: "5.00" });
  await page.getByRole("button", { name: "Pay", exact: true }).click();

  await expect(page.getByText("The node's receipt does not verify")).toBeVisible();
  await expect(page.getByText("Do not count it as paid.")).toContainText("The node signed the block header");
  const alarm = page.getByTestId("chain-alarm");
  await expect(alarm).toContainText("Warning: this node answered a payment with a receipt that does not verify");
  await expect(alarm).toContainText("The node signed the block header");
  await expect(
    page.getByText("Payments are paused in this wallet until you have read the warning above."),
  ).toBeVisible();
  await expect(page.getByText("Paid", { exact: true })).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Pay", exact: true })).toHaveCount(0);
});

test("a tampered backup file is refused with what is wrong, and no wallet is restored", async ({
  browser,
}, testInfo) => {
  const passphrase = "correct horse battery staple";
  const maker = await browser.newContext({ acceptDownloads: true });
  const { backupPath } = await createWallet(await maker.newPage(), { passphrase });
  await maker.close();
  const backup = JSON.parse(readFileSync(backupPath!, "utf8")) as {
    kdf: { iterations: number };
    cipher: { name: string };
    publicKey: string;
  };
  const tamperings: [string, (file: typeof backup) => void, string][] = [
    [
      "weak",
      (file) => (file.kdf.iterations = 1),
      "This backup's key derivation has fewer than 600,000 iterations, too weak to be one this wallet wrote.",
    ],
    [
      "slow",
      (file) => (file.kdf.iterations = 1_000_000_000),
      "This backup asks for more than 10,000,000 key derivation iterations, too many to run in a browser tab.",
    ],
    [
      "cipher",
      (file) => (file.cipher.name = "AES-CBC"),
      "This backup's cipher is not AES-GCM, the only one this wallet uses.",
    ],
    [
      "key",
      (file) => (file.publicKey = "zz".repeat(32)),
      "This backup's public key is not 64 lowercase hexadecimal characters.",
    ],
  ];

  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("button", { name: "Restore from a backup" }).click();
  const dialog = page.getByRole("dialog", { name: "Restore a wallet from a backup" });
  for (const [name, tamper, message] of tamperings) {
    const tampered = structuredClone(backup);
    tamper(tampered);
    const tamperedPath = testInfo.outputPath(`backup-${name}.json`);
    writeFileSync(tamperedPath, JSON.stringify(tampered));
    await dialog.getByLabel("Backup file").setInputFiles(tamperedPath);
    await dialog.getByLabel("Passphrase").fill(passphrase);
    await dialog.getByRole("button", { name: "Restore wallet" }).click();
    await expect(dialog.getByText(message)).toBeVisible();
    await expect(dialog.getByLabel("Backup file")).toHaveAttribute("aria-invalid", "true");
  }
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(page.getByRole("heading", { name: "Make your wallet" })).toBeVisible();
  await context.close();
});
