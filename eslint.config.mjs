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
const pgPkg = pkg('pg', 'ARCHITECTURE.md: only electron/store imports pg (the PostgreSQL driver).');
const reactPkg = { regex: '^(react|react-dom|react-router|react-i18next|@digdir/.*)$', message: 'ARCHITECTURE.md: React belongs in renderer/.' };
const integrationsAny = { regex: '(^|/)integrations/', message: 'ARCHITECTURE.md: only electron/app imports integrations (through integrations/index.ts).' };
const bareBuiltins = {
  regex: '^(fs|path|os|http|https|net|crypto|child_process|url|util|stream|events|worker_threads|zlib|dns|tls|module|process|buffer)(/.*)?$',
  message: 'ARCHITECTURE.md: no Node built-ins in this folder.',
};
const except = (...names) => areas.filter((a) => !names.includes(a)).map(area);
const restrict = (files, patterns, ignores = []) => ({ files, ignores, rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns }] } });

/*
 * Issue 11's guards. A later config object replaces (does not merge) a rule's options for the
 * files it matches, so each narrower block repeats its folder's patterns and adds its own.
 * test/architecture/ checks the same rules exactly (relative paths resolved, dynamic import() seen).
 */
const appPatterns = [
  ...except('app', 'core', 'jobs', 'ipc', 'store'),
  electronPkg,
  sqlitePkg, pgPkg,
  reactPkg,
  { regex: '(^|/)integrations/.+', message: 'ARCHITECTURE.md: import integrations only through integrations/index.ts.' },
];
const featureMessage =
  'ARCHITECTURE.md: features never import each other; what one needs comes through deps (helpers shared by features live outside features/).';
const integrationPatterns = [...except('core'), electronPkg, sqlitePkg, pgPkg, reactPkg];
/** Nothing outside a simulator/ folder (and tests) imports a simulator; integrations/index.ts loads them with import() or names their types. */
const simulatorImport = { regex: '(^|/)simulator(/|$)', message: 'ARCHITECTURE.md: only simulators, tests and the demo entry (integrations/demo.ts) import a simulator.' };
/**
 * A simulator shares nothing with its adapter but the spec: no value import of adapter code
 * (*.adapter, *.mapper, *.client, *.channel) outside its simulator/ folder. Types may be shared.
 */
const adapterCodeFromSimulator = {
  regex: '^(\\.\\./)+(?!(.*/)?simulator/)([^/]+/)*[^/]+\\.(adapter|mapper|client|channel)$',
  allowTypeImports: true,
  message: "ARCHITECTURE.md: a simulator reads the wire with its own code, never with its adapter's.",
};

const rendererPatterns = [
  nodeBuiltins,
  bareBuiltins,
  electronPkg,
  sqlitePkg, pgPkg,
  integrationsAny,
  pkg('zod', 'The contract schemas run in the hosts; the renderer imports only types and channel names.'),
  { regex: '(^|/)electron/(core|jobs|store|app|main|headless|preload)(/|$)', message: 'ARCHITECTURE.md: the renderer talks only through HubApi.' },
  { regex: '(^|/)electron/ipc/(?!ipc-channels$)', allowTypeImports: true, message: 'The renderer imports types, and names from ipc-channels, only.' },
];

/*
 * max-lines 400 for source files (electron/, integrations/, renderer/; not test/), counting every
 * line, blank lines and comments included, so the number is the one `wc -l` shows.
 * Exempt by name only, each with its reason. The lead keeps this list at its final size;
 * test/architecture checks that every name here exists and still needs the exemption.
 */
export const MAX_LINES = 400;
export const MAX_LINES_EXEMPT = [
  // translation tables: one flat list of strings per language, kept key-for-key in step
  'renderer/src/i18n/nb.ts',
  'renderer/src/i18n/nn.ts',
  'renderer/src/i18n/en.ts',
  // simulators: test doubles written from a public spec, one file per service they answer;
  // the spec's operations read best side by side, and no installation loads them
  'integrations/altinn/simulator/correspondence-agency.simulator.ts',
  'integrations/altinn/simulator/correspondence.simulator.ts',
  'integrations/altinn/simulator/correspondence-sim-state.ts',
  'integrations/noark/simulator/arkivmelding.simulator.ts',
  'integrations/noark/simulator/noark4-ws.simulator.ts',
  'integrations/noark/simulator/geointegrasjon.simulator.ts',
  'integrations/noark/simulator/noark5-rest.simulator.ts',
];

