/**
 * Range formatting: fill, font, alignment, column widths, autofit. Stored as rectangle layers
 * (model.ts); reading a property over a range gives its value when uniform, else null, as Excel does.
 * Docs: https://learn.microsoft.com/javascript/api/excel/excel.rangeformat
 */
import { rectContains, type Rect } from './a1.js';
import { displayText, normaliseColour } from './cells.js';
import { officeError } from './errors.js';
import type { Exec } from './context.js';
import {
  assertUnprotected, DEFAULT_COLUMN_WIDTH, DEFAULT_ROW_HEIGHT, FORMAT_DEFAULTS, layersIn, layerValueAt, pushLayer, storedPart,
  type FormatProp, type RangeRef, type SheetModel,
} from './model.js';
import { defineProps, FakeClientObject } from './proxy-base.js';
/** A format property across a range: its value when uniform, else null (as Excel reports). */
function uniformFormat(sheet: SheetModel, prop: FormatProp, rect: Rect): unknown {
  const fallback = FORMAT_DEFAULTS[prop];
  const layers = layersIn(sheet.formats.get(prop) ?? [], rect);
  if (layers.length === 0) return fallback;
  const top = layers[layers.length - 1]!;
  if (!Array.isArray(top.value) && rectContains(top.rect, rect)) return top.value ?? fallback;
  let first: unknown;
  for (let r = rect.r0; r < rect.r0 + rect.rows; r++) {
    for (let c = rect.c0; c < rect.c0 + rect.cols; c++) {
      const v = layerValueAt(layers, r, c) ?? fallback;
      if (first === undefined) first = v;
      else if (v !== first) return null;
    }
  }
  return first;
}

const ALIGN_H = ['General', 'Left', 'Center', 'Right', 'Fill', 'Justify', 'CenterAcrossSelection', 'Distributed'];
const ALIGN_V = ['Top', 'Center', 'Bottom', 'Justify', 'Distributed'];

function checkFormatValue(prop: FormatProp, value: unknown, where: string): string | number | boolean {
  const bad = () => officeError('InvalidArgument', `${String(value)} is not a valid value for ${prop}.`, where);
  switch (prop) {
    case 'fill.color':
    case 'font.color': return normaliseColour(value, where);
    case 'font.bold':
    case 'font.italic':
    case 'wrapText': if (typeof value !== 'boolean') throw bad(); return value;
    case 'font.size': if (typeof value !== 'number' || !(value > 0 && value <= 409)) throw bad(); return value;
    case 'font.name': if (typeof value !== 'string' || value === '') throw bad(); return value;
    case 'horizontalAlignment': if (!ALIGN_H.includes(String(value))) throw bad(); return String(value);
    case 'verticalAlignment': if (!ALIGN_V.includes(String(value))) throw bad(); return String(value);
  }
}

/** Shared by RangeFormat, RangeFill and RangeFont: props map to layered FormatProps. */
abstract class FormatPart extends FakeClientObject<RangeRef> {
  abstract readonly _map: Record<string, FormatProp>;

  override _read(ref: RangeRef, prop: string, x: Exec): unknown {
    const fp = this._map[prop];
    return fp ? uniformFormat(ref.sheet, fp, ref.rect) : super._read(ref, prop, x);
  }

  override _write(ref: RangeRef, prop: string, value: unknown, x: Exec): void {
    const fp = this._map[prop];
    if (!fp) return super._write(ref, prop, value, x);
    const where = `${this._className}.${prop}`;
    assertUnprotected(ref.sheet, where);
    pushLayer(ref.sheet.formatLayers(fp), { rect: { ...ref.rect }, value: checkFormatValue(fp, value, where) }, x.undo);
  }
}

export class FakeRangeFormat extends FormatPart {
  readonly _className = 'RangeFormat';
  readonly _map: Record<string, FormatProp> = { horizontalAlignment: 'horizontalAlignment', verticalAlignment: 'verticalAlignment', wrapText: 'wrapText' };
  readonly _props = ['columnWidth', 'rowHeight', 'horizontalAlignment', 'verticalAlignment', 'wrapText'] as const;
  override readonly _navs = ['fill', 'font'];
  declare columnWidth: number;
  declare rowHeight: number;
  declare horizontalAlignment: string;
  declare verticalAlignment: string;
  declare wrapText: boolean;

  override _read(ref: RangeRef, prop: string, x: Exec): unknown {
    const { sheet, rect } = ref;
    if (prop === 'columnWidth') return uniformSize(sheet.columnWidths, rect.c0, rect.cols, DEFAULT_COLUMN_WIDTH);
    if (prop === 'rowHeight') return uniformSize(sheet.rowHeights, rect.r0, Math.min(rect.rows, Math.max(1, sheet.rows.length - rect.r0)), DEFAULT_ROW_HEIGHT);
    return super._read(ref, prop, x);
  }

