import cron from 'node-cron';
import type { IntegrationKey, ProbeStep } from '../../core/ports/connection-probe.port';
import { redactText } from '../../core/redact';
import { DeskError } from '../../core/desk/case-access';
import type { ConfigProblemDto, IntegrationCardDto, integrationsAdminChannels, SaveResultDto } from '../../ipc/integrations-admin.contract';
import { INTEGRATION_KINDS } from '../../ipc/integrations-admin.contract';
import { probeIntegration } from '../../../integrations';
import type { AppConfig } from '../config/config.schema';
import { configJsonSchema } from '../config/config.schema';
import {
  ConfigWriteError,
  getIn,
  isSecretRef,
  pruneEmpty,
  readConfigFile,
  saveConfigSection,
  validateRaw,
  withIn,
  writeAtomic,
  type ConfigPath,
  type ConfigProblem,
  type KeyChange,
} from '../config/config-writer';
import type { Feature, FeatureDeps } from '../feature';

type Channel = keyof typeof integrationsAdminChannels;

export type IntegrationsAdminDeps = FeatureDeps & {
  /** The config file saves go to; null: the demo (or a hub without one), where saving is refused. */
  configFile: string | null;
  /** Puts a saved config in force without a restart (the host's hub handle); null: after a restart. */
  reload: ((config: AppConfig) => Promise<void>) | null;
};

const TITLES: Record<(typeof INTEGRATION_KINDS)[number], string> = {
  altinn: 'Altinn 3 (innsendinger)',
  altinn2: 'Altinn 2 (DownloadQueue)',
  archive: 'Sak/arkiv',
  correspondence: 'Svar i Altinn (meldingstjenesten)',
  registers: 'Registre (Folkeregisteret, KRR)',
  print: 'Utskrift',
};
/** Which health entry (the jobs' `integration`) a card shows. */
const HEALTH_KEY: Record<(typeof INTEGRATION_KINDS)[number], string> = {
  altinn: 'altinn',
  altinn2: 'altinn',
  archive: 'archive',
  correspondence: 'correspondence',
  registers: 'registers',
  print: 'print',
};

export const NO_FILE_MESSAGE =
  'Demoen har ingen konfigurasjonsfil, så endringer kan ikke lagres her. Start Postmottak med --config <fil> for å lagre. «Test tilkobling» virker likevel.';
export const SECRET_HIDDEN = '«skjult»';
/** Keys whose values are secrets whatever they hold (Norwegian «passord» too). */
const SECRET_KEY = /pass(word|ord)?|secret|token|authorization|api[-_]?key|private[-_]?key|cookie|pin$/i;
const FNR_KEY = /fnr|f(ø|o)dselsnummer|ssn|personnummer/i;

/**
 * A secret's name as the stores compare it: the environment store lists `POSTMOTTAK_SECRET_ARCHIVE_PASSWORD`
 * for the reference `archive-password` (envNameFor), so both sides are put in that one spelling.
 */
const secretKey = (name: string): string => name.replace(/^POSTMOTTAK_SECRET_/, '').toUpperCase().replace(/[^A-Z0-9]/g, '_');

/** The store's names for the screen: the spelling the config uses where it references one, else the store's own (prefix dropped). */
function secretNamesFor(stored: readonly string[], referenced: readonly string[]): { has(name: string): boolean; names: string[] } {
  const keys = new Set(stored.map(secretKey));
  const byKey = new Map(referenced.map((r) => [secretKey(r), r]));
  const names = [...new Set(stored.map((n) => byKey.get(secretKey(n)) ?? n.replace(/^POSTMOTTAK_SECRET_/, '')))].sort();
  return { has: (name) => keys.has(secretKey(name)), names };
}

const isPlain = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

function isKind(key: string): key is (typeof INTEGRATION_KINDS)[number] {
  return (INTEGRATION_KINDS as readonly string[]).includes(key);
}

/** Where a card's section sits in the file. */
export function sectionPath(key: string): ConfigPath {
  if (key.startsWith('internal:')) return ['integrations', 'internal', 'targets', key.slice('internal:'.length)];
  return ['integrations', key];
}

