// The incentive mechanism as a whole: a real local subnet (local chain, real axons and dendrites on
// loopback) for a few epochs, with your forward, challenge and reward. If reward() paid for the wrong
// thing, honest miners would stop out-earning the others and this test would fail.
import { simulateSubnet } from "bittensor-subnet-runtime/testing";
import { describe, expect, it } from "vitest";
import { challenge } from "../src/challenge.js";
import { forward } from "../src/forward.js";
import { synapse } from "../src/protocol.js";
import { LATENCY_ALLOWANCE_MS, reward } from "../src/reward.js";

describe("incentive mechanism", () => {
  it("pays honest miners more than lazy, copying and random ones, and the validator earns dividends", async () => {
    const sim = await simulateSubnet({
      synapse,
      challenge,
      reward,
      // What the honest miners answer with.
      forward,
      miners: [
        { name: "honest", behaviour: "honest" },
        { name: "honest-2", behaviour: "honest" },
        { name: "lazy", behaviour: "lazy" },
        // Relays every query to "honest" across the internet: right answers, but its extra hop to a miner
        // far away lands it past the latency every miner is allowed.
        { name: "copycat", behaviour: "copycat", of: "honest", relayMs: LATENCY_ALLOWANCE_MS + 200 },
        { name: "random", behaviour: "random" },
      ],
      validators: [{ name: "validator" }],
      epochs: 6,
    });
    const table = `\n${sim.table()}`;
    for (const honest of ["honest", "honest-2"]) {
      for (const other of ["lazy", "copycat", "random"]) {
        expect(sim.earnsMoreThan(honest, other), `${honest} should out-earn ${other}${table}`).toBe(true);
      }
    }
    expect(sim.incentiveShare("lazy"), `a lazy miner earns (almost) nothing${table}`).toBeLessThan(0.02);
    expect(sim.dividends("validator"), `the validator earns dividends${table}`).toBeGreaterThan(0);
  });
});
