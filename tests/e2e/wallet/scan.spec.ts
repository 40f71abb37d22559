// The scanner: a QR image of a request link fed to "Scan an image" opens the pay page with the request; the
// camera (Chromium's fake camera playing a video of the code) does the same; a code that is not a request, or a
// request from another node, says so; a refused or missing camera says so and leaves the image option. The
// decoder's WebAssembly comes from this app, never from a CDN.
import { chromium, expect, test, type Page } from "@playwright/test";
import config from "../../../playwright.config";
import { createWallet, expectAccessible } from "../support";
import { contactShots } from "../support/contact-shots";
import { qrGif, writeQrVideo } from "../support/scan-codes";
import { collectErrors } from "./wallet-support";

const payee = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";

/** Every request the page makes to another host: the scanner must make none. */
function collectForeignRequests(page: Page, origin: string): string[] {
  const foreign: string[] = [];
  page.on("request", (request) => {
    if (!request.url().startsWith(origin) && !request.url().startsWith("data:")) foreign.push(request.url());
  });
  return foreign;
}

/** The pay page (the requests engineer's) opened with the scanned request, filled in and locked to it. */
async function expectPayPage(page: Page, amount: string, memo: string): Promise<void> {
  await expect(page.getByRole("heading", { name: "Pay a request" })).toBeVisible();
  // A link made by hand carries no payee signature, and the page says so.
  await expect(page.getByText("Not signed by the payee")).toBeVisible();
  const payment = page.getByRole("region", { name: "The payment" });
  await expect(payment.getByRole("textbox", { name: "Account key" })).toHaveValue(payee);
  await expect(payment.getByRole("textbox", { name: "Amount" })).toHaveValue(amount);
  await expect(payment.getByRole("textbox", { name: "Memo" })).toHaveValue(memo);
}

async function openScanner(page: Page) {
  await page.getByRole("button", { name: /^(⌗)?\s*(Scan|스캔)$/ }).click();
  const dialog = page.getByRole("dialog", { name: /Scan a payment code|결제 코드 스캔/ });
  await expect(dialog).toBeVisible();
  return dialog;
}

test("a QR image of this node's request link opens the pay page with it", async ({ page, baseURL }) => {
  const errors = collectErrors(page);
  const foreign = collectForeignRequests(page, baseURL!);
  await createWallet(page);
  const dialog = await openScanner(page);
  // Headless Chromium has no camera: the dialog says so and offers the image.
  await expect(dialog.getByText(/camera is blocked|No camera could be used|camera could not be started/)).toBeVisible();
  await expectAccessible(page);
  await contactShots(page, "scanner-no-camera");

  // Not a request first: the dialog names it, and shows what the code held.
  await dialog.getByLabel("Scan an image").setInputFiles(qrGif("hello, world"));
  await expect(dialog.getByText("This is not a payment request")).toBeVisible();
  await expect(dialog.getByText("hello, world")).toBeVisible();
  await expectAccessible(page);
  await contactShots(page, "scanner-not-a-request");
  await dialog.getByRole("button", { name: "Scan again" }).click();

  // Another node's request: said so, opened here only when asked.
  await dialog
    .getByLabel("Scan an image")
    .setInputFiles(qrGif(`https://other.example/pay?to=${payee}&amount=3.00&memo=tea`));
  await expect(dialog.getByText("This request comes from another node")).toBeVisible();
  await expect(dialog.getByText(/made on other\.example/)).toBeVisible();
  await contactShots(page, "scanner-foreign");
  await dialog.getByRole("button", { name: "Scan again" }).click();

  const link = `${baseURL}/pay?to=${payee}&amount=2.50&memo=coffee`;
  await dialog.getByLabel("Scan an image").setInputFiles(qrGif(link));
  await page.waitForURL(`**/pay?to=${payee}&amount=2.50&memo=coffee`);
  await expectPayPage(page, "$2.50", "coffee");
  expect(foreign).toEqual([]);
  expect(errors).toEqual([]);
});

