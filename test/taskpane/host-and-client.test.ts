import { describe, expect, it } from 'vitest';
import { optimizeWeights, readBook, sensitivity, bookThresholdSlider, sensitivityThresholds, keyedSettings } from '../../src/engine/index.js';
import { isDarkColor, isHostedUrl } from '../../src/taskpane/host.js';
import { syntheticSheets, syntheticSize } from '../../src/taskpane/preview/synthetic.js';
import { pickSheet } from '../../src/taskpane/state/sheets.js';
import { mainThreadChannel, type Channel } from '../../src/worker/channel.js';
import { ComputeClient, optimizeHelpers } from '../../src/worker/client.js';

describe('host detection (no network involved)', () => {
  it('is hosted only with host=office or Office’s _host_Info in the query string', () => {
    expect(isHostedUrl('?host=office')).toBe(true);
    expect(isHostedUrl('?host=Office&x=1')).toBe(true);
    expect(isHostedUrl('?_host_Info=Excel$Win32$16.01$en-US$$$$0')).toBe(true);
    expect(isHostedUrl('')).toBe(false);
    expect(isHostedUrl('?host=preview')).toBe(false);
    expect(isHostedUrl('?sample=10k')).toBe(false);
  });

  it('reads Office’s theme background as dark or light', () => {
    expect(isDarkColor('#262626')).toBe(true);
    expect(isDarkColor('#FFFFFF')).toBe(false);
    expect(isDarkColor(undefined)).toBe(false);
  });

  it('pre-selects sheets by name, ignoring case', () => {
    expect(pickSheet(['Summary', 'REPS', 'accounts'], 'Reps')).toBe('REPS');
    expect(pickSheet(['Summary', 'REPS', 'accounts'], 'Accounts')).toBe('accounts');
    expect(pickSheet(['Sheet1'], 'Reps')).toBeNull();
  });

  it('parses ?sample= sizes', () => {
    expect(syntheticSize('?sample=10k')).toBe(10_000);
    expect(syntheticSize('?sample=2500')).toBe(2500);
    expect(syntheticSize('?sample=1m')).toBe(1_000_000);
    expect(syntheticSize('?sample=lots')).toBeNull();
    expect(syntheticSize('')).toBeNull();
  });
});

describe('compute client on the main thread (no Worker in jsdom)', () => {
  const sheets = syntheticSheets({ accounts: 120, reps: 6, seed: 5 });

  it('falls back to the main thread and answers like the engine', async () => {
    const client = await ComputeClient.start();
    expect(client.mode).toBe('main thread');
    const summary = await client.load(sheets.reps, sheets.accounts);
    if (!summary.ok) throw new Error('fixture');
    const read = readBook(sheets.reps, sheets.accounts);
    if (!read.ok) throw new Error('fixture');
    const thresholds = sensitivityThresholds(summary.slider);
    expect(await client.sensitivity(summary.defaults, thresholds)).toEqual(sensitivity(read.book, summary.defaults, bookThresholdSlider(read.book)));
  });

  it('resolves an overtaken sensitivity request with null (stale results are dropped)', async () => {
    const client = ComputeClient.mainThread();
    const summary = await client.load(sheets.reps, sheets.accounts);
    if (!summary.ok) throw new Error('fixture');
    const thresholds = sensitivityThresholds(summary.slider);
    const first = client.sensitivity(summary.defaults, thresholds);
    const second = client.sensitivity({ ...summary.defaults, geoBonus: 0 }, thresholds);
    expect(await first).toBeNull();
    expect(await second).toHaveLength(thresholds.length);
  });

  it('optimizes over the whole grid with progress, matching the engine, and cancels', async () => {
    const client = ComputeClient.mainThread();
    const summary = await client.load(sheets.reps, sheets.accounts);
    if (!summary.ok) throw new Error('fixture');
    const read = readBook(sheets.reps, sheets.accounts);
    if (!read.ok) throw new Error('fixture');
    const progress: number[] = [];
    const outcome = await client.optimize(summary.defaults, (p) => progress.push(p.done), new AbortController().signal);
    const engine = optimizeWeights(read.book, summary.defaults)!;
    expect(outcome!.weights).toEqual(engine.weights);
    expect(outcome!.balanced).toBeCloseTo(engine.balanced!, 9);
    expect(outcome!.currentBalanced).toBeCloseTo(engine.currentBalanced!, 9);
    expect(progress.at(-1)).toBe(5151);
    // One lane: the main thread.
    expect(outcome!.lanes).toBe(1);

    const abort = new AbortController();
    const cancelled = client.optimize(summary.defaults, (p) => p.done > 50 && abort.abort(), abort.signal);
    expect(await cancelled).toBeNull();
  }, 60_000);

  it('adds Optimize helper workers for the cores past two, up to four lanes in all', () => {
    expect([1, 2, 3, 4, 8, 64].map(optimizeHelpers)).toEqual([0, 0, 1, 2, 2, 2]);
  });

  it('keeps only the latest of several quick view requests in flight', async () => {
    const client = ComputeClient.mainThread();
    const summary = await client.load(sheets.reps, sheets.accounts);
    if (!summary.ok) throw new Error('fixture');
    const views = await Promise.all([1000, 2000, 3000, 4000].map((threshold) => client.view(keyedSettings({ ...summary.defaults, threshold }))));
    // The first runs at once; the 2nd and 3rd are overtaken while it runs; the last is computed.
    expect(views.map((v) => v?.settings.threshold ?? null)).toEqual([1000, null, null, 4000]);
  });
});

