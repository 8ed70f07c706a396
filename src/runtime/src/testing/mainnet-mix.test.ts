import { describe, expect, it } from "vitest";
import { defineSynapse } from "../transport/synapse.js";
import type { SynapseResponse } from "../transport/types.js";
import { mainnetMix } from "./mainnet-mix.js";
import { CHAIN_MAX_UIDS } from "./simulate.js";

const synapse = defineSynapse({ name: "Double", input: { x: "int" }, output: { y: "int" } });
type Task = { input: { x: number } };
const reward = (task: Task, response: SynapseResponse<typeof synapse>) => (response.output?.y === 2 * task.input.x ? 0.75 : 0);

describe("mainnetMix", () => {
  const mix = mainnetMix({ reward, latencyAllowanceMs: 400 });

  it("fills a subnet exactly: 239 miners, 16 validators and the owner are 256 uids", () => {
    expect(1 + mix.validators.length + mix.miners.length).toBe(CHAIN_MAX_UIDS);
    expect(Object.values(mix.groups).flat().sort()).toEqual(mix.miners.map((m) => m.name).sort());
    expect(Object.fromEntries(Object.entries(mix.groups).map(([group, names]) => [group, names.length]))).toEqual({
      honest: 110,
      "honest-slow": 40,
      lazy: 20,
      copycat: 15,
      random: 10,
      garbage: 10,
      offline: 10,
      sybil: 24,
    });
  });

  it("times the slow and the relaying miners from the project's latency allowance", () => {
    const byName = new Map(mix.miners.map((m) => [m.name, m]));
    expect(byName.get("honest-slow-0")).toMatchObject({ behaviour: "honest", delayMs: 500 });
    expect(byName.get("copycat-3")).toMatchObject({ behaviour: "copycat", of: "honest-0", relayMs: 600 });
    expect(byName.get("sybil-23")).toMatchObject({ behaviour: "sybil", operator: "farm" });
  });

  it("the buggy validator pays the inverse of the project's reward; the copier copies validator-0", async () => {
    const buggy = mix.validators.find((v) => v.name === "buggy")!;
    const right = { status: 200, output: { y: 4 } } as SynapseResponse<typeof synapse>;
    const wrong = { status: 200, output: { y: 5 } } as SynapseResponse<typeof synapse>;
    expect(await buggy.reward!({ input: { x: 2 } }, right)).toBe(0.25);
    expect(await buggy.reward!({ input: { x: 2 } }, wrong)).toBe(1);
    expect(mix.validators.find((v) => v.name === "copier")).toMatchObject({ copies: "validator-0", stake: 1500 });
    expect(mix.validators.filter((v) => v.name.startsWith("validator-")).map((v) => v.stake)).toEqual(Array.from({ length: 14 }, (_, i) => 2000 - 50 * i));
  });
});
