import { afterEach, describe, expect, it } from 'vitest';
import { SetupPanel, type SetupPanelProps } from '../../src/taskpane/components/SetupPanel.js';
import { cleanup, renderInPane } from './setup.js';

afterEach(cleanup);

const base: SetupPanelProps = {
  preview: false, sourceLabel: 'this workbook', sheets: ['Reps', 'Accounts'], repsSheet: 'Reps', accountsSheet: 'Accounts',
  onRepsSheet: () => {}, onAccountsSheet: () => {}, loading: true, loadError: null, summary: null, onLoad: () => {},
};
const progress = () => document.querySelector('[data-testid="load-progress"]')?.textContent ?? '';
const bar = () => document.querySelector('[role="progressbar"]');

describe('setup panel while a big workbook loads (no frozen pane)', () => {
  it('shows rows read of the total, with a note for very large sheets', async () => {
    await renderInPane(<SetupPanel {...base} progress={{ stage: 'reading', rowsRead: 250_000, totalRows: 1_048_588 }} />);
    expect(progress()).toContain('Reading the sheets: 250,000 of 1,048,588 rows…');
    expect(progress()).toContain('takes a few seconds');
    expect(bar()?.getAttribute('aria-valuenow')).toBe(String(250_000 / 1_048_588));
  });

  it('then says it is checking the rows, and keeps small loads quiet', async () => {
    await renderInPane(<SetupPanel {...base} progress={{ stage: 'checking', rowsRead: 412, totalRows: 412 }} />);
    expect(progress()).toBe('Checking 412 rows…');
  });
});
