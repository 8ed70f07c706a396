import { describe, expect, it } from "vitest";
import { u8aToHex } from "@polkadot/util";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
import { commitHash, commitPayload } from "./commit-hash.js";

// The vector of docs/weights.md §7 (computed with polkadot.js, checked with Python hashlib).
const alice = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
const vector = { account: alice, netuid: 1, uids: [0, 1], values: [65535, 32768], salt: [1, 2, 3, 4, 5, 6, 7, 8], versionKey: 0n };

describe("commitHash", () => {
  it("encodes the SCALE payload of the reference vector", async () => {
    await cryptoReady();
    expect(keyFromUri("//Alice").address).toBe(alice);
    expect(u8aToHex(commitPayload(vector))).toBe(
      "0xd43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d" +
        "0100" +
        "08" +
        "00000100" +
        "08" +
        "ffff0080" +
        "20" +
        "0100020003000400050006000700" +
        "0800" +
        "0000000000000000",
    );
  });

  it("hashes the reference vector to the documented blake2-256", () => {
    expect(commitHash(vector)).toBe("0x15d1d763685dfce22d8650296059d5767f0932787b33a80c31d996c3d36b6eef");
  });

  it("covers the mechanism index, the version key and two-byte compact lengths", () => {
    const base = commitHash(vector);
    expect(commitHash({ ...vector, mechanismIndex: 1 })).not.toBe(base);
    expect(commitHash({ ...vector, versionKey: 1n })).not.toBe(base);
    const long = commitPayload({ ...vector, uids: Array.from({ length: 64 }, (_, i) => i), values: Array(64).fill(1) });
    expect([...long.slice(34, 36)]).toEqual([0x01, 0x01]); // (64 << 2) | 1 = 257, little endian
  });

  it("rejects values that are not u16", () => {
    expect(() => commitHash({ ...vector, values: [70000] })).toThrow(/values holds 70000/);
    expect(() => commitHash({ ...vector, versionKey: -1n })).toThrow(/not a u64/);
  });
});
