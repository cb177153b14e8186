import { describe, expect, it } from 'vitest';
import { normalizeHeader, parseNumberCell, parseSegment } from '../../src/engine/cells.js';

describe('numeric cells (SPEC §2, §14)', () => {
  it.each([
    ['$1,200,000', 1_200_000],
    [' 850 ', 850],
    ['€5', 5],
    ['£1,000.50', 1000.5],
    ['1e3', 1000],
    ['1.5E+3', 1500],
    ['2e-2', 0.02],
    ['-5', -5],
    ['1\u00a0000', 1000],
    [42, 42],
    [0, 0],
  ])('reads %j as %d', (cell, value) => {
    expect(parseNumberCell(cell)).toEqual({ ok: true, value });
  });

  it.each([['0x10'], ['Infinity'], ['50%'], ['(1,200)'], ['$'], [''], ['abc'], ['1.'], ['.5'], ['1e999'], ['--1'], ['1-2']])(
    'rejects %j as a type error',
    (cell) => {
      expect(parseNumberCell(cell)).toEqual({ ok: false });
    },
  );

  it('rejects booleans, NaN and infinities', () => {
    expect(parseNumberCell(true).ok).toBe(false);
    expect(parseNumberCell(Number.NaN).ok).toBe(false);
    expect(parseNumberCell(Number.POSITIVE_INFINITY).ok).toBe(false);
  });
});

describe('headers and segments', () => {
  it('treats space, underscore and hyphen alike, ignoring case and surrounding spaces', () => {
    expect(normalizeHeader(' Account ID ')).toBe('account_id');
    expect(normalizeHeader('account-id')).toBe('account_id');
    expect(normalizeHeader('ACCOUNT_ID')).toBe('account_id');
  });

  it.each([
    ['Enterprise', 'Enterprise'], ['ent', 'Enterprise'], [' E ', 'Enterprise'], ['ENT', 'Enterprise'],
    ['Mid-Market', 'Mid-Market'], ['mid market', 'Mid-Market'], ['Midmarket', 'Mid-Market'], ['MM', 'Mid-Market'],
  ])('segment %j → %s', (text, segment) => {
    expect(parseSegment(text)).toBe(segment);
  });

  it('rejects other segment spellings', () => {
    expect(parseSegment('SMB')).toBeNull();
    expect(parseSegment('Mid_Market')).toBeNull();
    expect(parseSegment('')).toBeNull();
  });
});
