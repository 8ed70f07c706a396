import { ApiPromise } from "@polkadot/api";
import { MockProvider } from "@polkadot/rpc-provider/mock";
import { TypeRegistry } from "@polkadot/types";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isChainError } from "../chain/errors.js";
import { buildAdminCall, buildCall, camel } from "./calls.js";

// No subtensor node can run inside unit tests, so these use polkadot-js's mock transport, which serves the
// real substrate-node metadata: the calls are built from that metadata exactly as from a live node's.
let api: ApiPromise;
beforeAll(async () => {
  const registry = new TypeRegistry();
  api = await ApiPromise.create({ provider: new MockProvider(registry), registry, noInitWarn: true });
});
afterAll(async () => {
  await api?.disconnect();
});

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    return isChainError(e) ? e.code : "not a ChainError";
  }
  return undefined;
}

describe("buildCall (mock transport: substrate metadata)", () => {
  it("converts snake_case names", () => {
    expect(camel("sudo_set_weights_set_rate_limit")).toBe("sudoSetWeightsSetRateLimit");
  });

  it("orders named arguments as the runtime's metadata lists them", () => {
    const dest = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
    const tx = buildCall(api, "balances", "transfer_keep_alive", { value: 7n, dest });
    expect(tx.method.section).toBe("balances");
    expect(tx.method.method).toBe("transferKeepAlive");
    expect(tx.method.args[0]!.toString()).toBe(dest);
    expect(tx.method.args[1]!.toString()).toBe("7");
  });

  it("fills arguments the client did not pass from defaults, or None for an Option", () => {
    // proxy.proxy(real, force_proxy_type: Option<…>, call) has an Option in the middle.
    const inner = api.tx.system.remark("0x01");
    const tx = buildCall(api, "proxy", "proxy", { real: "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty", call: inner });
    expect((tx.method.args[1] as unknown as { isNone: boolean }).isNone).toBe(true);
    const remark = buildCall(api, "system", "remark", {}, { remark: "0x02" });
    expect(remark.method.args[0]!.toHex()).toBe("0x02");
  });

  it("refuses an argument it cannot supply, and a call the runtime lacks", () => {
    expect(codeOf(() => buildCall(api, "balances", "transfer_keep_alive", { value: 1n }))).toBe("UnsupportedCallSignature");
    expect(codeOf(() => buildCall(api, "subtensorModule", "start_call", { netuid: 1 }))).toBe("CallNotInRuntime");
  });
});

describe("buildAdminCall (mock transport: substrate metadata)", () => {
  it("refuses a setter this runtime does not have, naming it", () => {
    try {
      buildAdminCall(api, "sudo_set_tempo", [1, 10]);
      expect.unreachable();
    } catch (e) {
      expect(isChainError(e, "CallNotInRuntime")).toBe(true);
      expect((e as Error).message).toContain("AdminUtils.sudo_set_tempo");
    }
  });
});
