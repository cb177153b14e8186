/**
 * The add-in manifest, checked offline: schema-valid against Microsoft's published XSDs
 * (xmllint, from Debian's libxml2-utils; CI installs it), every URL on https://localhost:3000,
 * and every icon it names present at the right pixel size and reproducible by its script.
 */
import { describe, it, expect } from 'vitest';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { inflateSync } from 'node:zlib';
import { manifestFor } from '../scripts/manifest-url.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const manifestPath = join(root, 'manifest.xml');
const manifest = readFileSync(manifestPath, 'utf8');
// Vendored in the repository (vendor/office-schemas/README.md: source and licence).
const schemaDir = join(root, 'vendor/office-schemas');
const schema = join(schemaDir, 'OfficeAppManifestV1_1.xsd');
const ORIGIN = 'https://localhost:3000/';

function xmllint(file: string): { status: number | null; output: string } {
  const run = spawnSync('xmllint', ['--noout', '--schema', schema, file], { encoding: 'utf8' });
  if (run.error) {
    throw new Error(`xmllint is not available (${run.error.message}). Install Debian's libxml2-utils: sudo apt-get install libxml2-utils`);
  }
  return { status: run.status, output: `${run.stdout}${run.stderr}` };
}

/** Width and height from a PNG's IHDR, after checking the signature and the chunk's CRC. */
function pngInfo(file: string): { width: number; height: number; pixelsOk: boolean } {
  const png = readFileSync(file);
  expect(png.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(png.toString('ascii', 12, 16)).toBe('IHDR');
  const width = png.readUInt32BE(16);
  const height = png.readUInt32BE(20);
  // Concatenate IDAT chunks and check the inflated size: one filter byte + RGBA per row.
  const idat: Buffer[] = [];
  for (let at = 8; at < png.length; ) {
    const length = png.readUInt32BE(at);
    const type = png.toString('ascii', at + 4, at + 8);
    if (type === 'IDAT') idat.push(png.subarray(at + 8, at + 8 + length));
    at += 12 + length;
  }
  const pixelsOk = png[24] === 8 && png[25] === 6 && inflateSync(Buffer.concat(idat)).length === height * (width * 4 + 1);
  return { width, height, pixelsOk };
}

describe('manifest.xml', () => {
  it('validates against the OfficeApp 1.1 schema (xmllint)', () => {
    // Offline check from OFFICE-NOTES.md: office-addin-manifest validate needs the network.
    expect(existsSync(schema), `schemas not found at ${schemaDir}`).toBe(true);
    const result = xmllint(manifestPath);
    expect(result.output).toContain('validates');
    expect(result.status).toBe(0);
  });

  it('is checked strictly: Requirements after DefaultSettings fails the schema', () => {
    // Guards the guard: element order is part of the schema (OFFICE-NOTES.md "Manifest").
    const requirements = manifest.match(/ *<Requirements>[\s\S]*?<\/Requirements>\n/)![0];
    const misordered = manifest.replace(requirements, '').replace('  <Permissions>', `${requirements}  <Permissions>`);
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    try {
      writeFileSync(join(dir, 'manifest.xml'), misordered);
      // The schema must have loaded (a missing schema also fails, for the wrong reason) and the
      // failure must be the misplaced element, not something else.
      expect(existsSync(schema), `schemas not found at ${schemaDir}`).toBe(true);
      const result = xmllint(join(dir, 'manifest.xml'));
      expect(result.status).not.toBe(0);
      expect(result.output).toMatch(/Element '\{[^}]+\}Requirements': This element is not expected/);
      expect(result.output).not.toMatch(/failed to compile|Failed to parse the XML resource|failed to load/i);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('declares an Excel task pane needing ExcelApi 1.7 with a Home-tab button that shows the pane', () => {
    expect(manifest).toMatch(/<Id>[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}<\/Id>/);
    expect(manifest).toContain('xsi:type="TaskPaneApp"');
    expect(manifest).toContain('<ProviderName>Territory Slicer</ProviderName>');
    expect(manifest).toContain('<DisplayName DefaultValue="Territory Slicer"/>');
    expect(manifest).toMatch(/<Hosts>\s*<Host Name="Workbook"\/>\s*<\/Hosts>/);
    expect(manifest).toMatch(/<Sets DefaultMinVersion="1.1">\s*<Set Name="ExcelApi" MinVersion="1.7"\/>/);
    // office.html is the page that loads office.js in its <head>; taskpane.html is preview mode (docs/DECISIONS.md).
    expect(manifest).toContain('<SourceLocation DefaultValue="https://localhost:3000/office.html?host=office"/>');
    expect(manifest).toContain('<bt:Url id="TS.Taskpane.Url" DefaultValue="https://localhost:3000/office.html?host=office"/>');
    expect(manifest).toContain('<Permissions>ReadWriteDocument</Permissions>');
    expect(manifest).toContain('<OfficeTab id="TabHome">');
    expect(manifest).toContain('<Action xsi:type="ShowTaskpane">');
    expect(manifest).toContain('DefaultValue="Territory Slicer"/>');
    expect(manifest).not.toContain('<AppDomain>');
  });

  it('points every URL at https://localhost:3000/', () => {
    const withoutNamespaces = manifest.replace(/<!--[\s\S]*?-->/g, '').replace(/\sxmlns(:\w+)?="[^"]*"/g, '');
    const urls = withoutNamespaces.match(/[a-z]+:\/\/[^"<\s]+/gi) ?? [];
    expect(urls.length).toBeGreaterThan(5);
    expect(urls.filter((u) => !u.startsWith(ORIGIN))).toEqual([]);
  });

  it('for production (ADDIN_URL at build) carries that origin in every URL and still validates', () => {
    const production = manifestFor(manifest, 'https://addins.example.com/territory-slicer/');
    expect(production).not.toContain('localhost');
    expect(production).toContain('<SourceLocation DefaultValue="https://addins.example.com/territory-slicer/office.html?host=office"/>');
    expect((production.match(/https:\/\/addins\.example\.com\/territory-slicer\//g) ?? []).length).toBe((manifest.match(/https:\/\/localhost:3000\//g) ?? []).length);
    const dir = mkdtempSync(join(tmpdir(), 'manifest-'));
    try {
      writeFileSync(join(dir, 'manifest.xml'), production);
      expect(xmllint(join(dir, 'manifest.xml')).status).toBe(0);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
    expect(manifestFor(manifest, undefined)).toBe(manifest);
    expect(() => manifestFor(manifest, 'http://addins.example.com')).toThrow(/https/);
  });
});

describe('icons', () => {
  const iconUrls = [...manifest.matchAll(/https:\/\/localhost:3000\/assets\/(icon-(\d+)\.png)/g)];

  it('exist for every icon URL in the manifest, at the size their name says, as real RGBA PNGs', () => {
    // Task-pane IconUrl is 32 px and HighResolutionIconUrl 64 px; ribbon images 16/32/80:
    // https://learn.microsoft.com/javascript/api/manifest/highresolutioniconurl
    expect(new Set(iconUrls.map((m) => m[2]))).toEqual(new Set(['16', '32', '64', '80']));
    for (const [, file, size] of iconUrls) {
      const info = pngInfo(join(root, 'assets', file!));
      expect(info, file).toEqual({ width: Number(size), height: Number(size), pixelsOk: true });
    }
    expect(manifest).toContain('<IconUrl DefaultValue="https://localhost:3000/assets/icon-32.png"/>');
    expect(manifest).toContain('<HighResolutionIconUrl DefaultValue="https://localhost:3000/assets/icon-64.png"/>');
  });

  it('are reproduced byte for byte by scripts/make-icons.mjs', () => {
    const dir = mkdtempSync(join(tmpdir(), 'icons-'));
    try {
      const run = spawnSync(process.execPath, [join(root, 'scripts/make-icons.mjs'), dir], { encoding: 'utf8' });
      expect(run.status, run.stderr).toBe(0);
      for (const size of [16, 32, 64, 80]) {
        expect(readFileSync(join(dir, `icon-${size}.png`)).equals(readFileSync(join(root, 'assets', `icon-${size}.png`))), `icon-${size}.png`).toBe(true);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
