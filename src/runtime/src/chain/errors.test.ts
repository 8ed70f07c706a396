import { describe, expect, it } from "vitest";
import { ChainError, isChainError } from "./errors.js";

describe("ChainError", () => {
  it("carries subtensor's error name, a one-line message and a hint", () => {
    const error = new ChainError("SettingWeightsTooFast", "last set at block 120, rate limit 100 blocks", "retry at block 220");
    expect(error.code).toBe("SettingWeightsTooFast");
    expect(error.message).toBe("SettingWeightsTooFast: last set at block 120, rate limit 100 blocks; retry at block 220");
    expect(error.hint).toBe("retry at block 220");
    expect(isChainError(error, "SettingWeightsTooFast")).toBe(true);
    expect(isChainError(error, "NeuronNoValidatorPermit")).toBe(false);
    expect(isChainError(new Error("x"))).toBe(false);
  });
});
