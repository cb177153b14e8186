/**
 * Colours of the five fairness bands (SPEC §5). Each band pairs a background with a text
 * colour of at least 4.5:1 contrast, in light and dark themes alike.
 */
import type { Band } from '../engine/index.js';

export const BAND_COLOURS: Readonly<Record<Band, { background: string; text: string }>> = {
  'Dark Green': { background: '#0B6A0B', text: '#FFFFFF' },
  'Light Green': { background: '#A7E3A5', text: '#0B2E0B' },
  Yellow: { background: '#FFE066', text: '#3D3000' },
  Orange: { background: '#F7A35C', text: '#3A1A00' },
  Red: { background: '#C50F1F', text: '#FFFFFF' },
};

/** Grey "N/A" chip colours. */
export const NA_COLOURS = { background: '#E1E1E1', text: '#242424' };

export const BAND_RANGES = '94–100 Dark Green · 88–93 Light Green · 82–87 Yellow · 75–81 Orange · below 75 Red';
