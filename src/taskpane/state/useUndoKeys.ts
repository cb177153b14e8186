/**
 * Ctrl+Z / Ctrl+Y (⌘Z / ⌘Y, and Ctrl/⌘+Shift+Z) for the settings history, anywhere in the pane
 * except inside a text box, where the keys keep the box's own undo (SPEC §10.1).
 */
import { useEffect } from 'react';
import { useLatest } from './useLatest.js';

const NOT_TEXT = new Set(['range', 'checkbox', 'radio', 'button', 'submit', 'reset', 'file', 'color', 'image']);

/** Does this element edit text (so Ctrl+Z belongs to it)? */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  if (target instanceof HTMLTextAreaElement || target.isContentEditable) return true;
  return target instanceof HTMLInputElement && !NOT_TEXT.has(target.type);
}

/** Listens on the document while `enabled`. */
export function useUndoKeys(undo: () => void, redo: () => void, enabled: boolean) {
  const actions = useLatest({ undo, redo });
  useEffect(() => {
    if (!enabled) return;
    const onKey = (e: KeyboardEvent) => {
      if (!(e.ctrlKey || e.metaKey) || e.altKey || e.defaultPrevented || isTextEntry(e.target)) return;
      const key = e.key.toLowerCase();
      if (key === 'z' && !e.shiftKey) {
        e.preventDefault();
        actions.current.undo();
      } else if (key === 'y' || (key === 'z' && e.shiftKey)) {
        e.preventDefault();
        actions.current.redo();
      }
    };
    document.addEventListener('keydown', onKey);
    return () => document.removeEventListener('keydown', onKey);
  }, [enabled, actions]);
}
