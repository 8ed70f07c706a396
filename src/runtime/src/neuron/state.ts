// Neuron state on disk. A save writes a temporary file beside the target, flushes it, and renames it over the
// target, so a crash (even kill -9) at any moment leaves either the old or the new file, never a torn one.
// A `StateStore` refuses to save before it has loaded, so a restart can never overwrite state it did not read.
import { mkdirSync, openSync, writeSync, fsyncSync, closeSync, renameSync, readFileSync, readdirSync, rmSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { StateFileError, StateNotLoadedError } from "./errors.js";

/** What a validator keeps across restarts. */
export interface ValidatorState {
  version: 1;
  /** Validation steps run so far. */
  step: number;
  /** Score per uid (exponential moving average of rewards). */
  scores: number[];
  /** Hotkey per uid when the scores were last resynced, so a replaced hotkey is detected after a restart. */
  hotkeys: string[];
  /** Block of the last successful weight setting (or commit), 0 for never. */
  lastWeightsBlock: number;
  /** Commit-reveal: commits not yet revealed, so a restart can still reveal them. */
  pendingCommits?: SavedCommit[];
}

/** A commit as saved: what the reveal must repeat exactly (version key as a decimal string). */
export interface SavedCommit {
  uids: number[];
  weights: number[];
  salt: number[];
  versionKey: string;
  block: number;
}

/** Writes `data` to `path` atomically: temp file + fsync + rename + directory fsync. */
export function writeFileAtomic(path: string, data: string): void {
  const dir = dirname(path);
  mkdirSync(dir, { recursive: true });
  const temp = join(dir, `.${basename(path)}.tmp-${process.pid}-${Math.random().toString(36).slice(2, 10)}`);
  const fd = openSync(temp, "w", 0o600);
  try {
    writeSync(fd, data);
    fsyncSync(fd);
  } finally {
    closeSync(fd);
  }
  try {
    renameSync(temp, path);
  } catch (error) {
    rmSync(temp, { force: true });
    throw error;
  }
  // Persist the rename itself; not every platform lets a directory be opened, and then there is nothing to sync.
  try {
    const dirFd = openSync(dir, "r");
    try {
      fsyncSync(dirFd);
    } finally {
      closeSync(dirFd);
    }
  } catch {
    /* directory fsync unsupported (e.g. Windows) */
  }
}

function isValidatorState(value: unknown): value is ValidatorState {
  const v = value as ValidatorState;
  return (
    v !== null &&
    typeof v === "object" &&
    v.version === 1 &&
    Number.isInteger(v.step) &&
    Array.isArray(v.scores) &&
    v.scores.every((s) => typeof s === "number") &&
    Array.isArray(v.hotkeys) &&
    v.hotkeys.every((h) => typeof h === "string") &&
    v.hotkeys.length === v.scores.length &&
    Number.isInteger(v.lastWeightsBlock) &&
    (v.pendingCommits === undefined ||
      (Array.isArray(v.pendingCommits) &&
        v.pendingCommits.every(
          (c) => Array.isArray(c.uids) && Array.isArray(c.weights) && Array.isArray(c.salt) && /^\d+$/.test(c.versionKey) && Number.isInteger(c.block),
        )))
  );
}

/** Reads a state file: `null` when there is none, a `StateFileError` when it is not a validator state. */
export function readValidatorState(path: string): ValidatorState | null {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT") return null;
    throw error;
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(text);
  } catch (error) {
    throw new StateFileError(path, "not-json", { cause: error });
  }
  if (!isValidatorState(parsed)) {
    throw new StateFileError(path, "not-state");
  }
  return parsed;
}

/** The state file of one neuron: load first, then save as often as needed. */
export class StateStore {
  readonly path: string;
  #loaded = false;

  constructor(directory: string, file = "state.json") {
    this.path = join(directory, file);
  }

  /** Loads the saved state (or `null` for a fresh start) and removes temp files a crash may have left. */
  load(): ValidatorState | null {
    const state = readValidatorState(this.path);
    const prefix = `.${basename(this.path)}.tmp-`;
    try {
      for (const name of readdirSync(dirname(this.path))) if (name.startsWith(prefix)) rmSync(join(dirname(this.path), name), { force: true });
    } catch {
      /* no directory yet */
    }
    this.#loaded = true;
    return state;
  }

  save(state: ValidatorState): void {
    if (!this.#loaded) {
      throw new StateNotLoadedError(this.path);
    }
    writeFileAtomic(this.path, JSON.stringify(state));
  }
}
