/**
 * Entry point: decide the host (Office on the Office page, preview on the preview page: host.ts),
 * start the compute workers, then render the pane inside Fluent's provider with a light or dark
 * theme — or, inside Office, why it cannot start, with Retry.
 */
import '../worker/jitless.js';
import { FluentProvider, Spinner, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ComputeClient } from '../worker/client.js';
import { App } from './App.js';
import { startHost, type Host, type StartProblem } from './host.js';
import { SLOW_START, StartProblemView } from './StartProblem.js';
import { DarkThemeContext, usePrefersDark } from './theme.js';

function Root() {
  const [started, setStarted] = useState<{ host: Host; client: ComputeClient } | null>(null);
  // Inside Office a failed or slow start is said, with Retry: the pane never falls back to the sample.
  const [problem, setProblem] = useState<StartProblem | null>(null);
  const [slow, setSlow] = useState(false);
  const prefersDark = usePrefersDark();
  useEffect(() => {
    let cancelled = false;
    let client: ComputeClient | null = null;
    Promise.all([startHost({ onSlow: () => setSlow(true) }), ComputeClient.start()]).then(([start, c]) => {
      client = c;
      if (cancelled || !start.ok) c.dispose();
      if (cancelled) return;
      if (start.ok) setStarted({ host: start.host, client: c });
      else setProblem(start.problem);
    });
    return () => {
      cancelled = true;
      client?.dispose();
    };
  }, []);
  const dark = started?.host.mode === 'office' ? started.host.dark : prefersDark;
  return (
    <DarkThemeContext.Provider value={dark}>
      <FluentProvider theme={dark ? webDarkTheme : webLightTheme} style={{ minHeight: '100vh' }}>
        {problem ? (
          <StartProblemView problem={problem} />
        ) : started ? (
          <App host={started.host} client={started.client} />
        ) : (
          <>
            <Spinner style={{ marginTop: 32 }} label="Starting Territory Slicer…" />
            {slow && <StartProblemView problem={SLOW_START} />}
          </>
        )}
      </FluentProvider>
    </DarkThemeContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
