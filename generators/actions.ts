// The actions that write one template directory. Each `.hbs` file is rendered by node-plop's `add` action,
// `__name__` in its path standing for the variant name (`src/miners/__name__.ts.hbs` → `src/miners/fast.ts`).
// Not `{{name}}`: node-plop renders templateFile paths after turning `\` into `/`, so it cannot be escaped.
// Every other file is the author's code and is copied byte for byte (node-plop would run it through
// Handlebars, where any `{{` in TypeScript would be destroyed). Listing files ourselves skips node-plop's glob.
import { constants, copyFileSync, mkdirSync, readdirSync } from "node:fs";
import path from "node:path";
import type { ActionType, NodePlopAPI } from "node-plop";

/** npm drops .gitignore from published packages, so templates ship it as _gitignore. */
const RENAMES: Record<string, string> = { _gitignore: ".gitignore" };

export function templateActions(dir: string): ActionType[] {
  const templates = walk(dir).filter((file) => file.endsWith(".hbs"));
  const adds: ActionType[] = templates.map((file) => ({
    type: "add",
    path: file.slice(0, -".hbs".length).replaceAll("__name__", "{{name}}"),
    templateFile: path.join(dir, file),
  }));
  const copy = (_answers: unknown, _config: unknown, plop: NodePlopAPI) => `${copyVerbatim(dir, plop.getDestBasePath())} files copied`;
  return walk(dir).length > templates.length ? [...adds, copy] : adds;
}

/** Files under dir, relative, with / separators. */
function walk(dir: string, prefix = ""): string[] {
  return readdirSync(path.join(dir, prefix), { withFileTypes: true }).flatMap((entry) => {
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    return entry.isDirectory() ? walk(dir, rel) : [rel];
  });
}

/** Copies every non-.hbs file of `from` into `to`; never overwrites (an existing file fails the action). */
function copyVerbatim(from: string, to: string): number {
  let count = 0;
  for (const entry of readdirSync(from, { withFileTypes: true })) {
    const source = path.join(from, entry.name);
    if (entry.isDirectory()) {
      const dest = path.join(to, entry.name);
      mkdirSync(dest, { recursive: true });
      count += copyVerbatim(source, dest);
    } else if (!entry.name.endsWith(".hbs")) {
      copyFileSync(source, path.join(to, RENAMES[entry.name] ?? entry.name), constants.COPYFILE_EXCL);
      count++;
    }
  }
  return count;
}
