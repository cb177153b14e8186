import { afterEach, describe, expect, it } from 'vitest';
import { band, roundHalfUp, keyedSettings } from '../../src/engine/index.js';
import { FairnessCards, weightSplit } from '../../src/taskpane/components/FairnessCards.js';
import type { SegmentView } from '../../src/worker/protocol.js';
import { loadedSession } from './fixtures.js';
import { cleanup, renderInPane } from './setup.js';

afterEach(cleanup);

const chip = (testId: string) => document.querySelector<HTMLElement>(`[data-testid="${testId}"]`)!;

describe('fairness cards', () => {
  it('show per-segment composites and per-driver CV% and score as integers with their band', async () => {
    const { session, settings } = loadedSession(60, 6);
    const view = session.view(keyedSettings(settings));
    await renderInPane(
      <FairnessCards segments={view.segments} overall={view.overall} weights={settings.weights} riskEnabled viewKey={view.key} />,
    );
    for (const seg of view.segments) {
      const custom = chip(`fairness-${seg.name}-custom`);
      expect(custom.dataset.value).toBe(String(roundHalfUp(seg.custom!)));
      expect(custom.dataset.band).toBe(band(seg.custom!));
      expect(custom.textContent).toContain(`Custom${roundHalfUp(seg.custom!)}`);
      expect(chip(`fairness-${seg.name}-balanced`).dataset.value).toBe(String(roundHalfUp(seg.balanced!)));
      for (const d of ['arr', 'accounts', 'risk'] as const) {
        const stats = seg.drivers![d]!;
        expect(chip(`cv-${seg.name}-${d}`).textContent).toBe(String(roundHalfUp(stats.cv)));
        const score = chip(`score-${seg.name}-${d}`);
        expect(score.dataset.value).toBe(String(stats.shown));
        expect(score.dataset.band).toBe(stats.band);
      }
    }
    expect(chip('fairness-Overall-balanced').dataset.value).toBe(String(roundHalfUp(view.overall.balanced!)));
  });

  it('colour each band from the shown integer (93.5 shows 94: Dark Green)', async () => {
    const seg = (name: 'Enterprise' | 'Mid-Market', score: number): SegmentView => ({
      name, accounts: 10, arr: 1000, riskArr: 0, repCount: 2, unassigned: 0,
      drivers: {
        arr: { cv: 100 - score, score, shown: roundHalfUp(score), band: band(score), gini: 0, minMaxRatio: 1 },
        accounts: { cv: 0, score: 100, shown: 100, band: 'Dark Green', gini: 0, minMaxRatio: 1 },
        risk: null,
      },
      custom: score, balanced: 74.4, changes: [], reps: [], floorCv: { arr: 2.5, accounts: 0, risk: null }, locked: 0, refinement: null,
    });
    await renderInPane(
      <FairnessCards
        segments={[seg('Enterprise', 93.5), seg('Mid-Market', 81.4)]}
        overall={{ custom: 87.4, balanced: null }}
        weights={{ arr: 50, accounts: 50, risk: 0 }}
        riskEnabled={false}
        viewKey="k"
      />,
    );
    expect(chip('fairness-Enterprise-custom').dataset.band).toBe('Dark Green');
    expect(chip('fairness-Enterprise-custom').dataset.value).toBe('94');
    expect(chip('fairness-Mid-Market-custom').dataset.band).toBe('Orange');
    expect(chip('fairness-Enterprise-balanced').dataset.band).toBe('Red');
    expect(chip('fairness-Overall-custom').dataset.band).toBe('Yellow');
    expect(chip('fairness-Overall-balanced').textContent).toContain('N/A');
    // Risk is off: its row says N/A (SPEC §2), with the reason in the tooltip.
    expect(chip('score-Enterprise-risk').textContent).toContain('N/A');
    expect(chip('score-Enterprise-risk').dataset.band).toBe('N/A');
    expect(document.querySelector('[data-testid="cv-Enterprise-risk"]')!.textContent).toBe('N/A');
  });

  it('say N/A and why when a segment has no accounts', async () => {
    const empty: SegmentView = {
      name: 'Enterprise', accounts: 0, arr: 0, riskArr: 0, repCount: 3, unassigned: 0,
      drivers: null, custom: null, balanced: null, changes: [], reps: [], floorCv: { arr: 2.5, accounts: 0, risk: null }, locked: 0, refinement: null,
    };
    await renderInPane(<FairnessCards segments={[empty]} overall={{ custom: null, balanced: null }} weights={{ arr: 34, accounts: 33, risk: 33 }} riskEnabled viewKey="k" />);
    expect(chip('fairness-Enterprise').textContent).toContain('No Enterprise accounts at this threshold.');
    expect(chip('fairness-Enterprise-custom').dataset.band).toBe('N/A');
  });

  it('describe the weight split behind Custom', () => {
    expect(weightSplit({ arr: 40, accounts: 35, risk: 25 }, true)).toBe('ARR 40 % · Accounts 35 % · Risk 25 %');
    expect(weightSplit({ arr: 60, accounts: 40, risk: 0 }, false)).toBe('ARR 60 % · Accounts 40 %');
  });
});
