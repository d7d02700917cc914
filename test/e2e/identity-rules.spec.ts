import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

/** No part of the page is wider than the window (nothing cut off or scrolled sideways). */
async function expectNoSidewaysOverflow(page: Page, width: number) {
  const overflow = await page.evaluate(
    () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
  );
  expect(overflow, `page wider than the window at ${width}px`).toBeLessThanOrEqual(0);
  const clipped = await page.evaluate(() =>
    [...document.querySelectorAll<HTMLElement>("main table, main [data-testid=custom-type], main section")]
      .filter((el) => el.scrollWidth > el.clientWidth + 1)
      .map((el) => el.dataset.testid ?? el.id ?? el.tagName),
  );
  expect(clipped, `clipped parts at ${width}px`).toEqual([]);
}

test("an admin adds a custom identifier type and blocked values, saves after confirming, and sees them after a reload", async ({
  page,
}, testInfo) => {
  await signIn(page);
  await page.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Identity rules" }).click();
  await expect(page.getByRole("heading", { name: "Identity rules", level: 1 })).toBeVisible();
  await expect(page.getByText("Changes apply to events processed after you save.")).toBeVisible();
  // Built-ins, read-only, with where they are read from.
  await expect(page.getByTestId("built-in-types")).toContainText("context.traits.email");
  await expect(page.getByTestId("built-in-blocked")).toContainText("test@test.com");

  const type = `crm_${Date.now().toString(36)}`;
  const types = page.getByRole("form", { name: "Add an identifier type" });
  await types.getByLabel("Name").fill("Email");
  await types.getByRole("button", { name: "Add type" }).click();
  await expect(types.getByRole("alert")).toContainText("lower-case letters");
  await types.getByLabel("Name").fill(type);
  await types.getByLabel(/Read from/).fill("traits.crm_id");
  await types.getByRole("button", { name: "Add type" }).click();
  const custom = page.getByTestId("custom-type").filter({ hasText: type });
  await expect(custom).toContainText("traits.crm_id");
  await expect(custom).toContainText("context.externalIds");
  await custom.getByLabel(`New path for ${type}`).fill("context.traits.crm_id");
  await custom.getByRole("button", { name: "Add path" }).click();
  await expect(custom).toContainText("context.traits.crm_id");

  // Blocked values: a pattern RE2 refuses is refused at once; a good one and an exact value are listed.
  const block = page.getByLabel("Value to block");
  await block.fill("/(oops/");
  await page.getByRole("button", { name: "Block", exact: true }).click();
  await expect(page.getByRole("alert").filter({ hasText: "not a regular expression RE2 accepts" })).toBeVisible();
  await block.fill("/guest-\\d+/");
  await page.getByRole("button", { name: "Block", exact: true }).click();
  const own = page.getByTestId("workspace-blocked");
  await expect(own).toContainText("/guest-\\d+/"); // checked by the server first
  await expect(block).toHaveValue("");
  await block.fill("qa@acme.test");
  await page.getByRole("button", { name: "Block", exact: true }).click();
  await expect(own).toContainText("qa@acme.test");

  // Test a value against the unsaved list.
  await page.getByLabel("Value to test").fill("guest-42");
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByTestId("test-verdict")).toHaveText(
    "Blocked: it matches the workspace's pattern /guest-\\d+/.",
  );
  await expect(page.getByText("Tested with your unsaved changes.")).toBeVisible();
  await page.getByLabel("Value to test").fill("null");
  await page.getByRole("button", { name: "Test", exact: true }).click();
  await expect(page.getByTestId("test-verdict")).toContainText("the built-in blocked value null");

  // A limit with a window, the new type ranked first, a default country.
  await page.getByLabel("Most email identifiers per profile").fill("3");
  await page.getByLabel("Window in days for the email limit").click();
  await page.getByLabel("Window in days for the email limit").fill("30");
  await page.getByLabel(`Most ${type} identifiers per profile`).click();
  for (let i = 0; i < 3; i++) await page.getByRole("button", { name: `Move ${type} up` }).click();
  await expect(page.getByTestId("priority-row").first()).toContainText(type);
  await page.getByLabel("Default country").selectOption("NO");
  await expect(page.getByText("is read as a Norway number (+47)")).toBeVisible();

  // Trait survivorship: plan follows source priority, with a source ranked first.
  await page.getByLabel("Trait", { exact: true }).fill("plan");
  await page.getByLabel("Strategy for the new override").selectOption("source_priority");
  await page.getByRole("button", { name: "Add override" }).click();
  await expect(page.getByTestId("trait-override").filter({ hasText: "plan" })).toBeVisible();
  const pick = page.getByLabel("Source to rank");
  const sourceName = (await pick.locator("option").nth(1).textContent())!.replace(/ \(.*\)$/, "");
  await pick.selectOption({ index: 1 });
  await page.getByRole("button", { name: "Add to the order" }).click();
  await expect(page.getByTestId("source-priority-row")).toHaveCount(1);
  await expect(page.getByTestId("source-priority-row")).toContainText(sourceName);

  // The bar that holds the unsaved changes, in the window as the admin sees it.
  await page.setViewportSize({ width: 1280, height: 900 });
  await page.screenshot({ path: testInfo.outputPath("identity-rules-admin-editing-1280.png") });
  await page.getByRole("button", { name: "Review and save" }).click();
  const dialog = page.getByRole("dialog");
  const changes = dialog.getByTestId("rule-changes");
  await expect(changes).toContainText(
    `Add identifier type ${type}, read from traits.crm_id, context.traits.crm_id, context.externalIds`,
  );
  await expect(changes).toContainText("Block /guest-\\d+/");
  await expect(changes).toContainText("Block qa@acme.test");
  await expect(changes).toContainText("email: at most 5 → at most 3 within 30 days per profile");
  await expect(changes).toContainText("Default phone country: United States → Norway");
  await expect(changes).toContainText(
    `Priority: user_id > email > phone > anonymous_id → ${type} > user_id > email > phone > anonymous_id`,
  );
  await expect(changes).toContainText("Trait plan: the default → Source priority");
  await expect(changes).toContainText(`Source priority: none → ${sourceName}`);
  await expect(dialog).toContainText("apply to events processed from now on");
  await page.screenshot({ path: testInfo.outputPath("identity-rules-admin-confirm-1280.png") });
  await dialog.getByRole("button", { name: "Save rules" }).click();
  await expect(page.getByRole("status").filter({ hasText: "Identity rules saved" })).toBeVisible();
  await expect(page.getByRole("region", { name: "Unsaved changes" })).toHaveCount(0);

  await page.reload();
  await expect(page.getByTestId("custom-type").filter({ hasText: type })).toContainText("context.traits.crm_id");
  await expect(page.getByTestId("workspace-blocked")).toContainText("/guest-\\d+/");
  await expect(page.getByTestId("workspace-blocked")).toContainText("qa@acme.test");
  await expect(page.getByLabel("Default country")).toHaveValue("NO");
  await expect(page.getByLabel("Most email identifiers per profile")).toHaveValue("3");
  await expect(page.getByTestId("priority-row").first()).toContainText(type);
  await expect(page.getByText(/Last saved/)).toBeVisible();
  await expect(page.getByLabel("Strategy for plan")).toHaveValue("source_priority");
  await expect(page.getByTestId("source-priority-row")).toContainText(sourceName);

  for (const width of [1280, 1920]) {
    await page.setViewportSize({ width, height: 1000 });
    await page.waitForTimeout(300);
    await expectNoSidewaysOverflow(page, width);
    await page.screenshot({ path: testInfo.outputPath(`identity-rules-admin-${width}.png`), fullPage: true });
  }
});

