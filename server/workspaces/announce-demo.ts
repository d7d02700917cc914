import type { DemoCredentials } from "./ensure-demo-workspace";

/** Prints the demo owner's sign-in once, at the start that created it. */
export function announceDemo(demo: DemoCredentials): void {
  const lines = [
    "Created the demo workspace.",
    `  Sign in as: ${demo.email}`,
    demo.generatedPassword
      ? `  Password:   ${demo.generatedPassword}   (generated; shown only now — change it with npm run cdp -- user:set-password)`
      : "  Password:   the value of CDP_ADMIN_PASSWORD",
  ];
  console.log(lines.join("\n"));
}
