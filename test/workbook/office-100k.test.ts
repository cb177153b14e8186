import { describe, expect, it } from 'vitest';
import { auditStepCount } from '../../src/engine/index.js';
import { PAYLOAD_LIMIT_BYTES } from '../fakes/excel-fake.js';
import { generatedScenario } from './fixtures.js';
import { fakeSheetsOf, harness, readAndRun, WRITTEN_SHEETS } from './office-helpers.js';

describe('Office adapter at 100,000 accounts', () => {
  it('reads and writes with every request and response under 5 MB', async () => {
    const s = generatedScenario(100_000, 60, 42, {}, false);
    const { fake, port } = harness(fakeSheetsOf(s.reps, s.accounts));

    const t0 = performance.now();
    const output = await readAndRun(port);
    const readSyncs = fake.stats.syncCount;
    const t1 = performance.now();
    const report = await port.writeResults(output);
    const t2 = performance.now();

    expect(report.ok).toBe(true);
    expect(fake.workbookState.sheetNames()).toEqual(WRITTEN_SHEETS);
    expect(fake.workbookState.table('TS_AuditLog')!.rows.length).toBe(auditStepCount(output.evaluation.allocation));
    const { stats } = fake;
    for (const sync of stats.syncs) {
      expect(sync.requestBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
      expect(sync.responseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    }
    expect(stats.failedSyncs).toBe(0);
    console.log(
      `ADAPTER-100K: syncs=${stats.syncCount} (read ${readSyncs}, write ${stats.syncCount - readSyncs}), ` +
        `largest request=${stats.maxRequestBytes} bytes, largest response=${stats.maxResponseBytes} bytes, ` +
        `read+evaluate ${Math.round(t1 - t0)} ms, write ${Math.round(t2 - t1)} ms (fake)`,
    );

    // The hand-edit check before the next write: the record and two Accounts columns, read back in blocks.
    const book = (await readAndRun(port, {}, false)).book;
    const before = stats.syncCount;
    const t3 = performance.now();
    const check = await port.findHandEdits(book);
    const t4 = performance.now();
    expect(check).toEqual({ known: true, edits: [], compared: 100_000 });
    const checkSyncs = stats.syncs.slice(before);
    for (const sync of checkSyncs) expect(sync.responseBytes).toBeLessThan(PAYLOAD_LIMIT_BYTES);
    console.log(`ADAPTER-100K hand-edit check: syncs=${checkSyncs.length}, largest response=${Math.max(...checkSyncs.map((x) => x.responseBytes))} bytes, ${Math.round(t4 - t3)} ms (fake)`);
  }, 300_000);
});
