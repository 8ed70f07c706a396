// `npm run bench transport`: dendrite → axon throughput with full verification, next to a bare node:http
// echo server and the raw sr25519 verify rate, all in this run; then one dendrite querying 256 axons at once.
//
// Servers run in a child process pinned to one core (taskset, when present); the driver is pinned to the
// other. Rates are given per wall second AND per CPU second of the server process: this machine is shared,
// so CPU-normalised figures are the ones that compare fairly, and the ratios are computed from those.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createServer, request, Agent } from "node:http";
import { fileURLToPath } from "node:url";
import { cpus, loadavg } from "node:os";
import { sr25519Verify as jsVerify, decodeAddress } from "@polkadot/util-crypto";
import { sr25519Verify as wasmVerify } from "@polkadot/wasm-crypto";
import { cryptoReady, keyFromUri } from "../src/runtime/src/wallet/dev.js";
import { Axon, Dendrite, defineSynapse, signatureMessage, EMPTY_BODY_HASH, type AxonTarget } from "../src/runtime/src/transport/index.js";

const Echo = defineSynapse({
  name: "Echo",
  input: { prompt: "string", numbers: "int[]" },
  output: { answer: "string" },
  requiredHashFields: ["prompt", "numbers"],
});
const INPUT = { prompt: "the quick brown fox jumps over the lazy dog", numbers: [1, 2, 3, 4, 5, 6, 7, 8] };
const SLOWEST_MS = 100;
const WINDOW_MS = Number(process.env.BENCH_WINDOW_MS ?? 4000);
const CONCURRENCY = 16;
const self = fileURLToPath(import.meta.url);
const hasTaskset = (() => {
  try {
    execFileSync("taskset", ["-p", String(process.pid)], { stdio: "ignore" });
    return cpus().length > 1;
  } catch {
    return false;
  }
})();

// ---------------------------------------------------------------- server side (child process)
async function serve(kind: string): Promise<void> {
  await cryptoReady();
  const bob = keyFromUri("//Bob");
  const ports: number[] = [];
  const closers: (() => Promise<void>)[] = [];
  if (kind === "bare") {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
        res.end(body);
      });
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    ports.push((server.address() as { port: number }).port);
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  } else {
    const count = kind === "axon" ? 1 : 256;
    for (let i = 0; i < count; i++) {
      const axon = new Axon({ hotkey: bob, ip: "127.0.0.1", port: 0, maxNonceEntries: 1_000_000 });
      // In the 256-axon run each miner "works" 20–100 ms; the last one is the slowest, SLOWEST_MS.
      const delay = count === 1 ? 0 : i === count - 1 ? SLOWEST_MS : 20 + (i % 64);
      axon.attach(Echo, async ({ prompt }) => {
        if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
        return { answer: prompt.toUpperCase() };
      });
      await axon.start();
      ports.push(axon.port);
      closers.push(() => axon.stop(100));
    }
  }
  process.send!({ ports, address: bob.address });
  process.on("message", async (message: string) => {
    if (message === "cpu") process.send!({ cpu: process.cpuUsage() });
    if (message === "verify") process.send!({ verify: await verifyRate() });
    if (message === "stop") {
      await Promise.all(closers.map((close) => close()));
      process.exit(0);
    }
  });
}

// ---------------------------------------------------------------- driver side (this process)
interface Child {
  proc: ChildProcess;
  ports: number[];
  address: string;
  cpu(): Promise<number>;
  /** The wasm verify rate measured inside the server process, on its core. */
  verifyRate(): Promise<number>;
  stop(): Promise<void>;
}

