// The main flow as steps a person takes, finding every element by the text the message catalogues give
// it, so that the same flow runs in any locale, theme and viewport: B (the payee) makes a request; A (the payer)
// opens its link, makes a wallet there if need be, and pays; B's request page turns "Paid" without a reload, with
// the receipt verified in B's browser. `inspect` is called at every screen worth checking (axe, screenshots).
import { expect, type Page } from "@playwright/test";
import { formatAmount } from "../../../lib/wallet/format";
import type { Currency } from "../../../lib/ledger/types";
import { messagesOf, type TestLocale } from "./messages";

export type Inspect = (page: Page, name: string) => Promise<void>;

const intlLocales: Record<TestLocale, string> = { en: "en-US", ko: "ko-KR" };
/** The first screen after a navigation hydrates and checks a signature: slow on a loaded machine. */
const firstScreen = { timeout: 30_000 };
const escapeRegExp = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

export async function nodeCurrency(page: Page): Promise<Currency> {
  const body = (await (await page.request.get("/api/node")).json()) as { currency: Currency };
  return body.currency;
}

/** Money as the app shows it in `locale`. */
export function shownAmount(locale: TestLocale, amountMinor: bigint | string, currency: Currency): string {
  return formatAmount(amountMinor, currency, { locale: intlLocales[locale] });
}

/** Makes a wallet from the page it is on (the wallet's welcome card, or the pay page), skipping the backup. */
export async function createWalletHere(page: Page, locale: TestLocale, createLabel: string): Promise<void> {
  const t = messagesOf(locale);
  await page.getByRole("button", { name: createLabel }).click();
  const backup = page.getByRole("dialog", { name: t("wallet.backup.title") });
  await expect(backup).toBeVisible();
  await backup.getByRole("button", { name: t("wallet.backup.skip") }).click();
  await expect(backup).toBeHidden();
}

