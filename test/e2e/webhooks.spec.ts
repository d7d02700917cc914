import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const BIG = "820982911946154508";
const BROKEN = '{"type": "track", "event": "Order Paid", "userId": $number(customer), "properties": {"orderId": id}}';
const FIXED =
  '{"type": "track", "event": "Order Paid", "userId": customer, "properties": {"orderId": id, "total": total}}';

async function createWebhookSource(page: Page, name: string): Promise<string> {
  await page.goto("/sources");
  await page.getByRole("button", { name: "New source" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(/Webhook/).check();
  await page.getByRole("button", { name: "Create source" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /open the source/i })
    .click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  const url = (await page.getByTestId("webhook-url").textContent()) ?? "";
  const id = /\/api\/webhooks\/([0-9a-f-]{36})$/.exec(url.trim())?.[1];
  expect(id, url).toBeTruthy();
  return id!;
}

async function saveMapping(page: Page, mapping: string) {
  await page.getByLabel("Mapping expression").fill(mapping);
  await page.getByRole("button", { name: "Save mapping" }).click();
  await expect(page.getByText("Saved. New deliveries use it")).toBeVisible();
}

test("a delivery whose mapping failed is replayed once the mapping is fixed, keeping every digit of its ids", async ({
  page,
}) => {
  await signIn(page);
  const name = `Shop ${Date.now()}`;
  const sourceId = await createWebhookSource(page, name);

  // A mapping that does not compile is refused with where and what, under the Save button.
  await page.getByLabel("Mapping expression").fill('{\n  "type": "track",\n  "tags": [1, 2');
  await page.getByRole("button", { name: "Save mapping" }).click();
  await expect(
    page
      .getByRole("alert")
      .filter({ hasText: 'line 3, column 16: expected "]" before the end of the expression (S0203)' }),
  ).toBeVisible();

  // A mapping that compiles but fails on the payload: the delivery is kept as mapping failed.
  await saveMapping(page, BROKEN);
  const sent = await page.request.post(`/api/webhooks/${sourceId}`, {
    headers: { "content-type": "application/json", "x-api_key": "not-kept" },
    data: `{"id": ${BIG}, "customer": "cus_42", "total": 12.5}`,
  });
  expect(sent.status()).toBe(200);
  const answer = (await sent.json()) as { deliveryId: string; status: string };
  expect(answer.status).toBe("mapping_failed");
  const row = page.getByTestId(`delivery-${answer.deliveryId}`);
  await expect(row).toContainText("Mapping failed", { timeout: 20_000 });
  await expect(row).toContainText('"cus_42" cannot be turned into a number (D3030)');
  await expect(row).toContainText(`"id": ${BIG}`);
  await expect(page.getByTestId("live-debugger")).toContainText("No events yet");
  await row.scrollIntoViewIfNeeded();
  await page.screenshot({ path: "test-results/webhooks-mapping-failed.png" });

  // Fixed and replayed: the delivery is mapped and its event arrives with the id's every digit.
  await saveMapping(page, FIXED);
  await row.getByRole("button", { name: "Replay", exact: true }).click();
  await expect(page.getByText("Replayed 1 delivery: 1 new event stored.")).toBeVisible();
  await expect(row).toContainText("Mapped");
  await expect(row).toContainText("1 event");
  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 1000 });
    await row.scrollIntoViewIfNeeded();
    await page.screenshot({ path: `test-results/webhooks-replayed-${width}.png`, fullPage: true });
  }

  const debuggerCard = page.getByTestId("live-debugger");
  const event = debuggerCard.getByTestId("event-row").filter({ hasText: "Order Paid" });
  await expect(event).toHaveCount(1, { timeout: 20_000 });
  await event.getByRole("button", { name: "View JSON" }).click();
  await expect(debuggerCard.getByLabel("Event JSON")).toContainText(`"orderId": "${BIG}"`);

  // The events explorer finds it too.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Events" }).click();
  await page.getByPlaceholder("userId or anonymousId").fill("cus_42");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("event-row")).toHaveCount(1);
  await expect(page.getByTestId("event-row")).toContainText("Order Paid");
  await expect(page.getByTestId("event-row")).toContainText(name);
});

test("a delivery with a bad signature keeps only a trace and offers no replay", async ({ page }) => {
  await signIn(page);
  const sourceId = await createWebhookSource(page, `Signed ${Date.now()}`);
  await page.locator("#webhook-signature").click();
  await expect(page.getByTestId("signing-secret")).toBeVisible();
  const sent = await page.request.post(`/api/webhooks/${sourceId}`, {
    headers: { "content-type": "application/json" },
    data: JSON.stringify({ pad: "x".repeat(5_000) }),
  });
  expect(sent.status()).toBe(401);
  const row = page.locator("[data-testid^=delivery-]").first();
  await expect(row).toContainText("Signature failed", { timeout: 20_000 });
  await expect(row).toContainText("cannot be replayed");
  await expect(row.getByRole("button", { name: "Replay", exact: true })).toHaveCount(0);
});
