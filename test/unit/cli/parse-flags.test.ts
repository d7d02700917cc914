import { describe, expect, it } from "vitest";
import { parseFlags, UsageError } from "@/server/cli/run-cli";

describe("parseFlags", () => {
  it("reads --key value pairs", () => {
    expect(parseFlags(["--email", "a@b.test", "--role", "admin"])).toEqual({ email: "a@b.test", role: "admin" });
  });

  it("reads --key=value, keeping any further = in the value", () => {
    expect(parseFlags(["--name=Acme", "--password=a=b=c", "--empty="])).toEqual({
      name: "Acme",
      password: "a=b=c",
      empty: "",
    });
  });

  it("reads a flag without a value as true, also before another flag", () => {
    expect(parseFlags(["--force", "--name", "X", "--help"])).toEqual({ force: true, name: "X", help: true });
  });

  it("takes a value that starts with a single dash", () => {
    expect(parseFlags(["--offset", "-5"])).toEqual({ offset: "-5" });
  });

  it("keeps values with spaces as one argument", () => {
    expect(parseFlags(["--name", "Acme Europe"])).toEqual({ name: "Acme Europe" });
  });

  it("returns nothing for no arguments", () => {
    expect(parseFlags([])).toEqual({});
  });

  it.each([
    [["stray"], "stray"],
    [["--name", "X", "extra"], "extra"],
    [["-n", "X"], "-n"],
  ])("refuses a stray argument in %j, naming it", (args, stray) => {
    expect(() => parseFlags(args)).toThrow(UsageError);
    expect(() => parseFlags(args)).toThrow(`unexpected argument "${stray}"`);
  });
});
