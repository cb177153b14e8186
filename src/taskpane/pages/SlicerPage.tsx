/**
 * Territory Slicer page: threshold, segment sizes, fairness, weights and bonuses, Optimize
 * Weights, charts, rep summary and the account assignments. Fairness repaints first;
 * charts and tables follow a painted frame later (useAfterPaint) so slider moves stay quick.
 */
import { makeStyles, tokens } from '@fluentui/react-components';
import { AssignmentsTable } from '../components/AssignmentsTable.js';
import { BonusSliders } from '../components/BonusSliders.js';
import { FairnessCards } from '../components/FairnessCards.js';
import { OptimizePanel } from '../components/OptimizePanel.js';
import { RepSummaryTable } from '../components/RepSummaryTable.js';
import { Section } from '../components/Section.js';
import { SegmentSizes } from '../components/SegmentSizes.js';
import { ThresholdControl } from '../components/ThresholdControl.js';
import { WarningBanners } from '../components/WarningBanners.js';
import { WeightSliders } from '../components/WeightSliders.js';
import { WorkbookBar } from '../components/WorkbookBar.js';
import { useAfterPaint } from '../state/useAfterPaint.js';
import type { Pane } from '../state/usePane.js';
import { settingsKey, type Settings } from '../../engine/index.js';
// The charts sit below the fold: their chunk (react-charts, d3) loads on first use (lazy.tsx).
import { RepDistributionChart, SensitivityChart } from '../lazy.js';

const useStyles = makeStyles({
  page: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, minWidth: 0 },
  error: { color: tokens.colorPaletteRedForeground1 },
});

/** The main page. */
export function SlicerPage({ pane }: { pane: Pane }) {
  const styles = useStyles();
  const { ready, settings, view } = pane;
  // Charts and tables redraw one frame after the fairness cards (see useAfterPaint).
  const deferredView = useAfterPaint(view);
  const chartThreshold = useAfterPaint(settings?.threshold ?? 0);
  if (!ready || !settings) return null;
  const riskMessage = ready.warnings.find((w) => w.code === 'risk-disabled')?.message;
  const optimize = pane.optimize;
  return (
    <div className={styles.page}>
      <WorkbookBar
        canAllocate={view !== null}
        writing={pane.workbook.writing}
        progress={pane.workbook.progress}
        outOfDate={pane.outOfDate}
        everWritten={pane.workbook.writtenKey !== null}
        report={pane.workbook.report}
        error={pane.workbook.error}
        onAllocate={pane.allocate}
        onDownloadCsv={pane.downloadCsv}
        onDownloadWorkbook={pane.downloadWorkbook}
      />
      {pane.computeError && <p className={styles.error} role="alert">{pane.computeError}</p>}
      <Section title="Segments">
        <ThresholdControl value={settings.threshold} slider={ready.slider} onChange={pane.setThreshold} />
        {view && <SegmentSizes segments={view.segments} dealSizeRatio={view.dealSizeRatio} />}
        {view && <WarningBanners warnings={view.warnings} />}
      </Section>
      <Section title="Fairness" testId="fairness-section">
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
        <WeightSliders weights={settings.weights} riskEnabled={ready.riskEnabled} riskDisabledMessage={riskMessage} onChange={pane.setWeight} />
        <BonusSliders
          geoBonus={settings.geoBonus}
          preserveBonus={settings.preserveBonus}
          onGeoChange={pane.setGeoBonus}
          onPreserveChange={pane.setPreserveBonus}
        />
      </Section>
      <Section title="Optimize">
        <OptimizePanel
          state={optimize}
          weights={settings.weights}
          riskEnabled={ready.riskEnabled}
          currentBalanced={view?.overall.balanced ?? null}
          stale={optimize.status === 'done' && !differsOnlyInWeights(optimize.forSettings, settings)}
          onOptimize={pane.startOptimize}
          onCancel={pane.cancelOptimize}
          onApply={pane.setWeights}
        />
      </Section>
      <Section title="Rep distribution">
        {deferredView && <RepDistributionChart segments={deferredView.segments} riskEnabled={ready.riskEnabled} />}
      </Section>
      <Section title="Threshold sensitivity">
        {pane.samples && (
          <SensitivityChart
            samples={pane.samples}
            threshold={chartThreshold}
            step={ready.slider.step}
            weights={settings.weights}
            riskEnabled={ready.riskEnabled}
            pending={pane.samplesPending}
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
            settings={deferredView.settings}
            rowCount={deferredView.accountCount}
            movedCount={deferredView.totals.accountsMoved}
            cacheKey={`${pane.bookId}|${deferredView.key}`}
          />
        )}
      </Section>
    </div>
  );
}

/** A recommendation stays valid when only the weights changed (e.g. after applying it). */
/** An Optimize result stays valid while only the weights change (applying it changes them). */
function differsOnlyInWeights(a: Settings, b: Settings): boolean {
  return settingsKey({ ...a, weights: b.weights }) === settingsKey(b);
}
