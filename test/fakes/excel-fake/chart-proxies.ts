/**
 * Charts: charts.add(type, sourceRange, seriesBy) builds series from the source the way Excel
 * does for simple blocks (text first row = series names, text first column = categories, a line
 * with no number = no series),
 * series.add / setValues / setXAxisValues (ExcelApi 1.7), series.axisGroup (1.8),
 * axes.getItem(type, group) (1.7; a secondary axis exists only once a series uses it).
 * Series and axes: chart-series-proxies.ts.
 * Docs: https://learn.microsoft.com/javascript/api/excel/excel.chartcollection#excel-excel-chartcollection-add-member(1)
 */
import { officeError } from './errors.js';
import type { Exec } from './context.js';
import { assertUnprotected, ChartModel, type RangeRef, type SheetModel } from './model.js';
import { checkChartType, missing, setWithUndo } from './chart-rules.js';
import { FakeChartAxes, FakeChartSeriesCollection } from './chart-series-proxies.js';
import { defineProps, FakeClientObject, FakeCollection } from './proxy-base.js';
import { formatRect, parseAddress, type Rect } from './a1.js';
import type { FakeRange } from './range-proxies.js';
import { FakeWorksheet } from './sheet-proxies.js';

const str = JSON.stringify;

/** Series Excel would create for a simple source block. */
function seriesFromSource(chart: ChartModel, source: RangeRef, seriesBy: string, x: Exec): void {
  const { sheet, rect } = source;
  const byRows = seriesBy === 'Rows' || (seriesBy === 'Auto' && rect.cols > rect.rows);
  const text = (r: number, c: number) => typeof sheet.valueAt(r, c) === 'string';
  // Header = first row (by columns) is text; categories = first column is text below the header.
  const headerRow = byRows ? Array.from({ length: rect.rows }, (_, i) => text(rect.r0 + i, rect.c0)).some(Boolean) : Array.from({ length: rect.cols }, (_, j) => text(rect.r0, rect.c0 + j)).some(Boolean);
  const lines = byRows ? rect.rows : rect.cols;
  const along = byRows ? rect.cols : rect.rows;
  const catLine = (() => {
    for (let k = headerRow ? 1 : 0; k < along; k++) {
      const r = byRows ? rect.r0 : rect.r0 + k;
      const c = byRows ? rect.c0 + k : rect.c0;
      if (!text(r, c)) return false;
    }
    return along > (headerRow ? 1 : 0);
  })();
  const first = catLine ? 1 : 0;
  const skip = headerRow ? 1 : 0;
  for (let l = first; l < lines; l++) {
    const nameCell = byRows ? [rect.r0 + l, rect.c0] : [rect.r0, rect.c0 + l];
    const name = skip ? String(sheet.valueAt(nameCell[0]!, nameCell[1]!) ?? `Series${l - first + 1}`) : `Series${l - first + 1}`;
    const valuesRect: Rect = byRows
      ? { r0: rect.r0 + l, c0: rect.c0 + skip, rows: 1, cols: rect.cols - skip }
      : { r0: rect.r0 + skip, c0: rect.c0 + l, rows: rect.rows - skip, cols: 1 };
    // A line without a single number ("N/A" all the way) is labels to Excel, not a series: a chart
    // made from one such column has no series at all, and series.getItemAt(0) fails.
    if (!hasNumber(sheet, valuesRect)) continue;
    chart.series.push({ id: x.wb.nextSeriesId(), name, chartType: chart.chartType, axisGroup: 'Primary', values: { sheet, rect: valuesRect }, deleted: false });
  }
}

function hasNumber(sheet: SheetModel, rect: Rect): boolean {
  for (let r = rect.r0; r < rect.r0 + rect.rows; r++) for (let c = rect.c0; c < rect.c0 + rect.cols; c++) if (typeof sheet.valueAt(r, c) === 'number') return true;
  return false;
}

export class FakeChartCollection extends FakeCollection<SheetModel, ChartModel, FakeChart> {
  readonly _className = 'ChartCollection';