/** A value as the audit trail and the screen may show it: secret references by name, any other value under a secret's key hidden, fødselsnummer never. */
export function shownValue(key: string, v: unknown): unknown {
  if (v === undefined) return null;
  if (isSecretRef(v)) return { secret: v.secret };
  const leaf = key.split('.').pop() ?? key;
  if (FNR_KEY.test(leaf)) return SECRET_HIDDEN;
  if (SECRET_KEY.test(leaf)) return SECRET_HIDDEN;
  if (typeof v === 'string') return redactText(v);
  if (Array.isArray(v)) return v.map((x) => shownValue(leaf, x));
  if (isPlain(v)) return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, shownValue(k, x)]));
  return v;
}

export const shownChanges = (changes: KeyChange[]) => changes.map((c) => ({ key: c.key, before: shownValue(c.key, c.before), after: shownValue(c.key, c.after) }));

/** The next `count` runs of a cron pattern in `timezone`, from `from` (node-cron's own matcher, so the words agree with what the scheduler does). */
export function nextRuns(pattern: string, timezone: string, from: number, count = 3): number[] {
  if (!cron.validate(pattern)) return [];
  const task = cron.createTask(pattern, () => undefined, { timezone });
  try {
    // node-cron's getNextRuns counts from the wall clock; its matcher takes the hub's clock (the demo's can be moved ahead)
    const matcher = (task as unknown as { timeMatcher?: { getNextMatch(d: Date): Date } }).timeMatcher;
    const out: number[] = [];
    let at = new Date(from);
    for (let i = 0; i < count; i++) {
      if (matcher) at = matcher.getNextMatch(at);
      else {
        const next = task.getNextRuns(i + 1)[i];
        if (!next) break;
        at = next;
      }
      out.push(at.getTime());
    }
    return out;
  } finally {
    void task.destroy();
  }
}

interface Collected {
  endpoints: IntegrationCardDto['endpoints'];
  credentials: { field: string; secret: string }[];
  schedules: { field: string; cron: string }[];
  limits: IntegrationCardDto['limits'];
}

/** Walks a section for what a card shows: URLs and folders, secret references, cron fields, limits. */
function collect(v: unknown, base: string, out: Collected): Collected {
  if (isSecretRef(v)) {
    out.credentials.push({ field: base, secret: v.secret });
    return out;
  }
  if (!isPlain(v)) return out;
  for (const [k, x] of Object.entries(v)) {
    const field = base ? `${base}.${k}` : k;
    if (typeof x === 'string' && (/url$|wsdl|endpoint/i.test(k) || /^(dir|folder|path)$|dir$/i.test(k))) out.endpoints.push({ field, value: redactText(x) });
    else if (typeof x === 'string' && /schedule$/i.test(k)) out.schedules.push({ field, cron: x });
    else if (typeof x === 'number' && /concurrency|page|timeout|limit|max|batch|interval|parallel/i.test(k)) out.limits.push({ field, value: x });
    else collect(x, field, out);
  }
  return out;
}

/** The JSON Schema of the section at `p` (properties walked; a record's value schema for internal targets). */
function schemaAt(root: Record<string, unknown>, p: ConfigPath): Record<string, unknown> {
  let cur: Record<string, unknown> = root;
  for (const k of p) {
    const props = cur.properties as Record<string, Record<string, unknown>> | undefined;
    const next = props?.[String(k)] ?? (isPlain(cur.additionalProperties) ? cur.additionalProperties : undefined);
    if (!next) return {};
    cur = next;
  }
  return cur;
}

const relative = (p: ConfigPath, key: string): string => {
  const prefix = p.map(String).join('.');
  return key === prefix ? '' : key.startsWith(prefix + '.') ? key.slice(prefix.length + 1) : key;
};

/**
 * The Integrasjoner screen (#17 item 1): cards, a section as written, validation with the file's
 * schema, save back to the file (audited; the host's reload puts it in force), and "Test tilkobling".
 */
