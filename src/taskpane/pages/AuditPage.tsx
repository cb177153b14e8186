/** Audit Trail page (SPEC §4, §10): the allocation's steps, one at a time, from the worker. */
import { useCallback } from 'react';
import { AuditTrail } from '../components/AuditTrail.js';
import type { Pane } from '../state/usePane.js';

/** Wires the audit trail to the compute client for the settings on screen. */
export function AuditPage({ pane, step, onStepChange }: { pane: Pane; step: number; onStepChange: (step: number) => void }) {
  const { view, client } = pane;
  const settings = view?.settings ?? null;
  const fetchRecord = useCallback((step: number) => (settings ? client.audit(settings, step) : Promise.resolve(null)), [client, settings]);
  const findSteps = useCallback((text: string) => (settings ? client.findSteps(settings, text) : Promise.resolve([])), [client, settings]);
  if (!view || !settings) return null;
  return (
    <AuditTrail
      stepCount={view.auditSteps}
      cacheKey={`${pane.bookId}|${view.key}`}
      threshold={settings.threshold}
      riskEnabled={pane.summary?.ok === true && pane.summary.riskEnabled}
      fetchRecord={fetchRecord}
      findSteps={findSteps}
      step={step}
      onStepChange={onStepChange}
    />
  );
}
