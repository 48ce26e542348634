// @ts-check
import js from '@eslint/js';
import reactHooks from 'eslint-plugin-react-hooks';
import globals from 'globals';
import tseslint from 'typescript-eslint';

/** ARCHITECTURE.md's "who may import whom", per folder. test/architecture checks the same by scanning. */
const areas = ['core', 'jobs', 'ipc', 'store', 'app', 'main', 'headless', 'preload'];
const area = (name) => ({ regex: `(^|/)(electron/)?${name}(/|$)`, message: `ARCHITECTURE.md: this folder may not import electron/${name}.` });
const nodeBuiltins = { regex: '^node:', message: 'ARCHITECTURE.md: no Node built-ins in this folder.' };
const pkg = (name, why) => ({ regex: `^${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}(/.*)?$`, message: why });
const electronPkg = pkg('electron', 'ARCHITECTURE.md: only electron/main and electron/preload import electron.');
const sqlitePkg = pkg('better-sqlite3', 'ARCHITECTURE.md: only electron/store imports better-sqlite3.');
const reactPkg = { regex: '^(react|react-dom|react-router|react-i18next|@digdir/.*)$', message: 'ARCHITECTURE.md: React belongs in renderer/.' };
const integrationsAny = { regex: '(^|/)integrations/', message: 'ARCHITECTURE.md: only electron/app imports integrations (through integrations/index.ts).' };
const bareBuiltins = {
  regex: '^(fs|path|os|http|https|net|crypto|child_process|url|util|stream|events|worker_threads|zlib|dns|tls|module|process|buffer)(/.*)?$',
  message: 'ARCHITECTURE.md: no Node built-ins in this folder.',
};
const except = (...names) => areas.filter((a) => !names.includes(a)).map(area);
const restrict = (files, patterns) => ({ files, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } });

export default tseslint.config(
  { ignores: ['.tmp-*', 'out/**', 'dist/**', 'node_modules/**', 'test/architecture/fixtures/**', 'test/bench/results/**', 'coverage/**', 'playwright-report/**', 'test-results/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports', disallowTypeAnnotations: false }],
      'no-console': ['error'],
    },
  },
  restrict(['electron/core/**'], [...except('core'), nodeBuiltins, bareBuiltins, electronPkg, sqlitePkg, reactPkg, integrationsAny]),
  restrict(['electron/jobs/**'], [...except('core', 'jobs'), nodeBuiltins, bareBuiltins, electronPkg, sqlitePkg, reactPkg, integrationsAny]),
  restrict(['electron/ipc/**'], [...except('ipc'), nodeBuiltins, bareBuiltins, electronPkg, sqlitePkg, reactPkg, integrationsAny]),
  restrict(['electron/store/**'], [...except('store', 'core'), electronPkg, reactPkg, integrationsAny]),
  restrict(['electron/app/**'], [...except('app', 'core', 'jobs', 'ipc', 'store'), electronPkg, sqlitePkg, reactPkg, { regex: '(^|/)integrations/.+', message: 'ARCHITECTURE.md: import integrations only through integrations/index.ts.' }]),
  restrict(['electron/main/**'], [...except('main', 'ipc', 'app'), sqlitePkg, reactPkg, integrationsAny]),
  restrict(['electron/headless/**'], [...except('headless', 'ipc', 'app'), electronPkg, sqlitePkg, reactPkg, integrationsAny]),
  restrict(['electron/preload/**'], [...except('preload', 'ipc'), nodeBuiltins, bareBuiltins, sqlitePkg, reactPkg, integrationsAny]),
  restrict(['integrations/**'], [...except('core'), electronPkg, sqlitePkg, reactPkg]),
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // the browser console is the only place a renderer can report a broken listener
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            nodeBuiltins,
            bareBuiltins,
            electronPkg,
            sqlitePkg,
            integrationsAny,
            pkg('zod', 'The contract schemas run in the hosts; the renderer imports only types and channel names.'),
            { regex: '(^|/)electron/(core|jobs|store|app|main|headless|preload)(/|$)', message: 'ARCHITECTURE.md: the renderer talks only through HubApi.' },
            { regex: '(^|/)electron/ipc/(?!ipc-channels$)', allowTypeImports: true, message: 'The renderer imports types, and names from ipc-channels, only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['test/**', 'electron/headless/**', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
);
