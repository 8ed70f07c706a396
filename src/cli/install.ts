// Installs the generated project's dependencies with the package manager that ran us.
import { execa } from "execa";
import type { PackageManager } from "./package-manager.js";

export type InstallResult = { ok: true } | { ok: false; reason: string; interrupted: boolean };

export async function installDependencies(root: string, pm: PackageManager): Promise<InstallResult> {
  const result = await execa(pm, ["install"], { cwd: root, reject: false, all: true, stdin: "ignore" });
  if (result.exitCode === 0) return { ok: true };
  const interrupted = result.signal === "SIGINT" || result.exitCode === 130;
  const tail = (result.all ?? result.shortMessage).trim().split("\n").slice(-8).join("\n");
  return { ok: false, reason: tail, interrupted };
}
