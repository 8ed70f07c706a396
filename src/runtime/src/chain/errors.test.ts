import { readFileSync, readdirSync } from "node:fs";
import { join, sep } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { HintedError } from "../util/hinted-error.js";
import { CHAIN_ERROR_TEXTS, chainErrorHint } from "./error-texts.js";
import { ChainError, SUBNET_NOT_EXISTS_HINT, SubnetNotExistsError, chainError, chainErrorFromParts, isChainError, nodeChainError } from "./errors.js";
import { RAO_PER_TAO } from "./units.js";

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

describe("chainError (the table in error-texts.ts)", () => {
  it("builds the message from the code's fields and keeps the fields", () => {
    const error = chainError("WeightVecNotEqualSize", { uids: 3, weights: 2 });
    expect(error).toBeInstanceOf(ChainError);
    expect(error.code).toBe("WeightVecNotEqualSize");
    expect(error.message).toBe("WeightVecNotEqualSize: 3 uids but 2 weights; pass one weight per uid");
    expect(error.fields).toEqual({ uids: 3, weights: 2 });
    expect(isChainError(error, "WeightVecNotEqualSize")).toBe(true);
  });

  it("gives the exact retry block when the raiser knows it, and the rule alone on a real node", () => {
    const local = chainError("SettingWeightsTooFast", { last: 120, limit: 100 });
    expect(local.shortMessage).toBe("last set at block 120, rate limit 100 blocks");
    expect(local.hint).toBe("wait weights_rate_limit blocks since the last update, then retry at block 220");
    expect(chainErrorHint("SettingWeightsTooFast")).toBe("wait weights_rate_limit blocks since the last update, then retry");
  });

  it("says what differs on the local chain through fields: its faucet, its dev sudo key", () => {
    const short = chainError("InsufficientBalance", { balance: 10n * RAO_PER_TAO, amount: 15n * RAO_PER_TAO, faucet: true });
    expect(short.shortMessage).toBe("balance 10 TAO is below the transfer of 15 TAO");
    expect(short.hint).toBe("transfer less or fund the account (`subnet localnet` faucet)");
    expect(chainErrorHint("InsufficientBalance")).toBe("transfer less or fund the account");
    const sudo = chainError("RequireSudo", { call: "sudo_set_tempo", sudo: "5Alice", origin: "5Bob", sudoUri: "//Alice" });
    expect(sudo.message).toBe(
      "RequireSudo: Sudo.sudo(sudo_set_tempo) must be signed by the sudo key 5Alice, not 5Bob; sign Sudo.sudo with the chain's sudo key (//Alice)",
    );
    expect(chainError("RequireSudo", { sudo: null }).message).toBe("RequireSudo: the chain has no sudo key; admin calls need the subnet owner instead");
  });

  it("words each variant of one code from its own fields", () => {
    expect(chainError("AmountTooLow", { stake: 1_000_000n, min: 2_000_000n }).shortMessage).toBe("0.001 TAO is below the minimum stake 0.002 TAO");
    expect(chainError("AmountTooLow", { collateral: 0n }).hint).toBe("lock a positive amount");
    expect(chainError("InvalidValue", { setting: "mechanism_count", value: 3, min: 1, max: 2 }).shortMessage).toBe("mechanism_count 3 is outside 1…2");
    expect(chainError("InvalidValue", { setting: "collateral_lock_share", value: 70_000, max: 62_258 }).shortMessage).toBe(
      "collateral_lock_share 70000 is above 62258",
    );
    expect(chainError("InvalidValue", { setting: "mechanism_emission_split", sum: 100 }).hint).toBe("make the entries sum to 65535");
  });

  it("makes SubnetNotExists through its class, so instanceof holds whichever way it was built", () => {
    const error = chainError("SubnetNotExists", { netuid: 4, known: [1] });
    expect(error).toBeInstanceOf(SubnetNotExistsError);
    expect(error.shortMessage).toBe("subnet 4 does not exist (subnets: 1)");
    expect(chainError("SubnetDoesNotExist", { netuid: 4 }).hint).toBe(SUBNET_NOT_EXISTS_HINT);
  });

  it("has a hint for every code that reads without fields (what a real node gives)", () => {
    for (const code of Object.keys(CHAIN_ERROR_TEXTS)) {
      const hint = chainErrorHint(code);
      expect(hint, code).toMatch(/^\S.*\S$/);
      expect(hint, code).not.toMatch(/undefined|NaN|\[object/);
    }
    expect(chainErrorHint("NoSuchError")).toBeUndefined();
  });
});

describe("nodeChainError and chainErrorFromParts", () => {
  it("words a real node's refusal from the call and the node's reason, with the local chain's fix for that name", () => {
    const error = nodeChainError({ code: "DuplicateUids", call: "set_weights", reason: "subtensorModule.DuplicateUids" });
    expect(error.message).toBe("DuplicateUids: set_weights failed: subtensorModule.DuplicateUids; send each uid once");
    expect(error.hint).toBe(chainError("DuplicateUids", { uids: [1, 1] }).hint);
    expect(error.fields).toBeUndefined();
    expect(nodeChainError({ code: "Unheard", call: "x", reason: "y" }).hint).toBeUndefined();
  });

  it("rebuilds an error that crossed a wire as its parts", () => {
    const error = chainErrorFromParts({ code: "Stale", shortMessage: "nonce 1 of 5X was used already (next is 2)", hint: null });
    expect(isChainError(error, "Stale")).toBe(true);
    expect(error.hint).toBeUndefined();
  });
});

describe("throw sites", () => {
  const SRC = fileURLToPath(new URL("../", import.meta.url));
  const sources = readdirSync(SRC, { recursive: true, encoding: "utf8" }).filter(
    (file) => file.endsWith(".ts") && !/\.test(-helpers)?\.ts$/.test(file) && !file.startsWith(`chain${sep}`),
  );

  it("outside chain/, no runtime source builds a ChainError from its own words: each goes through chainError(code, fields)", () => {
    expect(sources.length).toBeGreaterThan(100);
    const offenders = sources.flatMap((file) => {
      const text = readFileSync(join(SRC, file), "utf8");
      return [...text.matchAll(/new ChainError\s*\(|extends ChainError\b(?!Code|Fields)/g)].map(
        (m) => `${file}:${text.slice(0, m.index).split("\n").length}: ${m[0]}`,
      );
    });
    expect(offenders).toEqual([]);
  });
});
