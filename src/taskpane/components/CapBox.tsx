/**
 * A cap box (role spinbutton) where blank means "no cap": like NumberBox, a usable entry is applied at
 * each keystroke and the typed text stays while it means the value; arrow keys step (from blank, to the
 * segment's even share), Page Up / Down by 10. Blurred, it shows the value formatted again.
 */
import { Input, makeStyles, mergeClasses } from '@fluentui/react-components';
import type { KeyboardEvent } from 'react';
import { capValueText, formatCap, parseCap, stepCap } from './allocationRules.js';
import { InfoField } from './InfoField.js';
import { useSharedStyles } from './sharedStyles.js';
import { useTypedText } from './useTypedText.js';

/** A cap the text means (null: blank, no cap), or undefined when it means none. */
const capOf = (text: string): number | null | undefined => {
  const entry = parseCap(text);
  return entry.ok ? entry.value : undefined;
};

const useStyles = makeStyles({
  input: { fontVariantNumeric: 'tabular-nums' },
  // A cap is a few digits: a box the pane's width would read as a text field.
  narrow: { maxWidth: '140px' },
});

export interface CapBoxProps {
  /** The accessible name and visible label. */
  readonly label: string;
  readonly info: string;
  readonly value: number | null;
  /** Where an arrow key goes from no cap (null: 0). */
  readonly evenShare: number | null;
  readonly onCommit: (value: number | null) => void;
  readonly testId?: string;
}

/** The box with its label, info button and validation message. */
export function CapBox({ label, info, value, evenShare, onCommit, testId }: CapBoxProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const typed = useTypedText(value, formatCap, capOf, onCommit);
  const invalid = typed.parsed === undefined;
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    if (e.key !== 'ArrowUp' && e.key !== 'ArrowDown' && e.key !== 'PageUp' && e.key !== 'PageDown') return;
    e.preventDefault();
    typed.go(stepCap(typed.parsed === undefined ? value : typed.parsed, e.key === 'ArrowUp' || e.key === 'PageUp' ? 1 : -1, e.key.startsWith('Page'), evenShare));
  };
  return (
    <InfoField
      label={label}
      info={info}
      validationState={invalid ? 'error' : 'none'}
      validationMessage={invalid ? 'A whole number of accounts, or blank for no cap' : undefined}
    >
      <Input
        className={mergeClasses(shared.fillInput, styles.narrow)}
        input={{ className: mergeClasses(shared.fillInputElement, styles.input) }}
        role="spinbutton"
        inputMode="numeric"
        autoComplete="off"
        placeholder="No cap"
        aria-valuenow={value ?? undefined}
        aria-valuemin={0}
        aria-valuetext={capValueText(value)}
        data-testid={testId}
        {...typed.inputProps}
        onKeyDown={onKeyDown}
      />
    </InfoField>
  );
}
