import { TypeRegistry } from "@polkadot/types";
import { hexToU8a } from "@polkadot/util";
import { describe, expect, it } from "vitest";
import { isChainError } from "../chain/errors.js";
import { hyperparametersFrom, metagraphFromNeurons, type StructLike } from "./decode.js";
import { LEGACY_TYPES } from "./legacy-types.js";
import { opaquePayload } from "./runtime-api.js";

const registry = new TypeRegistry();
registry.register(LEGACY_TYPES as unknown as Record<string, Record<string, string>>);

const ALICE_PUB = "d43593c715fdd31c61141abd04a99fd6822c8558854ccde39a5684e7a56da27d";
const BOB_PUB = "8eaf04151687736326c9fea17e25fc5287613693c912909cb226aa4794f26a48";
const ALICE = "5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY";
const BOB = "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty";

// NeuronInfoLite, SCALE written out by hand field by field (subtensor rpc_info/neuron_info.rs).
const NEURON_UID1 =
  "0x" +
  ALICE_PUB + // hotkey
  BOB_PUB + // coldkey
  "04" + // uid Compact 1
  "0c" + // netuid Compact 3
  "01" + // active
  "6400000000000000" +
  "07000000" +
  "0200000a000000000000000000000000" +
  "9b1f" +
  "04" +
  "04" +
  "00" +
  "00" + // axon: block 100, v7, 10.0.0.2, 8091, v4, tcp
  "00".repeat(31) + // prometheus
  "08" +
  BOB_PUB +
  "14" +
  ALICE_PUB +
  "0f01000000000020" + // stake: [(Bob, 5), (Alice, 2^53 + 1)]
  "00" + // rank
  "02286bee" + // emission Compact 1e9
  "feff0100" + // incentive Compact 32767
  "feff0300" + // consensus Compact 65535
  "00" + // trust
  "fdff" + // validator_trust Compact 16383
  "04" + // dividends Compact 1
  "8d01" + // last_update Compact 99
  "01" + // validator_permit
  "00"; // pruning_score

const extras = {
  netuid: 3,
  block: 120,
  tempo: 100,
  lastStep: 110,
  ownerHotkey: ALICE,
  ownerColdkey: ALICE,
  blockAtRegistration: [5, 50],
  weights: [[[1, 65535]], []] as Array<Array<[number, number]>>,
  bonds: [[], [[0, 7]]] as Array<Array<[number, number]>>,
};

describe("metagraphFromNeurons (legacy SCALE bytes through a real registry)", () => {
  const uid1 = registry.createType("BstNeuronInfoLite", hexToU8a(NEURON_UID1)) as unknown as StructLike;
  const uid0 = registry.createType("BstNeuronInfoLite", {
    hotkey: BOB_PUB.replace(/^/, "0x"),
    coldkey: `0x${BOB_PUB}`,
    uid: 0,
    netuid: 3,
    active: true,
    stake: [],
  }) as unknown as StructLike;

  it("consumes the hand-written bytes exactly", () => {
    expect((uid1 as unknown as { encodedLength: number }).encodedLength).toBe(hexToU8a(NEURON_UID1).length);
  });

  const m = metagraphFromNeurons([uid1, uid0], extras);

  it("orders neurons by uid and renders keys as ss58", () => {
    expect(m.n).toBe(2);
    expect(m.uids).toEqual([0, 1]);
    expect(m.hotkeys).toEqual([BOB, ALICE]);
    expect(m.coldkeys).toEqual([BOB, BOB]);
  });

  it("sums stake in rao as bigint without losing precision above 2^53", () => {
    expect(m.stake).toEqual([0n, 5n + 2n ** 53n + 1n]);
    expect(m.emission).toEqual([0n, 1_000_000_000n]);
  });

  it("normalises u16 figures by 65535 like the SDK", () => {
    expect(m.incentive[1]).toBeCloseTo(32767 / 65535, 12);
    expect(m.consensus[1]).toBe(1);
    expect(m.validatorTrust[1]).toBeCloseTo(16383 / 65535, 12);
    expect(m.dividends[1]).toBeCloseTo(1 / 65535, 12);
    expect(m.incentive[0]).toBe(0);
  });

  it("decodes flags, last update and the axon (u128 ip → dotted string)", () => {
    expect(m.validatorPermit).toEqual([false, true]);
    expect(m.active).toEqual([true, true]);
    expect(m.lastUpdate).toEqual([0, 99]);
    expect(m.axons[1]).toEqual({ block: 100, version: 7, ip: "10.0.0.2", port: 8091, ipType: 4, protocol: 4, placeholder1: 0, placeholder2: 0 });
    expect(m.axons[0]!.ip).toBe("0.0.0.0");
  });

  it("joins the storage extras by uid", () => {
    expect(m.blockAtRegistration).toEqual([5, 50]);
    expect(m.weights).toEqual([[[1, 65535]], []]);
    expect(m.bonds).toEqual([[], [[0, 7]]]);
    expect(m.blocksSinceLastStep).toBe(10);
    expect(m.netuid).toBe(3);
  });
});

