import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const basic = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;

/** A new http source; returns its write key from the creation dialog. */
async function createSource(page: Page, name: string): Promise<string> {
  await page.goto("/sources");
  await page.getByRole("button", { name: "New source" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(/HTTP API/).check();
  await page.getByRole("button", { name: "Create source" }).click();
  const writeKey = (await page.getByRole("dialog").getByTestId("write-key").textContent())?.trim() ?? "";
  expect(writeKey).toMatch(/^wk_/);
  return writeKey;
}

test("the jobs page shows the event pipeline's steps by name, and that they catch up with new events", async ({
  page,
  request,
}) => {
  await signIn(page);
  const writeKey = await createSource(page, `Lag ${Date.now()}`);
  const batch = Array.from({ length: 50 }, (_, i) => ({
    type: "track",
    userId: `lag-${i % 5}`,
    event: "Lag Checked",
    properties: { i },
  }));
  const sent = await request.post("/v1/batch", { headers: { Authorization: basic(writeKey) }, data: { batch } });
  expect(sent.status()).toBe(200);

  await page.goto("/jobs");
  const panel = page.getByTestId("pipeline-lag");
  await expect(panel.getByRole("heading", { name: "Event pipeline" })).toBeVisible();
  for (const [id, name] of [
    ["identity", "Identity resolution"],
    ["catalog", "Event catalog"],
  ]) {
    const row = panel.getByTestId(`pipeline-lag-${id}`);
    await expect(row).toContainText(name);
    // The server's pipeline is woken by the commit: the step catches up within moments, and says when it last moved.
    await expect(row).toContainText(/Caught up|Keeping up/); // the demo's live traffic keeps a few events coming
    await expect(row).not.toContainText("not yet started");
  }
  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    const box = await panel.boundingBox();
    expect(box!.x + box!.width).toBeLessThanOrEqual(width);
    await page.screenshot({ path: `test-results/jobs-pipeline-lag-${width}.png`, fullPage: true });
  }
});
