/** The demo owner the browser tests' server is started with. */
export const E2E_ADMIN = { email: "owner@e2e.test", password: "e2e-owner-password" };
