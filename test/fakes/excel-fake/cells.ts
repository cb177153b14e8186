/**
 * How a value written through `Range.values` / `Range.formulas` lands in a cell, the way Excel
 * treats it as typed input. Modelled (see OFFICE-NOTES.md "Range.values"):
 *  - a string starting with "=" becomes a formula;
 *  - a string starting with "+" or "-" followed by a digit, letter or "(" becomes a formula
 *    ("=" is prepended: "+1-555" → formula "=+1-555", value -554) unless it is a plain number
 *    ("-5" → number -5);
 *  - a string starting with "@" followed by a letter is Lotus-style formula entry, which Excel
 *    still accepts ("@SUM(A1:A2)" → "=SUM(A1:A2)"): the fake makes it a formula ("@x" → "=x");
 *    this is why CSV-injection guards list "@" beside "=", "+" and "-";
 *  - a plain decimal string becomes a number ("00123" → 123) and "TRUE"/"FALSE" a boolean;
 *  - a leading apostrophe is Excel's hidden quote prefix: the cell keeps the rest as text;
 *  - when the cell's number format is "@" (Text) at the time of the write, the string is kept
 *    literally (OFFICE-NOTES says this is not documented to work in every host; the fake
 *    follows what desktop Excel does for typed entry).
 * Not modelled: dates, percentages, currency and thousands separators in strings.
 */
import { officeError } from './errors.js';

export type CellValue = string | number | boolean;

/** What a cell holds after a write: its value and, for formulas, the formula text. */
export interface CellContent {
  value: CellValue | undefined;
  formula?: string;
}

/** Placeholder result for formulas the fake cannot evaluate (it has no calculation engine). */
export const UNEVALUATED_FORMULA = '#FORMULA';

const PLAIN_NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;
const MAX_CELL_TEXT = 32_767;

/** Interprets one written value; `numberFormat` is the cell's format at the time of the write. */
export function interpretInput(raw: unknown, numberFormat: string | undefined, where: string): CellContent {
  if (typeof raw === 'number') {
    if (!Number.isFinite(raw)) throw officeError('InvalidArgument', `The value ${raw} cannot be written to a cell.`, where);
    return { value: raw };
  }
  if (typeof raw === 'boolean') return { value: raw };
  if (typeof raw !== 'string') throw officeError('InvalidArgument', `Cell values must be strings, numbers or booleans, got ${typeof raw}.`, where);
  if (raw.length > MAX_CELL_TEXT) throw officeError('InvalidArgument', `A cell holds at most ${MAX_CELL_TEXT} characters.`, where);
  if (raw === '') return { value: undefined };
  if (numberFormat === '@') return { value: raw };
  if (raw.startsWith("'")) return { value: raw.slice(1) === '' ? undefined : raw.slice(1) };
  if (raw.startsWith('=') && raw.length > 1) return formulaContent(raw);
  const trimmed = raw.trim();
  if (PLAIN_NUMBER.test(trimmed)) return { value: Number(trimmed) };
  if (/^(true|false)$/i.test(trimmed)) return { value: trimmed.toLowerCase() === 'true' };
  if (/^[+-][0-9A-Za-z(]/.test(raw)) return formulaContent(`=${raw}`);
  if (/^@[A-Za-z_]/.test(raw)) return formulaContent(`=${raw.slice(1)}`);
  return { value: raw };
}

function formulaContent(formula: string): CellContent {
  const evaluated = evaluateArithmetic(formula.slice(1));
  return { value: evaluated ?? UNEVALUATED_FORMULA, formula };
}

/**
 * Evaluates a formula body made only of numbers, + - * / ^, parentheses and unary signs;
 * anything else (references, functions, text) returns null.
 */
export function evaluateArithmetic(body: string): number | null {
  const tokens = body.replace(/\s+/g, '').match(/\d+(\.\d*)?([eE][+-]?\d+)?|\.\d+|[-+*/^()]/g);
  if (!tokens || tokens.join('') !== body.replace(/\s+/g, '')) return null;
  let pos = 0;
  const peek = () => tokens[pos];
  const expr = (): number => {
    let v = term();
    while (peek() === '+' || peek() === '-') v = tokens[pos++] === '+' ? v + term() : v - term();
    return v;
  };
  const term = (): number => {
    let v = power();
    while (peek() === '*' || peek() === '/') v = tokens[pos++] === '*' ? v * power() : v / power();
    return v;
  };
  const power = (): number => {
    const base = unary();
    return peek() === '^' ? (pos++, base ** power()) : base;
  };
  const unary = (): number => {
    if (peek() === '-') return pos++, -unary();
    if (peek() === '+') return pos++, unary();
    return atom();
  };
  const atom = (): number => {
    const t = tokens[pos++];
    if (t === '(') {
      const v = expr();
      if (tokens[pos++] !== ')') throw new Error('unbalanced');
      return v;
    }
    if (t === undefined || !/^[\d.]/.test(t)) throw new Error('unexpected');
    return Number(t);
  };
  try {
    const v = expr();
    return pos === tokens.length && Number.isFinite(v) ? v : null;
  } catch {
    return null;
  }
}

/** The string Excel shows for a value (number formats other than General/@ are not rendered). */
export function displayText(value: CellValue | undefined): string {
  if (value === undefined) return '';
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  return String(value);
}

/** Excel.RangeValueType of a stored value. */
export function valueType(value: CellValue | undefined): string {
  if (value === undefined) return 'Empty';
  if (typeof value === 'boolean') return 'Boolean';
  if (typeof value === 'number') return 'Double';
  return value.startsWith('#') && value !== '' && /^#[A-Z/0!?]+[!?]?$/.test(value) ? 'Error' : 'String';
}

const NAMED_COLOURS: Record<string, string> = {
  black: '#000000', white: '#FFFFFF', red: '#FF0000', green: '#008000', blue: '#0000FF',
  yellow: '#FFFF00', orange: '#FFA500', gray: '#808080', grey: '#808080',
};

/** Excel reports colours as upper-case "#RRGGBB"; accepts "#rgb", "#rrggbb" and a few names. */
export function normaliseColour(colour: unknown, where: string): string {
  if (typeof colour !== 'string') throw officeError('InvalidArgument', 'A colour must be a string such as "#RRGGBB".', where);
  const named = NAMED_COLOURS[colour.toLowerCase()];
  if (named) return named;
  const short = /^#([0-9a-f])([0-9a-f])([0-9a-f])$/i.exec(colour);
  if (short) return `#${short[1]}${short[1]}${short[2]}${short[2]}${short[3]}${short[3]}`.toUpperCase();
  if (/^#[0-9a-f]{6}$/i.test(colour)) return colour.toUpperCase();
  throw officeError('InvalidArgument', `'${colour}' is not a colour Excel understands; use "#RRGGBB".`, where);
}
