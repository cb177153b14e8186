/** Light or dark in preview mode: `?theme=dark|light`, else the browser's prefers-color-scheme. */
import { createContext, useContext, useEffect, useState } from 'react';

/** True when preview mode should use the dark theme; follows the system setting live. */
export function usePrefersDark(): boolean {
  const forced = new URLSearchParams(window.location.search).get('theme');
  const query = typeof window.matchMedia === 'function' ? window.matchMedia('(prefers-color-scheme: dark)') : null;
  const [dark, setDark] = useState(query?.matches ?? false);
  useEffect(() => {
    if (!query) return;
    const onChange = (e: MediaQueryListEvent) => setDark(e.matches);
    query.addEventListener('change', onChange);
    return () => query.removeEventListener('change', onChange);
  }, [query]);
  return forced === 'dark' ? true : forced === 'light' ? false : dark;
}

/** Whether the pane is drawn with the dark theme (set by the root; charts pick their colours from it). */
export const DarkThemeContext = createContext(false);

/** True inside a dark-themed pane. */
export function useDarkTheme(): boolean {
  return useContext(DarkThemeContext);
}
