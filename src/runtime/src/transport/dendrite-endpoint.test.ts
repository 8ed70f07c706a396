// Python's dendrite connects to the host itself when a target's ip is its own external IP (docs/protocol.md §1).
// Real axon on 127.0.0.1, real sr25519 keys, real HTTP; no packet leaves loopback.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { KeyringPair } from "@polkadot/keyring/types";
import { cryptoReady, keyFromUri } from "../wallet/dev.js";
import { Axon } from "./axon.js";
import { Dendrite } from "./dendrite.js";
import { defineSynapse } from "./synapse.js";

const Echo = defineSynapse({ name: "Echo", input: { prompt: "string" }, output: { answer: "string" }, requiredHashFields: ["prompt"] });

let alice: KeyringPair, bob: KeyringPair;
let axon: Axon;
const dendrites: Dendrite[] = [];

beforeAll(async () => {
  await cryptoReady();
  [alice, bob] = ["//Alice", "//Bob"].map(keyFromUri);
  axon = new Axon({ wire: "v10", hotkey: bob, ip: "127.0.0.1", port: 0 });
  axon.attach(Echo, ({ prompt }) => ({ answer: `re:${prompt}` }));
  await axon.start();
});

afterAll(async () => {
  for (const d of dendrites) d.close();
  await axon?.stop(100);
});

function dendrite(externalIp?: string): Dendrite {
  const d = new Dendrite(alice, externalIp === undefined ? { wire: "v10" } : { wire: "v10", externalIp });
  dendrites.push(d);
  return d;
}

describe("dendrite endpoint rewrite for a target on its own external IP", () => {
  it("reaches an axon served on the dendrite's own public IP (203.0.113.9) through loopback", async () => {
    const target = { ip: "203.0.113.9", port: axon.port, hotkey: bob.address };
    const [r] = await dendrite("203.0.113.9").query([target], Echo, { prompt: "hi" }, { timeoutMs: 2000 });
    expect(r).toMatchObject({ status: 200, hotkey: bob.address, output: { answer: "re:hi" } });
  });

  // 127.0.0.2 is loopback on Linux but nothing listens there, so only the rewrite to 127.0.0.1 can reach the axon;
  // this proves the rewrite without sending a packet to a non-loopback address.
  it("connects to the target's own ip without externalIp, or when it differs (non-200), and rewrites only on equality (200)", async () => {
    const target = { ip: "127.0.0.2", port: axon.port, hotkey: bob.address };
    const [plain] = await dendrite().query([target], Echo, { prompt: "a" }, { timeoutMs: 2000 });
    expect([503, 408]).toContain(plain.status);
    const [other] = await dendrite("127.0.0.3").query([target], Echo, { prompt: "b" }, { timeoutMs: 2000 });
    expect([503, 408]).toContain(other.status);
    const [same] = await dendrite("127.0.0.2").query([target], Echo, { prompt: "c" }, { timeoutMs: 2000 });
    expect(same).toMatchObject({ status: 200, output: { answer: "re:c" } });
  });
});
