/**
 * Writes a generated book as .xlsx (sheets Reps and Accounts) or as two CSV files.
 *   npm run generate -- --accounts 10000 --reps 60 --seed 7 --out book.xlsx
 *   npm run generate -- --accounts 10000 --reps 60 --seed 7 --out book.csv   (→ book.reps.csv, book.accounts.csv)
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import ExcelJS from 'exceljs';
import { generateBook, type GeneratedCell } from '../src/sample/generate-book.js';

const { values } = parseArgs({
  options: {
    accounts: { type: 'string', default: '400' },
    reps: { type: 'string', default: '12' },
    seed: { type: 'string', default: '1' },
    out: { type: 'string' },
  },
});
const accounts = Number(values.accounts), reps = Number(values.reps), seed = Number(values.seed);
if (!values.out || !Number.isInteger(accounts) || accounts < 1 || !Number.isInteger(reps) || reps < 1 || !Number.isInteger(seed)) {
  console.error('Usage: npm run generate -- --accounts N --reps K --seed S --out FILE.xlsx|FILE.csv');
  process.exit(1);
}
const book = generateBook({ accounts, reps, seed });

function csv(rows: GeneratedCell[][]): string {
  const field = (c: GeneratedCell) => {
    const t = c === null ? '' : String(c);
    return /[",\r\n]/.test(t) ? `"${t.replace(/"/g, '""')}"` : t;
  };
  return rows.map((r) => r.map(field).join(',')).join('\r\n') + '\r\n';
}

if (values.out.endsWith('.csv')) {
  const stem = values.out.slice(0, -4);
  writeFileSync(`${stem}.reps.csv`, csv(book.reps));
  writeFileSync(`${stem}.accounts.csv`, csv(book.accounts));
  console.log(`Wrote ${stem}.reps.csv and ${stem}.accounts.csv (${accounts} accounts, ${reps} reps, seed ${seed})`);
} else {
  const workbook = new ExcelJS.Workbook();
  // Fixed metadata so the same seed gives the same bytes.
  workbook.creator = 'Territory Slicer generator';
  workbook.created = new Date(Date.UTC(2026, 0, 1));
  workbook.modified = new Date(Date.UTC(2026, 0, 1));
  const addSheet = (name: string, rows: GeneratedCell[][], formats: Record<number, string>) => {
    const ws = workbook.addWorksheet(name, { views: [{ state: 'frozen', ySplit: 1 }] });
    ws.addRows(rows);
    ws.getRow(1).font = { bold: true };
    for (const [col, fmt] of Object.entries(formats)) ws.getColumn(Number(col)).numFmt = fmt;
    ws.columns.forEach((c) => (c.width = 16));
  };
  addSheet('Reps', book.reps, {});
  addSheet('Accounts', book.accounts, { 4: '$#,##0', 5: '#,##0', 7: '0.00' });
  await workbook.xlsx.writeFile(values.out);
  console.log(`Wrote ${values.out} (${accounts} accounts, ${reps} reps, seed ${seed})`);
}
