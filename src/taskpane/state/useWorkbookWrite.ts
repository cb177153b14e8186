/**
 * Writing the workbook: Allocate for the settings on screen, the CSV and (in
 * preview mode) the .xlsx downloads, and whether the workbook is out of date. The Audit Log's
 * rows come from the worker block by block as the writer asks (client.auditLog).
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import type { RunOutput, Scenario, Settings } from '../../engine/index.js';
import { MemoryWorkbook } from '../../workbook/memory/index.js';
import type { HandEdit, RepLock, WriteReport } from '../../workbook/port.js';
import type { ComputeClient } from '../../worker/client.js';
import type { PaneView } from '../../worker/protocol.js';
import { downloadFile, downloadText } from '../download.js';
import { useBookState } from './useBookState.js';
import { useLatest } from './useLatest.js';
import type { LiveSettings } from './useLiveView.js';
import type { Source } from './useSource.js';

export interface WorkbookState {
  readonly writing: boolean;
  readonly progress: { done: number; total: number } | null;
  readonly report: WriteReport | null;
  /** Key of the settings last written. */
  readonly writtenKey: string | null;
  readonly error: string | null;
  /** Assigned_Rep cells a person changed since the last write: nothing is written until they choose. */
  readonly handEdits: { readonly edits: readonly HandEdit[]; readonly output: RunOutput; /** The settings the output is for. */ readonly live: LiveSettings } | null;
}

const UNWRITTEN: WorkbookState = { writing: false, progress: null, report: null, writtenKey: null, error: null, handEdits: null };

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** What Allocate needs besides the settings: the scenarios to write, and what to do after a write or a lock. */
export interface WriteHooks {
  readonly scenarios: readonly Scenario[];
  /** After a successful write: store the settings written (SPEC §16). */
  readonly onWritten: (settings: Settings) => Promise<void>;
  /** After Locked_Rep was written: load the sheets again, starting from these settings. */
  readonly reload: (settings: Settings) => Promise<boolean>;
  /** Key of the settings an earlier session wrote into this workbook, when they are on screen as restored. */
  readonly writtenBefore: string | null;
}

/** The hand-edited accounts that can be locked: those whose cell names a rep (a cleared cell cannot). */
export function lockableEdits(edits: readonly HandEdit[]): RepLock[] {
  return edits.filter((e) => e.now.trim() !== '').map((e) => ({ accountId: e.accountId, rep: e.now }));
}

