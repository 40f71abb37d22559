// The installable wallet offline, and the holder's statement. A pays B online; then, with the browser offline and
// the page reloaded (the service worker's copy), the wallet opens, shows the last balance and history marked as
// last seen, verifies a kept receipt with the network off, and says Pay needs the node; back online it refreshes
// by itself (a payment B made meanwhile shows up). Then the statement: both files, the CSV's rows, and the JSON
// checked by `npm run verify -- --file`. The same offline wallet in Korean. Axe clean; screenshots of each.
import { execFile } from "node:child_process";
import { mkdir, readFile } from "node:fs/promises";
import { promisify } from "node:util";
import { expect, test, type BrowserContext, type Page } from "@playwright/test";
import { unreachableRetryMs } from "@/lib/wallet/offline/last-seen";
import { createWallet, expectAccessible, getTestFunds } from "../support";
import { collectErrors } from "./wallet-support";
import { shot } from "../support/shots";

test.describe.configure({ mode: "serial" });

const shotsDir = "test-results/screenshots/offline";
const trickyMemo = "=SUM(A1) lunch";
let contextA: BrowserContext;
let contextB: BrowserContext;
let pageA: Page;
let pageB: Page;
let keyA: string;
let keyB: string;
let errorsA: string[];

/** Desktop and phone screenshots, and at 390 px no sideways scrolling. */
async function shots(page: Page, name: string, options: { isDialog?: boolean } = {}): Promise<void> {
  // A modal dialog's backdrop covers the viewport only: a dialog is shot as the screen shows it.
  const fullPage = options.isDialog !== true;
  await mkdir(shotsDir, { recursive: true });
  await page.setViewportSize({ width: 1280, height: 900 });
  await shot(page, { path: `${shotsDir}/${name}-desktop.png`, fullPage });
  await page.setViewportSize({ width: 390, height: 844 });
  expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(390);
  await shot(page, { path: `${shotsDir}/${name}-390.png`, fullPage });
  await page.setViewportSize({ width: 1280, height: 900 });
}

/**
 * Fills the payment form, found inside its own panel: the requests panel beside it has an amount field too.
 * The panel's name is the English one; Korean pages are not paid from here.
 */
async function fillPayment(page: Page, input: { to: string; amount: string; memo?: string }): Promise<void> {
  const form = page.getByRole("region", { name: "Send a payment" });
  await form.getByLabel("Pay to (account key)").fill(input.to);
  await form.getByLabel(/^Amount/).fill(input.amount);
  if (input.memo !== undefined) await form.getByLabel("Memo (optional)").fill(input.memo);
}

/** Offline, the only errors are the requests the network refused (the node's API and event stream). */
function unexpectedErrors(errors: readonly string[]): string[] {
  return errors.filter((error) => !/ERR_INTERNET_DISCONNECTED|Failed to load resource|Failed to fetch/.test(error));
}

test.beforeAll(async ({ browser }) => {
  contextA = await browser.newContext({ acceptDownloads: true, serviceWorkers: "allow" });
  contextB = await browser.newContext();
  pageA = await contextA.newPage();
  pageB = await contextB.newPage();
  errorsA = collectErrors(pageA);
});

test.afterAll(async () => {
  await contextA.close();
  await contextB.close();
});

test("online: A gets funds and pays B; the service worker is installed and the manifest is the wallet's", async ({
  request,
}) => {
  keyA = (await createWallet(pageA)).publicKey;
  keyB = (await createWallet(pageB)).publicKey;
  await getTestFunds(pageA, "$100.00");
  await fillPayment(pageA, { to: keyB, amount: "12.34", memo: trickyMemo });
  await pageA.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(pageA.getByText("Paid", { exact: true })).toBeVisible();
  await expect(pageA.getByTestId("balance")).toHaveText("$87.66");

  await pageA.evaluate(async () => {
    await navigator.serviceWorker.ready;
  });
  // Under the worker's control now, the page is fetched through it once, and kept.
  await pageA.reload();
  await expect(pageA.getByTestId("balance")).toHaveText("$87.66");
  expect(await pageA.evaluate(() => navigator.serviceWorker.controller !== null)).toBe(true);

  const manifest = (await (await request.get("/manifest.webmanifest")).json()) as Record<string, unknown>;
  expect(manifest).toMatchObject({ start_url: "/", display: "standalone", short_name: "chainpay" });
  const icons = manifest.icons as { src: string; purpose: string }[];
  expect(icons.map((icon) => icon.purpose)).toEqual(["any", "any", "maskable"]);
  for (const icon of icons) expect((await request.get(icon.src)).headers()["content-type"]).toBe("image/png");
  const policy = (await request.get("/")).headers()["content-security-policy"] ?? "";
  expect(policy).toContain("worker-src 'self'");
  expect(policy).toContain("manifest-src 'self'");
});

