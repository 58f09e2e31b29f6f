// Lint rules, including the import boundaries of HOUSE_STYLE.md "Which way imports go":
// renderer/model and renderer/engine stay pure (no React, Konva, Electron, pdf-lib, DOM, Node
// I/O); the renderer imports only types from main/.
import tseslint from 'typescript-eslint';

const UI_LIBS = ['react', 'react-dom', 'react-dom/*', 'konva', 'konva/*', 'react-konva', 'electron', 'pdf-lib', '@pdf-lib/*'];
const NODE_IO = ['fs', 'fs/*', 'node:*', 'child_process', 'path', 'os'];

const pure = (what) => ({
  'no-restricted-imports': [
    'error',
    {
      patterns: [
        { group: [...UI_LIBS, ...NODE_IO], message: `${what} is pure: no UI, Electron, PDF or I/O libraries (HOUSE_STYLE.md).` },
        { group: ['**/main/*', '**/main/**'], message: 'the renderer may import only types from main/ (use `import type`).', allowTypeImports: true },
        { group: ['fontkit'], message: `${what} sees fonts only through the FontMetrics interface (renderer/engine/metrics.ts).` },
        { group: ['**/editor/*', '**/canvas/*', '**/ui/*', '**/pdf/*'], message: `${what} may not depend on editor, canvas, ui or pdf.` },
      ],
    },
  ],
  'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'HTMLElement', 'HTMLCanvasElement', 'localStorage', 'fetch'],
});

export default tseslint.config(
  { ignores: ['node_modules/**', 'dist/**', 'out/**', 'release/**', 'test-output/**', 'bin/**'] },
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts', '**/*.tsx'],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { prefer: 'type-imports', fixStyle: 'inline-type-imports' }],
    },
  },
  {
    // Tests break documents on purpose: mutating parsed JSON through `any` is the point there.
    files: ['test/**/*.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  { files: ['renderer/model/**/*.ts'], rules: pure('renderer/model') },
  { files: ['renderer/engine/**/*.ts'], rules: pure('renderer/engine') },
  { files: ['renderer/import/**/*.ts'], rules: pure('renderer/import') },
  // Editor state, commands and history are plain data and functions, tested under Node.
  { files: ['renderer/editor/**/*.ts'], rules: pure('renderer/editor') },
  {
    // The rest of the renderer: no Node, no Electron, and main/ only as types.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    ignores: ['renderer/model/**', 'renderer/engine/**', 'renderer/import/**', 'renderer/editor/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['electron', ...NODE_IO], message: 'the renderer runs sandboxed: reach the main process through renderer/api.ts.' },
            { group: ['**/main/*', '**/main/**'], message: 'the renderer may import only types from main/ (use `import type`).', allowTypeImports: true },
          ],
        },
      ],
    },
  },
);
