/**
 * Setup: which workbook, which sheets, Load / Validate, the error table and the location-format
 * note; the data warnings sit in a bar under the setup, always visible (WarningsBar). In preview
 * mode the user can also open an .xlsx from disk.
 */
import { Button, Field, ProgressBar, Select, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useRef } from 'react';
import type { BookSummary } from '../../worker/protocol.js';
import type { LoadProgress } from '../state/useSource.js';
import { formatCount } from '../format.js';
import { constraintsSummary } from './allocationRules.js';
import { ErrorTable } from './ErrorTable.js';

const useStyles = makeStyles({
  panel: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  pickers: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 130px), 1fr))', gap: tokens.spacingHorizontalS },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  note: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  error: { color: tokens.colorPaletteRedForeground1, overflowWrap: 'anywhere' },
  hidden: { display: 'none' },
});

export const LOCATION_NOTE = 'Location values must match exactly (case-insensitive) between sheets: "CA" ≠ "California".';

export interface SetupPanelProps {
  readonly preview: boolean;
  readonly sourceLabel: string;
  readonly sheets: readonly string[];
  readonly repsSheet: string;
  readonly accountsSheet: string;
  readonly onRepsSheet: (name: string) => void;
  readonly onAccountsSheet: (name: string) => void;
  readonly loading: boolean;
  readonly progress?: LoadProgress | null;
  readonly loadError: string | null;
  readonly summary: BookSummary | null;
  readonly onLoad: () => void;
  readonly onOpenFile?: (file: File) => void;
}

function SheetPicker(props: { label: string; sheets: readonly string[]; value: string; onChange: (v: string) => void }) {
  return (
    <Field label={props.label}>
      <Select value={props.value} onChange={(_, data) => props.onChange(data.value)}>
        {props.sheets.length === 0 && <option value="">(no sheets)</option>}
        {props.sheets.map((s) => (
          <option key={s} value={s}>
            {s}
          </option>
        ))}
      </Select>
    </Field>
  );
}

/** The data setup panel. */
/** Sheets this big take seconds to read and check: say so, so the pane never looks frozen. */
const LARGE_SHEET_ROWS = 100_000;

/** Rows read so far (Excel reads in blocks), then the check in the worker. */
function LoadProgressBar({ progress }: { progress: LoadProgress }) {
  const { stage, rowsRead, totalRows } = progress;
  const text =
    stage === 'reading'
      ? totalRows > 0
        ? `Reading the sheets: ${formatCount(rowsRead)} of ${formatCount(totalRows)} rows…`
        : 'Reading the sheets…'
      : `Checking ${formatCount(totalRows)} rows…`;
  const large = totalRows >= LARGE_SHEET_ROWS ? ' A sheet this large takes a few seconds; the pane stays usable.' : '';
  return (
    <Field validationMessage={`${text}${large}`} validationState="none" data-testid="load-progress">
      <ProgressBar aria-label="Load progress" value={stage === 'reading' && totalRows > 0 ? rowsRead / totalRows : undefined} />
    </Field>
  );
}

export function SetupPanel(props: SetupPanelProps) {
  const styles = useStyles();
  const fileInput = useRef<HTMLInputElement>(null);
  const { summary } = props;
  return (
    <div className={styles.panel} data-testid="setup-panel">
      <Text size={200}>
        Workbook: <strong>{props.sourceLabel}</strong>
      </Text>
      {props.preview && props.onOpenFile && (
        <div className={styles.actions}>
          <Button size="small" onClick={() => fileInput.current?.click()}>
            Open .xlsx file…
          </Button>
          <input
            ref={fileInput}
            className={styles.hidden}
            type="file"
            accept=".xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-label="Open workbook file"
            data-testid="file-input"
            onChange={(e) => {
              const file = e.target.files?.[0];
              if (file) props.onOpenFile?.(file);
              e.target.value = '';
            }}
          />
        </div>
      )}
      <div className={styles.pickers}>
        <SheetPicker label="Reps sheet" sheets={props.sheets} value={props.repsSheet} onChange={props.onRepsSheet} />
        <SheetPicker label="Accounts sheet" sheets={props.sheets} value={props.accountsSheet} onChange={props.onAccountsSheet} />
      </div>
      <div className={styles.actions}>
        <Button appearance="secondary" onClick={props.onLoad} disabled={props.loading || props.sheets.length === 0}>
          Load / Validate
        </Button>
        {props.loading && !props.progress && <Spinner size="tiny" label="Reading…" />}
        {summary?.ok && !props.loading && (
          <Text size={200} data-testid="load-status">
            Loaded {formatCount(summary.accountCount)} accounts and {formatCount(summary.repCount)} reps.
          </Text>
        )}
      </div>
      {summary?.ok && !props.loading && (
        <Text size={200} data-testid="load-constraints">
          {constraintsSummary(summary.lockedAccounts, summary.cappedReps)}.
        </Text>
      )}
      {props.loading && props.progress && <LoadProgressBar progress={props.progress} />}
      <Text className={styles.note}>{LOCATION_NOTE}</Text>
      {props.loadError && (
        <Text className={styles.error} role="alert">
          {props.loadError}
        </Text>
      )}
      {summary && !summary.ok && <ErrorTable errors={summary.errors} errorCount={summary.errorCount} />}
    </div>
  );
}
