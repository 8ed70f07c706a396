// Golden vectors of docs/protocol.md §9 and CPython str()/repr() renderings.
import { beforeAll, describe, expect, it } from "vitest";
import { decodeAddress } from "@polkadot/util-crypto";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
import { bodyHash, bodyHashOfParts, EMPTY_BODY_HASH, sha3Hex } from "./body-hash.js";
import { parseJson, toJson } from "./json.js";
import { pythonFloat, pythonFloatSlow, pythonRepr, pythonStr } from "./python-str.js";
import { seededRandom } from "../util/random.js";
import { MessageSigner, signatureMessage, verifyMessage } from "./signature.js";
import { Keyring } from "@polkadot/keyring";
import { signatureVerify } from "@polkadot/util-crypto";
import { defineSynapse } from "./synapse.js";
import { inputObjHeaders, VERSION_AS_INT } from "./wire.js";

const ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
const BOB = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";
const UUID = "6f1c2a3e-0000-11f0-8000-000000000001";

describe("python str() rendering", () => {
  it.each([
    [0.1, "0.1"],
    [1, "1.0"],
    [1e-5, "1e-05"],
    [0.0001, "0.0001"],
    [1e15, "1000000000000000.0"],
    [1e16, "1e+16"],
    [1.2345678901234568e17, "1.2345678901234568e+17"],
    [Infinity, "inf"],
    [-Infinity, "-inf"],
    [NaN, "nan"],
    [-0, "-0.0"],
    [123.456, "123.456"],
    [-2.5e-7, "-2.5e-07"],
    [1.5e300, "1.5e+300"],
    [5e-324, "5e-324"],
    [0.00015, "0.00015"],
    [-42, "-42.0"],
  ])("float %s → %s", (value, expected) => {
    expect(pythonFloat(value)).toBe(expected);
  });

  it("takes a positional fast path that agrees with the exponent-based rendering for every magnitude", () => {
    const random = seededRandom(7);
    for (let i = 0; i < 20_000; i++) {
      // Magnitudes 1e-8 … 1e20 around both thresholds, integral values and random digits alike.
      const magnitude = 10 ** Math.floor(random() * 28 - 8);
      const value = (random() < 0.5 ? -1 : 1) * (random() < 0.2 ? Math.round(random() * 1000) * magnitude : random() * 10 * magnitude);
      expect(pythonFloat(value)).toBe(pythonFloatSlow(value));
    }
    for (const edge of [1e-4, 9.999999999999999e-5, 1e16, 9999999999999998, 0.1 + 0.2, 2 ** 53, 1234.5]) expect(pythonFloat(edge)).toBe(pythonFloatSlow(edge));
  });

  it("renders strings raw at top level and as repr inside containers", () => {
    expect(pythonStr("it's")).toBe("it's");
    expect(pythonRepr(["a", "it's", `"'`, "back\\slash", "t\tn\n\x00", "é😀", "\u200b", "\u{e0001}"])).toBe(
      `['a', "it's", '"\\'', 'back\\\\slash', 't\\tn\\n\\x00', 'é😀', '\\u200b', '\\U000e0001']`,
    );
  });

  it("follows the declared number kind: int fields drop .0, float fields keep it", () => {
    expect(pythonStr([1, 2, 3], "int")).toBe("[1, 2, 3]");
    expect(pythonStr([1, 2.5], "float")).toBe("[1.0, 2.5]");
    expect(pythonStr(true)).toBe("True");
    expect(pythonStr(null)).toBe("None");
    expect(pythonStr({ a: 1, b: [1.5, null] })).toBe("{'a': 1, 'b': [1.5, None]}");
  });
});

describe("body hash (docs/protocol.md §9)", () => {
  it("matches the empty, sha3('hi'), multi-field and hash-of-hash vectors", () => {
    expect(sha3Hex("")).toBe(EMPTY_BODY_HASH);
    expect(sha3Hex("hi")).toBe("b39c14c8da3b23811f6415b7e0b33526d7e07a46f2cf0484179435767e4a8804");
    const parts = [pythonStr("hi"), pythonStr([1, 2, 3], "int"), pythonStr(0.1, "float"), pythonStr(true), pythonStr({ a: 1, b: [1.5, null] })];
    expect(parts).toEqual(["hi", "[1, 2, 3]", "0.1", "True", "{'a': 1, 'b': [1.5, None]}"]);
    expect(bodyHashOfParts(parts)).toBe("137e9ac067188748cef4085468a8ec5f47d11a9385bbef2a158f985ba1a80c77");
    const Prompt = defineSynapse({ name: "Prompt", input: { prompt: "string" }, output: {}, requiredHashFields: ["prompt"] });
    expect(bodyHash(Prompt, { prompt: "hi" })).toBe("559e924cbd7f360d46dc25df104d0b374cee3afc726eb655d78a1d2e3723e476");
  });

  it("renders hash fields by declared type, not by the JSON token", () => {
    const S = defineSynapse({ name: "S", input: { t: "float", n: "int" }, output: {}, requiredHashFields: ["t", "n"] });
    // JSON `1` in a float field is Python 1.0; JSON `1.0` in an int field is Python 1.
    expect(bodyHash(S, { t: 1, n: 1 })).toBe(bodyHashOfParts(["1.0", "1"]));
  });

  it("sends the empty-value input_obj headers for required inputs only", () => {
    const Hashed = defineSynapse({ name: "Hashed", input: { prompt: "string", numbers: "int[]?", temp: "float?", flag: "bool?" }, output: {} });
    expect(inputObjHeaders(Hashed)).toEqual({ bt_header_input_obj_prompt: "IiI=" });
    const All = defineSynapse({ name: "All", input: { a: "int", b: "string", c: "float", d: "float[]", e: "bool" }, output: {} });
    expect(Object.values(inputObjHeaders(All))).toEqual(["MA==", "IiI=", "MC4w", "W10=", "ZmFsc2U="]);
    expect(VERSION_AS_INT).toBe(10002000);
  });
});

