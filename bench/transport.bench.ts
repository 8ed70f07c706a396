// `npm run bench transport`: dendrite → axon throughput with full verification, next to a bare node:http
// echo server and the raw sr25519 verify rate, all in this run; then one dendrite querying 256 axons at once.
//
// Servers run in a child process pinned to one core (taskset, when present); the driver is pinned to the
// other. Rates are given per wall second AND per CPU second of the server process: this machine is shared,
// so CPU-normalised figures are the ones that compare fairly, and the ratios are computed from those.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { createServer } from "node:http";
import { fileURLToPath } from "node:url";
import { cpus, loadavg } from "node:os";
import { connect } from "node:net";
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
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 64);
const STREAMS = 8;
const PER_STREAM = 450;
const WARMUP = 50;
const PIPELINE = 25;
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
      // maxTimeoutS 600: the captured requests carry a 600 s timeout, which keeps them fresh until replayed.
      const axon = new Axon({ hotkey: bob, ip: "127.0.0.1", port: 0, maxTimeoutS: 600 });
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


  // The same signed requests, captured once, replayed pipelined to each server: capacity on one core.
  const alice = keyFromUri("//Alice");
  const streams = await captureRequests(STREAMS, PER_STREAM, keyFromUri("//Bob").address);

  // Bare node:http echo of those exact requests.
  const bare = await startChild("bare");
  await blast(bare, streams, 0, WARMUP);
  const bareRun = await blast(bare, streams, WARMUP, PER_STREAM);
  await bare.stop();

  // The axon, full pipeline: nonce rules, sr25519 verify, body hash, validation, forward, full reply.
  const axonChild = await startChild("axon");
  const verifyBefore = await axonChild.verifyRate();
  await blast(axonChild, streams, 0, WARMUP);
  const axonRun = await blast(axonChild, streams, WARMUP, PER_STREAM);
  // End to end: a live Dendrite (signing each request) driving the same axon.
  const dendrite = new Dendrite(alice);
  const target: AxonTarget = { ip: "127.0.0.1", port: axonChild.ports[0], hotkey: axonChild.address };
  const e2e = await measure(axonChild, async () => (await dendrite.query([target], Echo, INPUT, { timeoutMs: 30_000 }))[0].status === 200);
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
  const driverCpu0 = process.cpuUsage();
  const serverCpu0 = await many.cpu();
  for (let i = 0; i < 3; i++) {
    const t = performance.now();
    const responses = await fan.query(targets, Echo, INPUT, { timeoutMs: 60_000 });
    fanTimes.push(performance.now() - t);
    fanOk += responses.filter((r) => r.status === 200).length;
  }
  const driverCpu = process.cpuUsage(driverCpu0);
  const serverCpuMs = ((await many.cpu()) - serverCpu0) * 1000;
  const driverCpuMs = (driverCpu.user + driverCpu.system) / 1000;
  fan.close();
  await many.stop();

  const jsRate = await verifyRate("js");
  const verify = (verifyBefore + verifyAfter) / 2;
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

  console.log(`throughput (${STREAMS} sockets × ${PIPELINE} pipelined)  req/s (wall)   req per server CPU-s`);
  console.log(`  bare node:http echo               ${fmt(bareRun.wallRps).padStart(12)}   ${fmt(bareRun.cpuRps).padStart(20)}`);
  console.log(`  axon, full verification          ${fmt(axonRun.wallRps).padStart(12)}   ${fmt(axonRun.cpuRps).padStart(20)}   (${axonRun.ok}/${axonRun.total} answered 200)`);
  console.log(`  raw sr25519 verify, wasm          ${"".padStart(12)}   ${fmt(verify).padStart(20)}   (in the axon process, before ${fmt(verifyBefore)} / after ${fmt(verifyAfter)} its runs)`);
  console.log(`  raw sr25519 verify, pure JS       ${"".padStart(12)}   ${fmt(jsRate).padStart(20)}   (util-crypto 14's, for reference)`);
  console.log(`  live Dendrite → axon, ${CONCURRENCY} in flight ${fmt(e2e.wallRps).padStart(9)}   ${fmt(e2e.cpuRps).padStart(20)}   (${e2e.failures} non-200; the driver signs every request)`);
  console.log("");
  const cap = 1 / (1 / verify + 1 / bareRun.cpuRps);
  console.log(`  axon / bare server      = ${fmt(axonRun.cpuRps / bareRun.cpuRps, 3)}   (target ≥ 0.5; bare HTTP + one verify and nothing else would reach ${fmt(cap / bareRun.cpuRps, 3)})`);
  console.log(`  axon / verify-bound     = ${fmt(axonRun.cpuRps / verify, 3)}   (target ≥ 0.70)`);
  console.log("");
  console.log(`256 axons at once (miners 20–${SLOWEST_MS} ms):`);
  console.log(`  slowest axon alone      median ${fmt(median(single), 1)} ms`);
  console.log(`  all 256 at once         median ${fmt(median(fanTimes), 1)} ms  (${fanOk}/${3 * 256} answered 200)`);
  console.log(`  overhead over slowest   ${fmt(median(fanTimes) - median(single), 1)} ms total, ${fmt((median(fanTimes) - median(single)) / 255, 2)} ms per extra axon`);
  console.log(`  CPU per axon queried     dendrite ${fmt(driverCpuMs / (3 * 256), 2)} ms, axon process ${fmt(serverCpuMs / (3 * 256), 2)} ms (one verify alone: ${fmt(1000 / verify, 2)} ms)`);
}

