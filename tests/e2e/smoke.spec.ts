// The smoke test: the home page shows the node as the API describes it, and passes an accessibility check.
import AxeBuilder from "@axe-core/playwright";
import { expect, test } from "@playwright/test";
import { shot } from "./support/shots";

type NodeInfo = { chainId: string; head: { header: { height: number }; hash: string } };

test("the home page shows the chain id, head height and head hash", async ({ page, request }) => {
  // Seed a block so that the head is not genesis (to RFC 8032's first test key: an account must be a curve point).
  const faucet = await request.post("/api/faucet", {
    data: { account: "d75a980182b10ab7d54bfed3c964073a0ee172f3daa62325af021a68f707511a" },
  });
  expect(faucet.status()).toBe(201);
  const node = (await (await request.get("/api/node")).json()) as NodeInfo;
  expect(node.head.header.height).toBeGreaterThanOrEqual(1);

  await page.goto("/");
  await expect(page.getByRole("heading", { name: "chainpay wallet", level: 1 })).toBeVisible();
  await expect(page.getByTestId("chain-id")).toHaveText("chainpay-e2e");
  // Other specs pay on the same node meanwhile: the page shows that head or a newer one, with the hash the API
  // gives for the height it shows.
  await expect(async () => {
    const shown = Number(await page.getByTestId("head-height").textContent());
    expect(shown).toBeGreaterThanOrEqual(node.head.header.height);
    const { block } = (await (await request.get(`/api/blocks/${shown}`)).json()) as { block: { hash: string } };
    expect(await page.getByTestId("head-hash").textContent()).toBe(block.hash);
  }).toPass();

  const accessibility = await new AxeBuilder({ page }).analyze();
  expect(
    accessibility.violations.filter((violation) => ["serious", "critical"].includes(violation.impact ?? "")),
  ).toEqual([]);

  await shot(page, { path: "test-results/screenshots/home-desktop.png", fullPage: true });
  await page.setViewportSize({ width: 390, height: 844 });
  await shot(page, { path: "test-results/screenshots/home-phone.png", fullPage: true });
});
