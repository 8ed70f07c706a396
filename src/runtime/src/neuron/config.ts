// The neuron's configuration: the Python SDK's and subnet template's flags, their BT_* environment variables,
// and their defaults. One table drives parsing, defaults and `--help`, so the three can never drift apart.
import { homedir } from "node:os";
import { join } from "node:path";
import { decodeAddress } from "@polkadot/util-crypto";
import { FlagOutOfRangeError, FlagValueError, FlagValueMissingError, NetworkNotChosenError, UnexpectedArgumentError, UnknownFlagError } from "./errors.js";

export type NeuronRole = "miner" | "validator";

export interface NeuronConfig {
  netuid: number;
  /** The wire between neurons: btauth/1 (Bittensor 11), the v10 synapse envelope, or (miner only) both. */
  wire: "btauth" | "v10" | "both";
  wallet: { name: string; hotkey: string; path: string };
  /** Neither set means no chain was chosen: `chainTarget` refuses to guess one. */
  subtensor: { network: string | undefined; chainEndpoint: string | undefined };
  axon: {
    ip: string;
    port: number;
    externalIp: string | undefined;
    externalPort: number | undefined;
    maxWorkers: number;
    /** Callers whose hotkeys are ed25519 keys: btauth/1 verifies them as ed25519, everyone else as sr25519. */
    ed25519Hotkeys: string[];
  };
  neuron: {
    name: string;
    /** Where state.json lives; default `<wallet.path>/../<role>s/<wallet>/<hotkey>/netuid<n>/<name>` like the template. */
    fullPath: string;
    /** Blocks between metagraph resyncs and weight setting. */
    epochLength: number;
    /** Dendrite timeout per query, in seconds. */
    timeout: number;
    sampleSize: number;
    movingAverageAlpha: number;
    numConcurrentForwards: number;
    disableSetWeights: boolean;
    axonOff: boolean;
    /** Validators with more than this stake (TAO) are not sampled as miners. */
    vpermitTaoLimit: number;
    /** The version key passed with weights; default from the project's package.json (template `spec_version`). */
    versionKey: bigint | undefined;
  };
  blacklist: { forceValidatorPermit: boolean; allowNonRegistered: boolean; minStake: number };
  logging: { debug: boolean; trace: boolean; json: boolean };
  help: boolean;
}

type FlagType = "int" | "float" | "string" | "bool" | "bigint" | "list";

interface Flag {
  /** The flag without dashes, e.g. "wallet.name". */
  name: string;
  /** The config path it sets, e.g. ["wallet", "name"]. */
  path: [string] | [string, string];
  type: FlagType;
  env: string;
  /** Default value; a function for defaults that depend on other settings. */
  fallback: unknown;
  help: string;
  roles?: NeuronRole[];
}

const DEFAULT_WALLET_PATH = join(homedir(), ".bittensor", "wallets");