describe("signature (docs/protocol.md §3.4)", () => {
  beforeAll(cryptoReady);
  const message = `1750000000000000000.${ALICE}.${BOB}.${UUID}.${EMPTY_BODY_HASH}`;

  it("builds the golden message and accepts both golden Alice signatures (raw and <Bytes>-wrapped)", () => {
    expect(signatureMessage(1750000000000000000n, ALICE, BOB, UUID, EMPTY_BODY_HASH)).toBe(message);
    const alice = decodeAddress(ALICE);
    expect(
      verifyMessage(
        message,
        "0x00a11ae2836d2bc4aecb9bb3b70d1f7f64e794e0021e6044efd3ff416a7d6a4ce3d3216b0068fed51197ce4b96b57a4e8ac8ae9e9f2cc2077e302cb05bbb5e82",
        alice,
      ),
    ).toBeUndefined();
    expect(
      verifyMessage(
        message,
        "0x6418f0166327a6aff1f4e8780fff06ce05952cc0568e80d8b3e499a32aa7a65404b4bc5a5392cc235096c38a9c1ffe07dfd6a07e17f7e0b9e4eaf8c3a6cd1d89",
        alice,
      ),
    ).toBeUndefined();
  });

  it("refuses another key, another message and a signature without 0x", () => {
    const signature = new MessageSigner(keyFromUri("//Alice")).sign(message);
    expect(keyFromUri("//Alice").address).toBe(ALICE);
    // The wasm signer and polkadot.js agree both ways.
    expect(signatureVerify(message, signature, ALICE).isValid).toBe(true);
    expect(verifyMessage(message, u8aToHexSig(keyFromUri("//Alice").sign(new TextEncoder().encode(message))), decodeAddress(ALICE))).toBeUndefined();
    expect(verifyMessage(message, signature, decodeAddress(ALICE))).toBeUndefined();
    expect(verifyMessage(message, signature, decodeAddress(BOB))).toMatch(/^Signature mismatch with /);
    expect(verifyMessage(message.replace("175", "176"), signature, decodeAddress(ALICE))).toMatch(/^Signature mismatch/);
    expect(verifyMessage(message, signature.slice(2), decodeAddress(ALICE))).toMatch(/not 0x \+ 64 bytes/);
  });
});

describe("MessageSigner", () => {
  beforeAll(cryptoReady);
  it("refuses non-sr25519 and locked hotkeys with a hint", () => {
    const ed = new Keyring({ type: "ed25519" }).addFromUri("//Alice");
    expect(() => new MessageSigner(ed)).toThrow(/is ed25519, not sr25519/);
    const locked = new Keyring({ type: "sr25519" }).addFromUri("//Alice");
    locked.lock();
    expect(() => new MessageSigner(locked)).toThrow(/is locked; unlock it/);
  });
});

function u8aToHexSig(bytes: Uint8Array): string {
  return `0x${Buffer.from(bytes).toString("hex")}`;
}

describe("JSON", () => {
  it("keeps integers beyond 2^53 exact and reads Python's NaN/Infinity", () => {
    const value = parseJson('{"nonce": 1750000000000000001, "small": -3, "f": 1.0, "x": [NaN, Infinity, -Infinity], "s": "a\\u00e9\\n"}') as Record<
      string,
      unknown
    >;
    expect(value.nonce).toBe(1750000000000000001n);
    expect(value.small).toBe(-3);
    expect((value.x as number[]).map(String)).toEqual(["NaN", "Infinity", "-Infinity"]);
    expect(value.s).toBe("aé\n");
    expect(toJson({ nonce: 1750000000000000001n, x: [NaN, -Infinity, 0.5], s: "é" })).toBe('{"nonce":1750000000000000001,"x":[NaN,-Infinity,0.5],"s":"é"}');
  });

  it.each(["", "{", '{"a":}', "[1,]", "01", '"\\x"', '{"a":1} x', "[".repeat(100) + "]".repeat(100)])("refuses %j", (text) => {
    expect(() => parseJson(text)).toThrow(/invalid JSON/);
  });

  it("treats __proto__ as an ordinary key", () => {
    const value = parseJson('{"__proto__": {"polluted": true}}') as Record<string, unknown>;
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(Object.keys(value)).toEqual(["__proto__"]);
    // Nothing is inherited: a key the body lacks reads as undefined, even one Object.prototype has.
    expect(value.constructor).toBeUndefined();
    expect(value.toString).toBeUndefined();
  });
});