export function wireIntegrationsAdmin(d: IntegrationsAdminDeps): Feature<Channel> {
  let jsonSchema: Record<string, unknown> | undefined;
  const schema = () => (jsonSchema ??= configJsonSchema());
  const actor = () => d.users.current().account;
  /** The integrations in force: the written ones, in the demo with its simulators laid over. */
  const inForce = (): Record<string, unknown> => (d.links.config ?? d.config.integrations) as Record<string, unknown>;
  /** The config as written: the file's, else (the demo) the one in force. */
  const rawConfig = (): { raw: Record<string, unknown>; hash: string | null } => {
    if (d.configFile) {
      let snap;
      try {
        snap = readConfigFile(d.configFile);
      } catch (e) {
        // the file went missing or was broken by hand since the start: say so, as the host shows a conflict
        if (e instanceof ConfigWriteError) throw new DeskError('conflict', e.message);
        throw e;
      }
      return { raw: snap.raw, hash: snap.hash };
    }
    return { raw: { version: 1, integrations: inForce() }, hash: null };
  };
  const problemsOf = (p: ConfigPath, problems: ConfigProblem[]): ConfigProblemDto[] => problems.map((x) => ({ key: x.key, field: relative(p, x.key), message: redactText(x.message) }));
  const known = (key: string): boolean => isKind(key) || key.startsWith('internal:');
  const titleOf = (key: string, section: unknown): string => {
    if (isKind(key)) return TITLES[key];
    const name = isPlain(section) && typeof section.name === 'string' ? section.name : key.slice('internal:'.length);
    return `Fagsystem: ${name}`;
  };
  const audit = (action: string, subject: string, details: Record<string, unknown>) =>
    d.store.uow.run(() => d.repos.audit.append({ actor: actor(), action, subject, details }, d.clock.now()));

  async function cards(): Promise<IntegrationCardDto[]> {
    const stored = await d.links.secrets.names().catch(() => [] as string[]);
    const ints = inForce();
    const keys: string[] = INTEGRATION_KINDS.filter((k) => ints[k] !== undefined);
    const targets = isPlain(ints.internal) && isPlain(ints.internal.targets) ? Object.keys(ints.internal.targets) : [];
    keys.push(...targets.map((id) => `internal:${id}`));
    const now = d.clock.now();
    return keys.map((key) => {
      const section = getIn({ integrations: ints }, sectionPath(key));
      const c = collect(section, '', { endpoints: [], credentials: [], schedules: [], limits: [] });
      const s = isPlain(section) ? section : {};
      const kind = [s.transport, s.channel, s.kind].find((x): x is string => typeof x === 'string') ?? null;
      return {
        key,
        section: sectionPath(key).join('.'),
        title: titleOf(key, section),
        enabled: s.enabled !== false,
        kind,
        endpoints: c.endpoints,
        credentials: c.credentials.map((x) => ({ ...x, exists: secretNamesFor(stored, []).has(x.secret) })),
        schedules: c.schedules.map((x) => ({ ...x, nextRuns: nextRuns(x.cron, d.config.timezone, now) })),
        limits: c.limits,
        healthKey: isKind(key) ? HEALTH_KEY[key] : 'internal',
      };
    });
  }

  const readOnlyReason = () => (d.configFile ? null : NO_FILE_MESSAGE);

  async function save(key: string, values: Record<string, unknown>, hash: string): Promise<SaveResultDto> {
    const p = sectionPath(key);
    const refused = (message: string, problems: ConfigProblemDto[] = []): SaveResultDto => ({ saved: false, message, problems, changes: [], hash: null, applied: false });
    if (!d.configFile) return refused(NO_FILE_MESSAGE);
    const file = d.configFile;
    let previous;
    try {
      previous = readConfigFile(file);
    } catch (e) {
      if (e instanceof ConfigWriteError) return refused(e.message);
      throw e;
    }
    let r;
    try {
      r = saveConfigSection(file, p, values, hash);
    } catch (e) {
      if (e instanceof ConfigWriteError) return refused(e.code === 'invalid' ? 'Endringen er ikke lagret: rett feltene som er merket.' : e.message, problemsOf(p, e.problems));
      const code = (e as NodeJS.ErrnoException).code;
      if (code) return refused(`Kunne ikke skrive konfigurasjonsfilen ${file} (${code}). Sjekk at Postmottak har skrivetilgang til filen og mappen den ligger i; ingenting er endret.`);
      throw e;
    }
    const changes = shownChanges(r.changes);
    await audit('integrations.config-saved', p.join('.'), { section: p.join('.'), file, changes });
    d.logger.log('info', 'config saved', { section: p.join('.'), keys: r.changes.map((c) => c.key) });
    if (!d.reload) return { saved: true, message: 'Lagret i konfigurasjonsfilen. Endringen gjelder fra neste start.', problems: [], changes, hash: r.hash, applied: false };
    try {
      await d.reload(r.config);
      return { saved: true, message: 'Lagret og tatt i bruk.', problems: [], changes, hash: r.hash, applied: true };
    } catch (e) {
      // the host went back to the previous settings: the file goes back too, so the next start agrees with what runs
      const why = redactText(e instanceof Error ? e.message : String(e));
      let restored = false;
      try {
        if (readConfigFile(file).hash === r.hash) {
          writeAtomic(file, previous.text);
          restored = true;
        }
      } catch {
        // the file stays with the new settings; the message says so
      }
      // this handler's hub was stopped by the reload and its store closed: the audit entry may not be writable any more, the log (the host's) is
      await audit('integrations.config-rolled-back', p.join('.'), { section: p.join('.'), file, error: why, fileRestored: restored }).catch((ae: unknown) =>
        d.logger.log('warn', 'config rolled back; the audit entry could not be written on the stopped hub', { section: p.join('.'), error: ae instanceof Error ? ae.message : String(ae) }),
      );
      d.logger.log('warn', 'config rolled back', { section: p.join('.'), error: why, fileRestored: restored });
      return {
        saved: false,
        message: `Det nye oppsettet kunne ikke startes: ${why}. Postmottak kjører videre med det forrige${restored ? ', og filen er satt tilbake' : ''}.`,
        problems: [],
        changes,
        hash: restored ? previous.hash : r.hash,
        applied: false,
      };
    }
  }

  return {
    handlers: {
      'integrationsAdmin.list': async () => {
        const list = await cards();
        const configured = new Set(list.map((c) => c.key));
        return {
          editable: d.configFile !== null,
          readOnlyReason: readOnlyReason(),
          file: d.configFile,
          timezone: d.config.timezone,
          cards: list,
          available: INTEGRATION_KINDS.filter((k) => !configured.has(k)).map((k) => ({ key: k, title: TITLES[k] })),
        };
      },
      'integrationsAdmin.get': async ({ key }) => {
        if (!known(key)) throw new DeskError('not-found', `Ukjent integrasjon: ${key}`);
        const p = sectionPath(key);
        const { raw, hash } = rawConfig();
        const values = getIn(raw, p);
        return {
          key,
          section: p.join('.'),
          title: titleOf(key, values),
          values: isPlain(values) ? values : {},
          schema: schemaAt(schema(), p),
          secretNames: secretNamesFor(
            await d.links.secrets.names().catch(() => [] as string[]),
            collect(values, '', { endpoints: [], credentials: [], schedules: [], limits: [] }).credentials.map((c) => c.secret),
          ).names,
          hash,
          editable: d.configFile !== null,
          readOnlyReason: readOnlyReason(),
        };
      },
      'integrationsAdmin.validate': async ({ key, values }) => {
        const p = sectionPath(key);
        const r = validateRaw(withIn(rawConfig().raw, p, pruneEmpty(values)));
        return r.ok ? { ok: true, problems: [] } : { ok: false, problems: problemsOf(p, r.problems) };
      },
      'integrationsAdmin.save': ({ key, values, hash }) => save(key, values, hash),
      'integrationsAdmin.test': async ({ key, values }) => {
        const p = sectionPath(key);
        let integrations: Record<string, unknown> = inForce();
        if (values) {
          const checked = validateRaw(withIn(rawConfig().raw, p, pruneEmpty(values)));
          if (!checked.ok) return { ok: false, steps: [], problems: problemsOf(p, checked.problems) };
          integrations = checked.config.integrations as Record<string, unknown>;
        }
        const r = await probeIntegration(key as IntegrationKey, integrations, {
          secrets: d.links.secrets,
          resourcesDir: d.links.resourcesDir,
          now: () => d.clock.now(),
          timeZone: d.config.timezone,
        });
        const steps = r.steps.map((s: ProbeStep) => ({ ...s, step: redactText(s.step), detail: redactText(s.detail) }));
        await audit('integrations.tested', p.join('.'), { integration: key, ok: r.ok, unsaved: values !== undefined, failedStep: steps.find((s: ProbeStep) => !s.ok)?.step ?? null });
        return { ok: r.ok, steps, problems: [] };
      },
    },
    jobs: [],
    schedules: [],
  };
}