export async function getTestFundsHere(page: Page, locale: TestLocale): Promise<void> {
  const t = messagesOf(locale);
  // The button names the faucet's amount: found by the text before it.
  const label = t("wallet.account.getFunds", { amount: "\u0000" }).split("\u0000")[0]!.replace(/\($/, "").trim();
  await page.getByRole("button", { name: new RegExp(`^${escapeRegExp(label)}`) }).click();
  await expect(page.getByText(t("walletErrors.faucet.received"))).toBeVisible(firstScreen);
}

/** B, in the wallet with an account: makes a request; answers its link and the request page's path. */
export async function makeRequest(
  payee: Page,
  locale: TestLocale,
  input: { amount: string; memo: string; currency: Currency },
  inspect: Inspect,
): Promise<{ link: string }> {
  const t = messagesOf(locale);
  await payee.getByRole("button", { name: t("requests.panel.requestButton") }).click();
  const dialog = payee.getByRole("dialog", { name: t("requests.dialog.title") });
  await expect(dialog).toBeVisible();
  await dialog.getByLabel(t("requests.dialog.amount", { code: input.currency.code })).fill(input.amount);
  await dialog.getByLabel(t("requests.dialog.memo")).fill(input.memo);
  await inspect(payee, "request-dialog");
  await dialog.getByRole("button", { name: t("requests.dialog.submit") }).click();
  const made = payee.getByRole("dialog", { name: t("requests.dialog.madeTitle") });
  await expect(made.getByRole("img", { name: t("requests.share.qrLabel") })).toBeVisible();
  const link = (await made.getByTestId("request-link").textContent()) ?? "";
  expect(link).toContain("/pay?to=");
  expect(link).toContain("&sig=");
  await inspect(payee, "request-made");
  await made.getByRole("link", { name: t("requests.share.openPage") }).click();
  await expect(payee.getByRole("heading", { name: t("requests.status.waiting") })).toBeVisible(firstScreen);
  await inspect(payee, "request-waiting");
  return { link };
}

/** A, without a wallet: opens the link, is told so, makes one there, gets test funds in the wallet, comes back. */
export async function openLinkWithoutWallet(payer: Page, locale: TestLocale, link: string, inspect: Inspect) {
  const t = messagesOf(locale);
  await payer.goto(link);
  await expect(payer.getByRole("heading", { name: t("requests.pay.noWalletTitle") })).toBeVisible(firstScreen);
  await inspect(payer, "pay-no-wallet");
  await createWalletHere(payer, locale, t("requests.pay.createWallet"));
  // The request stayed: the locked form is there at once.
  await expect(payer.getByRole("button", { name: t("requests.pay.confirm") })).toBeVisible(firstScreen);
  await payer.goto("/");
  await getTestFundsHere(payer, locale);
}

/** A pays the request its link carries; the form is locked to it. */
export async function payRequest(
  payer: Page,
  locale: TestLocale,
  input: { link: string; payeeKey: string; shownAmount: string; memo: string },
  inspect: Inspect,
): Promise<void> {
  const t = messagesOf(locale);
  await payer.goto(input.link);
  const amount = payer.getByLabel(t("requests.pay.amount"), { exact: true });
  await expect(amount).toHaveValue(input.shownAmount, firstScreen);
  await expect(amount).not.toBeEditable();
  const payeeKey = payer.getByLabel(t("requests.pay.payeeKey"));
  await expect(payeeKey).toHaveValue(input.payeeKey);
  await expect(payeeKey).not.toBeEditable();
  const memo = payer.getByLabel(t("requests.pay.memo"), { exact: true });
  await expect(memo).toHaveValue(input.memo);
  await expect(memo).not.toBeEditable();
  await expect(payer.getByText(t("requests.link.signed"))).toBeVisible();
  await inspect(payer, "pay-good-link");
  await payer.getByRole("button", { name: t("requests.pay.confirm") }).click();
  await expect(payer.getByText(t("wallet.paymentStatus.paid"), { exact: true })).toBeVisible(firstScreen);
  await inspect(payer, "pay-paid");
}

/** B's request page, never reloaded since the request was made, turns to paid with the receipt verified. */
export async function expectRequestPaid(payee: Page, locale: TestLocale, inspect: Inspect): Promise<void> {
  const t = messagesOf(locale);
  await expect(payee.getByRole("heading", { name: t("requests.status.paid") })).toBeVisible(firstScreen);
  await expect(payee.getByText(t("requests.page.verified"))).toBeVisible();
  await expect(payee.getByRole("link", { name: t("requests.page.viewReceipt") })).toBeVisible();
  await inspect(payee, "request-paid");
  // A payer this browser does not know yet: B names them, and the page shows the name from then on.
  await payee.getByRole("button", { name: t("requests.contact.add") }).click();
  await payee.getByLabel(t("requests.contact.name")).fill(payerName);
  await payee.getByRole("button", { name: t("requests.contact.save") }).click();
  await expect(payee.getByTestId("payer-name")).toHaveText(payerName);
}

/** The name B gives the payer in the address book. */
export const payerName = "Alice 앨리스";

/** The link with its amount changed (the signature kept) is refused as tampered, with no form at all. */
export async function expectTamperedRefused(
  payer: Page,
  locale: TestLocale,
  input: { link: string; amount: string },
  inspect: Inspect,
): Promise<void> {
  const t = messagesOf(locale);
  const tampered = new URL(input.link);
  tampered.searchParams.set("amount", input.amount);
  await payer.goto(tampered.toString());
  await expect(payer.getByText(t("requests.link.tampered"))).toBeVisible(firstScreen);
  await expect(payer.getByRole("button", { name: t("requests.pay.confirm") })).toHaveCount(0);
  await inspect(payer, "pay-tampered-link");
}

/** The whole flow in `locale`, from two fresh browser contexts' pages. */
export async function runRequestFlow(input: {
  payer: Page;
  payee: Page;
  locale: TestLocale;
  amount: string;
  memo: string;
  inspect: Inspect;
}): Promise<{ link: string; payeeKey: string }> {
  const { payer, payee, locale, inspect } = input;
  const t = messagesOf(locale);
  const currency = await nodeCurrency(payee);
  await payee.goto("/");
  await createWalletHere(payee, locale, t("wallet.welcome.create"));
  const { link } = await makeRequest(payee, locale, { amount: input.amount, memo: input.memo, currency }, inspect);
  const payeeKey = new URL(link).searchParams.get("to") ?? "";
  await openLinkWithoutWallet(payer, locale, link, inspect);
  await payRequest(
    payer,
    locale,
    { link, payeeKey, shownAmount: shownAmountOfMajor(locale, input.amount, currency), memo: input.memo },
    inspect,
  );
  await expectRequestPaid(payee, locale, inspect);
  await expectTamperedRefused(payer, locale, { link, amount: "1" }, inspect);
  return { link, payeeKey };
}

/** The major-units text a person typed ("12.5") shown as money in `locale`. */
function shownAmountOfMajor(locale: TestLocale, major: string, currency: Currency): string {
  const [whole = "0", fraction = ""] = major.split(".");
  const minor = BigInt(whole + fraction.padEnd(currency.decimals, "0"));
  return shownAmount(locale, minor, currency);
}

/** The ledger agrees: the payee's account holds exactly `amountMinor`, received once, with the request's memo. */
export async function expectPayeeReceived(payee: Page, payeeKey: string, amountMinor: string, memo: string) {
  const account = (await (await payee.request.get(`/api/accounts/${payeeKey}`)).json()) as {
    balance: string;
    transactions: { tx: { amount: string; memo?: string } }[];
  };
  expect(account.balance).toBe(amountMinor);
  expect(account.transactions.map(({ tx }) => [tx.amount, tx.memo])).toEqual([[amountMinor, memo]]);
}
