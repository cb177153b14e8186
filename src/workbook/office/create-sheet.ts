/**
 * Creates a sheet the add-in owns, with the ownership durable before any content (ownership.ts):
 * the claim and the new sheet go in one request of their own, the claim first; the sheet's id is
 * recorded by the first operation of the next request. A name Office.js could not show us as taken
 * (a chart sheet's: `workbook.worksheets` lists worksheets only) makes Excel refuse the sheet; the
 * next free name is tried then, "Fairness (2)", as for a user's worksheet of that name.
 */
import { freeSheetName } from '../layout/owned.js';
import type { OfficeEnv } from './env.js';
import { officeErrorCode } from './errors.js';
import { OWNER_KEY } from './keys.js';
import type { OwnershipRecord } from './ownership.js';
import { OP_OVERHEAD_BYTES, type RequestQueue } from './queue.js';

/** How many taken names in a row are tried before the refusal is reported. */
const MAX_NAME_ATTEMPTS = 20;

export interface CreatedSheet {
  readonly sheet: Excel.Worksheet;
  readonly name: string;
}

/** Codes Excel may give a new sheet whose name something Office.js cannot list already holds. */
const nameTaken = (error: unknown): boolean => {
  const code = officeErrorCode(error);
  return code === 'ItemAlreadyExists' || code === 'InvalidArgument';
};

/**
 * Adds a sheet owned under `role`, named `base` or the next free "base (n)". `taken` holds the
 * worksheet names (lower-case) and gains the new one. `veryHidden` keeps it out of the sheet tabs.
 */
export async function createOwnedSheet(
  queue: RequestQueue,
  context: Excel.RequestContext,
  env: OfficeEnv,
  record: OwnershipRecord,
  role: string,
  base: string,
  taken: Set<string>,
  options: { readonly veryHidden?: boolean } = {},
): Promise<CreatedSheet> {
  await queue.flush();
  let name = freeSheetName(base, taken);
  for (let attempt = 1; ; attempt++) {
    record.claim(role, name);
    record.write(context);
    const sheet = context.workbook.worksheets.add(name);
    if (options.veryHidden) sheet.visibility = 'VeryHidden';
    if (env.supports('1.12')) sheet.customProperties.add(OWNER_KEY, role);
    sheet.load('id,name');
    try {
      await queue.commitDirect();
    } catch (error) {
      if (!nameTaken(error) || attempt >= MAX_NAME_ATTEMPTS) throw error;
      // Excel runs a request up to the failing operation: if the sheet itself was added, it is the
      // one we claimed (blank), so keep it rather than add a second.
      const added = context.workbook.worksheets.getItemOrNullObject(name);
      added.load('id,name');
      await queue.commitDirect();
      if (!added.isNullObject) return recorded(queue, context, record, role, taken, added);
      taken.add(name.toLowerCase());
      name = freeSheetName(base, taken);
      continue;
    }
    return recorded(queue, context, record, role, taken, sheet);
  }
}

async function recorded(queue: RequestQueue, context: Excel.RequestContext, record: OwnershipRecord, role: string, taken: Set<string>, sheet: Excel.Worksheet): Promise<CreatedSheet> {
  taken.add(sheet.name.toLowerCase());
  record.record(role, sheet.id);
  // First operation of the next request: the id is in the record before the sheet gets content.
  await queue.add({ bytes: OP_OVERHEAD_BYTES * 2, apply: () => record.write(context) });
  return { sheet, name: sheet.name };
}
