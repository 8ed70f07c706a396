// MEV Shield ciphertexts made by the real bittensor 11 (bittensor_core.encrypt_mlkem768, the function the SDK
// shields burned_register with) open with the localnet's author keys, and only with the key they name.
import { u8aToHex } from "@polkadot/util";
import { describe, expect, it } from "vitest";
import { KEY_WINDOW_BLOCKS, ShieldKeys } from "../../src/runtime/src/localnet/substrate/mev-shield.js";
import { runPython } from "./peers.js";

const encrypt = async (publicKey: Uint8Array, plaintext: Uint8Array) =>
  Uint8Array.from(Buffer.from((await runPython("bt11", ["mlkem_encrypt.py", u8aToHex(publicKey), u8aToHex(plaintext)])).trim(), "hex"));

describe("MEV Shield against bittensor_core.encrypt_mlkem768", () => {
  const keys = new ShieldKeys();
  const plaintext = Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256);

  it("opens a ciphertext made for the key announced at a block within the window", async () => {
    const ciphertext = await encrypt(keys.publicKey(40), plaintext);
    expect(keys.publicKey(40)).toHaveLength(1184);
    expect(keys.unshield(ciphertext, 40)).toEqual({ extrinsic: plaintext });
    expect(keys.unshield(ciphertext, 40 + KEY_WINDOW_BLOCKS - 1)).toEqual({ extrinsic: plaintext });
  });

  it("refuses a ciphertext whose key has left the window, another localnet's key, and a tampered box", async () => {
    const ciphertext = await encrypt(keys.publicKey(7), plaintext);
    expect(keys.unshield(ciphertext, 7 + KEY_WINDOW_BLOCKS)).toEqual({ refused: expect.stringMatching(/names no key of the last 16 blocks/) });
    expect(new ShieldKeys().unshield(ciphertext, 7)).toEqual({ refused: expect.stringMatching(/names no key/) });
    const tampered = ciphertext.slice();
    tampered[tampered.length - 1]! ^= 1;
    expect(keys.unshield(tampered, 7)).toEqual({ refused: "it does not decrypt with the key it names" });
    expect(keys.unshield(ciphertext.subarray(0, 40), 7)).toEqual({ refused: expect.stringMatching(/ends before its AEAD tag/) });
  });
});
