import { afterEach, describe, expect, it } from 'vitest';
import { WorkbookBar, type WorkbookBarProps } from '../../src/taskpane/components/WorkbookBar.js';
import type { WriteReport } from '../../src/workbook/port.js';
import { cleanup, click, getByRole, renderInPane } from './setup.js';

afterEach(cleanup);

const success: WriteReport = { ok: true, written: ['Accounts'], notWritten: [], message: 'Wrote Segment and Assigned_Rep for 400 accounts.', sheets: null };
const failure: WriteReport = { ok: false, written: ['Accounts'], notWritten: ['Fairness'], message: 'The Fairness sheet is protected.', sheets: null };

function renderBar(overrides: Partial<WorkbookBarProps>) {
  const props: WorkbookBarProps = {
    canAllocate: true,
    writing: false,
    progress: null,
    outOfDate: false,
    everWritten: true,
    report: success,
    error: null,
    onAllocate: () => {},
    onDownloadCsv: () => {},
    ...overrides,
  };
  return renderInPane(<WorkbookBar {...props} />);
}

const status = () => document.querySelector('[data-testid="workbook-status"]')!;
const report = () => document.querySelector('[data-testid="write-report"]');

describe('workbook bar', () => {
  it('shows the success report while the workbook matches the pane', async () => {
    await renderBar({});
    expect(status().textContent).toBe('Workbook up to date with these settings.');
    expect(report()?.textContent).toContain('Wrote Segment and Assigned_Rep');
  });

  it('drops a success report once the workbook is out of date, so the two never contradict', async () => {
    await renderBar({ outOfDate: true });
    expect(status().getAttribute('data-out-of-date')).toBe('true');
    expect(status().textContent).toBe('Workbook out of date: the pane shows settings not yet written. Press Allocate to write them.');
    expect(report()).toBeNull();
  });

  it('has one primary button, Allocate, that writes before and after the workbook goes out of date (SPEC §10.1)', async () => {
    const writes: string[] = [];
    for (const state of [{ everWritten: false, outOfDate: true }, { outOfDate: false }, { outOfDate: true }]) {
      await renderBar({ ...state, onAllocate: () => writes.push('write') });
      // The bar's buttons: the write and the CSV, nothing that writes under another name.
      expect([...document.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Allocate', 'Download CSV']);
      await click(getByRole('button', 'Allocate'));
      cleanup();
    }
    expect(writes).toEqual(['write', 'write', 'write']);
  });

  it('keeps a failed write on screen, with what was and was not written', async () => {
    await renderBar({ outOfDate: true, report: failure });
    expect(report()?.textContent).toBe('The Fairness sheet is protected. Written: Accounts. Not written: Fairness.');
  });
});
