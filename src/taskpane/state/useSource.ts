/**
 * Where the book comes from and how it is loaded: the Office workbook (or preview mode's sample)
 * at start, an .xlsx opened from disk, the two sheet pickers, and Load / Validate (the sheets are
 * read, then checked in the worker). Every check is a new book (`bookId`): the other hooks keep
 * their state per book (useBookState), so nothing about an earlier book shows on a new one.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Settings, SheetInput } from '../../engine/index.js';
import { MemoryWorkbook } from '../../workbook/memory/index.js';
import type { ReadProgress, StoredStateLoad, WorkbookPort } from '../../workbook/port.js';
import type { ComputeClient } from '../../worker/client.js';
import type { BookSummary } from '../../worker/protocol.js';
import type { Host } from '../host.js';
import { previewBook } from '../preview/sample.js';
import { pickStoredSheets } from './restore.js';
import { pickSheet } from './sheets.js';

export interface Source {
  readonly kind: 'office' | 'sample' | 'file';
  readonly label: string;
  readonly workbook: WorkbookPort;
}

/** How far Load / Validate has come: reading the sheets (Excel reads in row blocks), then checking them. */
export interface LoadProgress {
  readonly stage: 'reading' | 'checking';
  readonly rowsRead: number;
  readonly totalRows: number;
}

/**
 * Where a loaded book's settings start (SPEC §16): the stored state when the source was opened (a
 * restore), the settings on screen carried over a reload (after "Lock these N accounts"), or, when
 * null, the book's defaults.
 */
export type SettingsSeed =
  | { readonly kind: 'restore'; readonly load: StoredStateLoad; /** Sheets stored but gone. */ readonly sheetNotes: readonly string[] }
  | { readonly kind: 'carry'; readonly settings: Settings };

/** The two sheets a book was read from. */
export interface LoadedSheets {
  readonly repsSheet: string;
  readonly accountsSheet: string;
}

/** A book that passed the checks: what the other hooks need of it. */
export type ReadyBook = Extract<BookSummary, { ok: true }>;

const message = (error: unknown) => (error instanceof Error ? error.message : String(error));

/** The source, the sheet pickers, Load / Validate and its outcome. */
export function useSource(host: Host, client: ComputeClient) {
  const [current, setCurrent] = useState<Source | null>(null);
  const [sheets, setSheets] = useState<string[]>([]);
  const [repsSheet, setRepsSheet] = useState('');
  const [accountsSheet, setAccountsSheet] = useState('');
  const [loading, setLoading] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const [loadProgress, setLoadProgress] = useState<LoadProgress | null>(null);
  const [summary, setSummary] = useState<BookSummary | null>(null);
  const [bookId, setBookId] = useState(0);
  const bookCount = useRef(0);
  // Where the loaded book's settings start; set with the book it belongs to.
  const [seed, setSeed] = useState<{ bookId: number; seed: SettingsSeed | null; sheets: LoadedSheets | null }>({ bookId: 0, seed: null, sheets: null });
  // The pane's stored state as found when the source opened (its scenarios stay with the source).
  const [stored, setStored] = useState<{ source: Source; load: StoredStateLoad } | null>(null);

  /** Reads the two picked sheets and validates them in the worker. */
  const load = useCallback(
    /** Resolves true when the sheets were read and the book is valid (an allocation can follow). */
    async (from: Source | null = current, reps = repsSheet, accounts = accountsSheet, startFrom: SettingsSeed | null = null): Promise<boolean> => {
      if (!from) return false;
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
        setSummary(result);
        const id = ++bookCount.current;
        setSeed({ bookId: id, seed: startFrom, sheets: { repsSheet: reps, accountsSheet: accounts } });
        setBookId(id);
        return result.ok;
      } catch (error) {
        setLoadError(message(error));
        return false;
      } finally {
        setLoading(false);
        setLoadProgress(null);
      }
    },
    [client, current, repsSheet, accountsSheet],
  );

  /** Switches to a workbook, pre-selects Reps / Accounts by name and loads when both are found. */
  const openSource = useCallback(
    async (next: Source) => {
      setCurrent(next);
      const [names, state] = await Promise.all([next.workbook.listSheets(), next.workbook.loadState()]);
      setSheets(names);
      setStored({ source: next, load: state });
      let reps = pickSheet(names, 'Reps');
      let accounts = pickSheet(names, 'Accounts');
      // The stored sheet names win where the workbook still has them (SPEC §16).
      const picked = state.state ? pickStoredSheets(names, state.state.settings, { repsSheet: reps ?? '', accountsSheet: accounts ?? '' }) : null;
      if (picked) {
        reps = picked.repsSheet || null;
        accounts = picked.accountsSheet || null;
      }
      setRepsSheet(reps ?? names[0] ?? '');
      setAccountsSheet(accounts ?? names[1] ?? names[0] ?? '');
      setSummary(null);
      const startFrom: SettingsSeed | null = state.state || state.problem ? { kind: 'restore', load: state, sheetNotes: picked?.notRestored ?? [] } : null;
      if (reps && accounts) await load(next, reps, accounts, startFrom);
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
        // Preview keeps the stored state in local storage, one key per workbook it opens (SPEC §16).
        if (!cancelled) await openSource({ kind: 'sample', label: book.label, workbook: new MemoryWorkbook(book.sheets, { stateKey: previewStateKey(book.label) }) });
      } catch (error) {
        if (!cancelled) setLoadError(message(error));
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
        await openSource({ kind: 'file', label: file.name, workbook: new MemoryWorkbook(parsed, { stateKey: previewStateKey(`file:${file.name}`) }) });
      } catch (error) {
        setLoadError(`Could not open ${file.name}: ${message(error)}`);
      } finally {
        setLoading(false);
      }
    },
    [client, openSource],
  );

  return {
    current,
    sheets,
    repsSheet,
    accountsSheet,
    setRepsSheet,
    setAccountsSheet,
    loading,
    loadError,
    loadProgress,
    summary,
    ready: summary?.ok === true ? summary : null,
    bookId,
    /** Where this book's settings start (null: its defaults). */
    seed: seed.bookId === bookId ? seed.seed : null,
    /** The sheets this book was read from. */
    loadedSheets: seed.bookId === bookId ? seed.sheets : null,
    /** The stored state found when the source opened (null before). */
    stored: stored && stored.source === current ? stored.load : null,
    load: () => load(),
    /** Loads the picked sheets again, starting from `settings` (after Locked_Rep was written). */
    reload: (settings: Settings) => load(current, repsSheet, accountsSheet, { kind: 'carry', settings }),
    openFile,
  };
}

/** The local-storage key of a preview workbook's state. */
export function previewStateKey(label: string): string {
  return `TerritorySlicer.paneState:${label}`;
}

export type SourceState = ReturnType<typeof useSource>;
