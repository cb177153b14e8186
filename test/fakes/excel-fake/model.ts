/**
 * The fake workbook's state, independent of the proxy layer. Cells are stored as dense row
 * arrays inside a sparse outer array (so a 100,000 × 12 sheet is 100,000 small arrays of
 * primitives), formulas in a side map, and number formats / cell formats as rectangle
 * "layers" (newest wins) so formatting a whole column block costs one entry, not one per cell.
 * Every mutation that can be rolled back takes an `undo` list (see context.ts, atomic batches).
 */
import { MAX_COLS, MAX_ROWS, rectContains, rectsIntersect, sheetNameProblem, type Rect } from './a1.js';
import type { CellValue } from './cells.js';
import { officeError } from './errors.js';

export type Undo = Array<() => void>;

/** One rectangle of a layered property: a single value for all cells, or one per cell. */
export interface Layer<T> {
  rect: Rect;
  value: T | null | (T | null)[][];
}

/** Resolves a layered property for one cell (undefined = never set, null = reset to default). */
export function layerValueAt<T>(layers: readonly Layer<T>[], r: number, c: number): T | null | undefined {
  for (let i = layers.length - 1; i >= 0; i--) {
    const { rect, value } = layers[i]!;
    if (r < rect.r0 || c < rect.c0 || r >= rect.r0 + rect.rows || c >= rect.c0 + rect.cols) continue;
    if (!Array.isArray(value)) return value;
    // In a per-cell layer, null means "left unchanged": look further down.
    const v = value[r - rect.r0]![c - rect.c0] as T | null;
    if (v !== null) return v;
  }
  return undefined;
}

/** Adds a layer, dropping older ones it fully covers (keeps lookups short). */
export function pushLayer<T>(layers: Layer<T>[], layer: Layer<T>, undo: Undo): void {
  const before = layers.slice();
  // A per-cell layer hides older ones only where it has no nulls (null = "leave unchanged").
  const opaque = !Array.isArray(layer.value) || (layer.value as (T | null)[][]).every((row) => row.every((x) => x !== null));
  const kept = opaque ? layers.filter((l) => !rectContains(layer.rect, l.rect)) : layers.slice();
  layers.length = 0;
  layers.push(...kept, layer);
  undo.push(() => {
    layers.length = 0;
    layers.push(...before);
  });
}

/** Layers intersecting a rectangle (newest last), for fast per-cell lookups in bulk. */
export function layersIn<T>(layers: readonly Layer<T>[], rect: Rect): Layer<T>[] {
  return layers.filter((l) => rectsIntersect(l.rect, rect));
}

/** Format properties stored per cell (as layers). */
export type FormatProp =
  | 'fill.color' | 'font.bold' | 'font.color' | 'font.italic' | 'font.name' | 'font.size'
  | 'horizontalAlignment' | 'verticalAlignment' | 'wrapText';

export const FORMAT_DEFAULTS: Record<FormatProp, string | number | boolean> = {
  'fill.color': '#FFFFFF',
  'font.bold': false,
  'font.color': '#000000',
  'font.italic': false,
  'font.name': 'Calibri',
  'font.size': 11,
  horizontalAlignment: 'General',
  verticalAlignment: 'Bottom',
  wrapText: false,
};

/** Default row height in points. */
export const DEFAULT_ROW_HEIGHT = 15;

/** A range as the proxies see it: a sheet plus a rectangle. */
export interface RangeRef {
  sheet: SheetModel;
  rect: Rect;
}

/** Protected sheets refuse changes to cells, formats, tables and charts (AccessDenied). */
export function assertUnprotected(sheet: SheetModel, where: string): void {
  if (sheet.protected) {
    throw officeError('AccessDenied', `The sheet '${sheet.name}' is protected; unprotect it before changing it.`, where);
  }
}

/** Sheet-name rules: InvalidArgument for a bad name, ItemAlreadyExists for a taken one. */
export function assertSheetName(wb: WorkbookModel, name: unknown, self: SheetModel | null, where: string): asserts name is string {
  const problem = sheetNameProblem(name);
  if (problem) throw officeError('InvalidArgument', problem, where);
  const clash = wb.findSheet(name as string);
  if (clash && clash !== self && clash.name.toLowerCase() === (name as string).toLowerCase()) {
    throw officeError('ItemAlreadyExists', `A sheet named '${clash.name}' already exists (names ignore case).`, where);
  }
  const chartSheet = wb.findChartSheet(name as string);
  if (chartSheet) throw officeError('ItemAlreadyExists', `A chart sheet named '${chartSheet}' already exists (sheet names ignore case).`, where);
}

