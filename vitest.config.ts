import { defineConfig } from 'vitest/config';

// Three projects: engine/adapter/CLI unit tests in Node, pane components in jsdom,
// and end-to-end tests that build the preview bundle and drive Debian's Chromium.
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          environment: 'node',
          include: ['test/**/*.test.ts'],
          exclude: ['test/e2e/**', 'test/taskpane/**', 'node_modules/**'],
          // Builds the compiled CLI that test/cli and test/reliability spawn.
          globalSetup: ['test/cli/global-setup.ts'],
          testTimeout: 60_000,
        },
      },
      {
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['test/taskpane/**/*.test.{ts,tsx}'],
          // The engine the components import needs the WebAssembly kernel's generated module.
          globalSetup: ['test/taskpane/global-setup.ts'],
          testTimeout: 30_000,
        },
      },
      {
        test: {
          name: 'e2e',
          environment: 'node',
          include: ['test/e2e/**/*.test.ts'],
          globalSetup: ['test/e2e/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 300_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
