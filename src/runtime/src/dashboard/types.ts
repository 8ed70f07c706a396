// The data the dashboard page receives: one snapshot when it connects, then updates over server-sent events.
// Plain JSON (TAO as numbers, u16 figures normalised to [0, 1]); the front end imports these types too.

export type BlockModeView = { kind: "manual" } | { kind: "instant" } | { kind: "interval"; ms: number };

/** The subnet at a glance, sent with every new head. */
export interface Overview {
  netuid: number;
  block: number;
  /** Epochs seen since the dashboard started (the charts' x axis). */
  epoch: number;
  tempo: number;
  /** The block at which the next epoch runs. */
  nextEpochBlock: number;
  blocksToNextEpoch: number;
  /** Estimated wait for the next epoch; null when blocks do not come on a timer (manual or instant mode). */
  msToNextEpoch: number | null;
  blockMode: BlockModeView;
  chainUrl: string;
}

export type ProcessStatus = "starting" | "up" | "down";

export interface AxonView {
  ip: string;
  port: number;
}

/** One metagraph row, named by the dev session (`validator`, `miner1`, …). */
export interface NeuronView {
  uid: number;
  name: string;
  role: "owner" | "validator" | "miner";
  hotkey: string;
  coldkey: string;
  /** TAO. */
  stake: number;
  incentive: number;
  dividends: number;
  /** TAO emitted to this uid at the last epoch. */
  emission: number;
  validatorTrust: number;
  consensus: number;
  validatorPermit: boolean;
  active: boolean;
  /** null until the neuron serves an axon. */
  axon: AxonView | null;
  /** The neuron's process, when the dev session runs one for it. */
  process: ProcessStatus | null;
}

/** Validators × miners, each cell in [0, 1]. */
export interface Matrix {
  rows: { uid: number; name: string }[];
  columns: { uid: number; name: string }[];
  /** rows.length arrays of columns.length values. */
  values: number[][];
}

/** The figures the charts plot for one epoch. */
export interface EpochPoint {
  epoch: number;
  block: number;
  /** By neuron name. */
  incentive: Record<string, number>;
  dividends: Record<string, number>;
  /** TAO. */
  stake: Record<string, number>;
}

export interface MetagraphView {
  block: number;
  neurons: NeuronView[];
  /** Each validator's latest weights, as a share of its row. */
  weights: Matrix;
  /** Each validator's bonds in each miner (u16 / 65535). */
  bonds: Matrix;
}

export interface LogLine {
  neuron: string;
  text: string;
}

export interface SnapshotEntry {
  id: string;
  block: number;
}

export interface DashboardState {
  overview: Overview;
  metagraph: MetagraphView;
  history: EpochPoint[];
  /** The latest lines per neuron name, oldest first. */
  logs: Record<string, string[]>;
  /** Snapshots that can still be reverted to, oldest first. */
  snapshots: SnapshotEntry[];
}

export type DashboardUpdate =
  | { type: "state"; state: DashboardState }
  | { type: "head"; overview: Overview }
  | { type: "metagraph"; metagraph: MetagraphView }
  | { type: "history"; history: EpochPoint[] }
  | { type: "log"; lines: LogLine[] }
  | { type: "process"; neuron: string; status: ProcessStatus }
  | { type: "snapshots"; snapshots: SnapshotEntry[] };

/** What the page may ask for (POST /api/control, JSON body). */
export type ControlRequest =
  | { action: "pause" }
  | { action: "resume" }
  | { action: "mine"; blocks: number }
  | { action: "epoch" }
  | { action: "snapshot" }
  | { action: "revert"; id: string }
  | { action: "stop"; neuron: string }
  | { action: "restart"; neuron: string };

export type ControlResponse = { ok: true; block: number } | { ok: false; error: string };
