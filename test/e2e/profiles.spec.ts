import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const basic = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;
const send = (request: APIRequestContext, writeKey: string, call: string, data: Record<string, unknown>) =>
  request.post(`/v1/${call}`, { headers: { Authorization: basic(writeKey) }, data });

/** A new http source; returns its write key from the creation dialog. */
async function createSource(page: Page, name: string): Promise<string> {
  await page.goto("/sources");
  await page.getByRole("button", { name: "New source" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(/HTTP API/).check();
  await page.getByRole("button", { name: "Create source" }).click();
  const dialog = page.getByRole("dialog");
  const writeKey = (await dialog.getByTestId("write-key").textContent())?.trim() ?? "";
  expect(writeKey).toMatch(/^wk_/);
  await dialog.getByRole("button", { name: /open the source/ }).click();
  await expect(page).toHaveURL(/\/sources\/[0-9a-f-]{36}$/);
  return writeKey;
}

test("a person browsing on two devices becomes one profile: search it by email, see identities, traits with history and the timeline", async ({
  page,
  request,
}) => {
  await signIn(page);
  const stamp = Date.now();
  const writeKey = await createSource(page, `Shop ${stamp}`);
  const email = `rita.${stamp}@example.com`;
  const laptop = `laptop-${stamp}`;
  const phone = `phone-${stamp}`;
  const calls: [string, Record<string, unknown>][] = [
    ["page", { anonymousId: laptop, name: "Pricing", timestamp: "2026-11-01T09:00:00Z" }],
    [
      "identify",
      {
        anonymousId: laptop,
        userId: `rita-${stamp}`,
        traits: { email, name: "Rita Moreno", plan: "trial" },
        timestamp: "2026-11-01T09:05:00Z",
      },
    ],
    ["page", { anonymousId: phone, name: "Checkout", timestamp: "2026-11-02T18:00:00Z" }],
    [
      "identify",
      { anonymousId: phone, traits: { email: email.toUpperCase(), plan: "pro" }, timestamp: "2026-11-02T18:01:00Z" },
    ],
    [
      "track",
      { anonymousId: phone, event: "Order Completed", properties: { total: 99 }, timestamp: "2026-11-02T18:02:00Z" },
    ],
  ];
  for (const [call, data] of calls) expect((await send(request, writeKey, call, data)).status()).toBe(200);

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Profiles" }).click();
  await expect(page.getByRole("heading", { name: "Profiles" })).toBeVisible();
  await page.getByLabel("Search profiles").fill(email);
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByTestId("profile-row").filter({ hasText: "Rita Moreno" });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  await row.getByRole("link", { name: "Rita Moreno" }).click();

  const view = page.getByTestId("profile-view");
  await expect(view.getByTestId("profile-label")).toHaveText("Rita Moreno");
  const identities = view.getByTestId("identity-row");
  await expect(identities).toHaveCount(4);
  for (const value of [laptop, phone, email, `rita-${stamp}`])
    await expect(identities.filter({ hasText: value })).toHaveCount(1);

  // The later identify set plan to pro; its history holds both values.
  await expect(view.getByText("pro", { exact: true })).toBeVisible();
  await view.getByRole("button", { name: "plan: history of 2 updates" }).click();
  const history = view.getByLabel("History of plan");
  await expect(history).toContainText("trial");
  await expect(history).toContainText("pro");

  // Events of both devices on one timeline, filterable.
  await expect(view.getByTestId("event-row")).toHaveCount(5);
  await view.getByLabel("Event type").selectOption("track");
  await expect(view.getByTestId("event-row")).toHaveCount(1);
  await expect(view.getByTestId("event-row")).toContainText("Order Completed");
});

test("the jobs page lists the scheduled retention job and runs it on request", async ({ page }) => {
  await signIn(page);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Jobs" }).click();
  await expect(page.getByRole("heading", { name: "Jobs" })).toBeVisible();
  await expect(page.getByText("prune-rejected-events").first()).toBeVisible();
  const before = await page.getByTestId("job-prune-rejected-events").count();
  await page.getByRole("button", { name: "Run now" }).click();
  await expect(page.getByTestId("job-prune-rejected-events")).toHaveCount(before + 1);
  await expect(page.getByTestId("job-prune-rejected-events").first()).toContainText("Succeeded", { timeout: 15_000 });
});
