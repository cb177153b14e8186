/**
 * Builds the production bundle once (unless dist/ already holds a build of the current sources:
 * ensurePane compares their hash) and serves dist/ on a free localhost port for every e2e test
 * file (`inject('paneOrigin')`). E2E_SKIP_BUILD=1 reuses an existing dist/ whatever it holds.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { distDir, ensurePane, startStaticServer } from '../../scripts/preview.mjs';

declare module 'vitest' {
  export interface ProvidedContext {
    paneOrigin: string;
  }
}

/** Build, serve, and hand the origin to the tests; the returned function stops the server. */
export default async function setup(project: TestProject) {
  const reuse = process.env.E2E_SKIP_BUILD === '1' && existsSync(path.join(distDir, 'taskpane.html'));
  if (!reuse) await ensurePane();
  const { server, origin } = await startStaticServer(distDir, 0);
  project.provide('paneOrigin', origin);
  return async () => {
    await new Promise<void>((resolve) => server.close(() => resolve()));
  };
}
