import { describe, expect, it } from "vitest";
import { PasswordRequiredError, WalletError } from "./errors.js";
import { decodeEnvPassword, encodeEnvPassword, newPasswordForKeyfile, passwordEnvName, passwordForKeyfile } from "./password.js";
import { Wallet } from "./wallet.js";
import { rejected } from "./wallet.test-helpers.js";

const COLDKEY = "/home/alice/.bittensor/wallets/default/coldkey";
const ENV_NAME = "BT_PW__HOME_ALICE__BITTENSOR_WALLETS_DEFAULT_COLDKEY";

describe("keyfile passwords", () => {
  it("name the variable as btwallet does (docs/wallets.md §5 example)", () => {
    expect(passwordEnvName(COLDKEY)).toBe(ENV_NAME);
    expect(passwordEnvName("/tmp/w.x/my wallet/hotkeys/h1")).toBe("BT_PW__TMP_W_X_MY WALLET_HOTKEYS_H1");
    // the path exactly as btwallet joins it: "./w" is kept, not normalised away
    expect(passwordEnvName(new Wallet({ path: "./w", name: "n" }, {}).paths.coldkey)).toBe("BT_PW___W_N_COLDKEY");
    expect(passwordEnvName(new Wallet({ path: "w/", name: "n" }, {}).paths.coldkey)).toBe("BT_PW_W_N_COLDKEY");
  });

  it("encode the value as base64(password XOR variable name, cycled) and decode it back", () => {
    const password = "pässwörd with a length beyond the variable name's ".repeat(2);
    const encoded = encodeEnvPassword(ENV_NAME, password);
    const raw = Buffer.from(encoded, "base64");
    const name = Buffer.from(ENV_NAME);
    const plain = Buffer.from(password);
    expect(raw).toHaveLength(plain.length);
    for (const i of [0, 1, name.length - 1, name.length, plain.length - 1]) expect(raw[i]).toBe(plain[i] ^ name[i % name.length]);
    expect(decodeEnvPassword(ENV_NAME, encoded)).toBe(password);
  });

  it("take the password from the caller, then --password-env, then BT_PW_*, without prompting", async () => {
    const env = { [ENV_NAME]: encodeEnvPassword(ENV_NAME, "from-bt-pw"), PLAIN: "from-plain" };
    expect(await passwordForKeyfile(COLDKEY, { password: "given", env, interactive: false })).toBe("given");
    expect(await passwordForKeyfile(COLDKEY, { passwordEnv: "PLAIN", env, interactive: false })).toBe("from-plain");
    expect(await passwordForKeyfile(COLDKEY, { env, interactive: false })).toBe("from-bt-pw");
  });

  it("without a password and without a terminal, say every way to give one and never print a value", async () => {
    const error = await rejected<PasswordRequiredError>(passwordForKeyfile(COLDKEY, { env: {}, interactive: false }));
    expect(error).toBeInstanceOf(PasswordRequiredError);
    expect(error.hint).toContain("--password-env");
    expect(error.hint).toContain(ENV_NAME);
    const missing = await rejected<Error>(passwordForKeyfile(COLDKEY, { passwordEnv: "NOPE", env: {}, interactive: false }));
    expect(missing.message).toMatch(/NOPE named by --password-env is not set/);
  });

  it("reject a BT_PW_* value that is not base64 without echoing it", async () => {
    const env = { [ENV_NAME]: "hunter2!!" };
    const error = await rejected<WalletError>(passwordForKeyfile(COLDKEY, { env, interactive: false }));
    expect(error).toBeInstanceOf(WalletError);
    expect(error.message).toContain(`${ENV_NAME} is set but is not base64`);
    expect(error.message).not.toContain("hunter2");
  });

  it("hold a new password to btwallet's minimum length", async () => {
    await expect(newPasswordForKeyfile(COLDKEY, { password: "12345", interactive: false })).rejects.toThrow(/too short/);
    expect(await newPasswordForKeyfile(COLDKEY, { password: "123456", interactive: false })).toBe("123456");
    await expect(newPasswordForKeyfile(COLDKEY, { env: {}, interactive: false })).rejects.toThrow(/--no-use-password/);
  });
});
