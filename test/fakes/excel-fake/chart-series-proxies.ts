/**
 * Chart series (add / setValues / setXAxisValues, ExcelApi 1.7; axisGroup, 1.8) and axes
 * (axes.getItem(type, group), 1.7). A secondary axis exists only once a series is on it.
 * Docs: https://learn.microsoft.com/javascript/api/excel/excel.chartseries
 */
import { officeError } from './errors.js';
import type { Exec } from './context.js';
import { assertUnprotected, type AxisModel, type ChartModel, type SeriesModel } from './model.js';
import { defineProps, FakeClientObject, FakeCollection } from './proxy-base.js';
import type { FakeRange } from './range-proxies.js';
import { checkChartType, missing, setWithUndo } from './chart-rules.js';

const str = JSON.stringify;

interface SeriesRef {
  chart: ChartModel;
  series: SeriesModel;
}

export class FakeChartSeriesCollection extends FakeCollection<ChartModel, SeriesRef, FakeChartSeries> {
  readonly _className = 'ChartSeriesCollection';

  _enumerate(c: ChartModel): SeriesRef[] {
    return c.liveSeries().map((series) => ({ chart: c, series }));
  }

  _itemProxy(m: SeriesRef, index: number): FakeChartSeries {
    return new FakeChartSeries(this._ctx, `${this._path}.getItemAt(${index})`, () => m);
  }

  getItemAt(index: number): FakeChartSeries {
    return new FakeChartSeries(this._ctx, `${this._path}.getItemAt(${index})`, (x) => this._enumerate(this._require(x))[index] ?? missing('series', `#${index}`));
  }

  /** ExcelApi 1.7: a new, empty series (fill it with setValues). */
  add(name?: string, index?: number): FakeChartSeries {
    let created: SeriesRef | undefined;
    this._queue('add', (x) => {
      x.requireApi('1.7', 'ChartSeriesCollection.add');
      const c = this._require(x);
      assertUnprotected(c.sheet, 'ChartSeriesCollection.add');
      const series: SeriesModel = { id: x.wb.nextSeriesId(), name: name ?? `Series${c.liveSeries().length + 1}`, chartType: c.chartType, axisGroup: 'Primary', deleted: false };
      const live = c.liveSeries();
      const at = index === undefined || index >= live.length ? c.series.length : c.series.indexOf(live[index]!);
      c.series.splice(at, 0, series);
      created = { chart: c, series };
      x.undo.push(() => {
        series.deleted = true;
        c.series.splice(c.series.indexOf(series), 1);
      });
    }, () => ({ name: name ?? null, index: index ?? null }));
    return new FakeChartSeries(this._ctx, `${this._path}.add(${str(name ?? '')})`, () => created ?? null);
  }
}

export class FakeChartSeries extends FakeClientObject<SeriesRef> {
  readonly _className = 'ChartSeries';
  readonly _props = ['name', 'chartType', 'axisGroup'] as const;
  declare name: string;
  declare chartType: string;
  declare axisGroup: string;

  override _alive(m: SeriesRef): boolean {
    return !m.series.deleted && !m.chart.deleted;
  }

  override _read(m: SeriesRef, prop: string, x: Exec): unknown {
    if (prop === 'axisGroup') x.requireApi('1.8', 'ChartSeries.axisGroup');
    if (prop === 'chartType') x.requireApi('1.7', 'ChartSeries.chartType');
    return (this._props as readonly string[]).includes(prop) ? m.series[prop as 'name'] : super._read(m, prop, x);
  }

  override _write(m: SeriesRef, prop: string, value: unknown, x: Exec): void {
    const where = `ChartSeries.${prop}`;
    if (prop === 'axisGroup') {
      x.requireApi('1.8', where);
      if (value !== 'Primary' && value !== 'Secondary') throw officeError('InvalidArgument', `axisGroup must be "Primary" or "Secondary".`, where);
    } else if (prop === 'chartType') {
      x.requireApi('1.7', where);
      value = checkChartType(value, where);
    } else if (prop === 'name') {
      value = String(value);
    } else return super._write(m, prop, value, x);
    setWithUndo(m.series, m.chart.sheet, prop as keyof SeriesModel & string, value, x, where);
  }

  private setSource(name: 'setValues' | 'setXAxisValues', key: 'values' | 'xValues', source: FakeRange): void {
    this._ctx._own(source, `ChartSeries.${name}`);
    this._queue(name, (x) => {
      x.requireApi('1.7', `ChartSeries.${name}`);
      const m = this._require(x);
      const ref = source._require(x);
      setWithUndo(m.series, m.chart.sheet, key, { sheet: ref.sheet, rect: ref.rect }, x, `ChartSeries.${name}`);
    }, () => source._path);
  }

  /** ExcelApi 1.7. */
  setValues(sourceData: FakeRange): void {
    this.setSource('setValues', 'values', sourceData);
  }

  /** ExcelApi 1.7. */
  setXAxisValues(sourceData: FakeRange): void {
    this.setSource('setXAxisValues', 'xValues', sourceData);
  }

