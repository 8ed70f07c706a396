// Commit-reveal (v2) for a validator's weights (docs/weights.md §7): commit a salted hash now, keep the
// weights, and reveal them once the subnet's reveal window opens. Pending commits survive restarts through
// the validator's state file.
import type { KeyringPair } from "@polkadot/keyring/types";
import { commitHash } from "../chain/commit-hash.js";
import type { Chain } from "../chain/types.js";
import type { SavedCommit } from "./state.js";
import type { WeightsResult } from "./types.js";

/** A commit waiting for its reveal window. */
export interface PendingCommit {
  uids: number[];
  weights: number[];
  salt: number[];
  versionKey: bigint;
  block: number;
}

/**
 * The block from which a commit made at `commitBlock` may be revealed: after `period` epochs have fired.
 * Epochs fire every `tempo` blocks counted from `lastStep`, the block of the most recent one.
 */
export function revealWindowStart(commitBlock: number, lastStep: number, tempo: number, period: number): number {
  // The first epoch block strictly after the commit, then `period - 1` more.
  const firstAfter = lastStep + (Math.floor((commitBlock - lastStep) / tempo) + 1) * tempo;
  return firstAfter + (period - 1) * tempo;
}

/** How the validator records a reveal's outcome, and turns a chain refusal into a failed result. */
export interface RevealReporting {
  record(result: WeightsResult): void;
  failure(action: "reveal", error: unknown): WeightsResult;
}

/** One validator's pending commits on one subnet. */
export class CommitReveal {
  readonly pending: PendingCommit[] = [];

  constructor(
    private readonly chain: Chain,
    private readonly hotkey: KeyringPair,
    private readonly netuid: number,
    private readonly random: () => number,
  ) {}

  restore(saved: readonly SavedCommit[]): void {
    this.pending.push(...saved.map((c) => ({ ...c, versionKey: BigInt(c.versionKey) })));
  }

  toSaved(): SavedCommit[] {
    return this.pending.map((c) => ({ ...c, versionKey: c.versionKey.toString() }));
  }

  /** Forgets every pending commit (they belong to a chain that was reset). */
  clear(): void {
    this.pending.length = 0;
  }

  /** Commits the salted hash of these weights; returns the commit's block. Throws the chain's refusal. */
  async commit(uids: number[], weights: number[], versionKey: bigint): Promise<number> {
    const salt = Array.from({ length: 8 }, () => Math.floor(this.random() * 65536));
    const hash = commitHash({ account: this.hotkey.address, netuid: this.netuid, uids, values: weights, salt, versionKey });
    const tx = await this.chain.commitWeights(this.hotkey, { netuid: this.netuid, commitHash: hash });
    this.pending.push({ uids, weights, salt, versionKey, block: tx.block });
    return tx.block;
  }

  /** Reveals every pending commit whose window is open at `block`; drops the ones the chain says are gone. */
  async revealDue(block: number, window: { lastStep: number; tempo: number; period: number }, report: RevealReporting): Promise<void> {
    while (this.pending.length > 0) {
      const commit = this.pending[0];
      if (block < revealWindowStart(commit.block, window.lastStep, window.tempo, window.period)) return;
      this.pending.shift();
      try {
        const tx = await this.chain.revealWeights(this.hotkey, {
          netuid: this.netuid,
          uids: commit.uids,
          weights: commit.weights,
          salt: commit.salt,
          versionKey: commit.versionKey,
        });
        report.record({ ok: true, action: "reveal", block: tx.block, uids: commit.uids, weights: commit.weights });
      } catch (error) {
        const failure = report.failure("reveal", error);
        if (!failure.ok && failure.error === "RevealTooEarly") {
          this.pending.unshift(commit);
          report.record({ ...failure, reason: "reveal-pending" });
          return;
        }
        report.record(failure);
      }
    }
  }
}
