import { Writable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import path from 'node:path';
import zlib from 'node:zlib';
import { pack as tarPack } from 'tar-stream';
import { isValidFodselsnummer } from '../../core/fodselsnummer';
import { redactText } from '../../core/redact';
import { linesBackwards, parseLine } from './log-reader';
import { logFilesNewestFirst } from './rotating-file';

/**
 * The support bundle (#17 item 5): what IT sends a supplier when something is wrong — the logs,
 * the configuration without secrets, the status, health and versions — as one .tar.gz. Nothing in
 * it may be personal data or a secret: every entry is scanned byte for byte before it is packed.
 */

const HIDDEN = '[skjult]';
/** Keys whose values are credentials whatever they hold (a reference `{"secret": "NAME"}` under them stays: it is only a name). */
const SECRET_KEY = /pass(word|phrase)?|secret|token|authorization|api[-_]?key|private[-_]?key|cookie|credential|bearer|pin$/i;
/** Any run of exactly eleven digits (optionally 6 + space + 5, as people write them). */
const ELEVEN = /(?<!\d)(\d{6})(\s?)(\d{5})(?!\d)/g;
/** At most this much log text (newest first) goes in: the bundle travels base64 through the bridge and by e-mail. */
export const MAX_LOG_BYTES = 20 * 1024 * 1024;

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const isSecretRef = (v: unknown): v is { secret: string } => isPlain(v) && Object.keys(v).length === 1 && typeof v.secret === 'string';

/** A URL's user:password@ part, which some write into an address. */
const stripUserinfo = (s: string) => s.replace(/\b([a-z][a-z0-9+.-]*:\/\/)[^/@\s]+@/gi, '$1');

/**
 * The configuration as it may be shown: secret references kept (they are names), any value under
 * a key that names a credential replaced, credentials in URLs removed, eleven-digit runs masked.
 */
export function configWithoutSecrets(value: unknown, key = '', depth = 0): unknown {
  if (depth > 20) return HIDDEN;
  if (isSecretRef(value)) return { secret: value.secret };
  if (Array.isArray(value)) return value.map((v) => configWithoutSecrets(v, key, depth + 1));
  if (isPlain(value)) return Object.fromEntries(Object.entries(value).map(([k, v]) => [k, configWithoutSecrets(v, k, depth + 1)]));
  if (SECRET_KEY.test(key) && (typeof value === 'string' || typeof value === 'number')) return HIDDEN;
  if (typeof value === 'string') return redactText(stripUserinfo(value));
  return value;
}

export interface ScrubCounts {
  /** Valid fødselsnummer / D-nummer masked. */
  fodselsnummer: number;
  /** Other eleven-digit runs masked (they may be numbers the check does not know). */
  elevenDigitRuns: number;
  /** Occurrences of a SecretStore value replaced. */
  secrets: number;
}

/**
 * The strings a secret value may appear as in a text: itself, JSON-escaped (a PEM key inside a
 * JSON line has `\n` for its line breaks), and each long line of a multi-line value (a PEM body).
 * Short values (under 6 characters) would match by chance everywhere and are left out.
 */
export function secretNeedles(values: readonly string[]): string[] {
  const out = new Set<string>();
  for (const raw of values) {
    const v = raw.trim();
    if (v.length < 6) continue;
    out.add(v);
    out.add(JSON.stringify(v).slice(1, -1));
    for (const line of v.split(/\r?\n/)) {
      const l = line.trim();
      if (l.length >= 16 && !/^-----(BEGIN|END) /.test(l)) out.add(l);
    }
  }
  // the longest first, so a line of a key is not replaced before the whole key could be
  return [...out].filter((n) => n.length >= 6).sort((a, b) => b.length - a.length);
}

/** Masks every eleven-digit run and replaces every secret value in a text; counts what it did (never the values). */
export function scrubText(text: string, needles: readonly string[], counts: ScrubCounts): string {
  let out = text;
  for (const n of needles) {
    if (!out.includes(n)) continue;
    const parts = out.split(n);
    counts.secrets += parts.length - 1;
    out = parts.join(HIDDEN);
  }
  return out.replace(ELEVEN, (_m, a: string, _s: string, b: string) => {
    if (isValidFodselsnummer(`${a}${b}`, { allowSynthetic: true })) counts.fodselsnummer++;
    else counts.elevenDigitRuns++;
    return `${a}*****`;
  });
}

/** Whether a text still holds an eleven-digit run or a secret value: the last check before anything is handed out. */
export const stillLeaks = (text: string, needles: readonly string[]): boolean => {
  ELEVEN.lastIndex = 0;
  const leak = ELEVEN.test(text) || needles.some((n) => text.includes(n));
  ELEVEN.lastIndex = 0;
  return leak;
};

export interface BundleSources {
  /** The active log file; its rotated files are found beside it. */
  logFile: string;
  config: unknown;
  /** The hub's own answers, as the screens get them. */
  parts: Record<string, () => Promise<unknown>>;
  /** Every value the SecretStore holds, to make sure none is in the bundle. Held in memory only for the scan. */
  secretValues(): Promise<string[]>;
  now: number;
  maxLogBytes?: number;
}

export interface SupportBundle {
  filename: string;
  bytes: Buffer;
  manifest: { createdAt: string; files: { name: string; bytes: number }[]; scrubbed: ScrubCounts; logs: { included: string[]; leftOut: string[] }; problems: string[] };
}

/** The log files, newest first, re-redacted line by line, up to the byte cap. */
async function logEntries(logFile: string, cap: number): Promise<{ entries: { name: string; text: string }[]; leftOut: string[] }> {
  const entries: { name: string; text: string }[] = [];
  const leftOut: string[] = [];
  let left = cap;
  for (const f of logFilesNewestFirst(logFile)) {
    if (left <= 0) {
      leftOut.push(path.basename(f));
      continue;
    }
    const lines: string[] = [];
    const budget = { bytes: left };
    for await (const raw of linesBackwards(f, budget)) {
      const e = parseLine(raw);
      // a line that is not ours is kept as text, redacted like a message
      lines.push(e ? JSON.stringify({ t: e.t, level: e.level, msg: e.msg, ...e.fields }) : redactText(raw));
    }
    left = budget.bytes;
    entries.push({ name: `logs/${path.basename(f)}`, text: lines.reverse().join('\n') + (lines.length ? '\n' : '') });
  }
  return { entries, leftOut };
}

const json = (v: unknown) => JSON.stringify(v, null, 2) + '\n';
const errorText = (e: unknown) => redactText(e instanceof Error ? e.message : String(e));

export async function buildSupportBundle(s: BundleSources): Promise<SupportBundle> {
  const needles = secretNeedles(await s.secretValues());
  const counts: ScrubCounts = { fodselsnummer: 0, elevenDigitRuns: 0, secrets: 0 };
  const problems: string[] = [];
  const files: { name: string; text: string }[] = [];

  files.push({ name: 'config.json', text: json(configWithoutSecrets(s.config)) });
  for (const [name, read] of Object.entries(s.parts)) {
    // one part that cannot be read (a store that is down) leaves the rest of the bundle useful
    const value = await read().catch((e: unknown) => {
      problems.push(`${name}: ${errorText(e)}`);
      return { error: errorText(e) };
    });
    files.push({ name: `${name}.json`, text: json(value) });
  }
  const logs = await logEntries(s.logFile, s.maxLogBytes ?? MAX_LOG_BYTES);
  files.push(...logs.entries);

  const scrubbed = files.map((f) => ({ name: f.name, text: scrubText(f.text, needles, counts) }));
  const createdAt = new Date(s.now).toISOString();
  const manifest: SupportBundle['manifest'] = {
    createdAt,
    files: scrubbed.map((f) => ({ name: f.name, bytes: Buffer.byteLength(f.text) })),
    scrubbed: counts,
    logs: { included: logs.entries.map((e) => e.name), leftOut: logs.leftOut },
    problems,
  };
  const all = [{ name: 'manifest.json', text: scrubText(json(manifest), needles, { fodselsnummer: 0, elevenDigitRuns: 0, secrets: 0 }) }, ...scrubbed];
  // the bytes handed out are checked once more, after every transformation: a bundle that still leaks is refused
  for (const f of all) {
    if (stillLeaks(f.text, needles)) throw new Error(`Støttepakken ble stoppet: ${f.name} inneholder fortsatt et fødselsnummer eller en hemmelighet. Meld fra til leverandøren.`);
  }

  const p = tarPack();
  const chunks: Buffer[] = [];
  const collect = new Writable({
    write(chunk: Buffer, _enc, cb) {
      chunks.push(chunk);
      cb();
    },
  });
  const done = pipeline(p, zlib.createGzip(), collect);
  const mtime = new Date(s.now);
  const root = `postmottak-stottepakke-${createdAt.replace(/[:.]/g, '-')}`;
  for (const f of all) p.entry({ name: `${root}/${f.name}`, mode: 0o600, mtime, type: 'file' }, Buffer.from(f.text, 'utf8'));
  p.finalize();
  await done;
  return { filename: `${root}.tar.gz`, bytes: Buffer.concat(chunks), manifest };
}
