import { afterEach, describe, expect, it } from 'vitest';
import { readBook, type SheetInput } from '../../src/engine/index.js';
import { ErrorTable } from '../../src/taskpane/components/ErrorTable.js';
import { LOCATION_NOTE, SetupPanel } from '../../src/taskpane/components/SetupPanel.js';
import { cleanup, getByRole, renderInPane } from './setup.js';

afterEach(cleanup);

const reps: SheetInput = {
  name: 'Reps',
  firstRow: 1,
  rows: [
    ['Rep_Name', 'Segment', 'Location'],
    ['Mickey', 'Enterprise', 'CA'],
    ['Minnie', 'Galactic', 'NY'],
  ],
};
const accounts: SheetInput = {
  name: 'Accounts',
  firstRow: 1,
  rows: [
    ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location'],
    ['A-1', 'Acme', 'Mickey', 'abc', 10, 'CA'],
    ['A-1', '=HYPERLINK("x")', 'Minnie', 500, -3, 'NY'],
  ],
};

function bodyRows(table: HTMLElement) {
  return [...table.querySelectorAll('tbody tr')].map((tr) => [...tr.querySelectorAll('td')].map((td) => td.textContent));
}

describe('error table', () => {
  it('lists every hard error with row, column, value and message, grouped by sheet', async () => {
    const read = readBook(reps, accounts);
    if (read.ok) throw new Error('expected errors');
    await renderInPane(<ErrorTable errors={read.errors} errorCount={read.errors.length} />);
    const repsTable = getByRole('table', 'Errors on the Reps sheet');
    const accountsTable = getByRole('table', 'Errors on the Accounts sheet');
    const repRows = bodyRows(repsTable);
    const accountRows = bodyRows(accountsTable);
    expect(repRows.length + accountRows.length).toBe(read.errors.length);
    expect(repRows).toContainEqual(['3', 'Segment', 'Galactic', read.errors.find((e) => e.code === 'unknown-segment')!.message]);
    const badType = read.errors.find((e) => e.code === 'bad-type')!;
    expect(accountRows).toContainEqual([String(badType.row), 'ARR', 'abc', badType.message]);
    expect(accountRows.some((r) => r[1] === 'Account_ID' && r[2] === 'A-1')).toBe(true);
    expect(document.body.textContent).toContain(`${read.errors.length} errors must be fixed`);
  });

  it('renders user text as text, never as markup or formulas', async () => {
    await renderInPane(
      <ErrorTable
        errors={[{ sheet: 'Accounts', row: 9, column: 'Account_Name', value: '<img src=x onerror=alert(1)>', code: 'bad-type', message: 'm' }]}
        errorCount={1}
      />,
    );
    expect(document.querySelector('img')).toBeNull();
    expect(document.body.textContent).toContain('<img src=x onerror=alert(1)>');
  });

  it('breaks column names after "_" rather than mid-word in the narrow Column column', async () => {
    await renderInPane(
      <ErrorTable errors={[{ sheet: 'Accounts', row: 5, column: 'Num_Employees', value: null, code: 'blank-required', message: 'm' }]} errorCount={1} />,
    );
    const cell = document.querySelectorAll('tbody td')[1]!;
    expect(cell.textContent).toBe('Num_Employees');
    expect(cell.innerHTML).toBe('Num_<wbr>Employees');
  });

  it('says when the list is cut short, and shows (blank) for empty cells', async () => {
    await renderInPane(
      <ErrorTable errors={[{ sheet: 'Reps', row: 2, column: 'Rep_Name', value: null, code: 'blank-required', message: 'Fill in Rep_Name.' }]} errorCount={1200} />,
    );
    expect(document.body.textContent).toContain('(blank)');
    expect(document.body.textContent).toContain('…and 1,199 more');
  });

  it('sits in the setup panel with the sheet pickers and the location note', async () => {
    const read = readBook(reps, accounts);
    if (read.ok) throw new Error('expected errors');
    await renderInPane(
      <SetupPanel
        preview
        sourceLabel="sample workbook"
        sheets={['Reps', 'Accounts']}
        repsSheet="Reps"
        accountsSheet="Accounts"
        onRepsSheet={() => {}}
        onAccountsSheet={() => {}}
        loading={false}
        loadError={null}
        summary={{ ok: false, errors: read.errors, errorCount: read.errors.length, warnings: read.warnings }}
        onLoad={() => {}}
      />,
    );
    expect(document.body.textContent).toContain(LOCATION_NOTE);
    expect(LOCATION_NOTE).toBe('Location values must match exactly (case-insensitive) between sheets: "CA" ≠ "California".');
    expect((getByRole('combobox', 'Reps sheet') as HTMLSelectElement).value).toBe('Reps');
    expect((getByRole('combobox', 'Accounts sheet') as HTMLSelectElement).value).toBe('Accounts');
    expect(getByRole('button', 'Load / Validate')).toBeTruthy();
    expect(document.querySelector('[data-testid="error-table"]')).not.toBeNull();
  });
});
