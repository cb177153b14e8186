/**
 * The Scenarios sheet (SPEC §16): the saved scenarios and the current settings side by side — their
 * settings, headline fairness and disruption — with a clustered column chart of Overall Balanced and
 * accounts moved %. A scenario saved on other data (its input hash differs) is marked stale.
 */
import { DRIVERS, inputHash, scenarioResults, SEGMENTS, settingsToFile, type RunOutput, type ScenarioResults, type SettingsFile } from '../../engine/index.js';
import { DRIVER_LABELS } from './fairness.js';
import { arrayTable, FORMAT, NA, numberOrNA, titleAndNote } from './cells.js';
import type { OutCell, SheetLayout } from './types.js';

const { general, currency, thousands, integer, oneDecimal, twoDecimals, percentPoints } = FORMAT;
const HEADER_ROW = 4;
export const CURRENT_SCENARIO = 'Current settings';

const cvHeaders = SEGMENTS.flatMap((seg) => DRIVERS.map((d) => `${seg} ${DRIVER_LABELS[d]} CV %`));

export const SCENARIO_HEADERS = [
  'Scenario', 'Saved At', 'Stale', 'Mode', 'Threshold', 'ARR Weight', 'Accounts Weight', 'Risk Weight', 'Geo Bonus', 'Preserve Bonus',
  'Refine', 'Move Budget %', 'Overall Custom', 'Overall Balanced', ...cvHeaders, 'Accounts Moved', 'Accounts Moved %', 'ARR Moved', 'ARR Moved %',
] as const;

function scenarioRow(name: string, savedAt: string, stale: boolean | null, s: SettingsFile, r: ScenarioResults): OutCell[] {
  const mode = s.mode === 'rebalance' ? 'Start from current books' : 'Fresh allocation';
  return [
    name, savedAt, stale === null ? NA : stale ? 'Stale: saved on other data' : 'No', mode, numberOrNA(s.threshold ?? null),
    numberOrNA(s.weights?.arr), numberOrNA(s.weights?.accounts), numberOrNA(s.weights?.risk), numberOrNA(s.geoBonus), numberOrNA(s.preserveBonus),
    s.refine === false ? 'Off' : 'On', s.mode === 'rebalance' ? numberOrNA(s.budget) : NA,
    numberOrNA(r.overallCustom), numberOrNA(r.overallBalanced),
    ...SEGMENTS.flatMap((seg) => DRIVERS.map((d) => numberOrNA(r.cv[seg][d]))),
    r.accountsMoved, r.accountsMovedPct, r.arrMoved, r.arrMovedPct,
  ];
}

/** The Scenarios sheet: the current settings first, then every saved scenario in saving order. */
export function scenariosLayout(output: RunOutput): SheetLayout {
  const { book, evaluation } = output;
  const hash = inputHash(book);
  const rows: OutCell[][] = [
    // The run time lives in one cell only (Fairness, Run parameters): the current row says when in words.
    scenarioRow(CURRENT_SCENARIO, 'This Allocate', null, settingsToFile(evaluation.settings), scenarioResults(book, evaluation)),
    ...(output.scenarios ?? []).map((s) => scenarioRow(s.name, s.savedAt, s.inputHash !== hash, s.settings, s.results)),
  ];
  const balanced = SCENARIO_HEADERS.indexOf('Overall Balanced');
  const movedPct = SCENARIO_HEADERS.indexOf('Accounts Moved %');
  const table = arrayTable(
    {
      name: 'TS_Scenarios',
      caption: null,
      row: HEADER_ROW,
      column: 0,
      headers: SCENARIO_HEADERS,
      formats: [
        general, general, general, general, thousands, integer, integer, integer, twoDecimals, twoDecimals, general, integer,
        oneDecimal, oneDecimal, ...cvHeaders.map(() => oneDecimal), thousands, percentPoints, currency, percentPoints,
      ],
    },
    rows,
  );
  return {
    role: 'scenarios',
    baseName: 'Scenarios',
    texts: titleAndNote(
      'Territory Slicer: scenarios',
      'The settings of the last Allocate and every scenario saved in the pane, side by side: balance (Overall Balanced, CV % per driver) against disruption (accounts and ARR moved). A stale scenario was saved on other data.',
    ),
    tables: [table],
    charts: [
      {
        name: 'TS_ScenariosChart',
        title: 'Balance and disruption by scenario',
        kind: 'columnClustered',
        table: 'TS_Scenarios',
        categoryColumn: 0,
        series: [
          { name: 'Overall Balanced', column: balanced, axis: 'primary' },
          { name: 'Accounts Moved %', column: movedPct, axis: 'primary' },
        ],
        anchor: { row: HEADER_ROW + rows.length + 3, column: 0, rows: 18, columns: 8 },
      },
    ],
    freezeRows: HEADER_ROW + 1,
    columnWidths: [170, 150, 150, 160, ...SCENARIO_HEADERS.slice(4).map(() => 95)],
  };
}