async function startChild(kind: string): Promise<Child> {
  const args = ["--import", "tsx", self, "serve", kind];
  const proc = hasTaskset
    ? spawn("taskset", ["-c", "0", process.execPath, ...args], { stdio: ["ignore", "inherit", "inherit", "ipc"] })
    : spawn(process.execPath, args, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const ready = await new Promise<{ ports: number[]; address: string }>((resolve, reject) => {
    proc.once("message", resolve as never);
    proc.once("exit", (code) => reject(new Error(`bench server (${kind}) exited with ${code}`)));
  });
  return {
    proc,
    ...ready,
    cpu: () =>
      new Promise((resolve) => {
        proc.once("message", (m: { cpu: NodeJS.CpuUsage }) => resolve((m.cpu.user + m.cpu.system) / 1e6));
        proc.send("cpu");
      }),
    verifyRate: () =>
      new Promise((resolve) => {
        proc.once("message", (m: { verify: number }) => resolve(m.verify));
        proc.send("verify");
      }),
    stop: () =>
      new Promise((resolve) => {
        proc.once("exit", () => resolve());
        proc.send("stop");
      }),
  };
}

/** Runs `one` from CONCURRENCY loops for a warm-up, then counts completions over WINDOW_MS. */
async function measure(child: Child, one: () => Promise<boolean>): Promise<{ wallRps: number; cpuRps: number; failures: number }> {
  let counting = false;
  let done = 0;
  let failures = 0;
  let running = true;
  const loops = Array.from({ length: CONCURRENCY }, async () => {
    while (running) {
      const ok = await one();
      if (counting) ok ? done++ : failures++;
    }
  });
  await new Promise((resolve) => setTimeout(resolve, 1000));
  const cpu0 = await child.cpu();
  counting = true;
  const t0 = performance.now();
  await new Promise((resolve) => setTimeout(resolve, WINDOW_MS));
  counting = false;
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = (await child.cpu()) - cpu0;
  running = false;
  await Promise.all(loops);
  return { wallRps: done / seconds, cpuRps: done / cpuSeconds, failures };
}

/** sr25519 verifications per CPU second: the wasm schnorrkel the axon uses, or (for reference) util-crypto's pure JS. */
async function verifyRate(impl: "wasm" | "js" = "wasm"): Promise<number> {
  const alice = keyFromUri("//Alice");
  const message = new TextEncoder().encode(signatureMessage(1750000000000000000n, alice.address, keyFromUri("//Bob").address, "6f1c2a3e-0000-11f0-8000-000000000001", EMPTY_BODY_HASH));
  const signature = alice.sign(message);
  const publicKey = decodeAddress(alice.address);
  const verify = impl === "wasm" ? () => wasmVerify(signature, message, publicKey) : () => jsVerify(message, signature, publicKey);
  for (let i = 0; i < 20; i++) verify();
  const c0 = process.cpuUsage();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < 2000) {
    if (!verify()) throw new Error("verify failed");
    n++;
  }
  const c = process.cpuUsage(c0);
  return n / ((c.user + c.system) / 1e6);
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function main(): Promise<void> {
  await cryptoReady();
  if (hasTaskset) execFileSync("taskset", ["-cp", "1", String(process.pid)], { stdio: "ignore" });
  console.log(`transport bench: Node ${process.version}, ${cpus().length} cores, load average ${loadavg().map((l) => l.toFixed(1)).join(" ")}` + ` (shared machine: other work runs beside this)`);
  console.log(`servers pinned to core 0${hasTaskset ? "" : " (no taskset: not pinned)"}, driver to core 1; ${CONCURRENCY} requests in flight; ${WINDOW_MS} ms windows\n`);


  // Bare node:http echo: the same headers and body a dendrite sends, echoed back.
  const bare = await startChild("bare");
  const agent = new Agent({ keepAlive: true, maxSockets: CONCURRENCY });
  const alice = keyFromUri("//Alice");
  const probe = new Dendrite(alice);
  const sample = await captureRequest(probe);
  const bareRun = await measure(bare, () =>
    new Promise<boolean>((resolve) => {
      const req = request({ host: "127.0.0.1", port: bare.ports[0], path: "/Echo", method: "POST", agent, headers: sample.headers }, (res) => {
        res.resume();
        res.on("end", () => resolve(res.statusCode === 200));
      });
      req.on("error", () => resolve(false));
      req.end(sample.body);
    }),
  );
  agent.destroy();
  await bare.stop();

  // Dendrite → axon, full pipeline: sign, send, blacklist-free verify (nonce + sr25519), body hash, forward, reply.
  const axonChild = await startChild("axon");
  const dendrite = new Dendrite(alice);
  const target: AxonTarget = { ip: "127.0.0.1", port: axonChild.ports[0], hotkey: axonChild.address };
  const verifyBefore = await axonChild.verifyRate();
  const axonRun = await measure(axonChild, async () => (await dendrite.query([target], Echo, INPUT, { timeoutMs: 30_000 }))[0].status === 200);
  const verifyAfter = await axonChild.verifyRate();
  dendrite.close();
  await axonChild.stop();

  // One dendrite, 256 axons at once (one server process), miners working 20–100 ms.
  const many = await startChild("axons256");
  const fan = new Dendrite(alice);
  const targets = many.ports.map((port) => ({ ip: "127.0.0.1", port, hotkey: many.address }));
  await fan.query(targets, Echo, INPUT, { timeoutMs: 60_000 }); // warm-up: connections, JIT
  const slowest = targets[targets.length - 1];
  const single: number[] = [];
  for (let i = 0; i < 5; i++) {
    const t = performance.now();
    const [r] = await fan.query([slowest], Echo, INPUT, { timeoutMs: 60_000 });
    if (r.status !== 200) throw new Error(`slowest axon answered ${r.status}`);
    single.push(performance.now() - t);
  }
  const fanTimes: number[] = [];
  let fanOk = 0;
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const responses = await fan.query(targets, Echo, INPUT, { timeoutMs: 60_000 });
    fanTimes.push(performance.now() - t);
    fanOk += responses.filter((r) => r.status === 200).length;
  }
  fan.close();
  await many.stop();

  const jsRate = await verifyRate("js");
  const verify = (verifyBefore + verifyAfter) / 2;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  console.log("throughput                          req/s (wall)   req per server CPU-s");
  console.log(`  bare node:http echo               ${fmt(bareRun.wallRps).padStart(12)}   ${fmt(bareRun.cpuRps).padStart(20)}`);
  console.log(`  dendrite → axon (full verify)     ${fmt(axonRun.wallRps).padStart(12)}   ${fmt(axonRun.cpuRps).padStart(20)}   (${axonRun.failures} non-200)`);
  console.log(`  raw sr25519 verify, wasm          ${"".padStart(12)}   ${fmt(verify).padStart(20)}   (in the axon process, before ${fmt(verifyBefore)} / after ${fmt(verifyAfter)} its run)`);
  console.log(`  raw sr25519 verify, pure JS       ${"".padStart(12)}   ${fmt(jsRate).padStart(20)}   (util-crypto 14's, for reference)`);
  console.log("");
  const cap = 1 / (1 / verify + 1 / bareRun.cpuRps);
  console.log(`  axon / bare server      = ${fmt(axonRun.cpuRps / bareRun.cpuRps, 3)}   (target ≥ 0.5; bare HTTP + one verify and nothing else would reach ${fmt(cap / bareRun.cpuRps, 3)})`);
  console.log(`  axon / verify-bound     = ${fmt(axonRun.cpuRps / verify, 3)}   (target ≥ 0.70)`);
  console.log("");
  console.log(`256 axons at once (miners 20–${SLOWEST_MS} ms):`);
  console.log(`  slowest axon alone      median ${fmt(median(single), 1)} ms`);
  console.log(`  all 256 at once         median ${fmt(median(fanTimes), 1)} ms  (${fanOk}/${3 * 256} answered 200)`);
  console.log(`  overhead over slowest   ${fmt(median(fanTimes) - median(single), 1)} ms total, ${fmt((median(fanTimes) - median(single)) / 255, 2)} ms per extra axon`);
  console.log(`  (each extra axon costs one sr25519 sign in the dendrite and one verify in the axon process: ~${fmt(1000 / verify, 2)} ms each at this machine's verify rate)`);
}

/** The exact headers and body a dendrite sends, captured by a throwaway loopback listener, for the bare-server run. */
async function captureRequest(dendrite: Dendrite): Promise<{ headers: Record<string, string>; body: string }> {
  return new Promise((resolve) => {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        res.writeHead(500).end();
        const headers = { ...req.headers } as Record<string, string>;
        delete headers.host;
        delete headers.connection;
        server.close();
        resolve({ headers, body: Buffer.concat(chunks).toString() });
      });
    });
    server.listen(0, "127.0.0.1", () => {
      const port = (server.address() as { port: number }).port;
      void dendrite.query([{ ip: "127.0.0.1", port, hotkey: keyFromUri("//Bob").address }], Echo, INPUT).then(() => dendrite.close());
    });
  });
}

if (process.argv[2] === "serve") await serve(process.argv[3]);
else await main();
