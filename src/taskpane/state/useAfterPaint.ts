/**
 * A value that follows `value` one painted frame later. Charts and tables read the view
 * through it, so a slider move repaints the fairness cards first and redraws the heavy
 * parts afterwards; quick successive moves coalesce into one redraw.
 */
import { useEffect, useState } from 'react';

/** `value`, delayed until the frame that shows the urgent update has been painted. */
export function useAfterPaint<T>(value: T): T {
  const [shown, setShown] = useState(value);
  useEffect(() => {
    if (Object.is(shown, value)) return;
    let timer: ReturnType<typeof setTimeout> | undefined;
    // rAF runs just before the paint; the task queued from it runs after the frame is on screen.
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setShown(() => value), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      clearTimeout(timer);
    };
  }, [value, shown]);
  return shown;
}
