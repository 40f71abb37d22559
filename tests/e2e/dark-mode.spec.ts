// Dark mode (issue 12): with the device set to dark, every page is painted dark and axe finds nothing serious,
// colour contrast included (expectAccessible runs axe's full rule set), at a desktop's width and a phone's. The
// light theme is the browser's default, in which pages.spec.ts (and the log's and webhooks' own specs) run axe on
// every page at both widths. The theme toggle switches to Light and back, is remembered after a reload, and
// System follows the device.
import { expect, test, type Page } from "@playwright/test";
import { createWallet, expectAccessible, getTestFunds } from "./support";
import {
  backdropLuminanceOverWhite,
  backgroundLuminance,
  expectPainted,
  seedPayment,
  signIn,
  themeShot,
  type Seeded,
} from "./support/theme-support";

let seeded: Seeded;

test.beforeAll(async ({ request }) => {
  seeded = await seedPayment(request);
});

type PageVisit = { name: string; isAdminOnly: boolean; prepare?: (page: Page) => Promise<void>; path: () => string };

const pages: PageVisit[] = [
  {
    name: "wallet",
    isAdminOnly: false,
    prepare: async (page) => {
      await createWallet(page);
      await getTestFunds(page, "$100.00");
    },
    path: () => "/",
  },
  { name: "receipt", isAdminOnly: false, path: () => `/receipts/${seeded.receipt.txId}` },
  { name: "sign-in", isAdminOnly: false, path: () => "/admin/login" },
  { name: "explorer", isAdminOnly: true, path: () => "/explorer" },
  { name: "block", isAdminOnly: true, path: () => `/explorer/blocks/${seeded.receipt.block.header.height}` },
  { name: "transaction", isAdminOnly: true, path: () => `/explorer/transactions/${seeded.receipt.txId}` },
  { name: "account", isAdminOnly: true, path: () => `/explorer/accounts/${seeded.payeeKey}` },
  { name: "log", isAdminOnly: true, path: () => "/explorer/log" },
  { name: "actions", isAdminOnly: true, path: () => "/explorer/actions" },
  { name: "audit", isAdminOnly: true, path: () => "/explorer/audit" },
  { name: "webhooks", isAdminOnly: true, path: () => "/explorer/webhooks" },
  { name: "webhook-endpoint", isAdminOnly: true, path: () => `/explorer/webhooks/${seeded.webhookId}` },
  { name: "not-found", isAdminOnly: false, path: () => "/no-such-page" },
  { name: "explorer-not-found", isAdminOnly: true, path: () => "/explorer/blocks/999999999" },
];

test.describe("with the device in dark mode", () => {
  test.use({ colorScheme: "dark" });

  for (const { name, isAdminOnly, prepare, path } of pages) {
    test(`${name} is dark and axe finds nothing serious, at 1280 and 390 px`, async ({ page }) => {
      const errors: string[] = [];
      page.on("pageerror", (error) => errors.push(error.message));
      if (isAdminOnly) await signIn(page);
      await prepare?.(page);
      for (const widthPx of [1280, 390]) {
        await page.setViewportSize({ width: widthPx, height: 844 });
        await page.goto(path());
        await expect(page.getByRole("heading", { level: 1 }).first()).toBeVisible();
        await expectPainted(page, "dark");
        await themeShot(page, `${name}-dark-${widthPx}`);
        await expectAccessible(page);
      }
      expect(errors).toEqual([]);
    });
  }
});

