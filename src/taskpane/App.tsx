/**
 * The pane shell: preview badge, the data setup panel, and three tabs — Territory Slicer,
 * Territory Comparison, Audit Trail. Inactive pages are unmounted (they cost nothing while
 * the sliders move).
 */
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { ComputeClient } from '../worker/client.js';
import { SetupPanel } from './components/SetupPanel.js';
import { WarningsBar } from './components/WarningsBar.js';
import { formatCount } from './format.js';
import type { Host } from './host.js';
// The Comparison and Audit pages load on demand (lazy.tsx): the first screen is the Slicer page.
import { AuditPage, ComparisonPage, HandEditsDialog, ScenariosPage } from './lazy.js';
import { SlicerPage } from './pages/SlicerPage.js';
import { usePane } from './state/usePane.js';
import { lockableEdits } from './state/useWorkbookWrite.js';
import { useUndoKeys } from './state/useUndoKeys.js';

const useStyles = makeStyles({
  app: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalM,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    minWidth: 0,
    maxWidth: '100%',
    boxSizing: 'border-box',
  },
  header: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  badge: { maxWidth: '100%', whiteSpace: 'normal', height: 'auto', minHeight: '20px' },
  tabs: { flexWrap: 'wrap', marginLeft: `calc(-1 * ${tokens.spacingHorizontalS})` },
  footer: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase100 },
  setupHeader: { minWidth: 0, overflowWrap: 'anywhere' },
});

type TabValue = 'slicer' | 'comparison' | 'audit' | 'scenarios';
const TABS: readonly { value: TabValue; label: string }[] = [
  { value: 'slicer', label: 'Territory Slicer' },
  { value: 'comparison', label: 'Territory Comparison' },
  { value: 'audit', label: 'Audit Trail' },
  { value: 'scenarios', label: 'Scenarios' },
];

/** The whole pane for one host and compute client. */
export function App({ host, client }: { host: Host; client: ComputeClient }) {
  const styles = useStyles();
  const pane = usePane(host, client);
  const [tab, setTab] = useState<TabValue>('slicer');
  const [setupOpen, setSetupOpen] = useState(true);
  const [auditStep, setAuditStep] = useState(1);
  const { source, restore, workbook, persist } = pane;
  const { summary, ready } = source;
  // The restore message stays until dismissed or another book is loaded.
  const [dismissed, setDismissed] = useState<number | null>(null);
  const handEdits = workbook.state.handEdits;

  // Collapse the setup once a book is loaded cleanly; reopen it when there is something to fix.
  useEffect(() => {
    if (summary) setSetupOpen(!summary.ok);
  }, [summary]);
  useEffect(() => setAuditStep(1), [source.bookId]);
  // Ctrl+Z / Ctrl+Y over the settings, on every page, once a book is loaded.
  useUndoKeys(pane.live.undo, pane.live.redo, ready !== null);

  const preview = host.mode === 'preview';
  const setupTitle = ready
    ? `Data: ${formatCount(ready.accountCount)} accounts, ${formatCount(ready.repCount)} reps${ready.warnings.length ? ` · ${ready.warnings.length} warning${ready.warnings.length === 1 ? '' : 's'}` : ''}`
    : summary && !summary.ok
      ? `Data: ${formatCount(summary.errorCount)} error${summary.errorCount === 1 ? '' : 's'} to fix`
      : 'Data';

  return (
    <main className={styles.app}>
      {preview && (
        <div className={styles.header}>
          <Badge className={styles.badge} appearance="tint" color="informative" data-testid="preview-badge">
            Preview mode — {source.current?.label ?? 'sample workbook'}
          </Badge>
        </div>
      )}
      <Accordion collapsible openItems={setupOpen ? ['setup'] : []} onToggle={(_, d) => setSetupOpen(d.openItems.includes('setup'))}>
        <AccordionItem value="setup">
          <AccordionHeader size="small" className={styles.setupHeader}>
            {setupTitle}
          </AccordionHeader>
          <AccordionPanel>
            <SetupPanel
              preview={preview}
              sourceLabel={source.current?.label ?? '…'}
              sheets={source.sheets}
              repsSheet={source.repsSheet}
              accountsSheet={source.accountsSheet}
              onRepsSheet={source.setRepsSheet}
              onAccountsSheet={source.setAccountsSheet}
              loading={source.loading}
              progress={source.loadProgress}
              loadError={source.loadError}
              summary={summary}
              onLoad={source.load}
              onOpenFile={preview ? source.openFile : undefined}
            />
          </AccordionPanel>
        </AccordionItem>
      </Accordion>
      {summary && <WarningsBar warnings={summary.warnings} noun="data warning" skip={['risk-disabled']} testId="data-warnings" />}
      {ready && (restore.message || restore.problem) && dismissed !== source.bookId && (
        <MessageBar intent={restore.problem || restore.message?.includes('Not restored') ? 'warning' : 'info'} layout="multiline" data-testid="restore-message" role="status">
          <MessageBarBody>{restore.message ?? restore.problem}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="transparent" onClick={() => setDismissed(source.bookId)}>
              Dismiss
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {workbook.lockMessage && (
        <MessageBar intent="success" layout="multiline" data-testid="lock-message" role="status">
          <MessageBarBody>{workbook.lockMessage}</MessageBarBody>
          <MessageBarActions>
            <Button size="small" appearance="transparent" onClick={workbook.clearLockMessage}>
              Dismiss
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}
      {persist.saveProblem && (
        <MessageBar intent="warning" layout="multiline" data-testid="save-problem">
          <MessageBarBody>{persist.saveProblem}</MessageBarBody>
        </MessageBar>
      )}
      <TabList className={styles.tabs} size="small" selectedValue={tab} onTabSelect={(_, d) => setTab(d.value as TabValue)}>
        {TABS.map((t) => (
          <Tab key={t.value} id={`tab-${t.value}`} value={t.value} aria-controls={`panel-${t.value}`}>
            {t.label}
          </Tab>
        ))}
      </TabList>
      <div role="tabpanel" id={`panel-${tab}`} aria-labelledby={`tab-${tab}`}>
        {!ready && source.loading && <Spinner size="small" label="Loading the workbook…" />}
        {!ready && !source.loading && (
          <Text>
            {summary && !summary.ok
              ? `Fix the errors listed above in the workbook, then press Load / Validate again${preview ? ' (or open the corrected file)' : ''}.`
              : 'Pick the Reps and Accounts sheets above and press Load / Validate.'}
          </Text>
        )}
        {ready && tab === 'slicer' && <SlicerPage pane={pane} />}
        {ready && tab === 'comparison' && <ComparisonPage pane={pane} />}
        {ready && tab === 'audit' && <AuditPage pane={pane} step={auditStep} onStepChange={setAuditStep} />}
        {ready && tab === 'scenarios' && <ScenariosPage pane={pane} />}
      </div>
      {handEdits && (
        <HandEditsDialog
          edits={handEdits.edits}
          lockable={lockableEdits(handEdits.edits).length}
          onLock={() => void workbook.lockHandEdits()}
          onOverwrite={() => void workbook.overwrite()}
          onCancel={workbook.cancelHandEdits}
        />
      )}
      <footer className={styles.footer}>
        Computing in {client.mode}. {preview ? 'Nothing leaves this browser.' : 'Nothing leaves Excel.'}
      </footer>
    </main>
  );
}
