/**
 * Range and its format. Values written must match the range's shape (InvalidArgument), except a
 * single scalar, which fills every cell; `null` in the array leaves a cell unchanged. Strings are
 * interpreted as typed input (formulas, numbers; see cells.ts). Each write op is all-or-nothing.
 * Docs: https://learn.microsoft.com/javascript/api/excel/excel.range#excel-excel-range-values-member
 */
import { formatAddress, MAX_COLS, MAX_ROWS, rectInGrid, type Rect } from './a1.js';
import { displayText, interpretInput, valueType, type CellValue } from './cells.js';
import { officeError } from './errors.js';
import type { Exec } from './context.js';
import { assertUnprotected, FORMAT_DEFAULTS, layersIn, layerValueAt, pushLayer, storedPart, type FormatProp, type RangeRef } from './model.js';
import { defineProps, FakeClientObject } from './proxy-base.js';
import { FakeRangeFormat } from './range-format-proxies.js';
import { FakeWorksheet } from './sheet-proxies.js';
import { autoExpandTables } from './table-expansion.js';

const SHAPE_MISMATCH = "The number of rows or columns in the input array doesn't match the size or dimensions of the range.";

type Grid = unknown[][];

/** Checks a 2-D input against the range; returns null for a scalar (fills every cell). */
function checkShape(input: unknown, rect: Rect, where: string): Grid | null {
  if (!Array.isArray(input)) return null;
  const ok = input.length === rect.rows && input.every((row) => Array.isArray(row) && row.length === rect.cols);
  if (!ok) throw officeError('InvalidArgument', `${SHAPE_MISMATCH} The range is ${rect.rows} × ${rect.cols}.`, where);
  return input as Grid;
}

/** Builds a rows × cols grid from a per-cell function (hot path for large reads). */
function grid<T>(rect: Rect, cell: (r: number, c: number) => T): T[][] {
  const out: T[][] = new Array(rect.rows);
  for (let i = 0; i < rect.rows; i++) {
    const row: T[] = new Array(rect.cols);
    for (let j = 0; j < rect.cols; j++) row[j] = cell(rect.r0 + i, rect.c0 + j);
    out[i] = row;
  }
  return out;
}

function writeCells(ref: RangeRef, input: unknown, x: Exec, where: string): void {
  const { sheet, rect } = ref;
  assertUnprotected(sheet, where);
  const values = checkShape(input, rect, where);
  if (values === null && (input === null || input === undefined)) return;
  const nfLayers = layersIn(sheet.numberFormats, rect);
  const restore = sheet.snapshot(rect);
  let written = 0;
  try {
    // Row by row: interpret each input as typed entry, with the cell's current number format.
    for (let i = 0; i < rect.rows; i++) {
      const inRow = values?.[i];
      const r = rect.r0 + i;
      for (let j = 0; j < rect.cols; j++) {
        const raw = inRow ? inRow[j] : input;
        if (raw === null || raw === undefined) continue;
        const c = rect.c0 + j;
        const nf = nfLayers.length ? layerValueAt(nfLayers, r, c) ?? undefined : undefined;
        const content = interpretInput(raw, nf, where);
        sheet.setCell(r, c, content.value, content.formula);
        written++;
      }
    }
  } catch (error) {
    restore();
    throw error;
  }
  x.undo.push(restore);
  x.countWrite(written);
  if (written > 0) autoExpandTables(sheet, rect, x);
}

function writeNumberFormat(ref: RangeRef, input: unknown, x: Exec, where: string): void {
  const { sheet, rect } = ref;
  assertUnprotected(sheet, where);
  const formats = checkShape(input, rect, where);
  const isFormat = (v: unknown) => v === null || typeof v === 'string';
  if (formats ? !formats.every((row) => row.every(isFormat)) : typeof input !== 'string') {
    throw officeError('InvalidArgument', 'Number formats must be strings such as "0.00" or "@".', where);
  }
  const value = formats ? formats.map((row) => row.slice() as (string | null)[]) : (input as string);
  pushLayer(sheet.numberFormats, { rect: { ...rect }, value }, x.undo);
  x.countWrite(rect.rows * rect.cols);
}

