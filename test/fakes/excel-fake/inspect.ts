/**
 * `workbookState`: synchronous look-ups into the fake workbook for assertions, plus a few
 * "the user did this" mutations (rename a sheet, protect it, type into cells) for test setup.
 * None of this goes through proxies or counts as a sync.
 */
import { formatAddress, formatRect, parseAddress, type Rect } from './a1.js';
import { interpretInput, type CellValue } from './cells.js';
import { officeError } from './errors.js';
import { FORMAT_DEFAULTS, layerValueAt, SheetModel, TableModel, type FormatProp, type WorkbookModel } from './model.js';

/** A cell format as seen in the workbook. */
export interface CellFormatState {
  fill: string;
  bold: boolean;
  fontColor: string;
  italic: boolean;
  horizontalAlignment: string;
}

export interface ChartState {
  name: string;
  type: string;
  title: string;
  sourceAddress: string | null;
  position: { start?: string; end?: string };
  series: Array<{ name: string; chartType: string; axisGroup: string; values: string | null; xValues: string | null }>;
  axes: Record<string, { title: string; numberFormat: string }>;
}

export interface TableState {
  id: string;
  name: string;
  sheet: string;
  address: string;
  headers: string[];
  /** Body rows (empty cells as ""). */
  rows: CellValue[][];
}

/** One sheet, read synchronously. Addresses are local ("A1", "B2:C3"). */
export class SheetState {
  constructor(private readonly model: SheetModel, private readonly wb: WorkbookModel) {}

  get id(): string { return this.model.id; }
  get name(): string { return this.model.name; }
  get protected(): boolean { return this.model.protected; }
  set protected(on: boolean) { this.model.protected = on; }
  get frozenRows(): number { return this.model.frozenRows; }
  get frozenColumns(): number { return this.model.frozenColumns; }
  get visibility(): string { return this.model.visibility; }
  get position(): number { return this.wb.liveSheets().indexOf(this.model); }

  /** Custom properties as key → value (keys as first written). */
  get customProperties(): Record<string, string> {
    return Object.fromEntries([...this.model.customProperties.values()].map((p) => [p.key, p.value]));
  }

  /** Values of a range, or from A1 to the last used cell when no address is given ("" = empty). */
  values(address?: string): CellValue[][] {
    const rect = address ? parseAddress(address).rect : this.fromA1();
    if (!rect) return [];
    return Array.from({ length: rect.rows }, (_, i) => Array.from({ length: rect.cols }, (_, j) => this.model.valueAt(rect.r0 + i, rect.c0 + j) ?? ''));
  }

  value(address: string): CellValue | '' {
    const { r0, c0 } = parseAddress(address).rect;
    return this.model.valueAt(r0, c0) ?? '';
  }

  /** Formula text ("=+1-555") or undefined for a constant. */
  formula(address: string): string | undefined {
    const { r0, c0 } = parseAddress(address).rect;
    return this.model.formulaAt(r0, c0);
  }

  /** Every formula on the sheet, by address. */
  formulas(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, f] of this.model.formulas) out[formatRect({ r0: Math.floor(key / 16_384), c0: key % 16_384, rows: 1, cols: 1 })] = f;
    return out;
  }

  numberFormat(address: string): string {
    const { r0, c0 } = parseAddress(address).rect;
    return this.model.numberFormatAt(r0, c0);
  }

  format(address: string): CellFormatState {
    const { r0, c0 } = parseAddress(address).rect;
    const get = <T>(prop: FormatProp) => ((layerValueAt(this.model.formats.get(prop) ?? [], r0, c0) ?? FORMAT_DEFAULTS[prop]) as T);
    return { fill: get('fill.color'), bold: get('font.bold'), fontColor: get('font.color'), italic: get('font.italic'), horizontalAlignment: get('horizontalAlignment') };
  }

  /** Column width in points ("A" or 0-based index). */
  columnWidth(column: string | number): number | undefined {
    const c = typeof column === 'number' ? column : parseAddress(`${column}1`).rect.c0;
    return this.model.columnWidths.get(c);
  }

  /** "A1:C10" (values and formatting) or null for a blank sheet. */
  usedAddress(valuesOnly = true): string | null {
    const rect = valuesOnly ? this.model.valueBounds() : this.model.valueBounds() ?? this.model.formatBounds();
    return rect ? formatRect(rect) : null;
  }

  charts(): ChartState[] {
    const addr = (ref: { sheet: SheetModel; rect: Rect } | undefined) => (ref ? formatAddress(ref.sheet.name, ref.rect) : null);
    return this.model.charts.filter((c) => !c.deleted).map((c) => ({
      name: c.name,
      type: c.chartType,
      title: c.title,
      sourceAddress: c.source ? formatAddress(c.sheet.name, c.source) : null,
      position: { ...c.position },
      series: c.liveSeries().map((s) => ({ name: s.name, chartType: s.chartType, axisGroup: s.axisGroup, values: addr(s.values), xValues: addr(s.xValues) })),
      axes: Object.fromEntries([...c.axes].map(([k, a]) => [k, { title: a.title, numberFormat: a.numberFormat }])),
    }));
  }

  /** Types into cells as a user would (formulas, numbers), bypassing protection. */
  typeValues(address: string, values: unknown[][]): void {
    const { r0, c0 } = parseAddress(address).rect;
    values.forEach((row, i) => row.forEach((raw, j) => {
      const content = interpretInput(raw, this.model.numberFormatAt(r0 + i, c0 + j), 'workbookState.typeValues');
      this.model.setCell(r0 + i, c0 + j, content.value, content.formula);
    }));
  }

  /** Renames the sheet as a user would (no validation beyond uniqueness). */
  rename(newName: string): void {
    if (this.wb.findSheet(newName) && this.wb.findSheet(newName) !== this.model) throw new Error(`A sheet named ${newName} exists.`);
    this.model.name = newName;
  }

  private fromA1(): Rect | null {
    const b = this.model.valueBounds();
    return b ? { r0: 0, c0: 0, rows: b.r0 + b.rows, cols: b.c0 + b.cols } : null;
  }
}