// Order here is the order of `--help`.
const FLAGS: Flag[] = [
  { name: "netuid", path: ["netuid"], type: "int", env: "BT_NETUID", fallback: 1, help: "subnet to run on" },
  {
    name: "wire",
    path: ["wire"],
    type: "string",
    env: "BT_WIRE",
    fallback: "btauth",
    help: "btauth (Bittensor 11), v10 (legacy synapses), or both (miner: accept either during a migration)",
  },
  { name: "wallet.name", path: ["wallet", "name"], type: "string", env: "BT_WALLET_NAME", fallback: "default", help: "coldkey wallet name" },
  { name: "wallet.hotkey", path: ["wallet", "hotkey"], type: "string", env: "BT_WALLET_HOTKEY", fallback: "default", help: "hotkey name" },
  { name: "wallet.path", path: ["wallet", "path"], type: "string", env: "BT_WALLET_PATH", fallback: DEFAULT_WALLET_PATH, help: "wallets directory" },
  {
    name: "subtensor.network",
    path: ["subtensor", "network"],
    type: "string",
    env: "BT_SUBTENSOR_NETWORK",
    fallback: undefined,
    help: "local, test, finney, archive or a ws(s):// URL; required, never guessed",
  },
  {
    name: "subtensor.chain_endpoint",
    path: ["subtensor", "chainEndpoint"],
    type: "string",
    env: "BT_SUBTENSOR_CHAIN_ENDPOINT",
    fallback: undefined,
    help: "chain endpoint; wins over --subtensor.network",
  },
  { name: "axon.ip", path: ["axon", "ip"], type: "string", env: "BT_AXON_IP", fallback: "0.0.0.0", help: "address the axon binds to", roles: ["miner"] },
  { name: "axon.port", path: ["axon", "port"], type: "int", env: "BT_AXON_PORT", fallback: 8091, help: "port the axon binds to", roles: ["miner"] },
  {
    name: "axon.external_ip",
    path: ["axon", "externalIp"],
    type: "string",
    env: "BT_AXON_EXTERNAL_IP",
    fallback: undefined,
    help: "ip published on chain (default: --axon.ip when it is a concrete address; with a wildcard bind, 127.0.0.1 on the local chain and required on a real one)",
    roles: ["miner"],
  },
  {
    name: "axon.external_port",
    path: ["axon", "externalPort"],
    type: "int",
    env: "BT_AXON_EXTERNAL_PORT",
    fallback: undefined,
    help: "port published on chain (default: the bound port)",
    roles: ["miner"],
  },
  {
    name: "axon.max_workers",
    path: ["axon", "maxWorkers"],
    type: "int",
    env: "BT_AXON_MAX_WORKERS",
    fallback: 10,
    help: "forwards served at once",
    roles: ["miner"],
  },
  {
    name: "axon.ed25519_hotkeys",
    path: ["axon", "ed25519Hotkeys"],
    type: "list",
    env: "BT_AXON_ED25519_HOTKEYS",
    fallback: [],
    help: "comma-separated ss58 hotkeys of callers that sign with ed25519 keys (btauth/1 verifies everyone else as sr25519)",
    roles: ["miner"],
  },
  {
    name: "neuron.name",
    path: ["neuron", "name"],
    type: "string",
    env: "BT_NEURON_NAME",
    fallback: undefined,
    help: "name of the state directory (default: the role)",
  },
  {
    name: "neuron.full_path",
    path: ["neuron", "fullPath"],
    type: "string",
    env: "BT_NEURON_FULL_PATH",
    fallback: undefined,
    help: "state directory (default: ~/.bittensor/<role>s/<wallet>/<hotkey>/netuid<n>/<name>)",
  },
  {
    name: "neuron.epoch_length",
    path: ["neuron", "epochLength"],
    type: "int",
    env: "BT_NEURON_EPOCH_LENGTH",
    fallback: 100,
    help: "blocks between resyncs and weight setting",
  },
  {
    name: "neuron.timeout",
    path: ["neuron", "timeout"],
    type: "float",
    env: "BT_NEURON_TIMEOUT",
    fallback: 10,
    help: "seconds to wait for each miner",
    roles: ["validator"],
  },
  {
    name: "neuron.sample_size",
    path: ["neuron", "sampleSize"],
    type: "int",
    env: "BT_NEURON_SAMPLE_SIZE",
    fallback: 50,
    help: "miners queried per step",
    roles: ["validator"],
  },
  {
    name: "neuron.moving_average_alpha",
    path: ["neuron", "movingAverageAlpha"],
    type: "float",
    env: "BT_NEURON_MOVING_AVERAGE_ALPHA",
    fallback: 0.1,
    help: "weight of a new reward in the score average",
    roles: ["validator"],
  },
  {
    name: "neuron.num_concurrent_forwards",
    path: ["neuron", "numConcurrentForwards"],
    type: "int",
    env: "BT_NEURON_NUM_CONCURRENT_FORWARDS",
    fallback: 1,
    help: "validation steps run at once",
    roles: ["validator"],
  },
  {
    name: "neuron.disable_set_weights",
    path: ["neuron", "disableSetWeights"],
    type: "bool",
    env: "BT_NEURON_DISABLE_SET_WEIGHTS",
    fallback: false,
    help: "score miners but never set weights",
    roles: ["validator"],
  },
  {
    name: "neuron.axon_off",
    path: ["neuron", "axonOff"],
    type: "bool",
    env: "BT_NEURON_AXON_OFF",
    fallback: false,
    help: "do not serve an axon",
    roles: ["miner"],
  },
  {
    name: "neuron.vpermit_tao_limit",
    path: ["neuron", "vpermitTaoLimit"],
    type: "float",
    env: "BT_NEURON_VPERMIT_TAO_LIMIT",
    fallback: 4096,
    help: "permit holders with more stake (TAO) are not queried",
    roles: ["validator"],
  },
  {
    name: "neuron.version_key",
    path: ["neuron", "versionKey"],
    type: "bigint",
    env: "BT_NEURON_VERSION_KEY",
    fallback: undefined,
    help: "weights version key (default: 0, or spec_version of ./package.json once the subnet sets a weights version key)",
    roles: ["validator"],
  },
  {
    name: "blacklist.force_validator_permit",
    path: ["blacklist", "forceValidatorPermit"],
    type: "bool",
    env: "BT_BLACKLIST_FORCE_VALIDATOR_PERMIT",
    fallback: true,
    help: "refuse callers without a validator permit",
    roles: ["miner"],
  },
  {
    name: "blacklist.allow_non_registered",
    path: ["blacklist", "allowNonRegistered"],
    type: "bool",
    env: "BT_BLACKLIST_ALLOW_NON_REGISTERED",
    fallback: false,
    help: "accept callers that are not registered",
    roles: ["miner"],
  },
  {
    name: "blacklist.min_stake",
    path: ["blacklist", "minStake"],
    type: "float",
    env: "BT_BLACKLIST_MIN_STAKE",
    fallback: 0,
    help: "refuse callers with less stake (TAO)",
    roles: ["miner"],
  },
  { name: "logging.debug", path: ["logging", "debug"], type: "bool", env: "BT_LOGGING_DEBUG", fallback: false, help: "log debug lines" },
  { name: "logging.trace", path: ["logging", "trace"], type: "bool", env: "BT_LOGGING_TRACE", fallback: false, help: "log trace lines (implies debug)" },
  { name: "logging.json", path: ["logging", "json"], type: "bool", env: "BT_LOGGING_JSON", fallback: false, help: "one JSON object per log line" },
];