/** Default column width in points (Excel's 8.43 characters of Calibri 11). */
export const DEFAULT_COLUMN_WIDTH = 48;

let sheetCounter = 0;

export class SheetModel {
  readonly id: string;
  name: string;
  protected = false;
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  tabColor = '';
  deleted = false;
  /** rows[r][c]; undefined = empty cell. */
  rows: Array<Array<CellValue | undefined> | undefined> = [];
  /** Formula text by cell key (r * MAX_COLS + c). */
  formulas = new Map<number, string>();
  numberFormats: Layer<string>[] = [];
  formats = new Map<FormatProp, Layer<string | number | boolean>[]>();
  columnWidths = new Map<number, number>();
  rowHeights = new Map<number, number>();
  frozenRows = 0;
  frozenColumns = 0;
  customProperties = new Map<string, { key: string; value: string }>();
  charts: ChartModel[] = [];

  constructor(name: string) {
    sheetCounter += 1;
    this.id = `{${sheetCounter.toString(16).toUpperCase().padStart(8, '0')}-0001-0000-0000-000000000000}`;
    this.name = name;
  }

  static key(r: number, c: number): number {
    return r * MAX_COLS + c;
  }

  valueAt(r: number, c: number): CellValue | undefined {
    return this.rows[r]?.[c];
  }

  numberFormatAt(r: number, c: number): string {
    return layerValueAt(this.numberFormats, r, c) ?? 'General';
  }

  formatLayers(prop: FormatProp): Layer<string | number | boolean>[] {
    let layers = this.formats.get(prop);
    if (!layers) this.formats.set(prop, (layers = []));
    return layers;
  }

  /** Sets one cell (value + optional formula), recording nothing: callers snapshot first. */
  setCell(r: number, c: number, value: CellValue | undefined, formula: string | undefined): void {
    let row = this.rows[r];
    if (!row) {
      if (value === undefined && formula === undefined) return;
      row = this.rows[r] = [];
    }
    row[c] = value;
    const key = SheetModel.key(r, c);
    if (formula !== undefined) this.formulas.set(key, formula);
    else if (this.formulas.size > 0) this.formulas.delete(key);
  }

  /** Saves the cells of a rectangle and returns a function that restores them. */
  snapshot(rect: Rect): () => void {
    const { r0, c0, rows, cols } = rect;
    const saved: Array<Array<CellValue | undefined> | undefined> = [];
    for (let r = r0; r < r0 + rows; r++) saved.push(this.rows[r]?.slice(c0, c0 + cols));
    const savedFormulas: Array<[number, string]> = [];
    if (this.formulas.size > 0) {
      for (const [key, f] of this.formulas) {
        const r = Math.floor(key / MAX_COLS);
        const c = key % MAX_COLS;
        if (r >= r0 && r < r0 + rows && c >= c0 && c < c0 + cols) savedFormulas.push([key, f]);
      }
    }
    return () => {
      for (let i = 0; i < rows; i++) {
        const old = saved[i];
        for (let j = 0; j < cols; j++) this.setCell(r0 + i, c0 + j, old?.[j], undefined);
      }
      for (const [key, f] of savedFormulas) this.formulas.set(key, f);
    };
  }

  formulaAt(r: number, c: number): string | undefined {
    return this.formulas.size ? this.formulas.get(SheetModel.key(r, c)) : undefined;
  }

  /** Inserts n blank cells at column `col` in rows r0..r0+rows-1, shifting cells right. */
  insertCellsRight(r0: number, rows: number, col: number, n: number, undo: Undo): void {
    let width = col + 1;
    for (let r = r0; r < r0 + rows; r++) width = Math.max(width, this.rows[r]?.length ?? 0);
    undo.push(this.snapshot({ r0, c0: col, rows, cols: width - col + n }));
    // Walk each row from its right end so nothing is overwritten before it moves.
    for (let r = r0; r < r0 + rows; r++) {
      for (let c = width - 1; c >= col; c--) this.setCell(r, c + n, this.valueAt(r, c), this.formulaAt(r, c));
      for (let c = col; c < col + n; c++) this.setCell(r, c, undefined, undefined);
    }
  }

