import { chainError } from "../chain/errors.js";

/** The Python SDK's network names and endpoints (bittensor/core/settings.py). */
export const NETWORKS = {
  finney: "wss://entrypoint-finney.opentensor.ai:443",
  test: "wss://test.finney.opentensor.ai:443",
  archive: "wss://archive.chain.opentensor.ai:443",
  local: "ws://127.0.0.1:9944",
  "latent-lite": "wss://lite.sub.latent.to:443",
} as const;

export type NetworkName = keyof typeof NETWORKS;

/** The SDK's default network. */
export const DEFAULT_NETWORK: NetworkName = "finney";

function isWsUrl(value: string): boolean {
  return /^wss?:\/\/[^\s/]+/i.test(value);
}

/**
 * The websocket endpoint for `--subtensor.network` / `--subtensor.chain_endpoint`, SDK rules:
 * an explicit endpoint wins; a network may itself be a ws(s):// URL; `local` honours
 * `BT_SUBTENSOR_CHAIN_ENDPOINT`; with neither, `BT_SUBTENSOR_NETWORK`, then finney.
 */
export function resolveEndpoint(network?: string, endpoint?: string): string {
  if (endpoint !== undefined && endpoint !== "") {
    if (!isWsUrl(endpoint)) {
      throw chainError("InvalidEndpoint", { endpoint });
    }
    return endpoint;
  }
  const name = network || process.env.BT_SUBTENSOR_NETWORK || DEFAULT_NETWORK;
  if (isWsUrl(name)) return name;
  if (name === "local" && process.env.BT_SUBTENSOR_CHAIN_ENDPOINT) {
    return resolveEndpoint(undefined, process.env.BT_SUBTENSOR_CHAIN_ENDPOINT);
  }
  if (Object.hasOwn(NETWORKS, name)) return NETWORKS[name as NetworkName];
  throw chainError("UnknownNetwork", { name, known: Object.keys(NETWORKS) });
}
