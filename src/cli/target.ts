// Where the project goes: "." is the current directory, absolute paths stay absolute (create-vite 9.3
// joins them onto cwd, a bug we test against), and a non-empty directory is refused unless --force.
import { readdirSync, statSync } from "node:fs";
import path from "node:path";

export interface Target {
  /** Absolute path of the project directory. */
  root: string;
  /** What to print after `cd` in the next steps; "" when the project is the current directory. */
  cdPath: string;
  /** The default package name: the directory's base name. */
  defaultName: string;
}

export function resolveTarget(dir: string, cwd: string): Target {
  const root = path.resolve(cwd, dir);
  const relative = path.relative(cwd, root);
  const cdPath = relative === "" ? "" : relative.startsWith("..") || path.isAbsolute(relative) ? root : relative;
  return { root, cdPath, defaultName: path.basename(root) };
}

export type TargetState = "missing" | "empty" | "non-empty" | "not-a-directory";

export function inspectTarget(root: string): TargetState {
  let stats;
  try {
    stats = statSync(root);
  } catch {
    return "missing";
  }
  if (!stats.isDirectory()) return "not-a-directory";
  // A directory holding only .git counts as empty, as in create-vite.
  return readdirSync(root).every((entry) => entry === ".git") ? "empty" : "non-empty";
}