  /** Inserts n blank rows at `row` in columns c0..c0+cols-1, shifting cells down. */
  insertCellsDown(c0: number, cols: number, row: number, n: number, undo: Undo): void {
    const last = Math.max(row, this.rows.length - 1);
    undo.push(this.snapshot({ r0: row, c0, rows: last - row + 1 + n, cols }));
    // Bottom-up so each cell moves before it is overwritten.
    for (let r = last; r >= row; r--) {
      for (let c = c0; c < c0 + cols; c++) this.setCell(r + n, c, this.valueAt(r, c), this.formulaAt(r, c));
    }
    for (let r = row; r < row + n; r++) for (let c = c0; c < c0 + cols; c++) this.setCell(r, c, undefined, undefined);
  }

  /** Bounds of cells holding a value or formula, or null for a blank sheet. */
  valueBounds(): Rect | null {
    let rMin = -1;
    let rMax = -1;
    let cMin = Infinity;
    let cMax = -1;
    const rows = this.rows;
    // Scan each stored row once: first and last non-empty cell.
    for (let r = 0; r < rows.length; r++) {
      const row = rows[r];
      if (!row) continue;
      let first = -1;
      let last = -1;
      for (let c = 0; c < row.length; c++) {
        if (row[c] !== undefined) {
          if (first < 0) first = c;
          last = c;
        }
      }
      if (first < 0) continue;
      if (rMin < 0) rMin = r;
      rMax = r;
      if (first < cMin) cMin = first;
      if (last > cMax) cMax = last;
    }
    if (rMin < 0) return null;
    return { r0: rMin, c0: cMin, rows: rMax - rMin + 1, cols: cMax - cMin + 1 };
  }

  /** Bounds of formatted cells (ignoring whole-row/column formats, as Excel's used range does). */
  formatBounds(): Rect | null {
    const rects: Rect[] = [];
    const consider = (layers: readonly Layer<unknown>[]) => {
      for (const l of layers) if (l.value !== null && l.rect.rows < MAX_ROWS && l.rect.cols < MAX_COLS) rects.push(l.rect);
    };
    consider(this.numberFormats);
    for (const layers of this.formats.values()) consider(layers);
    return unionRects(rects);
  }
}

export function unionRects(rects: readonly (Rect | null)[]): Rect | null {
  let r0 = Infinity;
  let c0 = Infinity;
  let r1 = -1;
  let c1 = -1;
  for (const r of rects) {
    if (!r) continue;
    r0 = Math.min(r0, r.r0);
    c0 = Math.min(c0, r.c0);
    r1 = Math.max(r1, r.r0 + r.rows - 1);
    c1 = Math.max(c1, r.c0 + r.cols - 1);
  }
  return r1 < 0 ? null : { r0, c0, rows: r1 - r0 + 1, cols: c1 - c0 + 1 };
}

export class TableModel {
  deleted = false;
  style = 'TableStyleMedium2';
  showTotals = false;
  /** Column ids in position order; names live in the header cells. */
  columnIds: number[];

  constructor(
    readonly id: string,
    public name: string,
    public sheet: SheetModel,
    public rect: Rect,
    nextColumnId: () => number,
  ) {
    this.columnIds = Array.from({ length: rect.cols }, nextColumnId);
  }

  get headerRect(): Rect {
    return { r0: this.rect.r0, c0: this.rect.c0, rows: 1, cols: this.rect.cols };
  }

  /** Data body; Excel keeps at least one (possibly blank) body row. */
  get bodyRect(): Rect {
    return { r0: this.rect.r0 + 1, c0: this.rect.c0, rows: Math.max(1, this.rect.rows - 1), cols: this.rect.cols };
  }

  columnName(index: number): string {
    const v = this.sheet.valueAt(this.rect.r0, this.rect.c0 + index);
    return v === undefined ? '' : String(v);
  }
}

export interface SeriesModel {
  id: number;
  name: string;
  chartType: string;
  axisGroup: 'Primary' | 'Secondary';
  values?: { sheet: SheetModel; rect: Rect };
  xValues?: { sheet: SheetModel; rect: Rect };
  deleted: boolean;
}

export interface AxisModel {
  title: string;
  titleVisible: boolean;
  visible: boolean;
  numberFormat: string;
  minimum: number | 'Auto';
  maximum: number | 'Auto';
}

