// `git init` and a first commit. Skipped, with a note, where git is missing or the target already sits
// inside a git work tree (a monorepo); a failed commit (no identity) keeps the repo and says why.
import { execa } from "execa";

export type GitResult = { ok: true } | { ok: false; reason: string };

export async function initGitRepository(root: string): Promise<GitResult> {
  const inside = await execa("git", ["rev-parse", "--is-inside-work-tree"], { cwd: root, reject: false });
  if (inside.failed && (inside as { code?: string }).code === "ENOENT") return { ok: false, reason: "git is not installed" };
  if (inside.exitCode === 0 && inside.stdout.trim() === "true") {
    return { ok: false, reason: "the directory is already inside a git repository" };
  }
  const steps: string[][] = [
    ["init", "--quiet"],
    ["add", "--all"],
    ["commit", "--quiet", "--no-verify", "-m", "Initial commit from create-bittensor-subnet"],
  ];
  for (const args of steps) {
    const result = await execa("git", args, { cwd: root, reject: false });
    if (result.exitCode !== 0) {
      const detail = (result.stderr || result.shortMessage || "").split("\n")[0] ?? "";
      return { ok: false, reason: `git ${args[0]} failed: ${detail}` };
    }
  }
  return { ok: true };
}
