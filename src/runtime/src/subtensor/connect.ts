import { ApiPromise } from "@polkadot/api";
import { ChainError, chainError } from "../chain/errors.js";
import { SubtensorChain, type SubtensorChainOptions } from "./chain.js";
import { SUBTENSOR_SIGNED_EXTENSIONS } from "./extensions.js";
import { resolveEndpoint } from "./networks.js";
import { BackoffWsProvider, type BackoffOptions } from "./provider.js";
import { withTimeout } from "./timeout.js";

export interface ConnectSubtensorOptions extends SubtensorChainOptions {
  /** SDK network name (finney, test, archive, local, latent-lite) or a ws(s):// URL. */
  network?: string;
  /** ws(s):// URL; wins over `network`. */
  endpoint?: string;
  /** How long to wait for the first connection and metadata (default 30 s). */
  connectTimeoutMs?: number;
  reconnect?: BackoffOptions;
}

/** Connects to a subtensor node and loads its metadata; rejects with a ChainError when it cannot. */
export async function connectSubtensor(options: ConnectSubtensorOptions = {}): Promise<SubtensorChain> {
  const endpoint = resolveEndpoint(options.network, options.endpoint);
  const timeoutMs = options.timeoutMs ?? 60_000;
  const provider = new BackoffWsProvider(endpoint, { ...options.reconnect, requestTimeoutMs: timeoutMs });
  await provider.connect();
  const api = new ApiPromise({ provider, noInitWarn: true, throwOnConnect: false, signedExtensions: SUBTENSOR_SIGNED_EXTENSIONS });
  // ApiPromise reports connection trouble as events; listening keeps them from surfacing as unhandled.
  api.on("error", () => undefined);
  try {
    await withTimeout(api.isReadyOrError, options.connectTimeoutMs ?? 30_000, `connecting to ${endpoint}`);
  } catch (e) {
    await api.disconnect().catch(() => undefined);
    const reason = e instanceof ChainError ? e.shortMessage : e instanceof Error ? e.message : String(e);
    throw chainError("ConnectionFailed", { url: endpoint, reason }, { cause: e });
  }
  return new SubtensorChain(api, endpoint, options);
}
