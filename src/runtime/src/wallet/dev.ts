import { DEV_PHRASE, Keyring } from "@polkadot/keyring";
import type { KeyringPair } from "@polkadot/keyring/types";
import { cryptoWaitReady, keyExtractSuri, keyFromPath, mnemonicToMiniSecret, sr25519PairFromSeed } from "@polkadot/util-crypto";
import type { Keypair } from "@polkadot/util-crypto/types";
import { CryptoNotReadyError } from "./errors.js";

/** The localnet genesis accounts (docs/wallets.md §7): URI and balance in rao. //Alice is the sudo key. */
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
/** The dev phrase's root pair: polkadot.js re-runs its PBKDF2 for every `//…` URI, the costly part of deriving one. */
let devRoot: Keypair | undefined;

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
  if (!keyring) throw new CryptoNotReadyError("keyFromUri");
  if (uri.startsWith("//")) {
    // The same derivation as createFromUri (the dev phrase, then the path), with the phrase's seed computed once.
    const { path, password } = keyExtractSuri(`${DEV_PHRASE}${uri}`);
    if (password === undefined) {
      devRoot ??= sr25519PairFromSeed(mnemonicToMiniSecret(DEV_PHRASE));
      return keyring.createFromPair(keyFromPath(devRoot, path, "sr25519"));
    }
  }
  return keyring.createFromUri(uri);
}
