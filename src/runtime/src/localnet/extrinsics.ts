// One table of the emulator's signed calls and their arguments, by subtensor's names in subtensor's order, and
// from it the Chain interface's extrinsic methods. LocalChain (in process), the localnet client (over JSON-RPC)
// and the Substrate front (SCALE-decoded calls, which carry subtensor's names) all build their emulator calls
// from `EMULATOR_CALL_ARGS`, so an argument is named in one place.
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

/**
 * The emulator's calls (dispatch.ts) that a client signs, each with the arguments it reads in subtensor's order.
 * Subtensor arguments the emulator ignores (serve_axon's ip_type, register's proof of work) are left out;
 * `admin` carries an AdminUtils setter by name with its arguments in order.
 */
export const EMULATOR_CALL_ARGS = {
  transfer_keep_alive: ["dest", "value"],
  register_network: ["hotkey"],
  start_call: ["netuid"],
  burned_register: ["netuid", "hotkey"],
  register: ["netuid", "hotkey"],
  serve_axon: ["netuid", "version", "ip", "port", "protocol", "placeholder1", "placeholder2"],
  set_weights: ["netuid", "dests", "weights", "version_key"],
  commit_weights: ["netuid", "commit_hash"],
  reveal_weights: ["netuid", "uids", "values", "salt", "version_key"],
  commit_timelocked_weights: ["netuid"],
  set_mechanism_weights: ["netuid", "mecid", "dests", "weights", "version_key"],
  commit_mechanism_weights: ["netuid", "mecid", "commit_hash"],
  reveal_mechanism_weights: ["netuid", "mecid", "uids", "values", "salt", "version_key"],
  add_stake: ["hotkey", "netuid", "amount_staked"],
  add_stake_limit: ["hotkey", "netuid", "amount_staked", "limit_price", "allow_partial"],
  remove_stake: ["hotkey", "netuid", "amount_unstaked"],
  set_tempo: ["netuid", "tempo"],
  set_activity_cutoff_factor: ["netuid", "factor_milli"],
  trigger_epoch: ["netuid"],
  admin: ["call", "args", "sudo"],
} as const satisfies Record<string, readonly string[]>;

export type EmulatorCallName = keyof typeof EMULATOR_CALL_ARGS;

/** An emulator call (dispatch.ts CALLS name) with its arguments keyed by subtensor's names. */
export interface EmulatorCall {
  call: string;
  args: Record<string, unknown>;
}

/** The emulator call `call`, its arguments taken by name from `source` (e.g. a SCALE-decoded call's arguments). */
export function pickEmulatorCall(call: EmulatorCallName, source: Record<string, unknown>): EmulatorCall {
  return { call, args: Object.fromEntries(EMULATOR_CALL_ARGS[call].map((name) => [name, source[name]])) };
}

interface Mapping<M extends ExtrinsicMethod> {
  /** The pallet the call lives in on a subtensor node. */
  pallet: "Balances" | "SubtensorModule" | "AdminUtils";
  call: EmulatorCallName;
  /** The call's argument values, in the order of `EMULATOR_CALL_ARGS[call]`. */
  args(params: ExtrinsicParams<M>): unknown[];
}

const adminArgs = (c: AdminCall): unknown[] => [c.call, c.args, c.sudo === true];

export const EXTRINSICS: { readonly [M in ExtrinsicMethod]: Mapping<M> } = {
  transfer: { pallet: "Balances", call: "transfer_keep_alive", args: (p) => [p.dest, p.amount] },
  registerNetwork: { pallet: "SubtensorModule", call: "register_network", args: (p) => [p.hotkey] },
  startCall: { pallet: "SubtensorModule", call: "start_call", args: (p) => [p.netuid] },
  burnedRegister: { pallet: "SubtensorModule", call: "burned_register", args: (p) => [p.netuid, p.hotkey] },
  serveAxon: {
    pallet: "SubtensorModule",
    call: "serve_axon",

    args: (p) => [p.netuid, p.version ?? 0, p.ip, p.port, p.protocol ?? 4, 0, 0],
  },
  setWeights: {
    pallet: "SubtensorModule",
    call: "set_weights",

    args: (p) => [p.netuid, p.uids, p.weights, p.versionKey],
  },
  commitWeights: { pallet: "SubtensorModule", call: "commit_weights", args: (p) => [p.netuid, p.commitHash] },
  revealWeights: {
    pallet: "SubtensorModule",
    call: "reveal_weights",

    args: (p) => [p.netuid, p.uids, p.weights, p.salt, p.versionKey],
  },
  addStake: { pallet: "SubtensorModule", call: "add_stake", args: (p) => [p.hotkey, p.netuid, p.amount] },
  removeStake: {
    pallet: "SubtensorModule",
    call: "remove_stake",

    args: (p) => [p.hotkey, p.netuid, p.amount],
  },
  // SubtensorModule.set_tempo is a no-op since spec 459: the owner's AdminUtils.sudo_set_tempo does the work.
  setTempo: {
    pallet: "AdminUtils",
    call: "admin",

    args: (p) => adminArgs({ call: "sudo_set_tempo", args: [p.netuid, p.tempo] }),
  },
  triggerEpoch: { pallet: "SubtensorModule", call: "trigger_epoch", args: (p) => [p.netuid] },
  admin: { pallet: "AdminUtils", call: "admin", args: adminArgs },
};

/** The emulator call a Chain extrinsic method submits, its arguments keyed by subtensor's names. */
export function emulatorCall<M extends ExtrinsicMethod>(method: M, params: ExtrinsicParams<M>): EmulatorCall {
  const mapping = EXTRINSICS[method] as Mapping<M>;
  const values = mapping.args(params);
  return { call: mapping.call, args: Object.fromEntries(EMULATOR_CALL_ARGS[mapping.call].map((name, i) => [name, values[i]])) };
}
