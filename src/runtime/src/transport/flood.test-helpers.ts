// Floods for the bounded-memory tests: thousands of raw requests pipelined over a few sockets, with no
// client-side HTTP machinery in the way, and a count of each status that came back.
import { connect } from "node:net";
import { setFlagsFromString } from "node:v8";
import { runInNewContext } from "node:vm";

/** Sends `count` requests from `make` to 127.0.0.1:`port` over `sockets` pipelined connections. */
export async function flood(port: number, count: number, make: (i: number) => string, sockets = 8, batch = 250): Promise<Map<number, number>> {
  const statuses = new Map<number, number>();
  let next = 0;
  await Promise.all(
    Array.from({ length: sockets }, async () => {
      const socket = connect(port, "127.0.0.1");
      await new Promise((resolve) => socket.once("connect", resolve));
      // Each batch's replies are collected whole and counted once complete (a status line may straddle chunks).
      let received = "";
      let expected = 0;
      let wake: () => void = () => {};
      socket.on("data", (data: Buffer) => {
        received += data.toString("latin1");
        const found = [...received.matchAll(/HTTP\/1\.1 (\d{3}) /g)];
        if (found.length < expected) return;
        for (const match of found) statuses.set(Number(match[1]), (statuses.get(Number(match[1])) ?? 0) + 1);
        received = "";
        wake();
      });
      while (next < count) {
        const n = Math.min(batch, count - next);
        const start = next;
        next += n;
        let payload = "";
        for (let i = 0; i < n; i++) payload += make(start + i);
        expected = n;
        const done = new Promise<void>((resolve) => (wake = resolve));
        socket.write(payload);
        await done;
      }
      socket.destroy();
    }),
  );
  return statuses;
}

/** One raw HTTP/1.1 request. */
export function rawRequest(req: { method?: string; path: string; headers: Record<string, string>; body: string }): string {
  const lines = Object.entries(req.headers)
    .filter(([name]) => name.toLowerCase() !== "content-length")
    .map(([k, v]) => `${k}: ${v}\r\n`)
    .join("");
  return `${req.method ?? "POST"} ${req.path} HTTP/1.1\r\nhost: 127.0.0.1\r\n${lines}content-length: ${Buffer.byteLength(req.body)}\r\n\r\n${req.body}`;
}

/** The heap after a full collection (the test process is started without --expose-gc). */
export function heapAfterGc(): number {
  setFlagsFromString("--expose-gc");
  (runInNewContext("gc") as () => void)();
  return process.memoryUsage().heapUsed;
}
