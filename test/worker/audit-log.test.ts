import { describe, expect, it } from 'vitest';
import { auditStepCount, keyedSettings } from '../../src/engine/index.js';
import { MemoryWorkbook } from '../../src/workbook/memory/index.js';
import { ComputeClient } from '../../src/worker/client.js';
import { ComputeSession } from '../../src/worker/compute.js';
import { fakeSheetsOf, harness } from '../workbook/office-helpers.js';
import { generatedScenario, trickyScenario, type Scenario } from '../workbook/fixtures.js';

/** Loads a scenario's sheets into a main-thread client (the worker's code, on this thread). */
async function loadedClient(s: Scenario) {
  const client = ComputeClient.mainThread();
  const summary = await client.load(s.reps, s.accounts);
  if (!summary.ok) throw new Error('fixture');
  return client;
}

describe('Audit Log rows built in the worker', () => {
  it.each([
    ['a generated book', () => generatedScenario(300, 12, 7)],
    ['the tricky book', () => trickyScenario()],
  ])('write the same Audit Log as rows built on this thread: %s', async (_, make) => {
    const s = make();
    const client = await loadedClient(s);
    const settings = keyedSettings(s.output.evaluation.settings);
    const output = await client.runOutput(settings, s.output.generatedAt);
    const viaWorker = new MemoryWorkbook([s.reps, s.accounts]);
    expect((await viaWorker.writeResults({ ...output, auditLog: client.auditLog(settings) })).ok).toBe(true);
    const local = new MemoryWorkbook([s.reps, s.accounts]);
    expect((await local.writeResults(s.output)).ok).toBe(true);
    expect(JSON.stringify(viaWorker.sheet('Audit Log'))).toBe(JSON.stringify(local.sheet('Audit Log')));
    expect(JSON.stringify(viaWorker.sheets)).toBe(JSON.stringify(local.sheets));
  });

  it('reach Excel in blocks, each asked of the worker once, the sheet equal to the local build', async () => {
    const s = generatedScenario(2_500, 20, 9);
    const client = await loadedClient(s);
    const settings = keyedSettings(s.output.evaluation.settings);
    const output = await client.runOutput(settings, s.output.generatedAt);
    const asked: [number, number][] = [];
    const rows = client.auditLog(settings);
    const viaWorker = harness(fakeSheetsOf(s.reps, s.accounts), {}, { maxBlockRows: 1_000 });
    await viaWorker.port.readSheet('Accounts');
    const report = await viaWorker.port.writeResults({ ...output, auditLog: (from, to) => (asked.push([from, to]), rows(from, to)) });
    expect(report.ok).toBe(true);
    const steps = auditStepCount(output.evaluation.allocation);
    expect(asked.length).toBeGreaterThan(1);
    asked.forEach(([from, to], i) => {
      expect(from).toBe(i === 0 ? 0 : asked[i - 1]![1]);
      expect(to - from).toBeLessThanOrEqual(1_000);
    });
    expect(asked.at(-1)![1]).toBe(steps);
    const local = harness(fakeSheetsOf(s.reps, s.accounts), {}, { maxBlockRows: 1_000 });
    await local.port.readSheet('Accounts');
    await local.port.writeResults(s.output);
    expect(viaWorker.fake.workbookState.sheet('Audit Log').values()).toEqual(local.fake.workbookState.sheet('Audit Log').values());
  });

  it('are those of the run being written after the sliders moved on', () => {
    const s = generatedScenario(200, 8, 3);
    const session = new ComputeSession();
    session.load(s.reps, s.accounts);
    const settings = keyedSettings(s.output.evaluation.settings);
    session.runOutput(settings, s.output.generatedAt);
    session.view(keyedSettings({ ...settings.settings, threshold: settings.settings.threshold + 500 }));
    const fresh = new ComputeSession();
    fresh.load(s.reps, s.accounts);
    expect(session.auditLogRows(settings, 0, 200)).toEqual(fresh.auditLogRows(settings, 0, 200));
  });
});