test("a viewer sees the identity rules read-only, and can still test a value", async ({ page, browser }, testInfo) => {
  await signIn(page);
  const email = `identity-viewer-${Date.now()}@e2e.test`;
  const added = await page.request.post("/api/trpc/team.add", {
    data: { json: { email, role: "viewer", password: "viewer-password-1" } },
  });
  expect(added.status(), await added.text()).toBe(200);

  const context = await browser.newContext();
  const viewer = await context.newPage();
  await signIn(viewer, email, "viewer-password-1");
  await viewer.getByRole("navigation", { name: "Console" }).getByRole("link", { name: "Identity rules" }).click();
  await expect(viewer.getByRole("heading", { name: "Identity rules", level: 1 })).toBeVisible();
  await expect(viewer.getByTestId("read-only-notice")).toContainText("Only owners and admins can change them");
  await expect(viewer.getByTestId("built-in-types")).toContainText("anonymousId");
  for (const name of ["Add type", "Block", "Add override", "Review and save"])
    await expect(viewer.getByRole("button", { name, exact: true })).toHaveCount(0);
  await expect(viewer.getByRole("button", { name: /^Move .* up$/ })).toHaveCount(0);
  await expect(viewer.getByLabel("Default country")).toBeDisabled();
  await expect(viewer.getByLabel("Most email identifiers per profile")).toBeDisabled();

  await viewer.getByLabel("Value to test").fill("0000");
  await viewer.getByRole("button", { name: "Test", exact: true }).click();
  await expect(viewer.getByTestId("test-verdict")).toHaveText("Blocked: it matches the built-in pattern /^[0-]*$/.");

  await viewer.setViewportSize({ width: 1280, height: 1000 });
  await viewer.waitForTimeout(300);
  await expectNoSidewaysOverflow(viewer, 1280);
  await viewer.screenshot({ path: testInfo.outputPath("identity-rules-viewer-1280.png"), fullPage: true });
  await context.close();
});
