// The incentive mechanism as a whole: a real local subnet (local chain, real axons and dendrites on
// loopback) for a few epochs, with your forward, challenge and reward. If reward() paid for the wrong
// thing, honest miners would stop out-earning the others and this test would fail.
import { simulateSubnet } from "bittensor-subnet-runtime/testing";
import { describe, expect, it } from "vitest";
import { forward } from "../src/miner.js";
import { synapse } from "../src/protocol.js";
import { reward } from "../src/reward.js";
import { challenge } from "../src/validator.js";

describe("incentive mechanism", () => {
  it("pays honest miners more than lazy, copying and random ones, and the validator earns dividends", async () => {
    const sim = await simulateSubnet({
      synapse,
      challenge,
      reward,
      forward,
      miners: [
        { name: "honest", forward },
        { name: "honest-2", forward },
        { name: "lazy", behaviour: "lazy" },
        // Relays every query to "honest": right answers, but always later.
        { name: "copycat", behaviour: "copycat", of: "honest" },
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