test("offline: the wallet opens from the service worker with the last balance, verifies a kept receipt, and Pay needs the node", async () => {
  await contextA.setOffline(true);
  const response = await pageA.reload();
  expect(response?.fromServiceWorker()).toBe(true);
  await expect(pageA.getByText(/^Offline — as of /)).toBeVisible();
  await expect(pageA.getByTestId("balance")).toHaveText("$87.66");
  const history = pageA.getByRole("list", { name: "Payments" });
  await expect(history.getByText(trickyMemo)).toBeVisible();

  const pay = pageA.getByRole("button", { name: "Pay", exact: true });
  await expect(pay).toBeDisabled();
  await expect(pay).toHaveAccessibleDescription(/Payments need the node, and you are offline/);
  await expect(pageA.getByRole("button", { name: "Download statement" })).toBeDisabled();

  // The payment's receipt, kept when the node answered it (the faucet's is kept too, once witnessed).
  const kept = pageA.getByTestId("kept-receipt").filter({ hasText: "$12.34" });
  await expect(kept).toHaveCount(1);
  await kept.getByRole("button", { name: "Verify offline ($12.34)" }).click();
  await expect(kept.getByText("✓ Verified offline")).toBeVisible();
  await expectAccessible(pageA);
  await shots(pageA, "wallet-offline-en");
  // Dark mode follows the system's preference: the offline wallet stays readable (axe's contrast check) there too.
  await pageA.emulateMedia({ colorScheme: "dark" });
  await expectAccessible(pageA);
  await shots(pageA, "wallet-offline-en-dark");
  await pageA.emulateMedia({ colorScheme: "light" });
  expect(unexpectedErrors(errorsA)).toEqual([]);
});

test("back online, the wallet refreshes by itself: B's payment made meanwhile shows up", async () => {
  await fillPayment(pageB, { to: keyA, amount: "1", memo: "back" });
  await pageB.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(pageB.getByText("Paid", { exact: true })).toBeVisible();
  await expect(pageA.getByTestId("balance")).toHaveText("$87.66");

  await contextA.setOffline(false);
  // Back online, the wallet asks the node at once when the browser fires its online event. Debian's Chromium 150
  // fires none here: the page reloaded under the emulated offline network reads navigator.onLine as true (seen
  // 2026-12-03), so the wallet sees only a node it cannot reach, and asks again every unreachableRetryMs.
  await expect(pageA.getByText(/^Offline — as of /)).toBeHidden({ timeout: unreachableRetryMs + 5_000 });
  await expect(pageA.getByTestId("balance")).toHaveText("$88.66");
  await expect(pageA.getByRole("list", { name: "Payments" }).getByText("back")).toBeVisible();
  await expect(pageA.getByRole("button", { name: "Pay", exact: true })).toBeEnabled();
});

