/**
 * What the add-in last wrote into Assigned_Rep, so a later Allocate can tell a person's edits from its
 * own (SPEC §16 "hand edits are never lost"). Kept on a very hidden sheet the add-in owns,
 * `TS_LastWritten`: Account_ID and the rep written, one row per account, written in row blocks under
 * the request limit like any data and read back the same way — it scales to Excel's row limit, where
 * a per-row record in the document's settings (one JSON bag, loaded whole at every start and rewritten
 * whole at every save) would not (docs/DECISIONS.md).
 *
 * A write marks the record incomplete (setting `TerritorySlicer.lastWritten`) in the same request as
 * the first Assigned_Rep cells, and complete once the record sheet holds the new values: after an
 * interrupted write the record says so instead of passing the add-in's own cells off as edits.
 */
import { cellText, normalizeHeader, type Book, type Cell, type Evaluation } from '../../engine/index.js';
import type { OutCell } from '../layout/types.js';
import type { HandEdit, HandEditCheck } from '../port.js';
import { blockOp, queueRowBlocks } from './blocks.js';
import { createOwnedSheet } from './create-sheet.js';
import { jsonBytes, rangeAt, type OfficeEnv } from './env.js';
import { syncBlock, WorkbookError } from './errors.js';
import { LAST_WRITTEN_KEY, LAST_WRITTEN_ROLE, LAST_WRITTEN_SHEET, OWNED_RECORD_KEY, OWNER_KEY } from './keys.js';
import { OwnershipRecord } from './ownership.js';
import type { Prepared } from './prepare.js';
import { OP_OVERHEAD_BYTES, type RequestQueue } from './queue.js';
import { readSheetBlocks, type SheetOrigin } from './read.js';

/** The record's header row. */
export const LAST_WRITTEN_HEADERS = ['Account_ID', 'Assigned_Rep'] as const;

/** The setting next to the record: is it complete, and for how many accounts. */
interface LastWrittenFlag {
  readonly complete: boolean;
  readonly accounts: number;
}

const flagOp = (context: Excel.RequestContext, flag: LastWrittenFlag) => ({
  bytes: OP_OVERHEAD_BYTES,
  apply: () => void context.workbook.settings.add(LAST_WRITTEN_KEY, JSON.stringify(flag)),
});

/** Rep names compare as the engine matches them: trimmed, ignoring case. */
const repKey = (name: string) => name.trim().toLowerCase();

/** Queues "record incomplete": the first operation of the request that writes the first result cells. */
export async function markRecordIncomplete(queue: RequestQueue, context: Excel.RequestContext, accounts: number): Promise<void> {
  await queue.add(flagOp(context, { complete: false, accounts }));
}

/** Rewrites the record sheet with this run's Assigned_Rep per account, then marks it complete. */
export async function writeLastWritten(
  queue: RequestQueue,
  context: Excel.RequestContext,
  env: OfficeEnv,
  prepared: Prepared,
  book: Book,
  evaluation: Evaluation,
): Promise<void> {
  let sheet = prepared.lastWritten;
  if (sheet) {
    await queue.add({ bytes: OP_OVERHEAD_BYTES, apply: () => sheet!.getRange().clear('Contents') });
  } else {
    sheet = (await createOwnedSheet(queue, context, env, prepared.record, LAST_WRITTEN_ROLE, LAST_WRITTEN_SHEET, prepared.takenSheetNames, { veryHidden: true })).sheet;
  }
  const target = sheet;
  await queue.add(blockOp(env, target, { row: 0, column: 0, values: [[...LAST_WRITTEN_HEADERS]] }));
  const acc = book.accounts;
  const { assigned } = evaluation.allocation;
  const rows = (from: number, to: number): OutCell[][] => {
    const out: OutCell[][] = [];
    for (let k = from; k < to; k++) {
      const r = assigned[k]!;
      out.push([acc.id[k]!, r < 0 ? '' : book.reps[r]!.name]);
    }
    return out;
  };
  await queueRowBlocks(queue, env, acc.count, (from, to) => blockOp(env, target, { row: 1 + from, column: 0, values: rows(from, to) }));
  await queue.add(flagOp(context, { complete: true, accounts: acc.count }));
}

/** The record sheet and flag, found by the ownership record (or, from ExcelApi 1.12, the sheet's mark). */
async function findRecord(context: Excel.RequestContext, env: OfficeEnv): Promise<{ sheet: Excel.Worksheet | null; flag: LastWrittenFlag | null }> {
  const sheets = context.workbook.worksheets;
  sheets.load('items/id,items/name');
  const record = context.workbook.settings.getItemOrNullObject(OWNED_RECORD_KEY);
  record.load('value');
  const flagItem = context.workbook.settings.getItemOrNullObject(LAST_WRITTEN_KEY);
  flagItem.load('value');
  await context.sync();
  const id = OwnershipRecord.parse(record.isNullObject ? null : record.value).id(LAST_WRITTEN_ROLE);
  let sheet = sheets.items.find((s) => s.id === id) ?? null;
  if (!sheet && env.supports('1.12')) {
    const marks = sheets.items.map((s) => s.customProperties.getItemOrNullObject(OWNER_KEY).load('value'));
    await context.sync();
    sheet = sheets.items.find((_, i) => !marks[i]!.isNullObject && marks[i]!.value === LAST_WRITTEN_ROLE) ?? null;
  }
  let flag: LastWrittenFlag | null = null;
  if (!flagItem.isNullObject && typeof flagItem.value === 'string') {
    try {
      const parsed = JSON.parse(flagItem.value) as Partial<LastWrittenFlag>;
      flag = { complete: parsed.complete === true, accounts: Number(parsed.accounts) || 0 };
    } catch {
      flag = { complete: false, accounts: 0 };
    }
  }
  return { sheet, flag };
}

