/**
 * Faults at every point of a write (SPEC §12 "nothing lost"): whichever request fails, the report
 * names what was and was not written, pressing Allocate again completes the workbook, and every
 * user cell outside the two result columns is identical to before.
 */
import { describe, expect, it } from 'vitest';
import { generatedScenario } from './fixtures.js';
import { cellsOutside, fakeSheetsOf, harness, OWNED, readAndRun } from './office-helpers.js';

const FAULTS = ['GeneralException', 'RequestPayloadSizeLimitExceeded', 'AccessDenied', 'InvalidOperation'] as const;

describe('a write interrupted at any request, then retried', () => {
  // Count the requests of a clean first run, then fail each one in turn on a fresh workbook.
  const s = generatedScenario(80, 6, 31);
  const probe = harness(fakeSheetsOf(s.reps, s.accounts));
  let total = 0;

  it('a clean run takes a known number of requests', async () => {
    const output = await readAndRun(probe.port);
    const before = probe.fake.stats.syncCount;
    expect((await probe.port.writeResults(output)).ok).toBe(true);
    total = probe.fake.stats.syncCount - before;
    expect(total).toBeGreaterThan(4);
  });

  it('every fault position and kind: clear report, complete retry, user cells untouched', async () => {
    let reported = 0;
    for (let at = 1; at <= total; at++) {
      const fault = FAULTS[at % FAULTS.length]!;
      const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts), { batchFailure: 'partial' });
      const reps = fake.workbookState.sheet('Reps').values();
      const accounts = fake.workbookState.sheet('Accounts').values();
      const output = await readAndRun(port);
      fake.failSyncAt(fake.stats.syncCount + at, fault);
      const failed = await port.writeResults(output);
      // A payload fault is retried in smaller requests, so it may still succeed; any other fault reports.
      if (!failed.ok) {
        reported++;
        expect(failed.message.length).toBeGreaterThan(20);
        expect([...failed.written, ...failed.notWritten].length).toBeGreaterThan(0);
        expect(failed.notWritten.length).toBeGreaterThan(0);
      }
      const retry = await port.writeResults(output);
      expect(retry.ok, `retry after ${fault} at request ${at}: ${retry.message}`).toBe(true);
      expect(fake.workbookState.sheetNames()).toEqual(['Reps', 'Accounts', ...OWNED]);
      expect(fake.workbookState.sheet('Reps').values()).toEqual(reps);
      const width = accounts[0]!.length;
      expect(cellsOutside(fake.workbookState.sheet('Accounts').values(), [width, width + 1])).toEqual(cellsOutside(accounts, [width, width + 1]));
    }
    // Every fault that is not a size limit must surface as a failed write.
    expect(reported).toBeGreaterThanOrEqual(Math.floor((total * 3) / 4) - 1);
  });
});
