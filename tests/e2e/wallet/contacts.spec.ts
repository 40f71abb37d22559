// The address book: A adds, renames and removes contacts (with inline errors and an empty state), picks one in
// the payment form, pays it and sees the name in the history; B adds A from the payment A made; a backup made
// after contacts exist brings them back, merged, in a fresh browser; a second tab sees changes live. Both
// languages, desktop and phone, axe clean, no console errors.
import { expect, test, type Browser, type BrowserContext, type Page } from "@playwright/test";
import { createWallet, expectAccessible, getTestFunds, readOwnKey, setOutputDir } from "../support";
import { collectErrors } from "./wallet-support";
import { contactShots } from "../support/contact-shots";

test.describe.configure({ mode: "serial" });

// Real Ed25519 public keys (RFC 8032 §7.1), nobody's wallet here.
const keyCarol = "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a";
const keyDana = "3d4017c3e843895a92b70aa74d1b7ebc9c982ccf2ec4968cc0cd55f12af4660c";
const passphrase = "correct horse battery staple";

let contextA: BrowserContext;
let contextB: BrowserContext;
let pageA: Page;
let pageB: Page;
let keyA: string;
let keyB: string;
let errorsA: string[];

async function openContext(browser: Browser, locale = "en-US"): Promise<[BrowserContext, Page]> {
  const context = await browser.newContext({ acceptDownloads: true, locale });
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  return [context, await context.newPage()];
}

const book = (page: Page) => page.getByRole("region", { name: /^(Contacts|연락처)$/ });

async function addContact(page: Page, name: string, key: string): Promise<void> {
  await book(page).getByRole("button", { name: "Add a contact" }).click();
  const form = book(page).getByRole("form", { name: "New contact" });
  await form.getByLabel("Name").fill(name);
  await form.getByLabel("Account key").fill(key);
  await form.getByRole("button", { name: "Add contact" }).click();
}

test.beforeAll(async ({ browser }, testInfo) => {
  setOutputDir(testInfo.project.outputDir);
  [contextA, pageA] = await openContext(browser);
  [contextB, pageB] = await openContext(browser);
  errorsA = collectErrors(pageA);
  keyA = (await createWallet(pageA)).publicKey;
  keyB = (await createWallet(pageB)).publicKey;
});

test.afterAll(async () => {
  await contextA.close();
  await contextB.close();
});

test("the address book starts empty, refuses bad contacts inline, and adds, renames and removes", async () => {
  await expect(book(pageA).getByText(/No contacts yet/)).toBeVisible();
  await expectAccessible(pageA);
  await contactShots(pageA, "book-empty");

  // Bad keys and names are caught under their field and save nothing.
  await book(pageA).getByRole("button", { name: "Add a contact" }).click();
  const form = book(pageA).getByRole("form", { name: "New contact" });
  await form.getByRole("button", { name: "Add contact" }).click();
  await expect(form.getByText("Enter the account key.")).toBeVisible();
  await expect(form.getByLabel("Account key")).toHaveAttribute("aria-invalid", "true");
  await expect(form.getByLabel("Account key")).toBeFocused();
  await form.getByLabel("Account key").fill("01" + "00".repeat(31));
  await form.getByRole("button", { name: "Add contact" }).click();
  await expect(form.getByText("This is a weak key that anyone could spend from.", { exact: false })).toBeVisible();
  await form.getByLabel("Account key").fill(keyB.slice(0, 40));
  await form.getByRole("button", { name: "Add contact" }).click();
  await expect(form.getByText("An account key is 64 characters, each 0–9 or a–f.")).toBeVisible();
  await form.getByLabel("Account key").fill(`  ${keyB.toUpperCase()}  `);
  await form.getByLabel("Name").fill("Bob\u202e");
  await form.getByRole("button", { name: "Add contact" }).click();
  await expect(form.getByText("A name cannot hold control or text-direction characters.")).toBeVisible();
  await expectAccessible(pageA);
  await contactShots(pageA, "book-errors");

  await form.getByLabel("Name").fill("  Bob  ");
  await form.getByRole("button", { name: "Add contact" }).click();
  await expect(book(pageA).getByText("Bob was added to your contacts.")).toBeVisible();
  const list = book(pageA).getByRole("list", { name: "1 contact" });
  await expect(list.getByRole("listitem")).toHaveText(/Bob.*…/);

  // A second contact may not take a name the first has, whatever its case.
  await addContact(pageA, "bob", keyCarol);
  await expect(book(pageA).getByText("Another contact already has this name.")).toBeVisible();
  await book(pageA).getByRole("form", { name: "New contact" }).getByLabel("Name").fill("Carol");
  await book(pageA).getByRole("form", { name: "New contact" }).getByRole("button", { name: "Add contact" }).click();
  await expect(book(pageA).getByRole("list", { name: "2 contacts" })).toBeVisible();

  // Rename, keyboard only: Escape cancels, Enter saves.
  await book(pageA).getByRole("button", { name: "Rename Bob" }).click();
  await expect(book(pageA).getByLabel("New name for Bob")).toBeFocused();
  await pageA.keyboard.press("Escape");
  await book(pageA).getByRole("button", { name: "Rename Bob" }).click();
  await book(pageA).getByLabel("New name for Bob").fill("Carol");
  await pageA.keyboard.press("Enter");
  await expect(book(pageA).getByText("Another contact already has this name.")).toBeVisible();
  await book(pageA).getByLabel("New name for Bob").fill("Bob Lee");
  await pageA.keyboard.press("Enter");
  await expect(book(pageA).getByText("Bob Lee", { exact: true })).toBeVisible();

  // Remove asks once more, then goes.
  await book(pageA).getByRole("button", { name: "Remove Carol" }).click();
  await expect(book(pageA).getByRole("button", { name: "Yes, remove" })).toBeFocused();
  await expectAccessible(pageA);
  await book(pageA).getByRole("button", { name: "Yes, remove" }).click();
  await expect(book(pageA).getByRole("list", { name: "1 contact" })).toBeVisible();
  await expect(book(pageA).getByText("Carol", { exact: true })).toHaveCount(0);
  await contactShots(pageA, "book");
});

