// The one argument table: what each Chain extrinsic and each Substrate call becomes, by subtensor's names and
// order, checked against the calls the emulator dispatches and the calls the Substrate front declares (a name one
// side does not carry would be a silent drop).
import { describe, expect, it } from "vitest";
import { CALLS } from "./dispatch.js";
import { EMULATOR_CALL_ARGS, EXTRINSICS, emulatorCall } from "./extrinsics.js";
import { subtensorRuntime } from "./substrate/metadata.js";

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
    for (const call of Object.keys(EMULATOR_CALL_ARGS)) expect(CALLS.has(call), call).toBe(true);
  });

  it("the Substrate front's calls carry every argument the table names, and pass them on by that name", () => {
    const mapped: string[] = [];
    for (const pallet of subtensorRuntime().pallets) {
      for (const def of pallet.calls ?? []) {
        // Each SCALE argument gets a distinct value, so a value passed on under another name shows.
        const args = Object.fromEntries(def.args.map((a, i) => [a.name, a.name === "mecid" ? 0 : `${def.name}.${a.name}#${i}`]));
        const emulator = def.toEmulator(args, false);
        if (!emulator) continue;
        mapped.push(`${pallet.name}.${def.name}`);
        if (emulator.call === "admin") {
          expect(emulator.args.call, def.name).toBe(def.name);
          expect(emulator.args.args, def.name).toEqual(def.args.map((a) => args[a.name]));
          continue;
        }
        const names = EMULATOR_CALL_ARGS[emulator.call as keyof typeof EMULATOR_CALL_ARGS];
        expect(names, `${def.name} → ${emulator.call}`).toBeDefined();
        expect(Object.keys(emulator.args), def.name).toEqual([...names]);
        for (const name of names) expect(emulator.args[name], `${def.name}.${name}`).toBe(args[name]);
      }
    }
    // The calls a client signs through the front: balances, the subtensor calls and the mechanism variants.
    expect(mapped).toEqual(
      expect.arrayContaining([
        "Balances.transfer_keep_alive",
        "SubtensorModule.set_weights",
        "SubtensorModule.serve_axon",
        "SubtensorModule.reveal_mechanism_weights",
        "AdminUtils.sudo_set_tempo",
      ]),
    );
  });
});
