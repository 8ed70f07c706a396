// `npm run bench wallet`: what opening btcli wallets costs.
//  1. Unlocking a $NACL coldkey through the wallet API (read, Argon2i at btwallet's SENSITIVE limits, secretbox
//     open, JSON, sr25519 pair) against the bare hash-wasm Argon2i call with the same parameters: the ratio is
//     the overhead of everything that is not the KDF. Runs are interleaved so a load spike hits both alike.
//  2. Loading an unencrypted hotkey (file + mnemonic → key) against deriving the key from the phrase alone.
import { mkdtemp, rm } from "node:fs/promises";
import { cpus, tmpdir } from "node:os";
import { join } from "node:path";
import { argon2i } from "hash-wasm";
import {
  NACL_ARGON2_SENSITIVE,
  NACL_SALT,
  Wallet,
  createWallet,
  cryptoReady,
  deriveNaclKey,
  keyfileDataFromMnemonic,
  loadWallet,
} from "../src/runtime/src/wallet/index.js";

const PASSWORD = "bench password";
const KDF_RUNS = 3;
const HOTKEY_RUNS = 200;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1];
const ms = (t0: bigint) => Number(process.hrtime.bigint() - t0) / 1e6;

async function main(): Promise<void> {
  await cryptoReady();
  const root = await mkdtemp(join(tmpdir(), "wallet-bench-"));
  try {
    const key = await deriveNaclKey(PASSWORD);
    const { coldkeyAddress } = await createWallet({ name: "bench", path: root, password: key });
    const wallet = await loadWallet({ name: "bench", path: root });

    const bare: number[] = [];
    const unlock: number[] = [];
    for (let i = 0; i < KDF_RUNS; i++) {
      let t0 = process.hrtime.bigint();
      await argon2i({
        password: PASSWORD,
        salt: NACL_SALT,
        iterations: NACL_ARGON2_SENSITIVE.iterations,
        memorySize: NACL_ARGON2_SENSITIVE.memorySizeKiB,
        parallelism: 1,
        hashLength: 32,
        outputType: "binary",
      });
      bare.push(ms(t0));
      t0 = process.hrtime.bigint();
      const pair = await wallet.coldkey(PASSWORD);
      unlock.push(ms(t0));
      if (pair.address !== coldkeyAddress) throw new Error("bench: the unlocked coldkey has the wrong address");
    }

    const phrase = (await createWallet({ name: "bench", hotkey: "h", path: root })).mnemonics.hotkey as string;
    const fromPhrase: number[] = [];
    const fromFile: number[] = [];
    for (let i = 0; i < HOTKEY_RUNS; i++) {
      let t0 = process.hrtime.bigint();
      keyfileDataFromMnemonic(phrase);
      fromPhrase.push(ms(t0));
      t0 = process.hrtime.bigint();
      await new Wallet({ name: "bench", hotkey: "h", path: root }).hotkey();
      fromFile.push(ms(t0));
    }

    const b = median(bare);
    const u = median(unlock);
    console.log(`machine: ${cpus().length} cores (${cpus()[0]?.model ?? "?"}), shared with other jobs: expect noise`);
    console.log(`Argon2i v1.3, ${NACL_ARGON2_SENSITIVE.iterations} passes × ${NACL_ARGON2_SENSITIVE.memorySizeKiB / 1024} MiB, median of ${KDF_RUNS}:`);
    console.log(`  bare hash-wasm argon2i           ${(b / 1000).toFixed(2)} s`);
    console.log(`  wallet.coldkey(password) unlock  ${(u / 1000).toFixed(2)} s   ratio ${(u / b).toFixed(3)}× the bare KDF`);
    const p = median(fromPhrase);
    const f = median(fromFile);
    console.log(`hotkey load, median of ${HOTKEY_RUNS}:`);
    console.log(`  key from the phrase alone        ${p.toFixed(2)} ms`);
    console.log(`  wallet.hotkey() from its file    ${f.toFixed(2)} ms   ratio ${(f / p).toFixed(2)}×`);
  } finally {
    await rm(root, { recursive: true, force: true });
  }
}

await main();
