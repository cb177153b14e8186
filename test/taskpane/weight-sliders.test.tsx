import { useState } from 'react';
import { afterEach, describe, expect, it } from 'vitest';
import { setWeight, type DriverName, type Weights } from '../../src/engine/index.js';
import { WeightSliders } from '../../src/taskpane/components/WeightSliders.js';
import { changeValue, cleanup, getAllByText, getByRole, renderInPane } from './setup.js';

afterEach(cleanup);

function Coupled({ start, riskEnabled }: { start: Weights; riskEnabled: boolean }) {
  const [weights, setWeights] = useState(start);
  return (
    <WeightSliders
      weights={weights}
      riskEnabled={riskEnabled}
      onChange={(driver: DriverName, value: number) => setWeights((w) => setWeight(w, driver, value, riskEnabled))}
    />
  );
}

const shown = () => ({
  arr: Number(getByRole('slider', 'ARR weight').getAttribute('value')),
  accounts: Number(getByRole('slider', 'Accounts weight').getAttribute('value')),
  risk: Number(getByRole('slider', 'Risk weight').getAttribute('value')),
});

describe('weight sliders', () => {
  it('keep the three weights summing to 100 as the engine couples them', async () => {
    await renderInPane(<Coupled start={{ arr: 34, accounts: 33, risk: 33 }} riskEnabled />);
    await changeValue(getByRole('slider', 'ARR weight'), '50');
    expect(shown()).toEqual(setWeight({ arr: 34, accounts: 33, risk: 33 }, 'arr', 50, true));
    expect(shown().arr + shown().accounts + shown().risk).toBe(100);
    await changeValue(getByRole('slider', 'Risk weight'), '1');
    const w = shown();
    expect(w.risk).toBe(1);
    expect(w.arr + w.accounts + w.risk).toBe(100);
    expect(getAllByText('Total 100 %')).toHaveLength(1);
  });

  it('move in 1 % steps down to 0 and up to 100', async () => {
    await renderInPane(<Coupled start={{ arr: 34, accounts: 33, risk: 33 }} riskEnabled />);
    const accounts = getByRole('slider', 'Accounts weight');
    await changeValue(accounts, '100');
    expect(shown()).toEqual({ arr: 0, accounts: 100, risk: 0 });
    await changeValue(accounts, '0');
    expect(shown()).toEqual({ arr: 50, accounts: 0, risk: 50 });
  });

  it('lock Risk at 0 and grey it out when the book has no risk', async () => {
    await renderInPane(<Coupled start={{ arr: 50, accounts: 50, risk: 0 }} riskEnabled={false} />);
    const risk = getByRole('slider', 'Risk weight') as HTMLInputElement;
    expect(risk.disabled).toBe(true);
    await changeValue(getByRole('slider', 'ARR weight'), '70');
    expect(shown()).toEqual({ arr: 70, accounts: 30, risk: 0 });
    expect(getAllByText(/Risk weight is locked at 0 %/)).toHaveLength(1);
  });
});
