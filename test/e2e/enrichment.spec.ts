import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const basic = (writeKey: string) => `Basic ${Buffer.from(`${writeKey}:`).toString("base64")}`;
const identify = (request: APIRequestContext, writeKey: string, data: Record<string, unknown>) =>
  request.post("/v1/identify", { headers: { Authorization: basic(writeKey) }, data });

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

/** Opens the profile found by a search, once the pipeline has resolved it. */
async function openProfile(page: Page, query: string, label: string) {
  await page.goto("/profiles");
  await page.getByLabel("Search profiles").fill(query);
  await page.getByRole("button", { name: "Search" }).click();
  const row = page.getByTestId("profile-row").filter({ hasText: label });
  await expect(row).toHaveCount(1, { timeout: 20_000 });
  await row.getByRole("link", { name: label }).click();
  return page.getByTestId("profile-view");
}

test("apply a CRM export keyed by email: preview, counts, unmatched rows downloaded, the file as the trait's source", async ({
  page,
  request,
}) => {
  await signIn(page);
  const stamp = Date.now();
  const writeKey = await createSource(page, `Website ${stamp}`);
  const ana = `ana.${stamp}@example.com`;
  const bo = `bo.${stamp}@example.com`;
  for (const [email, name] of [
    [ana, "Ana Lima"],
    [bo, "Bo Berg"],
  ])
    expect(
      (
        await identify(request, writeKey, { userId: `u-${email}`, traits: { email, name, company: "Old Co" } })
      ).status(),
    ).toBe(200);
  // The pipeline resolves them into profiles.
  await openProfile(page, ana, "Ana Lima");

  const fileName = `crm-${stamp}.csv`;
  const csv = [
    "email,company,lifetime_value,vip,internal_note",
    `${ana.toUpperCase()},Acme Corp,1200.5,true,call first`,
    `${bo},Globex,300,false,`,
    `nobody.${stamp}@example.com,Initech,42,false,`,
    "not-an-email,Umbrella,1,true,",
  ].join("\n");

  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Enrichment" }).click();
  await expect(page.getByRole("heading", { name: "Enrichment" })).toBeVisible();
  // The demo workspace starts with a CRM export applied to its profiles.
  await expect(page.getByText("crm-export (demo).csv").first()).toBeVisible();
  await page.screenshot({ path: "test-results/enrichment-start-1280.png", fullPage: true });
  await page
    .getByLabel("Enrichment file")
    .setInputFiles({ name: fileName, mimeType: "text/csv", buffer: Buffer.from(csv) });

  // Guessed from the columns; the user leaves one column out and renames another.
  await expect(page.getByLabel("Key type")).toHaveValue("email");
  await expect(page.getByLabel("Key column")).toHaveValue("email");
  await page.getByLabel("Trait from internal_note").uncheck();
  await page.getByLabel("Trait name for lifetime_value").fill("ltv");
  const preview = page.locator("table").filter({ hasText: "Result" });
  await expect(preview.getByText("matches a profile")).toHaveCount(2);
  await expect(preview.getByText("no profile")).toHaveCount(1);
  await expect(preview.getByText("email is not an email address")).toBeVisible();
  await page.screenshot({ path: "test-results/enrichment-preview-1280.png", fullPage: true });

  await page.getByRole("button", { name: `Apply ${fileName}` }).click();
  const result = page.getByLabel("Enrichment result");
  await expect(result.getByTestId("result-matched")).toContainText("2");
  await expect(result.getByTestId("result-created")).toContainText("0");
  await expect(result.getByTestId("result-unmatched")).toContainText("1");
  await expect(result.getByTestId("result-invalid")).toContainText("1");
  await expect(result.getByText("line 5")).toBeVisible();
  await expect(page.getByText("Past files")).toBeVisible();

  const [download] = await Promise.all([
    page.waitForEvent("download"),
    result.getByRole("link", { name: "Download unmatched rows (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe(`crm-${stamp}-unmatched.csv`);
  expect(readFileSync(await download.path(), "utf8")).toBe(
    `email,company,lifetime_value,vip,internal_note\r\nnobody.${stamp}@example.com,Initech,42,false,\r\n`,
  );

  await page.screenshot({ path: "test-results/enrichment-1280.png", fullPage: true });
  await page.setViewportSize({ width: 1920, height: 1080 });
  await page.screenshot({ path: "test-results/enrichment-1920.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // On the profile, the file's values are the traits, with the file named as their source.
  const view = await openProfile(page, ana, "Ana Lima");
  await expect(view.getByText("Acme Corp", { exact: true })).toBeVisible();
  await expect(view.getByText("1200.5", { exact: true })).toBeVisible();
  await expect(view.getByText(new RegExp(`^${fileName} ·`)).first()).toBeVisible();
  await view.getByRole("button", { name: "company: history of 2 updates" }).click();
  const history = view.getByLabel("History of company");
  await expect(history).toContainText(`from ${fileName}`);
  await expect(history).toContainText("Old Co");
  await expect(view.getByText("call first")).toHaveCount(0);
  await page.screenshot({ path: "test-results/enrichment-profile-1280.png", fullPage: true });
});
