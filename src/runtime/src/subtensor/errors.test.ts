import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { Metadata, TypeRegistry } from "@polkadot/types";
import type { DispatchError } from "@polkadot/types/interfaces";
import substrateMetadata from "@polkadot/types-support/metadata/static-substrate";
import { describe, expect, it } from "vitest";
import { chainErrorHint } from "../chain/error-texts.js";
import { ChainError, SUBNET_NOT_EXISTS_HINT, chainError } from "../chain/errors.js";
import { CUSTOM_TX_ERRORS, ERROR_ALIASES, chainErrorFromDispatch, chainErrorFromSubmit } from "./errors.js";

// A real registry over real runtime metadata (the substrate node's, shipped with @polkadot/types-support).
const registry = new TypeRegistry();
registry.setMetadata(new Metadata(registry, substrateMetadata as `0x${string}`));

function moduleError(pallet: string, name: string): DispatchError {
  const meta = registry.metadata.pallets.find((p) => p.name.toString() === pallet)!;
  const variants = registry.lookup.getSiType(meta.errors.unwrap().type).def.asVariant.variants;
  const index = variants.find((v) => v.name.toString() === name)!.index.toNumber();
  return registry.createType("DispatchError", { Module: { index: meta.index, error: [index, 0, 0, 0] } });
}

describe("chainErrorFromDispatch (real registry, substrate metadata)", () => {
  it("names a pallet error after the metadata's variant and attaches its hint", () => {
    const error = chainErrorFromDispatch(registry, moduleError("Balances", "InsufficientBalance"), "transfer_keep_alive");
    expect(error).toBeInstanceOf(ChainError);
    expect(error.code).toBe("InsufficientBalance");
    expect(error.shortMessage).toMatch(/^transfer_keep_alive failed: balances\.InsufficientBalance/);
    expect(error.hint).toBe(chainErrorHint("InsufficientBalance"));
    expect(error.hint).toBe("transfer less or fund the account");
  });

  it("decodes a different error index to a different name (not a fixed answer)", () => {
    const error = chainErrorFromDispatch(registry, moduleError("Balances", "ExistentialDeposit"), "transfer");
    expect(error.code).toBe("ExistentialDeposit");
    expect(error.hint).toBeUndefined();
  });

  it("names BadOrigin, and the inner variant of Token errors", () => {
    expect(chainErrorFromDispatch(registry, registry.createType("DispatchError", "BadOrigin"), "sudo_set_tempo").code).toBe("BadOrigin");
    const token = chainErrorFromDispatch(registry, registry.createType("DispatchError", { Token: "NoFunds" }), "add_stake");
    expect(token.code).toBe("NoFunds");
    expect(token.shortMessage).toContain("Token.NoFunds");
  });
});

describe("ERROR_ALIASES", () => {
  it("maps renamed errors of older runtimes onto names that have a hint", () => {
    for (const [old, current] of Object.entries(ERROR_ALIASES)) {
      expect(old).not.toBe(current);
      expect(chainErrorHint(current)).toBeDefined();
    }
    expect(ERROR_ALIASES.SubNetworkDoesNotExist).toBe("SubnetNotExists");
    expect(ERROR_ALIASES.NeedWaitingMoreBlocksToStarCall).toBe("StartCallNotReady");
    // InsufficientBalance → InsufficientTaoBalance is SubtensorModule's rename only (Balances keeps the name, tested above).
    expect(ERROR_ALIASES["subtensorModule.InsufficientBalance"]).toBe("InsufficientTaoBalance");
    expect(ERROR_ALIASES.InsufficientBalance).toBeUndefined();
  });
});

describe("chainErrorFromSubmit", () => {
  it("maps subtensor's custom transaction-validity codes to error names", () => {
    const error = chainErrorFromSubmit(new Error("1010: Invalid Transaction: Custom error: 12"), "serve_axon");
    expect(error.code).toBe("ServingRateLimitExceeded");
    expect(error.hint).toBe("wait serving_rate_limit blocks since the last serve, then retry");
    expect(chainErrorFromSubmit(new Error("1010: Invalid Transaction: Custom error: 99"), "x").code).toBe("CustomTransactionError99");
  });

  it("uses substrate's InvalidTransaction names the local chain uses", () => {
    expect(chainErrorFromSubmit(new Error("1010: Invalid Transaction: Transaction is outdated"), "x").code).toBe("Stale");
    expect(chainErrorFromSubmit(new Error("1010: Invalid Transaction: Transaction has a bad signature"), "x").code).toBe("BadProof");
    expect(chainErrorFromSubmit(new Error("1010: Invalid Transaction: Inability to pay some fees"), "x").code).toBe("Payment");
    expect(chainErrorFromSubmit(new Error("socket hang up"), "x").code).toBe("TransactionFailed");
  });

  it("passes ChainErrors through unchanged", () => {
    const original = chainError("Timeout", { what: "state_getStorage", ms: 10 });
    expect(chainErrorFromSubmit(original, "x")).toBe(original);
  });
});

describe("parity with the local chain", () => {
  // Codes of the local chain's transaction layer, not subtensor dispatch errors.
  const TRANSPORT_CODES = new Set(["Stale", "Future", "BadProof", "ChainClosed"]);
  const localDir = fileURLToPath(new URL("../localnet/", import.meta.url));
  const sources = readdirSync(localDir, { recursive: true, encoding: "utf8" })
    .filter((f) => f.endsWith(".ts") && !f.endsWith(".test.ts"))
    .map((f) => readFileSync(join(localDir, f), "utf8"));
  const codes = new Set(sources.flatMap((s) => [...s.matchAll(/(?:new ChainError|chainError)\(\s*"(\w+)"/g)].map((m) => m[1]!)));

  it("has a hint for every subtensor error the local chain raises", () => {
    expect(codes.size).toBeGreaterThan(20);
    const missing = [...codes].filter((c) => !TRANSPORT_CODES.has(c) && !chainErrorHint(c));
    expect(missing).toEqual([]);
  });

  it("maps custom validity codes to names consistent with the hint table", () => {
    for (const name of Object.values(CUSTOM_TX_ERRORS)) expect(typeof name).toBe("string");
    expect(chainErrorHint(CUSTOM_TX_ERRORS[10]!)).toBeDefined();
  });

  it("gives a real node's refusal the fix the local chain gives for that name", () => {
    const node = chainErrorFromSubmit(new Error("1010: Invalid Transaction: Custom error: 10"), "serve_axon");
    const local = chainError("HotKeyNotRegisteredInNetwork", { hotkey: "5F", netuid: 1 });
    expect(node.code).toBe(local.code);
    expect(node.hint).toBe(local.hint);
    expect(node.shortMessage).toBe("serve_axon failed: 1010: Invalid Transaction: Custom error: 10");
  });
});

describe("SubnetNotExists on a real node", () => {
  it("has the same hint as the local chain's SubnetNotExistsError", () => {
    expect(chainErrorHint("SubnetNotExists")).toBe(SUBNET_NOT_EXISTS_HINT);
    expect(chainErrorFromSubmit(new Error("1010: Invalid Transaction: Custom error: 3"), "burned_register").hint).toBe(SUBNET_NOT_EXISTS_HINT);
  });
});