function flagsFor(role: NeuronRole): Flag[] {
  return FLAGS.filter((f) => !f.roles || f.roles.includes(role));
}

function parseValue(flag: Flag, raw: string, source: string): unknown {
  const bad = (expected: string) => new FlagValueError(source, flag.name, expected, raw, example(flag));
  switch (flag.type) {
    case "string":
      return raw;
    case "list":
      return raw
        .split(",")
        .map((item) => item.trim())
        .filter((item) => item !== "");
    case "int": {
      if (!/^-?\d+$/.test(raw.trim())) throw bad("an integer");
      return Number(raw);
    }
    case "float": {
      const value = Number(raw);
      if (raw.trim() === "" || !Number.isFinite(value)) throw bad("a number");
      return value;
    }
    case "bigint": {
      if (!/^\d+$/.test(raw.trim())) throw bad("a non-negative integer");
      return BigInt(raw.trim());
    }
    case "bool": {
      const v = raw.trim().toLowerCase();
      if (["1", "true", "yes", "on", ""].includes(v)) return true;
      if (["0", "false", "no", "off"].includes(v)) return false;
      throw bad("true or false");
    }
  }
}

function example(flag: Flag): string {
  if (flag.type === "bool") return "true";
  if (flag.type === "list") return "<a>,<b>";
  if (flag.fallback !== undefined && typeof flag.fallback !== "function") return String(flag.fallback);
  return flag.type === "string" ? "<text>" : "<number>";
}

