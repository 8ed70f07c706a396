// What a simulation report carries: the JSON inlined in the HTML that web/report draws. Types only, so the
// browser bundle can share them.
import type { MetagraphView } from "../dashboard/types.js";

export interface ReportData {
  title: string;
  tempo: number;
  /** Measured epochs, 1-based, and the block each ended at. */
  epochs: number[];
  blocks: number[];
  /** What went wrong in the run (no weights, nothing learned, …), each with its fix. */
  problems: string[];
  /** Miners in the order given, with their behaviour ("honest", "lazy", "copycat of honest", …). */
  miners: { name: string; behaviour: string; totalEmission: number }[];
  validators: { name: string; totalEmission: number }[];
  /** Per miner, per epoch: its share of the incentive paid to miners, in [0, 1]. */
  incentiveShare: Record<string, number[]>;
  /** Per validator, per epoch. */
  dividends: Record<string, number[]>;
  /** The last epoch's metagraph. */
  final: MetagraphView;
}
