/**
 * Measured, not asserted: a threshold key press to repainted fairness cards with 10,000
 * accounts (`?sample=10k`, generated in the page), in headless Chromium. Prints
 * `PANE-SLIDER-MS: <median> (n=<runs>)`.
 */
import { describe, expect, inject, it } from 'vitest';
import { foreignRequests, openPane, waitForFairness, paneTests } from './browser.js';

const origin = inject('paneOrigin');
const t = paneTests(origin, { check: false });

const RUNS = 21;

describe('slider responsiveness', () => {
  it('measures key press → repainted fairness cards at 10,000 accounts', async () => {
    const session = await openPane(t.browser, origin, { query: '?sample=10k', width: 400 });
    const { page } = session;
    await waitForFairness(page, 60_000);
    expect(await page.getByTestId('size-Enterprise-accounts').textContent()).toBeTruthy();
    await page.evaluate(() => {
      // Resolves with ms from the keydown to the frame after the fairness cards show a new view.
      (window as unknown as { __measure: () => Promise<number> }).__measure = () =>
        new Promise<number>((resolve) => {
          const before = document.querySelector<HTMLElement>('[data-testid="fairness-cards"]')!.dataset.viewKey;
          let t0 = 0;
          window.addEventListener('keydown', () => (t0 = performance.now()), { capture: true, once: true });
          const observer = new MutationObserver(() => {
            const now = document.querySelector<HTMLElement>('[data-testid="fairness-cards"]')?.dataset.viewKey;
            if (now === undefined || now === before) return;
            observer.disconnect();
            // rAF runs before the paint; the task after it runs once the frame is painted.
            requestAnimationFrame(() => setTimeout(() => resolve(performance.now() - t0), 0));
          });
          observer.observe(document.body, { subtree: true, childList: true, attributes: true, attributeFilter: ['data-view-key'] });
        });
    });
    const slider = page.getByRole('slider', { name: 'Threshold' });
    await slider.focus();
    const times: number[] = [];
    const engine: number[] = [];
    for (let i = 0; i < RUNS; i++) {
      await page.evaluate(() => {
        const w = window as unknown as { __measure: () => Promise<number>; __pending: Promise<number> };
        w.__pending = w.__measure();
      });
      await page.keyboard.press(i % 2 === 0 ? 'ArrowRight' : 'ArrowLeft');
      times.push(await page.evaluate(() => (window as unknown as { __pending: Promise<number> }).__pending));
      engine.push(Number(await page.getByTestId('fairness-cards').getAttribute('data-compute-ms')));
      await page.waitForTimeout(50);
    }
    const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
    console.log(`PANE-SLIDER-MS: ${median(times).toFixed(1)} (n=${RUNS})`);
    console.log(`PANE-SLIDER-DETAIL: min ${Math.min(...times).toFixed(1)} ms, max ${Math.max(...times).toFixed(1)} ms; worker view compute median ${median(engine).toFixed(1)} ms`);
    expect(times.every((t) => t > 0)).toBe(true);
    expect(foreignRequests(session.requests, origin)).toEqual([]);
    await session.close();
  });

  it('scrolls 100,000 account assignments with only the visible rows in the DOM', async () => {
    const session = await openPane(t.browser, origin, { query: '?sample=100k', width: 360 });
    const { page } = session;
    await waitForFairness(page, 90_000);
    const table = page.getByTestId('assignments-table');
    await table.scrollIntoViewIfNeeded();
    expect(await table.getAttribute('data-row-count')).toBe('100000');
    const body = table.getByRole('rowgroup');
    const frames = await body.evaluate(async (el) => {
      // Wheel-like scrolling: 120 px per frame for 90 frames, timing each frame.
      const times: number[] = [];
      for (let i = 1; i <= 90; i++) {
        const t0 = performance.now();
        el.scrollTop += 120;
        await new Promise((r) => requestAnimationFrame(() => setTimeout(r, 0)));
        times.push(performance.now() - t0);
      }
      // Then straight to the last account.
      el.scrollTop = el.scrollHeight;
      return times;
    });
    await expect.poll(async () => (await body.getByRole('row').last().textContent()) ?? '', { timeout: 10_000 }).toContain('A-100000');
    expect(await body.getByRole('row').count()).toBeLessThan(60);
    const median = [...frames].sort((a, b) => a - b)[frames.length >> 1]!;
    console.log(`PANE-SCROLL-100K-FRAME-MS: median ${median.toFixed(1)}, max ${Math.max(...frames).toFixed(1)} (n=${frames.length})`);
    expect(foreignRequests(session.requests, origin)).toEqual([]);
    await session.close();
  });
});
