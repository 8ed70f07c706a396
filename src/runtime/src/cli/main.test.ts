// The `subnet` bin's dispatch, as a real child process: names that are Object.prototype members are unknown commands.
import { describe, expect, it } from "vitest";
import { runSubnet, withTempDir } from "../wallet/wallet.test-helpers.js";

describe("subnet <command>", () => {
  it("refuses toString, constructor and __proto__ as unknown commands (exit 2) instead of crashing", async () => {
    await withTempDir(async (cwd) => {
      for (const name of ["toString", "constructor", "__proto__"]) {
        const result = await runSubnet([name], { cwd });
        expect(result.code, result.stderr).toBe(2);
        expect(result.stderr).toContain(`subnet: unknown command "${name}"`);
        expect(result.stderr).not.toMatch(/is not a function/);
      }
    });
  }, 120_000);
});
