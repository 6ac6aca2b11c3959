import js from '@eslint/js';
import globals from 'globals';
import reactHooks from 'eslint-plugin-react-hooks';
import tseslint from 'typescript-eslint';

const nodeBuiltins = ['node:*', 'fs', 'path', 'os', 'crypto', 'child_process', 'net', 'http', 'https', 'url', 'util'];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'data/**', 'test-results/**', 'release/**'] },
  js.configs.recommended,
  ...tseslint.configs.strictTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.js', '*.mjs', 'bin/*.mjs', 'scripts/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-nocheck': true, 'ts-ignore': true }],
      '@typescript-eslint/restrict-template-expressions': ['error', { allowNumber: true }],
      '@typescript-eslint/no-non-null-assertion': 'off',
      '@typescript-eslint/no-unnecessary-condition': 'off',
      '@typescript-eslint/no-extraneous-class': 'off',
      '@typescript-eslint/no-confusing-void-expression': 'off',
    },
  },
  {
    files: ['**/*.js', '**/*.mjs'],
    ...tseslint.configs.disableTypeChecked,
    languageOptions: { globals: globals.node },
  },
  {
    // shared/ runs in the kiosk core, the renderer and the server: no Electron, Node or DOM.
    files: ['shared/**/*.ts'],
    ignores: ['shared/node/**'],
    languageOptions: { globals: {} },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^electron(/.*)?$', message: 'shared/ must not import electron.' },
            { group: nodeBuiltins, message: 'shared/ must not import Node built-ins.' },
            { group: ['**/electron/**', '**/renderer/**', '**/server/**'], message: 'shared/ imports only shared/.' },
            {
              regex: '(^|/)node/',
              message: 'shared/ (outside shared/node) must not import the Node-only shared/node/.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage', 'process', 'Buffer'],
    },
  },
  {
    // shared/node/ is Node-only code for the kiosk core, the server and the CLI: Node built-ins
    // yes, but still no Electron, no DOM and nothing from one side only.
    files: ['shared/node/**/*.ts'],
    languageOptions: { globals: globals.node },
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^electron(/.*)?$', message: 'shared/node/ must not import electron.' },
            {
              group: ['**/electron/**', '**/renderer/**', '**/server/**'],
              message: 'shared/node/ imports only shared/.',
            },
          ],
        },
      ],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'localStorage'],
    },
  },
  {
    // The renderer talks to the kiosk core only through the contract in shared/.
    files: ['renderer/**/*.ts', 'renderer/**/*.tsx'],
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['**/electron/**', 'electron'], message: 'renderer/ never imports electron/ or electron.' },
            { group: ['**/server/**'], message: 'renderer/ never imports server/.' },
            { group: nodeBuiltins, message: 'renderer/ runs in a sandboxed page: no Node built-ins.' },
            { regex: '(^|/)shared/node/', message: 'renderer/ runs in a sandboxed page: shared/node/ is Node-only.' },
          ],
        },
      ],
    },
  },
  {
    // The kiosk core is plain Node: it must run under the browser host too.
    files: ['electron/core/**/*.ts', 'electron/host/**/*.ts', 'electron/printing/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^electron(/.*)?$', message: 'Only electron/main and electron/preload import electron.' },
          ],
        },
      ],
    },
  },
  {
    // Issue 12 §3: the kiosk core's SQL lives in electron/core/data/, each statement prepared
    // once per connection (data/index.ts says why); services call its typed functions.
    files: ['electron/core/**/*.ts'],
    ignores: ['electron/core/data/**', 'electron/core/migrations/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        ...['prepare', 'pragma'].map((method) => ({
          selector: `CallExpression[callee.property.name='${method}']`,
          message: `SQL belongs in electron/core/data/: call a typed function there instead of .${method}().`,
        })),
        ...["[callee.object.name='db']", "[callee.object.property.name='db']"].map((object) => ({
          selector: `CallExpression[callee.property.name='exec']${object}`,
          message: 'SQL belongs in electron/core/data/: call a typed function there instead of db.exec().',
        })),
        ...['Literal[value', 'TemplateElement[value.raw'].map((node) => ({
          selector: `${node}=/^\\s*(SELECT|INSERT|UPDATE|DELETE|REPLACE|WITH|CREATE|DROP|ALTER|PRAGMA)\\s/]`,
          message: 'SQL belongs in electron/core/data/: no SQL text in the kiosk core outside it.',
        })),
      ],
    },
  },
  {
    // The central server carries nothing of the kiosk: what both need lives once in shared/node/.
    files: ['server/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { regex: '^electron(/.*)?$', message: 'server/ never imports electron.' },
            {
              group: ['**/electron/**'],
              message: 'server/ never imports electron/: shared code lives in shared/node/.',
            },
            { group: ['**/renderer/**'], message: 'server/ never imports renderer/.' },
          ],
        },
      ],
    },
  },
);
