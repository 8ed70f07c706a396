// The dashboard's feed and server over a real local chain: the shapes the page receives, the controls, and the
// server's refusals. Processes are not run here (the browser test drives a real `npm run dev`); a recording
// stand-in for subnet dev's supervisor takes the stop/restart calls.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { LocalChain } from "../localnet/local-chain.js";
import { SseDecoder } from "../transport/sse.js";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
import { DashboardFeed } from "./feed.js";
import { startDashboardServer, type DashboardServer } from "./server.js";
import type { ControlResponse, DashboardState, DashboardUpdate } from "./types.js";

const TAO = 1_000_000_000n;

/** Reads server-sent events from the dashboard and lets a test wait for the next matching update. */
class EventReader {
  private readonly seen: DashboardUpdate[] = [];
  private waiters: (() => void)[] = [];
  private readonly abort = new AbortController();

  constructor(url: string) {
    void fetch(`${url}/api/events`, { signal: this.abort.signal })
      .then(async (response) => {
        const decoder = new SseDecoder();
        for await (const chunk of response.body!) {
          for (const message of decoder.feed(chunk as Uint8Array)) this.seen.push(JSON.parse(message.data) as DashboardUpdate);
          this.waiters.forEach((wake) => wake());
        }
      })
      .catch(() => undefined); // aborted by close()
  }

  /** Resolves with the first unread update of this type that matches; earlier ones of the type count as read. */
  async next<T extends DashboardUpdate["type"]>(
    type: T,
    match: (u: Extract<DashboardUpdate, { type: T }>) => boolean = () => true,
  ): Promise<Extract<DashboardUpdate, { type: T }>> {
    for (;;) {
      const index = this.seen.findIndex((u) => u.type === type && match(u as Extract<DashboardUpdate, { type: T }>));
      if (index !== -1) {
        const found = this.seen[index] as Extract<DashboardUpdate, { type: T }>;
        this.seen.splice(0, this.seen.length, ...this.seen.filter((u, i) => i > index || u.type !== type));
        return found;
      }
      await new Promise<void>((resolve) => this.waiters.push(resolve));
      this.waiters = [];
    }
  }

  close(): void {
    this.abort.abort();
  }
}

