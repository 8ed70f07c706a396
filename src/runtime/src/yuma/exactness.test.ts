// End-to-end proof that the exact-double fast paths change nothing: the same epochs run once as shipped and
// once with fixed.ts's mul, div and exp swapped for plain BigInt definitions (a module mock, named as such),
// and every output must be identical.
import { describe, expect, it, vi } from "vitest";
import type { EpochInput } from "./types.js";
import { randomSubnet } from "./random-subnet.test-helpers.js";

const I64_MAX = (1n << 63n) - 1n;
const I64_MIN = -(1n << 63n);

async function loadEpochs() {
  const shipped = (await import("./epoch.js")).yumaEpoch;
  vi.resetModules();
  vi.doMock("./fixed.js", async (importOriginal) => {
    const real = await importOriginal<typeof import("./fixed.js")>();
    return {
      ...real,
      mul: (a: number, b: number) => {
        const q = (BigInt(a) * BigInt(b)) >> 32n;
        return Number(q > I64_MAX ? I64_MAX : q < I64_MIN ? I64_MIN : q);
      },
      div: (a: number, b: number) => {
        if (b === 0) return 0;
        const q = (BigInt(a) << 32n) / BigInt(b);
        return q > I64_MAX || q < I64_MIN ? 0 : Number(q);
      },
      expFast: (x: number) => Number(real.expFixed(BigInt(x))),
    };
  });
  const bigint = (await import("./epoch.js")).yumaEpoch;
  vi.doUnmock("./fixed.js");
  vi.resetModules();
  return { shipped, bigint };
}

function variants(): Array<[string, EpochInput]> {
  const out: Array<[string, EpochInput]> = [];
  for (const [name, mode] of [
    ["Yuma3", { yuma3: true, liquidAlpha: false }],
    ["Yuma3 + liquid alpha", { yuma3: true, liquidAlpha: true }],
    ["classic", { yuma3: false, liquidAlpha: false }],
  ] as const) {
    for (const seed of [11, 12]) {
      const input = randomSubnet({ n: 96, validators: 16, density: 0.5, seed, ...mode, recentRegistrations: 0.1 });
      out.push([`${name}, seed ${seed}`, input]);
    }
    const tweaked = randomSubnet({ n: 64, validators: 10, density: 0.8, seed: 13, ...mode });
    tweaked.params = { ...tweaked.params, bondsPenalty: 21845, kappa: 40000, bondsMovingAverage: 975_000, alphaSigmoidSteepness: 32767 };
    tweaked.ownerUid = 3;
    tweaked.commitBlock = tweaked.stake.map((_, i) => (i % 3 === 0 ? 99_800 : null));
    out.push([`${name}, bonds penalty 1/3, owner, commit-reveal, steep sigmoid`, tweaked]);
  }
  return out;
}

describe("exact-double arithmetic equals BigInt fixed point end to end (fixed.ts mocked with BigInt)", () => {
  it("gives identical epochs", async () => {
    const { shipped, bigint } = await loadEpochs();
    expect(shipped).not.toBe(bigint);
    for (const [name, input] of variants()) {
      expect(shipped(input), name).toEqual(bigint(input));
    }
  });
});