export class ChartModel {
  deleted = false;
  title = '';
  titleVisible = true;
  legendVisible = true;
  legendPosition = 'Right';
  series: SeriesModel[] = [];
  axes = new Map<string, AxisModel>();
  position: { start?: string; end?: string } = {};
  top = 0;
  left = 0;
  width = 360;
  height = 216;

  constructor(
    readonly id: string,
    public name: string,
    public chartType: string,
    public sheet: SheetModel,
    public source: Rect | null,
  ) {}

  liveSeries(): SeriesModel[] {
    return this.series.filter((s) => !s.deleted);
  }
}

/** A defined name (Formulas → Name Manager): workbook scope (sheet null) or one sheet's. */
export interface NameModel {
  name: string;
  /** What it refers to, as written ("=Reps!$A$1:$A$9", "=0.7"). */
  formula: string;
  /** The sheet it is scoped to, or null for the workbook. */
  sheet: SheetModel | null;
  comment: string;
  visible: boolean;
  deleted: boolean;
}

/** The whole workbook. */
export class WorkbookModel {
  sheets: SheetModel[] = [];
  tables: TableModel[] = [];
  /** Defined names: one namespace with table names (a table cannot take a workbook-scoped name). */
  names: NameModel[] = [];
  /**
   * Chart sheets (a whole sheet holding one chart): not worksheets, so `workbook.worksheets` does not
   * list them, but their names are taken for every kind of sheet.
   */
  chartSheets: string[] = [];
  /** The document's settings store (ExcelApi `workbook.settings` and `Office.context.document.settings`). */
  settings = new Map<string, { key: string; value: unknown }>();
  activeSheet: SheetModel | null = null;
  /** Review → Protect Workbook (structure): sheets cannot be added, deleted or renamed. */
  structureProtected = false;
  private tableCounter = 0;
  private columnCounter = 0;
  private chartCounter = 0;
  private seriesCounter = 0;

  liveSheets(): SheetModel[] {
    return this.sheets.filter((s) => !s.deleted);
  }

  /** A chart sheet holding this name (ignoring case), if any. */
  findChartSheet(name: string): string | undefined {
    const lower = name.toLowerCase();
    return this.chartSheets.find((n) => n.toLowerCase() === lower);
  }

  /** Live defined names visible from `sheet` (its own and the workbook's), or of one scope only. */
  liveNames(scope?: SheetModel | null): NameModel[] {
    return this.names.filter((n) => !n.deleted && !n.sheet?.deleted && (scope === undefined || n.sheet === scope));
  }

  findSheet(nameOrId: string): SheetModel | undefined {
    const lower = nameOrId.toLowerCase();
    return this.liveSheets().find((s) => s.id === nameOrId || s.name.toLowerCase() === lower);
  }

  liveTables(): TableModel[] {
    return this.tables.filter((t) => !t.deleted && !t.sheet.deleted);
  }

  findTable(nameOrId: string): TableModel | undefined {
    const lower = nameOrId.toLowerCase();
    return this.liveTables().find((t) => t.id === nameOrId || t.name.toLowerCase() === lower);
  }

  nextTableId(): string {
    return String(++this.tableCounter);
  }

  nextTableName(): string {
    let n = this.liveTables().length + 1;
    const taken = (name: string) => this.findTable(name) !== undefined || this.liveNames(null).some((d) => d.name.toLowerCase() === name.toLowerCase());
    while (taken(`Table${n}`)) n++;
    return `Table${n}`;
  }

  nextColumnId = (): number => ++this.columnCounter;

  nextChartNumber(): number {
    return ++this.chartCounter;
  }

  nextSeriesId(): number {
    return ++this.seriesCounter;
  }

  nextSheetName(): string {
    let n = this.liveSheets().length + 1;
    while (this.findSheet(`Sheet${n}`)) n++;
    return `Sheet${n}`;
  }
}

/** The part of a rectangle that can hold stored cells (keeps whole-sheet operations cheap). */
export function storedPart(sheet: SheetModel, rect: Rect): Rect | null {
  const rowEnd = Math.min(rect.r0 + rect.rows, sheet.rows.length);
  if (rowEnd <= rect.r0) return null;
  let width = 0;
  for (let r = rect.r0; r < rowEnd; r++) width = Math.max(width, sheet.rows[r]?.length ?? 0);
  const colEnd = Math.min(rect.c0 + rect.cols, width);
  if (colEnd <= rect.c0) return null;
  return { r0: rect.r0, c0: rect.c0, rows: rowEnd - rect.r0, cols: colEnd - rect.c0 };
}
