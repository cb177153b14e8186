import { afterEach, describe, expect, it } from 'vitest';
import { BonusSliders } from '../../src/taskpane/components/BonusSliders.js';
import { cleanup, click, getByRole, renderInPane, waitFor } from './setup.js';

afterEach(cleanup);

describe('bonus sliders', () => {
  it('run 0–0.10 in 0.01 steps, and their tooltips say bonuses are tie-breakers that still decide many steps (SPEC §4)', async () => {
    await renderInPane(<BonusSliders geoBonus={0.05} preserveBonus={0.05} onGeoChange={() => {}} onPreserveChange={() => {}} />);
    // Fluent's InfoLabel button is named "<label> information" through aria-labelledby on itself + the label.
    const infoButtons = [...document.querySelectorAll<HTMLElement>('button[aria-label="information"]')];
    expect(infoButtons).toHaveLength(2);
    for (const [i, name] of ['Geo bonus', 'Preserve bonus'].entries()) {
      const slider = getByRole('slider', name) as HTMLInputElement;
      expect([slider.min, slider.max, slider.step, slider.value]).toEqual(['0', '0.1', '0.01', '0.05']);
      const labelledBy = infoButtons[i]!.getAttribute('aria-labelledby')!.split(' ').map((id) => document.getElementById(id)?.getAttribute('aria-label') || document.getElementById(id)?.textContent);
      expect(labelledBy.join(' ')).toBe(`${name} information`);
      await click(infoButtons[i]!);
      const tip = await waitFor(() => {
        const text = document.body.textContent ?? '';
        if (!text.includes('tie-breakers')) throw new Error('tooltip not open');
        return text;
      });
      expect(tip).toContain('a bonus B beats a relative gap of at most B/(1+B)');
      expect(tip).toContain('at 0.10 it flips only calls within ≈9 %');
      expect(tip).toContain('≈40 % at geo 0.07 / preserve 0.03 on a 300-account book');
      expect(tip).toContain('0.10 + 0.10 beats a gap of up to ≈17 %');
      await click(infoButtons[i]!);
    }
  });
});
