// The package's public surface: the root exports what a subnet author uses and nothing else, and every
// subpath in package.json "exports" points at a room's index. Changing either is a decision: update this test.
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import * as root from "./index.js";

const ROOT_VALUES = [
  // neurons
  "runMiner",
  "runValidator",
  "specVersion",
  "NetworkNotChosenError",
  "NeuronConfigError",
  "NeuronError",
  "NotRegisteredError",
  "StateFileError",
  // the protocol
  "defineSynapse",
  "SynapseError",
  "SynapseDefinitionError",
  "SynapseValidationError",
  "TransportConfigError",
  "TransportError",
  // the chain
  "connectChain",
  "ChainError",
  "isChainError",
  "SubnetNotExistsError",
  "RAO_PER_TAO",
  "formatTao",
  "parseTao",
  // wallets
  "loadWallet",
  "WalletError",
  // the error base
  "HintedError",
];

describe("package surface", () => {
  it("the root exports exactly the author's values", () => {
    expect(Object.keys(root).sort()).toEqual([...ROOT_VALUES].sort());
  });

  it("every error the root exports extends the one base", () => {
    const errors = Object.entries(root).filter(([name]) => name.endsWith("Error") && name !== "isChainError");
    for (const [name, value] of errors)
      expect(value === root.HintedError || (value as { prototype: unknown }).prototype instanceof root.HintedError, name).toBe(true);
  });

  it("each package.json subpath is a room's index", () => {
    const pkg = JSON.parse(readFileSync(new URL("../package.json", import.meta.url), "utf8")) as { exports: Record<string, string | { default: string }> };
    const subpaths = Object.entries(pkg.exports).filter(([path]) => path !== "./package.json");
    expect(subpaths.map(([path]) => path).sort()).toEqual([
      ".",
      "./chain",
      "./localnet",
      "./neuron",
      "./subtensor",
      "./testing",
      "./transport",
      "./wallet",
      "./yuma",
    ]);
    for (const [path, target] of subpaths) {
      const dist = typeof target === "string" ? target : target.default;
      const source = fileURLToPath(new URL(`.${dist.replace(/^\.\/dist/, "").replace(/\.js$/, ".ts")}`, import.meta.url));
      expect(existsSync(source), `${path} → ${source}`).toBe(true);
    }
  });
});
