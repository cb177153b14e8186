/**
 * What the first screen does not need, split into chunks webpack loads on demand from the pane's
 * own origin (CSP script-src 'self'): the charts (below the fold on the Slicer page;
 * @fluentui/react-charts and d3 are a third of the pane's JavaScript), the Comparison, Audit and
 * Scenarios pages, and the hand-edit dialog. Each export renders like the component it wraps, with a small placeholder while its
 * chunk loads and a message if it cannot (docs/PERFORMANCE.md, "Pane bundle").
 */
import { Button, Spinner, Text } from '@fluentui/react-components';
import { Component, lazy, Suspense, type ComponentType, type ReactNode } from 'react';

/** A chunk that failed to load (a dropped connection to the add-in's server) leaves a message, not a blank pane. */
class ChunkBoundary extends Component<{ children: ReactNode }, { failed: boolean }> {
  override state = { failed: false };

  static getDerivedStateFromError() {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) return this.props.children;
    return (
      <Text role="alert">
        This part of the pane did not load. <Button size="small" appearance="transparent" onClick={() => window.location.reload()}>Reload</Button>
      </Text>
    );
  }
}

/** `load` imported on first render, shown with `label` while it loads. */
function onDemand<P extends object>(load: () => Promise<ComponentType<P>>, label: string) {
  const Lazy = lazy(async () => ({ default: await load() }));
  function OnDemand(props: P) {
    return (
      <ChunkBoundary>
        <Suspense fallback={<Spinner size="tiny" label={label} />}>
          <Lazy {...props} />
        </Suspense>
      </ChunkBoundary>
    );
  }
  return OnDemand;
}

// One "charts" chunk for both Slicer charts; the Comparison page's chart shares the library chunk.
export const RepDistributionChart = onDemand(
  () => import(/* webpackChunkName: "charts" */ './components/RepDistributionChart.js').then((m) => m.RepDistributionChart),
  'Loading the chart…',
);
export const SensitivityChart = onDemand(
  () => import(/* webpackChunkName: "charts" */ './components/SensitivityChart.js').then((m) => m.SensitivityChart),
  'Loading the chart…',
);
export const ComparisonPage = onDemand(
  () => import(/* webpackChunkName: "comparison" */ './pages/ComparisonPage.js').then((m) => m.ComparisonPage),
  'Loading the comparison…',
);
export const AuditPage = onDemand(
  () => import(/* webpackChunkName: "audit" */ './pages/AuditPage.js').then((m) => m.AuditPage),
  'Loading the audit trail…',
);
export const ScenariosPage = onDemand(
  () => import(/* webpackChunkName: "scenarios" */ './pages/ScenariosPage.js').then((m) => m.ScenariosPage),
  'Loading the scenarios…',
);
// Only when Allocate finds hand-edited cells: Fluent's Dialog stays off the first screen.
export const HandEditsDialog = onDemand(
  () => import(/* webpackChunkName: "hand-edits" */ './components/HandEditsDialog.js').then((m) => m.HandEditsDialog),
  'Loading…',
);
