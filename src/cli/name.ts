// The project name becomes the package name, so it must be valid for a new npm package.
import validate from "validate-npm-package-name";

export function packageNameProblems(name: string): string[] {
  const result = validate(name);
  if (result.validForNewPackages) return [];
  return [...(result.errors ?? []), ...(result.warnings ?? [])];
}

/** A valid package name close to `name` (create-vite's rule), offered when the directory name is not one. */
export function suggestPackageName(name: string): string {
  const suggestion = name
    .trim()
    .toLowerCase()
    .replace(/\s+/g, "-")
    .replace(/^[._]/, "")
    .replace(/[^a-z\d\-~]+/g, "-")
    .replace(/^-+|-+$/g, "");
  return suggestion === "" ? "my-subnet" : suggestion;
}
