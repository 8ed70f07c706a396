import { describe, expect, it } from "vitest";
import { chainTarget, neuronHelp, parseNeuronConfig } from "./config.js";
import { NetworkNotChosenError, NeuronConfigError } from "./errors.js";

describe("parseNeuronConfig", () => {
  it("uses the SDK and template defaults", () => {
    const c = parseNeuronConfig([], { role: "validator", env: {} });
    expect(c.netuid).toBe(1);
    expect(c.wallet.name).toBe("default");
    expect(c.wallet.hotkey).toBe("default");
    expect(c.subtensor.network).toBeUndefined();
    expect(c.neuron).toMatchObject({ sampleSize: 50, movingAverageAlpha: 0.1, epochLength: 100, timeout: 10 });
    expect(c.neuron.fullPath).toMatch(/validators\/default\/default\/netuid1\/validator$/);
  });

  it("never picks a chain itself: without a network or endpoint, chainTarget refuses with the three choices", () => {
    const bare = parseNeuronConfig([], { role: "miner", env: {} });
    expect(() => chainTarget(bare, "miner")).toThrow(NetworkNotChosenError);
    try {
      chainTarget(bare, "miner");
    } catch (error) {
      expect(error).toBeInstanceOf(NeuronConfigError);
      expect((error as NetworkNotChosenError).shortMessage).toBe("no chain chosen for the miner");
      expect((error as NetworkNotChosenError).hint).toMatch(/--subtensor\.network local .* test .* finney .*BT_SUBTENSOR_NETWORK/);
    }
    const fromFlag = parseNeuronConfig(["--subtensor.network", "test"], { role: "miner", env: {} });
    expect(chainTarget(fromFlag, "miner")).toEqual({ network: "test", endpoint: undefined });
    const fromEnv = parseNeuronConfig([], { role: "validator", env: { BT_SUBTENSOR_NETWORK: "local" } });
    expect(chainTarget(fromEnv, "validator")).toEqual({ network: "local", endpoint: undefined });
    const fromEndpoint = parseNeuronConfig(["--subtensor.chain_endpoint", "ws://127.0.0.1:9944"], { role: "validator", env: {} });
    expect(chainTarget(fromEndpoint, "validator")).toEqual({ network: undefined, endpoint: "ws://127.0.0.1:9944" });
  });

  it("reads flags in both forms, flags win over BT_* env, env wins over defaults", () => {
    const c = parseNeuronConfig(
      ["--netuid", "3", "--wallet.name=alice", "--axon.port", "9000", "--logging.debug", "--blacklist.force_validator_permit", "false"],
      { role: "miner", env: { BT_WALLET_NAME: "bob", BT_WALLET_HOTKEY: "hk", BT_SUBTENSOR_CHAIN_ENDPOINT: "ws://127.0.0.1:9944" } },
    );
    expect(c.netuid).toBe(3);
    expect(c.wallet).toMatchObject({ name: "alice", hotkey: "hk" });
    expect(c.subtensor.chainEndpoint).toBe("ws://127.0.0.1:9944");
    expect(c.axon.port).toBe(9000);
    expect(c.logging.debug).toBe(true);
    expect(c.blacklist.forceValidatorPermit).toBe(false);
  });

  it("accepts dashes for underscores and a version key as bigint", () => {
    const c = parseNeuronConfig(["--neuron.sample-size", "4", "--neuron.version_key", "10002000"], { role: "validator", env: {} });
    expect(c.neuron.sampleSize).toBe(4);
    expect(c.neuron.versionKey).toBe(10002000n);
  });

  it("code overrides win over flags", () => {
    const c = parseNeuronConfig(["--netuid", "3"], { role: "validator", env: {}, overrides: { netuid: 7, neuron: { timeout: 2 } } });
    expect(c.netuid).toBe(7);
    expect(c.neuron.timeout).toBe(2);
    expect(c.neuron.sampleSize).toBe(50);
  });

  it.each([
    [["--netuid", "abc"], /--netuid must be an integer/],
    [["--wallet.nmae", "x"], /did you mean --wallet.name/],
    [["--neuron.sample_size", "5"], /not a miner flag/],
    [["--netuid", "0"], /root network/],
    [["--axon.port"], /needs a value/],
    [["stray"], /unexpected argument/],
  ])("refuses %j with a named problem and a fix", (argv, message) => {
    const run = () => parseNeuronConfig(argv, { role: "miner", env: {} });
    expect(run).toThrow(NeuronConfigError);
    expect(run).toThrow(message);
  });

  it("the wire: btauth by default, the project's in code, BT_WIRE and --wire over it; a bad one refused by name", () => {
    expect(parseNeuronConfig([], { role: "miner", env: {} }).wire).toBe("btauth");
    expect(parseNeuronConfig([], { role: "miner", env: {}, wire: "v10" }).wire).toBe("v10");
    expect(parseNeuronConfig([], { role: "miner", env: { BT_WIRE: "both" }, wire: "v10" }).wire).toBe("both");
    expect(parseNeuronConfig(["--wire", "btauth"], { role: "validator", env: { BT_WIRE: "v10" } }).wire).toBe("btauth");
    expect(() => parseNeuronConfig(["--wire", "v11"], { role: "miner", env: {} })).toThrow(
      /--wire is "v11"; use btauth \(Bittensor 11\), v10 \(legacy synapses\) or both/,
    );
  });

  it("ed25519 callers: none by default, a comma-separated list from --axon.ed25519_hotkeys or BT_AXON_ED25519_HOTKEYS; a non-address refused by name", () => {
    const [alice, bob] = ["5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY", "5FHneW46xGXgs5mUiveU4sbTyGBzmstUspZC92UhjJM694ty"];
    expect(parseNeuronConfig([], { role: "miner", env: {} }).axon.ed25519Hotkeys).toEqual([]);
    expect(parseNeuronConfig([], { role: "miner", env: { BT_AXON_ED25519_HOTKEYS: `${alice}, ${bob}` } }).axon.ed25519Hotkeys).toEqual([alice, bob]);
    expect(parseNeuronConfig(["--axon.ed25519_hotkeys", bob], { role: "miner", env: { BT_AXON_ED25519_HOTKEYS: alice } }).axon.ed25519Hotkeys).toEqual([bob]);
    expect(() => parseNeuronConfig(["--axon.ed25519_hotkeys", `${alice},0x${"00".repeat(32)}`], { role: "miner", env: {} })).toThrow(
      /--axon.ed25519_hotkeys has "0x0{64}", which is not an ss58 address/,
    );
    expect(() => parseNeuronConfig(["--axon.ed25519_hotkeys", alice], { role: "validator", env: {} })).toThrow(/not a validator flag/);
    expect(neuronHelp("miner")).toMatch(/--axon.ed25519_hotkeys <a,b,…> +comma-separated ss58 hotkeys .*\[BT_AXON_ED25519_HOTKEYS\]/);
  });

  it("refuses a bad environment variable by name", () => {
    expect(() => parseNeuronConfig([], { role: "validator", env: { BT_NEURON_TIMEOUT: "soon" } })).toThrow(/BT_NEURON_TIMEOUT must be a number/);
  });

  it("--help sets help and the text lists every flag with its env var", () => {
    expect(parseNeuronConfig(["--help"], { role: "validator", env: {} }).help).toBe(true);
    const text = neuronHelp("validator");
    for (const flag of [
      "--netuid",
      "--wallet.name",
      "--subtensor.chain_endpoint",
      "--neuron.sample_size",
      "--neuron.moving_average_alpha",
      "--neuron.timeout",
      "--logging.debug",
    ]) {
      expect(text).toContain(flag);
    }
    expect(text).toContain("[BT_WALLET_NAME]");
    expect(text).not.toContain("--axon.port");
    expect(neuronHelp("miner")).toContain("--axon.external_ip");
  });
});