  override _write(ref: RangeRef, prop: string, value: unknown, x: Exec): void {
    if (prop !== 'columnWidth' && prop !== 'rowHeight') return super._write(ref, prop, value, x);
    assertUnprotected(ref.sheet, `RangeFormat.${prop}`);
    if (typeof value !== 'number' || !(value >= 0 && value <= 1800)) throw officeError('InvalidArgument', `${String(value)} is not a valid ${prop} (points).`, `RangeFormat.${prop}`);
    const sizes = prop === 'columnWidth' ? ref.sheet.columnWidths : ref.sheet.rowHeights;
    const [start, count] = prop === 'columnWidth' ? [ref.rect.c0, ref.rect.cols] : [ref.rect.r0, ref.rect.rows];
    setSizes(sizes, start, count, () => value, x);
  }

  /** Sets each column's width from its longest displayed text (about 5.25 pt per character). */
  autofitColumns(): void {
    this._queue('autofitColumns', (x) => {
      const { sheet, rect } = this._require(x);
      assertUnprotected(sheet, 'RangeFormat.autofitColumns');
      const part = storedPart(sheet, rect);
      if (!part) return;
      const longest = new Map<number, number>();
      for (let r = part.r0; r < part.r0 + part.rows; r++) {
        const row = sheet.rows[r];
        if (!row) continue;
        for (let c = part.c0; c < part.c0 + part.cols; c++) {
          const len = displayText(row[c]).length;
          if (len > (longest.get(c) ?? 0)) longest.set(c, len);
        }
      }
      setSizes(sheet.columnWidths, part.c0, part.cols, (c) => {
        const len = longest.get(c);
        return len ? Math.min(1800, Math.ceil(len * 5.25 + 7.5)) : undefined;
      }, x);
    });
  }

  autofitRows(): void {
    this._queue('autofitRows', (x) => assertUnprotected(this._require(x).sheet, 'RangeFormat.autofitRows'));
  }

  get fill(): FakeRangeFill {
    return this._child('fill', () => new FakeRangeFill(this._ctx, `${this._path}.fill`, (x) => this._resolve(x), this._nullable));
  }

  get font(): FakeRangeFont {
    return this._child('font', () => new FakeRangeFont(this._ctx, `${this._path}.font`, (x) => this._resolve(x), this._nullable));
  }
}
defineProps(FakeRangeFormat, [], ['columnWidth', 'rowHeight', 'horizontalAlignment', 'verticalAlignment', 'wrapText']);

function uniformSize(sizes: Map<number, number>, start: number, count: number, fallback: number): number | null {
  const first = sizes.get(start) ?? fallback;
  for (let i = 1; i < count; i++) if ((sizes.get(start + i) ?? fallback) !== first) return null;
  return first;
}

function setSizes(sizes: Map<number, number>, start: number, count: number, size: (i: number) => number | undefined, x: Exec): void {
  const before = new Map<number, number | undefined>();
  for (let i = start; i < start + count; i++) {
    const s = size(i);
    if (s === undefined) continue;
    before.set(i, sizes.get(i));
    sizes.set(i, s);
  }
  x.undo.push(() => {
    for (const [i, s] of before) if (s === undefined) sizes.delete(i); else sizes.set(i, s);
  });
}

export class FakeRangeFill extends FormatPart {
  readonly _className = 'RangeFill';
  readonly _map: Record<string, FormatProp> = { color: 'fill.color' };
  readonly _props = ['color'] as const;
  declare color: string;

  /** Removes the fill (back to the default white). */
  clear(): void {
    this._queue('clear', (x) => {
      const ref = this._require(x);
      assertUnprotected(ref.sheet, 'RangeFill.clear');
      pushLayer(ref.sheet.formatLayers('fill.color'), { rect: { ...ref.rect }, value: null }, x.undo);
    });
  }
}
defineProps(FakeRangeFill, [], ['color']);

export class FakeRangeFont extends FormatPart {
  readonly _className = 'RangeFont';
  readonly _map: Record<string, FormatProp> = { bold: 'font.bold', color: 'font.color', italic: 'font.italic', name: 'font.name', size: 'font.size' };
  readonly _props = ['bold', 'color', 'italic', 'name', 'size'] as const;
  declare bold: boolean;
  declare color: string;
  declare italic: boolean;
  declare name: string;
  declare size: number;
}
defineProps(FakeRangeFont, [], ['bold', 'color', 'italic', 'name', 'size']);