test("an image with no QR code in it says so", async ({ page }) => {
  await createWallet(page);
  const dialog = await openScanner(page);
  const blank = Buffer.from("R0lGODlhAQABAIAAAP///wAAACH5BAEAAAAALAAAAAABAAEAAAICRAEAOw==", "base64");
  await dialog.getByLabel("Scan an image").setInputFiles({ name: "blank.gif", mimeType: "image/gif", buffer: blank });
  await expect(dialog.getByText("No QR code was found in this image.", { exact: false })).toBeVisible();
  await dialog.getByLabel("Scan an image").setInputFiles({
    name: "not-an-image.gif",
    mimeType: "image/gif",
    buffer: Buffer.from("not an image"),
  });
  await expect(dialog.getByText(/could not be read as an image|No QR code was found/)).toBeVisible();
  await dialog.getByRole("button", { name: "Close" }).click();
  await expect(dialog).toBeHidden();
});

test("the scanner in Korean", async ({ browser }) => {
  const context = await browser.newContext({ locale: "ko-KR" });
  const page = await context.newPage();
  await page.goto("/");
  await page.getByRole("button", { name: /Create a wallet|지갑 만들기/ }).click();
  await page.getByRole("button", { name: /Skip: I accept the risk|건너뛰기/ }).click();
  const dialog = await openScanner(page);
  await expect(
    dialog.getByText(/카메라가 차단되어|사용할 수 있는 카메라가 없어요|카메라를 켜지 못했어요/),
  ).toBeVisible();
  await expect(dialog.getByLabel("이미지 스캔")).toBeVisible();
  await expectAccessible(page);
  await contactShots(page, "scanner-ko");
  await context.close();
});

test("the camera reads a request's QR code and opens the pay page with it", async ({ baseURL }, testInfo) => {
  const link = `${baseURL}/pay?to=${payee}&amount=1.25&memo=bus`;
  const video = testInfo.outputPath("request.y4m");
  writeQrVideo(video, link);
  const launch = config.use?.launchOptions ?? {};
  const browser = await chromium.launch({
    ...launch,
    args: [...(launch.args ?? []), "--use-fake-device-for-media-stream", `--use-file-for-fake-video-capture=${video}`],
  });
  try {
    const context = await browser.newContext({ baseURL });
    await context.grantPermissions(["camera"], { origin: baseURL });
    const page = await context.newPage();
    const errors = collectErrors(page);
    await createWallet(page);
    const dialog = await openScanner(page);
    await expect(dialog.getByRole("button", { name: "Close" })).toBeVisible();
    await page.waitForURL(`**/pay?to=${payee}&amount=1.25&memo=bus`, { timeout: 20_000 });
    await expectPayPage(page, "$1.25", "bus");
    expect(errors).toEqual([]);
  } finally {
    await browser.close();
  }
});

test("the camera view while it looks for a code, in both languages", async ({ baseURL }) => {
  // A browser of its own with a fake camera, opened in two languages: 33 s beside two other specs, and more than
  // the default 60 s in two full runs on one loaded machine.
  test.setTimeout(120_000);
  // Chromium's own fake camera (a moving test pattern, no code in it): the scanner keeps looking.
  const launch = config.use?.launchOptions ?? {};
  const browser = await chromium.launch({
    ...launch,
    args: [...(launch.args ?? []), "--use-fake-device-for-media-stream"],
  });
  try {
    for (const locale of ["en-US", "ko-KR"]) {
      const context = await browser.newContext({ baseURL, locale });
      await context.grantPermissions(["camera"], { origin: baseURL });
      const page = await context.newPage();
      const errors = collectErrors(page);
      await page.goto("/");
      await page.getByRole("button", { name: /Create a wallet|지갑 만들기/ }).click();
      await page.getByRole("button", { name: /Skip: I accept the risk|건너뛰기|위험/ }).click();
      const dialog = await openScanner(page);
      await expect(
        dialog.getByText(/Hold the QR code inside the frame\.|QR 코드를 테두리 안에 맞춰 주세요\./),
      ).toBeVisible({
        timeout: 20_000,
      });
      await expect(dialog.getByRole("application").or(dialog.locator("video"))).toBeVisible();
      await expectAccessible(page);
      await contactShots(page, `scanner-camera-${locale.slice(0, 2)}`);
      // Closing the dialog stops the camera: no track is left live.
      await dialog.getByRole("button", { name: /^(Close|닫기)$/ }).click();
      await expect
        .poll(() =>
          page.evaluate(() => {
            const video = document.querySelector("video");
            const stream = video?.srcObject as MediaStream | null | undefined;
            return stream?.getTracks().some((track) => track.readyState === "live") ?? false;
          }),
        )
        .toBe(false);
      expect(errors).toEqual([]);
      await context.close();
    }
  } finally {
    await browser.close();
  }
});
