/**
 * The command line's entry (compiled to build/cli/bin.mjs, which bin/territory-slicer.mjs runs;
 * `npm run cli -- …` runs it from source). Arguments, --help and usage errors need nothing else:
 * the engine, zod and ExcelJS load only when a report runs, so those answers come at once.
 */
import { parseReportArgs, USAGE } from './args.js';

/** Runs the CLI; returns the exit code. */
export async function cli(argv: readonly string[]): Promise<number> {
  const parsed = parseReportArgs(argv);
  if (!parsed.ok) {
    if (parsed.reason === 'help') {
      console.log(USAGE);
      return 0;
    }
    console.error(`territory-slicer: ${parsed.reason}\n\n${USAGE}`);
    return 1;
  }
  const { runReport } = await import('./main.js');
  return runReport(parsed.args);
}

process.exitCode = await cli(process.argv.slice(2));
