// The package manager that ran us (`pnpm create …` sets npm_config_user_agent to "pnpm/9.0.0 npm/? node/…").
export type PackageManager = "npm" | "pnpm" | "yarn" | "bun";

export function detectPackageManager(userAgent: string | undefined): PackageManager {
  const name = userAgent?.split(" ")[0]?.split("/")[0];
  return name === "pnpm" || name === "yarn" || name === "bun" ? name : "npm";
}

/** How to run a package.json script with this package manager, for the next steps. */
export function runScript(pm: PackageManager, script: string): string {
  return pm === "npm" || pm === "bun" ? `${pm} run ${script}` : `${pm} ${script}`;
}
