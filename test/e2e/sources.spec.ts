import { expect, test, type APIRequestContext } from "@playwright/test";
import { signIn } from "./helpers";

const basic = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;
const track = (request: APIRequestContext, writeKey: string, data: Record<string, unknown>) =>
  request.post("/v1/track", { headers: { Authorization: basic(writeKey) }, data });

test("create an http source, send an event with its key, watch it in the live debugger, pause", async ({
  page,
  request,
  context,
}) => {
  await context.grantPermissions(["clipboard-read", "clipboard-write"]);
  await signIn(page);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Sources" }).click();
  await expect(page.getByRole("heading", { name: "Sources" })).toBeVisible();

  // Create the source: the write key is shown, with a warning and a Copy button.
  const name = `Website ${Date.now()}`;
  await page.getByRole("button", { name: "New source" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(/HTTP API/).check();
  await page.getByRole("button", { name: "Create source" }).click();
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText("Owners and admins can reveal it again");
  const writeKey = (await dialog.getByTestId("write-key").textContent())?.trim() ?? "";
  expect(writeKey).toMatch(/^wk_[\w-]{20,}$/);
  await dialog.getByRole("button", { name: "Copy" }).click();
  await expect(dialog.getByRole("button", { name: "Copied" })).toBeVisible();
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(writeKey);
  await dialog.getByRole("button", { name: /open the source/ }).click();

  await expect(page).toHaveURL(/\/sources\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByLabel("curl example")).toContainText("/v1/track");
  // The send instructions already carry the new key.
  await expect(page.getByLabel("curl example")).toContainText(`-u '${writeKey}:'`);
  await page.getByRole("tab", { name: "Node.js (analytics-node)" }).click();
  await expect(page.getByLabel("analytics-node example")).toContainText(`writeKey: "${writeKey}"`);
  await page.getByRole("tab", { name: "curl" }).click();
  const debuggerCard = page.getByTestId("live-debugger");
  await expect(debuggerCard).toContainText("No events yet");

  // An accepted event and a refused one both appear by themselves, newest first.
  const sent = await track(request, writeKey, {
    userId: "e2e-user",
    event: "E2E Checkout",
    properties: { revenue: 42, currency: "EUR" },
  });
  expect(sent.status()).toBe(200);
  const rows = debuggerCard.getByTestId("event-row");
  await expect(rows.filter({ hasText: "E2E Checkout" })).toHaveCount(1);
  expect((await track(request, writeKey, { userId: "e2e-user" })).status()).toBe(400);
  await expect(rows.first()).toHaveAttribute("data-status", "rejected");
  await expect(rows.first()).toContainText("a track call needs an event name");

  // The full JSON of an event.
  await rows.filter({ hasText: "E2E Checkout" }).getByRole("button", { name: "View JSON" }).click();
  const json = debuggerCard.getByLabel("Event JSON");
  await expect(json).toContainText('"event": "E2E Checkout"');
  await expect(json).toContainText('"revenue": 42');

  // Paused: nothing new is fetched; resumed: it shows up.
  await debuggerCard.getByRole("button", { name: "Pause" }).click();
  await expect(debuggerCard.getByTestId("debugger-status")).toContainText("Paused");
  expect((await track(request, writeKey, { anonymousId: "anon-e2e", event: "While Paused" })).status()).toBe(200);
  await page.waitForTimeout(5_000);
  await expect(rows.filter({ hasText: "While Paused" })).toHaveCount(0);
  await debuggerCard.getByRole("button", { name: "Resume" }).click();
  await expect(rows.filter({ hasText: "While Paused" })).toHaveCount(1);
});

test("rotate the key, disable, find events in the explorer, and delete a source by typing its name", async ({
  page,
  request,
}) => {
  await signIn(page);
  await page.goto("/sources");
  const name = `Backend ${Date.now()}`;
  await page.getByRole("button", { name: "New source" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByRole("button", { name: "Create source" }).click();
  const oldKey = (await page.getByTestId("write-key").textContent())?.trim() ?? "";
  await page.getByRole("button", { name: /open the source/ }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();

  // Rotation: confirmed, the new key shown once, the old one refused.
  await page.getByRole("button", { name: "Rotate write key" }).click();
  await page.getByRole("button", { name: "Rotate key" }).click();
  const newKey = (await page.getByTestId("write-key").textContent())?.trim() ?? "";
  expect(newKey).not.toBe(oldKey);
  await page.getByRole("button", { name: "Done" }).click();
  await expect(page.getByTestId("revealed-write-key")).toHaveText(newKey);
  await expect(page.getByLabel("curl example")).toContainText(`-u '${newKey}:'`);
  expect((await track(request, oldKey, { userId: "u-rotated", event: "Old Key" })).status()).toBe(401);
  expect((await track(request, newKey, { userId: "u-rotated", event: "Explorer Check" })).status()).toBe(200);

  // The event is in the explorer, found by user.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Events" }).click();
  await page.getByPlaceholder("userId or anonymousId").fill("u-rotated");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("event-row")).toHaveCount(1);
  await expect(page.getByTestId("event-row")).toContainText("Explorer Check");
  await expect(page.getByTestId("event-row")).toContainText(name);

  // Disabled: the key is refused until enabled again.
  await page.goto("/sources");
  await page.getByRole("link", { name }).click();
  await page.getByRole("switch").click();
  await expect(page.getByText("Source disabled.")).toBeVisible();
  await expect
    .poll(async () => (await track(request, newKey, { userId: "u-rotated", event: "While Disabled" })).status(), {
      timeout: 10_000,
    })
    .not.toBe(200);

  // Deletion needs the name typed.
  await page.getByRole("button", { name: "Delete source" }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm.getByRole("button", { name: "Delete source" })).toBeDisabled();
  await confirm.getByLabel("Source name to confirm").fill(name);
  await confirm.getByRole("button", { name: "Delete source" }).click();
  await expect(page).toHaveURL(/\/sources$/);
  await expect(page.getByRole("link", { name })).toHaveCount(0);
});

test("webhook and file sources show their own set-up next to the live debugger", async ({ page }) => {
  await signIn(page);
  for (const [type, label, heading] of [
    ["webhook", /Webhook/, "Webhook address"],
    ["file", /File import/, "Import a file"],
  ] as const) {
    await page.goto("/sources");
    const name = `${type} ${Date.now()}`;
    await page.getByRole("button", { name: "New source" }).click();
    await page.getByLabel("Name").fill(name);
    await page.getByLabel(label).check();
    await page.getByRole("button", { name: "Create source" }).click();
    // What applies to the type, and no write key: these sources do not send with one.
    const created = page.getByRole("dialog");
    await expect(created).toContainText(
      type === "webhook" ? "Standard Webhooks signing secret" : "Upload a CSV or NDJSON file",
    );
    if (type === "webhook") await expect(created.getByTestId("created-webhook-url")).toContainText("/api/webhooks/");
    await expect(created).not.toContainText(/write key/i);
    await expect(created.getByTestId("write-key")).toHaveCount(0);
    await created.getByRole("button", { name: /open the source/i }).click();
    await expect(page.getByRole("heading", { name })).toBeVisible();
    await expect(page.getByRole("heading", { name: heading })).toBeVisible();
    await expect(page.getByLabel("curl example")).toHaveCount(0);
    await expect(page.getByRole("heading", { name: "Write key" })).toHaveCount(0);
    await expect(page.getByRole("button", { name: /write key/i })).toHaveCount(0);
    await expect(page.getByTestId("live-debugger")).toContainText("No events yet");
    await page.goto("/sources");
    await expect(page.getByTestId(`source-${name}`)).toContainText("not used");
  }
});

test("the demo source's key is revealed on request, fills the send instructions and works", async ({
  page,
  request,
}) => {
  await signIn(page);
  await page.goto("/sources");
  await page.getByRole("link", { name: "Website (demo)" }).click();
  await expect(page.getByRole("heading", { name: "Website (demo)" })).toBeVisible();
  const curl = page.getByLabel("curl example");
  await expect(curl).toContainText("YOUR_WRITE_KEY");
  await page.getByRole("button", { name: "Reveal write key" }).click();
  const revealed = page.getByTestId("revealed-write-key");
  await expect(revealed).toHaveText(/^wk_[\w-]{20,}$/);
  const writeKey = (await revealed.textContent())!.trim();
  await expect(curl).toContainText(`-u '${writeKey}:'`);
  await expect(curl).not.toContainText("YOUR_WRITE_KEY");
  await page.getByRole("tab", { name: "Browser (analytics.js)" }).click();
  await expect(page.getByLabel("analytics.js example")).toContainText(`writeKey: "${writeKey}"`);
  expect((await track(request, writeKey, { userId: "demo-reveal", event: "Revealed Key" })).status()).toBe(200);
});

test("a webhook mapping's preview reads sample headers as $headers, and names a malformed line", async ({ page }) => {
  await signIn(page);
  await page.goto("/sources");
  const name = `GitHub ${Date.now()}`;
  await page.getByRole("button", { name: "New source" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(/Webhook/).check();
  await page.getByRole("button", { name: "Create source" }).click();
  await page.getByRole("button", { name: /open the source/i }).click();
  await expect(page.getByRole("heading", { name })).toBeVisible();

  await page
    .getByLabel("Mapping expression")
    .fill('{"type": "track", "event": $headers."x-github-event", "userId": sender.login}');
  await page.getByLabel("Sample payload").fill('{"sender": {"login": "octocat"}}');
  await page.getByLabel("Sample headers").fill("X-GitHub-Event: pull_request\nUser-Agent: GitHub-Hookshot/1");
  await expect(page.getByText("1 event would be stored.")).toBeVisible();
  await expect(page.getByText("pull_request", { exact: true })).toBeVisible();
  await expect(page.getByText("userId octocat")).toBeVisible();

  await page.getByLabel("Sample headers").fill("X-GitHub-Event: pull_request\nnot a header");
  await expect(page.getByRole("alert").filter({ hasText: 'line 2 ("not a header")' })).toBeVisible();
  await expect(page.getByLabel("Sample headers")).toHaveAttribute("aria-invalid", "true");
});
