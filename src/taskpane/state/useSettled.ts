/**
 * A value that holds still while a better one is on its way: with refinement on, every change shows the
 * greedy view at once and the refined view a moment later. The charts and tables below the fairness cards
 * read the view through this, so they redraw once per change (on the refined view) instead of twice; with
 * nothing shown yet they take the first view at once.
 */
import { useState } from 'react';

/** `value`, except while `pending`: then the last value taken when nothing was pending (or the first one). */
export function useSettled<T>(value: T, pending: boolean): T {
  const [settled, setSettled] = useState(value);
  const next = !pending || settled === null || settled === undefined ? value : settled;
  // Derived state, updated during render (React re-renders this component at once, before children).
  if (!Object.is(next, settled)) setSettled(() => next);
  return next;
}
