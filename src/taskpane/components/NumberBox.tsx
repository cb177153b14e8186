/**
 * A number box (role spinbutton) that shows its value formatted ("1,000") and keeps what the user
 * types while it means that value: each valid entry is used at once, exactly as typed; arrow keys
 * step (Page Up / Down in big steps, Home / End to the ends). Blurred, it shows the value formatted
 * again. A text input rather than type="number", which cannot show separators.
 */
import { Field, Input, makeStyles, mergeClasses, type InputProps } from '@fluentui/react-components';
import { useCallback, type KeyboardEvent } from 'react';
import { useSharedStyles } from './sharedStyles.js';
import { useTypedText } from './useTypedText.js';

const useStyles = makeStyles({
  hiddenLabel: { position: 'absolute', width: '1px', height: '1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  input: { fontVariantNumeric: 'tabular-nums' },
});

export interface NumberBoxProps {
  /** The accessible name (and visible label unless `hideLabel`). */
  readonly label: string;
  readonly hideLabel?: boolean;
  readonly value: number;
  readonly format: (value: number) => string;
  /** The number the text means, or null when it is not a usable value. */
  readonly parse: (text: string) => number | null;
  readonly onCommit: (value: number) => void;
  /** The value one step up (+1) or down (−1) from `value`; `big` for Page Up / Down; null = stay. */
  readonly step: (value: number, direction: 1 | -1, big: boolean) => number | null;
  readonly min?: number;
  readonly max?: number;
  /** What a screen reader says for the value (default: the formatted value). */
  readonly valueText?: (value: number) => string;
  /** Shown under the box while the text is not a usable value. */
  readonly invalidMessage: string;
  readonly disabled?: boolean;
  readonly className?: string;
  readonly contentAfter?: InputProps['contentAfter'];
  readonly testId?: string;
}

/** The box; its Field carries the label and the validation message. */
export function NumberBox(props: NumberBoxProps) {
  const styles = useStyles();
  const shared = useSharedStyles();
  const { value, format } = props;
  const given = props.parse;
  const parse = useCallback((text: string) => given(text) ?? undefined, [given]);
  const typed = useTypedText(value, format, parse, props.onCommit);
  const invalid = typed.text.trim() !== '' && typed.parsed === undefined;
  const go = (next: number | null) => {
    if (next !== null && Number.isFinite(next)) typed.go(next);
  };
  const onKeyDown = (e: KeyboardEvent<HTMLInputElement>) => {
    const base = typed.parsed ?? value;
    if (e.key === 'ArrowUp' || e.key === 'ArrowDown' || e.key === 'PageUp' || e.key === 'PageDown') {
      e.preventDefault();
      go(props.step(base, e.key === 'ArrowUp' || e.key === 'PageUp' ? 1 : -1, e.key.startsWith('Page')));
    } else if ((e.key === 'Home' && props.min !== undefined) || (e.key === 'End' && props.max !== undefined)) {
      e.preventDefault();
      go(e.key === 'Home' ? props.min! : props.max!);
    }
  };
  return (
    <Field
      className={props.className}
      label={{ children: props.label, className: props.hideLabel ? styles.hiddenLabel : undefined }}
      validationState={invalid ? 'error' : 'none'}
      validationMessage={invalid ? props.invalidMessage : undefined}
    >
      <Input
        className={shared.fillInput}
        input={{ className: mergeClasses(shared.fillInputElement, styles.input) }}
        role="spinbutton"
        inputMode="decimal"
        autoComplete="off"
        aria-valuenow={value}
        aria-valuemin={props.min}
        aria-valuemax={props.max}
        aria-valuetext={(props.valueText ?? format)(value)}
        disabled={props.disabled}
        contentAfter={props.contentAfter}
        data-testid={props.testId}
        {...typed.inputProps}
        onKeyDown={onKeyDown}
      />
    </Field>
  );
}
