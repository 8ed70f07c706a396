// The dashboard's data: follows a local chain (and the dev session's processes and logs), keeps the epoch
// history and the latest log lines, and tells listeners what changed. Controls go through the chain's dev methods.
import type { BlockMode, DevChain, Unsubscribe } from "../chain/types.js";
import { UnknownSnapshotError } from "../localnet/errors.js";
import { BlockCountError, UnknownControlError, UnknownNeuronError } from "./errors.js";
import type { DashboardState, DashboardUpdate, EpochPoint, LogLine, MetagraphView, Overview, ProcessStatus, SnapshotEntry } from "./types.js";
import { epochPoint, metagraphView, neuronViews, type NamedNeuron } from "./view.js";

/** What the dev session lets the page do to its neuron processes. */
export interface NeuronProcessControl {
  stop(name: string): Promise<void>;
  restart(name: string): Promise<void>;
}

/** A dev chain that reports its block mode (LocalChain does). */
export type ObservableDevChain = DevChain & { readonly blockMode: BlockMode };

export interface DashboardFeedOptions {
  chain: ObservableDevChain;
  netuid: number;
  chainUrl: string;
  neurons: readonly NamedNeuron[];
  /** The block mode "resume" switches back to. */
  resumeMode: BlockMode;
  processes?: NeuronProcessControl;
  /** Lines kept per neuron. Default 200. */
  logLines?: number;
}

export const MAX_MINE = 10_000;

export class DashboardFeed {
  private readonly listeners = new Set<(update: DashboardUpdate) => void>();
  private readonly processStatus = new Map<string, ProcessStatus>();
  private readonly logs = new Map<string, string[]>();
  private history: EpochPoint[] = [];
  private snapshots: SnapshotEntry[] = [];
  private overview!: Overview;
  private metagraph!: MetagraphView;
  private metagraphJson = "";
  private lastStep = 0;
  private unsubscribe: Unsubscribe[] = [];
  private refreshing: Promise<void> | undefined;
  private refreshAgain = false;
  private closed = false;

  private constructor(private readonly opts: DashboardFeedOptions) {}

  static async start(opts: DashboardFeedOptions): Promise<DashboardFeed> {
    const feed = new DashboardFeed(opts);
    for (const n of opts.neurons) feed.logs.set(n.name, []);
    await feed.refresh();
    // Blocks and events (a served axon, set weights in manual mode) both change what the page shows.
    feed.unsubscribe.push(await opts.chain.subscribeBlocks(() => feed.schedule()));
    feed.unsubscribe.push(await opts.chain.subscribeEvents(() => feed.schedule()));
    return feed;
  }

  /** Everything the page needs to draw itself. */
  state(): DashboardState {
    return {
      overview: this.overview,
      metagraph: this.metagraph,
      history: this.history,
      logs: Object.fromEntries(this.logs),
      snapshots: this.snapshots,
    };
  }

  subscribe(listener: (update: DashboardUpdate) => void): Unsubscribe {
    this.listeners.add(listener);
    return () => void this.listeners.delete(listener);
  }

  /** A line a neuron printed (the dev session forwards its children's output). */
  log(neuron: string, text: string): void {
    const lines = this.logs.get(neuron) ?? [];
    lines.push(text);
    if (lines.length > (this.opts.logLines ?? 200)) lines.splice(0, lines.length - (this.opts.logLines ?? 200));
    this.logs.set(neuron, lines);
    this.emit({ type: "log", lines: [{ neuron, text } satisfies LogLine] });
  }

  setProcess(neuron: string, status: ProcessStatus): void {
    if (this.processStatus.get(neuron) === status) return;
    this.processStatus.set(neuron, status);
    this.emit({ type: "process", neuron, status });
    this.schedule();
  }

