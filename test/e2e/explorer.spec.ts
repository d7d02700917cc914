import { expect, test, type APIRequestContext, type Locator } from "@playwright/test";
import { signIn } from "./helpers";

const basic = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;
const track = (request: APIRequestContext, writeKey: string, data: Record<string, unknown>) =>
  request.post("/v1/track", { headers: { Authorization: basic(writeKey) }, data });

const stamp = Date.now();
const SHOPPER = `shopper.${stamp}@example.com`;
const PHONE = "+47 912 34 567";
const EVENT = `Checkout Started ${stamp}`;
const WIDTHS = [1280, 1440, 1920];
const DATE_TIME = /\d{1,2} [A-Z][a-z]{2} \d{4}, \d\d:\d\d:\d\d/;

/** The row's details button is inside the window and not cut by its card, at this width. */
async function expectDetailsInView(scope: Locator, width: number) {
  const button = scope
    .getByTestId("event-row")
    .first()
    .getByRole("button", { name: /View JSON|Hide JSON/ });
  await expect(button).toBeVisible();
  const box = await button.boundingBox();
  const card = await scope.boundingBox();
  expect(box, `details button at ${width}px`).not.toBeNull();
  expect(box!.x + box!.width, `details button inside the window at ${width}px`).toBeLessThanOrEqual(width);
  expect(box!.x + box!.width, `details button inside its card at ${width}px`).toBeLessThanOrEqual(
    card!.x + card!.width,
  );
  // Nothing scrolls sideways: the table fits its card.
  expect(
    await scope.evaluate((el) =>
      [...el.querySelectorAll("table")].every((t) => t.parentElement!.scrollWidth <= t.parentElement!.clientWidth + 1),
    ),
  ).toBe(true);
}

