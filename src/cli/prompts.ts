// The interactive questions (only when stdin is a TTY and not CI: prompts hang without one).
import * as p from "@clack/prompts";
import { CancelledError } from "./errors.js";
import { packageNameProblems, suggestPackageName } from "./name.js";

export function intro(): void {
  p.intro("create-bittensor-subnet");
}

export function outro(message: string): void {
  p.outro(message);
}

export const spinner = (): ReturnType<typeof p.spinner> => p.spinner();

function answered<T>(value: T): Exclude<T, symbol> {
  if (p.isCancel(value)) throw new CancelledError();
  return value as Exclude<T, symbol>;
}

export async function askDirectory(): Promise<string> {
  return answered(
    await p.text({
      message: "Project name:",
      placeholder: "my-subnet",
      defaultValue: "my-subnet",
      validate: (value) => (value && packageNameProblems(suggestPackageName(value)).length > 0 ? "not a usable name" : undefined),
    }),
  );
}

export async function askPackageName(fallback: string): Promise<string> {
  return answered(
    await p.text({
      message: "Package name:",
      initialValue: suggestPackageName(fallback),
      validate: (value) => {
        const problems = packageNameProblems(value ?? "");
        return problems.length > 0 ? `Invalid package name: ${problems[0]}` : undefined;
      },
    }),
  );
}

export async function askDescription(fallback: string): Promise<string> {
  return answered(await p.text({ message: "Description:", placeholder: fallback, defaultValue: fallback }));
}

export async function askMiners(fallback: number): Promise<number> {
  const value = answered(
    await p.text({
      message: "How many local miners should `npm run dev` start?",
      placeholder: String(fallback),
      defaultValue: String(fallback),
      validate: (v) => (v === undefined || v === "" || isMinerCount(Number(v)) ? undefined : "a whole number from 1 to 16"),
    }),
  );
  return Number(value);
}

export async function askWire(): Promise<"btauth" | "v10"> {
  return answered(
    await p.select({
      message: "Wire between validators and miners:",
      initialValue: "btauth" as const,
      options: [
        { value: "btauth" as const, label: "btauth/1", hint: "Bittensor 11 signed HTTP (recommended)" },
        { value: "v10" as const, label: "v10 synapses", hint: "for a subnet whose validators still run SDK 10" },
      ],
    }),
  );
}

export async function askOverwrite(root: string): Promise<boolean> {
  return answered(await p.confirm({ message: `${root} is not empty. Overwrite files with the same names?`, initialValue: false }));
}

export function isMinerCount(n: number): boolean {
  return Number.isInteger(n) && n >= 1 && n <= 16;
}
