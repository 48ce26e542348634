import fs from 'node:fs';
import { builtinModules } from 'node:module';
import path from 'node:path';

/**
 * The dependency rules of ARCHITECTURE.md as data, and a checker that scans every
 * import of the source tree. ESLint enforces the same per folder; this is the check
 * that cannot be switched off by a comment.
 */

export type Area =
  | 'core'
  | 'jobs'
  | 'ipc'
  | 'store'
  | 'app'
  | 'main'
  | 'headless'
  | 'preload'
  | 'integrations-shared'
  | 'integrations-index'
  | 'integration'
  | 'renderer';

type Allow = 'yes' | 'types' | 'no';

/** from → to → allowed. Anything not listed is forbidden. */
const RULES: Record<Area, Partial<Record<Area, Allow>>> = {
  core: { core: 'yes' },
  jobs: { core: 'yes', jobs: 'yes' },
  ipc: { ipc: 'yes' },
  store: { core: 'types', store: 'yes' },
  'integrations-shared': { core: 'types', 'integrations-shared': 'yes' },
  integration: { core: 'types', 'integrations-shared': 'yes' },
  // integrations/index.ts and the demo entry beside it (integrations/demo.ts)
  'integrations-index': { core: 'types', integration: 'yes', 'integrations-shared': 'yes', 'integrations-index': 'yes' },
  app: { core: 'yes', jobs: 'yes', ipc: 'yes', store: 'yes', 'integrations-index': 'yes', app: 'yes' },
  main: { ipc: 'yes', app: 'yes', main: 'yes' },
  headless: { ipc: 'yes', app: 'yes', headless: 'yes' },
  preload: { preload: 'yes' },
  renderer: { ipc: 'types', renderer: 'yes' },
};

/**
 * Core files integrations may import as values, beyond types: error classes, redaction, and the
 * local register date (#13 item 1: one rule for "the Oslo date" in core and in every transport's
 * wire format; pure functions over Intl, no state and no imports).
 */
const CORE_VALUES_FOR_INTEGRATIONS = new Set(['errors.ts', 'redact.ts', 'local-time.ts']);
/** ipc files the renderer and preload may import values from: names only, no zod. */
const IPC_NAME_FILES = new Set(['ipc-channels.ts']);

const NODE_BUILTINS = new Set(builtinModules.flatMap((m) => [m, `node:${m}`]));
const PACKAGE_RULES: Record<Area, { node: boolean; electron: boolean; sqlite: boolean; react: boolean }> = {
  core: { node: false, electron: false, sqlite: false, react: false },
  jobs: { node: false, electron: false, sqlite: false, react: false },
  ipc: { node: false, electron: false, sqlite: false, react: false },
  store: { node: true, electron: false, sqlite: true, react: false },
  'integrations-shared': { node: true, electron: false, sqlite: false, react: false },
  integration: { node: true, electron: false, sqlite: false, react: false },
  'integrations-index': { node: true, electron: false, sqlite: false, react: false },
  app: { node: true, electron: false, sqlite: false, react: false },
  main: { node: true, electron: true, sqlite: false, react: false },
  headless: { node: true, electron: false, sqlite: false, react: false },
  preload: { node: false, electron: true, sqlite: false, react: false },
  renderer: { node: false, electron: false, sqlite: false, react: true },
};

export function areaOf(root: string, file: string): Area | null {
  const rel = path.relative(root, file).split(path.sep);
  if (rel[0] === 'electron') {
    const a = rel[1];
    if (a && ['core', 'jobs', 'ipc', 'store', 'app', 'main', 'headless', 'preload'].includes(a)) return a as Area;
    return null;
  }
  if (rel[0] === 'integrations') {
    if (rel[1] === 'shared') return 'integrations-shared';
    if (rel.length === 2) return 'integrations-index';
    return 'integration';
  }
  if (rel[0] === 'renderer') return 'renderer';
  return null;
}

export interface ImportRef {
  spec: string;
  typeOnly: boolean;
  /** `import('…')`: loaded when the code runs, not when the importing module loads (also `typeof import('…')`). */
  dynamic: boolean;
  line: number;
}