  /** Runs one control request from the page; resolves with the head block after it. */
  async control(request: unknown): Promise<number> {
    const { chain, netuid } = this.opts;
    const r = (typeof request === "object" && request !== null ? request : {}) as Record<string, unknown>;
    switch (r.action) {
      case "pause":
        await chain.setBlockMode({ kind: "manual" });
        break;
      case "resume":
        await chain.setBlockMode(this.opts.resumeMode);
        break;
      case "mine": {
        if (typeof r.blocks !== "number" || !Number.isInteger(r.blocks) || r.blocks < 1 || r.blocks > MAX_MINE) throw new BlockCountError(r.blocks, MAX_MINE);
        await chain.mine(r.blocks);
        break;
      }
      case "epoch":
        await chain.runEpochNow(netuid);
        break;
      case "snapshot": {
        const block = await chain.blockNumber();
        this.snapshots = [...this.snapshots, { id: await chain.snapshot(), block }];
        this.emit({ type: "snapshots", snapshots: this.snapshots });
        break;
      }
      case "revert": {
        const index = this.snapshots.findIndex((s) => s.id === r.id);
        if (typeof r.id !== "string" || index === -1)
          throw new UnknownSnapshotError(
            r.id,
            this.snapshots.map((s) => s.id),
          );
        await chain.revert(r.id);
        // Like the chain, a revert uses up that snapshot and every later one.
        this.snapshots = this.snapshots.slice(0, index);
        this.emit({ type: "snapshots", snapshots: this.snapshots });
        break;
      }
      case "stop":
      case "restart": {
        const processes = this.opts.processes;
        const known = [...this.processStatus.keys()];
        if (!processes || typeof r.neuron !== "string" || !this.processStatus.has(r.neuron)) throw new UnknownNeuronError(String(r.neuron), known);
        await (r.action === "stop" ? processes.stop(r.neuron) : processes.restart(r.neuron));
        break;
      }
      default:
        throw new UnknownControlError(request);
    }
    await this.refresh();
    return this.overview.block;
  }

  close(): void {
    this.closed = true;
    for (const u of this.unsubscribe) u();
    this.listeners.clear();
  }

  private emit(update: DashboardUpdate): void {
    for (const listener of this.listeners) {
      try {
        listener(update);
      } catch {
        // One broken connection must not stop the others' updates.
      }
    }
  }

  /** Coalesces bursts (mine 1000 delivers one head, but events come per block) into one refresh at a time. */
  private schedule(): void {
    if (this.closed) return;
    if (this.refreshing) {
      this.refreshAgain = true;
      return;
    }
    this.refreshing = this.refresh()
      .catch(() => undefined)
      .finally(() => {
        this.refreshing = undefined;
        if (this.refreshAgain) {
          this.refreshAgain = false;
          this.schedule();
        }
      });
  }

  private async refresh(): Promise<void> {
    const { chain, netuid } = this.opts;
    const metagraph = await chain.metagraph(netuid);
    const nextEpochBlock = await chain.nextEpochStartBlock(netuid);
    const neurons = neuronViews(metagraph, this.opts.neurons, this.processStatus);

    // A revert can move the head back: epochs after it never happened.
    const previousBlock = this.overview?.block ?? 0;
    if (metagraph.block < previousBlock) {
      this.history = this.history.filter((p) => p.block <= metagraph.block);
      this.lastStep = this.history.at(-1)?.block ?? 0;
      this.emit({ type: "history", history: this.history });
    }
    if (metagraph.lastStep > this.lastStep) {
      this.lastStep = metagraph.lastStep;
      this.history = [...this.history, epochPoint(this.history.length + 1, metagraph.lastStep, neurons)];
      this.emit({ type: "history", history: this.history });
    }

    const mode = chain.blockMode;
    const blocksToNextEpoch = Math.max(0, nextEpochBlock - metagraph.block);
    this.overview = {
      netuid,
      block: metagraph.block,
      epoch: this.history.length,
      tempo: metagraph.tempo,
      nextEpochBlock,
      blocksToNextEpoch,
      msToNextEpoch: mode.kind === "interval" ? blocksToNextEpoch * mode.ms : null,
      blockMode: mode,
      chainUrl: this.opts.chainUrl,
    };
    this.emit({ type: "head", overview: this.overview });

    const view = metagraphView(metagraph, neurons);
    const json = JSON.stringify({ ...view, block: 0 });
    if (json !== this.metagraphJson) {
      this.metagraphJson = json;
      this.metagraph = view;
      this.emit({ type: "metagraph", metagraph: view });
    } else {
      this.metagraph = view;
    }
  }
}