test("the statement: both files, the CSV's rows, and the JSON verifies with npm run verify -- --file", async () => {
  await pageA.getByRole("button", { name: "Download statement" }).click();
  const dialog = pageA.getByRole("dialog", { name: "Download a statement" });
  await expect(dialog).toBeVisible();
  // From yesterday to today, in the browser's own days: every payment of this run lies in it.
  const day = (offsetDays: number) =>
    pageA.evaluate((offset) => {
      const date = new Date();
      date.setDate(date.getDate() + offset);
      const pad = (value: number) => String(value).padStart(2, "0");
      return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}`;
    }, offsetDays);
  await dialog.getByLabel("From").fill(await day(1));
  await dialog.getByLabel("To").fill(await day(0));
  await dialog.getByRole("button", { name: "Build statement" }).click();
  await expect(dialog.getByText("Choose a start day on or before the end day.")).toBeVisible();
  await dialog.getByLabel("From").fill(await day(-1));
  await dialog.getByRole("button", { name: "Build statement" }).click();
  await expect(dialog.getByText("3 payments in these days.")).toBeVisible();
  await expect(dialog.getByText("In $101.00 · out $12.34 · net $88.66")).toBeVisible();
  await expectAccessible(pageA);
  await shots(pageA, "statement-en", { isDialog: true });

  const csvDownload = pageA.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download CSV" }).click();
  const csvPath = test.info().outputPath("statement.csv");
  const csvFile = await csvDownload;
  expect(csvFile.suggestedFilename()).toBe(
    `chainpay-statement-${keyA.slice(0, 12)}-${await day(-1)}-${await day(0)}.csv`,
  );
  await csvFile.saveAs(csvPath);
  const rows = (await readFile(csvPath, "utf8")).replace(/^\uFEFF/, "").split("\r\n");
  expect(rows[0]).toBe('"time","direction","counterparty","amount","currency","memo","txId","blockHeight"');
  expect(rows).toHaveLength(5);
  expect(rows[1]).toMatch(new RegExp(`^"[^"]+Z","in","${keyB}",1\\.00,"USD","back","[0-9a-f]{64}",\\d+$`));
  expect(rows[2]).toMatch(
    new RegExp(`^"[^"]+Z","out","${keyB}",12\\.34,"USD","'=SUM\\(A1\\) lunch","[0-9a-f]{64}",\\d+$`),
  );
  expect(rows[3]).toMatch(/^"[^"]+Z","in","[0-9a-f]{64}",100\.00,"USD","faucet","[0-9a-f]{64}",\d+$/);

  const jsonDownload = pageA.waitForEvent("download");
  await dialog.getByRole("button", { name: "Download JSON" }).click();
  const jsonPath = test.info().outputPath("statement.json");
  await (await jsonDownload).saveAs(jsonPath);
  const statement = JSON.parse(await readFile(jsonPath, "utf8")) as {
    format: string;
    account: string;
    entries: unknown[];
  };
  expect(statement).toMatchObject({ format: "chainpay-statement", account: keyA });
  expect(statement.entries).toHaveLength(3);
  const { stdout } = await promisify(execFile)("npx", ["tsx", "scripts/verify.ts", "--file", jsonPath]);
  expect(stdout).toContain(`OK: statement of account ${keyA} verifies: 3 payments`);
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
  expect(unexpectedErrors(errorsA)).toEqual([]);
});

test("in Korean: the offline wallet and the statement dialog", async () => {
  await contextA.addCookies([{ name: "NEXT_LOCALE", value: "ko", url: pageA.url() }]);
  await pageA.reload();
  await expect(pageA.locator("html")).toHaveAttribute("lang", "ko");
  await pageA.getByRole("button", { name: "거래 내역서 내려받기" }).click();
  const dialog = pageA.getByRole("dialog", { name: "거래 내역서 내려받기" });
  await dialog.getByRole("button", { name: "내역서 만들기" }).click();
  await expect(dialog.getByText("이 기간의 결제는 3건이에요.")).toBeVisible();
  await expectAccessible(pageA);
  await shots(pageA, "statement-ko", { isDialog: true });
  await dialog.getByRole("button", { name: "닫기" }).click();

  await contextA.setOffline(true);
  await pageA.reload();
  await expect(pageA.getByText(/^오프라인 — .+ 기준$/)).toBeVisible();
  await expect(pageA.getByRole("button", { name: "결제", exact: true })).toBeDisabled();
  await pageA.getByRole("button", { name: "오프라인으로 검증 (US$12.34)" }).click();
  await expect(pageA.getByText("✓ 오프라인 검증 완료")).toBeVisible();
  await expectAccessible(pageA);
  await shots(pageA, "wallet-offline-ko");
  await contextA.setOffline(false);
});
