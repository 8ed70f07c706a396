// Shared setup for the local chain's tests (excluded from the build).
import { expect } from "vitest";
import type { KeyringPair } from "@polkadot/keyring/types";
import { isChainError } from "../chain/errors.js";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
import { LocalChain } from "./local-chain.js";
export { RAO_PER_TAO as TAO } from "../chain/units.js";
import { RAO_PER_TAO as TAO } from "../chain/units.js";

export interface Keys {
  alice: KeyringPair;
  bob: KeyringPair;
  charlie: KeyringPair;
  dave: KeyringPair;
  ferdie: KeyringPair;
  /** Bob's validator hotkey. */
  vHot: KeyringPair;
  /** Charlie's miner hotkey. */
  mHot: KeyringPair;
}

export async function devKeys(): Promise<Keys> {
  await cryptoReady();
  const [alice, bob, charlie, dave, ferdie] = ["//Alice", "//Bob", "//Charlie", "//Dave", "//Ferdie"].map(keyFromUri);
  return { alice, bob, charlie, dave, ferdie, vHot: keyFromUri("//Bob//validator"), mHot: keyFromUri("//Charlie//miner") };
}

/** Awaits a rejection with ChainError `code` (and a hint); returns the full message. */
export async function rejects(promise: Promise<unknown>, code: string): Promise<string> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!isChainError(error)) throw new Error(`expected ChainError ${code}, got ${error === undefined ? "success" : String(error)}`);
  expect(error.code).toBe(code);
  expect(error.hint).toBeTruthy();
  return error.message;
}

export function sudo(chain: LocalChain, k: Keys, call: string, args: Array<number | bigint | boolean>) {
  return chain.admin(k.alice, { call, args, sudo: true });
}

/**
 * From block 1: subnet 1 owned by Alice (hotkey Alice = uid 0), started, freeze window 0, tempo 20;
 * validator uid 1 (hotkey of Bob), miner uid 2 (hotkey of Charlie). `permit`: Bob stakes 10 TAO and an epoch runs.
 */
export async function subnetWithNeurons(k: Keys, opts: { permit?: boolean } = {}) {
  const chain = await LocalChain.create();
  await chain.mine(1); // registrations at block 0 would get the "never set weights" pass
  await sudo(chain, k, "sudo_set_admin_freeze_window", [0]);
  const { netuid } = await chain.registerNetwork(k.alice, { hotkey: k.alice.address });
  await chain.startCall(k.alice, { netuid });
  await sudo(chain, k, "sudo_set_tempo", [netuid, 20]);
  await chain.burnedRegister(k.bob, { netuid, hotkey: k.vHot.address });
  await chain.burnedRegister(k.charlie, { netuid, hotkey: k.mHot.address });
  if (opts.permit) {
    await chain.addStake(k.bob, { netuid, hotkey: k.vHot.address, amount: 10n * TAO });
    await chain.runEpochNow(netuid);
  }
  return { chain, netuid };
}