const IMPORT_RE =
  /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^;'"()=]*?\s+from\s+)?['"]([^'"]+)['"]|\b(require|import)\s*\(\s*['"]([^'"]+)['"]\s*\)/g;

/** Comments blanked out, line breaks kept, so positions still give line numbers. */
const stripComments = (source: string): string =>
  source.replace(/\/\*[\s\S]*?\*\//g, (m) => m.replace(/[^\n]/g, ' ')).replace(/(^|[^:'"`])\/\/.*$/gm, '$1');

const lineAt = (text: string, index: number): number => text.slice(0, index).split('\n').length;

export function importsOf(source: string): ImportRef[] {
  const out: ImportRef[] = [];
  const stripped = stripComments(source);
  for (const m of stripped.matchAll(IMPORT_RE)) {
    const spec = m[3] ?? m[5];
    if (!spec) continue;
    const line = lineAt(stripped, m.index + m[0].search(/\S/)); // where the keyword is, past blank (or blanked) lines
    out.push({ spec, typeOnly: !!m[2], dynamic: m[4] === 'import', line });
  }
  return out;
}

export interface Violation {
  file: string;
  line: number;
  spec: string;
  rule: string;
}

function resolveLocal(from: string, spec: string): string {
  const base = path.resolve(path.dirname(from), spec);
  for (const c of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(c) && fs.statSync(c).isFile()) return c;
  }
  return `${base}.ts`;
}

/** Repository-relative path with forward slashes, the way the rules below name files. */
const relPath = (root: string, file: string): string => path.relative(root, file).split(path.sep).join('/');

/** A simulator is any file in a `simulator/` folder of integrations/ (integrations/shared/simulator/ is the framework). */
export const isSimulator = (rel: string): boolean => /^integrations\/(.+\/)?simulator\//.test(rel);
/** The integrations entry: it may load simulators for the demo only lazily, with `import()` (or name their types). */
const LAZY_SIMULATOR_LOADERS = new Set(['integrations/index.ts']);
/** The demo entry: it may import simulators as it likes, because it is itself only ever loaded with `import()`. */
export const DEMO_ENTRY = 'integrations/demo.ts';
/** An adapter's wire code, which its simulator must not reuse: a fake that reads the wire with the adapter's own code shares its blind spots. */
const ADAPTER_CODE = /\.(adapter|mapper|client|channel)\.ts$/;
const FEATURES_DIR = 'electron/app/features/';
/** `features/desk.feature.ts` and `features/desk/…` belong to feature "desk"; any other file directly in features/ is its own. */
const featureOf = (rel: string): string => rel.slice(FEATURES_DIR.length).split('/')[0]!.replace(/(\.feature)?\.tsx?$/, '');

/** The rules of issue 11 that cut across areas: features, simulators, the demo entry, the renderer's case room. */
function crossRules(fromRel: string, toRel: string, imp: ImportRef, add: (rule: string) => void): void {
  if (fromRel.startsWith(FEATURES_DIR) && toRel.startsWith(FEATURES_DIR) && featureOf(fromRel) !== featureOf(toRel)) {
    add(`feature ${featureOf(fromRel)} may not import feature ${featureOf(toRel)}: features meet only through deps`);
  }
  if (fromRel.startsWith('renderer/src/case/') && toRel.startsWith('renderer/src/inbox/')) {
    add('the case room may not import from inbox/: what both use lives in shared/');
  }
  const fromSim = isSimulator(fromRel);
  if (isSimulator(toRel) && !fromSim && fromRel !== DEMO_ENTRY) {
    if (!LAZY_SIMULATOR_LOADERS.has(fromRel)) add('only simulators, tests and the demo entry may import a simulator');
    else if (!imp.dynamic && !imp.typeOnly) add(`${fromRel} may load a simulator only lazily, with import()`);
  }
  if (toRel === DEMO_ENTRY && fromRel !== DEMO_ENTRY && !imp.dynamic && !imp.typeOnly) {
    add(`${DEMO_ENTRY} is loaded only lazily, with import()`);
  }
  if (fromSim && toRel.startsWith('integrations/') && !isSimulator(toRel) && ADAPTER_CODE.test(toRel) && !imp.typeOnly) {
    add(`a simulator may not import adapter code (${path.posix.basename(toRel)}): it reads the wire with its own`);
  }
}

/** Only electron/store/ serialises the mapped form; everywhere else it travels as a typed value. */
const FORM_JSON = /\bform(Json|_json)\b/g;

export function checkContent(root: string, file: string, source = fs.readFileSync(file, 'utf8')): Violation[] {
  const rel = relPath(root, file);
  if (!areaOf(root, file) || rel.startsWith('electron/store/')) return [];
  const stripped = stripComments(source);
  return [...stripped.matchAll(FORM_JSON)].map((m) => ({
    file: path.relative(root, file),
    line: lineAt(stripped, m.index),
    spec: m[0],
    rule: 'only electron/store may handle stored form JSON (formJson)',
  }));
}

/** Counted as ESLint's max-lines counts them (blank lines and comments included; no line after the final newline). */
export const lineCount = (source: string): number => {
  const lines = source.split(/\r\n|[\r\n\u2028\u2029]/);
  return lines.length > 1 && lines.at(-1) === '' ? lines.length - 1 : lines.length;
};

/** Source files longer than `max` lines that are not exempted by name (repository-relative, forward slashes). */
export function checkLineCounts(root: string, max: number, exempt: readonly string[]): Violation[] {
  const skip = new Set(exempt);
  return listSources(root).flatMap((file) => {
    const rel = relPath(root, file);
    const lines = lineCount(fs.readFileSync(file, 'utf8'));
    return lines > max && !skip.has(rel) ? [{ file: path.relative(root, file), line: lines, spec: '', rule: `longer than ${max} lines (${lines})` }] : [];
  });
}

export function checkFile(root: string, file: string, source = fs.readFileSync(file, 'utf8')): Violation[] {
  const from = areaOf(root, file);
  if (!from) return [];
  const v: Violation[] = [];
  for (const imp of importsOf(source)) {
    const add = (rule: string) => v.push({ file: path.relative(root, file), line: imp.line, spec: imp.spec, rule });
    if (imp.spec.startsWith('.')) {
      const target = resolveLocal(file, imp.spec);
      const rel = path.relative(root, target);
      crossRules(relPath(root, file), relPath(root, target), imp, add);
      if (rel === 'package.json' || rel.startsWith('resources' + path.sep)) continue;
      const to = areaOf(root, target);
      if (!to) {
        add(`${from} may not import ${rel}`);
        continue;
      }
      // an integration may import its own folder (adapter, mapper, simulator), never another integration
      const integrationOf = (f: string) => path.relative(root, f).split(path.sep)[1];
      if (from === 'integration' && to === 'integration') {
        if (integrationOf(file) !== integrationOf(target)) add(`integration ${integrationOf(file)} may not import integration ${integrationOf(target)}`);
        continue;
      }
      const allow = RULES[from][to] ?? 'no';
      const base = path.basename(target);
      if (allow === 'no') {
        if (from === 'preload' && to === 'ipc' && IPC_NAME_FILES.has(base)) continue;
        add(`${from} may not import ${to}`);
      } else if (allow === 'types' && !imp.typeOnly) {
        if (to === 'core' && (from === 'integration' || from === 'integrations-shared' || from === 'integrations-index') && CORE_VALUES_FOR_INTEGRATIONS.has(base)) continue;
        if (from === 'renderer' && to === 'ipc' && IPC_NAME_FILES.has(base)) continue;
        add(`${from} may import only types from ${to}`);
      }
      continue;
    }
    const pkg = imp.spec.startsWith('@') ? imp.spec.split('/').slice(0, 2).join('/') : imp.spec.split('/')[0]!;
    const rules = PACKAGE_RULES[from];
    if (NODE_BUILTINS.has(imp.spec) || NODE_BUILTINS.has(pkg)) {
      if (!rules.node) add(`${from} may not use Node built-ins (${imp.spec})`);
    } else if (pkg === 'electron') {
      if (!rules.electron) add(`${from} may not import electron`);
    } else if (pkg === 'better-sqlite3' || pkg === 'pg') {
      // the database drivers: electron/store only (#19 added PostgreSQL's)
      if (!rules.sqlite) add(`${from} may not import ${pkg}`);
    } else if (pkg === 'react' || pkg === 'react-dom' || pkg.startsWith('@digdir/') || pkg === 'react-router' || pkg === 'react-i18next') {
      if (!rules.react) add(`${from} may not import ${pkg}`);
    } else if (from === 'renderer' && pkg === 'zod') {
      add('renderer may not import zod: the contract schemas run in the hosts');
    }
  }
  return v;
}

export function listSources(root: string): string[] {
  const out: string[] = [];
  const walk = (d: string) => {
    if (!fs.existsSync(d)) return;
    for (const e of fs.readdirSync(d, { withFileTypes: true })) {
      if (e.name === 'node_modules' || e.name.startsWith('.')) continue;
      const p = path.join(d, e.name);
      if (e.isDirectory()) walk(p);
      else if (/\.(ts|tsx)$/.test(e.name) && !e.name.endsWith('.d.ts')) out.push(p);
    }
  };
  for (const top of ['electron', 'integrations', 'renderer']) walk(path.join(root, top));
  return out;
}

export const checkTree = (root: string): Violation[] =>
  listSources(root).flatMap((f) => {
    const source = fs.readFileSync(f, 'utf8');
    return [...checkFile(root, f, source), ...checkContent(root, f, source)];
  });
