/**
 * Territory Slicer page: threshold, segment sizes, fairness, weights and bonuses, Optimize
 * Weights, charts, rep summary and the account assignments. Fairness repaints first;
 * charts and tables follow a painted frame later (useAfterPaint) so slider moves stay quick.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { useCallback, useMemo } from 'react';
import { AllocationControls } from '../components/AllocationControls.js';
import { budgetTotals } from '../components/allocationRules.js';
import { AssignmentsTable } from '../components/AssignmentsTable.js';
import { BonusSliders } from '../components/BonusSliders.js';
import { ChangeFromCurrent } from '../components/ChangeFromCurrent.js';
import { FairnessCards } from '../components/FairnessCards.js';
import { GuardNote } from '../components/GuardNote.js';
import { HistoryBar } from '../components/HistoryBar.js';
import { OptimizePanel } from '../components/OptimizePanel.js';
import { RepSummaryTable } from '../components/RepSummaryTable.js';
import { ScenarioSave } from '../components/ScenarioSave.js';
import { Section } from '../components/Section.js';
import { SegmentSizes } from '../components/SegmentSizes.js';
import { ThresholdControl } from '../components/ThresholdControl.js';
import { WarningsBar } from '../components/WarningsBar.js';
import { WeightSliders } from '../components/WeightSliders.js';
import { WorkbookBar } from '../components/WorkbookBar.js';
import { useAfterPaint } from '../state/useAfterPaint.js';
import { useSettled } from '../state/useSettled.js';
import type { Pane } from '../state/usePane.js';
import type { ThresholdGuard } from '../../worker/protocol.js';
// The charts sit below the fold: their chunk (react-charts, d3) loads on first use (lazy.tsx).
import { RepDistributionChart, SensitivityChart } from '../lazy.js';

const NO_GUARDS: readonly ThresholdGuard[] = [];

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  error: { color: tokens.colorPaletteRedForeground1 },
  // Quiet: the greedy numbers are already on screen, the refined ones replace them when ready.
  refining: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  caption: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/** The main page. */
