/**
 * State that belongs to one loaded book. Read while another book is loaded it is `initial`
 * again, so loading a book needs no reset in every hook; an answer that arrives for an earlier
 * book (a late view, an Optimize run, a write) is dropped instead of showing on the new one.
 */
import { useCallback, useState } from 'react';
import { useLatest } from './useLatest.js';

export type BookStateUpdate<T> = T | ((current: T) => T);

/** [value for the current book, set(forBook, update)]; `set` ignores updates for any other book. */
export function useBookState<T>(bookId: number, initial: T): [T, (forBook: number, update: BookStateUpdate<T>) => void] {
  const [stored, setStored] = useState<{ bookId: number; value: T } | null>(null);
  const current = useLatest(bookId);
  const initialRef = useLatest(initial);
  const set = useCallback((forBook: number, update: BookStateUpdate<T>) => {
    if (forBook !== current.current) return;
    setStored((prev) => {
      const base = prev?.bookId === forBook ? prev.value : initialRef.current;
      return { bookId: forBook, value: typeof update === 'function' ? (update as (v: T) => T)(base) : update };
    });
  }, [current, initialRef]);
  return [stored?.bookId === bookId ? stored.value : initial, set];
}
