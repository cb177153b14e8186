/** Run outputs for workbook tests: real sheets through the real reader and engine. */
import {
  bookThresholdSlider,
  defaultSettings,
  evaluate,
  readBook,
  sensitivity,
  type Cell,
  type Settings,
  type SheetInput,
  type RunOutput,
} from '../../src/engine/index.js';
import { generateBook } from '../../src/sample/generate-book.js';

export const GENERATED_AT = '2025-01-02T03:04:05.000Z';

export interface Scenario {
  readonly reps: SheetInput;
  readonly accounts: SheetInput;
  readonly output: RunOutput;
}

/** Reads the sheets, evaluates with default settings (plus overrides) and samples sensitivity. */
export function runOutput(reps: SheetInput, accounts: SheetInput, overrides: Partial<Settings> = {}, withSensitivity = true): RunOutput {
  const read = readBook(reps, accounts);
  if (!read.ok) throw new Error(`expected a valid book: ${JSON.stringify(read.errors.slice(0, 3))}`);
  const { book } = read;
  const settings = { ...defaultSettings(book), ...overrides };
  const evaluation = evaluate(book, settings);
  return {
    book,
    evaluation,
    readWarnings: read.warnings,
    sensitivity: withSensitivity ? sensitivity(book, settings, bookThresholdSlider(book)) : [],
    generatedAt: GENERATED_AT,
  };
}

/** A seeded generated book as sheets plus its run output. */
export function generatedScenario(accounts: number, reps: number, seed: number, overrides: Partial<Settings> = {}, withSensitivity = true): Scenario {
  const g = generateBook({ accounts, reps, seed });
  const repsSheet: SheetInput = { name: 'Reps', rows: g.reps, firstRow: 1 };
  const accountsSheet: SheetInput = { name: 'Accounts', rows: g.accounts, firstRow: 1 };
  return { reps: repsSheet, accounts: accountsSheet, output: runOutput(repsSheet, accountsSheet, overrides, withSensitivity) };
}

/** A hand-made book whose names, IDs and locations look like formulas, numbers and dates. */
export function trickyScenario(overrides: Partial<Settings> = {}): Scenario {
  const reps: Cell[][] = [
    ['Rep_Name', 'Segment', 'Location'],
    ['=HYPERLINK("x")', 'Enterprise', '+1-555'],
    ['Minnie', 'Enterprise', 'CA'],
    ['-A12', 'Mid-Market', '@x'],
    ['Goofy', 'MM', 'CA'],
  ];
  const accounts: Cell[][] = [
    ['Account_ID', 'Account_Name', 'Original_Rep', 'ARR', 'Num_Employees', 'Location', 'Risk_Score', 'Notes'],
    ['00123', '=HYPERLINK("x")', 'Minnie', 1_200_000, 5000, 'CA', 0.9, 'keep me'],
    ['+1-555', '+1-555', '=HYPERLINK("x")', 800_000, 2500, '+1-555', 0.1, null],
    ['-A12', '-A12', 'Goofy', 120_000, 40, '@x', 0.8, '=1+1'],
    ['@x', '@x', '', 90_000, 60, 'CA', 0.2, 42],
    [1001, 'TRUE', 'Ghost', 50_000, 200, '', 0.75, null],
    ['A-6', "'quoted", 'Goofy', 30_000, 20, 'CA', null, 'x'],
  ];
  const repsSheet: SheetInput = { name: 'Reps', rows: reps, firstRow: 1 };
  const accountsSheet: SheetInput = { name: 'Accounts', rows: accounts, firstRow: 1 };
  return { reps: repsSheet, accounts: accountsSheet, output: runOutput(repsSheet, accountsSheet, overrides) };
}