export class FakeRange extends FakeClientObject<RangeRef> {
  readonly _className = 'Range';
  readonly _props = [
    'address', 'addressLocal', 'cellCount', 'columnCount', 'rowCount', 'columnIndex', 'rowIndex',
    'values', 'formulas', 'text', 'numberFormat', 'valueTypes', 'isEntireColumn', 'isEntireRow',
  ] as const;
  override readonly _navs = ['format', 'worksheet'];
  declare readonly address: string;
  declare readonly addressLocal: string;
  declare readonly cellCount: number;
  declare readonly columnCount: number;
  declare readonly rowCount: number;
  declare readonly columnIndex: number;
  declare readonly rowIndex: number;
  declare values: any[][];
  declare formulas: any[][];
  declare numberFormat: any[][];
  declare readonly text: string[][];
  declare readonly valueTypes: string[][];
  declare readonly isEntireColumn: boolean;
  declare readonly isEntireRow: boolean;

  override _alive(ref: RangeRef): boolean {
    return !ref.sheet.deleted;
  }

  override _read(ref: RangeRef, prop: string, x: Exec): unknown {
    const { sheet, rect } = ref;
    const where = `Range.${prop}`;
    switch (prop) {
      case 'address':
      case 'addressLocal': return formatAddress(sheet.name, rect);
      case 'cellCount': return rect.rows * rect.cols;
      case 'rowCount': return rect.rows;
      case 'columnCount': return rect.cols;
      case 'rowIndex': return rect.r0;
      case 'columnIndex': return rect.c0;
      case 'isEntireColumn': return rect.r0 === 0 && rect.rows === MAX_ROWS;
      case 'isEntireRow': return rect.c0 === 0 && rect.cols === MAX_COLS;
    }
    x.countRead(rect.rows * rect.cols, where);
    const rows = sheet.rows;
    switch (prop) {
      case 'values': return grid<CellValue>(rect, (r, c) => rows[r]?.[c] ?? '');
      case 'formulas': return grid<CellValue>(rect, (r, c) => sheet.formulaAt(r, c) ?? rows[r]?.[c] ?? '');
      case 'text': return grid(rect, (r, c) => displayText(rows[r]?.[c]));
      case 'valueTypes': return grid(rect, (r, c) => valueType(rows[r]?.[c]));
      case 'numberFormat': {
        const layers = layersIn(sheet.numberFormats, rect);
        return grid(rect, (r, c) => (layers.length ? layerValueAt(layers, r, c) : null) ?? 'General');
      }
    }
    return super._read(ref, prop, x);
  }

  override _write(ref: RangeRef, prop: string, value: unknown, x: Exec): void {
    if (prop === 'values' || prop === 'formulas') return writeCells(ref, value, x, `Range.${prop}`);
    if (prop === 'numberFormat') return writeNumberFormat(ref, value, x, 'Range.numberFormat');
    super._write(ref, prop, value, x);
  }

  /** A range computed from this one at sync time (bound once resolved). */
  private derive(name: string, args: unknown[], f: (rect: Rect) => Rect): FakeRange {
    return new FakeRange(this._ctx, `${this._path}.${name}(${args.map((a) => JSON.stringify(a)).join(',')})`, (x) => {
      const ref = this._resolve(x);
      if (ref === null) return null;
      const rect = f(ref.rect);
      if (!rectInGrid(rect)) throw officeError('InvalidArgument', `Range.${name}(${args.join(', ')}) falls outside the sheet or is empty.`, `Range.${name}`);
      return { sheet: ref.sheet, rect };
    }, this._nullable);
  }

  /** Row/column relative to the top-left cell; may lie outside this range (as in Excel). */
  getCell(row: number, column: number): FakeRange {
    return this.derive('getCell', [row, column], (r) => ({ r0: r.r0 + row, c0: r.c0 + column, rows: 1, cols: 1 }));
  }

  getResizedRange(deltaRows: number, deltaColumns: number): FakeRange {
    return this.derive('getResizedRange', [deltaRows, deltaColumns], (r) => ({ ...r, rows: r.rows + deltaRows, cols: r.cols + deltaColumns }));
  }