/**
 * Raw HTTP requests exactly as dendrites send them (signed, increasing nonces), captured by a throwaway
 * loopback listener: one stream per dendrite, so each stream can be replayed in order on its own socket.
 */
async function captureRequests(streams: number, perStream: number, axonHotkey: string): Promise<string[][]> {
  const captured: string[] = [];
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let head = `POST ${req.url} HTTP/1.1\r\n`;
      for (let i = 0; i < req.rawHeaders.length; i += 2) head += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
      captured.push(head + "\r\n" + Buffer.concat(chunks).toString("latin1"));
      res.writeHead(500, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  const out: string[][] = [];
  for (let s = 0; s < streams; s++) {
    const dendrite = new Dendrite(keyFromUri("//Alice"));
    captured.length = 0;
    for (let i = 0; i < perStream; i++) await dendrite.query([{ ip: "127.0.0.1", port, hotkey: axonHotkey }], Echo, INPUT, { timeoutMs: 600_000 });
    out.push([...captured]);
    dendrite.close();
  }
  server.close();
  return out;
}

/** Replays captured streams pipelined (PIPELINE at a time per socket): the server, not the client, is the bottleneck. */
async function blast(child: Child, streams: string[][], from: number, to: number): Promise<{ wallRps: number; cpuRps: number; ok: number; total: number }> {
  let ok = 0;
  let total = 0;
  const cpu0 = await child.cpu();
  const t0 = performance.now();
  await Promise.all(
    streams.map(async (requests) => {
      const socket = connect(child.ports[0], "127.0.0.1");
      await new Promise((resolve) => socket.once("connect", resolve));
      let received = "";
      let expected = 0;
      let wake: () => void = () => {};
      socket.on("data", (data: Buffer) => {
        received += data.toString("latin1");
        const statuses = received.match(/HTTP\/1\.1 \d{3}/g) ?? [];
        if (statuses.length < expected) return;
        total += statuses.length;
        ok += statuses.filter((line) => line.endsWith("200")).length;
        received = "";
        wake();
      });
      for (let i = from; i < to; i += PIPELINE) {
        const batch = requests.slice(i, Math.min(i + PIPELINE, to));
        expected = batch.length;
        const done = new Promise<void>((resolve) => (wake = resolve));
        socket.write(batch.join(""));
        await done;
      }
      socket.destroy();
    }),
  );
  const seconds = (performance.now() - t0) / 1000;
  const cpuSeconds = (await child.cpu()) - cpu0;
  return { wallRps: total / seconds, cpuRps: total / cpuSeconds, ok, total };
}

if (process.argv[2] === "serve") await serve(process.argv[3]);
else await main();