test("a second tab sees the book change without a reload", async () => {
  const second = await contextA.newPage();
  await second.goto("/");
  // A whole new page load (on a machine shared with other builds): more time than one step needs.
  await expect(book(second).getByText("Bob Lee", { exact: true })).toBeVisible({ timeout: 20_000 });
  await addContact(second, "Dana", keyDana);
  await expect(book(pageA).getByText("Dana", { exact: true })).toBeVisible();
  await book(pageA).getByRole("button", { name: "Remove Dana" }).click();
  await book(pageA).getByRole("button", { name: "Yes, remove" }).click();
  await expect(book(second).getByText("Dana", { exact: true })).toHaveCount(0);
  await second.close();
});

test("the payee picker filters by name, picks with the keyboard, and the payment shows the name", async () => {
  await getTestFunds(pageA, "$100.00");
  await addContact(pageA, "Carol", keyCarol);
  const picker = pageA.getByRole("button", { name: "Contacts", exact: true });
  await picker.click();
  const filter = pageA.getByRole("combobox", { name: "Find a contact by name" });
  await expect(filter).toBeFocused();
  await expect(pageA.getByRole("listbox", { name: "Contacts" }).getByRole("option")).toHaveCount(2);
  await expectAccessible(pageA);
  await contactShots(pageA, "picker");
  await filter.fill("zz");
  await expect(pageA.getByText("No contact has that name.")).toBeVisible();
  await filter.fill("bo");
  const options = pageA.getByRole("listbox", { name: "Contacts" }).getByRole("option");
  await expect(options).toHaveCount(1);
  await expect(options.filter({ hasText: "Bob Lee" })).toHaveAttribute("aria-selected", "true");
  await pageA.keyboard.press("Enter");
  await expect(picker).toBeFocused();
  await expect(pageA.getByLabel("Pay to (account key)")).toHaveValue(keyB);
  await expect(pageA.getByText("Paying Bob Lee.")).toBeVisible();

  // Escape closes the list without picking.
  await picker.click();
  await pageA.keyboard.press("ArrowDown");
  await pageA.keyboard.press("Escape");
  await expect(pageA.getByRole("listbox")).toHaveCount(0);
  await expect(pageA.getByLabel("Pay to (account key)")).toHaveValue(keyB);

  await pageA
    .getByRole("region", { name: "Send a payment" })
    .getByLabel(/^Amount/)
    .fill("4.00");
  await pageA.getByRole("button", { name: "Pay", exact: true }).click();
  await expect(pageA.getByText("Paid", { exact: true })).toBeVisible();
  const history = pageA.getByRole("list", { name: "Payments" });
  const entry = history.getByRole("listitem").filter({ hasText: "To Bob Lee" });
  await expect(entry).toContainText("−$4.00");
  // The short key is still there beside the name.
  await expect(entry).toContainText(`${keyB.slice(0, 8)}…`);
  // A named counterparty has nothing to add.
  await expect(entry.getByRole("button", { name: /to contacts/ })).toHaveCount(0);
  await expectAccessible(pageA);
});

