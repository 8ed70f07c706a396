// One Yuma Consensus epoch for one subnet mechanism, as subtensor's `epoch_mechanism` runs it
// (sparse path, I32F32 fixed point). Step numbers follow docs/yuma.md §3.
import { ONE, U16_PROPORTION, div, mul, proportion64, raoShare, toU16 } from "./fixed.js";
import { emaLiquidAlpha } from "./liquid-alpha.js";
import { weightedMedianColSparse } from "./median.js";
import {
  type Matrix,
  type SparseRow,
  RowBuilder,
  colClip,
  colMaxUpscale,
  colNormalize,
  colSums,
  emaSparse,
  emptyRow,
  interpolate,
  matmul,
  matmulTranspose,
  rowHadamard,
  rowNormalize,
  rowSums,
} from "./sparse.js";
import type { EpochInput, EpochOutput, Row } from "./types.js";
import { validateEpochInput } from "./validate.js";

const DEFAULT_ALPHA_LOW = 45875;
const DEFAULT_ALPHA_HIGH = 58982;
const DEFAULT_ALPHA_SIGMOID_STEEPNESS = 1000;

/**
 * Run one epoch: stake, weights and bonds in; consensus, incentive, dividends, validator trust, new bonds,
 * new permits and rao emissions out, bit-exact with subtensor. Pure: the input is never modified.
 * Throws a `YumaInputError` (a `RangeError` naming the field) for malformed input.
 */
