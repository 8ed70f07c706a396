// Client processes for the multi-process test: `node --import tsx multiprocess.test-helpers.ts <miner|validator> <url> <netuid>`.
// Each connects to the localnet server, does its part through signed transactions and prints one JSON line.
import { connectLocalnet } from "./client.js";
import { keyFromUri } from "../wallet/dev.js";

const [role, url, netuidText] = process.argv.slice(2);
const netuid = Number(netuidText);

async function until<T>(what: string, probe: () => Promise<T | null | undefined | false>): Promise<T> {
  const deadline = Date.now() + 45_000;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > deadline) throw new Error(`${role}: timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

async function miner(): Promise<void> {
  const chain = await connectLocalnet(url);
  const coldkey = keyFromUri("//Charlie");
  const hotkey = keyFromUri("//Charlie//miner");
  const { uid } = await chain.burnedRegister(coldkey, { netuid, hotkey: hotkey.address });
  await chain.serveAxon(hotkey, { netuid, ip: "127.0.0.1", port: 8091 });
  // Paid once the validator's weights have gone through an epoch.
  const stake = await until("incentive", async () => {
    const mg = await chain.metagraph(netuid);
    return mg.incentive[uid] > 0 && mg.stake[uid];
  });
  console.log(JSON.stringify({ role, uid, stake: String(stake) }));
  await chain.close();
}

async function validator(): Promise<void> {
  const chain = await connectLocalnet(url);
  const coldkey = keyFromUri("//Bob");
  const hotkey = keyFromUri("//Bob//validator");
  const { uid } = await chain.burnedRegister(coldkey, { netuid, hotkey: hotkey.address });
  await chain.addStake(coldkey, { netuid, hotkey: hotkey.address, amount: 50n * 10n ** 9n });
  const minerUid = await until("the miner's axon", async () => {
    const mg = await chain.metagraph(netuid);
    const i = mg.axons.findIndex((a) => a.port === 8091);
    return i >= 0 ? i : null;
  });
  await chain.runEpochNow(netuid); // grants the permit
  // A forged call for the miner's hotkey is refused: only its own key can sign for it.
  const forged = await chain.setWeights(coldkey, { netuid, uids: [minerUid], weights: [1], versionKey: 0n }).catch((e: { code?: string }) => e.code);
  await chain.setWeights(hotkey, { netuid, uids: [minerUid], weights: [65535], versionKey: 0n });
  await chain.runEpochNow(netuid);
  const mg = await chain.metagraph(netuid);
  console.log(JSON.stringify({ role, uid, minerUid, forged, dividends: mg.dividends[uid] }));
  await chain.close();
}

(role === "miner" ? miner() : validator()).catch((error: unknown) => {
  console.error(error instanceof Error ? error.stack : String(error));
  process.exitCode = 1;
});
