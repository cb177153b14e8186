/**
 * Chart colours per theme. Every series keeps at least 3:1 contrast against the pane's
 * background (WCAG 1.4.11): Fluent's brand blue and cranberry fall to ~2.5:1 on the dark
 * theme's #292929, so dark uses their lighter tints.
 */
export interface ChartColours {
  readonly balanced: string;
  readonly custom: string;
  readonly ratio: string;
  /** The current-threshold band; the library draws fill bars at 40 % opacity (see SensitivityChart). */
  readonly marker: string;
  readonly highRisk: string;
  readonly otherArr: string;
  readonly before: string;
  readonly after: string;
}

const LIGHT: ChartColours = {
  balanced: '#0F6CBD',
  custom: '#8764B8',
  ratio: '#CA5010',
  marker: '#242424',
  highRisk: '#C50F1F',
  otherArr: '#0F6CBD',
  before: '#8A8886',
  after: '#0F6CBD',
};

const DARK: ChartColours = {
  balanced: '#479EF5',
  custom: '#A083C9',
  ratio: '#D77440',
  marker: '#FFFFFF',
  highRisk: '#DC626D',
  otherArr: '#479EF5',
  before: '#8A8886',
  after: '#479EF5',
};

/** The palette for a light or dark pane. */
export function chartColours(dark: boolean): ChartColours {
  return dark ? DARK : LIGHT;
}

/** Background behind the charts (Fluent's colorNeutralBackground1), for the contrast tests. */
export const CHART_BACKGROUND = { light: '#FFFFFF', dark: '#292929' } as const;