export default tseslint.config(
  { ignores: ['.tmp-*', '.scratch/**', 'out/**', 'dist/**', 'node_modules/**', 'test/architecture/fixtures/**', 'test/bench/results/**', 'coverage/**', 'playwright-report/**', 'test-results/**'] },
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
  restrict(['electron/core/**'], [...except('core'), nodeBuiltins, bareBuiltins, electronPkg, sqlitePkg, pgPkg, reactPkg, integrationsAny]),
  restrict(['electron/jobs/**'], [...except('core', 'jobs'), nodeBuiltins, bareBuiltins, electronPkg, sqlitePkg, pgPkg, reactPkg, integrationsAny]),
  restrict(['electron/ipc/**'], [...except('ipc'), nodeBuiltins, bareBuiltins, electronPkg, sqlitePkg, pgPkg, reactPkg, integrationsAny]),
  restrict(['electron/store/**'], [...except('store', 'core'), electronPkg, reactPkg, integrationsAny]),
  restrict(['electron/app/**'], appPatterns),
  // a feature imports no other file in features/: './x' from features/, '../x' from features/<name>/
  restrict(['electron/app/features/*.{ts,tsx}'], [...appPatterns, { regex: '^\\./|(^|/)features/', message: featureMessage }]),
  restrict(['electron/app/features/*/**'], [...appPatterns, { regex: '^\\.\\./[^.]|(^|/)features/', message: featureMessage }]),
  restrict(['electron/main/**'], [...except('main', 'ipc', 'app'), sqlitePkg, pgPkg, reactPkg, integrationsAny]),
  restrict(['electron/headless/**'], [...except('headless', 'ipc', 'app'), electronPkg, sqlitePkg, pgPkg, reactPkg, integrationsAny]),
  restrict(['electron/preload/**'], [...except('preload', 'ipc'), nodeBuiltins, bareBuiltins, sqlitePkg, pgPkg, reactPkg, integrationsAny]),
  restrict(['integrations/**'], [...integrationPatterns, simulatorImport]),
  // the entry loads the demo (and through it the simulators) lazily: import() or types only
  restrict(['integrations/index.ts'], [
    ...integrationPatterns,
    { ...simulatorImport, allowTypeImports: true, message: 'ARCHITECTURE.md: integrations/index.ts loads simulators lazily, with import().' },
    { regex: '^\\./demo$', allowTypeImports: true, message: 'ARCHITECTURE.md: integrations/demo.ts is loaded only lazily, with import().' },
  ]),
  // the demo entry may import simulators: it is itself loaded only with import()
  restrict(['integrations/demo.ts'], integrationPatterns),
  restrict(['integrations/**/simulator/**'], [...integrationPatterns, adapterCodeFromSimulator]),
  {
    // only electron/store/ serialises the mapped form; ports and everything else carry the typed value
    files: ['electron/**/*.{ts,tsx}', 'integrations/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}'],
    ignores: ['electron/store/**'],
    rules: {
      'no-restricted-syntax': [
        'error',
        { selector: 'Identifier[name=/^form(Json|_json)$/]', message: 'ARCHITECTURE.md: only electron/store/ handles stored form JSON; use the mapped form.' },
        { selector: 'Literal[value=/^form(Json|_json)$/]', message: 'ARCHITECTURE.md: only electron/store/ handles stored form JSON; use the mapped form.' },
      ],
    },
  },
  {
    files: ['electron/**/*.{ts,tsx}', 'integrations/**/*.{ts,tsx}', 'renderer/**/*.{ts,tsx}'],
    ignores: MAX_LINES_EXEMPT,
    rules: { 'max-lines': ['error', { max: MAX_LINES, skipBlankLines: false, skipComments: false }] },
  },
  {
    files: ['renderer/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    plugins: { 'react-hooks': reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      // the browser console is the only place a renderer can report a broken listener
      'no-console': ['error', { allow: ['warn', 'error'] }],
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: rendererPatterns }],
    },
  },
  // the case page and its panels are one room; what it shares with the inbox list lives in shared/
  restrict(['renderer/src/case/**'], [...rendererPatterns, { regex: '(^|/)inbox/', message: 'The case room does not import from inbox/; shared pieces live in renderer/src/shared/.' }]),
  {
    files: ['test/**', 'electron/headless/**', '*.config.*'],
    rules: { 'no-console': 'off' },
  },
  {
    // #19: the store is asynchronous; a store call not awaited (or a Promise used as a boolean) is a lost write or a wrong answer
    files: ['electron/**/*.ts', 'integrations/**/*.ts', 'test/**/*.ts'],
    ignores: ['test/architecture/fixtures/**'],
    languageOptions: { parserOptions: { project: ['./tsconfig.node.json', './test/tsconfig.json'], tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: false }],
    },
  },
);
