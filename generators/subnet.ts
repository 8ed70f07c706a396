// `subnet`: a whole project from templates/subnet.
import path from "node:path";
import type { PlopGeneratorConfig } from "node-plop";
import { templateActions } from "./actions.js";

export interface SubnetAnswers {
  /** The package name (already validated). */
  name: string;
  description: string;
  /** Local miners `npm run dev` starts. */
  miners: number;
  /** package.json specs of bittensor-subnet-runtime and create-bittensor-subnet (for `npm run gen`). */
  runtimeSpec: string;
  generatorSpec: string;
  /** The wire between neurons: "btauth" (Bittensor 11, default) or "v10". */
  wire: "btauth" | "v10";
}

/** protocol.ts stays plain TypeScript in the repository (it typechecks; the bench imports it) on this wire. */
const PROTOCOL = "src/protocol.ts";
const DEFAULT_WIRE_LINE = '  wire: "btauth",';

/** The template's protocol.ts on the chosen wire; refuses a template that lost its wire line. */
export function withWire(protocol: string, wire: SubnetAnswers["wire"]): string {
  if (!protocol.includes(DEFAULT_WIRE_LINE)) throw new Error(`templates/subnet/${PROTOCOL} has no \`${DEFAULT_WIRE_LINE.trim()}\` line to set the wire on`);
  return protocol.replace(DEFAULT_WIRE_LINE, `  wire: ${JSON.stringify(wire)},`);
}

export function subnetGenerator(templatesDir: string): PlopGeneratorConfig {
  return {
    description: "a whole subnet project",
    prompts: [],
    actions: [
      ...templateActions(templatesDir, "subnet", [PROTOCOL]),
      {
        type: "add",
        path: PROTOCOL,
        templateFile: path.join(templatesDir, "subnet", PROTOCOL),
        transform: (text: string, answers: SubnetAnswers) => withWire(text, answers.wire),
      },
    ],
  };
}
