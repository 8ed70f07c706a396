// `subnet dev`'s web dashboard: the feed follows the dev chain and the supervisor's neurons; the page is
// served on 127.0.0.1 (dashboard/).
import { readFileSync } from "node:fs";
import { basename, join } from "node:path";
import { DashboardFeed } from "../../dashboard/feed.js";
import { startDashboardServer, type DashboardServer } from "../../dashboard/server.js";
import type { DevNeuron } from "../../localnet/dev-subnet.js";
import type { LocalChain } from "../../localnet/local-chain.js";
import { DEFAULT_DASHBOARD_PORT, type DevSettings } from "./settings.js";
import type { NeuronSupervisor } from "./supervisor.js";

export interface DevDashboard {
  feed: DashboardFeed;
  server: DashboardServer;
  close(): Promise<void>;
}

/** The project's name for the page title: package.json's "name", else the folder's. */
function projectName(root: string): string {
  try {
    const name = (JSON.parse(readFileSync(join(root, "package.json"), "utf8")) as { name?: unknown }).name;
    if (typeof name === "string" && name) return name;
  } catch {
    // no package.json: the folder names the project
  }
  return basename(root);
}

export async function startDevDashboard(opts: {
  root: string;
  chain: LocalChain;
  chainUrl: string;
  netuid: number;
  neurons: readonly DevNeuron[];
  settings: DevSettings;
  supervisor: NeuronSupervisor;
}): Promise<DevDashboard> {
  const { settings, supervisor } = opts;
  const feed = await DashboardFeed.start({
    chain: opts.chain,
    netuid: opts.netuid,
    chainUrl: opts.chainUrl,
    neurons: opts.neurons.map((n) => ({ name: n.name, role: n.role, hotkey: n.hotkey.address })),
    resumeMode: { kind: "interval", ms: settings.blockIntervalMs },
    processes: { stop: (name) => supervisor.stop(name), restart: (name) => supervisor.restart(name) },
  });
  try {
    const server = await startDashboardServer({
      feed,
      port: settings.dashboardPort ?? DEFAULT_DASHBOARD_PORT,
      portChosen: settings.dashboardPort !== undefined,
      title: projectName(opts.root),
    });
    return {
      feed,
      server,
      async close() {
        await server.close();
        feed.close();
      },
    };
  } catch (error) {
    feed.close();
    throw error;
  }
}