/** Levenshtein distance, for "did you mean" on unknown flags. */
function distance(a: string, b: string): number {
  const row = Array.from({ length: b.length + 1 }, (_, i) => i);
  for (let i = 1; i <= a.length; i++) {
    let prev = row[0];
    row[0] = i;
    for (let j = 1; j <= b.length; j++) {
      const next = row[j];
      row[j] = Math.min(row[j] + 1, row[j - 1] + 1, prev + (a[i - 1] === b[j - 1] ? 0 : 1));
      prev = next;
    }
  }
  return row[b.length];
}

function set(target: Record<string, unknown>, path: Flag["path"], value: unknown): void {
  if (path.length === 1) target[path[0]] = value;
  else (target[path[0]] as Record<string, unknown>)[path[1]] = value;
}

/**
 * Reads the config from flags (`--wallet.name x` or `--wallet.name=x`; a bare boolean flag means true),
 * then `BT_*` environment variables, then defaults. Flags use the SDK's snake_case names; a `-`
 * in place of `_` is accepted too. Unknown flags are an error with a suggestion.
 */
export function parseNeuronConfig(
  argv: readonly string[],
  opts: { role: NeuronRole; env?: NodeJS.ProcessEnv; overrides?: NeuronConfigOverrides; wire?: NeuronConfig["wire"] } = { role: "miner" },
): NeuronConfig {
  const env = opts.env ?? process.env;
  const flags = flagsFor(opts.role);
  const byName = new Map(flags.map((f) => [f.name, f]));
  const given = new Map<Flag, unknown>();
  let help = false;

  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === "--help" || arg === "-h") {
      help = true;
      continue;
    }
    if (!arg.startsWith("--")) {
      throw new UnexpectedArgumentError(arg);
    }
    const eq = arg.indexOf("=");
    const rawName = (eq === -1 ? arg.slice(2) : arg.slice(2, eq)).replaceAll("-", "_");
    const flag = byName.get(rawName);
    if (!flag) {
      const known = [...byName.keys()];
      const nearest = known.sort((a, b) => distance(rawName, a) - distance(rawName, b))[0];
      const otherRole = FLAGS.find((f) => f.name === rawName);
      throw new UnknownFlagError(rawName, opts.role, otherRole?.roles ? { otherRoles: otherRole.roles } : { nearest });
    }
    let raw: string;
    if (eq !== -1) raw = arg.slice(eq + 1);
    else if (flag.type === "bool" && (argv[i + 1] === undefined || argv[i + 1].startsWith("--") || !/^(true|false|1|0|yes|no|on|off)$/i.test(argv[i + 1])))
      raw = "true";
    else {
      if (argv[i + 1] === undefined) throw new FlagValueMissingError(flag.name, example(flag));
      raw = argv[++i];
    }
    given.set(flag, parseValue(flag, raw, `--${flag.name}`));
  }

  const config = {
    wallet: {},
    subtensor: {},
    axon: {},
    neuron: {},
    blacklist: {},
    logging: {},
  } as Record<string, unknown>;
  for (const flag of FLAGS) {
    let value: unknown;
    if (given.has(flag)) value = given.get(flag);
    else if (env[flag.env] !== undefined && env[flag.env] !== "") value = parseValue(flag, env[flag.env]!, flag.env);
    // The project's own wire (passed in code by its entry points) is the default that flags and env override.
    else value = flag.name === "wire" && opts.wire !== undefined ? opts.wire : Array.isArray(flag.fallback) ? [...flag.fallback] : flag.fallback;
    set(config, flag.path, value);
  }
  const result = config as unknown as NeuronConfig;
  applyOverrides(result, opts.overrides);
  result.help = help;
  result.wallet.path = expandHome(result.wallet.path);
  if (result.neuron.fullPath) result.neuron.fullPath = expandHome(result.neuron.fullPath);
  result.neuron.name ??= opts.role;
  result.neuron.fullPath ??= join(
    result.wallet.path,
    "..",
    `${opts.role}s`,
    result.wallet.name,
    result.wallet.hotkey,
    `netuid${result.netuid}`,
    result.neuron.name,
  );
  if (result.logging.trace) result.logging.debug = true;
  validate(result);
  return result;
}