  getOffsetRange(rowOffset: number, columnOffset: number): FakeRange {
    return this.derive('getOffsetRange', [rowOffset, columnOffset], (r) => ({ ...r, r0: r.r0 + rowOffset, c0: r.c0 + columnOffset }));
  }

  /** ExcelApi 1.7. */
  getAbsoluteResizedRange(numRows: number, numColumns: number): FakeRange {
    return this.derive('getAbsoluteResizedRange', [numRows, numColumns], (r) => ({ ...r, rows: numRows, cols: numColumns }));
  }

  getRow(row: number): FakeRange {
    return this.derive('getRow', [row], (r) => (row < r.rows && row >= 0 ? { ...r, r0: r.r0 + row, rows: 1 } : { ...r, rows: 0 }));
  }

  getColumn(column: number): FakeRange {
    return this.derive('getColumn', [column], (r) => (column < r.cols && column >= 0 ? { ...r, c0: r.c0 + column, cols: 1 } : { ...r, cols: 0 }));
  }

  getLastRow(): FakeRange {
    return this.derive('getLastRow', [], (r) => ({ ...r, r0: r.r0 + r.rows - 1, rows: 1 }));
  }

  getLastColumn(): FakeRange {
    return this.derive('getLastColumn', [], (r) => ({ ...r, c0: r.c0 + r.cols - 1, cols: 1 }));
  }

  getLastCell(): FakeRange {
    return this.derive('getLastCell', [], (r) => ({ r0: r.r0 + r.rows - 1, c0: r.c0 + r.cols - 1, rows: 1, cols: 1 }));
  }

  getEntireColumn(): FakeRange {
    return this.derive('getEntireColumn', [], (r) => ({ ...r, r0: 0, rows: MAX_ROWS }));
  }

  getEntireRow(): FakeRange {
    return this.derive('getEntireRow', [], (r) => ({ ...r, c0: 0, cols: MAX_COLS }));
  }

  getRowsBelow(count = 1): FakeRange {
    return this.derive('getRowsBelow', [count], (r) => ({ ...r, r0: r.r0 + r.rows, rows: count }));
  }

  getColumnsAfter(count = 1): FakeRange {
    return this.derive('getColumnsAfter', [count], (r) => ({ ...r, c0: r.c0 + r.cols, cols: count }));
  }

  /** Clears contents, formats or both ("All", the default). */
  clear(applyTo: 'All' | 'Formats' | 'Contents' = 'All'): void {
    this._queue('clear', (x) => {
      const { sheet, rect } = this._require(x);
      assertUnprotected(sheet, 'Range.clear');
      if (!['All', 'Formats', 'Contents'].includes(applyTo)) throw officeError('InvalidArgument', `Unknown clear type '${String(applyTo)}'.`, 'Range.clear');
      if (applyTo !== 'Formats') {
        const part = storedPart(sheet, rect);
        if (part) {
          x.undo.push(sheet.snapshot(part));
          for (let r = part.r0; r < part.r0 + part.rows; r++) for (let c = part.c0; c < part.c0 + part.cols; c++) sheet.setCell(r, c, undefined, undefined);
        }
      }
      if (applyTo !== 'Contents') {
        pushLayer(sheet.numberFormats, { rect: { ...rect }, value: null }, x.undo);
        for (const prop of Object.keys(FORMAT_DEFAULTS) as FormatProp[]) pushLayer(sheet.formatLayers(prop), { rect: { ...rect }, value: null }, x.undo);
      }
    }, () => applyTo);
  }

  select(): void {
    this._queue('select', (x) => void this._require(x));
  }

  get format(): FakeRangeFormat {
    return this._child('format', () => new FakeRangeFormat(this._ctx, `${this._path}.format`, (x) => this._resolve(x), this._nullable));
  }

  get worksheet(): FakeWorksheet {
    return this._child('worksheet', () => new FakeWorksheet(this._ctx, `${this._path}.worksheet`, (x) => this._resolve(x)?.sheet ?? null, this._nullable));
  }
}
defineProps(FakeRange, ['address', 'addressLocal', 'cellCount', 'columnCount', 'rowCount', 'columnIndex', 'rowIndex', 'text', 'valueTypes', 'isEntireColumn', 'isEntireRow'], ['values', 'formulas', 'numberFormat']);
