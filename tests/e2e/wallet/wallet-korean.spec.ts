// The wallet, its receipt and the sign-in page in Korean, on a node that keeps Korean won (KRW:0): a browser that
// asks for Korean gets Korean text, <html lang="ko"> and ₩ amounts; the language switch changes the language and
// the choice outlives a reload; every page is axe clean in both languages, and fits a 390 px phone.
import { expect, test, type Page } from "@playwright/test";
import { namedKey } from "../../unit/support/keys";
import { expectAccessible } from "../support";
import { startKrwNode, type KrwNode } from "../support/krw-node";
import { collectErrors } from "./wallet-support";
import { shootBothWidths } from "../support/shots";

test.describe.configure({ mode: "serial" });
// Each test walks several pages with axe and screenshots on a shared machine: more than the default minute.
test.setTimeout(240_000);

const shotsDir = process.env.SHOTS_DIR ?? "test-results/screenshots/i18n";
const korean = { locale: "ko-KR", extraHTTPHeaders: { "accept-language": "ko-KR,ko;q=0.9,en;q=0.5" } };

let node: KrwNode;

test.beforeAll(async () => {
  test.setTimeout(180_000);
  node = await startKrwNode("korean");
});

test.afterAll(async () => {
  await node?.stop();
});

/** The page at a desktop's and a phone's width (no sideways scrolling on the phone), saved for a person to look at. */
const shots = (page: Page, name: string) => shootBothWidths(page, shotsDir, name);

test("the wallet and a receipt in Korean, with won amounts", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: node.url, ...korean });
  const page = await context.newPage();
  const errors = collectErrors(page);

  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page).toHaveTitle("chainpay");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("chainpay 지갑");
  await expect(page.getByLabel("언어")).toHaveValue("ko");
  await page.getByRole("button", { name: "지갑 만들기" }).click();
  const dialog = page.getByRole("dialog", { name: "새 지갑 백업하기" });
  await expect(dialog).toContainText("키는 이 브라우저에만 있어요");
  await dialog.getByRole("button", { name: "건너뛰기: 위험을 감수할게요" }).click();
  await expect(dialog).toBeHidden();

  await page.getByRole("button", { name: "테스트 자금 받기 (₩10,000)" }).click();
  await expect(page.getByText("테스트 자금을 받았어요.")).toBeVisible();
  await expect(page.getByTestId("balance")).toHaveText("₩10,000");

  // The form's inline problems are Korean too, with their values in place.
  const payForm = page.getByRole("region", { name: "송금하기" });
  const recipient = payForm.getByLabel("받는 사람 (계정 키)");
  await recipient.fill("abc");
  await expect(payForm.getByText("계정 키는 64자인데, 입력한 키는 3자예요.")).toBeVisible();
  await expect(recipient).toHaveAttribute("aria-invalid", "true");
  await recipient.fill(namedKey("bob").publicKeyHex);
  const amount = payForm.getByLabel("금액 (KRW)");
  await amount.fill("12.5");
  await amount.blur();
  await expect(payForm.getByText("12처럼 정수로 입력해 주세요.")).toBeVisible();
  await amount.fill("20000");
  await expect(payForm.getByText("잔액 ₩10,000보다 많아요.")).toBeVisible();
  await amount.fill("1234");
  await payForm.getByLabel("메모 (선택)").fill("점심값");
  await expect(payForm.getByText("3/140자")).toBeVisible();
  await payForm.getByRole("button", { name: "결제", exact: true }).click();

  const paid = page.getByRole("status").filter({ hasText: "결제됐어요" });
  await expect(paid).toContainText("₩1,234");
  await expect(page.getByTestId("balance")).toHaveText("₩8,766");
  const history = page.getByRole("list", { name: "거래" });
  await expect(history).toContainText("−₩1,234");
  await expect(history).toContainText("테스트 자금 지급");
  await expect(history).toContainText("+₩10,000");
  await expectAccessible(page);
  await shots(page, "wallet-ko");

  await paid.getByRole("link", { name: "영수증 보기" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("영수증");
  await expect(page).toHaveTitle("영수증 · chainpay");
  await expect(page.getByTestId("receipt-verdict")).toContainText("✓ 검증됐어요");
  await expect(page.getByTestId("receipt-verdict")).toContainText("보낸 사람이 이 결제에 서명했어요");
  await expect(page.getByRole("heading", { level: 2, name: /에게 결제 ₩1,234$/ })).toBeVisible();
  await expect(page.getByText("리프 1개 중 0번: 거래의 리프가 곧 루트예요")).toBeVisible();
  await expectAccessible(page);
  await shots(page, "receipt-ko");

  // The same pages in English, from the cookie the switch writes: it wins over the browser's Accept-Language.
  await context.addCookies([{ name: "NEXT_LOCALE", value: "en", url: node.url }]);
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Receipt");
  await expect(page.getByTestId("receipt-verdict")).toContainText("✓ Verified");
  await expect(page.getByRole("heading", { level: 2, name: /Payment of ₩1,234 to/ })).toBeVisible();
  await expectAccessible(page);
  await shots(page, "receipt-en");
  await page.goto("/");
  await expect(page.getByTestId("balance")).toHaveText("₩8,766");
  await expect(page.getByRole("list", { name: "Payments" })).toContainText("−₩1,234");
  await expectAccessible(page);
  await shots(page, "wallet-en");

  expect(errors).toEqual([]);
  await context.close();
});

