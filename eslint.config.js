// Lint fences: the engine imports nothing above it, only the Office adapter (src/workbook/office/)
// touches Excel/Office, and app code never talks to the network or injects HTML.
import tseslint from 'typescript-eslint';

const NETWORK = ['fetch', 'XMLHttpRequest', 'WebSocket', 'EventSource'].map((name) => ({
  name,
  message: 'No network at run time: data never leaves the workbook (SPEC §12). Read files through the WorkbookPort or a file input.',
}));
const OFFICE = ['Excel', 'Office', 'OfficeExtension'].map((name) => ({
  name,
  message: 'Only the Office adapter (src/workbook/office/) talks to Office: use the WorkbookPort (src/workbook/port.ts); the pane gets one from startHost (src/taskpane/host.ts).',
}));
const DOM = ['window', 'document', 'navigator', 'localStorage', 'self'].map((name) => ({
  name,
  message: 'src/engine is pure TypeScript: no DOM, no Office, no React (docs/ARCHITECTURE.md).',
}));

export default tseslint.config(
  { ignores: ['dist/**', 'build/**', 'assembly/**', 'src/engine/generated/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'bench/data/**'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-restricted-syntax': [
        'error',
        { selector: "JSXAttribute[name.name='dangerouslySetInnerHTML']", message: 'Render user text as text: never inject HTML.' },
      ],
    },
  },
  {
    files: ['src/**/*.{ts,tsx}'],
    rules: { 'no-restricted-globals': ['error', ...NETWORK, ...OFFICE] },
  },
  {
    files: ['src/workbook/office/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...NETWORK] },
  },
  {
    files: ['src/engine/**/*.ts'],
    rules: {
      'no-restricted-globals': ['error', ...NETWORK, ...OFFICE, ...DOM],
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['react', 'react-dom', '@fluentui/*', 'exceljs', 'node:*'], message: 'src/engine imports nothing above it (docs/ARCHITECTURE.md).' },
            { group: ['../workbook/*', '../taskpane/*', '../worker/*', '../cli/*'], message: 'src/engine imports nothing above it (docs/ARCHITECTURE.md).' },
          ],
        },
      ],
      '@typescript-eslint/no-explicit-any': 'error',
    },
  },
  {
    files: ['test/**/*.{ts,tsx}', 'bench/**/*.ts', 'scripts/**/*.{ts,mjs}'],
    rules: { '@typescript-eslint/no-explicit-any': 'off', '@typescript-eslint/no-non-null-assertion': 'off' },
  },
);
