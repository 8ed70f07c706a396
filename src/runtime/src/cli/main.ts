#!/usr/bin/env node
// The `subnet` bin: dispatches to the subcommands listed in commands.ts.
import { readFileSync } from "node:fs";
import { commands } from "./commands.js";

function usage(): string {
  const width = Math.max(...[...commands.keys()].map((name) => name.length), 8);
  const lines = [...commands].map(([name, c]) => `  ${name.padEnd(width)}  ${c.summary}`);
  return ["Usage: subnet <command> [options]", "", "Commands:", ...lines, "", "Run `subnet <command> --help` for a command's options."].join("\n");
}

async function main(argv: string[]): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === "--help" || name === "-h" || name === "help") {
    console.log(usage());
    return name === undefined ? 1 : 0;
  }
  if (name === "--version" || name === "-v") {
    const pkg = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8")) as { version: string };
    console.log(pkg.version);
    return 0;
  }
  const command = commands.get(name);
  if (!command) {
    console.error(`subnet: unknown command "${name}"\n\n${usage()}`);
    return 2;
  }
  return (await command.load()).run(rest);
}

main(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`subnet: ${error instanceof Error ? error.message : String(error)}`);
    process.exitCode = 1;
  },
);
