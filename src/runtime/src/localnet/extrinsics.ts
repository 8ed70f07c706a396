// One table from the Chain interface's extrinsic methods to the emulator's calls: the call (subtensor's name,
// or "admin" for AdminUtils setters) and its arguments by subtensor's names, in subtensor's order. LocalChain
// (in process) and the localnet client (over JSON-RPC) both sign exactly what this table builds; a Substrate
// front decoding SCALE call args by the same names can check itself against `argNames`.
import type { AdminCall, Chain } from "../chain/types.js";

/** Chain methods that submit an extrinsic. */
export type ExtrinsicMethod =
  | "transfer"
  | "registerNetwork"
  | "startCall"
  | "burnedRegister"
  | "serveAxon"
  | "setWeights"
  | "commitWeights"
  | "revealWeights"
  | "addStake"
  | "removeStake"
  | "setTempo"
  | "triggerEpoch"
  | "admin";

/** The params a Chain extrinsic method takes after its signer. */
export type ExtrinsicParams<M extends ExtrinsicMethod> = Chain[M] extends (signer: never, params: infer P) => unknown ? P : never;

export interface EmulatorCall {
  call: string;
  args: Record<string, unknown>;
}

interface Mapping<M extends ExtrinsicMethod> {
  /** The pallet the call lives in on a subtensor node. */
  pallet: "Balances" | "SubtensorModule" | "AdminUtils";
  call: string;
  /** Argument names in subtensor's order (the SCALE order of the call). */
  argNames: readonly string[];
  args(params: ExtrinsicParams<M>): unknown[];
}

const adminArgs = (c: AdminCall): unknown[] => [c.call, c.args, c.sudo === true];

export const EXTRINSICS: { readonly [M in ExtrinsicMethod]: Mapping<M> } = {
  transfer: { pallet: "Balances", call: "transfer_keep_alive", argNames: ["dest", "value"], args: (p) => [p.dest, p.amount] },
  registerNetwork: { pallet: "SubtensorModule", call: "register_network", argNames: ["hotkey"], args: (p) => [p.hotkey] },
  startCall: { pallet: "SubtensorModule", call: "start_call", argNames: ["netuid"], args: (p) => [p.netuid] },
  burnedRegister: { pallet: "SubtensorModule", call: "burned_register", argNames: ["netuid", "hotkey"], args: (p) => [p.netuid, p.hotkey] },
  serveAxon: {
    pallet: "SubtensorModule",
    call: "serve_axon",
    argNames: ["netuid", "version", "ip", "port", "protocol", "placeholder1", "placeholder2"],
    args: (p) => [p.netuid, p.version ?? 0, p.ip, p.port, p.protocol ?? 4, 0, 0],
  },
  setWeights: {
    pallet: "SubtensorModule",
    call: "set_weights",
    argNames: ["netuid", "dests", "weights", "version_key"],
    args: (p) => [p.netuid, p.uids, p.weights, p.versionKey],
  },
  commitWeights: { pallet: "SubtensorModule", call: "commit_weights", argNames: ["netuid", "commit_hash"], args: (p) => [p.netuid, p.commitHash] },
  revealWeights: {
    pallet: "SubtensorModule",
    call: "reveal_weights",
    argNames: ["netuid", "uids", "values", "salt", "version_key"],
    args: (p) => [p.netuid, p.uids, p.weights, p.salt, p.versionKey],
  },
  addStake: { pallet: "SubtensorModule", call: "add_stake", argNames: ["hotkey", "netuid", "amount_staked"], args: (p) => [p.hotkey, p.netuid, p.amount] },
  removeStake: {
    pallet: "SubtensorModule",
    call: "remove_stake",
    argNames: ["hotkey", "netuid", "amount_unstaked"],
    args: (p) => [p.hotkey, p.netuid, p.amount],
  },
  // SubtensorModule.set_tempo is a no-op since spec 459: the owner's AdminUtils.sudo_set_tempo does the work.
  setTempo: {
    pallet: "AdminUtils",
    call: "admin",
    argNames: ["call", "args", "sudo"],
    args: (p) => adminArgs({ call: "sudo_set_tempo", args: [p.netuid, p.tempo] }),
  },
  triggerEpoch: { pallet: "SubtensorModule", call: "trigger_epoch", argNames: ["netuid"], args: (p) => [p.netuid] },
  admin: { pallet: "AdminUtils", call: "admin", argNames: ["call", "args", "sudo"], args: adminArgs },
};

/** The emulator call a Chain extrinsic method submits, its arguments keyed by subtensor's names. */
export function emulatorCall<M extends ExtrinsicMethod>(method: M, params: ExtrinsicParams<M>): EmulatorCall {
  const mapping = EXTRINSICS[method] as Mapping<M>;
  const values = mapping.args(params);
  return { call: mapping.call, args: Object.fromEntries(mapping.argNames.map((name, i) => [name, values[i]])) };
}
