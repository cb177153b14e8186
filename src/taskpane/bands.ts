/**
 * Colours of the five fairness bands (SPEC §5) in the pane. Each band pairs a background with a
 * text colour of at least 4.5:1 contrast, in light and dark themes alike.
 */
import { BAND_PALETTE, type Band } from '../engine/index.js';

// The same five colours as the Fairness sheet's band fills, so the pane and the shared workbook agree.
export const BAND_COLOURS: Readonly<Record<Band, { background: string; text: string }>> = Object.fromEntries(
  Object.entries(BAND_PALETTE).map(([band, style]) => [band, { background: style.fill, text: style.fontColor }]),
) as Record<Band, { background: string; text: string }>;

/** Grey "N/A" chip colours. */
export const NA_COLOURS = { background: '#E1E1E1', text: '#242424' };

export const BAND_RANGES = '94–100 Dark Green · 88–93 Light Green · 82–87 Yellow · 75–81 Orange · below 75 Red';
