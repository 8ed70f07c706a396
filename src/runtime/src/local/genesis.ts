import { randomAsHex } from "@polkadot/util-crypto";
import { DEV_ACCOUNTS, keyFromUri } from "../wallet/dev.js";
import { fromWire, toWire } from "./codec.js";
import { defaultGlobals, type ChainState, type GlobalParams } from "./state.js";

let devAddresses: string[] | undefined;

/** A fresh chain at block 0: the dev accounts funded, //Alice the sudo key, a random genesis hash. */
export function genesisState(globals: Partial<GlobalParams> = {}): ChainState {
  // Deriving the dev keys is most of a start; their addresses never change, so once per process is enough.
  devAddresses ??= DEV_ACCOUNTS.map((dev) => keyFromUri(dev.uri).address);
  const balances: Record<string, bigint> = {};
  let totalIssuance = 0n;
  DEV_ACCOUNTS.forEach((dev, i) => {
    balances[devAddresses![i]] = dev.balance;
    totalIssuance += dev.balance;
  });
  return {
    format: 1,
    genesisHash: randomAsHex(32),
    block: 0,
    sudo: devAddresses[0], // //Alice
    balances,
    nonces: {},
    hotkeyOwner: {},
    subnets: {},
    globals: { ...defaultGlobals(), ...globals },
    lastNetworkRegistration: 0,
    lastLockCost: 0n,
    totalIssuance,
  };
}

export function serializeState(state: ChainState): string {
  return JSON.stringify(toWire(state));
}

export function deserializeState(text: string, source: string): ChainState {
  let value: unknown;
  try {
    value = fromWire(JSON.parse(text));
  } catch (error) {
    throw new Error(`${source} is not a localnet state file (${(error as Error).message}); move it away or pass another --state path`);
  }
  const state = value as Partial<ChainState>;
  if (state?.format !== 1 || typeof state.genesisHash !== "string" || typeof state.block !== "number" || typeof state.subnets !== "object") {
    throw new Error(`${source} is not a localnet state file (format 1); move it away or pass another --state path`);
  }
  return { ...state, globals: { ...defaultGlobals(), ...state.globals } } as ChainState;
}
