// `subnet wallet …` spawned as a real child process in a temp dir (HOME points there too, so the default
// ~/.bittensor/wallets lands inside it). Unencrypted coldkeys keep these runs fast; the encrypted path
// is covered by wallet/nacl.test.ts.
import { readFile, readdir, stat } from "node:fs/promises";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { runSubnet, withTempDir } from "../wallet/wallet.test-helpers.js";

// Several child processes per test, each a Node start-up with tsx: allow for a machine shared with other suites.
const SPAWNS_TIMEOUT = 180_000;

interface CreateOutput {
  name: string;
  path: string;
  coldkey: { address: string; created: boolean; encrypted?: boolean };
  hotkey: { name: string; address: string; created: boolean };
  mnemonics?: { coldkey?: string; hotkey?: string };
}

describe("subnet wallet (child process)", () => {
  it(
    "create with btcli's flags, refuse a second create without --overwrite, replace with it",
    async () => {
      await withTempDir(async (cwd) => {
        const flags = ["--wallet.name", "val", "--wallet.hotkey", "v1", "--wallet.path", "wallets", "--no-use-password", "--n-words", "15", "--json"];
        const first = await runSubnet(["wallet", "create", ...flags], { cwd });
        expect(first.stderr).toBe("");
        expect(first.code).toBe(0);
        const created = JSON.parse(first.stdout) as CreateOutput;
        expect(created).toMatchObject({ name: "val", path: "wallets", coldkey: { created: true, encrypted: false }, hotkey: { name: "v1", created: true } });
        expect(created.mnemonics).toBeUndefined(); // stdout is a pipe: no secrets printed without --show-mnemonic

        const dir = join(cwd, "wallets", "val"); // relative --wallet.path resolves against the working directory
        const coldkey = JSON.parse(await readFile(join(dir, "coldkey"), "utf8")) as { secretPhrase: string; ss58Address: string };
        expect(coldkey.secretPhrase.split(" ")).toHaveLength(15);
        expect(coldkey.ss58Address).toBe(created.coldkey.address);
        expect((await stat(join(dir, "hotkeys", "v1"))).mode & 0o777).toBe(0o600);
        const before = await readFile(join(dir, "hotkeys", "v1"));

        const refused = await runSubnet(["wallet", "create", ...flags], { cwd });
        expect(refused.code).toBe(1);
        expect(refused.stderr).toMatch(/refusing to overwrite the existing keyfile .*hotkeys\/v1\n {2}hint: add --overwrite/);
        expect(await readFile(join(dir, "hotkeys", "v1"))).toEqual(before);

        const replaced = await runSubnet(["wallet", "create", ...flags, "--overwrite", "--show-mnemonic"], { cwd });
        expect(replaced.code).toBe(0);
        const after = JSON.parse(replaced.stdout) as CreateOutput;
        expect(after.hotkey.address).not.toBe(created.hotkey.address);
        expect(after.mnemonics?.hotkey?.split(" ")).toHaveLength(15);
        expect(await readdir(join(dir, "hotkeys"))).toEqual(["v1", "v1pub.txt"]);
      });
    },
    SPAWNS_TIMEOUT,
  );

  it(
    "create --no-use-password says where the unprinted mnemonics are: the coldkey's in plain text, not in an encrypted file",
    async () => {
      await withTempDir(async (cwd) => {
        const plain = await runSubnet(["wallet", "create", "--wallet.name", "plain", "--wallet.path", "w", "--no-use-password"], { cwd });
        expect(plain.code, plain.stderr).toBe(0);
        expect(plain.stdout).toContain("the coldkey's in its keyfile in plain text (--no-use-password)");
        expect(plain.stdout).toContain("the hotkey's in its keyfile in plain text (hotkeys are never encrypted)");
        expect(plain.stdout).not.toContain("encrypted keyfile");
      });
    },
    SPAWNS_TIMEOUT,
  );

  it(
    "list and show wallets under the default path from BT_WALLET_* and HOME, printing no secret",
    async () => {
      await withTempDir(async (cwd) => {
        const env = { BT_WALLET_NAME: "owner", BT_WALLET_HOTKEY: "m1" };
        const created = JSON.parse((await runSubnet(["wallet", "create", "--no-password", "--json"], { cwd, env })).stdout) as CreateOutput;
        expect(created.path).toBe(join(cwd, ".bittensor", "wallets/"));

        const listed = await runSubnet(["wallet", "list"], { cwd });
        expect(listed.code).toBe(0);
        expect(listed.stdout).toContain(`Wallets in ${join(cwd, ".bittensor", "wallets/")}`);
        expect(listed.stdout).toContain(`owner  coldkey ${created.coldkey.address}`);
        expect(listed.stdout).toContain(`hotkey m1  ${created.hotkey.address}`);

        const dev = await runSubnet(["wallet", "create", "--wallet.name", "alice", "--uri", "Alice", "--no-use-password"], { cwd });
        expect(dev.stdout).toContain("5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY  created, NOT encrypted");

        const shown = await runSubnet(["wallet", "show", "--json"], { cwd, env });
        expect(JSON.parse(shown.stdout)).toEqual({
          name: "owner",
          dir: join(cwd, ".bittensor", "wallets", "owner"),
          coldkey: { address: created.coldkey.address, storage: "none", mode: "0600" },
          hotkey: { name: "m1", address: created.hotkey.address },
        });
        const coldkey = JSON.parse(await readFile(join(cwd, ".bittensor", "wallets", "owner", "coldkey"), "utf8")) as { secretPhrase: string };
        for (const out of [listed.stdout, shown.stdout]) expect(out).not.toContain(coldkey.secretPhrase.split(" ").slice(0, 3).join(" "));
      });
    },
    SPAWNS_TIMEOUT,
  );

  it(
    "fail clearly: a missing wallet names the create command, a password cannot be asked without a terminal, bad flags exit 2",
    async () => {
      await withTempDir(async (cwd) => {
        const missing = await runSubnet(["wallet", "show", "--wallet.name", "nope", "--wallet.path", cwd], { cwd });
        expect(missing.code).toBe(1);
        expect(missing.stderr).toContain(`hint: create it with: subnet wallet create --wallet.name nope --wallet.hotkey default --wallet.path ${cwd}`);

        const noTerminal = await runSubnet(["wallet", "create", "--wallet.path", cwd, "--wallet.name", "p"], { cwd });
        expect(noTerminal.code).toBe(1);
        expect(noTerminal.stderr).toMatch(/a password is needed to encrypt .* and there is no terminal to ask on/);
        expect(await readdir(cwd)).toEqual([]); // nothing half-written

        const badFlag = await runSubnet(["wallet", "create", "--wallet.nme", "x"], { cwd });
        expect(badFlag.code).toBe(2);
        expect(badFlag.stderr).toContain("--wallet.nme");
        const badWords = await runSubnet(["wallet", "create", "--n-words", "13", "--no-use-password", "--wallet.path", cwd], { cwd });
        expect(badWords.code).toBe(1);
        expect(badWords.stderr).toMatch(/--n-words 13 is not a BIP39 mnemonic length\n {2}hint: use one of 12, 15, 18, 21, 24/);
      });
    },
    SPAWNS_TIMEOUT,
  );
});
