// The one argument table: what each Chain extrinsic becomes, by subtensor's names and order, checked against
// the call definitions the emulator parses (a name the emulator does not read would be a silent drop).
import { describe, expect, it } from "vitest";
import { CALLS } from "./dispatch.js";
import { EXTRINSICS, emulatorCall } from "./extrinsics.js";

describe("extrinsic argument table", () => {
  it("builds subtensor-named arguments in subtensor's order", () => {
    expect(emulatorCall("setWeights", { netuid: 2, uids: [0, 1], weights: [1, 2], versionKey: 7n })).toEqual({
      call: "set_weights",
      args: { netuid: 2, dests: [0, 1], weights: [1, 2], version_key: 7n },
    });
    expect(Object.keys(emulatorCall("addStake", { netuid: 1, hotkey: "5F", amount: 5n }).args)).toEqual(["hotkey", "netuid", "amount_staked"]);
    expect(emulatorCall("setTempo", { netuid: 3, tempo: 20 })).toEqual({ call: "admin", args: { call: "sudo_set_tempo", args: [3, 20], sudo: false } });
    expect(emulatorCall("serveAxon", { netuid: 1, ip: "127.0.0.1", port: 8091 }).args).toEqual({
      netuid: 1,
      version: 0,
      ip: "127.0.0.1",
      port: 8091,
      protocol: 4,
      placeholder1: 0,
      placeholder2: 0,
    });
  });

  it("every mapping names a call the emulator dispatches", () => {
    for (const [method, mapping] of Object.entries(EXTRINSICS)) expect(CALLS.has(mapping.call), `${method} → ${mapping.call}`).toBe(true);
  });
});
