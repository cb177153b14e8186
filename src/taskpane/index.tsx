/**
 * Entry point: decide the host (Office or preview, from the URL alone), start the compute
 * workers, then render the pane inside Fluent's provider with a light or dark theme.
 */
import '../worker/jitless.js';
import { FluentProvider, Spinner, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { StrictMode, useEffect, useState } from 'react';
import { createRoot } from 'react-dom/client';
import { ComputeClient } from '../worker/client.js';
import { App } from './App.js';
import { startHost, type Host } from './host.js';
import { DarkThemeContext, usePrefersDark } from './theme.js';

function Root() {
  const [started, setStarted] = useState<{ host: Host; client: ComputeClient } | null>(null);
  const prefersDark = usePrefersDark();
  useEffect(() => {
    let cancelled = false;
    let client: ComputeClient | null = null;
    Promise.all([startHost(), ComputeClient.start()]).then(([host, c]) => {
      client = c;
      if (cancelled) c.dispose();
      else setStarted({ host, client: c });
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
        {started ? <App host={started.host} client={started.client} /> : <Spinner style={{ marginTop: 32 }} label="Starting Territory Slicer…" />}
      </FluentProvider>
    </DarkThemeContext.Provider>
  );
}

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <Root />
  </StrictMode>,
);
