// `npm run bench transport`: dendrite → axon throughput with full verification, next to a bare node:http
// echo server and the raw sr25519 verify rate, all in this run; then one dendrite querying 256 axons at once,
// next to one plain client querying 256 bare node:http echoes with the same delays (all in one process on one core),
// the kinds taking turns in a rotating order.
//
// The axon, the bare node:http echo and the verify loop live in ONE child process pinned to one core (taskset, when
// present); the driver is pinned to the other. Within each round they take turns in slices of ~0.1 s
// (verify, bare, echo, axon, verify, …), so all of them see the same contention; each ratio is taken within
// its round, and the median round is reported with the range. This machine is shared, and a core's speed
// drifts by 2× within seconds, which separate passes would report as a change in our code. Rates are per
// CPU second of the server process, so time spent waiting is not counted.
// The axon runs on node:http, so the bare echo is also what HTTP costs it.
//
// BENCH_ROUNDS (default 7) sets the rounds; BENCH_PROFILE=<dir> writes each server process's CPU profile there.
// Every wait (replies on a socket, a server process's answer) fails after BENCH_READ_TIMEOUT_MS (default 30 000)
// with what it got, and a closed connection fails at once: a lost reply is an error, never a silent hang.
import { spawn, execFileSync, type ChildProcess } from "node:child_process";
import { Agent, createServer, request as httpRequest } from "node:http";
import { fileURLToPath } from "node:url";
import { cpus, loadavg } from "node:os";
import { connect, type Socket } from "node:net";
import { sr25519Verify as jsVerify, decodeAddress } from "@polkadot/util-crypto";
import { sr25519Verify as wasmVerify } from "@polkadot/wasm-crypto";
import { cryptoReady, keyFromUri } from "../src/runtime/src/wallet/dev.js";
import { Axon, BtauthSigner, Dendrite, defineSynapse, signatureMessage, EMPTY_BODY_HASH, type AxonTarget } from "../src/runtime/src/transport/index.js";
import { nowNs } from "../src/runtime/src/transport/nonce.js";

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
const ROUNDS = Number(process.env.BENCH_ROUNDS ?? 7);
const PIPELINE = 25;
/** A reader that waits longer than this fails the bench with what it got, instead of hanging. */
const READ_TIMEOUT_MS = Number(process.env.BENCH_READ_TIMEOUT_MS ?? 30_000);
const STATUS_LINE = /HTTP\/1\.1 \d{3}/g;
/** Slices per round; in each, every stream sends one pipelined batch to each server. */
const SLICES = 8;
/** Signed requests per stream per round (each is served once: the nonce rules refuse a replay). */
const PER_ROUND = SLICES * PIPELINE;
const WARMUP = 100;
/** Full fan-outs measured per wire in the 256-axon run, each after one query of the slowest axon alone. */
const FAN_REPS = 6;
/** The echo servers are ~10× faster: they get each slice several times over, for a comparable window. */
const ECHO_REPEAT = 4;
const VERIFY_SLICE_MS = 80;
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
  /** A bare node:http echo: the body back after `delay` ms, with content type and length only; `work` runs first. */
  const echoServer = async (delay: number, work?: () => void) => {
    const server = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        const body = Buffer.concat(chunks);
        work?.();
        const answer = () => {
          res.writeHead(200, { "content-type": "application/json", "content-length": body.length });
          res.end(body);
        };
        if (delay) setTimeout(answer, delay);
        else answer();
      });
    });
    // Like the axon's: node:http's default 5 s would close the echo's sockets while the axons take their turn.
    server.keepAliveTimeout = 65_000;
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    ports.push((server.address() as { port: number }).port);
    closers.push(() => new Promise((resolve) => server.close(() => resolve())));
  };
  // In the 256-axon run each miner "works" 20–100 ms; the last one is the slowest, SLOWEST_MS.
  const fanDelay = (i: number) => (i === 255 ? SLOWEST_MS : 20 + (i % 64));
  if (kind === "servers") await echoServer(0);
  // "axons256": after the 256 axons, 256 bare echoes with the same delays (the baseline of the fan-out).
  // "servers": a v10 axon, then a btauth/1 one. "axons256": miners answering both wires.
  const wires = kind === "servers" ? (["v10", "btauth"] as const) : Array<"both">(256).fill("both");
  const count = wires.length;
  for (let i = 0; i < count; i++) {
    // maxTimeoutS 600: the captured v10 requests carry a 600 s timeout, which keeps them fresh until replayed.
    const axon = new Axon({ wire: wires[i], hotkey: bob, ip: "127.0.0.1", port: 0, maxTimeoutS: 600 });
    const delay = kind === "servers" ? 0 : fanDelay(i);
    axon.attach(Echo, async ({ prompt }) => {
      if (delay) await new Promise((resolve) => setTimeout(resolve, delay));
      return { answer: prompt.toUpperCase() };
    });
    await axon.start();
    ports.push(axon.port);
    closers.push(() => axon.stop(100));
  }
  if (kind === "axons256") for (let i = 0; i < 256; i++) await echoServer(fanDelay(i));
  // "servers", last: the least a verifying server on node:http can do, a bare echo that checks one signature per request.
  if (kind === "servers") {
    const verify = fixedVerify("wasm");
    await echoServer(0, () => {
      if (!verify()) throw new Error("verify failed");
    });
  }
  // The driver failed or was killed: its servers must not outlive it.
  process.on("disconnect", () => process.exit(1));
  process.send!({ ports, address: bob.address });
  process.on("message", async (message: string) => {
    if (message === "cpu") process.send!({ cpu: process.cpuUsage() });
    if (message === "verify") process.send!({ verify: verifyCount("wasm", VERIFY_SLICE_MS) });
    if (message === "stop") {
      await Promise.all(closers.map((close) => close()));
      process.exit(0);
    }
  });
}

