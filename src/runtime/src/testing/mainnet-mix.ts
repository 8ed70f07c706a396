// A full subnet's worth of miners and validators, mixed as a real subnet's are: one definition that the generated
// project's mainnet-size incentive test and `npm run bench simulation` both run.
import type { RewardFn, TaskOf } from "../neuron/types.js";
import type { Synapse } from "../transport/synapse.js";
import type { SimMiner, SimValidator } from "./types.js";

/** The miner groups of the mix, by behaviour. */
export type MainnetGroup = "honest" | "honest-slow" | "lazy" | "copycat" | "random" | "garbage" | "offline" | "sybil";

export interface MainnetMix<S extends Synapse, T extends TaskOf<S>> {
  /** 239 miners: with the 16 validators and the owner, the 256 uids a subnet holds. */
  miners: SimMiner<S>[];
  /** 14 validators with stakes 2000 … 1350 τ, "buggy" (1500 τ) and "copier" (1500 τ). */
  validators: (SimValidator<S, T> & { name: string })[];
  /** Each group's miner names (`<group>-<i>`). */
  groups: Record<MainnetGroup, string[]>;
}

/**
 * The mainnet-size mix, for `simulateSubnet({ ...options, miners: mix.miners, validators: mix.validators })`:
 * - 110 honest miners, and 40 honest ones on a slower or farther machine (`latencyAllowanceMs` + 100 ms late);
 * - 20 lazy, 10 random, 10 garbage and 10 offline miners;
 * - 15 copycats relaying every query to the same honest miner, "honest-0", across `latencyAllowanceMs` + 200 ms;
 * - 24 sybil hotkeys on one operator's single machine ("farm"), slower the more of them are queried at once;
 * - 14 validators; "buggy", whose reward is the inverse of `reward`; "copier", which queries nobody and sets
 *   validator-0's weights as its own.
 * `latencyAllowanceMs` is how late an answer may come before your reward stops paying for speed.
 */
export function mainnetMix<S extends Synapse, T extends TaskOf<S>>(options: { reward: RewardFn<S, T>; latencyAllowanceMs: number }): MainnetMix<S, T> {
  const groups = {} as Record<MainnetGroup, string[]>;
  const group = (name: MainnetGroup, count: number, miner: Omit<Extract<SimMiner<S>, { behaviour: unknown }>, "name">): SimMiner<S>[] => {
    groups[name] = Array.from({ length: count }, (_, i) => `${name}-${i}`);
    return groups[name].map((minerName) => ({ ...miner, name: minerName }));
  };
  const { reward, latencyAllowanceMs } = options;
  const miners = [
    ...group("honest", 110, { behaviour: "honest" }),
    ...group("honest-slow", 40, { behaviour: "honest", delayMs: latencyAllowanceMs + 100 }),
    ...group("lazy", 20, { behaviour: "lazy" }),
    ...group("copycat", 15, { behaviour: "copycat", of: "honest-0", relayMs: latencyAllowanceMs + 200 }),
    ...group("random", 10, { behaviour: "random" }),
    ...group("garbage", 10, { behaviour: "garbage" }),
    ...group("offline", 10, { behaviour: "offline" }),
    ...group("sybil", 24, { behaviour: "sybil", operator: "farm" }),
  ];
  const inverted: RewardFn<S, T> = async (task, response) => 1 - (await reward(task, response));
  const validators: MainnetMix<S, T>["validators"] = [
    ...Array.from({ length: 14 }, (_, i) => ({ name: `validator-${i}`, stake: 2000 - 50 * i })),
    { name: "buggy", stake: 1500, reward: inverted },
    { name: "copier", stake: 1500, copies: "validator-0" },
  ];
  return { miners, validators, groups };
}
