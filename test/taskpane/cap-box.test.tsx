/** A cap box (SPEC §10.1: blank = none) as a user types into it and steps it with the arrow keys. */
import { act, useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { CapBox } from '../../src/taskpane/components/CapBox.js';
import { changeValue, cleanup, getByRole, renderInPane } from './setup.js';

afterEach(cleanup);

const key = async (el: HTMLElement, k: string) => {
  await act(async () => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
  });
};

/** The box over a value it owns, as the settings would hold it; every commit is recorded; `set` changes it from elsewhere. */
async function renderBox(initial: number | null, evenShare: number | null = 36) {
  const commits: (number | null)[] = [];
  let set: (v: number | null) => void = () => {};
  function Harness() {
    const [value, setValue] = useState(initial);
    set = setValue;
    return (
      <CapBox
        label="Mid-Market max accounts per rep"
        info="…"
        value={value}
        evenShare={evenShare}
        onCommit={(v) => {
          commits.push(v);
          setValue(v);
        }}
      />
    );
  }
  await renderInPane(<Harness />);
  return {
    commits,
    box: () => getByRole('spinbutton', 'Mid-Market max accounts per rep') as HTMLInputElement,
    setElsewhere: (v: number | null) => act(async () => set(v)),
  };
}

describe('cap box', () => {
  it('applies each usable entry at once, blank as no cap, and flags text it cannot use without applying it', async () => {
    const { commits, box } = await renderBox(null);
    expect(box().value).toBe('');
    expect(box().getAttribute('aria-valuetext')).toBe('no cap');
    expect(box().hasAttribute('aria-valuenow')).toBe(false);
    await changeValue(box(), '2');
    await changeValue(box(), '25');
    expect(commits).toEqual([2, 25]);
    expect(box().getAttribute('aria-valuetext')).toBe('25 accounts');
    await changeValue(box(), '25x');
    expect(commits).toEqual([2, 25]);
    expect(document.body.textContent).toContain('A whole number of accounts, or blank for no cap');
    expect(box().getAttribute('aria-invalid')).toBe('true');
    await changeValue(box(), '1,200');
    await changeValue(box(), '');
    expect(commits).toEqual([2, 25, 1200, null]);
    expect(box().getAttribute('aria-valuetext')).toBe('no cap');
  });

  it('steps with the arrow keys: from no cap to the even share, then by 1 (Page by 10), never below 0', async () => {
    const { commits, box } = await renderBox(null, 36);
    await key(box(), 'ArrowUp');
    expect(commits).toEqual([36]);
    expect(box().value).toBe('36');
    await key(box(), 'ArrowUp');
    await key(box(), 'PageDown');
    expect(commits).toEqual([36, 37, 27]);
    await changeValue(box(), '3');
    await key(box(), 'PageDown');
    await key(box(), 'ArrowDown');
    // At 0 a further press changes nothing, so nothing is committed.
    expect(commits).toEqual([36, 37, 27, 3, 0]);
    expect(box().getAttribute('aria-valuetext')).toBe('0 accounts');
  });

  it('shows a value set elsewhere (undo, reset) formatted', async () => {
    await renderInPane(<CapBox label="Enterprise max accounts per rep" info="…" value={1500} evenShare={null} onCommit={() => {}} />);
    expect((getByRole('spinbutton', 'Enterprise max accounts per rep') as HTMLInputElement).value).toBe('1,500');
    await renderInPane(<CapBox label="Enterprise max accounts per rep" info="…" value={null} evenShare={null} onCommit={() => {}} />);
    expect((getByRole('spinbutton', 'Enterprise max accounts per rep') as HTMLInputElement).value).toBe('');
  });

  it('keeps the text as typed while it means the value, shows it formatted once blurred, and takes a value set elsewhere while focused', async () => {
    const { commits, box, setElsewhere } = await renderBox(null);
    await act(async () => box().focus());
    await changeValue(box(), '1200');
    expect(commits).toEqual([1200]);
    // Committed and re-rendered with 1200: the box still reads what was typed, not "1,200".
    expect(box().value).toBe('1200');
    await act(async () => box().blur());
    expect(box().value).toBe('1,200');
    await act(async () => box().focus());
    await changeValue(box(), '0900');
    expect(box().value).toBe('0900');
    // Undo while the box has focus: the text no longer means the value, so the value replaces it.
    await setElsewhere(1500);
    expect(box().value).toBe('1,500');
    expect(commits).toEqual([1200, 900]);
  });
});
