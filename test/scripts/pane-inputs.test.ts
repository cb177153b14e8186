/** The preview's reuse check (scripts/pane-inputs.mjs): what makes dist/ count as up to date. */
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { distIsCurrent, HASH_FILE, paneInputsHash } from '../../scripts/pane-inputs.mjs';

const saved = { ADDIN_URL: process.env.ADDIN_URL, TS_SAMPLE_XLSX: process.env.TS_SAMPLE_XLSX };
afterEach(() => {
  for (const [key, value] of Object.entries(saved)) {
    if (value === undefined) delete process.env[key];
    else process.env[key] = value;
  }
});

describe('pane inputs hash', () => {
  it('is the same for the same inputs, and differs with the mode, ADDIN_URL or the sample workbook', () => {
    delete process.env.ADDIN_URL;
    delete process.env.TS_SAMPLE_XLSX;
    const production = paneInputsHash('production');
    expect(paneInputsHash('production')).toBe(production);
    expect(paneInputsHash('development')).not.toBe(production);
    process.env.ADDIN_URL = 'https://addin.example.com';
    expect(paneInputsHash('production')).not.toBe(production);
    delete process.env.ADDIN_URL;
    const other = join(mkdtempSync(join(tmpdir(), 'ts-inputs-')), 'book.xlsx');
    writeFileSync(other, 'not really a workbook');
    process.env.TS_SAMPLE_XLSX = other;
    const withOther = paneInputsHash('production');
    expect(withOther).not.toBe(production);
    writeFileSync(other, 'edited');
    expect(paneInputsHash('production')).not.toBe(withOther);
  });

  it('counts dist/ as current only with a built taskpane.html and the matching hash', () => {
    const dist = mkdtempSync(join(tmpdir(), 'ts-dist-'));
    const hash = paneInputsHash('production');
    writeFileSync(join(dist, HASH_FILE), `${hash}\n`);
    expect(distIsCurrent(dist, hash)).toBe(false);
    writeFileSync(join(dist, 'taskpane.html'), '<!doctype html>');
    expect(distIsCurrent(dist, hash)).toBe(true);
    expect(distIsCurrent(dist, paneInputsHash('development'))).toBe(false);
  });
});
