// ESLint 10 flat config. One rule is ours: Electron's IPC (`ipcMain`, `ipcRenderer`) is touched in
// exactly two files, built from the contract; everything else goes through src/shared/contract.
import js from '@eslint/js';
import { defineConfig, globalIgnores } from 'eslint/config';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const ALL = ['**/*.{js,mjs,cjs,jsx,ts,tsx,mts,cts}'];
const TYPESCRIPT = ['**/*.{ts,tsx,mts,cts}'];

/** The only files that may use Electron's IPC directly. */
const IPC_OWNERS = ['src/main/transport/electron-ipc.ts', 'src/preload/index.ts'];
const IPC_MESSAGE =
  "Electron's IPC is used only in src/main/transport/electron-ipc.ts (ipcMain) and src/preload/index.ts (ipcRenderer): " +
  'add a method or an event to src/shared/contract/contract.ts and use the typed client instead.';

export default defineConfig([
  globalIgnores([
    'out/',
    'dist/',
    'coverage/',
    'node_modules/',
    'test-results/',
    'playwright-report/',
    'e2e/.artifacts/',
    '.bench-data/',
  ]),
  {
    files: ALL,
    extends: [js.configs.recommended],
    languageOptions: { ecmaVersion: 'latest', sourceType: 'module', globals: globals.node },
  },
  {
    files: TYPESCRIPT,
    extends: [tseslint.configs.recommended],
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
  {
    files: ['src/renderer/**/*.{ts,tsx}'],
    extends: [reactHooks.configs.flat.recommended],
    languageOptions: { globals: globals.browser },
  },
  {
    // The preload runs in a sandboxed renderer: browser globals, plus the little of Node it is given.
    files: ['src/preload/**/*.ts'],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ALL,
    ignores: IPC_OWNERS,
    rules: {
      'no-restricted-imports': [
        'error',
        { paths: [{ name: 'electron', importNames: ['ipcMain', 'ipcRenderer'], message: IPC_MESSAGE }] },
      ],
      'no-restricted-syntax': [
        'error',
        // `electron.ipcMain`, `require('electron').ipcRenderer`, ...
        { selector: 'MemberExpression[property.name=/^ipc(Main|Renderer)$/]', message: IPC_MESSAGE },
        // `const { ipcMain } = require('electron')`
        {
          selector: "VariableDeclarator[init.callee.name='require'][init.arguments.0.value='electron'] > ObjectPattern > Property[key.name=/^ipc(Main|Renderer)$/]",
          message: IPC_MESSAGE,
        },
      ],
    },
  },
]);
