// What each part's main.ts does to run that part alone, with the settings it has in `npm run bench`: build if
// needed, read the settings, run it, print its lines, and keep its figures in bench/results/<name>.json (not
// committed).
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { buildIfNeeded } from "../scripts/build-if-needed";

export type PartAlone<Options, Result> = {
  /** The part's name: the results file's, and what its messages begin with. */
  name: string;
  /** The heading printed above its lines. */
  heading: string;
  /** The setting that skips it, as the skip message names it. */
  skippedBy: string;
  /** Its settings from the environment; null when skipped. */
  options: () => Options | null;
  run: (options: Options) => Promise<Result>;
  lines: (result: Result) => string[];
};

export async function runPartAlone<Options, Result extends object>(part: PartAlone<Options, Result>): Promise<void> {
  // A rejection nobody awaits would end the run with a bare DOMException: say where it came from.
  process.on("unhandledRejection", (reason) => {
    console.error(`${part.name} bench: an unhandled rejection`, reason instanceof Error ? reason.stack : reason);
    process.exit(1);
  });
  buildIfNeeded();
  const options = part.options();
  if (options === null) {
    console.log(`${part.heading}: skipped (${part.skippedBy})`);
    return;
  }
  const result = await part.run(options);
  console.log(["", `${part.heading}:`, ...part.lines(result)].join("\n"));
  const resultsDir = path.resolve("bench/results");
  mkdirSync(resultsDir, { recursive: true });
  writeFileSync(
    path.join(resultsDir, `${part.name}.json`),
    JSON.stringify({ at: new Date().toISOString(), ...result }, null, 2),
  );
}
