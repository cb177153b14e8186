/**
 * SPEC §5 / §10 required tooltips, opened the way a user opens them (pointer hover, keyboard
 * focus, a click on the info button) and read from the tooltip that is actually shown:
 * the fairness chips give the weight split behind the composite and what CV% means, the
 * per-driver chips the engine's CV and score, the Audit Trail explains Blended score and
 * Geo match, and Optimize Weights says what it tries and that nothing is auto-applied.
 */
import { act } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { evaluate, readBook, setWeight, weightGrid, type Settings, type Weights, keyedSettings } from '../../src/engine/index.js';
import { AuditTrail } from '../../src/taskpane/components/AuditTrail.js';
import { FairnessCards } from '../../src/taskpane/components/FairnessCards.js';
import { OptimizePanel } from '../../src/taskpane/components/OptimizePanel.js';
import { formatCount } from '../../src/taskpane/format.js';
import { loadedSession } from './fixtures.js';
import { cleanup, click, renderInPane, settle, waitFor } from './setup.js';

afterEach(cleanup);

const byTestId = (id: string) => {
  const el = document.querySelector<HTMLElement>(`[data-testid="${id}"]`);
  if (!el) throw new Error(`no ${id}`);
  return el;
};

/** The tooltip that describes `trigger`, only once it is shown (Fluent keeps a hidden copy for aria-describedby). */
function shownTooltip(trigger: HTMLElement): string {
  const id = trigger.getAttribute('aria-describedby');
  const tip = id ? document.getElementById(id) : null;
  if (!tip || tip.getAttribute('role') !== 'tooltip') throw new Error('no tooltip describes the trigger');
  if (getComputedStyle(tip).display === 'none' || !tip.hasAttribute('data-popper-placement')) throw new Error('tooltip not shown');
  return tip.textContent ?? '';
}

/** Hovers like a pointer (Fluent opens after its show delay) and returns the shown tooltip text. */
async function hover(trigger: HTMLElement): Promise<string> {
  await act(async () => {
    trigger.dispatchEvent(new MouseEvent('pointerover', { bubbles: true }));
  });
  const text = await waitFor(() => shownTooltip(trigger));
  await act(async () => {
    trigger.dispatchEvent(new MouseEvent('pointerout', { bubbles: true }));
  });
  await waitFor(() => expect(() => shownTooltip(trigger)).toThrow());
  return text;
}

/** Tabs to the trigger (keyboard navigation mode, then focus) and returns the shown tooltip text. */
async function keyboardFocus(trigger: HTMLElement): Promise<string> {
  await act(async () => {
    trigger.dispatchEvent(new KeyboardEvent('keydown', { key: 'Tab', keyCode: 9, bubbles: true }));
    trigger.focus();
  });
  const text = await waitFor(() => shownTooltip(trigger));
  await act(async () => trigger.blur());
  await settle(50);
  return text;
}

const split = (w: Weights, risk: boolean) => (risk ? `ARR ${w.arr} % · Accounts ${w.accounts} % · Risk ${w.risk} %` : `ARR ${w.arr} % · Accounts ${w.accounts} %`);
const CV_MEANING = ['CV% (coefficient of variation) = standard deviation ÷ mean of the reps’ loads × 100', 'Score = 100 − CV% (never below 0)'];

function fixture() {
  const { session, settings, sheets } = loadedSession(60, 6, 5);
  const read = readBook(sheets.reps, sheets.accounts);
  if (!read.ok) throw new Error('fixture');
  expect(read.book.riskEnabled).toBe(true);
  return { session, settings, book: read.book };
}

async function renderCards(session: ReturnType<typeof fixture>['session'], settings: Settings, riskEnabled = true) {
  const request = keyedSettings(settings);
  // With refinement on the first view is the greedy one; the refined one is what the cards settle on.
  const first = session.view(request);
  const view = first.stage === 'greedy' ? (await session.refinedView(request))! : first;
  await renderInPane(<FairnessCards segments={view.segments} overall={view.overall} weights={settings.weights} riskEnabled={riskEnabled} viewKey={view.key} />);
}