/**
 * Reads two columns of `sheet` over `rowCount` rows from 0-based `firstIndex`, values only, in blocks
 * under the response budget (halved when Excel still refuses one).
 */
async function readColumns(
  context: Excel.RequestContext,
  env: OfficeEnv,
  sheet: Excel.Worksheet,
  firstIndex: number,
  rowCount: number,
  columns: readonly [number, number],
  bytesPerRow: number,
): Promise<[Cell[], Cell[]]> {
  const out: [Cell[], Cell[]] = [[], []];
  let blockRows = Math.max(1, Math.min(env.maxBlockRows, Math.floor(env.responseBudget / Math.max(1, bytesPerRow))));
  for (let from = 0; from < rowCount; ) {
    const take = Math.min(blockRows, rowCount - from);
    const ranges = columns.map((c) => rangeAt(env, sheet, firstIndex + from, c, take, 1).load('values'));
    if (!(await syncBlock(context, take))) {
      blockRows = Math.max(1, Math.floor(take / 2));
      continue;
    }
    ranges.forEach((range, j) => {
      for (const row of range.values) out[j]!.push((row[0] ?? null) as Cell);
      range.untrack();
    });
    from += take;
  }
  return out;
}

/** The comparison behind WorkbookPort.findHandEdits, in one Excel batch. */
export async function findHandEditsIn(context: Excel.RequestContext, env: OfficeEnv, book: Book, origin: SheetOrigin | undefined): Promise<HandEditCheck> {
  const layout = book.accountsLayout;
  const idColumn = layout.columns.Account_ID;
  if (idColumn === undefined) return { known: false, edits: [], reason: 'no-column' };
  const { sheet: recordSheet, flag } = await findRecord(context, env);

  // The Accounts header as it is now: a book loaded before the first Allocate has no Assigned_Rep column
  // in its layout, but the sheet has one since; the pane may well press Allocate again without loading.
  const accounts = context.workbook.worksheets.getItemOrNullObject(book.accountsSheet.name);
  accounts.load('name');
  const used = accounts.getUsedRangeOrNullObject(true);
  used.load('columnIndex,columnCount');
  await context.sync();
  if (accounts.isNullObject) throw new WorkbookError(`The sheet "${book.accountsSheet.name}" is gone: pick the Accounts sheet again and load it.`);
  const firstColumn = origin?.columnIndex ?? (used.isNullObject ? 0 : used.columnIndex);
  const width = used.isNullObject ? layout.headers.length : Math.max(layout.headers.length, used.columnIndex + used.columnCount - firstColumn);
  const header = rangeAt(env, accounts, layout.headerRow - 1, firstColumn, 1, width).load('values');
  await context.sync();
  const found = header.values[0] ?? [];
  if (cellText((found[idColumn] ?? null) as Cell) !== layout.headers[idColumn]) {
    throw new WorkbookError(`The ${accounts.name} sheet changed since it was loaded (its header row no longer reads "${layout.headers[idColumn]}" where it did). Load the sheets again and press Allocate.`);
  }
  // Found as the reader finds it: the first header that reads Assigned_Rep (case, spaces, _ and - aside).
  const repColumn = found.findIndex((cell) => normalizeHeader(cell as Cell) === 'assigned_rep');
  if (repColumn < 0) return { known: false, edits: [], reason: 'no-column' };
  if (flag && !flag.complete) return { known: false, edits: [], reason: 'interrupted' };
  if (!recordSheet || !flag) return { known: false, edits: [], reason: 'never' };

  // What was written, by Account_ID.
  recordSheet.load('name');
  await context.sync();
  const { input } = await readSheetBlocks(context, env, recordSheet.name);
  const written = new Map<string, string>();
  for (const row of input.rows.slice(1)) {
    const id = cellText(row[0] ?? null);
    if (id !== '') written.set(id, cellText(row[1] ?? null));
  }

  // What the Accounts sheet says now, on the rows the book was read from (keyed by Account_ID).
  const acc = book.accounts;
  let lastRow = layout.headerRow;
  let widest = 0;
  for (let k = 0; k < acc.count; k++) {
    lastRow = Math.max(lastRow, acc.row[k]!);
    widest = Math.max(widest, acc.id[k]!.length);
  }
  for (const rep of book.reps) widest = Math.max(widest, rep.name.length);
  const rowCount = lastRow - layout.headerRow;
  const [ids, reps] = await readColumns(context, env, accounts, layout.headerRow, rowCount, [firstColumn + idColumn, firstColumn + repColumn], 2 * jsonBytes('x'.repeat(widest)) * 2 + 8);

  const edits: HandEdit[] = [];
  let compared = 0;
  for (let i = 0; i < rowCount; i++) {
    const id = cellText(ids[i] ?? null);
    const was = id === '' ? undefined : written.get(id);
    if (was === undefined) continue;
    compared++;
    const now = cellText(reps[i] ?? null);
    if (repKey(now) !== repKey(was)) edits.push({ accountId: id, row: layout.headerRow + 1 + i, written: was, now: now.trim() });
  }
  return { known: true, edits, compared };
}