describe('Optimize helpers (channels on this thread standing in for workers)', () => {
  const bookA = syntheticSheets({ accounts: 120, reps: 6, seed: 5 });
  const bookB = syntheticSheets({ accounts: 160, reps: 7, seed: 11 });
  const engine = (sheets: typeof bookA, settings: Parameters<typeof optimizeWeights>[1]) => {
    const read = readBook(sheets.reps, sheets.accounts);
    if (!read.ok) throw new Error('fixture');
    return optimizeWeights(read.book, settings)!;
  };
  const optimize = async (client: ComputeClient, sheets: typeof bookA) => {
    const summary = await client.load(sheets.reps, sheets.accounts);
    if (!summary.ok) throw new Error('fixture');
    const outcome = (await client.optimize(summary.defaults, () => {}, new AbortController().signal))!;
    const expected = engine(sheets, summary.defaults);
    expect(outcome.weights).toEqual(expected.weights);
    expect(outcome.balanced).toBe(expected.balanced);
    return outcome;
  };

  it('join the two lanes (four in all) with the engine\'s answer, and take each new book at the next Optimize', async () => {
    let started = 0;
    const client = ComputeClient.fromChannels(mainThreadChannel(), mainThreadChannel(), { count: 2, start: async () => (started++, mainThreadChannel()) });
    await optimize(client, bookA);
    expect((await optimize(client, bookA)).lanes).toBe(4);
    // Another book: the same helpers load it, and their values are the new book's.
    expect((await optimize(client, bookB)).lanes).toBe(4);
    expect(started).toBe(2);
  }, 60_000);

  it('a load overtaken by a newer one does not leave its book to the helpers (the newer book is too big for them)', async () => {
    const client = ComputeClient.fromChannels(mainThreadChannel(), mainThreadChannel(), { count: 2, start: async () => mainThreadChannel(), maxAccounts: 150 });
    // A (120 accounts) could go to helpers, B (160) cannot; B is loaded while A's load is still on its way.
    const first = client.load(bookA.reps, bookA.accounts);
    const summary = await client.load(bookB.reps, bookB.accounts);
    await first;
    if (!summary.ok) throw new Error('fixture');
    const outcome = (await client.optimize(summary.defaults, () => {}, new AbortController().signal))!;
    expect(outcome.lanes).toBe(2);
    expect(outcome.weights).toEqual(engine(bookB, summary.defaults).weights);
  }, 60_000);

  it('a helper that fails after joining is dropped: its slice is scored by the primary, the answer is the engine\'s, and the next Optimize starts a new one', async () => {
    let started = 0;
    const failing = (): Channel => {
      const inner = mainThreadChannel();
      let scored = 0;
      return {
        kind: 'worker',
        call: ((op: string, args: never, transfer?: Transferable[]) => {
          if (op === 'scoreWeights' && ++scored === 2) return Promise.reject(new Error('The compute worker stopped'));
          return inner.call(op as never, args, transfer);
        }) as Channel['call'],
        terminate: () => {},
      };
    };
    const client = ComputeClient.fromChannels(mainThreadChannel(), mainThreadChannel(), { count: 1, start: async () => (started++, failing()) });
    await optimize(client, bookA);
    expect(started).toBe(1);
    await optimize(client, bookA);
    expect(started).toBe(2);
  }, 60_000);
});

