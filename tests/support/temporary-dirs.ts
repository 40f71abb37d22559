// Temporary directories the tests make (data directories, key files, copies of a chain): each is recorded, and
// removed after its test file by remove-temporary-dirs.ts (a Vitest setup file), so a run leaves nothing in the
// system's temporary directory. Outside Vitest (the bench imports the servers' helpers) nothing removes them: the
// bench removes its own.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";

const made = new Set<string>();

/** A new, empty directory under the system's temporary directory, named `<prefix>-XXXXXX`. */
export function makeTemporaryDir(prefix: string): string {
  const directory = mkdtempSync(path.join(tmpdir(), `${prefix}-`));
  made.add(directory);
  return directory;
}

/** Removes every directory `makeTemporaryDir` made in this process. */
export function removeTemporaryDirs(): void {
  for (const directory of made) rmSync(directory, { recursive: true, force: true, maxRetries: 3 });
  made.clear();
}
