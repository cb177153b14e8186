/** A titled section of a page. */
import { makeStyles, tokens } from '@fluentui/react-components';
import type { ReactNode } from 'react';

const useStyles = makeStyles({
  section: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, minWidth: 0 },
  title: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
});

/** A section with a heading (h2) and its content. */
export function Section({ title, children, testId, busy }: { title: string; children: ReactNode; testId?: string; busy?: boolean }) {
  const styles = useStyles();
  return (
    <section className={styles.section} aria-label={title} data-testid={testId} aria-busy={busy ? true : undefined}>
      <h2 className={styles.title}>{title}</h2>
      {children}
    </section>
  );
}
