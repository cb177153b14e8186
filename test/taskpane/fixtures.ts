/** A small seeded book, loaded into a compute session the way the worker holds it. */
import { syntheticSheets } from '../../src/taskpane/preview/synthetic.js';
import { ComputeSession } from '../../src/worker/compute.js';

/** A loaded session and its default settings (40 accounts, 5 reps unless told otherwise). */
export function loadedSession(accounts = 40, reps = 5, seed = 3) {
  const sheets = syntheticSheets({ accounts, reps, seed });
  const session = new ComputeSession();
  const summary = session.load(sheets.reps, sheets.accounts);
  if (!summary.ok) throw new Error('fixture book did not load');
  return { session, summary, settings: summary.defaults, sheets };
}
