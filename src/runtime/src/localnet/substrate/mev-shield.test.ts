// MevShield through an unchanged @polkadot/api: the rotating NextKey, submit_encrypted's carrier events, and the
// author's part (the inner signed extrinsic opened and included after its carrier, or left out). The ciphertexts
// here are sealed with @noble (the same primitives); test/interop/mev-shield.test.ts opens bittensor_core's own.
import type { KeyringPair } from "@polkadot/keyring/types";
import type { Bytes, Option } from "@polkadot/types";
import type { EventRecord } from "@polkadot/types/interfaces";
import { compactToU8a, u8aConcat, u8aToHex } from "@polkadot/util";
import { blake2AsHex, decodeAddress, xxhashAsU8a } from "@polkadot/util-crypto";
import { xchacha20poly1305 } from "@noble/ciphers/chacha.js";
import { ml_kem768 } from "@noble/post-quantum/ml-kem.js";
import { randomBytes } from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { keyFromUri } from "../../wallet/dev.js";
import { startApiLocalnet, type ApiLocalnet } from "./api.test-helpers.js";

const TAO = 1_000_000_000n;
let localnet: ApiLocalnet;
let alice: KeyringPair;

beforeAll(async () => {
  localnet = await startApiLocalnet();
  alice = keyFromUri("//Alice");
});
afterAll(() => localnet?.close());

/** `key_hash ‖ kem_len ‖ kem_ct ‖ nonce ‖ aead_ct`, as bittensor_core.encrypt_mlkem768(include_key_hash=True). */
function seal(publicKey: Uint8Array, plaintext: Uint8Array): Uint8Array {
  const { cipherText, sharedSecret } = ml_kem768.encapsulate(publicKey);
  const nonce = randomBytes(24);
  const length = new Uint8Array([cipherText.length & 0xff, cipherText.length >> 8]);
  return u8aConcat(xxhashAsU8a(publicKey, 128), length, cipherText, nonce, xchacha20poly1305(sharedSecret, nonce).encrypt(plaintext));
}

const unwrapKey = (value: unknown) => (value as Option<Bytes>).unwrap().toU8a(true);
const nextKey = async () => unwrapKey(await localnet.api.query.mevShield!.nextKey!());
const names = (events: EventRecord[]) => events.map((r) => `${r.event.section}.${r.event.method}`);

/** Sends the carrier at `nonce`; resolves with its block hash and events once it is in a block. */
function carry(ciphertext: Uint8Array, nonce: number): Promise<{ blockHash: string; events: EventRecord[] }> {
  return new Promise((resolve, reject) => {
    localnet.api.tx.mevShield!.submitEncrypted!(u8aToHex(ciphertext)) // a Uint8Array would be read as already length-prefixed
      .signAndSend(alice, { nonce }, (result) => {
        if (result.status.isInBlock) resolve({ blockHash: result.status.asInBlock.toHex(), events: result.events as unknown as EventRecord[] });
      })
      .catch(reject);
  });
}

/** The block number holding the extrinsic with this hash, searching the head and the blocks before it. */
async function blockOf(hash: string): Promise<number | undefined> {
  const head = (await localnet.api.rpc.chain.getHeader()).number.toNumber();
  for (let n = head; n >= Math.max(0, head - 4); n--) {
    const block = await localnet.api.rpc.chain.getBlock(await localnet.api.rpc.chain.getBlockHash(n));
    if (block.block.extrinsics.some((x) => blake2AsHex(x.toU8a(), 256) === hash)) return n;
  }
  return undefined;
}

describe("MevShield", () => {
  const fresh = (label: string) => keyFromUri(`//shield/${label}/${Date.now()}`).address;

  it("publishes a new ML-KEM-768 NextKey every block; the previous one becomes PendingKey", async () => {
    const before = await nextKey();
    expect(before).toHaveLength(1184);
    await localnet.api.tx.balances.transferKeepAlive(fresh("tick"), TAO).signAndSend(alice); // instant mode: a block at once
    const after = await nextKey();
    expect(after).toHaveLength(1184);
    expect(after).not.toEqual(before);
    const at = await localnet.api.rpc.chain.getHeader();
    expect(unwrapKey(await (await localnet.api.at(at.hash)).query.mevShield!.pendingKey!())).toEqual(before);
  });

  it("includes the decrypted inner extrinsic after its carrier, which says EncryptedSubmitted", async () => {
    const dest = fresh("inner");
    const nonce = (await localnet.api.rpc.system.accountNextIndex(alice.address)).toNumber();
    const inner = await localnet.api.tx.balances.transferKeepAlive(dest, 3n * TAO).signAsync(alice, { nonce: nonce + 1 });
    const ciphertext = seal(await nextKey(), inner.toU8a());
    const { events } = await carry(ciphertext, nonce);
    expect(names(events)).toEqual(["mevShield.EncryptedSubmitted", "system.ExtrinsicSuccess"]);
    const [id, who] = events[0]!.event.data;
    expect(id!.toHex()).toBe(blake2AsHex(u8aConcat(decodeAddress(alice.address), compactToU8a(ciphertext.length), ciphertext), 256));
    expect(who!.toString()).toBe(alice.address);
    expect(await localnet.chain.balance(dest)).toBe(3n * TAO);
    expect((await localnet.api.rpc.system.accountNextIndex(alice.address)).toNumber()).toBe(nonce + 2);
    expect(await blockOf(inner.hash.toHex())).toBeDefined();
  });

  it("leaves out an inner extrinsic sealed to an unknown key; the carrier stays included", async () => {
    const dest = fresh("unknown-key");
    const nonce = (await localnet.api.rpc.system.accountNextIndex(alice.address)).toNumber();
    const inner = await localnet.api.tx.balances.transferKeepAlive(dest, TAO).signAsync(alice, { nonce: nonce + 1 });
    const { events } = await carry(seal(ml_kem768.keygen().publicKey, inner.toU8a()), nonce);
    expect(names(events)).toEqual(["mevShield.EncryptedSubmitted", "system.ExtrinsicSuccess"]);
    expect(await localnet.chain.balance(dest)).toBe(0n);
    expect((await localnet.api.rpc.system.accountNextIndex(alice.address)).toNumber()).toBe(nonce + 1);
    expect(await blockOf(inner.hash.toHex())).toBeUndefined();
  });

  it("refuses a ciphertext over MaxEncryptedCallSize (8192 bytes) as an invalid extrinsic", async () => {
    await expect(localnet.api.tx.mevShield!.submitEncrypted!(u8aToHex(new Uint8Array(8193))).signAndSend(alice)).rejects.toThrow(
      /1001.*longer than 8192 bytes/,
    );
  });
});
