// The validator's score book as pure functions: resync against a new metagraph, the moving average,
// and choosing which miners to query. Pure so every edge (growth, shrink, replaced hotkeys) is testable alone.
import type { Metagraph } from "../chain/types.js";
import { RAO_PER_TAO } from "../chain/units.js";
import { LengthMismatchError } from "./errors.js";

/** Scores by uid, with the hotkey each score belongs to. */
export interface ScoreBook {
  hotkeys: string[];
  scores: number[];
}

export interface ResyncResult extends ScoreBook {
  /** Uids whose score was reset because a different hotkey now holds them. */
  replaced: number[];
  /** Uids that are new since the last sync. */
  added: number[];
  /** Uids that no longer exist (the subnet shrank). */
  removed: number[];
}

/**
 * Aligns a score book with the metagraph's current hotkeys: new uids start at 0, uids beyond the new size are
 * dropped, and a uid now held by a different hotkey starts again at 0, whether or not its axon changed.
 */
export function resyncScores(previous: ScoreBook, hotkeys: readonly string[]): ResyncResult {
  const replaced: number[] = [];
  const added: number[] = [];
  const removed: number[] = [];
  const scores = hotkeys.map((hotkey, uid) => {
    if (uid >= previous.hotkeys.length) {
      added.push(uid);
      return 0;
    }
    if (previous.hotkeys[uid] !== hotkey) {
      replaced.push(uid);
      return 0;
    }
    return previous.scores[uid] ?? 0;
  });
  for (let uid = hotkeys.length; uid < previous.hotkeys.length; uid++) removed.push(uid);
  return { hotkeys: [...hotkeys], scores, replaced, added, removed };
}

/**
 * The exponential moving average: `score ← α·reward + (1−α)·score` for each queried uid. Rewards that are not
 * finite count as 0 and are clamped into [0, 1]. Uids not queried keep their score (the Python template decays
 * them too, which punishes miners for not being sampled). Uids outside the book are ignored (deregistered
 * mid-step). Returns a new array.
 */
export function updateScores(scores: readonly number[], uids: readonly number[], rewards: readonly number[], alpha: number): number[] {
  if (uids.length !== rewards.length) {
    throw new LengthMismatchError("updateScores", uids.length, { name: "rewards", length: rewards.length });
  }
  const next = [...scores];
  uids.forEach((uid, i) => {
    if (uid < 0 || uid >= next.length) return;
    const r = rewards[i];
    const reward = Number.isFinite(r) ? Math.min(1, Math.max(0, r)) : 0;
    next[uid] = alpha * reward + (1 - alpha) * next[uid];
  });
  return next;
}

/**
 * The uids a validator may query: serving an axon (ip not 0.0.0.0), not itself, and not a permit holder with more
 * than `vpermitTaoLimit` TAO (another validator), like the template's `check_uid_availability`.
 */
export function queryableUids(metagraph: Metagraph, opts: { self?: number | null; vpermitTaoLimit: number }): number[] {
  const limit = BigInt(Math.floor(opts.vpermitTaoLimit)) * RAO_PER_TAO;
  return metagraph.uids.filter((uid) => {
    if (uid === opts.self) return false;
    const axon = metagraph.axons[uid];
    if (!axon || axon.ip === "0.0.0.0" || axon.port === 0) return false;
    return !(metagraph.validatorPermit[uid] && metagraph.stake[uid] > limit);
  });
}

/** `k` distinct uids drawn uniformly from `uids` (all of them when k ≥ length). */
export function sampleUids(uids: readonly number[], k: number, random: () => number = Math.random): number[] {
  const pool = [...uids];
  for (let i = pool.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [pool[i], pool[j]] = [pool[j], pool[i]];
  }
  return pool.slice(0, Math.max(0, k)).sort((a, b) => a - b);
}