test("B adds A from the payment in the history, and the entry shows A's name", async () => {
  const entry = pageB.getByRole("list", { name: "Payments" }).getByRole("listitem").filter({ hasText: "+$4.00" });
  await expect(entry).toContainText(`From ${keyA.slice(0, 8)}…`);
  await entry.getByRole("button", { name: `Add ${keyA.slice(0, 8)}…${keyA.slice(-6)} to contacts` }).click();
  const dialog = pageB.getByRole("dialog", { name: "Add to contacts" });
  await expect(dialog.getByLabel("Name")).toBeVisible();
  await dialog.getByRole("button", { name: "Add contact" }).click();
  await expect(dialog.getByText("Enter a name.")).toBeVisible();
  await expectAccessible(pageB);
  await dialog.getByLabel("Name").fill("Alice");
  await dialog.getByRole("button", { name: "Add contact" }).click();
  await expect(dialog).toBeHidden();
  await expect(entry).toContainText("From Alice");
  await expect(book(pageB).getByText("Alice", { exact: true })).toBeVisible();
});

test("a backup carries the contacts, and restoring it merges them into a fresh browser's book", async ({ browser }) => {
  // A's second wallet is made now, when the book has Bob Lee and Carol: its backup carries them.
  await pageA.getByRole("button", { name: "New wallet" }).click();
  const backupDialog = pageA.getByRole("dialog", { name: "Back up your new wallet" });
  await backupDialog.getByLabel("Passphrase", { exact: true }).fill(passphrase);
  await backupDialog.getByLabel("Passphrase again").fill(passphrase);
  const downloadPromise = pageA.waitForEvent("download");
  await backupDialog.getByRole("button", { name: "Download backup file" }).click();
  const download = await downloadPromise;
  const backupPath = test.info().outputPath("backup-with-contacts.json");
  await download.saveAs(backupPath);
  await backupDialog.getByRole("button", { name: "Done" }).click();
  const secondKey = await readOwnKey(pageA);

  const [context, page] = await openContext(browser);
  const errors = collectErrors(page);
  await page.goto("/");
  // The fresh browser already knows Carol by another name, and Dana: both stay as they are.
  await page.getByRole("button", { name: "Create a wallet" }).click();
  await page.getByRole("button", { name: "Skip: I accept the risk" }).click();
  await addContact(page, "Carol K.", keyCarol);
  await addContact(page, "Dana", keyDana);
  await page.getByRole("button", { name: "Restore backup" }).click();
  const dialog = page.getByRole("dialog", { name: "Restore a wallet from a backup" });
  await dialog.getByLabel("Backup file").setInputFiles(backupPath);
  await dialog.getByLabel("Passphrase").fill(passphrase);
  await dialog.getByRole("button", { name: "Restore wallet" }).click();
  await expect(dialog).toBeHidden();
  expect(await readOwnKey(page)).toBe(secondKey);
  const list = book(page).getByRole("list", { name: "3 contacts" });
  await expect(list).toBeVisible();
  await expect(list.getByText("Bob Lee", { exact: true })).toBeVisible();
  await expect(list.getByText("Carol K.", { exact: true })).toBeVisible();
  await expect(list.getByText("Dana", { exact: true })).toBeVisible();
  await expect(list.getByText("Carol", { exact: true })).toHaveCount(0);
  expect(errors).toEqual([]);
  await context.close();
});

test("the address book and the picker in Korean", async ({ browser }) => {
  const [context, page] = await openContext(browser, "ko-KR");
  await page.goto("/");
  await page.getByRole("button", { name: /Create a wallet|지갑 만들기/ }).click();
  await page.getByRole("button", { name: /Skip: I accept the risk|건너뛰기/ }).click();
  await expect(book(page).getByText(/아직 연락처가 없어요/)).toBeVisible();
  await contactShots(page, "book-empty-ko");
  await book(page).getByRole("button", { name: "연락처 추가" }).click();
  const form = book(page).getByRole("form", { name: "새 연락처" });
  await form.getByLabel("이름").fill("김민지");
  await form.getByLabel("계정 키").fill(keyCarol);
  await form.getByRole("button", { name: "연락처 추가" }).click();
  await expect(book(page).getByText("김민지 님을 연락처에 추가했어요.")).toBeVisible();
  await expect(book(page).getByRole("list", { name: "연락처 1개" })).toBeVisible();
  await expectAccessible(page);
  await contactShots(page, "book-ko");
  await page.getByRole("button", { name: "연락처", exact: true }).click();
  await page.getByRole("combobox", { name: "이름으로 연락처 찾기" }).fill("민지");
  await expect(page.getByRole("listbox", { name: "연락처" }).getByRole("option", { name: /김민지/ })).toBeVisible();
  await expectAccessible(page);
  await contactShots(page, "picker-ko");
  await page.keyboard.press("Enter");
  await expect(page.getByText("김민지 님에게 보내요.")).toBeVisible();
  await context.close();
  expect(errorsA).toEqual([]);
});
