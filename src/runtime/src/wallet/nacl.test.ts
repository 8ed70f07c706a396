// The only wallet tests that run Argon2i at btwallet's real cost (512 MiB, 8 passes; ~3-10 s each on this
// machine): one derivation here, one inside the CLI child. Everything else reuses the derived key.
import { mkdtemp, readFile, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { inspect } from "node:util";
import { u8aToHex } from "@polkadot/util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { cryptoReady } from "./dev.js";
import { WrongPasswordError } from "./errors.js";
import { parseKeyfileData } from "./keyfile.js";
import { keypairFromKeyfileData } from "./keypair.js";
import { NACL_SALT, type NaclKey, deriveNaclKey, naclOpen, naclSeal } from "./nacl.js";
import { encodeEnvPassword, passwordEnvName } from "./password.js";
import { loadWallet } from "./wallet.js";
import { type CliResult, FIXTURE_KEY_HEX, FIXTURE_PASSWORD, TEST_ONLY_FAST_ARGON2, VECTOR, runSubnet } from "./wallet.test-helpers.js";

const FIXTURE = new URL("./fixtures/nacl-coldkey", import.meta.url);

describe("$NACL keyfile encryption (real Argon2i parameters)", () => {
  let key: NaclKey;
  let cwd: string;
  let cliRun: Promise<CliResult>;
  beforeAll(async () => {
    await cryptoReady();
    // The CLI child derives its key on the other core while this process derives its own.
    cwd = await mkdtemp(join(tmpdir(), "subnet-wallet-nacl-"));
    const envName = passwordEnvName(join(cwd, "wallets", "enc", "coldkey"));
    cliRun = runSubnet(["wallet", "create", "--wallet.path", join(cwd, "wallets"), "--wallet.name", "enc", "--use-password", "--json"], {
      cwd,
      env: { [envName]: encodeEnvPassword(envName, FIXTURE_PASSWORD) },
    });
    key = await deriveNaclKey(FIXTURE_PASSWORD);
  }, 300_000); // ~10 s on an idle core, several times that while other suites share the two cores
  afterAll(async () => {
    await cliRun.catch(() => undefined);
    await rm(cwd, { recursive: true, force: true });
  });

  it("derive the same key as libsodium's crypto_pwhash (Argon2i v1.3, SENSITIVE limits, btwallet's salt)", () => {
    expect(Buffer.from(NACL_SALT).toString("latin1")).toBe("\x13q\x83\xdf\xf1Z\t\xbc\x9c\x90\xb5Q\x879\xe9\xb1");
    expect(u8aToHex(key.bytes())).toBe(`0x${FIXTURE_KEY_HEX}`);
  });

  it("open a keyfile that libsodium sealed, and read the docs/wallets.md vector key from it", async () => {
    const sealed = new Uint8Array(await readFile(FIXTURE));
    const pair = keypairFromKeyfileData(parseKeyfileData(naclOpen(sealed, key, "fixture")), "fixture");
    expect(pair.address).toBe(VECTOR.ss58);
  });

  it("lay the file out as $NACL ‖ 24-byte nonce ‖ 16-byte MAC ‖ ciphertext", async () => {
    const plaintext = new TextEncoder().encode(`{"ss58Address":"${VECTOR.ss58}"}`);
    const nonce = Uint8Array.from({ length: 24 }, (_, i) => i + 1);
    const sealed = naclSeal(plaintext, key, nonce);
    expect(sealed.length).toBe(5 + 24 + 16 + plaintext.length);
    expect(Buffer.from(sealed.subarray(0, 5)).toString()).toBe("$NACL");
    expect(sealed.subarray(5, 29)).toEqual(nonce);
    expect(naclOpen(sealed, key)).toEqual(plaintext);
    // The libsodium fixture follows the same layout: its length is prefix + nonce + MAC + its JSON.
    const fixture = new Uint8Array(await readFile(FIXTURE));
    expect(fixture.length).toBe(5 + 24 + 16 + naclOpen(fixture, key).length);
    // Any altered byte (here the first MAC byte) fails authentication rather than yielding garbage.
    const tampered = Uint8Array.from(sealed);
    tampered[29] ^= 1;
    expect(() => naclOpen(tampered, key, "k")).toThrow(WrongPasswordError);
    const wrongKey = await deriveNaclKey(FIXTURE_PASSWORD, { testOnlyArgon2Params: TEST_ONLY_FAST_ARGON2 });
    expect(() => naclOpen(fixture, wrongKey, "fixture")).toThrow(/wrong password for fixture/);
  });

  it("never show the key bytes through inspect or JSON", () => {
    const hexKey = FIXTURE_KEY_HEX.slice(0, 16);
    expect(inspect(key)).toBe("NaclKey(<redacted>)");
    expect(JSON.stringify({ key })).toBe('{"key":"NaclKey(<redacted>)"}');
    expect(inspect(key, { showHidden: true })).not.toContain(hexKey);
  });

  it("CLI child: `subnet wallet create` encrypts the coldkey with a BT_PW_* password that our key opens", async () => {
    const result = await cliRun; // started in beforeAll, normally finished by now
    expect(result.stderr).toBe("");
    expect(result.code).toBe(0);
    const out = JSON.parse(result.stdout) as { coldkey: { address: string; encrypted: boolean } };
    expect(out.coldkey.encrypted).toBe(true);
    expect(result.stdout).not.toContain(FIXTURE_PASSWORD);
    const wallet = await loadWallet({ name: "enc", path: join(cwd, "wallets") });
    expect(await wallet.coldkeyEncryption()).toBe("nacl");
    expect((await wallet.coldkey(key)).address).toBe(out.coldkey.address);
  }, 300_000);
});
