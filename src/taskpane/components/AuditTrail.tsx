/**
 * Audit Trail: step through the allocation (First / Previous / Next / Last, jump to a step,
 * search an account). Each step opens with its answer ("A-17 → Ann: lowest blended increase, geo
 * match") and the numbers that decided it, then the engine's reason, the account and its segment,
 * and every rep's scores, best first (SPEC §10.1). Locks, refinement moves and swaps are steps too:
 * they have no rep scores, a move names where the account came from, a swap its second account.
 */
import { Button, Field, InfoLabel, Input, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState } from 'react';
import type { AuditRecord, StepHit } from '../../worker/protocol.js';
import { formatCount, formatMoney, formatThreshold } from '../format.js';
import { auditAnswer, decidingNumbers } from './auditAnswer.js';
import { CandidateCards } from './CandidateCards.js';
import { useSharedStyles } from './sharedStyles.js';

const useStyles = makeStyles({
  trail: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  nav: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS, alignItems: 'center' },
  finders: { display: 'grid', gridTemplateColumns: 'repeat(auto-fit, minmax(min(100%, 130px), 1fr))', gap: tokens.spacingHorizontalS },
  position: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  hits: { display: 'flex', flexDirection: 'column', gap: '2px', maxHeight: '160px', overflowY: 'auto' },
  hit: { justifyContent: 'flex-start', textAlign: 'left', minWidth: 0, overflow: 'hidden', textOverflow: 'ellipsis', whiteSpace: 'nowrap' },
  card: { border: `1px solid ${tokens.colorNeutralStroke2}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalS, minWidth: 0 },
  dl: { display: 'grid', gridTemplateColumns: 'minmax(0, auto) minmax(0, 1fr)', gap: `2px ${tokens.spacingHorizontalS}`, margin: 0, fontSize: tokens.fontSizeBase200 },
  dt: { color: tokens.colorNeutralForeground2 },
  dd: { margin: 0, overflowWrap: 'anywhere' },
  h3: { margin: `0 0 ${tokens.spacingVerticalXS}`, fontSize: tokens.fontSizeBase300 },
  reason: { fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere', margin: 0 },
  step: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  answerBox: { border: `2px solid ${tokens.colorBrandStroke1}`, borderRadius: tokens.borderRadiusMedium, padding: tokens.spacingHorizontalS, display: 'flex', flexDirection: 'column', gap: '2px', minWidth: 0 },
  answer: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, overflowWrap: 'anywhere' },
  deciding: { margin: 0, fontSize: tokens.fontSizeBase300, fontVariantNumeric: 'tabular-nums', overflowWrap: 'anywhere' },
  legend: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM, marginBottom: tokens.spacingVerticalXS },
  muted: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  caption: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, margin: `0 0 ${tokens.spacingVerticalXS}` },
});

export interface AuditTrailProps {
  readonly stepCount: number;
  /** Changes when the allocation changes (new book or settings): the record is refetched. */
  readonly cacheKey: string;
  readonly threshold: number;
  readonly riskEnabled: boolean;
  readonly fetchRecord: (step: number) => Promise<AuditRecord | null>;
  readonly findSteps: (text: string) => Promise<StepHit[]>;
  /** Controlled step (kept by the app so it survives switching tabs); uncontrolled when absent. */
  readonly step?: number;
  readonly onStepChange?: (step: number) => void;
}

/** The step-through view of the audit log. */
export function AuditTrail({ stepCount, cacheKey, threshold, riskEnabled, fetchRecord, findSteps, ...controlled }: AuditTrailProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const [ownStep, setOwnStep] = useState(1);
  const step = controlled.step ?? ownStep;
  const setStep = controlled.onStepChange ?? setOwnStep;
  const [record, setRecord] = useState<AuditRecord | null>(null);
  const [jump, setJump] = useState('1');
  const [search, setSearch] = useState('');
  const [hits, setHits] = useState<StepHit[] | null>(null);
  const current = Math.min(Math.max(1, step), Math.max(1, stepCount));

  useEffect(() => {
    let live = true;
    if (stepCount === 0) {
      setRecord(null);
      return;
    }
    fetchRecord(current).then((r) => live && setRecord(r), () => live && setRecord(null));
    return () => {
      live = false;
    };
  }, [current, cacheKey, stepCount, fetchRecord]);

  useEffect(() => setJump(String(current)), [current]);

  useEffect(() => {
    let live = true;
    if (search.trim() === '') {
      setHits(null);
      return;
    }
    const timer = setTimeout(() => findSteps(search).then((h) => live && setHits(h)), 120);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [search, cacheKey, findSteps]);

  const go = (n: number) => setStep(Math.min(Math.max(1, n), Math.max(1, stepCount)));

  if (stepCount === 0) return <p className={styles.muted}>No account was assigned, so there are no audit steps.</p>;
  return (
    <div className={styles.trail} data-testid="audit-trail">
      <div className={styles.nav} role="group" aria-label="Step through the allocation">
        <Button size="small" onClick={() => go(1)} disabled={current <= 1}>First</Button>
        <Button size="small" onClick={() => go(current - 1)} disabled={current <= 1}>Previous</Button>
        <Button size="small" onClick={() => go(current + 1)} disabled={current >= stepCount}>Next</Button>
        <Button size="small" onClick={() => go(stepCount)} disabled={current >= stepCount}>Last</Button>
        <span className={styles.position} data-testid="audit-position" aria-live="polite">
          Step {formatCount(current)} of {formatCount(stepCount)}
        </span>
      </div>
      <div className={styles.finders}>
        <Field label="Jump to step">
          <Input
            className={shared.fillInput}
            input={{ className: shared.fillInputElement }}
            type="number"
            min={1}
            max={stepCount}
            value={jump}
            onChange={(_, d) => {
              setJump(d.value);
              const n = Number(d.value);
              if (Number.isInteger(n) && n >= 1 && n <= stepCount) go(n);
            }}
          />
        </Field>
        <Field label="Search account">
          <Input className={shared.fillInput} input={{ className: shared.fillInputElement }} type="search" value={search} placeholder="ID or name" onChange={(_, d) => setSearch(d.value)} />
        </Field>
      </div>
      {hits !== null && (
        <div className={styles.hits} role="list" aria-label="Matching steps" data-testid="audit-hits">
          {hits.length === 0 && <span className={styles.muted}>No assigned account matches “{search}”.</span>}
          {hits.map((h) => (
            <div role="listitem" key={h.step}>
              <Button size="small" appearance="subtle" className={styles.hit} onClick={() => go(h.step)} title={`${h.accountId} ${h.accountName}`}>
                Step {h.step}: {h.accountId} {h.accountName}
              </Button>
            </div>
          ))}
        </div>
      )}
      {record && (
        <section className={styles.step} aria-label={`Step ${formatCount(record.step)}`} data-testid="audit-step" data-kind={record.kind}>
          <div className={styles.answerBox}>
            <h3 className={styles.answer} data-testid="audit-answer">{auditAnswer(record)}</h3>
            {decidingNumbers(record) && <p className={styles.deciding} data-testid="audit-deciding">{decidingNumbers(record)}</p>}
            <p className={styles.reason} data-testid="audit-reason">{record.reason}</p>
          </div>
          <section className={styles.card} aria-label="Account" data-testid="audit-account">
            <h4 className={styles.h3}>Account · {record.segment}</h4>
            <dl className={styles.dl}>
              <dt className={styles.dt}>ID</dt><dd className={styles.dd}>{record.accountId}</dd>
              <dt className={styles.dt}>Name</dt><dd className={styles.dd}>{record.accountName}</dd>
              <dt className={styles.dt}>ARR</dt><dd className={styles.dd}>{formatMoney(record.arr)}</dd>
              <dt className={styles.dt}>Employees</dt><dd className={styles.dd}>{formatCount(record.employees)}</dd>
              <dt className={styles.dt}>Location</dt><dd className={styles.dd}>{record.location || '(blank)'}</dd>
              <dt className={styles.dt}>Original rep</dt><dd className={styles.dd}>{record.originalRep || '(unassigned)'}</dd>
              <dt className={styles.dt}>Segment</dt>
              <dd className={styles.dd} data-testid="audit-segment">
                {record.segment}: {formatCount(record.employees)} employees {record.segment === 'Enterprise' ? '≥' : '<'} threshold {formatThreshold(threshold)}
              </dd>
            </dl>
          </section>
          {record.kind === 'swap' && record.partner && (
            <section className={styles.card} aria-label="Swapped with" data-testid="audit-partner">
              <h4 className={styles.h3}>Swapped with {record.partner.accountId}</h4>
              <dl className={styles.dl}>
                <dt className={styles.dt}>Name</dt><dd className={styles.dd}>{record.partner.accountName}</dd>
                <dt className={styles.dt}>ARR</dt><dd className={styles.dd}>{formatMoney(record.partner.arr)}</dd>
                <dt className={styles.dt}>Moves</dt><dd className={styles.dd}>{record.partner.from} → {record.partner.to}</dd>
              </dl>
            </section>
          )}
          {record.kind === 'greedy' ? (
            <section aria-label="Every rep's scores" data-testid="audit-candidates">
              <h4 className={styles.h3}>Every rep’s scores, best first</h4>
              <p className={styles.caption}>ARR, Accts and High-risk are each rep’s book just before this account; the lowest score wins.</p>
              <div className={styles.legend}>
                <InfoLabel info="Blended: how much taking this account would raise the rep’s weighted squared load (each driver as a share of its target); lower is better. Score = blended ÷ (1 + bonus); the lowest score wins.">
                  Blended score
                </InfoLabel>{' '}
                <InfoLabel info="Geo match: the rep’s Location equals the account’s, case-insensitively (blank never matches); it earns the Geo bonus. Preserve: the rep is the account’s Original_Rep; it earns the Preserve bonus.">
                  Geo match
                </InfoLabel>
              </div>
              <CandidateCards candidates={record.candidates} winner={record.winner} riskEnabled={riskEnabled} />
            </section>
          ) : (
            <p className={styles.muted} data-testid="audit-no-candidates">
              {record.kind === 'lock'
                ? 'No rep was scored: a locked account goes to its rep before the greedy allocation starts.'
                : 'No rep was scored: refinement moves accounts between two reps after the greedy allocation while that makes the books more even.'}
            </p>
          )}
        </section>
      )}
    </div>
  );
}
