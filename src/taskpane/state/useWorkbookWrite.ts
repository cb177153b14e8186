/**
 * Writing the workbook: Allocate for the settings on screen, the CSV and (in
 * preview mode) the .xlsx downloads, and whether the workbook is out of date. The Audit Log's
 * rows come from the worker block by block as the writer asks (client.auditLog).
 */
import { useCallback } from 'react';
import { MemoryWorkbook } from '../../workbook/memory/index.js';
import type { WriteReport } from '../../workbook/port.js';
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
}

const UNWRITTEN: WorkbookState = { writing: false, progress: null, report: null, writtenKey: null, error: null };

/** The workbook writes of the book `bookId` from `source`. */
export function useWorkbookWrite(client: ComputeClient, source: Source | null, bookId: number, live: LiveSettings | null, view: PaneView | null) {
  const [state, setState] = useBookState(bookId, UNWRITTEN);
  const liveRef = useLatest(live);
  const bookRef = useLatest(bookId);

  /** Allocate: one batch of writes for the settings on screen. */
  const allocate = useCallback(async () => {
    const current = liveRef.current;
    if (!current || !source) return;
    const forBook = bookRef.current;
    setState(forBook, (w) => ({ ...w, writing: true, progress: null, error: null }));
    try {
      const output = await client.runOutput(current, new Date().toISOString());
      const report = await source.workbook.writeResults({ ...output, auditLog: client.auditLog(current) }, (done, total) =>
        setState(forBook, (w) => ({ ...w, progress: { done, total } })),
      );
      setState(forBook, (w) => ({ ...w, writing: false, report, writtenKey: report.ok ? current.key : w.writtenKey }));
    } catch (error) {
      setState(forBook, (w) => ({ ...w, writing: false, error: error instanceof Error ? error.message : String(error) }));
    }
  }, [client, source, setState, liveRef, bookRef]);

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

  return {
    state,
    outOfDate: view !== null && state.writtenKey !== view.key,
    allocate,
    downloadCsv,
    downloadWorkbook: source?.workbook instanceof MemoryWorkbook ? downloadWorkbook : null,
  };
}
