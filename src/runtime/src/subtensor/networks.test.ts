import { afterEach, describe, expect, it, vi } from "vitest";
import { isChainError } from "../chain/errors.js";
import { NETWORKS, resolveEndpoint } from "./networks.js";

function codeOf(run: () => unknown): string | undefined {
  try {
    run();
  } catch (e) {
    return isChainError(e) ? e.code : "not a ChainError";
  }
  return undefined;
}

describe("resolveEndpoint", () => {
  afterEach(() => vi.unstubAllEnvs());

  it("maps the SDK's network names to their endpoints", () => {
    expect(resolveEndpoint("finney")).toBe("wss://entrypoint-finney.opentensor.ai:443");
    expect(resolveEndpoint("test")).toBe("wss://test.finney.opentensor.ai:443");
    expect(resolveEndpoint("archive")).toBe("wss://archive.chain.opentensor.ai:443");
    expect(resolveEndpoint("local")).toBe("ws://127.0.0.1:9944");
    expect(resolveEndpoint("latent-lite")).toBe(NETWORKS["latent-lite"]);
  });

  it("lets an explicit endpoint win over the network, and accepts a URL as the network", () => {
    expect(resolveEndpoint("finney", "ws://127.0.0.1:9977")).toBe("ws://127.0.0.1:9977");
    expect(resolveEndpoint("wss://node.example:443")).toBe("wss://node.example:443");
  });

  it("defaults to BT_SUBTENSOR_NETWORK, then finney; local honours BT_SUBTENSOR_CHAIN_ENDPOINT", () => {
    vi.stubEnv("BT_SUBTENSOR_NETWORK", "");
    vi.stubEnv("BT_SUBTENSOR_CHAIN_ENDPOINT", "");
    expect(resolveEndpoint()).toBe(NETWORKS.finney);
    vi.stubEnv("BT_SUBTENSOR_NETWORK", "test");
    expect(resolveEndpoint()).toBe(NETWORKS.test);
    vi.stubEnv("BT_SUBTENSOR_CHAIN_ENDPOINT", "ws://127.0.0.1:9945");
    expect(resolveEndpoint("local")).toBe("ws://127.0.0.1:9945");
    expect(resolveEndpoint("test")).toBe(NETWORKS.test);
  });

  it("rejects unknown names and non-websocket endpoints with a ChainError naming the fix", () => {
    expect(codeOf(() => resolveEndpoint("mainnet"))).toBe("UnknownNetwork");
    expect(codeOf(() => resolveEndpoint(undefined, "http://127.0.0.1:9944"))).toBe("InvalidEndpoint");
    try {
      resolveEndpoint("mainnet");
    } catch (e) {
      expect(isChainError(e) && e.hint).toContain("finney");
    }
  });
});
