import { describe, expect, it } from "vitest";
import { cryptoReady, DEV_ACCOUNTS, keyFromUri } from "../wallet/dev.js";
import { DEV_ADDRESSES, genesisState } from "./genesis.js";

describe("genesis", () => {
  it("knows the dev addresses exactly as keyFromUri derives them", async () => {
    await cryptoReady();
    for (const dev of DEV_ACCOUNTS) expect(DEV_ADDRESSES[dev.uri]).toBe(keyFromUri(dev.uri).address);
  });

  it("funds the dev accounts, makes //Alice sudo and draws a fresh genesis hash", () => {
    const a = genesisState();
    const b = genesisState({ newSubnetTempo: 10 });
    expect(a.sudo).toBe(DEV_ADDRESSES["//Alice"]);
    expect(a.balances[DEV_ADDRESSES["//Dave"]]).toBe(2000n * 10n ** 9n);
    expect(a.totalIssuance).toBe(3_006_000n * 10n ** 9n);
    expect(a.genesisHash).not.toBe(b.genesisHash);
    expect([a.globals.newSubnetTempo, b.globals.newSubnetTempo]).toEqual([360, 10]);
  });
});
