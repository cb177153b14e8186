import { afterEach, describe, expect, it } from 'vitest';
import { DEFAULT_BUDGET, NO_CAPS, type Weights } from '../../src/engine/index.js';
import { OptimizePanel, type OptimizePanelProps } from '../../src/taskpane/components/OptimizePanel.js';
import { progressSource, type OptimizeState } from '../../src/taskpane/state/useOptimize.js';
import { act } from 'react';
import { cleanup, click, getByRole, renderInPane } from './setup.js';

afterEach(cleanup);

const current: Weights = { arr: 34, accounts: 33, risk: 33 };
const recommended: Weights = { arr: 43, accounts: 35, risk: 22 };
// Unrounded 98.4351 − 98.2549 = 0.1802, but the pane shows 98.44 and 98.25: the gain it shows
// must be their difference, +0.19 (with one decimal it read 98.4 vs 98.3 and "+0.2").
const done: OptimizeState = {
  status: 'done',
  forSettings: { threshold: 1000, weights: current, geoBonus: 0.05, preserveBonus: 0.05, riskCutoff: 0.7, mode: 'fresh', refine: true, budget: DEFAULT_BUDGET, maxAccounts: NO_CAPS },
  outcome: { weights: recommended, balanced: 98.4351, currentBalanced: 98.2549, evaluated: 5151, ms: 700, kernel: 'webassembly', lanes: 2 },
  refined: null,
};

function renderPanel(overrides: Partial<OptimizePanelProps> = {}) {
  const applied: Weights[] = [];
  const props: OptimizePanelProps = {
    state: done,
    weights: current,
    riskEnabled: true,
    currentBalanced: 98.2549,
    guards: [],
    stale: false,
    onOptimize: () => {},
    onCancel: () => {},
    onApply: (w) => applied.push(w),
    ...overrides,
  };
  return renderInPane(<OptimizePanel {...props} />).then(() => applied);
}

const text = (testId: string) => document.querySelector(`[data-testid="${testId}"]`)?.textContent ?? null;

