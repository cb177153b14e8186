/**
 * The pane's state and actions. Settings live here; every change asks the compute client
 * for a fresh view (latest wins) and, debounced, for the sensitivity chart. The workbook is
 * written only by Allocate; `outOfDate` says when the pane shows settings not yet written.
 */
import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import {
  sensitivityThresholds,
  setWeight,
  type DriverName,
  type SensitivitySample,
  type Settings,
  type SheetInput,
  type Weights,
} from '../../engine/index.js';
import { MemoryWorkbook } from '../../workbook/memory/index.js';
import type { ReadProgress, WorkbookPort, WriteReport } from '../../workbook/port.js';
import type { ComputeClient, OptimizeOutcome } from '../../worker/client.js';
import type { BookSummary, PaneView } from '../../worker/protocol.js';
import { settingsKey } from '../../engine/index.js';
import { downloadFile, downloadText } from '../download.js';
import type { Host } from '../host.js';
import { previewBook } from '../preview/sample.js';
import { pickSheet } from './sheets.js';

const SENSITIVITY_DEBOUNCE_MS = 150;

export interface Source {
  readonly kind: 'office' | 'sample' | 'file';
  readonly label: string;
  readonly workbook: WorkbookPort;
}

export type OptimizeState =
  | { readonly status: 'idle' }
  | { readonly status: 'running'; readonly done: number; readonly total: number }
  | { readonly status: 'done'; readonly outcome: OptimizeOutcome; readonly forSettings: Settings }
  | { readonly status: 'cancelled' }
  | { readonly status: 'error'; readonly message: string };

/** How far Load / Validate has come: reading the sheets (Excel reads in row blocks), then checking them. */
export interface LoadProgress {
  readonly stage: 'reading' | 'checking';
  readonly rowsRead: number;
  readonly totalRows: number;
}

export interface WorkbookState {
  readonly writing: boolean;
  readonly progress: { done: number; total: number } | null;
  readonly report: WriteReport | null;
  readonly writtenKey: string | null;
  readonly error: string | null;
}