/** The workbook writes of the book `bookId` from `source`. */
export function useWorkbookWrite(client: ComputeClient, source: Source | null, bookId: number, live: LiveSettings | null, view: PaneView | null, hooks: WriteHooks) {
  const [state, setState] = useBookState(bookId, UNWRITTEN);
  // Not per book: a lock's message and the Allocate that follows it outlive the reload.
  const [lockMessage, setLockMessage] = useState<string | null>(null);
  const liveRef = useLatest(live);
  const bookRef = useLatest(bookId);
  const hooksRef = useLatest(hooks);
  // The book a lock was written from: once a newer book is loaded, Allocate runs again.
  const allocateAfterReload = useRef<number | null>(null);

  /** Writes one run's output and stores the settings written. */
  const write = useCallback(async (forBook: number, current: LiveSettings, output: RunOutput) => {
    setState(forBook, (w) => ({ ...w, writing: true, progress: null, error: null, handEdits: null }));
    try {
      const report = await source!.workbook.writeResults({ ...output, auditLog: client.auditLog(current) }, (done, total) =>
        setState(forBook, (w) => ({ ...w, progress: { done, total } })),
      );
      setState(forBook, (w) => ({ ...w, writing: false, report, writtenKey: report.ok ? current.key : w.writtenKey }));
      if (report.ok) await hooksRef.current.onWritten(current.settings);
    } catch (error) {
      setState(forBook, (w) => ({ ...w, writing: false, error: message(error) }));
    }
  }, [client, source, setState, hooksRef]);

  /**
   * Allocate: one batch of writes for the settings on screen. First the hand-edit check (SPEC §16): when
   * Assigned_Rep cells were changed since the last write, they are listed and nothing is written until the
   * person chooses (handEdits); `check: false` after the locks were written and the sheets reloaded.
   */
  const allocate = useCallback(async (check = true) => {
    const current = liveRef.current;
    if (!current || !source) return;
    const forBook = bookRef.current;
    setState(forBook, (w) => ({ ...w, writing: true, progress: null, error: null, handEdits: null }));
    try {
      const generated = await client.runOutput(current, new Date().toISOString());
      const output: RunOutput = { ...generated, scenarios: hooksRef.current.scenarios };
      if (check) {
        const found = await source.workbook.findHandEdits(output.book);
        if (found.known && found.edits.length > 0) {
          setState(forBook, (w) => ({ ...w, writing: false, handEdits: { edits: found.edits, output, live: current } }));
          return;
        }
      }
      await write(forBook, current, output);
    } catch (error) {
      setState(forBook, (w) => ({ ...w, writing: false, error: message(error) }));
    }
  }, [client, source, setState, liveRef, bookRef, hooksRef, write]);

  /** "Overwrite": writes the run the hand edits interrupted. */
  const overwrite = useCallback(async () => {
    const pending = state.handEdits;
    if (!pending) return;
    await write(bookRef.current, pending.live, pending.output);
  }, [state.handEdits, bookRef, write]);

  /** Escape / Cancel: nothing is written. */
  const cancelHandEdits = useCallback(() => setState(bookRef.current, (w) => ({ ...w, handEdits: null })), [setState, bookRef]);

  /**
   * "Lock these N accounts to their new rep": writes their Locked_Rep, loads the sheets again (the locks
   * are read with them) and allocates again with the same settings, then writes.
   */
  const lockHandEdits = useCallback(async () => {
    const pending = state.handEdits;
    if (!pending || !source) return;
    const forBook = bookRef.current;
    setState(forBook, (w) => ({ ...w, writing: true, handEdits: null, error: null }));
    try {
      const report = await source.workbook.writeLockedReps(pending.output.book, lockableEdits(pending.edits));
      if (!report.ok) {
        setState(forBook, (w) => ({ ...w, writing: false, error: report.message }));
        return;
      }
      setLockMessage(`Locked ${report.written} account${report.written === 1 ? '' : 's'} to their new rep in Locked_Rep${report.columnAdded ? ' (column added)' : ''}.${report.notFound.length > 0 ? ` Not found: ${report.notFound.join(', ')}.` : ''}`);
      allocateAfterReload.current = forBook;
      // A book that no longer loads (an unknown rep in Locked_Rep, say) shows its errors; the Allocate that
      // was to follow is dropped rather than left armed for the next successful Load.
      if (!(await hooksRef.current.reload(pending.live.settings))) {
        allocateAfterReload.current = null;
        setState(forBook, (w) => ({ ...w, writing: false }));
      }
    } catch (error) {
      allocateAfterReload.current = null;
      setState(forBook, (w) => ({ ...w, writing: false, error: message(error) }));
    }
  }, [state.handEdits, bookRef, source, setState, hooksRef]);

  // The book reloaded after a lock: allocate again and write, without asking about the same edits again.
  useEffect(() => {
    if (allocateAfterReload.current === null || allocateAfterReload.current === bookId || !live) return;
    allocateAfterReload.current = null;
    void allocate(false);
  }, [bookId, live, allocate]);

  const downloadCsv = useCallback(async () => {
    const current = liveRef.current;
    if (!current) return;
    downloadText(await client.csv(current), 'territory-assignments.csv', 'text/csv;charset=utf-8');
  }, [client, liveRef]);

  /** Preview mode: the in-memory workbook, with the results Allocate wrote, as an .xlsx file. */
  const downloadWorkbook = useCallback(async () => {
    if (!(source?.workbook instanceof MemoryWorkbook)) return;
    const { writeXlsx } = await import('../../workbook/xlsx/write.js');
    const bytes = await writeXlsx(source.workbook.sheets, new Date());
    downloadFile(bytes as Uint8Array<ArrayBuffer>, 'territory-slicer.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  }, [source]);

  // Restored from the last Allocate on the same data: the workbook holds these settings' results already.
  const shown = useMemo(() => (state.writtenKey === null && hooks.writtenBefore !== null ? { ...state, writtenKey: hooks.writtenBefore } : state), [state, hooks.writtenBefore]);
  return {
    state: shown,
    lockMessage,
    clearLockMessage: () => setLockMessage(null),
    outOfDate: view !== null && shown.writtenKey !== view.key,
    allocate: () => allocate(true),
    overwrite,
    cancelHandEdits,
    lockHandEdits,
    downloadCsv,
    downloadWorkbook: source?.workbook instanceof MemoryWorkbook ? downloadWorkbook : null,
  };
}
