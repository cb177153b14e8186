/** A Field whose label carries an info button (Fluent's InfoLabel): the tooltip pattern used across the pane. */
import { Field, InfoLabel, type FieldProps, type LabelProps } from '@fluentui/react-components';
import type { ReactElement } from 'react';

export interface InfoFieldProps extends Omit<FieldProps, 'label'> {
  /** The visible label; it is also the control's accessible name. */
  readonly label: string;
  /** What the info button explains. */
  readonly info: ReactElement | string;
}

/** Field + InfoLabel: the control keeps `label` as its accessible name; the info button is "<label> information". */
export function InfoField({ label, info, children, ...rest }: InfoFieldProps) {
  return (
    <Field
      {...rest}
      label={{
        children: (_: unknown, slotProps: LabelProps) => (
          <InfoLabel {...slotProps} info={info}>
            {label}
          </InfoLabel>
        ),
      }}
    >
      {children}
    </Field>
  );
}
