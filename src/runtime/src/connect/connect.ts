import WebSocket from "ws";
// The composition root: picks the chain implementation for an endpoint, so it sits above chain/, localnet/ and subtensor/.
import { chainError } from "../chain/errors.js";
import type { Chain } from "../chain/types.js";
import { LOCALNET_NAME } from "../localnet/name.js";
import { resolveEndpoint } from "../subtensor/networks.js";

export interface ConnectChainOptions {
  /** SDK network name (finney, test, archive, local, latent-lite) or a ws(s):// URL. */
  network?: string;
  /** ws(s):// URL; wins over `network`. */
  endpoint?: string;
  /** How long the `localnet_info` probe may take (default 5 s). */
  probeTimeoutMs?: number;
  /** For a real node: per-call timeout (default 60 s). */
  timeoutMs?: number;
  /** For a real node: wait until extrinsics are in a block (default true). */
  waitForInclusion?: boolean;
}

/** What the endpoint is: our embedded localnet, or anything else (a subtensor node). */
export async function probeEndpoint(url: string, timeoutMs = 5_000): Promise<"localnet" | "subtensor"> {
  const socket = new WebSocket(url);
  socket.on("error", () => undefined);
  try {
    return await new Promise<"localnet" | "subtensor">((resolve, reject) => {
      const timer = setTimeout(() => reject(chainError("ConnectionFailed", { url, ms: timeoutMs })), timeoutMs);
      socket.once("error", (error) => {
        clearTimeout(timer);
        reject(chainError("ConnectionFailed", { url, reason: error.message }, { cause: error }));
      });
      socket.once("open", () => socket.send(JSON.stringify({ jsonrpc: "2.0", id: 1, method: "localnet_info", params: [] })));
      socket.on("message", (data) => {
        let reply: { id?: unknown; result?: { name?: unknown } };
        try {
          reply = JSON.parse(String(data)) as typeof reply;
        } catch {
          return;
        }
        if (reply.id !== 1) return;
        clearTimeout(timer);
        // A subtensor node answers "Method not found"; only our localnet names itself.
        resolve(reply.result?.name === LOCALNET_NAME ? "localnet" : "subtensor");
      });
    });
  } finally {
    socket.terminate();
  }
}

/**
 * The chain neurons use: the embedded localnet's client when the endpoint is one (it answers
 * `localnet_info`), otherwise a SubtensorChain over @polkadot/api. Endpoint rules as `resolveEndpoint`.
 */
export async function connectChain(opts: ConnectChainOptions = {}): Promise<Chain> {
  const url = resolveEndpoint(opts.network, opts.endpoint);
  if ((await probeEndpoint(url, opts.probeTimeoutMs)) === "localnet") {
    const { connectLocalnet } = await import("../localnet/client.js");
    return connectLocalnet(url);
  }
  const { connectSubtensor } = await import("../subtensor/connect.js");
  return connectSubtensor({ endpoint: url, timeoutMs: opts.timeoutMs, waitForInclusion: opts.waitForInclusion });
}