  _enumerate(sheet: SheetModel): ChartModel[] {
    return sheet.charts.filter((c) => !c.deleted);
  }

  _itemProxy(chart: ChartModel): FakeChart {
    return new FakeChart(this._ctx, `${this._path}.getItem(${str(chart.name)})`, () => chart);
  }

  /** seriesBy: 'Auto' (default), 'Columns' or 'Rows'. */
  add(type: string, sourceData: FakeRange, seriesBy: 'Auto' | 'Columns' | 'Rows' = 'Auto'): FakeChart {
    this._ctx._own(sourceData, 'ChartCollection.add');
    let created: ChartModel | undefined;
    this._queue('add', (x) => {
      const where = 'ChartCollection.add';
      const sheet = this._require(x);
      assertUnprotected(sheet, where);
      const chartType = checkChartType(type, where);
      const source = sourceData._require(x);
      const n = x.wb.nextChartNumber();
      const chart = (created = new ChartModel(`{C${String(n).padStart(7, '0')}-0000-0000-0000-000000000000}`, `Chart ${n}`, chartType, sheet, source.rect));
      seriesFromSource(chart, source, seriesBy, x);
      sheet.charts.push(chart);
      x.undo.push(() => {
        chart.deleted = true;
        sheet.charts.splice(sheet.charts.indexOf(chart), 1);
      });
    }, () => ({ type, source: sourceData._path, seriesBy }));
    return new FakeChart(this._ctx, `${this._path}.add(${str(type)})`, () => created ?? null);
  }

  getItem(name: string): FakeChart {
    return new FakeChart(this._ctx, `${this._path}.getItem(${str(name)})`, (x) => this.find(name, x) ?? missing('chart', name));
  }

  getItemOrNullObject(name: string): FakeChart {
    const c = new FakeChart(this._ctx, `${this._path}.getItemOrNullObject(${str(name)})`, (x) => this.find(name, x) ?? null, true);
    c._queue('resolve', (x) => void c._resolve(x));
    return c;
  }

  getItemAt(index: number): FakeChart {
    return new FakeChart(this._ctx, `${this._path}.getItemAt(${index})`, (x) => this._enumerate(this._require(x))[index] ?? missing('chart', `#${index}`));
  }

  private find(name: string, x: Exec): ChartModel | undefined {
    const sheet = this._resolve(x);
    return sheet ? this._enumerate(sheet).find((c) => c.name.toLowerCase() === name.toLowerCase() || c.id === name) : undefined;
  }
}

export class FakeChart extends FakeClientObject<ChartModel> {
  readonly _className = 'Chart';
  readonly _props = ['id', 'name', 'chartType', 'top', 'left', 'width', 'height'] as const;
  override readonly _navs = ['title', 'legend', 'series', 'axes', 'worksheet'];
  declare readonly id: string;
  declare name: string;
  declare chartType: string;
  declare top: number;
  declare left: number;
  declare width: number;
  declare height: number;

  override _alive(c: ChartModel): boolean {
    return !c.deleted && !c.sheet.deleted;
  }

  override _read(c: ChartModel, prop: string, x: Exec): unknown {
    return (this._props as readonly string[]).includes(prop) ? c[prop as keyof ChartModel] : super._read(c, prop, x);
  }

  override _write(c: ChartModel, prop: string, value: unknown, x: Exec): void {
    const where = `Chart.${prop}`;
    if (prop === 'chartType') value = checkChartType(value, where);
    else if (prop === 'name' && (typeof value !== 'string' || value === '')) throw officeError('InvalidArgument', 'A chart name must be non-empty text.', where);
    else if (['top', 'left', 'width', 'height'].includes(prop) && (typeof value !== 'number' || value < 0)) throw officeError('InvalidArgument', `${prop} must be a number ≥ 0.`, where);
    else if (!['name', 'top', 'left', 'width', 'height'].includes(prop)) return super._write(c, prop, value, x);
    setWithUndo(c, c.sheet, prop as keyof ChartModel & string, value, x, where);
  }