  /** ExcelApi 1.7. */
  delete(): void {
    this._queue('delete', (x) => {
      x.requireApi('1.7', 'ChartSeries.delete');
      const m = this._require(x);
      setWithUndo(m.series, m.chart.sheet, 'deleted', true, x, 'ChartSeries.delete');
    });
  }
}
defineProps(FakeChartSeries, [], ['name', 'chartType', 'axisGroup']);

interface AxisRef {
  chart: ChartModel;
  key: string;
  axis: AxisModel;
}

function axisFor(c: ChartModel, type: string, group: string, where: string): AxisRef {
  if (!['Category', 'Value', 'Series'].includes(type)) throw officeError('InvalidArgument', `Unknown axis type '${type}'.`, where);
  if (group !== 'Primary' && group !== 'Secondary') throw officeError('InvalidArgument', `Unknown axis group '${group}'.`, where);
  if (type === 'Series' && !c.chartType.startsWith('3D') && !c.chartType.startsWith('Surface')) {
    throw officeError('InvalidArgument', 'Only 3-D charts have a series axis.', where);
  }
  if (group === 'Secondary' && !c.liveSeries().some((s) => s.axisGroup === 'Secondary')) {
    throw officeError('ItemNotFound', `The chart has no secondary ${type.toLowerCase()} axis: set a series' axisGroup to "Secondary" first.`, where);
  }
  const key = `${type}/${group}`;
  let axis = c.axes.get(key);
  if (!axis) c.axes.set(key, (axis = { title: '', titleVisible: false, visible: true, numberFormat: 'General', minimum: 'Auto', maximum: 'Auto' }));
  return { chart: c, key, axis };
}

export class FakeChartAxes extends FakeClientObject<ChartModel> {
  readonly _className = 'ChartAxes';
  readonly _props = [] as const;
  override readonly _navs = ['categoryAxis', 'valueAxis'];

  /** ExcelApi 1.7. type: 'Category' | 'Value' | 'Series'; group: 'Primary' (default) | 'Secondary'. */
  getItem(type: string, group = 'Primary'): FakeChartAxis {
    return new FakeChartAxis(this._ctx, `${this._path}.getItem(${str(type)},${str(group)})`, (x) => {
      x.requireApi('1.7', 'ChartAxes.getItem');
      const c = this._resolve(x);
      return c ? axisFor(c, type, group, 'ChartAxes.getItem') : null;
    }, this._nullable);
  }

  get categoryAxis(): FakeChartAxis {
    return this._child('categoryAxis', () => new FakeChartAxis(this._ctx, `${this._path}.categoryAxis`, (x) => {
      const c = this._resolve(x);
      return c ? axisFor(c, 'Category', 'Primary', 'ChartAxes.categoryAxis') : null;
    }, this._nullable));
  }

  get valueAxis(): FakeChartAxis {
    return this._child('valueAxis', () => new FakeChartAxis(this._ctx, `${this._path}.valueAxis`, (x) => {
      const c = this._resolve(x);
      return c ? axisFor(c, 'Value', 'Primary', 'ChartAxes.valueAxis') : null;
    }, this._nullable));
  }
}

export class FakeChartAxis extends FakeClientObject<AxisRef> {
  readonly _className = 'ChartAxis';
  readonly _props = ['visible', 'numberFormat', 'minimum', 'maximum'] as const;
  override readonly _navs = ['title'];
  declare visible: boolean;
  declare numberFormat: string;
  declare minimum: number | string;
  declare maximum: number | string;

  override _read(m: AxisRef, prop: string, x: Exec): unknown {
    return (this._props as readonly string[]).includes(prop) ? m.axis[prop as keyof AxisModel] : super._read(m, prop, x);
  }

  override _write(m: AxisRef, prop: string, value: unknown, x: Exec): void {
    if (!(this._props as readonly string[]).includes(prop)) return super._write(m, prop, value, x);
    setWithUndo(m.axis, m.chart.sheet, prop as keyof AxisModel & string, value, x, `ChartAxis.${prop}`);
  }

  get title(): FakeChartAxisTitle {
    return this._child('title', () => new FakeChartAxisTitle(this._ctx, `${this._path}.title`, (x) => this._resolve(x), this._nullable));
  }
}
defineProps(FakeChartAxis, [], ['visible', 'numberFormat', 'minimum', 'maximum']);

export class FakeChartAxisTitle extends FakeClientObject<AxisRef> {
  readonly _className = 'ChartAxisTitle';
  readonly _props = ['text', 'visible'] as const;
  declare text: string;
  declare visible: boolean;

  override _read(m: AxisRef, prop: string, x: Exec): unknown {
    if (prop === 'text') return m.axis.title;
    if (prop === 'visible') return m.axis.titleVisible;
    return super._read(m, prop, x);
  }

  override _write(m: AxisRef, prop: string, value: unknown, x: Exec): void {
    if (prop === 'text') {
      setWithUndo(m.axis, m.chart.sheet, 'title', String(value), x, 'ChartAxisTitle.text');
      setWithUndo(m.axis, m.chart.sheet, 'titleVisible', true, x, 'ChartAxisTitle.text');
    } else if (prop === 'visible') setWithUndo(m.axis, m.chart.sheet, 'titleVisible', Boolean(value), x, 'ChartAxisTitle.visible');
    else super._write(m, prop, value, x);
  }
}
defineProps(FakeChartAxisTitle, [], ['text', 'visible']);
