import { expect, test, type Page } from "@playwright/test";
import { signIn } from "./helpers";

const PASSWORD = "first-password-1";

/** Adds a member on the team page as the signed-in user and waits for their row. */
async function addMember(page: Page, email: string, role: string) {
  await page.goto("/team");
  await page.getByPlaceholder("jane@company.com").fill(email);
  await page.getByLabel("New member role").selectOption(role);
  await page.getByPlaceholder("at least 8 characters").fill(PASSWORD);
  await page.getByRole("button", { name: "Add member" }).click();
  await expect(page.getByTestId(`member-${email}`)).toBeVisible();
}

test("roles are described in the add form, the role pickers and the team page", async ({ page }) => {
  await signIn(page);
  await page.goto("/team");
  const described = page.getByTestId("new-member-role-description");
  await page.getByLabel("New member role").selectOption("viewer");
  await expect(described).toContainText("Viewer: Read-only, with personal data masked.");
  await expect(described.getByTestId("role-rights-viewer")).toContainText("cannot");
  await expect(described.getByTestId("role-rights-viewer")).toContainText("read the audit log");
  await page.getByLabel("New member role").selectOption("admin");
  await expect(described.getByTestId("role-rights-admin")).toContainText(
    "add and remove members and change their roles",
  );
  await expect(page.getByLabel("New member role").locator("option[value=viewer]")).toHaveText(/Viewer — read-only/);

  const guide = page.getByRole("table", { name: "What each role can do" });
  await expect(guide.getByTestId("role-guide-viewer")).toContainText("Read-only, with personal data masked.");
  await expect(guide.getByLabel("Owner can grant and revoke the owner role")).toBeVisible();
  await expect(guide.getByLabel("Admin cannot grant and revoke the owner role")).toBeVisible();
  await expect(guide.getByLabel("Viewer cannot read the audit log")).toBeVisible();
  await expect(guide.getByLabel("Analyst can explore events and the event catalog")).toBeVisible();
});

test("a role change is confirmed first, naming the member and both roles, then shown; a cancelled one changes nothing", async ({
  page,
}) => {
  await signIn(page);
  const email = `roles-${Date.now()}@e2e.test`;
  await addMember(page, email, "analyst");
  const picker = page.getByTestId(`member-${email}`).getByLabel(`Role of ${email}`);

  // Cancel: the dialog closes and the role stays, also after a reload.
  await picker.selectOption("admin");
  const dialog = page.getByRole("dialog");
  await expect(dialog).toContainText(`Change the role of ${email}?`);
  await expect(dialog).toContainText("from Analyst to Admin");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(picker).toHaveValue("analyst");
  await page.reload();
  await expect(picker).toHaveValue("analyst");

  // Confirm: the dialog says what the new role can and cannot do, then the change is made.
  await picker.selectOption("marketer");
  await expect(dialog).toContainText("from Analyst to Marketer");
  await expect(dialog.getByTestId("role-rights-marketer")).toContainText("As Marketer, they can");
  await expect(dialog.getByTestId("role-rights-marketer")).toContainText(
    "add and remove members and change their roles",
  );
  await dialog.getByRole("button", { name: "Change role" }).click();
  await expect(dialog).toHaveCount(0);
  await expect(picker).toHaveValue("marketer");
  await page.reload();
  await expect(picker).toHaveValue("marketer");

  // A removal is confirmed too: cancelled, the member stays; confirmed, they are gone.
  const row = page.getByTestId(`member-${email}`);
  await row.getByRole("button", { name: "Remove" }).click();
  await expect(dialog).toContainText(`Remove ${email} from Demo workspace?`);
  await expect(dialog).toContainText("(Marketer) will no longer be able to");
  await dialog.getByRole("button", { name: "Cancel" }).click();
  await expect(row).toBeVisible();
  await row.getByRole("button", { name: "Remove" }).click();
  await dialog.getByRole("button", { name: "Remove member" }).click();
  await expect(row).toHaveCount(0);
});

test("an owner demoting themselves (another owner remains) is warned, and loses the admin controls without a reload", async ({
  page,
  browser,
}) => {
  await signIn(page);
  const email = `second-owner-${Date.now()}@e2e.test`;
  await addMember(page, email, "owner");

  const context = await browser.newContext();
  const mine = await context.newPage();
  await signIn(mine, email, PASSWORD);
  await mine.goto("/team");
  const nav = mine.getByRole("navigation", { name: "Console" });
  await expect(mine.getByRole("heading", { name: "Add a member" })).toBeVisible();
  await expect(nav.getByRole("link", { name: "Audit log" })).toBeVisible();
  await mine.evaluate(() => ((window as unknown as { samePage: boolean }).samePage = true));

  await mine.getByLabel(`Role of ${email}`).selectOption("viewer");
  const dialog = mine.getByRole("dialog");
  await expect(dialog).toContainText("Change your own role?");
  await expect(dialog).toContainText("You go from Owner to Viewer");
  const warning = dialog.getByTestId("self-demotion-warning");
  await expect(warning).toContainText("You will lose the right to");
  await expect(warning).toContainText("add and remove members and change their roles");
  await expect(warning).toContainText("read the audit log");
  await dialog.getByRole("button", { name: "Yes, change my role" }).click();

  // The same page, now rendered with a viewer's rights.
  await expect(mine.getByRole("heading", { name: "Add a member" })).toHaveCount(0);
  await expect(mine.getByLabel(/^Role of /)).toHaveCount(0);
  await expect(mine.getByRole("button", { name: /^(Remove|Leave)$/ })).toHaveCount(0);
  await expect(nav.getByRole("link", { name: "Audit log" })).toHaveCount(0);
  await expect(mine.getByTestId(`member-${email}`)).toContainText("Viewer");
  expect(await mine.evaluate(() => (window as unknown as { samePage?: boolean }).samePage)).toBe(true);
  await context.close();
});
