/** Settings (SPEC §13, §15, §16): validation, the cache key, and the settings file the CLI and pane share. */
import { describe, expect, it } from 'vitest';
import {
  checkSettings,
  parseSettingsFile,
  settingsKey,
  settingsOverDefaults,
  settingsSchema,
  type Settings,
} from '../../src/engine/index.js';
import { parseReportArgs } from '../../src/cli/args.js';

const base: Settings = {
  threshold: 1000,
  weights: { arr: 34, accounts: 33, risk: 33 },
  geoBonus: 0.05,
  preserveBonus: 0.05,
  riskCutoff: 0.7,
  mode: 'fresh',
  refine: true,
  budget: 10,
  maxAccounts: { Enterprise: null, 'Mid-Market': null },
};

describe('settingsKey', () => {
  // One changed value per leaf of the schema: a setting added to the schema without a case here fails.
  const changed: Record<string, Settings> = {
    threshold: { ...base, threshold: 1250 },
    'weights.arr': { ...base, weights: { arr: 35, accounts: 32, risk: 33 } },
    'weights.accounts': { ...base, weights: { arr: 34, accounts: 34, risk: 32 } },
    'weights.risk': { ...base, weights: { arr: 33, accounts: 33, risk: 34 } },
    geoBonus: { ...base, geoBonus: 0.06 },
    preserveBonus: { ...base, preserveBonus: 0.04 },
    riskCutoff: { ...base, riskCutoff: 0.8 },
    mode: { ...base, mode: 'rebalance' },
    refine: { ...base, refine: false },
    budget: { ...base, budget: 11 },
    'maxAccounts.Enterprise': { ...base, maxAccounts: { Enterprise: 5, 'Mid-Market': null } },
    'maxAccounts.Mid-Market': { ...base, maxAccounts: { Enterprise: null, 'Mid-Market': 0 } },
  };

  it('has a case for every field of the schema', () => {
    const leaves = Object.entries(settingsSchema.shape).flatMap(([k, v]) =>
      'shape' in v ? Object.keys((v as { shape: object }).shape).map((c) => `${k}.${c}`) : [k],
    );
    expect(Object.keys(changed).sort()).toEqual(leaves.sort());
  });

  it('differs when any one setting differs, and only then', () => {
    const keys = new Set(Object.values(changed).map(settingsKey));
    expect(keys.size).toBe(Object.keys(changed).length);
    expect(keys.has(settingsKey(base))).toBe(false);
    // The same values in another key order give the same key.
    const reordered = { maxAccounts: { 'Mid-Market': null, Enterprise: null }, budget: 10, refine: true, mode: 'fresh', riskCutoff: 0.7, preserveBonus: 0.05, geoBonus: 0.05, weights: { risk: 33, accounts: 33, arr: 34 }, threshold: 1000 } as Settings;
    expect(settingsKey(reordered)).toBe(settingsKey(base));
    // A cap of 0 is not "no cap".
    expect(settingsKey(changed['maxAccounts.Mid-Market']!)).not.toBe(settingsKey(base));
  });
});

describe('checkSettings (v2 fields)', () => {
  it('accepts the defaults and rejects each bad v2 value with its field named', () => {
    expect(checkSettings(base, true).ok).toBe(true);
    const reason = (s: unknown) => {
      const r = checkSettings(s, true);
      return r.ok ? 'ok' : r.reason;
    };
    expect(reason({ ...base, mode: 'greedy' })).toMatch(/^mode: mode is "fresh" or "rebalance"/);
    expect(reason({ ...base, refine: 'on' })).toMatch(/^refine: /);
    expect(reason({ ...base, budget: 10.5 })).toMatch(/^budget: the move budget is a whole percentage/);
    expect(reason({ ...base, budget: 101 })).toMatch(/^budget: the move budget is between 0 and 100/);
    expect(reason({ ...base, maxAccounts: { Enterprise: -1, 'Mid-Market': null } })).toMatch(/^maxAccounts.Enterprise: a cap cannot be negative/);
    expect(reason({ ...base, maxAccounts: { Enterprise: 2.5, 'Mid-Market': null } })).toMatch(/^maxAccounts.Enterprise: a cap is a whole number/);
  });
});

describe('the settings file (SPEC §16)', () => {
  it("accepts the report's own settings object (riskEnabled ignored, a null threshold = the default)", () => {
    const parsed = parseSettingsFile({ ...base, riskEnabled: true });
    expect(parsed.ok).toBe(true);
    if (!parsed.ok) return;
    expect(settingsOverDefaults({ ...base, threshold: 7 }, parsed.file)).toEqual(base);
    const nullThreshold = parseSettingsFile({ threshold: null, mode: 'rebalance' });
    expect(nullThreshold.ok && settingsOverDefaults(base, nullThreshold.file)).toEqual({ ...base, mode: 'rebalance' });
  });

  it('takes a partial object over the defaults, with the sheet names', () => {
    const parsed = parseSettingsFile({ budget: 25, refine: false, repsSheet: 'Team', accountsSheet: 'Book' });
    expect(parsed).toEqual({ ok: true, file: { budget: 25, refine: false, repsSheet: 'Team', accountsSheet: 'Book' } });
    if (parsed.ok) expect(settingsOverDefaults(base, parsed.file)).toEqual({ ...base, budget: 25, refine: false });
  });

  it('names an unknown or bad field', () => {
    expect(parseSettingsFile({ thresold: 5 })).toEqual({ ok: false, reason: 'unknown setting "thresold"' });
    expect(parseSettingsFile({ weights: { arr: 50, accounts: 50 } })).toMatchObject({ ok: false, reason: expect.stringMatching(/^weights.risk: /) });
    expect(parseSettingsFile([1])).toMatchObject({ ok: false });
  });
});

describe('CLI flags of allocation v2 (SPEC §13)', () => {
  const args = (...flags: string[]) => parseReportArgs(['report', '--workbook', 'w.xlsx', ...flags]);

  it('reads --mode, --refine, --budget, --max-accounts and --settings', () => {
    const parsed = args('--mode', 'rebalance', '--refine', 'off', '--budget', '25', '--max-accounts', '30,-', '--settings', 's.json');
    expect(parsed.ok && parsed.args).toMatchObject({ mode: 'rebalance', refine: false, budget: 25, maxAccounts: { Enterprise: 30, 'Mid-Market': null }, settings: 's.json' });
    const none = args();
    expect(none.ok && [none.args.mode, none.args.refine, none.args.budget, none.args.maxAccounts]).toEqual([undefined, undefined, undefined, undefined]);
  });

  it('refuses bad values with the flag named', () => {
    const reason = (...flags: string[]) => {
      const p = args(...flags);
      return p.ok ? 'ok' : p.reason;
    };
    expect(reason('--mode', 'Fresh')).toMatch(/^--mode must be fresh or rebalance/);
    expect(reason('--refine', 'yes')).toMatch(/^--refine must be on or off/);
    expect(reason('--budget', '10.5')).toMatch(/^--budget must be a whole percentage/);
    expect(reason('--budget', '101')).toMatch(/^--budget /);
    expect(reason('--max-accounts', '30')).toMatch(/^--max-accounts must be two caps/);
    expect(reason('--max-accounts', '30,-1')).toMatch(/^--max-accounts /);
    expect(reason('--max-accounts', '0,-')).toBe('ok');
    // A value that starts with a dash is still the flag's value, not an option.
    const dash = args('--max-accounts', '-,25');
    expect(dash.ok && dash.args.maxAccounts).toEqual({ Enterprise: null, 'Mid-Market': 25 });
  });
});