// SubnetHyperparams (v1 layout of spec 218), written out by hand.
const HYPERPARAMS_V1 =
  "0x" +
  "28" +
  "feff0100" +
  "214e" +
  "04" +
  "feff0300" +
  "a105" + // rho 10, kappa 32767, immunity 5000, min weights 1, max limit 65535, tempo 360
  "00" +
  "00" +
  "1c" +
  "9101" +
  "00" +
  "214e" + // min/max difficulty 0, weights_version 7, rate limit 100, adj interval 0, activity cutoff 5000
  "01" +
  "08" +
  "82841e00" +
  "0700e8764817" +
  "82ee3600" + // registration allowed, target regs 2, min burn 500000, max burn 100 TAO, bonds avg 900000
  "04" +
  "c8" +
  "0101" +
  "00" +
  "00" + // max regs 1, serving 50, max validators 64, adj alpha 0, difficulty 0
  "04" +
  "00" +
  "9a990300" +
  "cecc0200" +
  "00"; // CR interval 1, CR off, alpha high 58982, alpha low 45875, liquid alpha off

describe("hyperparametersFrom", () => {
  const struct = registry.createType("BstSubnetHyperparams", hexToU8a(HYPERPARAMS_V1)) as unknown as StructLike;
  const extras = { maxAllowedUids: 256, bondsPenalty: 65535, alphaSigmoidSteepness: 1000, yumaVersion: 2 as const, subnetIsActive: true };

  it("decodes every v1 field, with values v1 lacks taken from storage extras", () => {
    expect((struct as unknown as { encodedLength: number }).encodedLength).toBe(hexToU8a(HYPERPARAMS_V1).length);
    expect(hyperparametersFrom(struct, extras)).toEqual({
      tempo: 360,
      rho: 10,
      kappa: 32767,
      immunityPeriod: 5000,
      minAllowedWeights: 1,
      maxWeightsLimit: 65535,
      weightsVersion: 7n,
      weightsRateLimit: 100,
      activityCutoff: 5000,
      registrationAllowed: true,
      maxValidators: 64,
      maxAllowedUids: 256,
      minBurn: 500_000n,
      maxBurn: 100_000_000_000n,
      bondsMovingAvg: 900_000n,
      bondsPenalty: 65535,
      servingRateLimit: 50,
      commitRevealWeightsEnabled: false,
      commitRevealPeriod: 1,
      liquidAlphaEnabled: false,
      alphaHigh: 58982,
      alphaLow: 45875,
      alphaSigmoidSteepness: 1000,
      yumaVersion: 2,
      subnetIsActive: true,
    });
  });

  it("prefers v2 fields (commit_reveal_period, yuma_version, I32F32 steepness) when the struct has them", () => {
    const v2 = registry.createType(
      JSON.stringify({
        ...LEGACY_TYPES.BstSubnetHyperparams,
        commitRevealWeightsInterval: undefined,
        commitRevealPeriod: "Compact<u64>",
        alphaSigmoidSteepness: '{"bits":"i64"}',
        yumaVersion: "Compact<u16>",
        subnetIsActive: "bool",
      }),
      { tempo: 10, commitRevealPeriod: 3, alphaSigmoidSteepness: { bits: 1000n * 2n ** 32n + 2n ** 31n }, yumaVersion: 3, subnetIsActive: false },
    ) as unknown as StructLike;
    const h = hyperparametersFrom(v2, extras);
    expect(h.commitRevealPeriod).toBe(3);
    expect(h.alphaSigmoidSteepness).toBe(1000.5);
    expect(h.yumaVersion).toBe(3);
    expect(h.subnetIsActive).toBe(false);
    expect(h.tempo).toBe(10);
  });
});

describe("opaquePayload", () => {
  it("strips the Vec<u8> length that state_call leaves in front of an opaque answer", () => {
    expect([...opaquePayload(hexToU8a("0x0c010203"), "x")]).toEqual([1, 2, 3]);
    expect(opaquePayload(new Uint8Array(), "x").length).toBe(0);
  });

  it("refuses bytes whose length prefix does not match", () => {
    let caught: unknown;
    try {
      opaquePayload(hexToU8a("0x10010203"), "NeuronInfoRuntimeApi.get_neurons_lite");
    } catch (e) {
      caught = e;
    }
    expect(isChainError(caught, "UndecodableRuntimeApi")).toBe(true);
  });
});
