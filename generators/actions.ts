// The actions that write one template directory, all node-plop's own. `addMany` globs the directory and
// renders every file with Handlebars, stripping `.hbs`; the destination path is rendered too, so
// `src/miners/{{name}}.ts.hbs` becomes `src/miners/fast.ts`. Files without `.hbs` must hold no `{{` (a test
// checks), so rendering leaves them byte for byte. npm drops .gitignore from published packages, so a
// template ships `_gitignore`, which an `add` action writes under its real name.
import { existsSync } from "node:fs";
import path from "node:path";
import type { ActionType } from "node-plop";

/** Shipped under another name, written under its own. */
const RENAMED = { _gitignore: ".gitignore" } as const;

/**
 * Actions writing templates/<dir> into the destination; globs are relative to `templatesDir` (the plopfile
 * path). `handledElsewhere` lists files (relative to the directory) that the caller writes with its own action.
 */
export function templateActions(templatesDir: string, dir: string, handledElsewhere: string[] = []): ActionType[] {
  const renamed = Object.entries(RENAMED).filter(([shipped]) => existsSync(path.join(templatesDir, dir, shipped)));
  return [
    {
      type: "addMany",
      destination: ".",
      // Absolute: addMany strips `base` from each path by string replacement, so a relative `subnet`
      // would also cut it out of `subnet.config.json`.
      base: path.join(templatesDir, dir),
      templateFiles: `${dir}/**/*`,
      globOptions: { dot: true, ignore: [...renamed.map(([shipped]) => shipped), ...handledElsewhere].map((file) => `${dir}/${file}`) },
      stripExtensions: ["hbs"],
      verbose: false,
    },
    ...renamed.map(([shipped, real]): ActionType => ({ type: "add", path: real, templateFile: path.join(templatesDir, dir, shipped) })),
  ];
}
