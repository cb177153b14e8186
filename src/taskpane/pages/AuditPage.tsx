/** Audit Trail page (SPEC §4, §10): the allocation's steps, one at a time, from the worker. */
import { useCallback } from 'react';
import { AuditTrail } from '../components/AuditTrail.js';
import type { Pane } from '../state/usePane.js';

/** Wires the audit trail to the compute client for the settings on screen. */
export function AuditPage({ pane, step, onStepChange }: { pane: Pane; step: number; onStepChange: (step: number) => void }) {
  const { client } = pane;
  const { view } = pane.live;
  const fetchRecord = useCallback((step: number) => (view ? client.audit(view, step) : Promise.resolve(null)), [client, view]);
  const findSteps = useCallback((text: string) => (view ? client.findSteps(view, text) : Promise.resolve([])), [client, view]);
  if (!view) return null;
  const { settings } = view;
  return (
    <AuditTrail
      stepCount={view.auditSteps}
      cacheKey={`${pane.source.bookId}|${view.key}`}
      threshold={settings.threshold}
      riskEnabled={pane.source.ready?.riskEnabled ?? false}
      fetchRecord={fetchRecord}
      findSteps={findSteps}
      step={step}
      onStepChange={onStepChange}
    />
  );
}