// ---------------------------------------------------------------- driver side (this process)
interface Round {
  bare: number;
  /** The bare echo checking one signature per request. */
  bareVerify: number;
  axon: number;
  btauth: number;
  verify: number;
}

interface Child {
  proc: ChildProcess;
  ports: number[];
  address: string;
  cpu(): Promise<number>;
  /** Wasm verifies run for VERIFY_SLICE_MS inside the server process, on its core. With "servers": ports = [bare, axon]. */
  verify(): Promise<Count>;
  stop(): Promise<void>;
}

/** Server processes still running, killed if the driver fails. */
const children = new Set<ChildProcess>();

async function startChild(kind: string): Promise<Child> {
  const args = [...(process.env.BENCH_PROFILE ? ["--cpu-prof", `--cpu-prof-dir=${process.env.BENCH_PROFILE}`] : []), "--import", "tsx", self, "serve", kind];
  const proc = hasTaskset
    ? spawn("taskset", ["-c", "0", process.execPath, ...args], { stdio: ["ignore", "inherit", "inherit", "ipc"] })
    : spawn(process.execPath, args, { stdio: ["ignore", "inherit", "inherit", "ipc"] });
  children.add(proc);
  proc.once("exit", () => children.delete(proc));
  /** Sends `request` and waits for the child's answer, or fails: the child exited, or READ_TIMEOUT_MS passed. */
  const ask = <T>(request: string | undefined, what: string, timeoutMs = READ_TIMEOUT_MS): Promise<T> =>
    new Promise((resolve, reject) => {
      const cleanup = () => {
        clearTimeout(timer);
        proc.off("message", onMessage);
        proc.off("exit", onExit);
      };
      const onMessage = (message: T) => {
        cleanup();
        resolve(message);
      };
      const onExit = (code: number | null) => {
        cleanup();
        reject(new Error(`bench server (${kind}) exited with ${code} while the driver waited for ${what}`));
      };
      const timer = setTimeout(() => {
        cleanup();
        reject(new Error(`bench server (${kind}) sent no ${what} within ${timeoutMs} ms`));
      }, timeoutMs);
      proc.once("message", onMessage);
      proc.once("exit", onExit);
      if (request) proc.send(request);
    });
  // 256 axons take a while to start under load.
  const ready = await ask<{ ports: number[]; address: string }>(undefined, "ready message", 4 * READ_TIMEOUT_MS);
  return {
    proc,
    ...ready,
    cpu: async () => {
      const { cpu } = await ask<{ cpu: NodeJS.CpuUsage }>("cpu", "CPU reading");
      return (cpu.user + cpu.system) / 1e6;
    },
    verify: async () => (await ask<{ verify: Count }>("verify", "verify count")).verify,
    stop: async () => {
      if (proc.exitCode === null)
        await ask<never>("stop", "exit").catch((error: Error) => {
          // "exited" is the answer wanted here; anything else is a child that would not stop.
          if (!error.message.includes("exited with")) throw error;
        });
    },
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

/** Work done and the CPU seconds it took. */
interface Count {
  n: number;
  cpu: number;
}
const add = (a: Count, b: Count): Count => ({ n: a.n + b.n, cpu: a.cpu + b.cpu });
const rate = (c: Count) => c.n / c.cpu;

/** One sr25519 check of a fixed signed message: the wasm schnorrkel the axon uses, or (for reference) util-crypto's pure JS. */
function fixedVerify(impl: "wasm" | "js"): () => boolean {
  const alice = keyFromUri("//Alice");
  const message = new TextEncoder().encode(
    signatureMessage(1750000000000000000n, alice.address, keyFromUri("//Bob").address, "6f1c2a3e-0000-11f0-8000-000000000001", EMPTY_BODY_HASH),
  );
  const signature = alice.sign(message);
  const publicKey = decodeAddress(alice.address);
  return impl === "wasm" ? () => wasmVerify(signature, message, publicKey) : () => jsVerify(message, signature, publicKey);
}

/** sr25519 verifications for `ms`. */
function verifyCount(impl: "wasm" | "js", ms: number): Count {
  const verify = fixedVerify(impl);
  for (let i = 0; i < 20; i++) verify();
  const c0 = process.cpuUsage();
  let n = 0;
  const t0 = performance.now();
  while (performance.now() - t0 < ms) {
    if (!verify()) throw new Error("verify failed");
    n++;
  }
  const c = process.cpuUsage(c0);
  return { n, cpu: (c.user + c.system) / 1e6 };
}

function fmt(n: number, digits = 0): string {
  return n.toLocaleString("en-US", { maximumFractionDigits: digits, minimumFractionDigits: digits });
}

async function main(): Promise<void> {
  await cryptoReady();
  if (hasTaskset) execFileSync("taskset", ["-cp", "1", String(process.pid)], { stdio: "ignore" });
  console.log(
    `transport bench: Node ${process.version}, ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(1))
      .join(" ")} (shared machine: other work runs beside this)`,
  );
  console.log(
    `servers pinned to core 0${hasTaskset ? "" : " (no taskset: not pinned)"}, driver to core 1; ${CONCURRENCY} requests in flight; ${WINDOW_MS} ms windows\n`,
  );

  // Signed requests as dendrites send them, captured once and replayed pipelined: capacity on one core.
  const alice = keyFromUri("//Alice");
  const servers = await startChild("servers");
  const [bare, axon, btauth, bareVerify] = await Promise.all(
    servers.ports.map((port, i) => Replayer.open(port, STREAMS, ["bare node:http", "v10 axon", "btauth/1 axon", "bare node:http + verify"][i])),
  );
  // btauth/1 requests go stale after 10 s, so they are signed just before each slice (driver CPU, not counted).
  const signer = new BtauthSigner(alice);
  const btauthBody = Buffer.from(JSON.stringify(INPUT));
  let lastNonce = 0n;
  const btauthBatch = (perStream: number) =>
    Array.from({ length: STREAMS }, () =>
      Array.from({ length: perStream }, () => {
        lastNonce = nowNs() > lastNonce ? nowNs() : lastNonce + 1n;
        const headers = signer.sign({ method: "POST", target: "/Echo", body: btauthBody, receiver: servers.address, nonce: lastNonce });
        const lines = Object.entries(headers)
          .map(([k, v]) => `${k}: ${v}\r\n`)
          .join("");
        return `POST /Echo HTTP/1.1\r\nhost: 127.0.0.1\r\ncontent-type: application/json\r\ncontent-length: ${btauthBody.length}\r\n${lines}\r\n${btauthBody.toString()}`;
      }),
    );
  // v10 requests are captured just before the round that replays them, so none is older than a round (they carry
  // a 600 s timeout, the axon's maxTimeoutS); btauth/1 ones just before each slice, for its 10 s window.
  const capture = (perStream: number) => captureRequests(STREAMS, perStream, servers.address);
  const slice = (streams: string[][], from: number, to: number) => streams.map((requests) => requests.slice(from, to));
  const echoLoad = (batch: string[][]) => batch.map((requests) => Array<string[]>(ECHO_REPEAT).fill(requests).flat());
  /** Runs `send` and returns what it served with the server CPU it took. */
  const timed = async (send: () => Promise<number>): Promise<Count> => {
    const cpu0 = await servers.cpu();
    const n = await send();
    return { n, cpu: (await servers.cpu()) - cpu0 };
  };
  const warm = await capture(WARMUP);
  await bare.send(echoLoad(warm));
  await bareVerify.send(warm);
  await axon.send(warm);
  for (let k = 0; k < WARMUP; k += PIPELINE) await btauth.send(btauthBatch(PIPELINE));
  const rounds: Round[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const zero: Count = { n: 0, cpu: 0 };
    let [verify, bareCount, bareVerifyCount, axonCount, btauthCount] = [zero, zero, zero, zero, zero];
    const captured = await capture(PER_ROUND);
    for (let k = 0; k < SLICES; k++) {
      const batch = slice(captured, k * PIPELINE, (k + 1) * PIPELINE);
      verify = add(verify, await servers.verify());
      bareCount = add(bareCount, await timed(() => bare.send(echoLoad(batch))));
      bareVerifyCount = add(bareVerifyCount, await timed(() => bareVerify.send(batch)));
      axonCount = add(axonCount, await timed(() => axon.send(batch)));
      const signed = btauthBatch(PIPELINE);
      btauthCount = add(btauthCount, await timed(() => btauth.send(signed)));
    }
    verify = add(verify, await servers.verify());
    rounds.push({ bare: rate(bareCount), bareVerify: rate(bareVerifyCount), axon: rate(axonCount), btauth: rate(btauthCount), verify: rate(verify) });
  }
  for (const replayer of [bare, bareVerify, axon, btauth]) replayer.close();
  if (axon.failed) throw new Error(`axon answered ${axon.failed} replayed requests with non-200`);
  if (btauth.failed) throw new Error(`btauth/1 axon answered ${btauth.failed} signed requests with non-200`);
  const axonPort = servers.ports[1];

  // End to end: a live Dendrite (signing each request) driving the same axon.
  const dendrite = new Dendrite(alice, { wire: "v10" });
  const target: AxonTarget = { ip: "127.0.0.1", port: axonPort, hotkey: servers.address };
  const e2e = await measure(servers, async () => (await dendrite.query([target], Echo, INPUT, { timeoutMs: 30_000 }))[0].status === 200);
  dendrite.close();
  const btauthDendrite = new Dendrite(alice);
  const btauthTarget: AxonTarget = { ip: "127.0.0.1", port: servers.ports[2], hotkey: servers.address };
  const e2eBtauth = await measure(servers, async () => (await btauthDendrite.query([btauthTarget], Echo, INPUT, { timeoutMs: 30_000 }))[0].status === 200);
  btauthDendrite.close();
  await servers.stop();

  // One dendrite, 256 axons at once (one server process), miners working 20–100 ms.
  const many = await startChild("axons256");
  const targets = many.ports.slice(0, 256).map((port) => ({ ip: "127.0.0.1", port, hotkey: many.address }));
  const echoPorts = many.ports.slice(256);
  // The baseline: unsigned POSTs of the same input to bare node:http echoes with the same delays, through an
  // agent set up like the Dendrite's.
  const plainAgent = new Agent({ keepAlive: true, maxSockets: 64, maxFreeSockets: 64, scheduling: "lifo", timeout: 4_000 });
  const plainBody = JSON.stringify(INPUT);
  const plainPost = (port: number) =>
    new Promise<number>((resolve, reject) => {
      const req = httpRequest(
        {
          host: "127.0.0.1",
          port,
          path: "/Echo",
          method: "POST",
          agent: plainAgent,
          headers: { "content-type": "application/json", "content-length": Buffer.byteLength(plainBody) },
        },
        (res) => {
          res.resume();
          res.on("end", () => resolve(res.statusCode ?? 0));
        },
      );
      req.on("error", reject);
      req.end(plainBody);
    });
  const dendrites = (["v10", "btauth"] as const).map((wire) => new Dendrite(alice, { wire }));
  const statuses = (responses: { status: number }[]) => responses.map((r) => r.status);
  // Every kind is warmed up before any is measured, then they take turns in a rotating order: whichever ran
  // first used to pay the JIT and connection warm-up, which read as a difference between the wires.
  const fans = [
    ...dendrites.map((dendrite) => ({
      label: dendrite.wire,
      all: async () => statuses(await dendrite.query(targets, Echo, INPUT, { timeoutMs: 60_000 })),
      alone: async () => (await dendrite.query([targets[255]], Echo, INPUT, { timeoutMs: 60_000 }))[0].status,
    })),
    { label: "bare node:http (no signature)", all: () => Promise.all(echoPorts.map(plainPost)), alone: () => plainPost(echoPorts[255]) },
  ].map((fan) => ({ ...fan, single: [] as number[], times: [] as number[], ok: 0, driverCpuMs: 0, serverCpuMs: 0 }));
  for (const fan of fans) await fan.all();
  for (let rep = 0; rep < FAN_REPS; rep++) {
    for (let k = 0; k < fans.length; k++) {
      const fan = fans[(rep + k) % fans.length];
      let t = performance.now();
      const alone = await fan.alone();
      if (alone !== 200) throw new Error(`slowest ${fan.label} server answered ${alone}`);
      fan.single.push(performance.now() - t);
      const driverCpu0 = process.cpuUsage();
      const serverCpu0 = await many.cpu();
      t = performance.now();
      const answered = await fan.all();
      fan.times.push(performance.now() - t);
      const driverCpu = process.cpuUsage(driverCpu0);
      fan.serverCpuMs += ((await many.cpu()) - serverCpu0) * 1000;
      fan.driverCpuMs += (driverCpu.user + driverCpu.system) / 1000;
      fan.ok += answered.filter((status) => status === 200).length;
    }
  }
  for (const dendrite of dendrites) dendrite.close();
  plainAgent.destroy();
  // The miners' one verify, on their core right after the fan-outs (a core's speed drifts within a run).
  let fanVerify: Count = { n: 0, cpu: 0 };
  for (let i = 0; i < 3; i++) fanVerify = add(fanVerify, await many.verify());
  await many.stop();

  const jsRate = rate(verifyCount("js", 2000));
  const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const spread = (xs: number[], digits: number) => `${fmt(Math.min(...xs), digits)}–${fmt(Math.max(...xs), digits)}`;
  const column = (pick: (r: Round) => number, digits = 0) =>
    `${fmt(median(rounds.map(pick)), digits).padStart(9)}   (rounds ${spread(rounds.map(pick), digits)})`;
  const cpuPerRequestUs = (rate: number) => 1e6 / rate;
  // What an axon spends per request besides its one verify: HTTP, JSON, hashing, replay rules, the handler.
  const rest = (pick: (r: Round) => number) => median(rounds.map((r) => cpuPerRequestUs(pick(r)) - cpuPerRequestUs(r.verify)));
  const ratio = (pick: (r: Round) => number, of: (r: Round) => number) => rounds.map((r) => pick(r) / of(r));

  console.log(`per server CPU second, median of ${ROUNDS} alternating rounds (${STREAMS} sockets × ${PIPELINE} pipelined)`);
  console.log(`  bare node:http echo           ${column((r) => r.bare)}`);
  console.log(`  bare echo + one verify each   ${column((r) => r.bareVerify)}   (the least a verifying node:http server does)`);
  console.log(`  v10 axon, full verification   ${column((r) => r.axon)}   (${ROUNDS * PER_ROUND * STREAMS} signed requests, all answered 200)`);
  console.log(`  btauth/1 axon, full verify    ${column((r) => r.btauth)}   (${ROUNDS * PER_ROUND * STREAMS} signed requests, all answered 200)`);
  console.log(`  raw sr25519 verify, wasm      ${column((r) => r.verify)}`);
  console.log(`  raw sr25519 verify, pure JS   ${fmt(jsRate).padStart(9)}   (util-crypto 14's, for reference)`);
  console.log(
    `  live Dendrite → axon, v10     ${fmt(e2e.cpuRps).padStart(9)}   (${CONCURRENCY} in flight, ${fmt(e2e.wallRps)}/s wall, ${e2e.failures} non-200; the driver signs every request)`,
  );
  console.log(
    `  live Dendrite → axon, btauth  ${fmt(e2eBtauth.cpuRps).padStart(9)}   (${CONCURRENCY} in flight, ${fmt(e2eBtauth.wallRps)}/s wall, ${e2eBtauth.failures} non-200)`,
  );
  console.log(
    `  CPU per request besides its verify: v10 ${fmt(rest((r) => r.axon))} µs, btauth/1 ${fmt(rest((r) => r.btauth))} µs (a bare node:http echo: ${fmt(median(rounds.map((r) => cpuPerRequestUs(r.bare))))} µs, the bare echo + verify: ${fmt(rest((r) => r.bareVerify))} µs)`,
  );
  console.log("");
  for (const [label, pick] of [
    ["v10     ", (r: Round) => r.axon],
    ["btauth/1", (r: Round) => r.btauth],
  ] as const) {
    const overVerify = ratio(pick, (r) => r.verify);
    const overBareVerify = ratio(pick, (r) => r.bareVerify);
    console.log(
      `  ${label} / verify-bound = ${fmt(median(overVerify), 3)}   (target ≥ 0.75; rounds ${spread(overVerify, 3)}); / bare echo + verify = ${fmt(median(overBareVerify), 3)}`,
    );
  }
  const bareVerifyOverVerify = ratio(
    (r) => r.bareVerify,
    (r) => r.verify,
  );
  console.log(`  bare echo + verify / verify-bound = ${fmt(median(bareVerifyOverVerify), 3)}   (rounds ${spread(bareVerifyOverVerify, 3)})`);
  const verifyOverBare = ratio(
    (r) => r.verify,
    (r) => r.bare,
  );
  console.log(
    `  ceiling: verify / bare  = ${fmt(median(verifyOverBare), 3)}   (a server that verifies every request can never exceed this over bare node:http)`,
  );
  for (const fan of fans) {
    console.log("");
    console.log(`256 servers at once, ${fan.label} (answering after 20–${SLOWEST_MS} ms):`);
    console.log(`  slowest server alone    median ${fmt(median(fan.single), 1)} ms`);
    console.log(`  all 256 at once         median ${fmt(median(fan.times), 1)} ms  (${fan.ok}/${FAN_REPS * 256} answered 200)`);
    console.log(
      `  overhead over slowest   ${fmt(median(fan.times) - median(fan.single), 1)} ms total, ${fmt((median(fan.times) - median(fan.single)) / 255, 2)} ms per extra server (target ≤ 1 for the axons)`,
    );
    console.log(
      `  CPU per server queried  client ${fmt(fan.driverCpuMs / (FAN_REPS * 256), 2)} ms, server process ${fmt(fan.serverCpuMs / (FAN_REPS * 256), 2)} ms (one verify alone: ${fmt(1000 / rate(fanVerify), 2)} ms)`,
    );
  }
  console.log(
    "\n  The 256 servers share one core here, so the wall per extra server cannot fall below their CPU per request: for an axon,\n  a verify plus HTTP (the bare echo's figure is HTTP alone). What the validator itself spends per extra miner is the client's CPU.",
  );
}

/**
 * Raw HTTP requests exactly as dendrites send them (signed, increasing nonces), captured by a throwaway
 * loopback listener: one stream per dendrite, so each stream can be replayed in order on its own socket.
 */
async function captureRequests(streams: number, perStream: number, axonHotkey: string): Promise<string[][]> {
  /** The last request seen from each dendrite, by its uuid. */
  const captured = new Map<string, string>();
  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => {
      let head = `POST ${req.url} HTTP/1.1\r\n`;
      for (let i = 0; i < req.rawHeaders.length; i += 2) head += `${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}\r\n`;
      captured.set(String(req.headers.bt_header_dendrite_uuid), `${head}\r\n${Buffer.concat(chunks).toString("latin1")}`);
      res.writeHead(500, { "content-type": "application/json" }).end("{}");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as { port: number }).port;
  // One dendrite per stream, all at once; each stream keeps its own requests in nonce order.
  const out = await Promise.all(
    Array.from({ length: streams }, async () => {
      const dendrite = new Dendrite(keyFromUri("//Alice"), { wire: "v10" });
      const requests: string[] = [];
      for (let i = 0; i < perStream; i++) {
        // The timeout the request carries (the axon allows up to 600 s), not how long the capture waits.
        const [response] = await dendrite.query([{ ip: "127.0.0.1", port, hotkey: axonHotkey }], Echo, INPUT, { timeoutMs: 600_000 });
        const request = captured.get(dendrite.uuid);
        if (request === undefined)
          throw new Error(`capturing v10 requests: the capture server saw none from dendrite ${dendrite.uuid} (status ${response.status})`);
        captured.delete(dendrite.uuid);
        requests.push(request);
      }
      dendrite.close();
      return requests;
    }),
  );
  server.close();
  return out;
}

/**
 * Keep-alive sockets to one server, one per stream, opened once so that connection setup stays out of the
 * figures. `send` writes each stream's batch pipelined and waits for every reply: the server, not the
 * client, is the bottleneck.
 */
class Replayer {
  /** Replies that were not 200. */
  failed = 0;
  private constructor(
    private readonly sockets: Socket[],
    private readonly label: string,
  ) {}

  static async open(port: number, count: number, label: string): Promise<Replayer> {
    const sockets = await Promise.all(
      Array.from(
        { length: count },
        () =>
          new Promise<Socket>((resolve, reject) => {
            const socket = connect(port, "127.0.0.1", () => resolve(socket));
            socket.once("error", reject);
            // Between batches an error only marks the socket; the next read reports it.
            socket.on("error", () => {});
          }),
      ),
    );
    return new Replayer(sockets, label);
  }

  /** Sends `batches[i]` on socket i, in pipelined groups of PIPELINE; resolves with the number answered 200. */
  async send(batches: string[][]): Promise<number> {
    const counts = await Promise.all(batches.map((requests, i) => this.sendOn(this.sockets[i], requests)));
    return counts.reduce((a, b) => a + b, 0);
  }

  private async sendOn(socket: Socket, requests: string[]): Promise<number> {
    let replies = 0;
    for (let i = 0; i < requests.length; i += PIPELINE) {
      const group = requests.slice(i, i + PIPELINE);
      const statuses = await readReplies(socket, group.length, () => socket.write(group.join("")), this.label);
      const served = statuses.filter((line) => line.endsWith("200")).length;
      replies += served;
      this.failed += statuses.length - served;
    }
    return replies;
  }

  close(): void {
    for (const socket of this.sockets) socket.destroy();
  }
}

/**
 * Runs `write`, then waits for `expected` replies on `socket` and returns their status lines. Fails, never
 * waits forever: when the server closes the connection, the socket errs, or READ_TIMEOUT_MS pass without
 * all replies, with what arrived so far (a refusal's body says why).
 */
function readReplies(socket: Socket, expected: number, write: () => void, label: string): Promise<string[]> {
  return new Promise((resolve, reject) => {
    let received = "";
    const cleanup = () => {
      clearTimeout(timer);
      socket.off("data", onData);
      socket.off("close", onClose);
      socket.off("error", onError);
    };
    const fail = (why: string) => {
      cleanup();
      const found = received.match(STATUS_LINE) ?? [];
      const refusal = received.slice(Math.max(0, received.search(/HTTP\/1\.1 (?!200)\d{3}/))).slice(0, 600);
      reject(
        new Error(
          `${label}: ${why} after ${found.length} of ${expected} replies${found.some((l) => !l.endsWith("200")) ? `; first refusal:\n${refusal}` : ""}`,
        ),
      );
    };
    const onData = (data: Buffer) => {
      received += data.toString("latin1");
      const found = received.match(STATUS_LINE) ?? [];
      if (found.length < expected) return;
      cleanup();
      resolve(found);
    };
    const onClose = () => fail("the server closed the connection");
    const onError = (error: Error) => fail(`socket error ${error.message}`);
    const timer = setTimeout(() => fail(`no reply for ${READ_TIMEOUT_MS} ms`), READ_TIMEOUT_MS);
    if (socket.destroyed) {
      fail("the connection was closed before this batch");
      return;
    }
    socket.on("data", onData);
    socket.once("close", onClose);
    socket.once("error", onError);
    write();
  });
}

if (process.argv[2] === "serve") await serve(process.argv[3]);
else
  await main().catch((error: unknown) => {
    console.error(`transport bench failed: ${error instanceof Error ? error.message : String(error)}`);
    for (const child of children) child.kill();
    process.exit(1);
  });
