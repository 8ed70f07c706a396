import { randomAsHex } from "@polkadot/util-crypto";
import { DEV_ACCOUNTS, keyFromUri } from "../wallet/dev.js";
import { fromWire, toWire } from "./codec.js";
import { defaultGlobals, newSubnetParams, type ChainState, type GlobalParams } from "./state.js";
import { LocalnetStateFileError } from "./errors.js";

/**
 * The well-known ss58 addresses of the dev URIs (public constants of every substrate dev chain). Deriving
 * them would be most of a chain's start-up; genesis.test.ts checks them against keyFromUri.
 */
export const DEV_ADDRESSES: Readonly<Record<string, string>> = {
  "//Alice": "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY",
  "//Bob": "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty",
  "//Charlie": "5FLSigC9HGRKVhB9FiEo4Y3koPsNmBmLJbpXg2mp1hXcS59Y",
  "//Dave": "5DAAnrj7VHTznn2AWBemMuyBwZWs6FNFjdyVXUeYum3PTXFy",
  "//Eve": "5HGjWAeFDfFCWPsjFQdVV2Msvz2XtMktvgocEZcCj68kUMaw",
  "//Ferdie": "5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL",
};

let devAddresses: string[] | undefined;

/** A fresh chain at block 0: the dev accounts funded, //Alice the sudo key, a random genesis hash. */
export function genesisState(globals: Partial<GlobalParams> = {}): ChainState {
  devAddresses ??= DEV_ACCOUNTS.map((dev) => DEV_ADDRESSES[dev.uri] ?? keyFromUri(dev.uri).address);
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
    dissolving: [],
    networkRegistrationQueue: [],
    networkRegistrationLockId: 0,
    idleBlock: -1,
  };
}

/** The state file: the state, and beside it (`blocks`) what the Substrate front keeps of its block headers. */
export function serializeState(state: ChainState, blocks?: unknown): string {
  return JSON.stringify(toWire(blocks === undefined ? state : { ...state, blocks }));
}

export function deserializeState(text: string, source: string): ChainState {
  return readStateFile(text, source).state;
}

export function readStateFile(text: string, source: string): { state: ChainState; blocks?: unknown } {
  let value: unknown;
  try {
    value = fromWire(JSON.parse(text));
  } catch (error) {
    throw new LocalnetStateFileError(source, (error as Error).message, { cause: error });
  }
  const { blocks, ...rest } = (value ?? {}) as Partial<ChainState> & { blocks?: unknown };
  const state = rest;
  if (state?.format !== 1 || typeof state.genesisHash !== "string" || typeof state.block !== "number" || typeof state.subnets !== "object") {
    throw new LocalnetStateFileError(source, "not format 1");
  }
  // Fields added since the file was written take their defaults.
  for (const subnet of Object.values(state.subnets ?? {})) {
    subnet.params = { ...newSubnetParams(subnet.params.tempo), ...subnet.params };
    subnet.minerCollateral ??= {};
    subnet.mechanisms ??= [];
  }
  state.dissolving ??= [];
  state.networkRegistrationQueue ??= [];
  state.networkRegistrationLockId ??= 0;
  state.idleBlock ??= state.block - 1;
  return { state: { ...state, globals: { ...defaultGlobals(), ...state.globals } } as ChainState, blocks };
}
