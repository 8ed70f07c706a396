// Is this neuron's hotkey on the subnet? If not, the error says exactly how to put it there.
import { resolve } from "node:path";
import type { Chain } from "../chain/types.js";
import { WALLET_DEFAULTS, expandTilde } from "../wallet/paths.js";
import { shellWord } from "../wallet/wallet.js";
import type { NeuronConfig } from "./config.js";
import { NeuronSubnetMissingError, NotRegisteredError, type RegisterSteps, registerStepsHint } from "./errors.js";

/** The exact commands that register a hotkey: btcli on a real chain, the runtime's own CLI on the local one. */
export function registerSteps(config: NeuronConfig, chainKind: Chain["kind"]): RegisterSteps {
  const wallet = ["--wallet.name", config.wallet.name, "--wallet.hotkey", config.wallet.hotkey];
  if (chainKind !== "local") return { register: `btcli subnets register --netuid ${config.netuid} ${wallet.join(" ")}` };
  // On the local chain btcli works too (its MEV-shielded register included), but the runtime's own CLI needs no Python.
  if (resolve(expandTilde(config.wallet.path)) !== resolve(expandTilde(WALLET_DEFAULTS.path))) wallet.push("--wallet.path", config.wallet.path);
  const chain = config.subtensor.chainEndpoint
    ? ["--subtensor.chain_endpoint", config.subtensor.chainEndpoint]
    : ["--subtensor.network", config.subtensor.network ?? "local"];
  const flags = [...wallet, ...chain].map(shellWord).join(" ");
  return { register: `npx subnet subnets register --netuid ${config.netuid} ${flags}`, fundFirst: `npx subnet faucet --amount 10 ${flags}` };
}

/** The NotRegisteredError hint: the steps, in words. */
export function registerHint(config: NeuronConfig, chainKind: Chain["kind"]): string {
  return registerStepsHint(registerSteps(config, chainKind));
}

/** Looks up the neuron's uid, or throws a NotRegisteredError saying how to register. */
export async function requireUid(chain: Chain, config: NeuronConfig, hotkey: string): Promise<number> {
  if (!(await chain.subnetExists(config.netuid))) {
    throw new NeuronSubnetMissingError(config.netuid);
  }
  const uid = await chain.uidOf(config.netuid, hotkey);
  if (uid === null) {
    throw new NotRegisteredError({ hotkey, netuid: config.netuid, steps: registerSteps(config, chain.kind) });
  }
  return uid;
}