export function yumaEpoch(input: EpochInput): EpochOutput {
  const rows = validateEpochInput(input);
  const n = input.stake.length;
  const { block, tempo, params: p } = input;
  const owner = input.ownerUid ?? null;

  // 1. Activity.
  const active = input.lastUpdate.map((updated) => !(updated + p.activityCutoff < block));

  // 2. Stake: threshold filter (owner exempt), I64F64 normalisation, truncated to I32F32.
  const threshold = p.stakeThreshold ?? 0n;
  const filtered = input.stake.map((s, i) => (i !== owner && s < threshold ? 0n : s));
  const totalStake = filtered.reduce((a, b) => a + b, 0n);
  const stake = filtered.map((s) => proportion64(s, totalStake));

  // 3. Permits: this epoch uses the previous ones; the new ones are only output.
  const permit = input.validatorPermit.slice();
  if (owner !== null) permit[owner] = true;
  const newPermit = topkNonzero(stake, p.maxAllowedValidators);
  if (owner !== null) newPermit[owner] = true;

  // 4. Active stake.
  const activeStake = stake.map((s, i) => (active[i] && permit[i] ? s : 0));
  normalize(activeStake);

  // 5. Weights: u16 rows, masked, then row-normalised into I32F32 proportions.
  const commitBlock = input.commitBlock;
  const bar = input.blockAtRegistration;
  const builder = new RowBuilder(n);
  const weights: Matrix = rows.weights.map((row, i) => {
    if (!permit[i]) return emptyRow();
    const lastUpdate = input.lastUpdate[i];
    const committed = commitBlock ? (commitBlock[i] ?? Infinity) : Infinity;
    for (let t = 0; t < row.j.length; t++) {
      const j = row.j[t];
      if (j === i && i !== owner) continue; // the diagonal, except the owner's self-weight
      if (lastUpdate <= bar[j]) continue; // set before j's current registration
      if (committed < bar[j]) continue; // commit-reveal: committed before j's registration
      builder.push(j, row.v[t]);
    }
    return builder.finish();
  });
  rowNormalize(weights);

  // 6–9. Consensus, clipping, validator trust, incentive.
  const consensus = weightedMedianColSparse(activeStake, weights, n, U16_PROPORTION[p.kappa]);
  const clipped = colClip(weights, consensus, n);
  const validatorTrust = rowSums(clipped);
  const incentive = matmul(clipped, activeStake, n);
  normalize(incentive);

  // 10. Weights for bonds.
  const weightsForBonds = interpolate(weights, clipped, U16_PROPORTION[p.bondsPenalty], n);

  // 11. Bond masking: drop columns of uids registered since the last epoch.
  const lms = input.lastMechanismStepBlock ?? 0;
  const lastTempo = lms === 0 ? Math.max(block - tempo, 0) : lms + 1;
  const readBonds = (scale: (u16: number) => number): Matrix =>
    rows.bonds.map((row) => {
      for (let t = 0; t < row.j.length; t++) {
        if (!(lastTempo <= bar[row.j[t]])) builder.push(row.j[t], scale(row.v[t]));
      }
      return builder.finish();
    });

  // 12. Bonds and dividends.
  let emaBonds: Matrix;
  let dividends: number[];
  if (p.yuma3) {
    const bonds = readBonds((b) => U16_PROPORTION[b]);
    const liquid = p.liquidAlpha === true && consensus.some((c) => c !== 0);
    emaBonds = liquid
      ? emaLiquidAlpha(weightsForBonds, bonds, consensus, n, {
          low: U16_PROPORTION[p.alphaLow ?? DEFAULT_ALPHA_LOW],
          high: U16_PROPORTION[p.alphaHigh ?? DEFAULT_ALPHA_HIGH],
          steepness: p.alphaSigmoidSteepness ?? DEFAULT_ALPHA_SIGMOID_STEEPNESS,
        })
      : emaSparse(weightsForBonds, bonds, fixedAlpha(p.bondsMovingAverage), n);
    // Σ_j colnormalised(B')_ij · I_j, normalising on the fly: B' itself is what gets stored.
    const sums = colSums(emaBonds, n);
    const perValidator = emaBonds.map((row) => {
      let acc = 0;
      for (let t = 0; t < row.j.length; t++) {
        const d = sums[row.j[t]];
        acc += mul(d !== 0 ? div(row.v[t], d) : row.v[t], incentive[row.j[t]]);
      }
      return acc;
    });
    dividends = perValidator.map((x, i) => mul(x, activeStake[i]));
    normalize(dividends);
  } else {
    const bonds = readBonds((b) => b * ONE);
    colNormalize(bonds, n);
    const delta = rowHadamard(weightsForBonds, activeStake);
    colNormalize(delta, n);
    emaBonds = emaSparse(delta, bonds, fixedAlpha(p.bondsMovingAverage), n);
    colNormalize(emaBonds, n);
    dividends = matmulTranspose(emaBonds, incentive);
    normalize(dividends);
    colMaxUpscale(emaBonds, n);
  }

  // 13. Emission split.
  const combined = incentive.map((x, i) => x + dividends[i]);
  const emissionSum = combined.reduce((a, b) => a + b, 0);
  let server = incentive;
  let validator = dividends;
  let combinedShare = combined;
  if (emissionSum !== 0) {
    server = incentive.map((x) => div(x, emissionSum));
    validator = dividends.map((x) => div(x, emissionSum));
    combinedShare = combined.map((x) => div(x, emissionSum));
  } else {
    const fallback = activeStake.reduce((a, b) => a + b, 0) === 0 ? stake : activeStake;
    validator = fallback;
    combinedShare = fallback;
  }

  // 14. What subtensor stores.
  return {
    stakeWeight: stake.map(toU16),
    active,
    consensus: consensus.map(toU16),
    incentive: incentive.map(toU16),
    dividends: dividends.map(toU16),
    validatorTrust: validatorTrust.map(toU16),
    validatorPermit: newPermit,
    bonds: emaBonds.map((row, i) => (newPermit[i] ? storedRow(row) : [])),
    serverEmission: server.map((x) => raoShare(x, input.emission)),
    validatorEmission: validator.map((x) => raoShare(x, input.emission)),
    emission: combinedShare.map((x) => raoShare(x, input.emission)),
  };
}

/** A bond row as subtensor stores it: (uid, floor(x · 65535)) pairs. */
function storedRow(row: SparseRow): Row {
  const out: Row = new Array(row.j.length);
  for (let t = 0; t < row.j.length; t++) out[t] = [row.j[t], toU16(row.v[t])];
  return out;
}

/** `inplace_normalize`: divide by the sum unless it is 0. */
function normalize(x: number[]): void {
  let sum = 0;
  for (const v of x) sum += v;
  if (sum === 0) return;
  for (let i = 0; i < x.length; i++) x[i] = div(x[i], sum);
}

/** `is_topk_nonzero`: non-zero entries, minus the n−k smallest by a stable ascending sort (lower uid first on ties). */
function topkNonzero(x: number[], k: number): boolean[] {
  const result = x.map((v) => v !== 0);
  const n = x.length;
  if (n < k) return result;
  const order = Array.from({ length: n }, (_, i) => i).sort((a, b) => x[a] - x[b] || a - b);
  for (let t = 0; t < n - k; t++) result[order[t]] = false;
  return result;
}

/** Fixed EMA rate: 1 − BondsMovingAverage/10^6, computed in I64F64 and truncated to I32F32. */
function fixedAlpha(bondsMovingAverage: number): number {
  return ONE - Number((BigInt(bondsMovingAverage) << 32n) / 1_000_000n);
}
