import { chmod, mkdir, readFile, readdir, stat, writeFile } from "node:fs/promises";
import { join } from "node:path";
import { sr25519Verify } from "@polkadot/util-crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { cryptoReady } from "./dev.js";
import { KeyfileExistsError, KeyfileFormatError, LegacyKeyfileError } from "./errors.js";
import { keyfileEncryption, parseKeyfileData, serializeKeyfileData, writeKeyfile } from "./keyfile.js";
import { loadWallet } from "./wallet.js";
import { VECTOR, catchError, rejected, withTempDir } from "./wallet.test-helpers.js";

const bytes = (text: string) => new TextEncoder().encode(text);

// What btcli leaves on disk, typed out from the docs/wallets.md format (key order deliberately shuffled:
// btwallet serialises a hash map, so no order may be assumed).
const HAND_WRITTEN_HOTKEY = `{"ss58Address":"${VECTOR.ss58}","secretSeed":"${VECTOR.secretSeed}","privateKey":"${VECTOR.privateKey}",
 "publicKey":"${VECTOR.publicKey}","secretPhrase":"${VECTOR.mnemonic}","accountId":"${VECTOR.publicKey}"}`;
const HAND_WRITTEN_PUB = `{"publicKey":"${VECTOR.publicKey}","accountId":"${VECTOR.publicKey}","ss58Address":"${VECTOR.ss58}"}`;

async function handWrittenWallet(root: string, files: Record<string, string>): Promise<void> {
  for (const [relative, content] of Object.entries(files)) {
    await mkdir(join(root, "w", relative, ".."), { recursive: true });
    await writeFile(join(root, "w", relative), content, { mode: 0o600 });
  }
}

