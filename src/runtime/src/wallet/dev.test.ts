import { beforeAll, describe, expect, it } from "vitest";
import { DEV_ACCOUNTS, cryptoReady, keyFromUri } from "./dev.js";

describe("dev keys", () => {
  beforeAll(cryptoReady);

  it("derive the well-known localnet addresses", () => {
    expect(keyFromUri("//Alice").address).toBe("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY");
    expect(keyFromUri("//Ferdie").address).toBe("5CiPPseXPECbkjWCa6MnjNokrgYjMqmKndv2rSnekmSK2DjL");
    expect(DEV_ACCOUNTS.map((a) => a.name)).toEqual(["Alice", "Bob", "Charlie", "Dave", "Eve", "Ferdie"]);
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