/** Everything the pages read and the actions they call. */
export function usePane(host: Host, client: ComputeClient) {
  const [source, setSource] = useState<Source | null>(null);
  const [sheets, setSheets] = useState<string[]>([]);
  const [repsSheet, setRepsSheet] = useState('');
  const [accountsSheet, setAccountsSheet] = useState('');
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadProgress, setLoadProgress] = useState<LoadProgress | null>(null);
  const [summary, setSummary] = useState<BookSummary | null>(null);
  const [bookId, setBookId] = useState(0);
  const [settings, setSettings] = useState<Settings | null>(null);
  const [view, setView] = useState<PaneView | null>(null);
  const [computeError, setComputeError] = useState<string | null>(null);
  const [samples, setSamples] = useState<SensitivitySample[] | null>(null);
  const [samplesPending, setSamplesPending] = useState(false);
  const [optimize, setOptimize] = useState<OptimizeState>({ status: 'idle' });
  const [workbook, setWorkbook] = useState<WorkbookState>({ writing: false, progress: null, report: null, writtenKey: null, error: null });
  const optimizeAbort = useRef<AbortController | null>(null);
  // Bumped on every load, so answers about an earlier book are dropped.
  const loadGeneration = useRef(0);
  const requestedKey = useRef<string | null>(null);
  // The settings on screen, for callbacks that must stay stable while sliders move.
  const settingsRef = useRef<Settings | null>(null);
  settingsRef.current = settings;

  const ready = summary?.ok === true ? summary : null;

  /** Reads the two picked sheets and validates them in the worker. */
  const load = useCallback(
    async (from: Source | null = source, reps = repsSheet, accounts = accountsSheet) => {
      if (!from) return;
      optimizeAbort.current?.abort();
      setLoading(true);
      setLoadError(null);
      try {
        // Both sheets are read at once; their progress adds up to one bar.
        const read = { reps: { rowsRead: 0, totalRows: 0 }, accounts: { rowsRead: 0, totalRows: 0 } };
        const onRead = (which: keyof typeof read) => (p: ReadProgress) => {
          read[which] = p;
          setLoadProgress({ stage: 'reading', rowsRead: read.reps.rowsRead + read.accounts.rowsRead, totalRows: read.reps.totalRows + read.accounts.totalRows });
        };
        const [r, a] = await Promise.all([from.workbook.readSheet(reps, onRead('reps')), from.workbook.readSheet(accounts, onRead('accounts'))]);
        const rows = r.rows.length + a.rows.length;
        setLoadProgress({ stage: 'checking', rowsRead: rows, totalRows: rows });
        const result = await client.load(r, a);
        loadGeneration.current++;
        requestedKey.current = null;
        setSummary(result);
        setBookId((n) => n + 1);
        setView(null);
        setSamples(null);
        setOptimize({ status: 'idle' });
        setWorkbook({ writing: false, progress: null, report: null, writtenKey: null, error: null });
        setSettings(result.ok ? result.defaults : null);
      } catch (error) {
        setLoadError(error instanceof Error ? error.message : String(error));
      } finally {
        setLoading(false);
        setLoadProgress(null);
      }
    },
    [client, source, repsSheet, accountsSheet],
  );

  /** Switches to a workbook, pre-selects Reps / Accounts by name and loads when both are found. */
  const openSource = useCallback(
    async (next: Source) => {
      setSource(next);
      const names = await next.workbook.listSheets();
      setSheets(names);
      const reps = pickSheet(names, 'Reps');
      const accounts = pickSheet(names, 'Accounts');
      setRepsSheet(reps ?? names[0] ?? '');
      setAccountsSheet(accounts ?? names[1] ?? names[0] ?? '');
      setSummary(null);
      if (reps && accounts) await load(next, reps, accounts);
    },
    [load],
  );

  // Start: the Office workbook, or preview mode's sample.
  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        if (host.mode === 'office') {
          await openSource({ kind: 'office', label: 'this workbook', workbook: host.workbook });
          return;
        }
        setLoading(true);
        const book = await previewBook(client, window.location.search);
        if (!cancelled) await openSource({ kind: 'sample', label: book.label, workbook: new MemoryWorkbook(book.sheets) });
      } catch (error) {
        if (!cancelled) setLoadError(error instanceof Error ? error.message : String(error));
      } finally {
        if (!cancelled) setLoading(false);
      }
    })();
    return () => {
      cancelled = true;
    };
    // Runs once per host; the sources it opens are then under the user's control.
  }, [host, client]);

  /** Opens an .xlsx from disk (preview mode). */
  const openFile = useCallback(
    async (file: File) => {
      setLoading(true);
      setLoadError(null);
      try {
        const parsed: SheetInput[] = await client.parseXlsx(await file.arrayBuffer());
        await openSource({ kind: 'file', label: file.name, workbook: new MemoryWorkbook(parsed) });
      } catch (error) {
        setLoadError(`Could not open ${file.name}: ${error instanceof Error ? error.message : String(error)}`);
      } finally {
        setLoading(false);
      }
    },
    [client, openSource],
  );

  // Live view. A slider move asks the worker straight from the event handler, so the engine
  // runs while React renders the moved slider; answers arrive in request order (latest wins).
  const requestView = useCallback(
    (next: Settings) => {
      const key = settingsKey(next);
      if (requestedKey.current === key) return;
      requestedKey.current = key;
      const generation = loadGeneration.current;
      performance.mark('ts:view-requested');
      client.view(next).then(
        (v) => {
          if (!v || generation !== loadGeneration.current) return;
          performance.mark('ts:view-arrived', { detail: v.computeMs });
          setView(v);
          setComputeError(null);
        },
        (error: unknown) => setComputeError(error instanceof Error ? error.message : String(error)),
      );
    },
    [client],
  );
  useEffect(() => {
    if (settings && ready) requestView(settings);
  }, [settings, ready, requestView]);

  // Sensitivity: independent of the threshold (it samples them all); debounced, stale runs dropped.
  const chartKey = settings ? `${bookId}|${settingsKey({ ...settings, threshold: 0 })}` : '';
  useEffect(() => {
    if (!settings || !ready) return;
    let live = true;
    setSamplesPending(true);
    const timer = setTimeout(() => {
      client.sensitivity(settings, sensitivityThresholds(ready.slider)).then(
        (s) => {
          if (live && s) {
            setSamples(s);
            setSamplesPending(false);
          }
        },
        () => live && setSamplesPending(false),
      );
    }, SENSITIVITY_DEBOUNCE_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
    // chartKey stands for the settings the chart depends on.
  }, [client, chartKey, ready]);

  const update = useCallback(
    (change: (s: Settings) => Settings) => {
      const current = settingsRef.current;
      if (!current) return;
      performance.mark('ts:settings-change');
      const next = change(current);
      settingsRef.current = next;
      requestView(next);
      setSettings(next);
    },
    [requestView],
  );

  const riskEnabled = ready?.riskEnabled ?? false;
  const actions = useMemo(
    () => ({
      setThreshold: (threshold: number) => update((s) => ({ ...s, threshold })),
      setWeight: (driver: DriverName, value: number) => update((s) => ({ ...s, weights: setWeight(s.weights, driver, value, riskEnabled) })),
      setWeights: (weights: Weights) => update((s) => ({ ...s, weights })),
      setGeoBonus: (geoBonus: number) => update((s) => ({ ...s, geoBonus: Math.round(geoBonus * 100) / 100 })),
      setPreserveBonus: (preserveBonus: number) => update((s) => ({ ...s, preserveBonus: Math.round(preserveBonus * 100) / 100 })),
    }),
    [update, riskEnabled],
  );

  const startOptimize = useCallback(async () => {
    const settings = settingsRef.current;
    if (!settings) return;
    optimizeAbort.current?.abort();
    const abort = new AbortController();
    optimizeAbort.current = abort;
    setOptimize({ status: 'running', done: 0, total: 0 });
    try {
      const outcome = await client.optimize(settings, (p) => setOptimize({ status: 'running', ...p }), abort.signal);
      setOptimize(outcome ? { status: 'done', outcome, forSettings: settings } : { status: 'cancelled' });
    } catch (error) {
      setOptimize({ status: 'error', message: error instanceof Error ? error.message : String(error) });
    }
  }, [client]);

  const cancelOptimize = useCallback(() => {
    optimizeAbort.current?.abort();
    setOptimize({ status: 'cancelled' });
  }, []);

  /** Allocate / Update workbook: one batch of writes for the settings on screen. */
  const allocate = useCallback(async () => {
    const settings = settingsRef.current;
    if (!settings || !source) return;
    const key = settingsKey(settings);
    setWorkbook((w) => ({ ...w, writing: true, progress: null, error: null }));
    try {
      const output = await client.runOutput(settings, new Date().toISOString());
      const report = await source.workbook.writeResults({ ...output, auditLog: client.auditLog(settings) }, (done, total) =>
        setWorkbook((w) => ({ ...w, progress: { done, total } })),
      );
      setWorkbook((w) => ({ ...w, writing: false, report, writtenKey: report.ok ? key : w.writtenKey }));
    } catch (error) {
      setWorkbook((w) => ({ ...w, writing: false, error: error instanceof Error ? error.message : String(error) }));
    }
  }, [client, source]);

  const downloadCsv = useCallback(async () => {
    const settings = settingsRef.current;
    if (!settings) return;
    downloadText(await client.csv(settings), 'territory-assignments.csv', 'text/csv;charset=utf-8');
  }, [client]);

  /** Preview mode: the in-memory workbook, with the results Allocate wrote, as an .xlsx file. */
  const downloadWorkbook = useCallback(async () => {
    if (!(source?.workbook instanceof MemoryWorkbook)) return;
    const { writeXlsx } = await import('../../workbook/xlsx/write.js');
    const bytes = await writeXlsx(source.workbook.sheets, new Date());
    downloadFile(bytes as Uint8Array<ArrayBuffer>, 'territory-slicer.xlsx', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet');
  }, [source]);

  return {
    host,
    client,
    source,
    sheets,
    repsSheet,
    accountsSheet,
    setRepsSheet,
    setAccountsSheet,
    loading,
    loadError,
    summary,
    loadProgress,
    ready,
    bookId,
    settings,
    view,
    computeError,
    samples,
    samplesPending,
    optimize,
    workbook,
    outOfDate: view !== null && workbook.writtenKey !== view.key,
    load: () => load(),
    openFile,
    ...actions,
    startOptimize,
    cancelOptimize,
    allocate,
    downloadCsv,
    downloadWorkbook: source?.workbook instanceof MemoryWorkbook ? downloadWorkbook : null,
  };
}

export type Pane = ReturnType<typeof usePane>;