/** Settings passed in code (e.g. by the test kit); they win over flags and environment. */
export type NeuronConfigOverrides = {
  [K in keyof Omit<NeuronConfig, "help">]?: NeuronConfig[K] extends object ? Partial<NeuronConfig[K]> : NeuronConfig[K];
};

function applyOverrides(config: NeuronConfig, overrides: NeuronConfigOverrides | undefined): void {
  if (!overrides) return;
  for (const [key, value] of Object.entries(overrides)) {
    if (value === undefined) continue;
    const current = (config as unknown as Record<string, unknown>)[key];
    if (current !== null && typeof current === "object" && typeof value === "object") Object.assign(current, value);
    else (config as unknown as Record<string, unknown>)[key] = value;
  }
}

function expandHome(path: string): string {
  return path === "~" || path.startsWith("~/") ? join(homedir(), path.slice(1)) : path;
}

function validate(c: NeuronConfig): void {
  const fail = (rule: FlagOutOfRangeError["rule"], value: unknown) => {
    throw new FlagOutOfRangeError(rule, value);
  };
  if (!["btauth", "v10", "both"].includes(c.wire)) fail("wire", c.wire);
  if (!Number.isInteger(c.netuid) || c.netuid < 0 || c.netuid > 65535) fail("netuid", c.netuid);
  if (c.netuid === 0) fail("netuid-root", c.netuid);
  if (!Number.isInteger(c.axon.port) || c.axon.port < 0 || c.axon.port > 65535) fail("axon.port", c.axon.port);
  for (const hotkey of c.axon.ed25519Hotkeys ?? []) if (!isSs58(hotkey)) fail("axon.ed25519_hotkeys", hotkey);
  if (c.neuron.epochLength < 1) fail("neuron.epoch_length", c.neuron.epochLength);
  if (!(c.neuron.timeout > 0)) fail("neuron.timeout", c.neuron.timeout);
  if (c.neuron.sampleSize < 1) fail("neuron.sample_size", c.neuron.sampleSize);
  if (!(c.neuron.movingAverageAlpha > 0 && c.neuron.movingAverageAlpha <= 1)) fail("neuron.moving_average_alpha", c.neuron.movingAverageAlpha);
  if (c.neuron.numConcurrentForwards < 1) fail("neuron.num_concurrent_forwards", c.neuron.numConcurrentForwards);
}

function isSs58(text: string): boolean {
  try {
    return !text.startsWith("0x") && decodeAddress(text).length === 32;
  } catch {
    return false;
  }
}

/**
 * Where the neuron connects: the network or endpoint it was given. A neuron started without either (say,
 * `npm run miner` right after `npm run dev`) must not quietly reach mainnet, so there is no default.
 */
export function chainTarget(config: NeuronConfig, role: NeuronRole): { network?: string; endpoint?: string } {
  const { network, chainEndpoint } = config.subtensor;
  if (network === undefined && chainEndpoint === undefined) throw new NetworkNotChosenError({ role });
  return { network, endpoint: chainEndpoint };
}

/** The `--help` text for a role: every flag with its environment variable and default. */
export function neuronHelp(role: NeuronRole, command = `npm run ${role} --`): string {
  const rows = flagsFor(role).map((f) => {
    const fallback = f.fallback === undefined || (Array.isArray(f.fallback) && f.fallback.length === 0) ? "" : ` (default: ${String(f.fallback)})`;
    const value = f.type === "bigint" ? "int" : f.type === "list" ? "a,b,…" : f.type;
    return [`--${f.name}${f.type === "bool" ? "" : ` <${value}>`}`, `${f.help}${fallback}  [${f.env}]`];
  });
  const width = Math.max(...rows.map(([flag]) => flag.length));
  return [
    `Usage: ${command} [options]`,
    "",
    `Runs the ${role}. Flags win over environment variables, which win over defaults.`,
    "",
    "Options:",
    ...rows.map(([flag, text]) => `  ${flag.padEnd(width)}  ${text}`),
    `  ${"--help".padEnd(width)}  show this help`,
  ].join("\n");
}
