import { expect, test, type Page } from "@playwright/test";
import { E2E_ADMIN } from "./credentials";
import { signIn } from "./helpers";

const FIRST = "first-password-1";
const SECOND = "second-password-2";

async function signOut(page: Page, email: string) {
  await page.getByRole("button", { name: email }).click();
  await page.getByRole("menuitem", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/signin/);
}

async function trySignIn(page: Page, email: string, password: string) {
  await page.goto("/signin");
  await page.locator("input[name=email]").fill(email);
  await page.locator("input[name=password]").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
}

test("a member changes their own password: this browser stays in, other sessions end, the old password is refused", async ({
  page,
  browser,
}) => {
  // A member of their own (the demo owner's password stays as the other browser tests expect it).
  await signIn(page);
  const email = `account-${Date.now()}@e2e.test`;
  const added = await page.request.post("/api/trpc/team.add", {
    data: { json: { email, role: "viewer", password: FIRST } },
  });
  expect(added.status(), await added.text()).toBe(200);
  await signOut(page, E2E_ADMIN.email);

  await signIn(page, email, FIRST);
  // Another browser signed in as the same member before the change.
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, email, FIRST);

  await page.getByRole("button", { name: email }).click();
  await page.getByRole("menuitem", { name: "Account and password" }).click();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  const form = page.getByRole("form", { name: "Change your password" });

  // Two different new passwords: refused before anything is sent.
  await form.getByLabel("Current password").fill(FIRST);
  await form.getByLabel("New password", { exact: true }).fill(SECOND);
  await form.getByLabel("New password again").fill(`${SECOND}x`);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("alert")).toHaveText("The two new passwords differ.");

  // A wrong current password: refused by the server, naming it.
  await form.getByLabel("Current password").fill("not-my-password");
  await form.getByLabel("New password again").fill(SECOND);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("alert")).toContainText("this is not your current password");

  await form.getByLabel("Current password").fill(FIRST);
  await form.getByLabel("New password", { exact: true }).fill(SECOND);
  await form.getByLabel("New password again").fill(SECOND);
  await form.getByRole("button", { name: "Change password" }).click();
  await expect(form.getByRole("status")).toContainText("Password changed. Your other sessions were signed out.");

  // This browser is still signed in; the other one is not.
  await page.reload();
  await expect(page.getByRole("heading", { name: "Your account" })).toBeVisible();
  await otherPage.goto("/account");
  await expect(otherPage).toHaveURL(/\/signin/);
  await other.close();

  // Signed out: the old password is refused, the new one works.
  await signOut(page, email);
  await trySignIn(page, email, FIRST);
  await expect(page.getByRole("alert").filter({ hasText: "Wrong email or password." })).toBeVisible();
  await signIn(page, email, SECOND);
  await expect(page.getByTestId("workspace-name")).toBeVisible();
});

test("the audit log names targets, shows changes as before → after, and fits from 1280 to 1440 px", async ({
  page,
}, testInfo) => {
  await signIn(page);
  const email = `audited-${Date.now()}@e2e.test`;
  await page.request.post("/api/trpc/team.add", { data: { json: { email, role: "viewer", password: FIRST } } });
  await page.goto("/team");
  const row = page.getByTestId(`member-${email}`);
  await row.getByLabel(`Role of ${email}`).selectOption("analyst");
  await page.getByRole("dialog").getByRole("button", { name: "Change role" }).click();
  await expect(row.getByLabel(`Role of ${email}`)).toHaveValue("analyst");

  await page.goto("/audit");
  await page.getByLabel("Action").selectOption("member.role_change");
  await page.getByRole("button", { name: "Apply filters" }).click();
  const entry = page.getByTestId("audit-row").first();
  await expect(entry).toContainText("Member's role changed");
  await expect(entry.getByTestId("audit-target")).toContainText(email);
  await expect(entry.getByTestId("audit-change")).toHaveText("role: viewer → analyst");

  // Every member action at once: the group option filters by prefix.
  await page.getByLabel("Action").selectOption("member.");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("audit-row").filter({ hasText: "Member added" }).first()).toBeVisible();
  await page.getByLabel("Action").selectOption("");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("audit-row").first()).toBeVisible();

  for (const width of [1280, 1440]) {
    await page.setViewportSize({ width, height: 900 });
    await page.waitForTimeout(300);
    // No cell of the Change or IP column is cut: its content fits inside it, and the table inside the page.
    const clipped = await page.evaluate(() =>
      [
        ...document.querySelectorAll<HTMLElement>(
          "[data-testid=audit-change], [data-testid=audit-ip], [data-testid=audit-target]",
        ),
      ]
        .filter((cell) => cell.scrollWidth > cell.clientWidth + 1)
        .map((cell) => cell.textContent),
    );
    expect(clipped, `clipped cells at ${width}px`).toEqual([]);
    // Nor is the table wider than its card (Tremor would scroll it sideways, hiding the last columns).
    const hidden = await page.evaluate(() => {
      const table = document.querySelector("table")!;
      const box = table.parentElement!;
      const right = box.getBoundingClientRect().right;
      const ips = [...document.querySelectorAll("[data-testid=audit-ip]")].filter(
        (c) => c.getBoundingClientRect().right > right + 1,
      ).length;
      return { overflow: box.scrollWidth - box.clientWidth, ips };
    });
    expect(hidden, `table overflow at ${width}px`).toEqual({ overflow: 0, ips: 0 });
    const overflow = await page.evaluate(
      () => document.documentElement.scrollWidth - document.documentElement.clientWidth,
    );
    expect(overflow, `page wider than the window at ${width}px`).toBeLessThanOrEqual(0);
    await page.screenshot({ path: testInfo.outputPath(`audit-${width}.png`), fullPage: true });
  }
});