describe("dashboard feed and server", () => {
  let chain: LocalChain;
  let feed: DashboardFeed;
  let server: DashboardServer;
  let events: EventReader;
  let netuid: number;
  const processCalls: string[] = [];

  const post = (body: unknown, headers: Record<string, string> = {}) =>
    fetch(`${server.url}/api/control`, { method: "POST", headers: { "content-type": "application/json", ...headers }, body: JSON.stringify(body) });

  beforeAll(async () => {
    await cryptoReady();
    chain = await LocalChain.create({ genesis: { adminFreezeWindow: 0, newSubnetTempo: 5 } });
    const alice = keyFromUri("//Alice");
    const bob = keyFromUri("//Bob");
    ({ netuid } = await chain.registerNetwork(alice, { hotkey: alice.address }));
    await chain.startCall(alice, { netuid });
    await chain.addStake(alice, { netuid, hotkey: alice.address, amount: 1000n * TAO });
    const miners = [1, 2].map((i) => keyFromUri(`//Bob//miner${i}`));
    for (const m of miners) await chain.burnedRegister(bob, { netuid, hotkey: m.address });
    await chain.serveAxon(miners[0], { netuid, ip: "127.0.0.1", port: 8091 });
    feed = await DashboardFeed.start({
      chain,
      netuid,
      chainUrl: "ws://127.0.0.1:9944",
      resumeMode: { kind: "interval", ms: 60_000 },
      neurons: [
        { name: "validator", role: "validator", hotkey: alice.address },
        { name: "miner1", role: "miner", hotkey: miners[0].address },
        { name: "miner2", role: "miner", hotkey: miners[1].address },
      ],
      processes: {
        stop: async (name) => void processCalls.push(`stop ${name}`),
        restart: async (name) => void processCalls.push(`restart ${name}`),
      },
    });
    for (const name of ["validator", "miner1", "miner2"]) feed.setProcess(name, "up");
    server = await startDashboardServer({ feed, port: 0, portChosen: false, title: "test <subnet>" });
    events = new EventReader(server.url);
  });

  afterAll(async () => {
    events.close();
    await server.close();
    feed.close();
    await chain.close();
  });

  it("serves the page on 127.0.0.1 with everything from its own origin", async () => {
    expect(server.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const page = await fetch(`${server.url}/`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'self'");
    const html = await page.text();
    expect(html).toContain("<title>test &#60;subnet&#62; · subnet dashboard</title>");
    for (const src of html.matchAll(/(?:src|href)="([^"]+)"/g)) expect(src[1]).toMatch(/^\/|^data:/);
    const script = await fetch(`${server.url}/app.js`);
    expect(script.headers.get("content-type")).toMatch(/^text\/javascript/);
    expect((await script.text()).length).toBeGreaterThan(20_000);
    expect((await fetch(`${server.url}/nothing`)).status).toBe(404);
  });

  it("sends the whole state first: overview, one row per neuron by name, empty history, logs per neuron", async () => {
    const { state } = await events.next("state");
    const block = await chain.blockNumber();
    expect(state.overview).toEqual({
      netuid,
      block,
      epoch: 0,
      tempo: 5,
      nextEpochBlock: await chain.nextEpochStartBlock(netuid),
      blocksToNextEpoch: (await chain.nextEpochStartBlock(netuid)) - block,
      msToNextEpoch: null,
      blockMode: { kind: "manual" },
      chainUrl: "ws://127.0.0.1:9944",
    } satisfies DashboardState["overview"]);
    expect(state.metagraph.neurons.map((n) => [n.uid, n.name, n.role, n.process])).toEqual([
      [0, "validator", "validator", "up"],
      [1, "miner1", "miner", "up"],
      [2, "miner2", "miner", "up"],
    ]);
    const [validator, miner1, miner2] = state.metagraph.neurons;
    expect(validator.stake).toBeCloseTo(1000, 6);
    expect(validator.hotkey).toBe(keyFromUri("//Alice").address);
    expect(miner1.axon).toEqual({ ip: "127.0.0.1", port: 8091 });
    expect(miner2.axon).toBeNull();
    expect(Object.keys(miner1).sort()).toEqual(
      [
        "uid",
        "name",
        "role",
        "hotkey",
        "coldkey",
        "stake",
        "incentive",
        "dividends",
        "emission",
        "validatorTrust",
        "consensus",
        "validatorPermit",
        "active",
        "axon",
        "process",
      ].sort(),
    );
    expect(state.metagraph.weights.rows.map((r) => r.name)).toEqual(["validator"]);
    expect(state.metagraph.weights.columns.map((c) => c.name)).toEqual(["miner1", "miner2"]);
    expect(state.history).toEqual([]);
    expect(state.logs).toEqual({ validator: [], miner1: [], miner2: [] });
    expect(await (await fetch(`${server.url}/api/state`)).json()).toEqual(feed.state());
  });

  it("mine N moves the head by exactly N, and every head carries the overview", async () => {
    const before = await chain.blockNumber();
    const response = await post({ action: "mine", blocks: 3 });
    expect(await response.json()).toEqual({ ok: true, block: before + 3 } satisfies ControlResponse);
    const head = await events.next("head", (u) => u.overview.block === before + 3);
    expect(head.overview.blocksToNextEpoch).toBe(Math.max(0, head.overview.nextEpochBlock - (before + 3)));
  });

  it("an epoch adds a point to the history and redraws the metagraph with the weights the validator set", async () => {
    const alice = keyFromUri("//Alice");
    await chain.setWeights(alice, { netuid, uids: [1, 2], weights: [65535, 21845], versionKey: 0n });
    expect(await (await post({ action: "epoch" })).json()).toMatchObject({ ok: true });
    const { history } = await events.next("history", (u) => u.history.length === 1);
    expect(history[0].epoch).toBe(1);
    expect(Object.keys(history[0].incentive)).toEqual(["miner1", "miner2"]);
    expect(Object.keys(history[0].dividends)).toEqual(["validator"]);
    expect(Object.keys(history[0].stake)).toEqual(["validator", "miner1", "miner2"]);
    expect(history[0].incentive.miner1).toBeGreaterThan(history[0].incentive.miner2);
    const { metagraph } = await events.next("metagraph", (u) => u.metagraph.weights.values[0][0] > 0);
    expect(metagraph.weights.values[0][0]).toBeCloseTo(0.75, 4);
    expect(metagraph.weights.values[0][1]).toBeCloseTo(0.25, 4);
    expect(feed.state().overview.epoch).toBe(1);
  });

  it("a snapshot and a revert move the head back and drop the epochs after it", async () => {
    const { block } = (await (await post({ action: "snapshot" })).json()) as { block: number };
    const { snapshots } = await events.next("snapshots", (u) => u.snapshots.length === 1);
    expect(snapshots[0].block).toBe(block);
    await post({ action: "epoch" });
    await events.next("history", (u) => u.history.length === 2);
    expect(await (await post({ action: "revert", id: snapshots[0].id })).json()).toEqual({ ok: true, block });
    await events.next("history", (u) => u.history.length === 1);
    expect((await events.next("snapshots")).snapshots).toEqual([]);
    expect(feed.state().overview.block).toBe(block);
  });

  it("pause and resume switch the block mode; the wait for the next epoch is estimated only on a timer", async () => {
    await post({ action: "resume" });
    const timed = await events.next("head", (u) => u.overview.blockMode.kind === "interval");
    expect(timed.overview.msToNextEpoch).toBe(timed.overview.blocksToNextEpoch * 60_000);
    await post({ action: "pause" });
    expect((await events.next("head", (u) => u.overview.blockMode.kind === "manual")).overview.msToNextEpoch).toBeNull();
  });

  it("forwards log lines and process changes, and hands stop/restart to the session", async () => {
    feed.log("miner1", "12:00:00.000 INFO  miner  served");
    expect((await events.next("log")).lines).toEqual([{ neuron: "miner1", text: "12:00:00.000 INFO  miner  served" }]);
    expect(await (await post({ action: "stop", neuron: "miner2" })).json()).toMatchObject({ ok: true });
    feed.setProcess("miner2", "down");
    expect(await events.next("process")).toEqual({ type: "process", neuron: "miner2", status: "down" });
    const { metagraph } = await events.next("metagraph", (u) => u.metagraph.neurons[2].process === "down");
    expect(metagraph.neurons[2].name).toBe("miner2");
    await post({ action: "restart", neuron: "miner2" });
    expect(processCalls).toEqual(["stop miner2", "restart miner2"]);
    expect(feed.state().logs.miner1).toEqual(["12:00:00.000 INFO  miner  served"]);
  });

  it("refuses bad controls with a message that names the fix", async () => {
    const bad = async (body: unknown) => {
      const response = await post(body);
      expect(response.status).toBe(400);
      return ((await response.json()) as { error: string }).error;
    };
    expect(await bad({ action: "mine", blocks: 0 })).toMatch(/cannot mine 0 blocks; give a whole number from 1 to 10000/);
    expect(await bad({ action: "mine", blocks: "10" })).toMatch(/cannot mine "10" blocks/);
    expect(await bad({ action: "revert", id: "0x99" })).toMatch(/unknown snapshot "0x99"/);
    expect(await bad({ action: "stop", neuron: "nobody" })).toMatch(/no neuron process named "nobody"; pick one of validator, miner1, miner2/);
    expect(await bad({ action: "launch" })).toMatch(/not a control request/);
    expect(await bad(null)).toMatch(/not a control request/);
  });

  it("takes controls only from its own page: foreign origins, other host names and non-JSON bodies are refused", async () => {
    expect((await post({ action: "mine", blocks: 1 }, { origin: "http://evil.example" })).status).toBe(403);
    const asForm = await fetch(`${server.url}/api/control`, {
      method: "POST",
      headers: { "content-type": "text/plain" },
      body: '{"action":"mine","blocks":1}',
    });
    expect(asForm.status).toBe(415);
    const huge = await post({ action: "mine", blocks: 1, padding: "x".repeat(10_000) });
    expect(huge.status).toBe(413);
    const notJson = await fetch(`${server.url}/api/control`, { method: "POST", headers: { "content-type": "application/json" }, body: "{" });
    expect(notJson.status).toBe(400);
    // A DNS-rebound name reaching this port: node's fetch sets Host from the URL, so speak HTTP by hand.
    const { request } = await import("node:http");
    const status = await new Promise<number>((resolve, reject) => {
      const req = request(`${server.url}/api/state`, { headers: { host: "rebound.example:80" } }, (res) => {
        res.resume();
        resolve(res.statusCode!);
      });
      req.on("error", reject);
      req.end();
    });
    expect(status).toBe(421);
    expect((await fetch(`${server.url}/`, { method: "DELETE" })).status).toBe(405);
  });

  it("falls back to a free port when the default is taken, but not when the port was chosen", async () => {
    const other = await startDashboardServer({ feed, port: server.port, portChosen: false, title: "other" });
    expect(other.port).not.toBe(server.port);
    await other.close();
    await expect(startDashboardServer({ feed, port: server.port, portChosen: true, title: "other" })).rejects.toThrow(
      `dashboard port ${server.port} is in use; pass another --dashboard-port, 0 for any free port, or --no-dashboard`,
    );
  });
});
