// JSON-RPC 2.0 pieces shared by the localnet server and client.
import { readFileSync } from "node:fs";

export const RPC = {
  parseError: -32700,
  invalidRequest: -32600,
  methodNotFound: -32601,
  invalidParams: -32602,
  internal: -32603,
  /** A ChainError: `data` carries { code, shortMessage, hint }. */
  chainError: -32010,
} as const;

/** Requests larger than this are answered with "invalid request" (the socket itself caps at 4×). */
export const MAX_REQUEST_BYTES = 1 << 20;

export interface RpcErrorObject {
  code: number;
  message: string;
  data?: unknown;
}

export const runtimeVersion: string = (JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string }).version;
