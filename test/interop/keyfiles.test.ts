// Keyfiles both ways with the real btwallet (bittensor-wallet 4.1.1): encrypted and unencrypted, sr25519
// and ed25519 (btwallet 4.1 writes `cryptoType`); and a wallet we write loads in btwallet.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ed25519Verify, signatureVerify } from "@polkadot/util-crypto";
import { cryptoReady } from "../../src/runtime/src/wallet/dev.js";
import { createWallet, Wallet } from "../../src/runtime/src/wallet/wallet.js";
import { runPython } from "./peers.js";

/** btwallet prints progress ("Encrypting...") on stdout too: the answer is the last line. */
const lastJson = (out: string) => JSON.parse(out.trim().split("\n").pop()!);
const PASSWORD = "correct horse battery staple";
/** btwallet encrypts with argon2 at its interactive cost: seconds per key on an idle core, minutes on a loaded one. */
const BTWALLET_TIMEOUT_MS = 240_000;
let dir: string;
beforeAll(async () => {
  await cryptoReady();
  dir = await mkdtemp(join(tmpdir(), "btwallet-interop-"));
});
afterAll(() => rm(dir, { recursive: true, force: true }));

describe("wallets btwallet writes load in ours with the same addresses", () => {
  it("sr25519 and ed25519, encrypted coldkey, unencrypted coldkey and hotkey", { timeout: 300_000 }, async () => {
    const written = lastJson(await runPython("bt10", ["btwallet_keys.py", "create", dir, PASSWORD], BTWALLET_TIMEOUT_MS)) as Record<
      string,
      { coldkey: string; hotkey: string; plainColdkey: string }
    >;
    for (const scheme of ["sr25519", "ed25519"] as const) {
      const wallet = new Wallet({ name: `py-${scheme}`, path: dir });
      const coldkey = await wallet.coldkey(PASSWORD, { interactive: false });
      const hotkey = await wallet.hotkey(undefined, { interactive: false });
      const plain = await new Wallet({ name: `py-${scheme}-plain`, path: dir }).coldkey(undefined, { interactive: false });
      expect({ scheme, coldkey: coldkey.address, hotkey: hotkey.address, plainColdkey: plain.address }).toEqual({ scheme, ...written[scheme] });
      expect([coldkey.type, hotkey.type, plain.type]).toEqual([scheme, scheme, scheme]);
      expect(await wallet.coldkeyPub()).toBe(written[scheme].coldkey);
      // The loaded secret is the real one: what it signs verifies under the published address.
      const message = new TextEncoder().encode("btauth/1 interop");
      const signature = hotkey.sign(message);
      expect(scheme === "ed25519" ? ed25519Verify(message, signature, hotkey.publicKey) : signatureVerify(message, signature, hotkey.address).isValid).toBe(
        true,
      );
    }
  });
});

describe("a wallet we write loads in btwallet", () => {
  it("encrypted coldkey, coldkeypub and hotkey give the same addresses and key type", { timeout: 300_000 }, async () => {
    const created = await createWallet({ name: "ours", path: dir, usePassword: true, password: PASSWORD });
    const loaded = lastJson(await runPython("bt10", ["btwallet_keys.py", "load", dir, "ours", PASSWORD], BTWALLET_TIMEOUT_MS));
    expect(loaded).toEqual({ coldkey: created.coldkeyAddress, coldkeypub: created.coldkeyAddress, hotkey: created.hotkeyAddress, cryptoTypes: [1, 1, 1] });
  });

  it("our unencrypted keyfiles have the fields btwallet 4.1 writes for the same kind of key, cryptoType included", async () => {
    // btwallet's sr25519 wallet from the first describe: a mnemonic hotkey and a coldkeypub, like ours.
    const fields = async (file: string) => {
      const data = JSON.parse(await readFile(join(dir, file), "utf8")) as Record<string, unknown>;
      return { keys: Object.keys(data).sort(), cryptoType: data.cryptoType };
    };
    for (const file of ["hotkeys/default", "coldkeypub.txt"]) {
      const theirs = await fields(`py-sr25519/${file}`);
      expect(theirs.cryptoType).toBe(1);
      expect(await fields(`ours/${file}`)).toEqual(theirs);
    }
  });
});