describe('Optimize Weights panel', () => {
  it('shows current and recommended to two decimals, so the gain is their visible difference', async () => {
    const applied = await renderPanel();
    expect(text('optimize-current')).toContain('98.25');
    expect(text('optimize-recommended')).toContain('98.44');
    expect(text('optimize-gain')).toBe('Gain +0.19 Balanced points');
    expect(text('optimize-recommended')).toContain('ARR 43 % · Accounts 35 % · Risk 22 %');
    await click(getByRole('button', 'Apply Recommended Weights'));
    expect(applied).toEqual([recommended]);
  });

  it('measures the gain against the live result and says when the recommendation is in use', async () => {
    await renderPanel({ weights: recommended, currentBalanced: 98.4351 });
    expect(text('optimize-gain')).toBe('Gain 0.00 Balanced points');
    expect((getByRole('button', 'Apply Recommended Weights') as HTMLButtonElement).disabled).toBe(true);
    expect(text('optimize-applied')).toBe('The recommended weights are the ones in use.');
  });

  it('puts the threshold guard above the result and says when a recommendation leans on one driver (SPEC §10.1)', async () => {
    const guard = { segment: 'Enterprise' as const, kind: 'idle-reps' as const, message: '3 of 4 Enterprise reps get no accounts at 102,000: the segment has 1 account.' };
    const allRisk: OptimizeState = { ...done, outcome: { ...(done as Extract<OptimizeState, { status: 'done' }>).outcome, weights: { arr: 0, accounts: 0, risk: 100 } } };
    await renderPanel({ state: allRisk, guards: [guard] });
    const panel = document.querySelector('[data-testid="optimize-panel"]')!;
    const guardBar = panel.querySelector('[data-testid="optimize-guard"]')!;
    expect(guardBar.textContent).toBe(guard.message);
    // Above the result: the guard comes before the recommendation in reading order.
    expect(guardBar.compareDocumentPosition(panel.querySelector('[data-testid="optimize-recommended"]')!) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    expect(text('optimize-dominant')).toBe('The recommendation puts 100 % on Risk: ARR and account balance are ignored.');
    // A balanced recommendation at a workable threshold: neither note.
    await renderPanel();
    expect(text('optimize-guard')).toBeNull();
    expect(text('optimize-dominant')).toBeNull();
  });

  it('keeps the baseline it was computed against when the threshold or bonuses moved on', async () => {
    await renderPanel({ stale: true, currentBalanced: 90 });
    expect(text('optimize-gain')).toBe('Gain +0.19 Balanced points');
    expect(document.body.textContent).toContain('Settings changed since this recommendation');
    expect(text('optimize-applied')).toBeNull();
  });

  it('with refinement on, shows the recommendation refined against the refined live result, Optimize\'s greedy value beside it', async () => {
    const refinedDone: OptimizeState = { ...(done as Extract<OptimizeState, { status: 'done' }>), refined: { balanced: 99.1012, currentBalanced: 98.9001 } };
    await renderPanel({ state: refinedDone, currentBalanced: 98.9001 });
    expect(text('optimize-recommended')).toContain('Recommended (Overall Balanced, refined)99.10');
    expect(text('optimize-greedy')).toBe('Greedy allocation 98.44, as Optimize ranks it');
    // SPEC §15: Optimize's caption says what it ranks.
    expect(document.body.textContent).toContain('Objective: Overall Balanced fairness of the greedy allocation (locks and caps, no refinement); 5,151 combinations');
    expect(text('optimize-gain')).toBe('Gain +0.20 Balanced points');
    // Stale: the refined baseline it was computed against, not the greedy one.
    await renderPanel({ state: refinedDone, currentBalanced: 90, stale: true });
    expect(text('optimize-gain')).toBe('Gain +0.20 Balanced points');
    // Greedy only: no refined line, the greedy values as before.
    await renderPanel();
    expect(text('optimize-greedy')).toBeNull();
  });

  it('while running, shows the 5 % grid best as provisional beside the current result, with no Apply until the exact one is in', async () => {
    const provisional = { weights: { arr: 45, accounts: 35, risk: 20 }, balanced: 98.4012, currentBalanced: null, evaluated: 231, ms: 90, kernel: 'webassembly' as const, lanes: 2 };
    await renderPanel({ state: { status: 'running', progress: progressSource(400, 5151), provisional, liveRefined: false } });
    expect(text('optimize-provisional')).toContain('Provisional (5 % grid), refining to 1 %…');
    expect(text('optimize-provisional')).toContain('98.40');
    expect(text('optimize-provisional')).toContain('ARR 45 % · Accounts 35 % · Risk 20 %');
    expect(text('optimize-current')).toContain('98.25');
    expect(getByRole('button', 'Cancel')).toBeTruthy();
    expect(document.body.textContent).toContain('Tried 400 of 5,151 weight combinations…');
    expect([...document.querySelectorAll('button')].map((b) => b.textContent)).toEqual(['Optimize Weights', 'Cancel']);
    expect(text('optimize-recommended')).toBeNull();
    // With the live result refined, the current box shows the current weights' greedy value beside the
    // provisional best (both as Optimize ranks them), and says so.
    await renderPanel({ state: { status: 'running', progress: progressSource(400, 5151), provisional: { ...provisional, currentBalanced: 97.9012 }, liveRefined: true } });
    expect(text('optimize-current')).toContain('Current result (Overall Balanced, greedy)');
    expect(text('optimize-current')).toContain('97.90');
    expect(text('optimize-current')).not.toContain('98.25');
    // Before the 5 % grid is done there is nothing to show but progress.
    await renderPanel({ state: { status: 'running', progress: progressSource(100, 5151), provisional: null, liveRefined: false } });
    expect(text('optimize-provisional')).toBeNull();
    // The exact result replaces it.
    await renderPanel();
    expect(text('optimize-provisional')).toBeNull();
    expect(text('optimize-recommended')).toContain('98.44');
  });

  it('the progress line follows the run\'s progress source, at most every 250 ms, and stops with the run', async () => {
    const progress = progressSource();
    await renderPanel({ state: { status: 'running', progress, provisional: null, liveRefined: false } });
    expect(document.body.textContent).toContain('Tried 0 of 5,151 weight combinations…');
    // The first update shows at once; one within 250 ms of it waits, and the latest value shows then.
    await act(async () => progress.set(120, 5151));
    expect(document.body.textContent).toContain('Tried 120 of 5,151 weight combinations…');
    await act(async () => {
      progress.set(300, 5151);
      progress.set(480, 5151);
    });
    expect(document.body.textContent).toContain('Tried 120 of 5,151');
    await act(async () => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(document.body.textContent).toContain('Tried 480 of 5,151 weight combinations…');
    // Stopped: a pending update is dropped.
    await act(async () => {
      progress.set(900, 5151);
      progress.stop();
    });
    await act(async () => new Promise((resolve) => setTimeout(resolve, 300)));
    expect(document.body.textContent).toContain('Tried 480 of 5,151');
  });
});