test("explorer, catalog and debugger: catalog names, grouped catalog, personal data masked for a viewer", async ({
  page,
  request,
  browser,
}) => {
  test.setTimeout(150_000);
  await signIn(page);

  // A source and its events: an email sent as anonymousId, a phone under phone_number, one refused event.
  await page.goto("/sources");
  const sourceName = `Shop ${stamp}`;
  await page.getByRole("button", { name: "New source" }).click();
  await page.getByLabel("Name").fill(sourceName);
  await page.getByLabel(/HTTP API/).check();
  await page.getByRole("button", { name: "Create source" }).click();
  const writeKey = (await page.getByTestId("write-key").textContent())?.trim() ?? "";
  await page.getByRole("button", { name: /open the source/ }).click();
  await expect(page).toHaveURL(/\/sources\/[0-9a-f-]{36}$/);
  const sourceUrl = page.url();
  expect(
    (
      await track(request, writeKey, {
        anonymousId: SHOPPER,
        event: EVENT,
        properties: { phone_number: PHONE, cart: 3 },
      })
    ).status(),
  ).toBe(200);
  expect(
    (await track(request, writeKey, { userId: "u-e2e", event: "Order Completed", properties: { total: 30 } })).status(),
  ).toBe(200);
  expect((await track(request, writeKey, { userId: SHOPPER, properties: { phone_number: PHONE } })).status()).toBe(400);

  // Explorer: the event name is picked from the catalog's names, typed in lower case.
  await page.goto("/events");
  const combo = page.getByPlaceholder(/Any event/);
  await expect
    .poll(
      async () => {
        await page.reload();
        await page.getByPlaceholder(/Any event/).click();
        await page.getByPlaceholder(/Any event/).fill(`checkout started ${stamp}`);
        return page.getByRole("option", { name: EVENT }).count();
      },
      { timeout: 20_000 },
    )
    .toBe(1);
  await page.getByRole("option", { name: EVENT }).click();
  await expect(combo).toHaveValue(EVENT);
  await page.getByRole("button", { name: "Apply filters" }).click();
  const rows = page.getByTestId("event-row");
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText(SHOPPER);
  await rows.first().getByRole("button", { name: "View JSON" }).click();
  await expect(page.getByLabel("Event JSON")).toContainText(PHONE);
  await expect(page.getByText(DATE_TIME).first()).toBeVisible();
  for (const width of WIDTHS) {
    await page.setViewportSize({ width, height: 900 });
    await expectDetailsInView(page.getByTestId("events-explorer"), width);
    await page.screenshot({ path: `test-results/explorer-admin-${width}.png`, fullPage: true });
  }

  // Catalog: one folded line per event name, opened by a click or a search.
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.goto("/catalog");
  const cards = page.getByTestId("catalog-event");
  const card = cards.filter({ hasText: EVENT });
  await expect(card).toHaveCount(1);
  await expect(card).toContainText(`1 source: ${sourceName}`);
  await expect(card.getByRole("table")).toHaveCount(0);
  await card.getByRole("button", { expanded: false }).click();
  await expect(card.getByRole("list", { name: "Sources" })).toContainText(sourceName);
  await expect(card.getByRole("table")).toContainText("properties.phone_number");
  await page.screenshot({ path: "test-results/catalog-1440.png", fullPage: true });
  await page.getByLabel("Search the catalog").fill("phone_number");
  await expect(cards.filter({ hasText: EVENT }).getByRole("table")).toContainText("properties.phone_number");
  await expect(cards.filter({ hasText: "Order Completed" })).toHaveCount(0);
  await page.getByLabel("Search the catalog").fill("");
  await page.getByLabel("Type").selectOption("identify");
  await expect(cards.filter({ hasText: EVENT })).toHaveCount(0);
  await page.getByLabel("Type").selectOption("track");
  await expect(cards.filter({ hasText: EVENT })).toHaveCount(1);

  // A viewer, added through the Team page.
  const viewerEmail = `viewer-${stamp}@e2e.test`;
  await page.goto("/team");
  await page.getByPlaceholder("jane@company.com").fill(viewerEmail);
  await page.getByLabel("New member role").selectOption("viewer");
  await page.getByPlaceholder("at least 8 characters").fill("viewer-password-1");
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByTestId(`member-${viewerEmail}`)).toBeVisible();

  const viewerContext = await browser.newContext();
  const viewer = await viewerContext.newPage();
  await signIn(viewer, viewerEmail, "viewer-password-1");

  // Explorer as the viewer: the email and the phone are masked, and searching by the email is refused.
  await viewer.goto(`/events?event=${encodeURIComponent(EVENT)}`);
  const viewerRows = viewer.getByTestId("event-row");
  await expect(viewerRows).toHaveCount(1);
  await expect(viewerRows.first()).toContainText("•••@•••");
  await viewerRows.first().getByRole("button", { name: "View JSON" }).click();
  await expect(viewer.getByLabel("Event JSON")).toContainText('"anonymousId": "•••@•••"');
  await expect(viewer.locator("main")).not.toContainText(SHOPPER);
  await expect(viewer.locator("main")).not.toContainText(PHONE);
  await viewer.getByPlaceholder("userId or anonymousId").fill(SHOPPER);
  await viewer.getByRole("button", { name: "Apply filters" }).click();
  await expect(
    viewer.getByText(/may not search by personal data: the user filter holds an email address/),
  ).toBeVisible();
  await expect(viewer.getByTestId("event-row")).toHaveCount(0);
  await viewer.screenshot({ path: "test-results/explorer-viewer-1280.png", fullPage: true });

  // The live debugger as the viewer: accepted and refused events masked; the details button in view at every width.
  await viewer.goto(sourceUrl);
  const debuggerCard = viewer.getByTestId("live-debugger");
  await expect(debuggerCard.getByTestId("event-row")).toHaveCount(3);
  await expect(debuggerCard).toContainText("•••@•••");
  await expect(debuggerCard).not.toContainText(SHOPPER);
  await debuggerCard.locator('[data-status="rejected"]').getByRole("button", { name: "View JSON" }).click();
  await expect(debuggerCard.getByLabel("Refused payload")).toContainText('"userId": "•••@•••"');
  await expect(debuggerCard).not.toContainText(PHONE);
  for (const width of WIDTHS) {
    await viewer.setViewportSize({ width, height: 900 });
    await expectDetailsInView(debuggerCard, width);
    await viewer.screenshot({ path: `test-results/debugger-viewer-${width}.png`, fullPage: true });
  }
  await viewerContext.close();
});
