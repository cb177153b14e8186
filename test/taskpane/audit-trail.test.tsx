import { afterEach, describe, expect, it } from 'vitest';
import { auditRecord, evaluate, readBook, keyedSettings } from '../../src/engine/index.js';
import { AuditTrail } from '../../src/taskpane/components/AuditTrail.js';
import { loadedSession } from './fixtures.js';
import { changeValue, cleanup, click, getByRole, renderInPane, waitFor } from './setup.js';

afterEach(cleanup);

const position = () => document.querySelector('[data-testid="audit-position"]')!.textContent;
const reason = () => document.querySelector('[data-testid="audit-reason"]')?.textContent ?? '';
const accountId = () => document.querySelector('[data-testid="audit-account"] dd')?.textContent ?? '';

async function renderTrail(riskEnabled = true) {
  const { session, settings, sheets } = loadedSession(30, 4, 11);
  const steps = session.view(keyedSettings(settings)).auditSteps;
  await renderInPane(
    <AuditTrail
      stepCount={steps}
      cacheKey="k"
      threshold={settings.threshold}
      riskEnabled={riskEnabled}
      fetchRecord={async (step) => session.audit(keyedSettings(settings), step)}
      findSteps={async (text) => session.findSteps(keyedSettings(settings), text)}
    />,
  );
  const read = readBook(sheets.reps, sheets.accounts);
  if (!read.ok) throw new Error('fixture');
  const allocation = evaluate(read.book, settings).allocation;
  return { steps, expected: (step: number) => auditRecord(read.book, allocation, step)! };
}

describe('audit trail', () => {
  it('steps with First / Previous / Next / Last and shows the engine record of each step', async () => {
    const { steps, expected } = await renderTrail();
    await waitFor(() => expect(reason()).toBe(expected(1).reason));
    expect(position()).toBe(`Step 1 of ${steps}`);
    expect((getByRole('button', 'First') as HTMLButtonElement).disabled).toBe(true);

    await click(getByRole('button', 'Next'));
    await waitFor(() => expect(reason()).toBe(expected(2).reason));
    expect(position()).toBe(`Step 2 of ${steps}`);
    expect(accountId()).toBe(expected(2).accountId);

    await click(getByRole('button', 'Last'));
    await waitFor(() => expect(accountId()).toBe(expected(steps).accountId));
    expect((getByRole('button', 'Next') as HTMLButtonElement).disabled).toBe(true);

    await click(getByRole('button', 'Previous'));
    await waitFor(() => expect(position()).toBe(`Step ${steps - 1} of ${steps}`));
    await click(getByRole('button', 'First'));
    await waitFor(() => expect(position()).toBe(`Step 1 of ${steps}`));
    expect(reason()).toContain('wins');
  });

  it('shows every candidate rep with its rank, and the winner first', async () => {
    const { expected } = await renderTrail();
    await waitFor(() => expect(reason()).toContain('wins'));
    const cards = [...document.querySelectorAll<HTMLElement>('[data-testid="audit-candidate"]')];
    const record = expected(1);
    expect(cards).toHaveLength(record.candidates.length);
    expect(cards.map((c) => Number(c.dataset.rank))).toEqual(record.candidates.map((c) => c.rank).sort((a, b) => a - b));
    expect(cards[0]!.textContent).toContain(record.winner);
    expect(cards[0]!.textContent).toContain('Winner');
    for (const label of ['ARR', 'Accts', 'High-risk', 'Blended', 'Geo', 'Preserve', 'Bonus', 'Score']) expect(cards[0]!.textContent).toContain(label);
  });

  it('jumps to a typed step and finds steps by account', async () => {
    const { steps, expected } = await renderTrail();
    await changeValue(getByRole('spinbutton', 'Jump to step'), '5');
    await waitFor(() => expect(accountId()).toBe(expected(5).accountId));
    expect(position()).toBe(`Step 5 of ${steps}`);
    // Out of range: ignored.
    await changeValue(getByRole('spinbutton', 'Jump to step'), String(steps + 10));
    expect(position()).toBe(`Step 5 of ${steps}`);

    const target = expected(7);
    await changeValue(getByRole('searchbox', 'Search account'), target.accountId);
    const hit = await waitFor(() => getByRole('button', new RegExp(`^Step 7: ${target.accountId}`)));
    await click(hit);
    await waitFor(() => expect(accountId()).toBe(target.accountId));
    expect(position()).toBe(`Step 7 of ${steps}`);
  });

  it('leaves the high-risk line out of every card when risk balancing is off', async () => {
    await renderTrail(false);
    await waitFor(() => expect(reason()).toContain('wins'));
    const cards = [...document.querySelectorAll<HTMLElement>('[data-testid="audit-candidate"]')];
    expect(cards.length).toBeGreaterThan(0);
    expect(cards.every((c) => !c.textContent!.includes('High-risk') && c.textContent!.includes('Blended'))).toBe(true);
  });
});
