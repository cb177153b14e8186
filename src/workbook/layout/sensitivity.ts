/** The Sensitivity sheet (SPEC §6): fairness and deal size ratio across threshold positions. */
import type { SensitivitySample, RunOutput } from '../../engine/index.js';
import { arrayTable, FORMAT, numberOrNA, titleAndNote } from './cells.js';
import type { SheetLayout } from './types.js';

const { general, thousands, oneDecimal, twoDecimals } = FORMAT;
const HEADER_ROW = 3;
export const CURRENT_MARK = '◀ current';

/** The samples in threshold order; the engine samples the current threshold too (SPEC §6), and its row is marked. */
function rowsWithCurrent(output: RunOutput): { sample: SensitivitySample; mark: string }[] {
  const current = output.evaluation.settings.threshold;
  return output.sensitivity.map((sample) => ({ sample, mark: sample.threshold === current ? CURRENT_MARK : '' }));
}

/** The Sensitivity sheet: samples table and a line chart with the ratio on the secondary axis. */
export function sensitivityLayout(output: RunOutput): SheetLayout {
  const s = output.evaluation.settings;
  const rows = rowsWithCurrent(output);
  const table = arrayTable(
    {
      name: 'TS_Sensitivity',
      caption: null,
      row: HEADER_ROW,
      column: 0,
      headers: ['Threshold', 'Balanced Fairness', 'Custom Fairness', 'Deal Size Ratio (E:MM)', 'Current'],
      formats: [thousands, oneDecimal, oneDecimal, twoDecimals, general],
    },
    rows.map(({ sample: p, mark }) => [p.threshold, numberOrNA(p.balanced), numberOrNA(p.custom), numberOrNA(p.dealSizeRatio), mark]),
    'No samples',
  );
  return {
    role: 'sensitivity',
    baseName: 'Sensitivity',
    texts: titleAndNote(
      'Territory Slicer: threshold sensitivity',
      `Current threshold ${s.threshold} employees (marked in the Current column); weights ARR ${s.weights.arr} / Accounts ${s.weights.accounts} / Risk ${s.weights.risk}; geo bonus ${s.geoBonus}, preserve bonus ${s.preserveBonus}. Fairness is Overall (both segments); Deal Size Ratio is on the secondary axis.`,
    ),
    tables: [table],
    // No samples (a caller that skipped them): a chart over the placeholder row would plot nothing.
    charts: rows.length === 0 ? [] : [
      {
        name: 'TS_SensitivityChart',
        title: 'Fairness and deal size ratio by threshold',
        kind: 'line',
        table: 'TS_Sensitivity',
        categoryColumn: 0,
        series: [
          { name: 'Balanced Fairness', column: 1, axis: 'primary' },
          { name: 'Custom Fairness', column: 2, axis: 'primary' },
          { name: 'Deal Size Ratio (E:MM)', column: 3, axis: 'secondary' },
        ],
        anchor: { row: HEADER_ROW, column: 6, rows: 20, columns: 10 },
      },
    ],
    freezeRows: HEADER_ROW + 1,
    columnWidths: [80, 110, 110, 140, 170],
  };
}
