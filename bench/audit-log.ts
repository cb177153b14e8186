/**
 * The Audit Log read in blocks, as the workbook writer asks for it: each block from step 1 (auditRecords)
 * against one AuditReplay. `npx tsx bench/audit-log.ts [accounts] [block]` (200 reps, refinement off).
 */
import { AuditReplay, auditRecords, auditStepCount, evaluate } from '../src/engine/index.js';
import { generatedBook, settingsFor } from '../test/helpers/books.js';
const n = Number(process.argv[2] ?? 100000), block = Number(process.argv[3] ?? 5000);
const book = generatedBook(n, 200, 1);
const ev = evaluate(book, settingsFor(book, { refine: false }));
const total = auditStepCount(ev.allocation);
let t = performance.now();
let rows = 0;
for (let f = 1; f <= total; f += block) rows += auditRecords(book, ev.allocation, f, Math.min(f + block, total + 1)).length;
const old = performance.now() - t;
t = performance.now();
const r = new AuditReplay(book, ev.allocation); rows = 0;
for (let f = 1; f <= total; f += block) rows += r.records(f, Math.min(f + block, total + 1)).length;
console.log(`AUDIT-BLOCKS ${n} accounts, blocks of ${block}: from step 1 each ${old.toFixed(0)} ms, one replay ${(performance.now() - t).toFixed(0)} ms (${rows} rows)`);
