import { describe, expect, it } from 'vitest';
import type { SensitivitySample } from '../../src/engine/index.js';
import { CHART_BACKGROUND, chartColours } from '../../src/taskpane/chartColours.js';
import { markerOnAxis } from '../../src/taskpane/components/SensitivityChart.js';

/** WCAG 2.x contrast ratio of two #RRGGBB colours. */
function contrast(a: string, b: string): number {
  const luminance = (hex: string) => {
    const [r, g, b] = [1, 3, 5].map((i) => parseInt(hex.slice(i, i + 2), 16) / 255).map((v) => (v <= 0.03928 ? v / 12.92 : ((v + 0.055) / 1.055) ** 2.4));
    return 0.2126 * r! + 0.7152 * g! + 0.0722 * b!;
  };
  const [hi, lo] = [luminance(a), luminance(b)].sort((x, y) => y - x);
  return (hi! + 0.05) / (lo! + 0.05);
}

/** The colour `hex` painted at `alpha` over `background`. */
function over(hex: string, alpha: number, background: string): string {
  const channel = (c: string, i: number) => parseInt(c.slice(i, i + 2), 16);
  return `#${[1, 3, 5].map((i) => Math.round(alpha * channel(hex, i) + (1 - alpha) * channel(background, i)).toString(16).padStart(2, '0')).join('')}`;
}

describe('chart colours', () => {
  for (const theme of ['light', 'dark'] as const) {
    it(`keep every series at 3:1 or more against the ${theme} background (WCAG 1.4.11)`, () => {
      const colours = chartColours(theme === 'dark');
      const background = CHART_BACKGROUND[theme];
      for (const [name, colour] of Object.entries(colours)) {
        // The threshold marker is two 40 % layers (64 % opaque).
        const painted = name === 'marker' ? over(colour, 0.64, background) : colour;
        expect(contrast(painted, background), `${theme} ${name} ${painted}`).toBeGreaterThanOrEqual(3);
      }
    });
  }

  it('the old single palette failed on the dark background (why there are two)', () => {
    expect(contrast('#0F6CBD', CHART_BACKGROUND.dark)).toBeLessThan(3);
    expect(contrast('#C50F1F', CHART_BACKGROUND.dark)).toBeLessThan(3);
  });
});

describe('sensitivity marker', () => {
  const samples = [0, 500, 1000].map((threshold) => ({ threshold, balanced: 90, custom: 90, dealSizeRatio: 2 }) satisfies SensitivitySample);
  it('is drawn only for a threshold on the sampled axis', () => {
    expect(markerOnAxis(samples, 0)).toBe(true);
    expect(markerOnAxis(samples, 750)).toBe(true);
    expect(markerOnAxis(samples, 1000)).toBe(true);
    expect(markerOnAxis(samples, 10_000_000)).toBe(false);
    expect(markerOnAxis([], 0)).toBe(false);
  });
});
