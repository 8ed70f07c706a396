import { readFile, readdir, rm, stat } from "node:fs/promises";
import { homedir } from "node:os";
import { join } from "node:path";
import { sr25519Verify } from "@polkadot/util-crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { cryptoReady, keyFromUri } from "./dev.js";
import { KeyfileExistsError, KeyfileNotFoundError, PasswordRequiredError, WalletNotFoundError, WrongPasswordError } from "./errors.js";
import { writeKeyfile } from "./keyfile.js";
import { type NaclKey, deriveNaclKey, naclSeal } from "./nacl.js";
import { Wallet, createWallet, listWallets, loadWallet } from "./wallet.js";
import { TEST_ONLY_FAST_ARGON2, VECTOR, rejected, withTempDir } from "./wallet.test-helpers.js";

const HOTKEY_MNEMONIC = "bottom drive obey lake curtain smoke basket hold race lonely fit walk"; // the substrate dev phrase
const message = new TextEncoder().encode("set_weights");
const json = async (path: string) => JSON.parse(await readFile(path, "utf8")) as Record<string, string>;

describe("wallets", () => {
  // Real Argon2i parameters are exercised in nacl.test.ts; here a TEST-ONLY cheap key stands in for the
  // KDF, while sealing, opening, parsing and file handling are the production code paths.
  let key: NaclKey;
  let otherKey: NaclKey;
  beforeAll(async () => {
    await cryptoReady();
    key = await deriveNaclKey("right password", { testOnlyArgon2Params: TEST_ONLY_FAST_ARGON2 });
    otherKey = await deriveNaclKey("wrong password", { testOnlyArgon2Params: TEST_ONLY_FAST_ARGON2 });
  });

  it("resolve names and path from options, then BT_WALLET_*, then btwallet's defaults", () => {
    const defaults = new Wallet({}, {});
    expect([defaults.name, defaults.hotkeyName]).toEqual(["default", "default"]);
    expect(defaults.paths.coldkey).toBe(join(homedir(), ".bittensor", "wallets", "default", "coldkey"));
    const env = { BT_WALLET_NAME: "owner", BT_WALLET_HOTKEY: "miner1", BT_WALLET_PATH: "/srv/w" };
    const fromEnv = new Wallet({}, env);
    expect(fromEnv.paths).toEqual({
      dir: "/srv/w/owner",
      coldkey: "/srv/w/owner/coldkey",
      coldkeypub: "/srv/w/owner/coldkeypub.txt",
      hotkeysDir: "/srv/w/owner/hotkeys",
      hotkey: "/srv/w/owner/hotkeys/miner1",
      hotkeypub: "/srv/w/owner/hotkeys/miner1pub.txt",
    });
    expect(new Wallet({ name: "x", hotkey: "h" }, env).paths.hotkey).toBe("/srv/w/x/hotkeys/h");
    expect(() => new Wallet({ hotkey: "../coldkey" }, {})).toThrow(/invalid hotkey name/);
  });

  it("round-trip: create with an encrypted coldkey, then load, decrypt and sign with both keys", async () => {
    await withTempDir(async (root) => {
      const created = await createWallet({
        name: "owner",
        hotkey: "miner",
        path: root,
        password: key,
        coldkeyMnemonic: VECTOR.mnemonic,
        hotkeyMnemonic: HOTKEY_MNEMONIC,
      });
      expect(created.created).toEqual({ coldkey: true, hotkey: true });
      expect(created.coldkeyAddress).toBe(VECTOR.ss58);

      const dir = join(root, "owner");
      expect(await readdir(dir)).toEqual(["coldkey", "coldkeypub.txt", "hotkeys"]);
      expect(await readdir(join(dir, "hotkeys"))).toEqual(["miner", "minerpub.txt"]);
      for (const file of ["coldkey", "coldkeypub.txt", "hotkeys/miner", "hotkeys/minerpub.txt"]) {
        expect((await stat(join(dir, file))).mode & 0o777, file).toBe(0o600);
      }
      expect((await stat(dir)).mode & 0o777).toBe(0o700);
      expect((await readFile(join(dir, "coldkey"))).subarray(0, 5).toString()).toBe("$NACL");
      expect(await json(join(dir, "coldkeypub.txt"))).toEqual({
        accountId: VECTOR.publicKey,
        publicKey: VECTOR.publicKey,
        ss58Address: VECTOR.ss58,
        cryptoType: 1,
      });
      expect(Object.keys(await json(join(dir, "hotkeys", "miner"))).sort()).toEqual([
        "accountId",
        "cryptoType",
        "privateKey",
        "publicKey",
        "secretPhrase",
        "secretSeed",
        "ss58Address",
      ]);

      const wallet = await loadWallet({ name: "owner", hotkey: "miner", path: root });
      expect(await wallet.coldkeyEncryption()).toBe("nacl");
      const coldkey = await wallet.coldkey(key);
      expect(coldkey.address).toBe(await wallet.coldkeyPub());
      expect(sr25519Verify(message, coldkey.sign(message), VECTOR.publicKey)).toBe(true);
      const hotkey = await wallet.hotkey();
      expect(hotkey.address).toBe("5DfhGyQdFobKM8NsWvEeAKk5EQQgYe9AydgJ7rMB6E1EqRzV"); // //Alice's phrase without a path
      expect(await wallet.hotkeyPub()).toBe(hotkey.address);
      expect(sr25519Verify(message, hotkey.sign(message), hotkey.publicKey)).toBe(true);
    });
  });

  it("refuse a wrong password, and ask for one when there is no terminal, without unlocking anything", async () => {
    await withTempDir(async (root) => {
      await createWallet({ name: "w", path: root, password: key });
      const wallet = await loadWallet({ name: "w", path: root });
      const wrong = await rejected<WrongPasswordError>(wallet.coldkey(otherKey));
      expect(wrong).toBeInstanceOf(WrongPasswordError);
      expect(wrong.message).toContain(join(root, "w", "coldkey"));
      await expect(wallet.coldkey(undefined, { interactive: false, env: {} })).rejects.toBeInstanceOf(PasswordRequiredError);
    });
  });

  it("create an unencrypted coldkey only when asked (--no-use-password) with the requested mnemonic length", async () => {
    await withTempDir(async (root) => {
      const { wallet, mnemonics } = await createWallet({ name: "plain", path: root, usePassword: false, words: 24 });
      expect(await wallet.coldkeyEncryption()).toBe("none");
      expect(mnemonics.coldkey?.split(" ")).toHaveLength(24);
      expect((await json(wallet.paths.coldkey)).secretPhrase).toBe(mnemonics.coldkey);
      expect((await wallet.coldkey()).address).toBe(await wallet.coldkeyPub());
    });
  });

  it("never overwrite: existing keys are kept, a new hotkey joins the wallet, and a full wallet needs overwrite", async () => {
    await withTempDir(async (root) => {
      const first = await createWallet({ name: "w", hotkey: "a", path: root, usePassword: false });
      const coldkeyBytes = await readFile(first.wallet.paths.coldkey);

      const second = await createWallet({ name: "w", hotkey: "b", path: root, usePassword: false });
      expect(second.created).toEqual({ coldkey: false, hotkey: true });
      expect(second.coldkeyAddress).toBe(first.coldkeyAddress);
      expect(await readFile(first.wallet.paths.coldkey)).toEqual(coldkeyBytes);

      const again = await rejected<KeyfileExistsError>(createWallet({ name: "w", hotkey: "a", path: root, usePassword: false }));
      expect(again).toBeInstanceOf(KeyfileExistsError);
      expect(again.hint).toContain("--overwrite");
      expect(await readFile(first.wallet.paths.coldkey)).toEqual(coldkeyBytes);

      const replaced = await createWallet({ name: "w", hotkey: "a", path: root, usePassword: false, overwrite: true });
      expect(replaced.created).toEqual({ coldkey: true, hotkey: true });
      expect(replaced.coldkeyAddress).not.toBe(first.coldkeyAddress);
      expect(replaced.hotkeyAddress).not.toBe(first.hotkeyAddress);
      expect(await readdir(join(root, "w"))).toEqual(["coldkey", "coldkeypub.txt", "hotkeys"]);
    });
  });

  it("create localnet dev wallets from URIs (btcli --uri) whose privateKey-only keyfiles reload and sign", async () => {
    await withTempDir(async (root) => {
      const { wallet, mnemonics } = await createWallet({ name: "alice", path: root, usePassword: false, coldkeyUri: "Alice", hotkeyUri: "//Bob" });
      expect(mnemonics).toEqual({});
      expect(await wallet.coldkeyPub()).toBe(keyFromUri("//Alice").address);
      expect(Object.keys(await json(wallet.paths.hotkey)).sort()).toEqual(["accountId", "cryptoType", "privateKey", "publicKey", "ss58Address"]);
      const hotkey = await wallet.hotkey();
      expect(hotkey.address).toBe(keyFromUri("//Bob").address);
      expect(sr25519Verify(message, hotkey.sign(message), keyFromUri("//Bob").publicKey)).toBe(true);
      await expect(createWallet({ name: "x", path: root, usePassword: false, coldkeyUri: "not a uri at all" })).rejects.toThrow(/not a valid substrate URI/);
    });
  });

  it("open an encrypted hotkey with its key, and list it without prompting when its pub file is missing", async () => {
    await withTempDir(async (root) => {
      const { wallet, hotkeyAddress } = await createWallet({ name: "w", hotkey: "locked", path: root, usePassword: false });
      const plain = await readFile(wallet.paths.hotkey);
      await writeKeyfile(wallet.paths.hotkey, naclSeal(plain, key), { overwrite: true });
      await rm(wallet.paths.hotkeypub);
      expect((await wallet.hotkey(key)).address).toBe(hotkeyAddress);
      await expect(wallet.hotkeyPub()).rejects.toBeInstanceOf(PasswordRequiredError);
      expect((await listWallets(root))[0].hotkeys).toEqual([{ name: "locked", address: undefined }]);
    });
  });

  it("tell the exact create command when the wallet or its hotkey is missing", async () => {
    await withTempDir(async (root) => {
      const missing = await rejected<WalletNotFoundError>(loadWallet({ name: "my wallet", hotkey: "m1", path: root }));
      expect(missing).toBeInstanceOf(WalletNotFoundError);
      expect(missing.hint).toBe(`create it with: subnet wallet create --wallet.name 'my wallet' --wallet.hotkey m1 --wallet.path ${root}`);

      await createWallet({ name: "w", path: root, usePassword: false });
      const wallet = await loadWallet({ name: "w", hotkey: "nothere", path: root });
      const noHotkey = await rejected<KeyfileNotFoundError>(wallet.hotkey());
      expect(noHotkey).toBeInstanceOf(KeyfileNotFoundError);
      expect(noHotkey.path).toBe(join(root, "w", "hotkeys", "nothere"));
      expect(noHotkey.hint).toBe(`create this hotkey with: subnet wallet create --wallet.name w --wallet.hotkey nothere --wallet.path ${root}`);
    });
  });

  it("list every wallet and hotkey from the public files", async () => {
    await withTempDir(async (root) => {
      const a = await createWallet({ name: "alpha", hotkey: "h1", path: root, password: key });
      const b = await createWallet({ name: "alpha", hotkey: "h2", path: root });
      const c = await createWallet({ name: "beta", path: root, usePassword: false });
      expect(await listWallets(root)).toEqual([
        {
          name: "alpha",
          coldkeyAddress: a.coldkeyAddress,
          hotkeys: [
            { name: "h1", address: a.hotkeyAddress },
            { name: "h2", address: b.hotkeyAddress },
          ],
        },
        { name: "beta", coldkeyAddress: c.coldkeyAddress, hotkeys: [{ name: "default", address: c.hotkeyAddress }] },
      ]);
      expect(await listWallets(join(root, "none"))).toEqual([]);
    });
  });
});
