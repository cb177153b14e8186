import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { MemoryWorkbook } from '../../src/workbook/memory/index.js';
import { readXlsxSheets } from '../../src/workbook/xlsx/read.js';
import { writeXlsx } from '../../src/workbook/xlsx/write.js';
import { trickyScenario } from './fixtures.js';

describe('writeXlsx', () => {
  it('round-trips every sheet value, literal text included, with tables, formats and frozen rows', async () => {
    const s = trickyScenario();
    const wb = new MemoryWorkbook([s.reps, s.accounts]);
    await wb.writeResults(s.output);
    const bytes = await writeXlsx(wb.sheets);
    const back = await readXlsxSheets(bytes);
    expect(back.map((b) => b.name)).toEqual(await wb.listSheets());
    for (const sheet of back) {
      const original = wb.sheet(sheet.name)!;
      const trim = (rows: readonly (readonly unknown[])[]) => rows.map((r) => {
        const copy = r.map((c) => (c === undefined ? null : c));
        while (copy.length > 0 && copy[copy.length - 1] === null) copy.pop();
        return copy;
      });
      expect(trim(sheet.rows), sheet.name).toEqual(trim(original.rows.slice(sheet.firstRow - original.firstRow)));
    }
    const xl = new ExcelJS.Workbook();
    await xl.xlsx.load(bytes as unknown as ArrayBuffer);
    const audit = xl.getWorksheet('Audit Log')!;
    expect(audit.views[0]).toMatchObject({ state: 'frozen', ySplit: 1 });
    expect(audit.getCell('F2').numFmt).toBe('$#,##0');
    expect(audit.getCell('D2').value).toBe('=HYPERLINK("x")');
    expect(Object.keys((audit as unknown as { tables: Record<string, unknown> }).tables)).toEqual(['TS_AuditLog']);
  });
});
