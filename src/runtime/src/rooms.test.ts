// The rooms of the runtime import downwards only, so each can be read (and tested) without the ones above it.
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const SRC = dirname(fileURLToPath(import.meta.url));
/** Lower first; a room may import from rooms of a lower rank only (equal ranks are siblings). */
const RANK: Record<string, number> = {
  util: 0,
  yuma: 1,
  wallet: 1,
  chain: 2,
  localnet: 3,
  subtensor: 3,
  connect: 4,
  transport: 5,
  neuron: 6,
  dashboard: 6,
  testing: 7,
  cli: 8,
};

function sources(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : sources(path);
    return /\.ts$/.test(entry.name) && !/\.test(-helpers)?\.ts$/.test(entry.name) ? [path] : [];
  });
}

describe("rooms", () => {
  it("every runtime source file lives in a known room", () => {
    const rooms = readdirSync(SRC, { withFileTypes: true })
      .filter((e) => e.isDirectory())
      .map((e) => e.name);
    expect(rooms.sort()).toEqual(Object.keys(RANK).sort());
  });

  it("imports point down: no room imports a sibling or a room above it", () => {
    const upward: string[] = [];
    for (const file of sources(SRC)) {
      const from = relative(SRC, file).split("/")[0];
      if (!(from in RANK)) continue; // the package root's index.ts gathers every room
      const text = readFileSync(file, "utf8");
      for (const [, specifier] of text.matchAll(/(?:from\s+|import\()\s*"(\.{1,2}\/[^"]+)"/g)) {
        const to = relative(SRC, resolve(dirname(file), specifier)).split("/")[0];
        if (to !== from && !(RANK[to] < RANK[from])) upward.push(`${relative(SRC, file)} → ${specifier}`);
      }
    }
    expect(upward).toEqual([]);
  });
});
