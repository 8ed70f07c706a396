import { Keyring } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";
import { cryptoWaitReady } from "@polkadot/util-crypto";

/** The localnet genesis accounts (wallets.md §7): URI and balance in rao. //Alice is the sudo key. */
export const DEV_ACCOUNTS = [
  { name: "Alice", uri: "//Alice", balance: 1_000_000n * 10n ** 9n },
  { name: "Bob", uri: "//Bob", balance: 1_000_000n * 10n ** 9n },
  { name: "Charlie", uri: "//Charlie", balance: 1_000_000n * 10n ** 9n },
  { name: "Dave", uri: "//Dave", balance: 2_000n * 10n ** 9n },
  { name: "Eve", uri: "//Eve", balance: 2_000n * 10n ** 9n },
  { name: "Ferdie", uri: "//Ferdie", balance: 2_000n * 10n ** 9n },
] as const;

export const SS58_FORMAT = 42;

let keyring: Keyring | undefined;

/** sr25519 (wasm) must be initialised once before keys are derived or signatures checked. */
export async function cryptoReady(): Promise<void> {
  await cryptoWaitReady();
  keyring ??= new Keyring({ type: "sr25519", ss58Format: SS58_FORMAT });
}

/**
 * An sr25519 key from a substrate URI: `//Alice`, `//Bob/stash`, a mnemonic with a path, or a 0x seed.
 * Call `await cryptoReady()` once first.
 */
export function keyFromUri(uri: string): KeyringPair {
  if (!keyring) throw new Error("keyFromUri: sr25519 is not initialised; call `await cryptoReady()` first");
  return keyring.createFromUri(uri);
}
