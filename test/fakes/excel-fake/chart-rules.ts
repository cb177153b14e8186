/**
 * Chart rules shared by the chart proxies: valid Excel.ChartType values, look-up failures, and
 * protected-sheet checks with undo for plain model writes.
 */
import { officeError } from './errors.js';
import type { Exec } from './context.js';
import { assertUnprotected, type SheetModel } from './model.js';

/** Excel.ChartType values (from @types/office-js). */
export const CHART_TYPES = new Set(
  ('ColumnClustered ColumnStacked ColumnStacked100 3DColumnClustered 3DColumnStacked 3DColumnStacked100 BarClustered BarStacked ' +
    'BarStacked100 3DBarClustered 3DBarStacked 3DBarStacked100 LineStacked LineStacked100 LineMarkers LineMarkersStacked ' +
    'LineMarkersStacked100 PieOfPie PieExploded 3DPieExploded BarOfPie XYScatterSmooth XYScatterSmoothNoMarkers XYScatterLines ' +
    'XYScatterLinesNoMarkers AreaStacked AreaStacked100 3DAreaStacked 3DAreaStacked100 DoughnutExploded RadarMarkers RadarFilled ' +
    'Surface SurfaceWireframe SurfaceTopView SurfaceTopViewWireframe Bubble Bubble3DEffect StockHLC StockOHLC StockVHLC StockVOHLC ' +
    'CylinderColClustered CylinderColStacked CylinderColStacked100 CylinderBarClustered CylinderBarStacked CylinderBarStacked100 ' +
    'CylinderCol ConeColClustered ConeColStacked ConeColStacked100 ConeBarClustered ConeBarStacked ConeBarStacked100 ConeCol ' +
    'PyramidColClustered PyramidColStacked PyramidColStacked100 PyramidBarClustered PyramidBarStacked PyramidBarStacked100 ' +
    'PyramidCol 3DColumn Line 3DLine 3DPie Pie XYScatter 3DArea Area Doughnut Radar Histogram Boxwhisker Pareto RegionMap ' +
    'Treemap Waterfall Sunburst Funnel').split(' '),
);

export function checkChartType(type: unknown, where: string): string {
  if (typeof type !== 'string' || !CHART_TYPES.has(type)) throw officeError('InvalidArgument', `'${String(type)}' is not an Excel.ChartType.`, where);
  return type;
}

export function missing(what: string, key: string): never {
  throw officeError('ItemNotFound', `The ${what} '${key}' doesn't exist.`, what);
}

/** Writes a plain property of a model with undo, after the protection check. */
export function setWithUndo<M extends object>(model: M, sheet: SheetModel, key: keyof M & string, value: unknown, x: Exec, where: string): void {
  assertUnprotected(sheet, where);
  const before = model[key];
  (model as Record<string, unknown>)[key] = value;
  x.undo.push(() => ((model as Record<string, unknown>)[key] = before));
}