/** The whole workbook, read synchronously. */
export class WorkbookState {
  constructor(private readonly wb: WorkbookModel) {}

  sheetNames(): string[] {
    return this.wb.liveSheets().map((s) => s.name);
  }

  hasSheet(nameOrId: string): boolean {
    return this.wb.findSheet(nameOrId) !== undefined;
  }

  /** A sheet by name (ignoring case) or id; throws ItemNotFound when missing. */
  sheet(nameOrId: string): SheetState {
    const model = this.wb.findSheet(nameOrId);
    if (!model) throw officeError('ItemNotFound', `workbookState: no sheet '${nameOrId}'. Sheets: ${this.sheetNames().join(', ')}`);
    return new SheetState(model, this.wb);
  }

  /** Workbook structure protection (Review → Protect Workbook), settable as the user would. */
  get structureProtected(): boolean {
    return this.wb.structureProtected;
  }

  set structureProtected(on: boolean) {
    this.wb.structureProtected = on;
  }

  activeSheetName(): string | null {
    return this.wb.activeSheet?.name ?? null;
  }

  tables(): TableState[] {
    return this.wb.liveTables().map((t) => ({
      id: t.id,
      name: t.name,
      sheet: t.sheet.name,
      address: formatAddress(t.sheet.name, t.rect),
      headers: Array.from({ length: t.rect.cols }, (_, i) => t.columnName(i)),
      rows: Array.from({ length: t.rect.rows - 1 }, (_, i) => Array.from({ length: t.rect.cols }, (_, j) => t.sheet.valueAt(t.rect.r0 + 1 + i, t.rect.c0 + j) ?? '')),
    }));
  }

  table(name: string): TableState | undefined {
    return this.tables().find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  settings(): Record<string, unknown> {
    return Object.fromEntries([...this.wb.settings.values()].map((s) => [s.key, s.value]));
  }

  /** Makes an Excel table over existing cells (header row first), as the user's Insert → Table would. */
  addTable(sheetName: string, address: string, name?: string): TableState {
    const model = this.wb.findSheet(sheetName);
    if (!model) throw new Error(`workbookState.addTable: no sheet '${sheetName}'.`);
    const rect = parseAddress(address).rect;
    const table = new TableModel(this.wb.nextTableId(), name ?? this.wb.nextTableName(), model, rect, this.wb.nextColumnId);
    this.wb.tables.push(table);
    return this.table(table.name)!;
  }

  /** Defines a name (Formulas → Define Name): workbook scope, or scoped to `sheet`. */
  addName(name: string, formula: string, sheet?: string): void {
    const scope = sheet === undefined ? null : this.wb.findSheet(sheet) ?? null;
    this.wb.names.push({ name, formula, sheet: scope, comment: '', visible: true, deleted: false });
  }

  /** Defined names as `name` or `sheet!name`. */
  names(): string[] {
    return this.wb.liveNames().map((n) => (n.sheet ? `${n.sheet.name}!${n.name}` : n.name));
  }

  /** Adds a chart sheet (Insert → Chart → Move Chart → New sheet): not a worksheet, but its name is taken. */
  addChartSheet(name: string): void {
    if (this.wb.findSheet(name) || this.wb.findChartSheet(name)) throw new Error(`workbookState.addChartSheet: '${name}' exists.`);
    this.wb.chartSheets.push(name);
  }

  chartSheetNames(): string[] {
    return [...this.wb.chartSheets];
  }

  /** Adds a sheet with raw values (stored as given: strings stay text), as if the user had built it. */
  addSheet(name: string, values: ReadonlyArray<ReadonlyArray<CellValue | null>> = [], options: { protected?: boolean } = {}): SheetState {
    if (this.wb.findSheet(name)) throw new Error(`workbookState.addSheet: '${name}' exists.`);
    const model = new SheetModel(name);
    model.protected = options.protected ?? false;
    values.forEach((row, r) => row.forEach((v, c) => model.setCell(r, c, v === '' || v === null ? undefined : v, undefined)));
    this.wb.sheets.push(model);
    if (!this.wb.activeSheet) this.wb.activeSheet = model;
    return new SheetState(model, this.wb);
  }
}
