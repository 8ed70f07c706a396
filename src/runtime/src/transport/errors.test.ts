// Misuse of the Axon, Dendrite and signers: each mistake throws its own class, carrying the offending value as a
// field, with a message and a hint built from it.
import { beforeAll, describe, expect, it } from "vitest";
import { Keyring } from "@polkadot/keyring";
import { encodeAddress } from "@polkadot/util-crypto";
import type { KeyringPair } from "@polkadot/keyring/types";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
import { Axon } from "./axon.js";
import { Dendrite } from "./dendrite.js";
import { BtauthSigner } from "./btauth/sign.js";
import { PublicKeyCache } from "./signature.js";
import { defineSynapse } from "./synapse.js";
import { HeaderError, parseRequestHead } from "./wire.js";
import {
  AttachWhileRunningError,
  AxonNotStartedError,
  DuplicateSynapseError,
  InvalidStatusError,
  InvalidTimeoutError,
  MissingHotkeyError,
  NonPositiveOptionError,
  NotAPublicKeyError,
  PortOutOfRangeError,
  StreamingMismatchError,
  SynapseError,
  TransportConfigError,
  UnknownWireError,
  UnsupportedKeyTypeError,
} from "./errors.js";

const Plain = defineSynapse({ name: "Plain", input: { n: "int" }, output: { m: "int" } });
const Streamed = defineSynapse({ name: "Streamed", input: { n: "int" }, output: {}, streaming: true });

let bob: KeyringPair;
beforeAll(async () => {
  await cryptoReady();
  bob = keyFromUri("//Bob");
});

/** The error `run` throws, checked for its class, fields and text. */
function thrown(run: () => unknown): TransportConfigError {
  try {
    run();
  } catch (error) {
    return error as TransportConfigError;
  }
  throw new Error("nothing was thrown");
}

describe("transport misuse errors", () => {
  it("Axon options: missing hotkey, port, wire, non-positive sizes", () => {
    const cases = [
      [() => new Axon({} as never), MissingHotkeyError, { part: "Axon" }, /^Axon needs `hotkey`.*; e\.g\. new Axon/],
      [() => new Axon({ hotkey: bob, port: 70_000 }), PortOutOfRangeError, { port: 70_000 }, /^Axon port 70000 is out of range; use 1025\.\.65534/],
      [() => new Axon({ hotkey: bob, wire: "v11" as never }), UnknownWireError, { part: "Axon", wire: "v11" }, /^Axon wire "v11" is not a wire; .*"both"/],
      [
        () => new Axon({ hotkey: bob, maxBodyBytes: -1 }),
        NonPositiveOptionError,
        { part: "Axon", option: "maxBodyBytes", value: -1, fallback: 4 * 1024 * 1024 },
        /^Axon option maxBodyBytes=-1 must be a positive number; omit it for the default \(4194304\)/,
      ],
    ] as const;
    for (const [run, type, fields, message] of cases) {
      const error = thrown(run) as TransportConfigError & { fields: unknown };
      expect(error).toBeInstanceOf(type);
      expect(error).toBeInstanceOf(TransportConfigError);
      expect(error.fields).toEqual(fields);
      expect(error.message).toMatch(message);
    }
  });

  it("Axon calls: attach the wrong kind, twice, or while running; the port before start", async () => {
    const axon = new Axon({ hotkey: bob, ip: "127.0.0.1", port: 0 });
    expect(thrown(() => axon.attach(Streamed as never, (() => ({})) as never))).toMatchObject({
      constructor: StreamingMismatchError,
      fields: { synapse: "Streamed", streaming: true, call: "axon.attach" },
      hint: "use axon.attachStream(synapse, handler)",
    });
    expect(thrown(() => axon.attachStream(Plain as never, async function* () {}))).toMatchObject({
      constructor: StreamingMismatchError,
      shortMessage: "Plain is not a streaming synapse",
    });
    expect(thrown(() => axon.port)).toMatchObject({ constructor: AxonNotStartedError, fields: { property: "port" } });
    axon.attach(Plain, ({ n }) => ({ m: n }));
    expect(thrown(() => axon.attach(Plain, ({ n }) => ({ m: n })))).toMatchObject({ constructor: DuplicateSynapseError, fields: { synapse: "Plain" } });
    await axon.start();
    const late = defineSynapse({ name: "Late", input: {}, output: {} });
    expect(thrown(() => axon.attach(late, () => ({})))).toMatchObject({
      constructor: AttachWhileRunningError,
      shortMessage: "cannot attach Late to a running axon",
    });
    await axon.stop(100);
  });

  it("Dendrite, SynapseError and signers", async () => {
    expect(thrown(() => new Dendrite(undefined as never))).toMatchObject({ constructor: MissingHotkeyError, fields: { part: "Dendrite" } });
    expect(thrown(() => new Dendrite(bob, { wire: "both" as never }))).toMatchObject({ constructor: UnknownWireError, fields: { wire: "both" } });
    const dendrite = new Dendrite(bob);
    await expect(dendrite.query([], Plain, { n: 1 }, { timeoutMs: 0 })).rejects.toMatchObject({ constructor: InvalidTimeoutError, fields: { timeoutMs: 0 } });
    expect(thrown(() => dendrite.stream({ ip: "127.0.0.1", port: 1, hotkey: bob.address }, Plain as never, { n: 1 } as never))).toMatchObject({
      constructor: StreamingMismatchError,
      hint: "use dendrite.query, or declare it with streaming: true",
    });
    dendrite.close();
    expect(thrown(() => new SynapseError(99, "x"))).toMatchObject({ constructor: InvalidStatusError, fields: { status: 99 } });
    const ecdsa = new Keyring({ type: "ecdsa" }).addFromUri("//Alice");
    expect(thrown(() => new BtauthSigner(ecdsa))).toMatchObject({ constructor: UnsupportedKeyTypeError, fields: { keyType: "ecdsa" } });
    // A 33-byte (compressed ecdsa) public key is a valid ss58 address but not a key btauth/1 or v10 verifies.
    const ecdsaKey = encodeAddress(new Uint8Array(33).fill(2), 42);
    expect(thrown(() => new PublicKeyCache().get(ecdsaKey))).toMatchObject({ constructor: NotAPublicKeyError, fields: { address: ecdsaKey, bytes: 33 } });
  });

  it("a v10 request head the axon cannot read is a HeaderError naming the header and the problem", () => {
    const bad = thrown(() => parseRequestHead(Plain, { bt_header_input_obj_n: "1", bt_header_dendrite_nonce: "12x" }));
    expect(bad).toMatchObject({ constructor: HeaderError, fields: { header: "bt_header_dendrite_nonce", problem: "not-an-integer" } });
    expect((bad as HeaderError).shortMessage).toBe('header bt_header_dendrite_nonce="12x" is not an integer');
    const missing = thrown(() => parseRequestHead(Plain, {}));
    expect(missing).toMatchObject({ constructor: HeaderError, fields: { header: "bt_header_input_obj_n", problem: "missing" } });
    expect(thrown(() => parseRequestHead(Plain, { bt_header_input_obj_n: "1", timeout: "soon" }))).toMatchObject({
      fields: { header: "timeout", problem: "not-a-float" },
    });
  });
});
