/** The value of the last render, for handlers that must stay stable while the value changes. */
import { useRef } from 'react';

/** A ref that always holds this render's `value`. */
export function useLatest<T>(value: T): { current: T } {
  const ref = useRef(value);
  ref.current = value;
  return ref;
}
