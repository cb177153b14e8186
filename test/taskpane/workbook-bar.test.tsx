import { afterEach, describe, expect, it } from 'vitest';
import { WorkbookBar, type WorkbookBarProps } from '../../src/taskpane/components/WorkbookBar.js';
import type { WriteReport } from '../../src/workbook/port.js';
import { cleanup, click, getByRole, renderInPane } from './setup.js';

const queryButton = (name: string) => [...document.querySelectorAll('button')].find((b) => b.textContent === name) ?? null;

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
    expect(status().textContent).toMatch(/^Workbook out of date: .*Press Update workbook \(or Allocate\) to write them\.$/);
    expect(report()).toBeNull();
  });

  it('offers Update workbook only once a write is out of date; it writes like Allocate', async () => {
    const writes: string[] = [];
    await renderBar({ outOfDate: false, onAllocate: () => writes.push('write') });
    expect(getByRole('button', 'Allocate')).toBeTruthy();
    expect(queryButton('Update workbook')).toBeNull();
    cleanup();
    await renderBar({ outOfDate: true, onAllocate: () => writes.push('write') });
    await click(getByRole('button', 'Update workbook'));
    expect(writes).toEqual(['write']);
    cleanup();
    await renderBar({ everWritten: false, outOfDate: true });
    expect(queryButton('Update workbook')).toBeNull();
  });

  it('keeps a failed write on screen, with what was and was not written', async () => {
    await renderBar({ outOfDate: true, report: failure });
    expect(report()?.textContent).toBe('The Fairness sheet is protected. Written: Accounts. Not written: Fairness.');
  });
});
