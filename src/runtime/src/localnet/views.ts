// Read-only views of the state in the Chain interface's shapes (runtime-API-like reads).
import type { AxonInfo, Hyperparameters, Metagraph } from "../chain/types.js";
import { activityCutoffBlocks } from "../yuma/index.js";
import { hotkeyStake } from "./context.js";
import type { ChainState, SubnetState } from "./state.js";

const NO_AXON: AxonInfo = { block: 0, version: 0, ip: "0.0.0.0", port: 0, ipType: 4, protocol: 0, placeholder1: 0, placeholder2: 0 };

const u16f = (v: number) => v / 65_535;

export function metagraphOf(state: ChainState, subnet: SubnetState): Metagraph {
  const n = subnet.hotkeys.length;
  return {
    netuid: subnet.netuid,
    block: state.block,
    n,
    tempo: subnet.params.tempo,
    lastStep: subnet.lastMechanismStepBlock,
    blocksSinceLastStep: subnet.blocksSinceLastStep,
    ownerHotkey: subnet.ownerHotkey,
    ownerColdkey: subnet.ownerColdkey,
    uids: Array.from({ length: n }, (_, i) => i),
    hotkeys: [...subnet.hotkeys],
    coldkeys: subnet.hotkeys.map((h) => state.hotkeyOwner[h]),
    stake: subnet.hotkeys.map((h) => hotkeyStake(subnet, h)),
    incentive: subnet.incentive.map(u16f),
    consensus: subnet.consensus.map(u16f),
    dividends: subnet.dividends.map(u16f),
    validatorTrust: subnet.validatorTrust.map(u16f),
    emission: [...subnet.emission],
    validatorPermit: [...subnet.validatorPermit],
    active: [...subnet.active],
    lastUpdate: [...subnet.lastUpdate],
    blockAtRegistration: [...subnet.blockAtRegistration],
    axons: subnet.hotkeys.map((h) => {
      const axon = subnet.axons[h];
      if (!axon) return { ...NO_AXON };
      const { ipRaw: _raw, ...info } = axon;
      return info;
    }),
    weights: subnet.weights.map((row) => row.map(([u, v]): [number, number] => [u, v])),
    bonds: subnet.bonds.map((row) => row.map(([u, v]): [number, number] => [u, v])),
  };
}

export function hyperparametersOf(subnet: SubnetState): Hyperparameters {
  const p = subnet.params;
  return {
    tempo: p.tempo,
    rho: p.rho,
    kappa: p.kappa,
    immunityPeriod: p.immunityPeriod,
    minAllowedWeights: p.minAllowedWeights,
    maxWeightsLimit: p.maxWeightsLimit,
    weightsVersion: p.weightsVersionKey,
    weightsRateLimit: p.weightsSetRateLimit,
    activityCutoff: activityCutoffBlocks(p.activityCutoffFactorMilli, p.tempo),
    registrationAllowed: p.registrationAllowed,
    maxValidators: p.maxAllowedValidators,
    maxAllowedUids: p.maxAllowedUids,
    minBurn: p.minBurn,
    maxBurn: p.maxBurn,
    bondsMovingAvg: p.bondsMovingAverage,
    bondsPenalty: p.bondsPenalty,
    servingRateLimit: p.servingRateLimit,
    commitRevealWeightsEnabled: p.commitRevealEnabled,
    commitRevealPeriod: p.revealPeriodEpochs,
    liquidAlphaEnabled: p.liquidAlphaEnabled,
    alphaHigh: p.alphaHigh,
    alphaLow: p.alphaLow,
    alphaSigmoidSteepness: p.alphaSigmoidSteepness,
    yumaVersion: p.yuma3 ? 3 : 2,
    subnetIsActive: subnet.subtokenEnabled,
  };
}
