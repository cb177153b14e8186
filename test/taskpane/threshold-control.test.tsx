import { afterEach, describe, expect, it } from 'vitest';
import { thresholdSlider } from '../../src/engine/index.js';
import { ThresholdControl } from '../../src/taskpane/components/ThresholdControl.js';
import { changeValue, cleanup, getByRole, renderInPane } from './setup.js';

afterEach(cleanup);

describe('threshold control', () => {
  it('uses a typed value exactly and flags one it cannot use', async () => {
    const changes: number[] = [];
    await renderInPane(<ThresholdControl value={1000} slider={thresholdSlider([10, 389, 2714, 140_741])} onChange={(v) => changes.push(v)} />);
    const box = getByRole('spinbutton', 'Threshold value');
    await changeValue(box, '1234');
    expect(changes).toEqual([1234]);
    expect(document.body.textContent).not.toContain('Type a number of employees');
    await changeValue(box, '-5');
    expect(changes).toEqual([1234]);
    expect(document.body.textContent).toContain('Type a number of employees, 0 or more.');
    expect(box.getAttribute('aria-invalid')).toBe('true');
  });
});
