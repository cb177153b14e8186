/**
 * Helpers for the pane's component tests (jsdom): render inside Fluent's provider with
 * react-dom + act, find controls by role and accessible name, and fire user events.
 * (@testing-library/react needs its peer @testing-library/dom, which is not installed.)
 */
import { FluentProvider, webLightTheme } from '@fluentui/react-components';
import { act, type ReactElement } from 'react';
import { createRoot, type Root } from 'react-dom/client';

// React only warns about act() when this flag is set.
(globalThis as { IS_REACT_ACT_ENVIRONMENT?: boolean }).IS_REACT_ACT_ENVIRONMENT = true;

// jsdom has no ResizeObserver; Fluent's positioning and the charts only need it to exist.
if (typeof globalThis.ResizeObserver === 'undefined') {
  globalThis.ResizeObserver = class {
    observe() {}
    unobserve() {}
    disconnect() {}
  } as unknown as typeof ResizeObserver;
}

let mounted: { root: Root; container: HTMLElement } | null = null;

/** Renders inside Fluent's provider, as the pane does. */
export async function renderInPane(ui: ReactElement): Promise<HTMLElement> {
  cleanup();
  const container = document.createElement('div');
  document.body.appendChild(container);
  const root = createRoot(container);
  await act(async () => root.render(<FluentProvider theme={webLightTheme}>{ui}</FluentProvider>));
  mounted = { root, container };
  return container;
}

/** Unmounts what renderInPane mounted. */
export function cleanup() {
  if (!mounted) return;
  const { root, container } = mounted;
  act(() => root.unmount());
  container.remove();
  mounted = null;
}

const ROLE_SELECTOR: Record<string, string> = {
  slider: 'input[type=range], [role=slider]',
  button: 'button, [role=button]',
  spinbutton: 'input[type=number], [role=spinbutton]',
  textbox: 'input[type=text], input:not([type]), textarea',
  searchbox: 'input[type=search]',
  tab: '[role=tab]',
  combobox: 'select, [role=combobox]',
  table: 'table, [role=table]',
  radio: 'input[type=radio], [role=radio]',
  switch: '[role=switch]',
};

/** The accessible name, as far as these tests need it: aria-labelledby, aria-label, <label for>, text. */
export function accessibleName(el: Element): string {
  const labelledBy = el.getAttribute('aria-labelledby');
  if (labelledBy) return labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ').replace(/\s+/g, ' ').trim();
  const label = el.getAttribute('aria-label');
  if (label) return label.trim();
  if (el.id) {
    const forLabel = [...document.querySelectorAll('label')].find((l) => l.htmlFor === el.id);
    if (forLabel) return (forLabel.textContent ?? '').trim();
  }
  return (el.textContent ?? '').replace(/\s+/g, ' ').trim();
}

/** Every element of a role whose accessible name equals `name` (or matches it). */
export function queryAllByRole(role: string, name?: string | RegExp): HTMLElement[] {
  const selector = ROLE_SELECTOR[role] ?? `[role=${role}]`;
  return [...document.querySelectorAll<HTMLElement>(selector)].filter((el) => {
    if (name === undefined) return true;
    const n = accessibleName(el);
    return typeof name === 'string' ? n === name : name.test(n);
  });
}

/** Exactly one element of that role and name. */
export function getByRole(role: string, name?: string | RegExp): HTMLElement {
  const found = queryAllByRole(role, name);
  if (found.length !== 1) throw new Error(`Expected one ${role} named ${String(name)}, found ${found.length}`);
  return found[0]!;
}

/** Elements whose own text matches. */
export function getAllByText(text: string | RegExp): HTMLElement[] {
  return [...document.body.querySelectorAll<HTMLElement>('*')].filter((el) => {
    const own = [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join('');
    return typeof text === 'string' ? own.trim() === text : text.test(own);
  });
}

/** Types a value into an input the way a user would (React sees an input event). */
export async function changeValue(el: HTMLElement, value: string) {
  const input = el as HTMLInputElement;
  const setter = Object.getOwnPropertyDescriptor(Object.getPrototypeOf(input), 'value')?.set;
  await act(async () => {
    setter?.call(input, value);
    input.dispatchEvent(new Event('input', { bubbles: true }));
    input.dispatchEvent(new Event('change', { bubbles: true }));
  });
}

/** Clicks an element. */
export async function click(el: HTMLElement) {
  await act(async () => {
    el.click();
  });
}

/** Lets pending promises and timers settle inside act(). */
export async function settle(ms = 0) {
  await act(async () => {
    await new Promise((resolve) => setTimeout(resolve, ms));
  });
}

/** Waits until `check` stops throwing (polling inside act). */
export async function waitFor<T>(check: () => T, timeoutMs = 3000): Promise<T> {
  const start = Date.now();
  for (;;) {
    try {
      return check();
    } catch (error) {
      if (Date.now() - start > timeoutMs) throw error;
      await settle(20);
    }
  }
}
