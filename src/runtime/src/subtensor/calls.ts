import type { ApiPromise } from "@polkadot/api";
import type { SubmittableExtrinsic, SubmittableExtrinsicFunction } from "@polkadot/api/types";
import { chainError } from "../chain/errors.js";

/** snake_case call name (as subtensor and the SDK spell it) → polkadot-js camelCase. */
export function camel(name: string): string {
  return name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
}

export function findCall(api: ApiPromise, pallet: string, call: string): SubmittableExtrinsicFunction<"promise"> | undefined {
  return api.tx[pallet]?.[camel(call)];
}

function specOf(api: ApiPromise): string {
  return `${api.runtimeVersion.specName.toString()} spec ${api.runtimeVersion.specVersion.toString()}`;
}

/**
 * Builds `pallet.call` from named arguments, following the argument list in the node's metadata, so
 * calls whose signatures changed between runtime versions (register_network gained `mechid`, then an
 * identity, then lost them) are built right for the runtime connected to. Arguments the metadata has
 * but `values` lacks take `defaults[name]`, or `None` for an Option.
 */
export function buildCall(
  api: ApiPromise,
  pallet: string,
  call: string,
  values: Record<string, unknown>,
  defaults: Record<string, unknown> = {},
): SubmittableExtrinsic<"promise"> {
  const fn = findCall(api, pallet, call);
  if (!fn) {
    throw chainError("CallNotInRuntime", { call: `${pallet}.${call}`, runtime: specOf(api) });
  }
  const args = fn.meta.args.map((arg) => {
    const name = arg.name.toString();
    const key = [name, camel(name)].find((k) => Object.hasOwn(values, k) || Object.hasOwn(defaults, k));
    if (key !== undefined) return Object.hasOwn(values, key) ? values[key] : defaults[key];
    if (arg.type.toString().startsWith("Option<")) return null;
    throw chainError("UnsupportedCallSignature", { call: `${pallet}.${call}`, runtime: specOf(api), argument: `${name}: ${arg.type.toString()}` });
  });
  return fn(...args);
}

/** An `AdminUtils` setter from positional arguments, checked against the metadata's argument count. */
export function buildAdminCall(api: ApiPromise, call: string, args: readonly unknown[]): SubmittableExtrinsic<"promise"> {
  const fn = findCall(api, "adminUtils", call);
  if (!fn) {
    throw chainError("CallNotInRuntime", { call: `AdminUtils.${call}`, runtime: specOf(api) });
  }
  const expected = fn.meta.args.map((a) => `${a.name.toString()}: ${a.type.toString()}`);
  if (expected.length !== args.length) {
    throw chainError("UnsupportedCallSignature", { call: `AdminUtils.${call}`, runtime: specOf(api), expected, got: args.length });
  }
  return fn(...args);
}
