import { readFileSync } from "node:fs";
import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

/** A new file source, opened on its page (the upload form is there). */
async function fileSource(page: Page, name: string) {
  await page.goto("/sources");
  await page.getByRole("button", { name: "New source" }).click();
  await page.getByLabel("Name").fill(name);
  await page.getByLabel(/File import/).check();
  await page.getByRole("button", { name: "Create source" }).click();
  await page
    .getByRole("dialog")
    .getByRole("button", { name: /open the source/i })
    .click();
  await expect(page.getByRole("heading", { name })).toBeVisible();
  await expect(page.getByRole("heading", { name: "Import a file" })).toBeVisible();
}

const chooseFile = (page: Page, name: string, buffer: Buffer, mimeType = "text/csv") =>
  page.getByLabel("File to import").setInputFiles({ name, mimeType, buffer });

test("upload a CSV in the console, map its columns, see the rows in the imports table and the explorer", async ({
  page,
}) => {
  await signIn(page);
  const run = Date.now();
  const name = `Orders ${run}`;
  await fileSource(page, name);

  const csv =
    [
      "event,user_id,at,total,currency",
      `Order Completed,e2e-${run}-a,2024-05-01T10:00:00Z,19.9,EUR`,
      `Order Completed,e2e-${run}-b,2024-05-02,5,USD`,
      `Order Refunded,e2e-${run}-a,1714600000,19.9,EUR`,
    ].join("\n") + "\n";
  await chooseFile(page, "orders.csv", Buffer.from(csv));

  // The head is read in the browser: columns offered, with guesses the user confirms.
  await expect(page.getByRole("columnheader", { name: "currency" })).toBeVisible();
  await page.getByText("an event (track: columns become properties)").click();
  await expect(page.getByLabel("Event name column")).toHaveValue("event");
  await expect(page.getByLabel("User id column")).toHaveValue("user_id");
  await page.getByLabel("Timestamp column").selectOption("at");
  await page.getByRole("button", { name: "Import orders.csv" }).click();
  await expect(page.getByText("Imported: 3 new, 0 already there, 0 failed.")).toBeVisible();

  const row = page.locator('[data-testid^="import-"]').filter({ hasText: "orders.csv" });
  await expect(row).toContainText("completed");
  await expect(row).toContainText("3 new");
  await expect(row).toContainText("0 failed");
  await expect(row.getByRole("link", { name: "Download errors (CSV)" })).toHaveCount(0);
  await page.screenshot({ path: "test-results/imports-1280.png", fullPage: true });
  await page.setViewportSize({ width: 1440, height: 900 });
  await page.screenshot({ path: "test-results/imports-1440.png", fullPage: true });
  await page.setViewportSize({ width: 1280, height: 720 });

  // The same file again adds nothing.
  await chooseFile(page, "orders.csv", Buffer.from(csv));
  await page.getByText("an event (track: columns become properties)").click();
  await page.getByRole("button", { name: "Import orders.csv" }).click();
  await expect(page.getByText("Imported: 0 new, 3 already there, 0 failed.")).toBeVisible();

  // The events are in the explorer, under the source's name.
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Events" }).click();
  await page.getByPlaceholder("userId or anonymousId").fill(`e2e-${run}-a`);
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("event-row")).toHaveCount(2);
  await expect(page.getByTestId("event-row").filter({ hasText: "Order Refunded" })).toContainText(name);
  await expect(page.getByTestId("event-row").filter({ hasText: "Order Completed" })).toHaveCount(1);
});

