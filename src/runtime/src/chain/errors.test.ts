import { describe, expect, it } from "vitest";
import { HintedError } from "../util/hinted-error.js";
import { ChainError, SUBNET_NOT_EXISTS_HINT, SubnetNotExistsError, isChainError } from "./errors.js";

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

describe("SubnetNotExistsError", () => {
  it("builds subtensor's SubnetNotExists from the netuid and the subnets there are, with one hint everywhere", () => {
    const error = new SubnetNotExistsError({ netuid: 7, known: [0, 1, 3] });
    expect(error).toBeInstanceOf(ChainError);
    expect(error).toBeInstanceOf(HintedError);
    expect(isChainError(error, "SubnetNotExists")).toBe(true);
    expect(error.shortMessage).toBe("subnet 7 does not exist (subnets: 0, 1, 3)");
    expect(error.hint).toBe(SUBNET_NOT_EXISTS_HINT);
    expect(error.message).toBe(`SubnetNotExists: subnet 7 does not exist (subnets: 0, 1, 3); ${SUBNET_NOT_EXISTS_HINT}`);
    expect(new SubnetNotExistsError({ netuid: 2, known: [] }).shortMessage).toBe("subnet 2 does not exist (subnets: none)");
    expect(new SubnetNotExistsError({ netuid: 2 }).shortMessage).toBe("subnet 2 does not exist");
  });
});
