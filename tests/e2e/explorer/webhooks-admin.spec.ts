// Merchant webhooks as an admin uses them: sign in, find Webhooks among the actions, register an endpoint (a
// receiver on loopback started here) with inline errors first, see its secret once, watch a payment's delivery
// arrive signed and turn "Delivered", redeliver it, and disable the endpoint; axe clean throughout, in English and
// in Korean, with screenshots at desktop and phone widths.
import { createServer, type IncomingHttpHeaders, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { mkdirSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { Webhook } from "standardwebhooks";
import type { Receipt } from "@/lib/ledger/types";
import { makeWallet, signPayment } from "../../support/wallet";
import { expectAccessible } from "../support";
import { shootBothWidths } from "../support/shots";

test.describe.configure({ mode: "serial" });

const adminPassword = process.env.E2E_ADMIN_PASSWORD ?? "e2e-admin-password";
const shotsDir = process.env.SHOTS_DIR ?? "test-results/screenshots/hooks-admin";

type Received = { headers: IncomingHttpHeaders; body: string };

/** A merchant's server on loopback: it keeps every event it gets and answers 204. */
let receiver: Server;
const received: Received[] = [];
let receiverUrl = "";

test.beforeAll(async () => {
  receiver = createServer((request, response) => {
    let body = "";
    request.setEncoding("utf8");
    request.on("data", (chunk: string) => (body += chunk));
    request.on("end", () => {
      received.push({ headers: request.headers, body });
      response.writeHead(204).end();
    });
  });
  await new Promise<void>((resolve) => receiver.listen(0, "127.0.0.1", resolve));
  receiverUrl = `http://127.0.0.1:${(receiver.address() as AddressInfo).port}/hooks/chainpay`;
  mkdirSync(shotsDir, { recursive: true });
});

test.afterAll(async () => {
  await new Promise<void>((resolve) => receiver.close(() => resolve()));
});

async function signIn(page: Page, next: string) {
  await page.goto(`/admin/login?next=${encodeURIComponent(next)}`);
  await page.getByRole("textbox", { name: "Admin password" }).fill(adminPassword);
  await page.getByRole("button", { name: "Sign in" }).click();
  await page.waitForURL(`**${next}`);
}

const shoot = (page: Page, name: string) => shootBothWidths(page, shotsDir, name);

/** A payment from a funded wallet to `to`, through the public API, as any wallet would make it. */
async function pay(request: APIRequestContext, to: string): Promise<Receipt> {
  const payer = makeWallet();
  expect((await request.post("/api/faucet", { data: { account: payer.publicKey } })).status()).toBe(201);
  const answer = await request.post("/api/payments", {
    data: signPayment(payer, to, "1250", { chainId: "chainpay-e2e", memo: "order 42" }),
  });
  expect(answer.status()).toBe(201);
  return ((await answer.json()) as { receipt: Receipt }).receipt;
}

test("an admin registers an endpoint, sees its secret once, watches a delivery, redelivers it and disables it", async ({
  page,
}) => {
  const merchant = makeWallet().publicKey;
  await signIn(page, "/explorer/actions");
  await page.getByRole("link", { name: "Webhooks", exact: true }).click();
  await page.waitForURL("**/explorer/webhooks");
  await expect(page.getByRole("heading", { name: "Webhooks", level: 1 })).toBeVisible();
  // Other specs on this shared e2e node may have registered endpoints of their own: the page shows either its
  // empty state or their list, and never this merchant's endpoint before it is registered.
  await expect(
    page.getByText("No endpoints yet.", { exact: false }).or(page.getByTestId("webhook-endpoints")),
  ).toBeVisible();
  await expect(page.getByText(merchant.slice(0, 8))).toHaveCount(0);
  await expectAccessible(page);
  await shoot(page, "webhooks-empty-en");

  // Inline errors, before anything is sent.
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByText("An account key is 64 characters of 0–9 and a–f.")).toBeVisible();
  await expect(page.getByText("Enter a URL that starts with http:// or https://.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Account key" })).toHaveAttribute("aria-invalid", "true");
  // The node's own refusal, beside its field: a weak key.
  await page.getByRole("textbox", { name: "Account key" }).fill(`01${"00".repeat(31)}`);
  await page.getByLabel("Endpoint URL").fill(receiverUrl);
  await page.getByRole("button", { name: "Register" }).click();
  await expect(page.getByText("is a weak key (a point of small order) that anyone could sign for")).toBeVisible();

  await page.getByRole("textbox", { name: "Account key" }).fill(merchant);
  await page.getByRole("button", { name: "Register" }).click();
  const secretPanel = page.getByTestId("webhook-secret");
  await expect(secretPanel).toBeVisible();
  await expect(secretPanel.getByText("You will not see this secret again.", { exact: false })).toBeVisible();
  const secret = (await secretPanel.getByTestId("webhook-secret-value").textContent()) ?? "";
  expect(secret).toMatch(/^whsec_[A-Za-z0-9+/]{43}=$/);
  await expect(secretPanel.getByRole("button", { name: "Copy the signing secret" })).toBeVisible();
  const endpoints = page.getByTestId("webhook-endpoints");
  await expect(endpoints.getByText(receiverUrl)).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "webhooks-secret-en");

  // Once stored, it is gone for good: not on the page, not after a reload, not in the list's answer.
  await secretPanel.getByRole("button", { name: "I have stored it" }).click();
  await expect(secretPanel).toBeHidden();
  await page.reload();
  expect(await page.content()).not.toContain(secret.slice("whsec_".length));
  const list = await (await page.request.get("/api/admin/webhooks")).text();
  expect(list).not.toContain(secret.slice("whsec_".length));

  // A payment to the merchant is delivered, signed per Standard Webhooks with that secret.
  const receipt = await pay(page.request, merchant);
  await expect.poll(() => received.length, { timeout: 30_000 }).toBe(1);
  const first = received[0]!;
  expect(first.headers["webhook-id"]).toBe(receipt.txId);
  const verified = new Webhook(secret).verify(first.body, {
    "webhook-id": String(first.headers["webhook-id"]),
    "webhook-timestamp": String(first.headers["webhook-timestamp"]),
    "webhook-signature": String(first.headers["webhook-signature"]),
  }) as { type: string; data: { txId: string; account: string; direction: string } };
  expect(verified).toMatchObject({
    type: "payment.sealed",
    data: { txId: receipt.txId, account: merchant, direction: "in" },
  });

  await page.getByRole("link", { name: `Deliveries to ${receiverUrl}` }).click();
  await page.waitForURL("**/explorer/webhooks/ep_*");
  const deliveries = page.getByTestId("webhook-deliveries");
  await expect(async () => {
    await page.reload();
    await expect(deliveries.getByTestId("delivery-status")).toHaveText("Delivered", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(deliveries.getByRole("link", { name: new RegExp(receipt.txId.slice(0, 8)) })).toHaveAttribute(
    "href",
    `/explorer/transactions/${receipt.txId}`,
  );
  await expect(deliveries.getByText("HTTP 204")).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "webhooks-deliveries-en");

  // Redelivered by hand: the same event again, same webhook-id, and delivered once more.
  await page.getByRole("button", { name: `Redeliver transaction ${receipt.txId}` }).click();
  await expect(page.getByText("Due again now.")).toBeVisible();
  await expect.poll(() => received.length, { timeout: 30_000 }).toBe(2);
  expect(received[1]!.headers["webhook-id"]).toBe(receipt.txId);
  await expect(async () => {
    await page.reload();
    await expect(deliveries.getByTestId("delivery-status")).toHaveText("Delivered", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });

  // Disabled after a confirmation; Cancel takes the question back first.
  await page.getByRole("link", { name: "← All endpoints" }).click();
  await page.waitForURL("**/explorer/webhooks");
  const disable = page.getByRole("button", { name: `Disable the endpoint ${receiverUrl}` });
  await disable.click();
  await expect(page.getByText("Disable this endpoint?", { exact: false })).toBeVisible();
  await expect(page.getByRole("button", { name: "Yes, disable it" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(disable).toBeFocused();
  await disable.click();
  await page.getByRole("button", { name: "Yes, disable it" }).click();
  await expect(endpoints.getByTestId("endpoint-disabled")).toHaveText(/^Disabled \w{3} \d+, \d{4}/);
  await expect(disable).toBeHidden();
  await expectAccessible(page);

  // A disabled endpoint gets no new deliveries.
  await pay(page.request, merchant);
  await page.waitForTimeout(2000);
  expect(received).toHaveLength(2);

  // The account page links to its endpoints.
  await page.goto(`/explorer/accounts/${merchant}`);
  await page.getByRole("link", { name: "Webhook endpoints of this account" }).click();
  await page.waitForURL(`**/explorer/webhooks?account=${merchant}`);
  await expect(page.getByText("Showing the endpoints of one account.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Account key" })).toHaveValue(merchant);
});

test("the webhooks pages read in Korean", async ({ page, context, baseURL }) => {
  // Signed in first, in English (the sign-in page's own Korean is another spec's); then the page in Korean.
  await signIn(page, "/explorer/webhooks");
  await context.addCookies([{ name: "NEXT_LOCALE", value: "ko", url: baseURL! }]);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByRole("heading", { name: "웹훅", level: 1 })).toBeVisible();
  await page.getByRole("button", { name: "등록" }).click();
  await expect(page.getByText("계정 키는 0–9와 a–f로 이루어진 64자예요.")).toBeVisible();
  const account = makeWallet().publicKey;
  await page.getByRole("textbox", { name: "계정 키" }).fill(account);
  await page.getByLabel("엔드포인트 URL").fill(`${receiverUrl}/ko`);
  await page.getByRole("button", { name: "등록" }).click();
  await expect(page.getByText("이 비밀 키는 다시 볼 수 없어요.", { exact: false })).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "webhooks-secret-ko");
  await page.reload();
  await expectAccessible(page);
  await shoot(page, "webhooks-list-ko");
  await page.getByRole("link", { name: `${receiverUrl}/ko(으)로 보낸 전송 내역` }).click();
  await expect(page.getByText("아직 전송 내역이 없어요.", { exact: false })).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "webhooks-deliveries-empty-ko");

  await pay(page.request, account);
  const deliveries = page.getByTestId("webhook-deliveries");
  await expect(async () => {
    await page.reload();
    await expect(deliveries.getByTestId("delivery-status")).toHaveText("전송됨", { timeout: 1000 });
  }).toPass({ timeout: 20_000 });
  await expect(deliveries.getByRole("button", { name: /다시 보내기$/ })).toBeVisible();
  await expectAccessible(page);
  await shoot(page, "webhooks-deliveries-ko");
});