test("a file with bad rows imports the good ones, and its error download holds the bad ones", async ({ page }) => {
  await signIn(page);
  await fileSource(page, `People ${Date.now()}`);
  const csv = [
    "id,email,plan",
    "p1,ana@example.com,pro",
    ",,free",
    "p3,not-an-email,team",
    "p4,ben@example.com,free",
    "p5,eve@example.com",
    "",
  ].join("\n");
  await chooseFile(page, "people.csv", Buffer.from(csv));
  await expect(page.getByLabel("User id column")).toHaveValue("id");
  await expect(page.getByLabel("Email column")).toHaveValue("email");
  await page.getByRole("button", { name: "Import people.csv" }).click();
  await expect(page.getByText("Imported: 2 new, 0 already there, 3 failed.")).toBeVisible();

  const row = page.locator('[data-testid^="import-"]').filter({ hasText: "people.csv" });
  await expect(row).toContainText("3 failed");
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    row.getByRole("link", { name: "Download errors (CSV)" }).click(),
  ]);
  expect(download.suggestedFilename()).toBe("people-errors.csv");
  const lines = readFileSync((await download.path())!, "utf8")
    .trim()
    .split("\r\n");
  expect(lines).toEqual([
    "row,error,line",
    '3,"no user: ""id"" and ""email"" are empty",",,free"',
    '4,"column ""email"": ""not-an-email"" is not an email address","p3,not-an-email,team"',
    '6,"expected 3 columns, found 2","p5,eve@example.com"',
  ]);
});

test("the file's head tells a binary or UTF-32 file before the upload, and reads UTF-16", async ({ page }) => {
  await signIn(page);
  await fileSource(page, `Encodings ${Date.now()}`);
  const png = Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d]),
    Buffer.alloc(200, 7),
  ]);
  await chooseFile(page, "logo.csv", png);
  await expect(page.getByText(/^The file is a PNG image, not CSV or NDJSON text/)).toBeVisible();
  await expect(page.getByRole("button", { name: /^Import / })).toHaveCount(0);

  await chooseFile(
    page,
    "wide.csv",
    Buffer.concat([Buffer.from([0xff, 0xfe, 0, 0]), Buffer.from("i\0\0\0d\0\0\0\n\0\0\0", "latin1")]),
  );
  await expect(page.getByText(/UTF-32, which is not supported/)).toBeVisible();

  const text = "id,name\nz1,Zoë\nz2,Ådne 💥\n";
  await chooseFile(page, "utf16.csv", Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(text, "utf16le")]));
  await expect(page.getByText("UTF-16 text, read as such")).toBeVisible();
  await expect(page.getByRole("cell", { name: "Ådne 💥" })).toBeVisible();
  await page.getByRole("button", { name: "Import utf16.csv" }).click();
  await expect(page.getByText("Imported: 2 new, 0 already there, 0 failed.")).toBeVisible();
});

test("an upload whose connection drops is marked failed with the reason, not left running", async ({
  page,
  baseURL,
}) => {
  await signIn(page);
  await fileSource(page, `Dropped ${Date.now()}`);
  const sourceId = page.url().split("/").pop()!;
  const cookie = (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; ");
  const mapping = JSON.stringify({ mode: "identify", userIdColumn: "id" });
  const rows = ["id,plan", ...Array.from({ length: 1_000 }, (_, i) => `d${i},pro`)].join("\n") + "\n";

  // Announce more than is sent, send part of it, then drop the connection, as a closed laptop would.
  const url = new URL(
    `/api/imports/${sourceId}?${new URLSearchParams({ fileName: "dropped.csv", format: "csv", mapping })}`,
    baseURL,
  );
  const request = http.request(url, {
    method: "POST",
    headers: { cookie, origin: url.origin, "content-type": "text/csv", "content-length": String(rows.length * 10) },
  });
  request.on("error", () => {});
  request.write(rows);
  const row = page.locator('[data-testid^="import-"]').filter({ hasText: "dropped.csv" });
  // The table polls while an import runs; this one started elsewhere, so the page is reloaded until it shows.
  await expect(async () => {
    await page.reload();
    await expect(row).toContainText("running", { timeout: 2_000 });
  }).toPass({ timeout: 20_000 });
  request.destroy();

  await expect(row).toContainText("failed");
  await expect(row).toContainText("(the connection closed)");
  await expect(row).toContainText("1,000 new");
});