export function SlicerPage({ pane }: { pane: Pane }) {
  const styles = useStyles();
  const { ready } = pane.source;
  const { live, sensitivity, optimize, workbook } = pane;
  const { settings, view } = live;
  // Charts and tables redraw one frame after the fairness cards (useAfterPaint), once per change: on the
  // refined view when refinement is on (useSettled).
  const deferredView = useAfterPaint(useSettled(view, live.refining));
  const chartThreshold = useAfterPaint(settings?.threshold ?? 0);
  const { setThreshold } = live;
  const selectSample = useCallback((t: number) => setThreshold(t, 'threshold-chart'), [setThreshold]);
  // Once per view, so the memoized ChangeFromCurrent does not redraw on every render.
  const budget = useMemo(() => (view ? budgetTotals(view.segments) : null), [view]);
  if (!ready || !settings) return null;
  const riskMessage = ready.warnings.find((w) => w.code === 'risk-disabled')?.message;
  return (
    <div className={styles.page}>
      <WorkbookBar
        canAllocate={view !== null}
        writing={workbook.state.writing}
        progress={workbook.state.progress}
        outOfDate={workbook.outOfDate}
        everWritten={workbook.state.writtenKey !== null}
        report={workbook.state.report}
        error={workbook.state.error}
        onAllocate={workbook.allocate}
        onDownloadCsv={workbook.downloadCsv}
        onDownloadWorkbook={workbook.downloadWorkbook}
      />
      <HistoryBar canUndo={live.canUndo} canRedo={live.canRedo} atDefaults={live.atDefaults} onUndo={live.undo} onRedo={live.redo} onReset={live.resetToDefaults} />
      <ScenarioSave disabled={view === null} onSave={pane.persist.saveScenario} />
      {live.computeError && <p className={styles.error} role="alert">{live.computeError}</p>}
      <Section title="Segments">
        <ThresholdControl value={settings.threshold} slider={ready.slider} onChange={live.setThreshold} />
        {view && <GuardNote guards={view.guards} testId="threshold-guard" />}
        {view && <SegmentSizes segments={view.segments} dealSizeRatio={view.dealSizeRatio} />}
        {view && <ChangeFromCurrent before={view.overallBefore.balanced} after={view.overall.balanced} totals={view.totals} budget={budget} busy={live.refining} />}
        {view && <WarningsBar warnings={view.warnings} noun="allocation warning" testId="allocation-warnings" />}
      </Section>
      <Section title="Fairness" testId="fairness-section" busy={live.refining}>
        {live.refining && (
          <span className={styles.refining} role="status" data-testid="refining">
            refining…
          </span>
        )}
        {view && (
          <FairnessCards
            segments={view.segments}
            overall={view.overall}
            weights={view.settings.weights}
            riskEnabled={ready.riskEnabled}
            viewKey={view.key}
            computeMs={view.computeMs}
          />
        )}
      </Section>
      <Section title="Weights">
        <WeightSliders weights={settings.weights} riskEnabled={ready.riskEnabled} riskDisabledMessage={riskMessage} onChange={live.setWeight} />
        <BonusSliders
          geoBonus={settings.geoBonus}
          preserveBonus={settings.preserveBonus}
          onGeoChange={live.setGeoBonus}
          onPreserveChange={live.setPreserveBonus}
        />
      </Section>
      <Section title="Allocation">
        <AllocationControls
          mode={settings.mode}
          refine={settings.refine}
          budget={settings.budget}
          maxAccounts={settings.maxAccounts}
          segments={view?.segments ?? null}
          lockedAccounts={ready.lockedAccounts}
          cappedReps={ready.cappedReps}
          onChange={live.setSettings}
          onCap={live.setCap}
        />
      </Section>
      <Section title="Optimize">
        <OptimizePanel
          state={optimize.state}
          weights={settings.weights}
          riskEnabled={ready.riskEnabled}
          currentBalanced={view?.overall.balanced ?? null}
          // The guard speaks of the threshold the recommendation was made at.
          guards={view && optimize.state.status === 'done' && optimize.state.forSettings.threshold === view.settings.threshold ? view.guards : NO_GUARDS}
          stale={optimize.stale}
          onOptimize={optimize.start}
          onCancel={optimize.cancel}
          onApply={live.setWeights}
        />
      </Section>
      <Section title="Rep distribution">
        {deferredView && <RepDistributionChart segments={deferredView.segments} riskEnabled={ready.riskEnabled} />}
      </Section>
      <Section title="Threshold sensitivity">
        {/* SPEC §15: the samples are the v2 greedy, so with refinement or rebalancing they can differ from the cards. */}
        <span className={styles.caption} data-testid="sensitivity-caption">
          Each point is a greedy allocation with locks and caps (fresh, no refinement).
        </span>
        {sensitivity.samples && (
          <SensitivityChart
            samples={sensitivity.samples}
            threshold={chartThreshold}
            scale={ready.slider.scale}
            step={ready.slider.step}
            onSelect={selectSample}
            weights={settings.weights}
            riskEnabled={ready.riskEnabled}
            pending={sensitivity.pending}
          />
        )}
      </Section>
      <Section title="Rep summary">
        {deferredView && <RepSummaryTable segments={deferredView.segments} riskEnabled={ready.riskEnabled} />}
      </Section>
      <Section title="Account assignments">
        {deferredView && (
          <AssignmentsTable
            client={pane.client}
            forSettings={deferredView}
            rowCount={deferredView.accountCount}
            movedCount={deferredView.totals.accountsMoved}
            cacheKey={`${pane.source.bookId}|${deferredView.key}`}
            repNames={[...deferredView.segments.flatMap((seg) => seg.reps.map((r) => r.name)), ...deferredView.orphanReps]}
          />
        )}
      </Section>
    </div>
  );
}