test("the sign-in page in Korean, its errors too", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: node.url, ...korean });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto("/admin/login");
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page).toHaveTitle("관리자 로그인 · chainpay");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("관리자 로그인");
  await page.getByRole("button", { name: "로그인", exact: true }).click();
  await expect(page.getByText("관리자 비밀번호를 입력해 주세요.")).toBeVisible();
  await page.getByLabel("관리자 비밀번호").fill("not the password");
  await page.getByRole("button", { name: "로그인", exact: true }).click();
  await expect(page.getByText("비밀번호가 틀렸어요. 확인한 뒤 다시 시도해 주세요.")).toBeVisible();
  await expectAccessible(page);
  await shots(page, "signin-ko");

  await page.getByLabel("언어").selectOption("en");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Admin sign-in");
  await expect(page.getByLabel("Admin password")).toBeVisible();
  // The tab's title follows: the refreshed page's <title> replaces the Korean one, which axe was seen to run
  // between (no title for a moment).
  await expect(page).toHaveTitle("Admin sign-in · chainpay");
  await expectAccessible(page);
  await shots(page, "signin-en");
  // The browser logs the refused sign-in's 401 itself; nothing else may be logged.
  expect(errors.filter((error) => !error.includes("status of 401"))).toEqual([]);
  await context.close();
});

test("the language switch changes the language and remembers it", async ({ browser }) => {
  const context = await browser.newContext({ baseURL: node.url, locale: "en-US" });
  const page = await context.newPage();
  const errors = collectErrors(page);
  await page.goto("/");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Make your wallet" })).toBeVisible();

  // A native select, named by its label: Tab reaches it and the arrow keys choose, as with any select.
  const language = page.getByLabel("Language");
  await expect(language.getByRole("option")).toHaveText(["English", "한국어"]);
  await language.selectOption("ko");
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByRole("heading", { name: "지갑 만들기" })).toBeVisible();
  await expect(page.getByLabel("언어")).toHaveValue("ko");

  const [cookie] = (await context.cookies()).filter((candidate) => candidate.name === "NEXT_LOCALE");
  expect(cookie).toMatchObject({ value: "ko", path: "/", sameSite: "Lax" });
  const yearSeconds = 365 * 24 * 60 * 60;
  expect(cookie!.expires - Date.now() / 1000).toBeGreaterThan(yearSeconds - 60);

  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "ko");
  await expect(page.getByRole("heading", { name: "지갑 만들기" })).toBeVisible();
  await expectAccessible(page);

  await page.getByLabel("언어").selectOption("en");
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  await expect(page.getByRole("heading", { name: "Make your wallet" })).toBeVisible();
  await page.reload();
  await expect(page.locator("html")).toHaveAttribute("lang", "en");
  expect(errors).toEqual([]);
  await context.close();
});
