/**
 * Pointer presses as the undo history needs them: a count that a new press increases, and whether
 * the pointer is held (a drag). Document-wide and passive, read by handlers through a ref.
 */
import { useEffect, useRef } from 'react';

export interface PointerGesture {
  count: number;
  held: boolean;
}

/** A ref that follows the document's pointer presses. */
export function usePointerGesture(): { readonly current: PointerGesture } {
  const ref = useRef<PointerGesture>({ count: 0, held: false });
  useEffect(() => {
    const down = () => {
      ref.current.count++;
      ref.current.held = true;
    };
    const up = () => {
      ref.current.held = false;
    };
    document.addEventListener('pointerdown', down, { capture: true, passive: true });
    document.addEventListener('pointerup', up, { capture: true, passive: true });
    document.addEventListener('pointercancel', up, { capture: true, passive: true });
    return () => {
      document.removeEventListener('pointerdown', down, { capture: true });
      document.removeEventListener('pointerup', up, { capture: true });
      document.removeEventListener('pointercancel', up, { capture: true });
    };
  }, []);
  return ref;
}