  /** Places the chart over cells (addresses on the chart's sheet). */
  setPosition(startCell: string | FakeRange, endCell?: string | FakeRange): void {
    this._queue('setPosition', (x) => {
      const c = this._require(x);
      const where = 'Chart.setPosition';
      const addr = (a: string | FakeRange | undefined) => (a === undefined ? undefined : typeof a === 'string' ? formatRect(parseAddress(a).rect) : formatRect(a._require(x).rect));
      setWithUndo(c, c.sheet, 'position', { start: addr(startCell), end: addr(endCell) }, x, where);
    }, () => [typeof startCell === 'string' ? startCell : startCell._path, typeof endCell === 'string' ? endCell : endCell?._path ?? null]);
  }

  delete(): void {
    this._queue('delete', (x) => setWithUndo(this._require(x), this._require(x).sheet, 'deleted', true, x, 'Chart.delete'));
  }

  get title(): FakeChartTitle {
    return this._child('title', () => new FakeChartTitle(this._ctx, `${this._path}.title`, (x) => this._resolve(x), this._nullable));
  }

  get legend(): FakeChartLegend {
    return this._child('legend', () => new FakeChartLegend(this._ctx, `${this._path}.legend`, (x) => this._resolve(x), this._nullable));
  }

  get series(): FakeChartSeriesCollection {
    return this._child('series', () => new FakeChartSeriesCollection(this._ctx, `${this._path}.series`, (x) => this._resolve(x), this._nullable));
  }

  get axes(): FakeChartAxes {
    return this._child('axes', () => new FakeChartAxes(this._ctx, `${this._path}.axes`, (x) => this._resolve(x), this._nullable));
  }

  get worksheet(): FakeWorksheet {
    return this._child('worksheet', () => new FakeWorksheet(this._ctx, `${this._path}.worksheet`, (x) => this._resolve(x)?.sheet ?? null, this._nullable));
  }
}
defineProps(FakeChart, ['id'], ['name', 'chartType', 'top', 'left', 'width', 'height']);

export class FakeChartTitle extends FakeClientObject<ChartModel> {
  readonly _className = 'ChartTitle';
  readonly _props = ['text', 'visible'] as const;
  declare text: string;
  declare visible: boolean;

  override _read(c: ChartModel, prop: string, x: Exec): unknown {
    if (prop === 'text') return c.title;
    if (prop === 'visible') return c.titleVisible;
    return super._read(c, prop, x);
  }

  override _write(c: ChartModel, prop: string, value: unknown, x: Exec): void {
    if (prop === 'text') setWithUndo(c, c.sheet, 'title', String(value), x, 'ChartTitle.text');
    else if (prop === 'visible') setWithUndo(c, c.sheet, 'titleVisible', Boolean(value), x, 'ChartTitle.visible');
    else super._write(c, prop, value, x);
  }
}
defineProps(FakeChartTitle, [], ['text', 'visible']);

export class FakeChartLegend extends FakeClientObject<ChartModel> {
  readonly _className = 'ChartLegend';
  readonly _props = ['visible', 'position'] as const;
  declare visible: boolean;
  declare position: string;

  override _read(c: ChartModel, prop: string, x: Exec): unknown {
    if (prop === 'visible') return c.legendVisible;
    if (prop === 'position') return c.legendPosition;
    return super._read(c, prop, x);
  }

  override _write(c: ChartModel, prop: string, value: unknown, x: Exec): void {
    if (prop === 'visible') setWithUndo(c, c.sheet, 'legendVisible', Boolean(value), x, 'ChartLegend.visible');
    else if (prop === 'position') {
      if (!['Top', 'Bottom', 'Left', 'Right', 'Corner', 'Custom', 'Invalid'].includes(String(value))) throw officeError('InvalidArgument', `Unknown legend position '${String(value)}'.`, 'ChartLegend.position');
      setWithUndo(c, c.sheet, 'legendPosition', value, x, 'ChartLegend.position');
    } else super._write(c, prop, value, x);
  }
}
defineProps(FakeChartLegend, [], ['visible', 'position']);
