/**
 * useSettled: the charts and tables below the fairness cards redraw once per change — on the refined view —
 * instead of twice (greedy, then refined). Driven through a component and re-renders, as the page does.
 */
import { afterEach, describe, expect, it } from 'vitest';
import { useSettled } from '../../src/taskpane/state/useSettled.js';
import { cleanup, renderInPane } from './setup.js';

afterEach(cleanup);

const seen: (string | null)[] = [];
function Probe({ value, pending }: { value: string | null; pending: boolean }) {
  const settled = useSettled(value, pending);
  seen.push(settled);
  return <span data-testid="settled">{settled ?? 'none'}</span>;
}

const shown = () => document.querySelector('[data-testid="settled"]')!.textContent;

describe('useSettled', () => {
  it('holds the last settled value while a refined one is pending, takes the first value at once', async () => {
    // Nothing shown yet: the first (greedy) view is taken at once, even while refinement is pending.
    await renderInPane(<Probe value={null} pending={false} />);
    expect(shown()).toBe('none');
    await renderInPane(<Probe value="greedy-1" pending />);
    expect(shown()).toBe('greedy-1');
  });

  it('skips the greedy view of a change and shows its refined view', async () => {
    const { createRoot } = await import('react-dom/client');
    const { act } = await import('react');
    const container = document.createElement('div');
    document.body.appendChild(container);
    const root = createRoot(container);
    const render = (value: string | null, pending: boolean) => act(async () => root.render(<Probe value={value} pending={pending} />));
    await render('refined-1', false);
    seen.length = 0;
    // A slider press: the greedy view arrives with refinement pending — the settled value does not move.
    await render('greedy-2', true);
    expect(container.textContent).toBe('refined-1');
    // The refined view lands: it is shown.
    await render('refined-2', false);
    expect(container.textContent).toBe('refined-2');
    expect(seen.includes('greedy-2')).toBe(false);
    // Refinement off: every view is shown as it comes.
    await render('greedy-3', false);
    expect(container.textContent).toBe('greedy-3');
    // A new book: nothing to hold, the view is taken even while pending.
    await render(null, false);
    await render('greedy-4', true);
    expect(container.textContent).toBe('greedy-4');
    await act(async () => root.unmount());
    container.remove();
  });
});
