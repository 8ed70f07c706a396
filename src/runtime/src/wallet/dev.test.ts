import { Keyring } from "@polkadot/keyring";
import { beforeAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNTS, cryptoReady, keyFromUri } from "./dev.js";

describe("dev keys", () => {
  beforeAll(cryptoReady);

  it("derive the well-known localnet addresses", () => {
    expect(keyFromUri("//Alice").address).toBe("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
    expect(keyFromUri("//Ferdie").address).toBe("5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL");
    expect(DEV_ACCOUNTS.map((a) => a.name)).toEqual(["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"]);
  });

  it("derive dev-phrase paths exactly as polkadot.js createFromUri does (the phrase's seed is cached)", () => {
    const reference = new Keyring({ type: "sr25519", ss58Format: 42 });
    for (const uri of ["//Bob", "//Alice//stash", "//Sim//miner//a b//hotkey", "//x/soft//hard", "//Alice///secret"]) {
      const key = keyFromUri(uri);
      expect(key.address, uri).toBe(reference.createFromUri(uri).address);
      const message = new TextEncoder().encode(uri);
      expect(reference.createFromUri(uri).verify(message, key.sign(message), key.publicKey), uri).toBe(true);
    }
  });

  it("sign with sr25519 so that only the right key verifies", () => {
    const alice = keyFromUri("//Alice");
    const bob = keyFromUri("//Bob");
    const message = new TextEncoder().encode("set_weights");
    const signature = alice.sign(message);
    expect(alice.verify(message, signature, alice.publicKey)).toBe(true);
    expect(bob.verify(message, signature, bob.publicKey)).toBe(false);
  });
});
