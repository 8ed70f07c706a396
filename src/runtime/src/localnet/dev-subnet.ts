// One subnet on a dev chain, made the same way by `subnet dev` and the test kit: //Alice (the genesis sudo key)
// creates and owns it, and every validator and miner gets its own keys derived from its role and name.
import type { KeyringPair } from "@polkadot/keyring/types";
import type { AdminCall, DevChain } from "../chain/types.js";
import { RAO_PER_TAO, taoToRao } from "../chain/units.js";
import { keyFromUri } from "../wallet/dev.js";

/** The owner's dev key: //Alice is the localnet's sudo key, so its admin calls may be sudo calls. */
export const OWNER_URI = "//Alice";

export type DevNeuronRole = "validator" | "miner";

export interface DevNeuronSpec {
  name: string;
  role: DevNeuronRole;
  /** Stake in TAO on its own hotkey. Default 0. */
  stake?: number;
}

export interface DevNeuron {
  name: string;
  /** "owner" for the owner's own hotkey (uid 0). */
  role: DevNeuronRole | "owner";
  coldkeyUri: string;
  hotkeyUri: string;
  coldkey: KeyringPair;
  hotkey: KeyringPair;
}

export interface DevSubnetOptions {
  /** Admin calls to apply right after creation, each as root (sudo) by the owner. */
  adminCalls?: (netuid: number) => AdminCall[];
  /** The owner's own neuron (uid 0, //Alice's hotkey): its name, whether it validates, and its stake in TAO. */
  owner?: { name: string; role?: DevNeuronRole | "owner"; stake?: number };
  /** Registered in this order after the owner, so their uids are 1, 2, … */
  neurons: DevNeuronSpec[];
}

export interface DevSubnet {
  netuid: number;
  owner: DevNeuron;
  /** The owner first, then `neurons` in uid order. */
  neurons: DevNeuron[];
}

/**
 * The dev key scheme: a neuron's coldkey is `//Subnet//<role>//<name>` and its hotkey that path `//hotkey`, so a
 * hotkey in a log or a failure message says whose it is. Public keys: local chains only.
 */
export function devNeuronUris(role: DevNeuronRole, name: string): { coldkeyUri: string; hotkeyUri: string } {
  const coldkeyUri = `//Subnet//${role}//${name}`;
  return { coldkeyUri, hotkeyUri: `${coldkeyUri}//hotkey` };
}

/** Creates a subnet owned by //Alice, applies `adminCalls`, and registers (faucet-funded) and stakes each neuron. */
export async function createDevSubnet(chain: DevChain, opts: DevSubnetOptions): Promise<DevSubnet> {
  const alice = keyFromUri(OWNER_URI);
  const owner: DevNeuron = {
    name: opts.owner?.name ?? "owner",
    role: opts.owner?.role ?? "owner",
    coldkeyUri: OWNER_URI,
    hotkeyUri: OWNER_URI,
    coldkey: alice,
    hotkey: alice,
  };
  const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
  await chain.startCall(alice, { netuid });
  for (const call of opts.adminCalls?.(netuid) ?? []) await chain.admin(alice, { ...call, sudo: true });
  const ownerStake = taoToRao(opts.owner?.stake ?? 0);
  if (ownerStake > 0n) await chain.addStake(alice, { netuid, hotkey: alice.address, amount: ownerStake });

  const neurons: DevNeuron[] = [owner];
  for (const spec of opts.neurons) {
    const uris = devNeuronUris(spec.role, spec.name);
    const neuron: DevNeuron = { name: spec.name, role: spec.role, ...uris, coldkey: keyFromUri(uris.coldkeyUri), hotkey: keyFromUri(uris.hotkeyUri) };
    const stake = taoToRao(spec.stake ?? 0);
    // Enough for the registration burn and fees, plus the stake.
    await chain.faucet(neuron.coldkey.address, 1_000n * RAO_PER_TAO + stake);
    await chain.burnedRegister(neuron.coldkey, { netuid, hotkey: neuron.hotkey.address });
    if (stake > 0n) await chain.addStake(neuron.coldkey, { netuid, hotkey: neuron.hotkey.address, amount: stake });
    neurons.push(neuron);
  }
  return { netuid, owner, neurons };
}
