// A small subnet on the in-process local chain for the neuron tests: //Alice owns it (uid 0, and validates
// as the owner, exempt from the permit check like the SDK e2e flow), miners register with derived keys.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { KeyringPair } from "@polkadot/keyring/types";
import { LocalChain } from "../localnet/local-chain.js";
import { defineSynapse } from "../transport/synapse.js";
import type { SynapseResponse } from "../transport/types.js";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
export { RAO_PER_TAO as TAO } from "../chain/units.js";
import { RAO_PER_TAO as TAO } from "../chain/units.js";

export const synapse = defineSynapse({ name: "Echo", input: { text: "string" }, output: { echo: "string" }, requiredHashFields: ["text"] });
export type EchoTask = { input: { text: string } };
let counter = 0;
export const challenge = (): EchoTask => ({ input: { text: `hello ${counter++}` } });
export const reward = (task: EchoTask, r: SynapseResponse<typeof synapse>) => (r.status === 200 && r.output?.echo === task.input.text ? 1 : 0);
export const echo = ({ text }: { text: string }) => ({ echo: text });

export async function subnet(opts: { tempo?: number; rateLimit?: number; commitReveal?: boolean } = {}) {
  await cryptoReady();
  const tempo = opts.tempo ?? 10;
  const chain = await LocalChain.create({ genesis: { adminFreezeWindow: 0, newSubnetTempo: tempo } });
  const alice = keyFromUri("//Alice");
  const { netuid } = await chain.registerNetwork(alice, { hotkey: alice.address });
  await chain.startCall(alice, { netuid });
  const sudo = (call: string, args: Array<number | bigint | boolean>) => chain.admin(alice, { call, args, sudo: true });
  await sudo("sudo_set_weights_set_rate_limit", [netuid, BigInt(opts.rateLimit ?? tempo)]);
  if (opts.commitReveal) await sudo("sudo_set_commit_reveal_weights_enabled", [netuid, true]);
  const dir = mkdtempSync(join(tmpdir(), "neuron-test-"));
  const register = async (name: string): Promise<KeyringPair> => {
    const coldkey = keyFromUri(`//Test//${name}`);
    const hotkey = keyFromUri(`//Test//${name}//hotkey`);
    await chain.faucet(coldkey.address, 100n * TAO);
    await chain.burnedRegister(coldkey, { netuid, hotkey: hotkey.address });
    return hotkey;
  };
  const mineToNextEpoch = async () => chain.mine(Math.max(1, (await chain.nextEpochStartBlock(netuid)) - (await chain.blockNumber())));
  const neuronOpts = (name: string, hotkey: KeyringPair, config: Record<string, unknown> = {}) => ({
    argv: [] as string[],
    env: {},
    chain,
    hotkey,
    handleSignals: false,
    config: { netuid, axon: { ip: "127.0.0.1", port: 0 }, neuron: { fullPath: join(dir, name), epochLength: tempo, timeout: 1 }, ...config },
  });
  return {
    chain,
    alice,
    netuid,
    tempo,
    dir,
    sudo,
    register,
    mineToNextEpoch,
    neuronOpts,
    async close() {
      await chain.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
