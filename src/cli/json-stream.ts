/**
 * Writes a report as `JSON.stringify(value, null, 2)` would, but piece by piece: one string for
 * the whole report hits V8's maximum string length (~512 MiB) — an `--audit` report of a
 * 30,000-account, 200-rep book already does — and doubles peak memory on smaller ones.
 */
import { createWriteStream } from 'node:fs';
import type { Writable } from 'node:stream';
import { finished } from 'node:stream/promises';

const FLUSH_AT = 1 << 20;
// Array elements stringified per call: few calls, yet one --audit chunk stays a few MB.
const CHUNK = 256;

const isPlain = (value: unknown): value is object =>
  value !== null && typeof value === 'object' && typeof (value as { toJSON?: unknown }).toJSON !== 'function' && !ArrayBuffer.isView(value);

// Raw newlines never occur inside JSON strings (they are escaped), so re-indenting is safe.
const indented = (text: string, indent: string) => (indent === '' ? text : text.replace(/\n/g, `\n${indent}`));

/** An array's pieces, a chunk of elements per JSON.stringify call; `member` when it is a top-level member. */
function* arrayPieces(array: readonly unknown[], member: boolean): Generator<string> {
  if (array.length === 0) return yield '[]';
  yield '[\n';
  for (let from = 0; from < array.length; from += CHUNK) {
    const chunk = array.slice(from, from + CHUNK);
    // Stringified inside a one-member object, the elements come out already indented for a member
    // array ('{\n  "k": [\n' … '\n  ]\n}'), so slicing replaces a slow re-indenting pass.
    const text = member ? JSON.stringify({ k: chunk }, null, 2).slice(11, -6) : JSON.stringify(chunk, null, 2).slice(2, -2);
    yield from === 0 ? text : `,\n${text}`;
  }
  yield member ? '\n  ]' : '\n]';
}

/**
 * The pieces of `JSON.stringify(value, null, 2)`, in order; their concatenation is byte-identical to it.
 * The top-level object is written member by member and its arrays chunk by chunk.
 */
export function* jsonPieces(value: unknown): Generator<string> {
  if (Array.isArray(value)) return yield* arrayPieces(value, false);
  if (!isPlain(value)) return yield JSON.stringify(value, null, 2) ?? 'null';
  let first = true;
  for (const [key, member] of Object.entries(value as Record<string, unknown>)) {
    // JSON.stringify leaves out members it cannot represent.
    if (member === undefined || typeof member === 'function' || typeof member === 'symbol') continue;
    yield `${first ? '{' : ','}\n  ${JSON.stringify(key)}: `;
    first = false;
    if (Array.isArray(member)) yield* arrayPieces(member, true);
    else yield indented(JSON.stringify(member, null, 2) ?? 'null', '  ');
  }
  yield first ? '{}' : '\n}';
}

function write(out: Writable, text: string): Promise<void> {
  return new Promise((resolve, reject) => {
    out.write(text, (error) => (error ? reject(error) : resolve()));
  });
}

/** Writes `value` as pretty JSON plus a newline to `path`, or to stdout when `path` is `-`. */
export async function writeJsonFile(path: string, value: unknown): Promise<void> {
  const out: Writable = path === '-' ? process.stdout : createWriteStream(path);
  if (path !== '-') {
    // Failures reach us through the write callbacks and `finished`; this listener only keeps a
    // later 'error' event (disk full) from becoming an uncaught exception.
    out.on('error', () => {});
    await new Promise<void>((resolve, reject) => out.once('ready', resolve).once('error', reject));
  }
  let buffer = '';
  for (const piece of jsonPieces(value)) {
    buffer += piece;
    if (buffer.length >= FLUSH_AT) {
      await write(out, buffer);
      buffer = '';
    }
  }
  await write(out, `${buffer}\n`);
  if (path !== '-') {
    out.end();
    await finished(out);
  }
}
