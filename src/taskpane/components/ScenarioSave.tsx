/**
 * "Save as scenario" (SPEC §10.1, §16): the button opens the textbox "Scenario name"; Enter or "Save"
 * confirms, Escape or "Cancel" closes it. A name is checked as the engine's `checkScenarioName` says
 * (trimmed, 1–40 characters); one already saved (ignoring case) asks to replace it first.
 */
import { Button, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useRef, useState } from 'react';
import { SCENARIO_NAME_MAX } from '../../engine/index.js';
import type { ScenarioSaveResult } from '../state/usePersist.js';
import { useSharedStyles } from './sharedStyles.js';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'flex-end', minWidth: 0 },
  name: { flex: '1 1 160px', minWidth: 0 },
  done: { color: tokens.colorPaletteGreenForeground1, fontSize: tokens.fontSizeBase200 },
});

export interface ScenarioSaveProps {
  readonly disabled: boolean;
  readonly onSave: (name: string, replace: boolean) => Promise<ScenarioSaveResult>;
}

/** The button, and the name box while it is open. */
export function ScenarioSave({ disabled, onSave }: ScenarioSaveProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const [open, setOpen] = useState(false);
  const [name, setName] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [replacing, setReplacing] = useState<string | null>(null);
  const [saving, setSaving] = useState(false);
  const [saved, setSaved] = useState<string | null>(null);
  const input = useRef<HTMLInputElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (open) input.current?.focus();
  }, [open]);

  const close = () => {
    setOpen(false);
    setProblem(null);
    setReplacing(null);
    // Focus goes back where it came from.
    requestAnimationFrame(() => button.current?.focus());
  };

  const submit = async (replace: boolean) => {
    if (saving) return;
    setSaving(true);
    try {
      const result = await onSave(name, replace);
      if (result.status === 'saved') {
        setSaved(`Saved scenario "${result.name}".`);
        setName('');
        close();
      } else if (result.status === 'exists') {
        setReplacing(result.name);
        setProblem(`A scenario named "${result.name}" exists. Replace it with these settings?`);
      } else {
        setReplacing(null);
        setProblem(result.reason);
      }
    } finally {
      setSaving(false);
    }
  };

  if (!open) {
    return (
      <div className={styles.box}>
        <div className={styles.row}>
          <Button ref={button} disabled={disabled} onClick={() => { setSaved(null); setOpen(true); }}>
            Save as scenario
          </Button>
        </div>
        {saved && (
          <Text className={styles.done} role="status" data-testid="scenario-saved">
            {saved}
          </Text>
        )}
      </div>
    );
  }
  return (
    <div className={styles.box} data-testid="scenario-save">
      <div className={styles.row}>
        <Field
          className={styles.name}
          label="Scenario name"
          validationState={problem && !replacing ? 'error' : replacing ? 'warning' : 'none'}
          validationMessage={problem ?? undefined}
          hint={problem ? undefined : `Up to ${SCENARIO_NAME_MAX} characters.`}
        >
          <Input
            ref={input}
            className={shared.fillInput}
            input={{ className: shared.fillInputElement }}
            value={name}
            maxLength={SCENARIO_NAME_MAX + 20}
            onChange={(_, d) => {
              setName(d.value);
              setProblem(null);
              setReplacing(null);
            }}
            onKeyDown={(e) => {
              if (e.key === 'Enter') {
                e.preventDefault();
                void submit(replacing !== null);
              } else if (e.key === 'Escape') {
                e.preventDefault();
                e.stopPropagation();
                close();
              }
            }}
          />
        </Field>
      </div>
      <div className={styles.row}>
        {replacing ? (
          <Button appearance="primary" disabled={saving} onClick={() => void submit(true)}>
            Replace
          </Button>
        ) : (
          <Button appearance="primary" disabled={saving} onClick={() => void submit(false)}>
            Save
          </Button>
        )}
        <Button onClick={close}>Cancel</Button>
      </div>
    </div>
  );
}
