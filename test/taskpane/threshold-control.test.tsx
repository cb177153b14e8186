import { afterEach, describe, expect, it } from 'vitest';
import { sliderPosition, thresholdSlider } from '../../src/engine/index.js';
import { stepPosition, ThresholdControl } from '../../src/taskpane/components/ThresholdControl.js';
import { formatThreshold, parseThreshold } from '../../src/taskpane/format.js';
import { changeValue, cleanup, getByRole, renderInPane } from './setup.js';
import { act } from 'react';

afterEach(cleanup);

// The sample book's spread (SPEC §3): min 10, max 140,741 → the log scale.
const slider = thresholdSlider([10, 389, 2714, 140_741]);

async function renderControl(value = 1000) {
  const changes: number[] = [];
  await renderInPane(<ThresholdControl value={value} slider={slider} onChange={(v) => changes.push(v)} />);
  return changes;
}

const key = async (el: HTMLElement, k: string) => {
  await act(async () => {
    el.dispatchEvent(new KeyboardEvent('keydown', { key: k, bubbles: true }));
  });
};

describe('threshold control', () => {
  it('shows the value with separators in the box and says it with separators on the slider', async () => {
    await renderControl(1000);
    const box = getByRole('spinbutton', 'Threshold value') as HTMLInputElement;
    expect(box.value).toBe('1,000');
    expect(box.getAttribute('aria-valuenow')).toBe('1000');
    expect(getByRole('slider', 'Threshold').getAttribute('aria-valuetext')).toBe('1,000 employees');
    expect(slider.scale).toBe('log');
  });

  it('uses a typed value exactly (separators or not) and flags one it cannot use', async () => {
    const changes = await renderControl();
    const box = getByRole('spinbutton', 'Threshold value');
    await changeValue(box, '1234');
    await changeValue(box, '12,345.5');
    expect(changes).toEqual([1234, 12_345.5]);
    expect(document.body.textContent).not.toContain('Type a number of employees');
    await changeValue(box, '-5');
    expect(changes).toEqual([1234, 12_345.5]);
    expect(document.body.textContent).toContain('Type a number of employees, 0 or more.');
    expect(box.getAttribute('aria-invalid')).toBe('true');
  });

  it('steps the box with the arrow keys from slider position to slider position, from any typed value', async () => {
    const changes = await renderControl(1234);
    const box = getByRole('spinbutton', 'Threshold value');
    await key(box, 'ArrowUp');
    await key(box, 'ArrowDown');
    expect(changes).toEqual([1250, 1000]);
    expect(stepPosition(slider, 1000, 1)).toBe(1250);
    expect(stepPosition(slider, 1000, -1)).toBe(750);
    expect(stepPosition(slider, slider.max, 1)).toBeNull();
  });

  it('reaches 250, 500, 1,000, 2,000 and 5,000 on the log scale', () => {
    const positions = Array.from({ length: slider.count }, (_, i) => sliderPosition(slider, i));
    for (const t of [250, 500, 1000, 2000, 5000]) expect(positions).toContain(t);
  });
});

describe('threshold formats', () => {
  it('never rounds and reads what people type', () => {
    expect(formatThreshold(10_000_000)).toBe('10,000,000');
    expect(formatThreshold(1234.5)).toBe('1,234.5');
    expect(formatThreshold(0)).toBe('0');
    expect(parseThreshold(' 1,000 ')).toBe(1000);
    expect(parseThreshold('1 000')).toBe(1000);
    expect(parseThreshold('2.5e3')).toBe(2500);
    expect(parseThreshold('.5')).toBe(0.5);
    for (const bad of ['', '-5', 'abc', '1,0x', '0x10', 'Infinity', '1e999']) expect(parseThreshold(bad)).toBeNull();
  });
});
