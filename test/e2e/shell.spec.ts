import { expect, test } from "@playwright/test";
import { E2E_ADMIN } from "./credentials";
import { signIn } from "./helpers";

test("sign in, change a member's role, see it in the audit log, sign out", async ({ page }) => {
  await signIn(page);
  await expect(page.getByTestId("workspace-name")).toHaveText("Demo workspace");
  const nav = page.getByRole("navigation", { name: "Console" });
  await expect(nav.getByRole("link", { name: "Team" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
  // Every area's link carries its icon.
  const areas = await nav.getByRole("link").count();
  expect(areas).toBeGreaterThanOrEqual(5);
  await expect(nav.locator("a > svg")).toHaveCount(areas);

  // Add a member, then promote them.
  await nav.getByRole("link", { name: "Team" }).click();
  const email = `analyst-${Date.now()}@e2e.test`;
  await page.getByPlaceholder("jane@company.com").fill(email);
  await page.getByLabel("New member role").selectOption("analyst");
  await page.getByPlaceholder("at least 8 characters").fill("first-password-1");
  await page.getByRole("button", { name: "Add member" }).click();
  const row = page.getByTestId(`member-${email}`);
  await expect(row).toBeVisible();
  await row.getByLabel(`Role of ${email}`).selectOption("marketer");
  await page.getByRole("dialog").getByRole("button", { name: "Change role" }).click();
  await expect(row.getByLabel(`Role of ${email}`)).toHaveValue("marketer");

  // The change is in the audit log, with its before and after.
  await nav.getByRole("link", { name: "Audit log" }).click();
  await page.getByLabel("Action").selectOption("member.role_change");
  await page.getByRole("button", { name: "Apply filters" }).click();
  const entry = page.getByTestId("audit-row").first();
  await expect(entry).toContainText("member.role_change");
  await expect(entry.getByTestId("audit-target")).toContainText(email);
  await expect(entry.getByTestId("audit-change")).toHaveText("role: analyst → marketer");
  await expect(entry).toContainText(E2E_ADMIN.email);

  // Sign out: the console is closed again.
  await page.getByRole("button", { name: E2E_ADMIN.email }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
  await page.goto("/team");
  await expect(page).toHaveURL(/\/signin/);
});

test("a wrong password shows an error and opens no session", async ({ page, context }) => {
  await page.goto("/signin");
  await page.locator("input[name=email]").fill(E2E_ADMIN.email);
  await page.locator("input[name=password]").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.getByText("Wrong email or password.")).toBeVisible();
  const cookies = await context.cookies();
  expect(cookies.some((c) => c.name.includes("session-token"))).toBe(false);
  await page.goto("/team");
  await expect(page).toHaveURL(/\/signin/);
});
