import type { ApiPromise } from "@polkadot/api";
import type { Codec, Registry } from "@polkadot/types/types";
import { compactFromU8a } from "@polkadot/util";
import { chainError } from "../chain/errors.js";
import { LEGACY_TYPES } from "./legacy-types.js";

/**
 * The SCALE payload inside an opaque runtime-API answer. `state_call` hands back the encoded
 * `Vec<u8>` whole, so the bytes @polkadot/api returns still start with the vector's compact length.
 */
export function opaquePayload(bytes: Uint8Array, what: string): Uint8Array {
  if (bytes.length === 0) return bytes;
  const [offset, length] = compactFromU8a(bytes);
  if (offset + length.toNumber() !== bytes.length) {
    throw chainError("UndecodableRuntimeApi", { api: what, bytes: bytes.length });
  }
  return bytes.subarray(offset);
}

/**
 * Registers our legacy layouts on a registry once. Each runtime version has its own registry (e.g. `api.at`
 * a block before an upgrade), so this runs where the bytes are decoded, not once per connection.
 */
export function registerLegacyTypes(registry: Registry): void {
  if (!registry.hasDef("BstNeuronInfoLite")) registry.register(LEGACY_TYPES as unknown as Record<string, Record<string, string>>);
}

export function hasRuntimeApi(api: ApiPromise, section: string, method: string): boolean {
  return typeof api.call[section]?.[method] === "function";
}

/**
 * Calls a runtime API and returns its value as a codec, or null for `None` / an empty answer.
 * Newer runtimes declare typed outputs in metadata (decoded by @polkadot/api); older ones return
 * SCALE bytes, which are decoded here as `legacyType`.
 */
export async function callRuntimeApi(api: ApiPromise, section: string, method: string, args: unknown[], legacyType?: string): Promise<Codec | null> {
  const fn = api.call[section]?.[method];
  if (typeof fn !== "function") {
    throw chainError("RuntimeApiMissing", { api: `${section}.${method}`, spec: api.runtimeVersion.specVersion.toString() });
  }
  const out = (await fn(...args)) as Codec;
  if (out.toRawType() === "Bytes") {
    const payload = opaquePayload(out.toU8a(true), `${section}.${method}`);
    if (payload.length === 0) return null;
    if (!legacyType) throw chainError("UndecodableRuntimeApi", { api: `${section}.${method}` });
    registerLegacyTypes(api.registry);
    return api.registry.createType(legacyType, payload);
  }
  const option = out as Codec & { isNone?: boolean; unwrap?: () => Codec; isSome?: boolean };
  if (typeof option.isSome === "boolean" && typeof option.unwrap === "function") return option.isSome ? option.unwrap() : null;
  return out;
}