describe('fairness tooltips', () => {
  it('Custom chips give the weight split and what CV% means; Balanced says the drivers count equally', async () => {
    const { session, settings } = fixture();
    await renderCards(session, settings);
    for (const scope of ['Overall', 'Enterprise', 'Mid-Market']) {
      const custom = await hover(byTestId(`fairness-${scope}-custom`));
      expect(custom).toContain(`Custom = weighted mean of the driver scores with your weights: ${split(settings.weights, true)}.`);
      for (const part of CV_MEANING) expect(custom).toContain(part);
      const balanced = await hover(byTestId(`fairness-${scope}-balanced`));
      expect(balanced).toContain('Balanced = plain mean of the driver scores (ARR, Accounts and Risk counted equally');
      for (const part of CV_MEANING) expect(balanced).toContain(part);
    }
    // Keyboard users get the same tooltip on focus.
    expect(await keyboardFocus(byTestId('fairness-Enterprise-custom'))).toContain(split(settings.weights, true));
  });

  it('the split follows the weight sliders, and leaves Risk out when the book has none', async () => {
    const { session, settings } = fixture();
    const moved: Settings = { ...settings, weights: setWeight(settings.weights, 'arr', 61, true) };
    expect(moved.weights).not.toEqual(settings.weights);
    await renderCards(session, moved);
    expect(await hover(byTestId('fairness-Overall-custom'))).toContain(`your weights: ${split(moved.weights, true)}.`);
    const noRisk: Settings = { ...settings, weights: { arr: 70, accounts: 30, risk: 0 } };
    await renderCards(session, noRisk, false);
    const tip = await hover(byTestId('fairness-Mid-Market-custom'));
    expect(tip).toContain(`your weights: ${split(noRisk.weights, false)}.`);
    expect(tip).not.toContain('Risk');
    expect(await hover(byTestId('fairness-Mid-Market-balanced'))).toContain('(ARR and Accounts counted equally');
  });

  it('each driver chip and the CV% header explain the engine’s CV, score, Gini and Min/Max', async () => {
    const { session, settings, book } = fixture();
    await renderCards(session, settings);
    const evaluation = evaluate(book, settings);
    let checked = 0;
    for (const seg of evaluation.segments) {
      for (const [driver, label] of [['arr', 'ARR'], ['accounts', 'Accounts'], ['risk', 'Risk']] as const) {
        const d = seg.drivers?.[driver];
        if (!d) continue;
        const tip = await hover(byTestId(`score-${seg.name}-${driver}`));
        expect(tip).toBe(`${label}: CV ${d.cv.toFixed(1)} % → score ${d.score.toFixed(1)}; Gini ${d.gini.toFixed(3)}; Min/Max ${d.minMaxRatio === null ? 'N/A' : d.minMaxRatio.toFixed(2)}.`);
        checked++;
      }
    }
    expect(checked).toBe(6);
    const header = [...document.querySelectorAll<HTMLElement>('th span[tabindex="0"]')].find((s) => s.textContent === 'CV%')!;
    const tip = await hover(header);
    for (const part of CV_MEANING) expect(tip).toContain(part);
    expect(tip).toContain('0 means every rep carries exactly the same');
  });
});

/** Fluent's InfoLabel button, named "<label> information" through aria-labelledby on the label and itself. */
function infoButton(label: string): HTMLElement {
  const nameOf = (b: HTMLElement) =>
    (b.getAttribute('aria-labelledby') ?? '').split(' ').map((id) => {
      const el = document.getElementById(id);
      return el?.getAttribute('aria-label') || el?.textContent;
    }).join(' ');
  const found = [...document.querySelectorAll<HTMLElement>('button[aria-label="information"]')].filter((b) => nameOf(b) === `${label} information`);
  if (found.length !== 1) throw new Error(`expected one "${label} information" button, found ${found.length}`);
  return found[0]!;
}

async function openInfo(label: string): Promise<string> {
  const button = infoButton(label);
  await click(button);
  const text = await waitFor(() => {
    const notes = [...document.querySelectorAll<HTMLElement>('[role="note"]')];
    if (notes.length !== 1) throw new Error(`expected one open info popover, found ${notes.length}`);
    return notes[0]!.textContent ?? '';
  });
  await click(button);
  await waitFor(() => expect(document.querySelectorAll('[role="note"]')).toHaveLength(0));
  return text;
}

describe('Audit Trail info buttons', () => {
  it('Blended score and Geo match explain the scoring of SPEC §4', async () => {
    const { session, settings } = fixture();
    await renderInPane(
      <AuditTrail
        stepCount={session.view(keyedSettings(settings)).auditSteps}
        cacheKey="k"
        threshold={settings.threshold}
        riskEnabled
        fetchRecord={async (step) => session.audit(keyedSettings(settings), step)}
        findSteps={async (text) => session.findSteps(keyedSettings(settings), text)}
      />,
    );
    await waitFor(() => byTestId('audit-reason'));
    const blended = await openInfo('Blended score');
    expect(blended).toContain('how much taking this account would raise the rep’s weighted squared load (each driver as a share of its target); lower is better');
    expect(blended).toContain('Score = blended ÷ (1 + bonus); the lowest score wins.');
    const geo = await openInfo('Geo match');
    expect(geo).toContain('the rep’s Location equals the account’s, case-insensitively (blank never matches)');
    expect(geo).toContain('Geo bonus');
    expect(geo).toContain('Preserve: the rep is the account’s Original_Rep');
  });
});

describe('Optimize Weights tooltip', () => {
  it('says how many splits it tries, the objective, and that nothing is applied by itself', async () => {
    await renderInPane(
      <OptimizePanel
        state={{ status: 'idle' }}
        weights={{ arr: 34, accounts: 33, risk: 33 }}
        riskEnabled
        currentBalanced={90}
        guards={[]}
        stale={false}
        onOptimize={() => {}}
        onCancel={() => {}}
        onApply={() => {}}
      />,
    );
    const button = [...document.querySelectorAll<HTMLElement>('button')].find((b) => b.textContent === 'Optimize Weights')!;
    for (const tip of [await hover(button), await keyboardFocus(button)]) {
      expect(tip).toContain(`every whole-percent split of the weights (${formatCount(weightGrid(true).length)} combinations; ${formatCount(weightGrid(false).length)} without risk)`);
      expect(tip).toContain('at the current threshold and bonuses');
      expect(tip).toContain('the highest Overall Balanced fairness');
      expect(tip).toContain('The threshold is never changed');
      expect(tip).toContain('nothing is applied until you press Apply Recommended Weights');
    }
  });
});