test.describe("the theme toggle", () => {
  test.use({ colorScheme: "dark" });

  const theme = (page: Page) => page.getByRole("group", { name: "Theme" }).first();

  test("switches to Light and back to System, remembered after a reload; System follows the device", async ({
    page,
  }) => {
    await page.goto("/");
    await expect(theme(page).getByRole("radio", { name: "System" })).toBeChecked();
    await expectPainted(page, "dark");

    await theme(page).getByRole("radio", { name: "Light" }).check();
    await expectPainted(page, "light");
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await expect(page.locator('meta[name="theme-color"]').first()).toHaveAttribute("content", "#f8fafc");
    await expectAccessible(page);
    await page.reload();
    // The server rendered the choice: the first paint is already light, with no script to run first.
    await expect(page.locator("html")).toHaveAttribute("data-theme", "light");
    await expect(theme(page).getByRole("radio", { name: "Light" })).toBeChecked();
    await expectPainted(page, "light");

    await theme(page).getByRole("radio", { name: "System" }).check();
    await expectPainted(page, "dark");
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
    await page.reload();
    await expect(theme(page).getByRole("radio", { name: "System" })).toBeChecked();
    await expectPainted(page, "dark");
    // System follows the device as it changes, with no reload.
    await page.emulateMedia({ colorScheme: "light" });
    await expectPainted(page, "light");
    await page.emulateMedia({ colorScheme: "dark" });
    await expectPainted(page, "dark");
  });

  test("Dark holds on a light device, and the toggle works from the keyboard", async ({ page }) => {
    await page.emulateMedia({ colorScheme: "light" });
    await page.goto("/");
    await expectPainted(page, "light");
    const system = theme(page).getByRole("radio", { name: "System" });
    await system.focus();
    // A radio group: the arrow keys move the choice, System → Light → Dark.
    await page.keyboard.press("ArrowRight");
    await expect(theme(page).getByRole("radio", { name: "Light" })).toBeChecked();
    await page.keyboard.press("ArrowRight");
    const dark = theme(page).getByRole("radio", { name: "Dark" });
    await expect(dark).toBeChecked();
    await expect(dark).toBeFocused();
    await expectPainted(page, "dark");
    const cookies = await page.context().cookies();
    expect(cookies.find((cookie) => cookie.name === "theme")).toMatchObject({
      value: "dark",
      path: "/",
      sameSite: "Lax",
    });
    await page.reload();
    await expectPainted(page, "dark");
    await expect(page.locator('meta[name="theme-color"]').first()).toHaveAttribute("content", "#020618");
    await expectAccessible(page);
  });

  test("a cookie with a value it does not know is System", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "theme", value: "purple", url: baseURL ?? "" }]);
    await page.goto("/");
    await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
    await expect(theme(page).getByRole("radio", { name: "System" })).toBeChecked();
    await expectPainted(page, "dark");
  });

  test("the toggle speaks the page's language", async ({ page, context, baseURL }) => {
    await context.addCookies([{ name: "NEXT_LOCALE", value: "ko", url: baseURL ?? "" }]);
    await page.setViewportSize({ width: 390, height: 844 });
    await page.goto("/");
    const group = page.getByRole("group", { name: "화면 테마" });
    await expect(group.getByRole("radio", { name: "시스템 설정" })).toBeChecked();
    await group.getByRole("radio", { name: "어둡게" }).check();
    await expectPainted(page, "dark");
    await expect(group.getByRole("radio", { name: "어둡게" })).toBeChecked();
    await expectAccessible(page);
    await themeShot(page, "wallet-ko-dark-390");
  });

  test("a QR code stays dark on light in the dark theme, so it still scans", async ({ page }) => {
    // Making a wallet shows its full key and the key's QR code (readOwnKey opens them).
    await createWallet(page);
    const qr = page.getByRole("img", { name: /QR/ }).first();
    await expect(qr).toBeVisible();
    await expect(qr.locator("rect")).toHaveAttribute("fill", "#fff");
    await expect(qr.locator("path")).toHaveAttribute("fill", "#0f172a");
    await expectPainted(page, "dark");
    await themeShot(page, "wallet-qr-dark-1280");
  });

  test("a modal dialog is a dark card over a page dimmed darker, in either theme", async ({ browser }) => {
    for (const scheme of ["dark", "light"] as const) {
      // A fresh browser each time: the backup dialog opens as the first wallet is made.
      const context = await browser.newContext({ colorScheme: scheme });
      const page = await context.newPage();
      await page.goto("/");
      await page.getByRole("button", { name: "Create a wallet" }).click();
      const dialog = page.getByRole("dialog", { name: "Back up your new wallet" });
      await expect(dialog).toBeVisible();
      const surface = await backgroundLuminance(page, "dialog[open]");
      if (scheme === "dark") expect(surface, "the dialog is a dark card").toBeLessThan(0.05);
      else expect(surface, "the dialog is a white card").toBeGreaterThan(0.95);
      // Dimmed, never lightened: the wash over the page is dark in both themes.
      expect(await backdropLuminanceOverWhite(page)).toBeLessThan(0.3);
      await expectAccessible(page);
      await themeShot(page, `backup-dialog-${scheme}-1280`);
      await dialog.getByRole("button", { name: "Skip: I accept the risk" }).click();
      await expect(dialog).toBeHidden();
      await context.close();
    }
  });

  test("the wallet's address book, scanner and statement dialogs are dark and axe clean, at 1280 and 390 px", async ({
    page,
  }) => {
    await createWallet(page);
    await getTestFunds(page, "$100.00");
    // The address book with one contact in it, as its owner sees it.
    await page.getByRole("button", { name: "Add a contact" }).click();
    const form = page
      .getByRole("form", { name: "New contact" })
      .or(page.getByRole("dialog", { name: "Add to contacts" }));
    await form.getByLabel("Name").fill("Minji");
    await form.getByLabel("Account key").fill(seeded.payeeKey);
    await form.getByRole("button", { name: "Add contact" }).click();
    await expect(page.getByText("Minji").first()).toBeVisible();
    const dialogs = [
      { name: "scanner", open: "Scan", title: "Scan a payment code" },
      { name: "statement", open: "Download statement", title: "Download a statement" },
    ];
    for (const widthPx of [1280, 390]) {
      await page.setViewportSize({ width: widthPx, height: 844 });
      await expectPainted(page, "dark");
      await expectAccessible(page);
      await themeShot(page, `wallet-contacts-dark-${widthPx}`);
      for (const { name, open, title } of dialogs) {
        await page.getByRole("button", { name: open, exact: true }).click();
        const dialog = page.getByRole("dialog", { name: title });
        await expect(dialog).toBeVisible();
        expect(await backgroundLuminance(page, "dialog[open]"), `the ${name} dialog is dark`).toBeLessThan(0.05);
        await expectAccessible(page);
        await themeShot(page, `${name}-dialog-dark-${widthPx}`);
        await page.keyboard.press("Escape");
        await expect(dialog).toBeHidden();
      }
    }
  });
});
