// Seeded random subnets for property tests and the benchmark (not shipped: *.test-helpers.ts).
import { maxUpscaleU16 } from "./upscale.js";
import type { EpochInput, Row } from "./types.js";
import { seededRandom } from "../util/random.js";

export { seededRandom };

export interface RandomSubnetOptions {
  n: number;
  /** uids 0..validators−1 hold stake and set weights. */
  validators: number;
  /** Fraction of uids each validator weights (1 = dense). */
  density?: number;
  seed?: number;
  yuma3?: boolean;
  liquidAlpha?: boolean;
  /** Fraction of uids registered within the last tempo (their bond columns get masked). */
  recentRegistrations?: number;
}

/** A subnet in mid-life: validators with permits, stored weights and bonds, a few recent registrations. */
export function randomSubnet(o: RandomSubnetOptions): EpochInput {
  const rand = seededRandom(o.seed ?? 1);
  const density = o.density ?? 1;
  const tempo = 360;
  const block = 100_000;
  const n = o.n;
  const row = (i: number): Row => {
    const uids: number[] = [];
    for (let j = 0; j < n; j++) if (j !== i && rand() < density) uids.push(j);
    const values = maxUpscaleU16(uids.map(() => Math.floor(rand() * 65536)));
    return uids.map((j, t) => [j, values[t]]);
  };
  const isValidator = (i: number) => i < o.validators;
  return {
    block,
    tempo,
    emission: 1_000_000_000n * BigInt(tempo),
    stake: Array.from({ length: n }, (_, i) => (isValidator(i) ? BigInt(1 + Math.floor(rand() * 1e6)) * 1_000_000_000n : BigInt(Math.floor(rand() * 1e9)))),
    lastUpdate: Array.from({ length: n }, (_, i) => (isValidator(i) ? block - Math.floor(rand() * 100) : block - 4000)),
    blockAtRegistration: Array.from({ length: n }, () =>
      rand() < (o.recentRegistrations ?? 0.02) ? block - Math.floor(rand() * 300) : Math.floor(rand() * 50_000),
    ),
    validatorPermit: Array.from({ length: n }, (_, i) => isValidator(i)),
    weights: Array.from({ length: n }, (_, i) => (isValidator(i) ? row(i) : [])),
    bonds: Array.from({ length: n }, (_, i) => (isValidator(i) ? row(i) : [])),
    ownerUid: null,
    lastMechanismStepBlock: block - tempo,
    params: {
      kappa: 32767,
      bondsPenalty: 65535,
      bondsMovingAverage: 900_000,
      yuma3: o.yuma3 ?? true,
      liquidAlpha: o.liquidAlpha ?? false,
      maxAllowedValidators: o.validators,
      activityCutoff: 5000,
    },
  };
}
