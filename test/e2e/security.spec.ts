import { expect, test, type Page, type Response } from "@playwright/test";
import { signIn } from "./helpers";

/**
 * Every console page under its Content-Security-Policy: no violation reported (console messages and
 * `securitypolicyviolation` events), the page hydrated (a client component reacts), and the security headers
 * on its response.
 */
declare global {
  interface Window {
    __cspViolations?: string[];
  }
}

function expectSecurityHeaders(response: Response | null, path: string) {
  expect(response, `a response for ${path}`).not.toBeNull();
  const headers = response!.headers();
  const csp = headers["content-security-policy"] ?? "";
  expect(csp, `${path}: CSP`).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
  expect(csp, `${path}: CSP`).toContain("frame-ancestors 'none'");
  expect(csp, `${path}: CSP`).toContain("object-src 'none'");
  expect(csp, `${path}: no unsafe scripts`).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
  expect(headers["x-frame-options"], path).toBe("DENY");
  expect(headers["x-content-type-options"], path).toBe("nosniff");
  expect(headers["referrer-policy"], path).toBe("strict-origin-when-cross-origin");
  // Served over plain http here: no HSTS (it would pin a browser to https the server does not speak).
  expect(headers["strict-transport-security"], path).toBeUndefined();
}

async function collectViolations(page: Page, sink: string[]) {
  await page.addInitScript(() => {
    window.__cspViolations = [];
    document.addEventListener("securitypolicyviolation", (e) =>
      window.__cspViolations!.push(`${e.violatedDirective} blocked ${e.blockedURI || "inline"}`),
    );
  });
  page.on("console", (message) => {
    if (/Content Security Policy|Refused to (execute|load|apply|connect|frame)/i.test(message.text()))
      sink.push(`${page.url()}: ${message.text()}`);
  });
}

async function visit(page: Page, path: string, landmark: RegExp | string, sink: string[]) {
  const response = await page.goto(path);
  expectSecurityHeaders(response, path);
  await expect(page.getByRole("heading", { name: landmark }).first()).toBeVisible();
  // Let the page's queries and scripts run (the live debugger polls), then read what the browser reported.
  await page.waitForTimeout(1_500);
  sink.push(...(await page.evaluate(() => window.__cspViolations ?? [])).map((v) => `${path}: ${v}`));
}

/** Creates a source of `type` through the console's API as the signed-in user; answers its id. */
async function createSource(page: Page, type: "http" | "webhook" | "file") {
  const response = await page.request.post("/api/trpc/sources.create", {
    data: { json: { name: `CSP ${type} ${Date.now()}`, type } },
  });
  expect(response.status(), await response.text()).toBe(200);
  const body = (await response.json()) as { result: { data: { json: { source: { id: string; name: string } } } } };
  return body.result.data.json.source;
}

test("every console page runs under its CSP without a violation and carries the security headers", async ({ page }) => {
  const violations: string[] = [];
  await collectViolations(page, violations);

  await visit(page, "/signin", "Sign in", violations);
  await signIn(page);
  // Hydrated: the user menu (a client component) opens.
  await page.getByRole("button", { name: /@e2e\.test/ }).click();
  await expect(page.getByRole("menuitem", { name: "Account and password" })).toBeVisible();

  const sources = {
    http: await createSource(page, "http"),
    webhook: await createSource(page, "webhook"),
    file: await createSource(page, "file"),
  };
  const pages: [string, RegExp | string][] = [
    ["/", /./],
    ["/sources", "Sources"],
    [`/sources/${sources.http.id}`, sources.http.name],
    [`/sources/${sources.webhook.id}`, sources.webhook.name],
    [`/sources/${sources.file.id}`, sources.file.name],
    ["/events", "Events"],
    ["/profiles", "Profiles"],
    ["/enrichment", "Enrichment"],
    ["/identity", "Identity rules"],
    ["/catalog", /catalog/i],
    ["/team", "Team"],
    ["/access-tokens", "Access tokens"],
    ["/jobs", "Jobs"],
    ["/audit", "Audit log"],
    ["/account", "Your account"],
  ];
  for (const [path, landmark] of pages) await visit(page, path, landmark, violations);

  // A client-side action works too (tRPC from the browser under connect-src 'self').
  await page.goto("/audit");
  await page.getByLabel("Action").selectOption("source.create");
  await page.getByRole("button", { name: "Apply filters" }).click();
  await expect(page.getByTestId("audit-row").first()).toContainText("Source created");

  expect(violations).toEqual([]);
});

test("the console refuses to be framed by another page", async ({ page }) => {
  const violations: string[] = [];
  page.on("console", (m) => violations.push(m.text()));
  await page.goto("/signin");
  await page.setContent(`<iframe id="f" src="${new URL("/signin", page.url()).toString()}"></iframe>`);
  const frame = page.frameLocator("#f");
  await expect(frame.getByRole("heading", { name: "Sign in" })).toHaveCount(0);
  await page.waitForTimeout(1_000);
  expect(violations.join("\n")).toMatch(/frame-ancestors|X-Frame-Options|Refused to (display|frame)/i);
});

test("the violation collector itself sees a violation: an inline event handler is blocked and reported", async ({
  page,
}) => {
  const violations: string[] = [];
  await collectViolations(page, violations);
  await page.goto("/signin");
  // What an injected payload would look like: inline code no nonce covers.
  await page.evaluate(() =>
    document.body.insertAdjacentHTML(
      "beforeend",
      `<img alt="" src="/no-such-image.png" onerror="window.__ranWithoutNonce = true">`,
    ),
  );
  await page.waitForTimeout(500);
  violations.push(...(await page.evaluate(() => window.__cspViolations ?? [])));
  expect(await page.evaluate(() => (window as { __ranWithoutNonce?: boolean }).__ranWithoutNonce ?? false)).toBe(false);
  expect(violations.join("\n")).toMatch(/script-src/);
});
