import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const basic = (key: string) => `Basic ${Buffer.from(`${key}:`).toString("base64")}`;

/** A new http source made in the console; returns its write key. */
async function createSource(page: Page, name: string): Promise<string> {
  await page.goto("/sources");
  await page.getByRole("button", { name: "New source" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(/HTTP API/).check();
  await page.getByRole("button", { name: "Create source" }).click();
  const writeKey = (await page.getByRole("dialog").getByTestId("write-key").textContent())?.trim() ?? "";
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /open the source/ })
    .click();
  await expect(page).toHaveURL(/\/sources\/[0-9a-f-]{36}$/);
  return writeKey;
}

test("an access token is created in the console, shown once, reads a profile through the Profile API, and stops working when revoked", async ({
  page,
  baseURL,
}) => {
  await signIn(page);
  const stamp = Date.now();
  const email = `lena.${stamp}@example.com`;
  const writeKey = await createSource(page, `Store ${stamp}`);
  const sent = await fetch(`${baseURL}/v1/identify`, {
    method: "POST",
    headers: { authorization: basic(writeKey), "content-type": "application/json" },
    body: JSON.stringify({ userId: `lena-${stamp}`, traits: { email, name: "Lena Park", plan: "pro" } }),
  });
  expect(sent.status).toBe(200);

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Access tokens" }).click();
  await expect(page.getByRole("heading", { name: "Access tokens" })).toBeVisible();
  await expect(page.getByText("No access tokens yet")).toBeVisible();
  await expect(page.getByText(/lets one of your servers read profiles through the Profile API/)).toBeVisible();
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "test-results/access-tokens-empty-1280.png" });

  await page.getByRole("button", { name: "New token" }).click();
  const form = page.getByRole("dialog");
  await form.getByLabel("Name").fill("Website personalisation");
  await expect(form.getByRole("checkbox", { name: /Read profiles/ })).toBeChecked();
  await form.getByRole("button", { name: "Create token" }).click();

  const shown = page.getByRole("dialog");
  await expect(shown.getByRole("heading", { name: /Website personalisation.*created/ })).toBeVisible();
  const token = (await shown.getByTestId("access-token").textContent())?.trim() ?? "";
  expect(token).toMatch(/^pat_[A-Za-z0-9_-]{43}$/);
  await expect(shown.getByLabel("curl")).toContainText(`curl -u "${token}:"`);
  await expect(shown.getByLabel("curl")).toContainText(`${baseURL}/v1/profiles/email:jane%40example.com/traits`);
  await expect(shown.getByRole("button", { name: "Copy token" })).toBeVisible();
  await page.screenshot({ path: "test-results/access-tokens-created-1280.png" });
  await shown.getByRole("button", { name: "I have saved it" }).click();
  await expect(page.getByRole("dialog")).toHaveCount(0);

  const row = page.getByTestId("token-row").filter({ hasText: "Website personalisation" });
  await expect(row).toContainText("profiles:read");
  await expect(row).toContainText("Active");
  await expect(row).toContainText("Never");
  await expect(row).toContainText(token.slice(0, 8));
  // Shown once: not in the page any more, nor after a reload.
  await page.reload();
  await expect(row).toBeVisible();
  expect(await page.content()).not.toContain(token);

  // The token reads the profile, found by the email in upper case, as soon as the pipeline has built it.
  const traitsUrl = `${baseURL}/v1/profiles/email:${encodeURIComponent(email.toUpperCase())}/traits`;
  await expect
    .poll(async () => (await fetch(traitsUrl, { headers: { authorization: basic(token) } })).status, {
      timeout: 20_000,
    })
    .toBe(200);
  const read = await fetch(traitsUrl, { headers: { authorization: `Bearer ${token}` } });
  expect(await read.json()).toMatchObject({
    traits: { email, name: "Lena Park", plan: "pro" },
    cursor: { has_more: false },
  });
  await page.reload();
  await expect(row).not.toContainText("Never"); // last used is recorded

  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 900 });
    await page.screenshot({ path: `test-results/access-tokens-${width}.png`, fullPage: true });
    // Nothing cut off: the table fits the page at both widths.
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
  }

  await row.getByRole("button", { name: "Revoke Website personalisation" }).click();
  const confirm = page.getByRole("dialog");
  await expect(confirm.getByRole("heading", { name: /Revoke “Website personalisation”\?/ })).toBeVisible();
  await expect(confirm).toContainText("cannot be undone");
  await confirm.getByRole("button", { name: "Revoke token" }).click();
  await expect(row).toContainText("Revoked");
  await expect(row.getByRole("button", { name: /Revoke/ })).toHaveCount(0);

  const refused = await fetch(traitsUrl, { headers: { authorization: basic(token) } });
  expect(refused.status).toBe(401);
  expect(refused.headers.get("www-authenticate")).toContain("Basic");
  expect(((await refused.json()) as { error: { code: string } }).error.code).toBe("invalid_token");
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: "test-results/access-tokens-revoked-1280.png", fullPage: true });
});
