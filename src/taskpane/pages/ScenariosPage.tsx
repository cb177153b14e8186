/**
 * Scenarios (SPEC §10.1, §16): the saved scenarios side by side with the settings on screen — one
 * column each: the settings, Overall Custom and Balanced, CV % per segment and driver, accounts and
 * ARR moved. A scenario saved on other data is marked stale. Per scenario "Apply scenario NAME" (one
 * undo step) and "Delete scenario NAME".
 */
import { Badge, Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Fragment, useEffect, useState } from 'react';
import { DRIVERS, SEGMENTS, type ScenarioResults, type SettingsFile } from '../../engine/index.js';
import { ScenarioSave } from '../components/ScenarioSave.js';
import { Section } from '../components/Section.js';
import { formatBonusValue, formatCount, formatMoneyShort, formatOneDecimal, formatThreshold } from '../format.js';
import { formatSavedAt } from '../state/restore.js';
import type { Pane } from '../state/usePane.js';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  note: { fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground2, margin: 0 },
  scroll: { overflowX: 'auto', minWidth: 0, border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium },
  table: { borderCollapse: 'collapse', fontSize: tokens.fontSizeBase200, fontVariantNumeric: 'tabular-nums', width: '100%' },
  cell: {
    padding: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalXS}`,
    textAlign: 'right',
    verticalAlign: 'top',
    borderTop: `1px solid ${tokens.colorNeutralStroke3}`,
    minWidth: '56px',
  },
  rowHead: {
    textAlign: 'left',
    fontWeight: tokens.fontWeightRegular,
    color: tokens.colorNeutralForeground2,
    position: 'sticky',
    left: 0,
    backgroundColor: tokens.colorNeutralBackground1,
    minWidth: '76px',
    maxWidth: '96px',
  },
  colHead: { fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere', verticalAlign: 'bottom', borderTop: 'none' },
  group: { textAlign: 'left', fontWeight: tokens.fontWeightSemibold, paddingTop: tokens.spacingVerticalS, position: 'sticky', left: 0, backgroundColor: tokens.colorNeutralBackground1 },
  current: { backgroundColor: tokens.colorNeutralBackground2 },
  stale: { marginTop: tokens.spacingVerticalXXS },
  nowrap: { whiteSpace: 'nowrap' },
  actions: { display: 'flex', flexDirection: 'column', alignItems: 'flex-end', gap: tokens.spacingVerticalXXS },
});

const MODE: Record<string, string> = { fresh: 'Fresh', rebalance: 'From current' };

/** One column: its title, settings, results, and whether it is stale. */
interface Column {
  readonly name: string;
  readonly current: boolean;
  readonly savedAt: string | null;
  readonly stale: boolean;
  readonly settings: SettingsFile;
  readonly results: ScenarioResults | null;
}

const cap = (v: number | null | undefined) => (v === null || v === undefined ? 'none' : formatCount(v));

/** The table's rows: a label and how a column shows it (groups as headings). */
const ROWS: ReadonlyArray<{ group: string } | { label: string; value: (c: Column) => string }> = [
  { group: 'Settings' },
  { label: 'Mode', value: (c) => MODE[c.settings.mode ?? 'fresh'] ?? String(c.settings.mode) },
  { label: 'Threshold', value: (c) => (c.settings.threshold === null || c.settings.threshold === undefined ? 'default' : formatThreshold(c.settings.threshold)) },
  { label: 'Weights ARR / Accts / Risk', value: (c) => (c.settings.weights ? `${c.settings.weights.arr} / ${c.settings.weights.accounts} / ${c.settings.weights.risk}` : 'default') },
  { label: 'Geo / Preserve bonus', value: (c) => `${formatBonusValue(c.settings.geoBonus ?? 0.05)} / ${formatBonusValue(c.settings.preserveBonus ?? 0.05)}` },
  { label: 'Refine', value: (c) => (c.settings.refine === false ? 'Off' : 'On') },
  { label: 'Move budget', value: (c) => (c.settings.mode === 'rebalance' ? `${c.settings.budget ?? 10} %` : '—') },
  { label: 'Max accounts Ent / MM', value: (c) => `${cap(c.settings.maxAccounts?.Enterprise)} / ${cap(c.settings.maxAccounts?.['Mid-Market'])}` },
  { group: 'Fairness' },
  { label: 'Overall Custom', value: (c) => (c.results ? formatOneDecimal(c.results.overallCustom) : '…') },
  { label: 'Overall Balanced', value: (c) => (c.results ? formatOneDecimal(c.results.overallBalanced) : '…') },
  ...SEGMENTS.flatMap((segment) => [
    { group: `${segment} CV %` },
    ...DRIVERS.map((d) => ({ label: `${segment} ${d === 'arr' ? 'ARR' : d === 'accounts' ? 'Accounts' : 'Risk'} CV %`, value: (c: Column) => (c.results ? formatOneDecimal(c.results.cv[segment][d]) : '…') })),
  ]),
  { group: 'Disruption' },
  { label: 'Accounts moved', value: (c) => (c.results ? `${formatCount(c.results.accountsMoved)} (${c.results.accountsMovedPct.toFixed(1)} %)` : '…') },
  { label: 'ARR moved', value: (c) => (c.results ? `${formatMoneyShort(c.results.arrMoved)} (${c.results.arrMovedPct.toFixed(1)} %)` : '…') },
  { label: 'Saved', value: (c) => (c.savedAt ? formatSavedAt(c.savedAt, true) : 'on screen') },
];

/**
 * A value whose parts never break inside ("251 (62.8 %)" wraps, if it must, before the parenthesis;
 * "50 / 30 / 20" after a slash), so narrow columns stay legible.
 */
function CellText({ text, className }: { text: string; className: string }) {
  const parts = text.split(/(?<=\/) | (?=\()|(?<=,) (?=\d\d:)/);
  return (
    <>
      {parts.map((p, i) => (
        // The space between parts is outside them: the line may break there, and only there.
        <Fragment key={i}>
          {i > 0 && ' '}
          <span className={className}>{p}</span>
        </Fragment>
      ))}
    </>
  );
}

/** The row label without the group it sits under ("Enterprise ARR CV %" reads "ARR" in its group). */
const shortLabel = (label: string) => label.replace(/^(Enterprise|Mid-Market) (.*) CV %$/, '$2');

/** The Scenarios tab. */
export function ScenariosPage({ pane }: { pane: Pane }) {
  const styles = useStyles();
  const { live, persist, client } = pane;
  const current = live.current;
  const [results, setResults] = useState<{ key: string; results: ScenarioResults } | null>(null);

  // The current column's results, for the settings on screen (the engine's scenarioResults, in the worker).
  useEffect(() => {
    if (!current) return;
    let stale = false;
    client.scenarioResults(current).then((r) => !stale && setResults({ key: current.key, results: r }), () => undefined);
    return () => {
      stale = true;
    };
  }, [client, current]);

  if (!current || !pane.source.ready) return null;
  const columns: Column[] = [
    {
      name: 'Current settings',
      current: true,
      savedAt: null,
      stale: false,
      settings: { ...current.settings },
      results: results?.key === current.key ? results.results : null,
    },
    ...persist.scenarios.map((s) => ({ name: s.name, current: false, savedAt: s.savedAt, stale: persist.staleNames.has(s.name), settings: s.settings, results: s.results })),
  ];
  const apply = (name: string) => {
    const scenario = persist.scenarios.find((s) => s.name === name);
    const settings = scenario && persist.scenarioSettings(scenario);
    if (settings) live.setSettings(`scenario-apply-${name}-${performance.now()}`, settings);
  };
  const saved = persist.scenarios.length;
  return (
    <div className={styles.page}>
      <Section title="Scenarios">
        <ScenarioSave disabled={!live.view} onSave={persist.saveScenario} />
        <p className={styles.note}>
          {saved === 0
            ? 'No scenario saved yet: Save as scenario keeps the settings on screen and their results, to compare here.'
            : `${saved} saved scenario${saved === 1 ? '' : 's'} beside the current settings. They are stored in ${pane.host.mode === 'office' ? 'this workbook' : 'this browser'} and written to the Scenarios sheet at every Allocate.`}
        </p>
        <div className={styles.scroll} data-testid="scenarios-table-scroll">
          <table className={styles.table} aria-label="Scenarios compared" data-testid="scenarios-table">
            <thead>
              <tr>
                <td className={mergeClasses(styles.cell, styles.rowHead, styles.colHead)} />
                {columns.map((c) => (
                  <th key={c.name} scope="col" className={mergeClasses(styles.cell, styles.colHead, c.current && styles.current)} data-column={c.name}>
                    {c.name}
                    {c.stale && (
                      <div className={styles.stale}>
                        <Badge appearance="tint" color="warning" size="small" data-testid="stale">
                          Stale: other data
                        </Badge>
                      </div>
                    )}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody>
              {ROWS.map((row) =>
                'group' in row ? (
                  <tr key={row.group}>
                    <th scope="colgroup" colSpan={columns.length + 1} className={mergeClasses(styles.cell, styles.group)}>
                      {row.group}
                    </th>
                  </tr>
                ) : (
                  <tr key={row.label} data-row={row.label}>
                    <th scope="row" className={mergeClasses(styles.cell, styles.rowHead)} aria-label={row.label}>
                      {shortLabel(row.label)}
                    </th>
                    {columns.map((c) => (
                      <td key={c.name} className={mergeClasses(styles.cell, c.current && styles.current)}>
                        <CellText text={row.value(c)} className={styles.nowrap} />
                      </td>
                    ))}
                  </tr>
                ),
              )}
              {saved > 0 && (
                <tr>
                  <th scope="row" className={mergeClasses(styles.cell, styles.rowHead)}>
                    <span className={styles.note}>Actions</span>
                  </th>
                  {columns.map((c) => (
                    <td key={c.name} className={mergeClasses(styles.cell, c.current && styles.current)}>
                      {!c.current && (
                        <div className={styles.actions}>
                          <Button size="small" appearance="primary" aria-label={`Apply scenario ${c.name}`} onClick={() => apply(c.name)}>
                            Apply
                          </Button>
                          <Button size="small" appearance="subtle" aria-label={`Delete scenario ${c.name}`} onClick={() => void persist.deleteScenario(c.name)}>
                            Delete
                          </Button>
                        </div>
                      )}
                    </td>
                  ))}
                </tr>
              )}
            </tbody>
          </table>
        </div>
        {persist.staleNames.size > 0 && (
          <Text className={styles.note}>Stale: saved when the Reps or Accounts rows were different; its results are those of that data.</Text>
        )}
      </Section>
    </div>
  );
}
