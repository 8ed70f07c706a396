import { describe, expect, it } from "vitest";
import { HintedError, describeError } from "./hinted-error.js";

describe("HintedError", () => {
  it("builds message from label, shortMessage, hint and details, and keeps each as a field", () => {
    const cause = new Error("ECONNREFUSED");
    const error = new HintedError("cannot reach ws://x", "start one with `subnet localnet`", { label: "ConnectionFailed", details: "tried 3 times", cause });
    expect(error.message).toBe("ConnectionFailed: cannot reach ws://x; start one with `subnet localnet`\ntried 3 times");
    expect(error).toMatchObject({
      shortMessage: "cannot reach ws://x",
      hint: "start one with `subnet localnet`",
      label: "ConnectionFailed",
      details: "tried 3 times",
    });
    expect(error.cause).toBe(cause);
  });

  it("without a hint or label the message is the short message alone", () => {
    const error = new HintedError("bad");
    expect(error.message).toBe("bad");
    expect(error.hint).toBeUndefined();
    expect("cause" in error).toBe(false);
  });

  it("CLIs print the hint on its own line", () => {
    expect(describeError(new HintedError("x is wrong", "do y", { label: "Code", details: "figures" }))).toBe("Code: x is wrong\nfigures\n  hint: do y");
    expect(describeError(new HintedError("x is wrong"))).toBe("x is wrong");
  });
});
