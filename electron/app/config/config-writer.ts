import { createHash, randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { configSchema, type AppConfig } from './config.schema';
import { formatIssues } from './load-config';

/**
 * Writes IT's edits back to the one configuration file (#17 item 1): YAML through the `yaml`
 * package's Document API, so comments and layout around untouched keys survive; JSON pretty
 * with two spaces and its key order kept. Only the keys that changed are touched. The write is
 * atomic (temp file, fsync, rename) with the file's mode kept, and refused when someone else
 * changed the file since it was read (its hash differs).
 */

export type ConfigPath = readonly (string | number)[];

export interface ConfigFileSnapshot {
  file: string;
  format: 'yaml' | 'json';
  text: string;
  /** sha256 of the text read: the save must name it, so a concurrent change is seen. */
  hash: string;
  /** The file as written (defaults not filled in). */
  raw: Record<string, unknown>;
}

export interface ConfigProblem {
  key: string;
  message: string;
}

export class ConfigWriteError extends Error {
  override readonly name = 'ConfigWriteError';
  constructor(
    readonly code: 'conflict' | 'invalid' | 'no-file' | 'io',
    message: string,
    readonly problems: ConfigProblem[] = [],
  ) {
    super(message);
  }
}

export const CONFLICT_MESSAGE = 'Filen er endret av noen andre – last inn på nytt.';
const norwegian = z.locales.no().localeError;
const hashOf = (text: string) => createHash('sha256').update(text).digest('hex');
const isYaml = (file: string) => /\.ya?ml$/i.test(file);
const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
/** `{"secret": "NAME"}`: how the file names a secret held in the secret store. */
export const isSecretRef = (v: unknown): v is { secret: string } => isPlain(v) && Object.keys(v).length === 1 && typeof v.secret === 'string';

export function readConfigFile(file: string): ConfigFileSnapshot {
  const abs = path.resolve(file);
  let text: string;
  try {
    text = fs.readFileSync(abs, 'utf8');
  } catch {
    throw new ConfigWriteError('io', `Finner ikke konfigurasjonsfilen ${abs}.`);
  }
  const format = isYaml(abs) ? 'yaml' : 'json';
  let raw: unknown;
  try {
    raw = format === 'yaml' ? YAML.parse(text, { maxAliasCount: 50 }) : JSON.parse(text);
  } catch (e) {
    throw new ConfigWriteError('io', `Konfigurasjonsfilen ${abs} kan ikke leses: ${(e as Error).message}`);
  }
  return { file: abs, format, text, hash: hashOf(text), raw: isPlain(raw) ? raw : {} };
}

export function getIn(obj: unknown, p: ConfigPath): unknown {
  let cur = obj;
  for (const k of p) {
    if (!isPlain(cur) && !Array.isArray(cur)) return undefined;
    cur = (cur as Record<string | number, unknown>)[k];
  }
  return cur;
}

/** A copy of `raw` with the value at `p` replaced (undefined: removed); the rest shared. */
export function withIn(raw: Record<string, unknown>, p: ConfigPath, value: unknown): Record<string, unknown> {
  if (p.length === 0) return isPlain(value) ? value : {};
  const [head, ...rest] = p;
  const key = String(head);
  const out = { ...raw };
  const next = rest.length === 0 ? value : withIn(isPlain(raw[key]) ? raw[key] : {}, rest, value);
  if (next === undefined) delete out[key];
  else out[key] = next;
  return out;
}

/** Empty strings and unset values from a form mean "not set": they are dropped, so the schema's default applies. */
export function pruneEmpty(v: unknown): unknown {
  if (v === '' || v === null || v === undefined) return undefined;
  if (Array.isArray(v)) return v.map(pruneEmpty).filter((x) => x !== undefined);
  if (isPlain(v)) {
    const out: Record<string, unknown> = {};
    for (const [k, x] of Object.entries(v)) {
      const p = pruneEmpty(x);
      if (p !== undefined) out[k] = p;
    }
    return out;
  }
  return v;
}

/** Deep equality of plain data (key order ignored). */
export function sameValue(a: unknown, b: unknown): boolean {
  if (Array.isArray(a) && Array.isArray(b)) return a.length === b.length && a.every((x, i) => sameValue(x, b[i]));
  if (isPlain(a) && isPlain(b)) {
    const ka = Object.keys(a).filter((k) => a[k] !== undefined);
    const kb = Object.keys(b).filter((k) => b[k] !== undefined);
    return ka.length === kb.length && ka.every((k) => sameValue(a[k], b[k]));
  }
  return Object.is(a, b);
}

/** Validates a whole raw config with the file's schema; problems name the bad key (`integrations.archive.noark5.baseUrl`). */
export function validateRaw(raw: unknown): { ok: true; config: AppConfig } | { ok: false; problems: ConfigProblem[] } {
  const r = configSchema.safeParse(raw, { error: norwegian });
  return r.success ? { ok: true, config: r.data } : { ok: false, problems: formatIssues(r.error.issues) };
}

/** One change, as the audit trail and the diff show it. */
export interface KeyChange {
  key: string;
  before: unknown;
  after: unknown;
}

/** The leaf changes between two values under `base` (objects compared key by key; arrays and scalars as wholes). */
export function diffValues(before: unknown, after: unknown, base: ConfigPath = []): KeyChange[] {
  // a secret reference ({"secret": "NAME"}) is one value: its name is what changed
  if (isPlain(before) && isPlain(after) && !isSecretRef(before) && !isSecretRef(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])];
    return keys.flatMap((k) => diffValues(before[k], after[k], [...base, k]));
  }
  if (sameValue(before, after)) return [];
  return [{ key: base.map(String).join('.'), before, after }];
}

