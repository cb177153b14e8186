/** Styles shared by several controls: inputs that shrink with the pane, sliders without step ticks. */
import { makeStyles } from '@fluentui/react-components';

export const useSharedStyles = makeStyles({
  /** Fluent's Input keeps the browser's ~20-character minimum; let it shrink to its cell. */
  fillInput: { width: '100%', minWidth: 0, boxSizing: 'border-box' },
  fillInputElement: { minWidth: 0, width: '100%' },
  /** Sliders with 100+ steps draw a dotted rail; a plain rail reads better. */
  plainRail: { '::before': { backgroundImage: 'none' } },
});