describe("keyfiles on disk", () => {
  beforeAll(cryptoReady);

  it("load a keyfile written by hand in btcli's format with the right address and a working signature", async () => {
    await withTempDir(async (root) => {
      await handWrittenWallet(root, { "coldkeypub.txt": HAND_WRITTEN_PUB, "hotkeys/miner": HAND_WRITTEN_HOTKEY });
      const wallet = await loadWallet({ name: "w", hotkey: "miner", path: root });
      const hotkey = await wallet.hotkey();
      expect(hotkey.address).toBe(VECTOR.ss58);
      expect(await wallet.coldkeyPub()).toBe(VECTOR.ss58);
      // no minerpub.txt (wallets older than btwallet 3.1): the address comes from the hotkey file itself
      expect(await wallet.hotkeyPub()).toBe(VECTOR.ss58);
      const message = bytes("hello axon");
      expect(sr25519Verify(message, hotkey.sign(message), VECTOR.publicKey)).toBe(true);
    });
  });

  it("detect the encryption of a file by its first bytes, as btwallet does", () => {
    expect(keyfileEncryption(bytes("$NACL\x00\x01"))).toBe("nacl");
    expect(keyfileEncryption(bytes("$ANSIBLE_VAULT;1.1;AES256\n6162"))).toBe("ansible-vault");
    expect(keyfileEncryption(bytes("gAAAAABkX9"))).toBe("fernet");
    expect(keyfileEncryption(bytes(HAND_WRITTEN_PUB))).toBe("none");
  });

  it.each([
    ["Ansible Vault", "$ANSIBLE_VAULT;1.1;AES256\n3163656238343166336437346461336263\n", /re-save it as \$NACL with current btcli/],
    ["legacy (Fernet)", "gAAAAABlU0ZTc2VjcmV0LWNpcGhlcnRleHQtdGhhdC1tdXN0LW5vdC1sZWFr", /regenerate the key from its mnemonic/],
  ])("refuse a %s coldkey with a message naming the format and the fix, never its content", async (format, content, hint) => {
    await withTempDir(async (root) => {
      await handWrittenWallet(root, { coldkey: content, "coldkeypub.txt": HAND_WRITTEN_PUB });
      const wallet = await loadWallet({ name: "w", path: root });
      const error = await rejected<LegacyKeyfileError>(wallet.coldkey("any password"));
      expect(error).toBeInstanceOf(LegacyKeyfileError);
      expect(error.format).toBe(format);
      expect(error.message).toContain(join(root, "w", "coldkey"));
      expect(error.hint).toMatch(hint);
      expect(error.message).not.toContain(content.slice(15, 40));
      // the public half of the wallet still works
      expect(await wallet.coldkeyPub()).toBe(VECTOR.ss58);
    });
  });

  it("refuse a polkadot.js account export and text that is not a keyfile, naming the supported formats", () => {
    const polkadotJson = bytes(JSON.stringify({ encoded: "abc", encoding: { version: "3", type: ["scrypt", "xsalsa20-poly1305"] }, address: VECTOR.ss58 }));
    expect(() => parseKeyfileData(polkadotJson, "k")).toThrow(/polkadot\.js account export, not a btcli keyfile/);
    const garbage = bytes("secret-looking-garbage not json");
    const error = catchError(() => parseKeyfileData(garbage, "k")) as KeyfileFormatError;
    expect(error).toBeInstanceOf(KeyfileFormatError);
    expect(error.message).toMatch(/failed to parse keyfile data/);
    expect(error.hint).toMatch(/\$NACL.*\$ANSIBLE_VAULT.*gAAAAA/);
    expect(error.message).not.toContain("secret-looking");
    expect(() => parseKeyfileData(bytes(`{"secretSeed": 42}`), "k")).toThrow(/field secretSeed must be a string/);
  });

  it("serialise to JSON that parses back to the same fields, dropping absent ones", () => {
    const data = { accountId: VECTOR.publicKey, publicKey: VECTOR.publicKey, ss58Address: VECTOR.ss58, secretSeed: VECTOR.secretSeed, secretPhrase: undefined };
    const text = new TextDecoder().decode(serializeKeyfileData(data));
    expect(JSON.parse(text)).toEqual({ accountId: VECTOR.publicKey, publicKey: VECTOR.publicKey, ss58Address: VECTOR.ss58, secretSeed: VECTOR.secretSeed });
    expect(parseKeyfileData(bytes(text))).toEqual(JSON.parse(text));
  });

  it("write keyfiles 0600 in new 0700 directories even under a permissive umask, leaving no temp file", async () => {
    await withTempDir(async (root) => {
      const previous = process.umask(0o000);
      try {
        const path = join(root, "a", "b", "coldkey");
        await writeKeyfile(path, bytes(HAND_WRITTEN_PUB));
        expect((await stat(path)).mode & 0o777).toBe(0o600);
        expect((await stat(join(root, "a"))).mode & 0o777).toBe(0o700);
        expect((await stat(join(root, "a", "b"))).mode & 0o777).toBe(0o700);
        expect(await readdir(join(root, "a", "b"))).toEqual(["coldkey"]);
      } finally {
        process.umask(previous);
      }
    });
  });

  it("refuse to overwrite an existing keyfile unless asked, leaving it byte for byte", async () => {
    await withTempDir(async (root) => {
      const path = join(root, "hotkeys", "default");
      await writeKeyfile(path, bytes("first"));
      const error = await rejected<KeyfileExistsError>(writeKeyfile(path, bytes("second"), { overwriteWith: "--overwrite" }));
      expect(error).toBeInstanceOf(KeyfileExistsError);
      expect(error.hint).toMatch(/^add --overwrite to replace it/);
      expect(await readFile(path, "utf8")).toBe("first");
      await writeKeyfile(path, bytes("second"), { overwrite: true });
      expect(await readFile(path, "utf8")).toBe("second");
      expect((await stat(path)).mode & 0o777).toBe(0o600);
      expect(await readdir(join(root, "hotkeys"))).toEqual(["default"]);
    });
  });

  it("warn (without content) when a secret keyfile is readable by other users", async () => {
    await withTempDir(async (root) => {
      await handWrittenWallet(root, { "coldkeypub.txt": HAND_WRITTEN_PUB, "hotkeys/open": HAND_WRITTEN_HOTKEY });
      await chmod(join(root, "w", "hotkeys", "open"), 0o644);
      const warnings: Error[] = [];
      const onWarning = (warning: Error) => warnings.push(warning);
      process.on("warning", onWarning);
      try {
        await (await loadWallet({ name: "w", hotkey: "open", path: root })).hotkey();
        await new Promise((resolve) => setImmediate(resolve)); // warnings are emitted on the next tick
      } finally {
        process.off("warning", onWarning);
      }
      const ours = warnings.filter((w) => w.name === "WalletWarning");
      expect(ours).toHaveLength(1);
      expect(ours[0].message).toMatch(/readable by other users \(mode 644\); run: chmod 600/);
      expect(ours[0].message).not.toContain(VECTOR.mnemonic.split(" ")[1]);
    });
  });
});
