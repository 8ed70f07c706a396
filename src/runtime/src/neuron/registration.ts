// Is this neuron's hotkey on the subnet? If not, the error says exactly how to put it there.
import type { Chain } from "../chain/types.js";
import type { NeuronConfig } from "./config.js";
import { NeuronConfigError, NotRegisteredError } from "./errors.js";

/** The exact steps to register a hotkey, for the NotRegisteredError hint. */
export function registerHint(config: NeuronConfig, chainKind: Chain["kind"]): string {
  const btcli = `btcli subnets register --netuid ${config.netuid} --wallet.name ${config.wallet.name} --wallet.hotkey ${config.wallet.hotkey}`;
  return chainKind === "local" ? `register it on the local chain (npm run dev does this for its dev keys), or run: ${btcli}` : `register it with: ${btcli}`;
}

/** Looks up the neuron's uid, or throws a NotRegisteredError saying how to register. */
export async function requireUid(chain: Chain, config: NeuronConfig, hotkey: string): Promise<number> {
  if (!(await chain.subnetExists(config.netuid))) {
    throw new NeuronConfigError(`subnet ${config.netuid} does not exist on this chain`, "check --netuid and --subtensor.network / --subtensor.chain_endpoint");
  }
  const uid = await chain.uidOf(config.netuid, hotkey);
  if (uid === null) {
    throw new NotRegisteredError(`hotkey ${hotkey} is not registered on subnet ${config.netuid}`, registerHint(config, chain.kind));
  }
  return uid;
}
