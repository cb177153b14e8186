/**
 * The colours the five fairness bands (SPEC §5) are named after, as a fill and a text colour of
 * at least 4.5:1 contrast (WCAG AA): white on the dark fills, near-black on the light ones. One
 * palette for the Fairness sheet's fills and the pane's chips, so the two always agree. Plain
 * data: the engine stays free of DOM and Office.
 */
import type { Band } from './metrics.js';

export const BAND_PALETTE: Readonly<Record<Band, { readonly fill: string; readonly fontColor: string }>> = {
  'Dark Green': { fill: '#1E6B3A', fontColor: '#FFFFFF' },
  'Light Green': { fill: '#C6EFCE', fontColor: '#0B3D1C' },
  Yellow: { fill: '#FFEB9C', fontColor: '#3D3000' },
  Orange: { fill: '#F8B27A', fontColor: '#3D1A00' },
  Red: { fill: '#B3261E', fontColor: '#FFFFFF' },
};