/** Applies the change at `p` to a YAML document, touching only the leaves that differ, so comments elsewhere stay. */
function applyYaml(doc: YAML.Document, p: ConfigPath, before: unknown, after: unknown): void {
  if (isPlain(before) && isPlain(after) && YAML.isMap(doc.getIn(p, true))) {
    for (const k of Object.keys(before)) if (!(k in after)) doc.deleteIn([...p, k]);
    for (const [k, v] of Object.entries(after)) applyYaml(doc, [...p, k], before[k], v);
    return;
  }
  if (sameValue(before, after)) return;
  const node = doc.getIn(p, true);
  if (after === undefined) doc.deleteIn(p);
  // a scalar changed in place keeps its comment (`url: … # testarkivet`) and its quoting
  else if (YAML.isScalar(node) && (after === null || typeof after !== 'object')) node.value = after;
  else doc.setIn(p, doc.createNode(after));
}

/** The same on a parsed JSON object: existing keys keep their place, new ones go last. */
function applyJson(target: Record<string, unknown>, p: ConfigPath, after: unknown): void {
  const [head, ...rest] = p;
  const key = String(head);
  if (rest.length === 0) {
    const before = target[key];
    if (after === undefined) delete target[key];
    else if (isPlain(before) && isPlain(after)) {
      for (const k of Object.keys(before)) if (!(k in after)) delete before[k];
      for (const [k, v] of Object.entries(after)) applyJson(before, [k], v);
    } else if (!sameValue(before, after)) target[key] = after;
    return;
  }
  if (!isPlain(target[key])) target[key] = {};
  applyJson(target[key] as Record<string, unknown>, rest, after);
}

/** The file's new text with the value at `p` replaced by `after` (undefined: removed). */
export function editedText(snap: ConfigFileSnapshot, p: ConfigPath, after: unknown): string {
  if (snap.format === 'yaml') {
    const doc: YAML.Document = YAML.parseDocument(snap.text);
    if (!YAML.isMap(doc.contents)) doc.contents = doc.createNode({});
    applyYaml(doc, p, getIn(snap.raw, p), after);
    return doc.toString();
  }
  const obj = JSON.parse(snap.text) as Record<string, unknown>;
  applyJson(obj, p, after);
  return JSON.stringify(obj, null, 2) + (snap.text.endsWith('\n') ? '\n' : '');
}

/** Writes `text` to `file` atomically: a temp file beside it (same mode), fsync, rename, then the folder synced. */
export function writeAtomic(file: string, text: string): void {
  const dir = path.dirname(file);
  const mode = fs.statSync(file).mode & 0o777;
  const tmp = path.join(dir, `.${path.basename(file)}.${randomBytes(6).toString('hex')}.tmp`);
  const fd = fs.openSync(tmp, 'wx', mode);
  try {
    fs.writeFileSync(fd, text, 'utf8');
    fs.fsyncSync(fd);
  } finally {
    fs.closeSync(fd);
  }
  try {
    // the umask may have narrowed the mode asked for at open
    fs.chmodSync(tmp, mode);
    fs.renameSync(tmp, file);
  } catch (e) {
    fs.rmSync(tmp, { force: true });
    throw e;
  }
  try {
    const dfd = fs.openSync(dir, 'r');
    try {
      fs.fsyncSync(dfd);
    } finally {
      fs.closeSync(dfd);
    }
  } catch {
    // some platforms (Windows) cannot open a folder: the rename itself is what matters
  }
}

export interface SaveResult {
  config: AppConfig;
  hash: string;
  changes: KeyChange[];
  /** The raw value at the path before and after (as written in the file). */
  before: unknown;
  after: unknown;
}

/**
 * Replaces the value at `p` in the file with `value`, after checking the file is still the one
 * read (`expectedHash`) and the whole result passes the schema. Throws ConfigWriteError:
 * 'conflict' (changed on disk), 'invalid' (problems name each bad key).
 */
export function saveConfigSection(file: string, p: ConfigPath, value: unknown, expectedHash: string): SaveResult {
  const snap = readConfigFile(file);
  if (snap.hash !== expectedHash) throw new ConfigWriteError('conflict', CONFLICT_MESSAGE);
  const after = pruneEmpty(value);
  const nextRaw = withIn(snap.raw, p, after);
  const checked = validateRaw(nextRaw);
  if (!checked.ok) throw new ConfigWriteError('invalid', `Feil i konfigurasjonen: ${checked.problems.map((x) => `${x.key}: ${x.message}`).join('; ')}`, checked.problems);
  const before = getIn(snap.raw, p);
  const text = editedText(snap, p, after);
  // the text written must mean what was validated (a YAML edit that went wrong is caught here, not at the next start)
  const reread = validateRaw(snap.format === 'yaml' ? YAML.parse(text) : JSON.parse(text));
  if (!reread.ok || !sameValue(getIn(YAML.parse(text), p), after)) throw new ConfigWriteError('io', 'Endringen kunne ikke skrives riktig til filen; ingenting er lagret.');
  writeAtomic(snap.file, text);
  return { config: reread.config, hash: hashOf(text), changes: diffValues(before, after, p), before, after };
}
