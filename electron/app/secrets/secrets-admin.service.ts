import { X509Certificate } from 'node:crypto';
import type { AuditLog } from '../../core/ports/audit-log.port';
import type { CertificateInfo } from '../../core/ports/certificate-store.port';
import type { HealthReader } from '../../core/ports/health.port';
import type { SecretStore } from '../../core/ports/secret-store.port';
import { CertificateImportError, certificateFacts, readCertificateFile, type ImportedKind } from './certificate-import';

/**
 * Keys, certificates and passwords IT manages on the Nøkler og sertifikater screen (#17 item 2).
 *
 * What sits in the secret store under a name IT chooses (the config's {"secret": NAME}):
 *   NAME            the value the integrations read: a private key as unencrypted PKCS#8 PEM (what the
 *                   Maskinporten client imports), a certificate chain as PEM when there is no key, or a password
 *   NAME#cert       the certificate chain (PEM, leaf first) when NAME holds its key
 *   NAME#meta       public facts as JSON: kind, subject, issuer, validity, SHA-256 fingerprint, who imported it and when
 *   NAME@previous…  the same three for the value in force before a rotation, until the new one has worked
 * '#' and '@' cannot occur in a config reference (secretRefSchema), so these can never be referenced by mistake.
 * The passphrase of a PKCS#12 or encrypted PEM is used to read it and then forgotten: the key is kept
 * decrypted inside the secret store, which is itself encrypted (OS keychain, or AES-256-GCM in the headless host).
 */

/** The default of alerts.certificateWarnDays: the screen warns when the alert would. */
export const EXPIRY_WARNING_DAYS = 30;
const DAY = 86_400_000;
const PREVIOUS = '@previous';
const CERT = '#cert';
const META = '#meta';
/** What a secret name IT chooses may look like: what a config reference accepts, and not too long. */
export const SECRET_NAME = /^[A-Za-z0-9_-][A-Za-z0-9._-]{0,99}$/;
export const MAX_IMPORT_BYTES = 64 * 1024;

export type SecretKind = ImportedKind | 'secret';
export type ExpiryState = 'ok' | 'warning' | 'expired';

interface Meta {
  v: 1;
  kind: SecretKind;
  subject: string | null;
  issuer: string | null;
  notBefore: number | null;
  notAfter: number | null;
  fingerprint: string | null;
  importedAt: number | null;
  importedBy: string | null;
}

export interface SecretVersion {
  kind: SecretKind;
  subject: string | null;
  issuer: string | null;
  notBefore: number | null;
  notAfter: number | null;
  daysLeft: number | null;
  expiry: ExpiryState | null;
  fingerprint: string | null;
  importedAt: number | null;
  importedBy: string | null;
}

export interface SecretRow extends SecretVersion {
  name: string;
  /** Where the value comes from: the writable store, or read-only (an environment variable, the demo); missing: referenced but not set. */
  source: 'store' | 'read-only' | 'missing';
  previous: SecretVersion | null;
  /** The config paths that reference this name ({"secret": name}). */
  refs: string[];
}

export class SecretsAdminError extends Error {
  override readonly name = 'SecretsAdminError';
  constructor(
    readonly code: 'invalid' | 'not-found' | 'conflict',
    message: string,
  ) {
    super(message);
  }
}

/** Every {"secret": NAME} in the configuration, by name, with its dotted path. */
export function secretRefs(config: unknown): Map<string, string[]> {
  const out = new Map<string, string[]>();
  const walk = (v: unknown, p: string): void => {
    if (Array.isArray(v)) return v.forEach((x, i) => walk(x, `${p}[${i}]`));
    if (!v || typeof v !== 'object') return;
    const o = v as Record<string, unknown>;
    const keys = Object.keys(o);
    if (keys.length === 1 && keys[0] === 'secret' && typeof o.secret === 'string') {
      out.set(o.secret, [...(out.get(o.secret) ?? []), p]);
      return;
    }
    for (const k of keys) walk(o[k], p ? `${p}.${k}` : k);
  };
  walk(config, '');
  return out;
}

/** The health key of the integration a config path belongs to (the jobs' `integration`). */
export function integrationOfPath(p: string): string | null {
  const s = p.split(/[.[]/);
  if (s[0] === 'integrations' && s[1]) return s[1] === 'altinn2' ? 'altinn' : s[1];
  if (s[0] === 'alerts') return 'smtp';
  return null;
}

/** An Integrasjoner card's key ('altinn2', 'internal:ist') as the health key. */
const healthKeyOf = (cardKey: string): string => {
  const k = cardKey.split(':')[0]!;
  return k === 'altinn2' ? 'altinn' : k;
};

/** Whole days left, rounded up while valid («om 20 dager» for a certificate made today for 20 days), down once expired. */
export const daysLeft = (notAfter: number, now: number): number => (notAfter > now ? Math.ceil((notAfter - now) / DAY) : Math.floor((notAfter - now) / DAY));
export const expiryState = (notAfter: number, now: number, warningDays = EXPIRY_WARNING_DAYS): ExpiryState =>
  notAfter <= now ? 'expired' : notAfter - now < warningDays * DAY ? 'warning' : 'ok';

export interface SecretsAdminDeps {
  secrets: SecretStore;
  /** The configuration in force, where references are looked for. */
  config: () => unknown;
  audit: Pick<AuditLog, 'append' | 'recent'>;
  /** Runs the audit append in the store's transaction. */
  uow: <T>(fn: () => Promise<T>) => Promise<T>;
  health: HealthReader | null;
  now: () => number;
  /** When this hub connected its integrations: a job success counts for a rotation only if the integrations were connected after the import. */
  connectedAt: number;
  /** alerts.certificateWarnDays: the screen's «Utløper snart» and the alert mail use one setting. */
  warningDays?: number;
}

export interface ImportInput {
  name: string;
  fileName: string;
  base64: string;
  passphrase?: string | undefined;
}

export function createSecretsAdmin(d: SecretsAdminDeps) {
  const checkName = (name: string) => {
    if (!SECRET_NAME.test(name)) {
      throw new SecretsAdminError('invalid', `Navnet «${name.slice(0, 100)}» kan ikke brukes. Bruk bokstaver (a–z), tall, punktum, bindestrek og understrek, høyst 100 tegn.`);
    }
  };

  const readMeta = async (name: string): Promise<Meta | null> => {
    const raw = await d.secrets.get(name + META);
    if (!raw) return null;
    try {
      return JSON.parse(raw) as Meta;
    } catch {
      return null;
    }
  };

  /** Facts for a value written without metadata (by hand, by the CLI, the demo): derived from the value. */
  const derive = (value: string): Meta => {
    const base: Meta = { v: 1, kind: 'secret', subject: null, issuer: null, notBefore: null, notAfter: null, fingerprint: null, importedAt: null, importedBy: null };
    if (value.includes('-----BEGIN CERTIFICATE-----')) {
      try {
        return { ...base, kind: 'pem-certificate', ...certificateFacts(new X509Certificate(value)) };
      } catch {
        return base;
      }
    }
    return /-----BEGIN [A-Z ]*PRIVATE KEY-----/.test(value) ? { ...base, kind: 'private-key' } : base;
  };

  const version = (m: Meta, now: number): SecretVersion => ({
    kind: m.kind,
    subject: m.subject,
    issuer: m.issuer,
    notBefore: m.notBefore,
    notAfter: m.notAfter,
    daysLeft: m.notAfter === null ? null : daysLeft(m.notAfter, now),
    expiry: m.notAfter === null ? null : expiryState(m.notAfter, now, d.warningDays),
    fingerprint: m.fingerprint,
    importedAt: m.importedAt,
    importedBy: m.importedBy,
  });

  const audit = (actor: string, action: string, name: string, details: Record<string, unknown>) =>
    d.uow(() => d.audit.append({ actor, action, subject: `secret:${name}`, details }, d.now()));

  const moveEntries = async (from: string, to: string) => {
    for (const suffix of ['', CERT, META]) {
      const v = await d.secrets.get(from + suffix);
      if (v === undefined) await d.secrets.delete(to + suffix);
      else await d.secrets.set(to + suffix, v);
    }
  };
  const deleteEntries = async (name: string) => {
    for (const suffix of ['', CERT, META]) await d.secrets.delete(name + suffix);
  };

  /**
   * The rule for a rotation: the earlier value is kept until the new one has worked. It has worked
   * when a «Test tilkobling» of an integration that references the name succeeded after the import,
   * or a job of such an integration succeeded after the integrations were connected with the new value.
   */
  async function confirmWorkedRotations(names: string[], refs: Map<string, string[]>): Promise<string[]> {
    const pending: { name: string; since: number; integrations: Set<string> }[] = [];
    for (const name of names) {
      const m = await readMeta(name);
      const integrations = new Set((refs.get(name) ?? []).map(integrationOfPath).filter((x): x is string => x !== null));
      if (m?.importedAt != null && integrations.size) pending.push({ name, since: m.importedAt, integrations });
    }
    if (!pending.length) return [];
    const now = d.now();
    const health = d.health ? await d.health.integrations(now) : [];
    const tests = (await d.audit.recent(500)).filter((e) => e.action === 'integrations.tested' && e.details.ok === true);
    const confirmed: string[] = [];
    for (const p of pending) {
      const testedOk = tests.some((e) => e.at > p.since && typeof e.details.integration === 'string' && p.integrations.has(healthKeyOf(e.details.integration)));
      const jobOk =
        d.connectedAt >= p.since && health.some((h) => p.integrations.has(h.integration) && h.lastSuccessAt !== null && h.lastSuccessAt > d.connectedAt);
      if (!testedOk && !jobOk) continue;
      await deleteEntries(p.name + PREVIOUS);
      await audit('system', 'secrets.rotation-confirmed', p.name, { by: testedOk ? 'test-tilkobling' : 'vellykket jobb' });
      confirmed.push(p.name);
    }
    return confirmed;
  }

  async function list(): Promise<SecretRow[]> {
    const now = d.now();
    const refs = secretRefs(d.config());
    const all = await d.secrets.names();
    const stored = new Set(all);
    // the environment store lists its variables, not secret names; internal entries are shown with their owner
    const names = all.filter((n) => SECRET_NAME.test(n) && !n.startsWith('POSTMOTTAK_SECRET_'));
    const rotating = names.filter((n) => stored.has(n + PREVIOUS));
    const confirmed = new Set(await confirmWorkedRotations(rotating, refs));
    const rows: SecretRow[] = [];
    const seen = new Set<string>();
    for (const name of names) {
      const value = await d.secrets.get(name);
      if (value === undefined) continue;
      seen.add(name);
      const meta = (await readMeta(name)) ?? derive(value);
      const prevMeta = stored.has(name + PREVIOUS) && !confirmed.has(name) ? ((await readMeta(name + PREVIOUS)) ?? derive((await d.secrets.get(name + PREVIOUS)) ?? '')) : null;
      rows.push({ name, source: 'store', ...version(meta, now), previous: prevMeta && version(prevMeta, now), refs: refs.get(name) ?? [] });
    }
    // referenced names the store does not list: set elsewhere (environment, the demo), or missing
    for (const [name, paths] of refs) {
      if (seen.has(name)) continue;
      const value = await d.secrets.get(name);
      const meta = value === undefined ? null : derive(value);
      rows.push({
        name,
        source: value === undefined ? 'missing' : 'read-only',
        ...version(meta ?? { v: 1, kind: 'secret', subject: null, issuer: null, notBefore: null, notAfter: null, fingerprint: null, importedAt: null, importedBy: null }, now),
        previous: null,
        refs: paths,
      });
    }
    return rows.sort((a, b) => a.name.localeCompare(b.name));
  }

  const decode = (input: ImportInput): Buffer => {
    const bytes = Buffer.from(input.base64, 'base64');
    if (!bytes.length) throw new SecretsAdminError('invalid', `Filen «${input.fileName}» er tom.`);
    if (bytes.length > MAX_IMPORT_BYTES) throw new SecretsAdminError('invalid', `Filen «${input.fileName}» er større enn ${MAX_IMPORT_BYTES / 1024} KB; et sertifikat eller en nøkkel er mye mindre. Sjekk at du har valgt riktig fil.`);
    return bytes;
  };

  /** Writes a new value; an existing one is kept as NAME@previous (unless a rotation is already under way: then the value before it stays). */
  async function write(name: string, entries: { value: string; cert: string | null; meta: Meta }): Promise<{ rotation: boolean }> {
    const existing = await d.secrets.get(name);
    const names = new Set(await d.secrets.names());
    const rotation = existing !== undefined && names.has(name);
    if (rotation && !names.has(name + PREVIOUS)) await moveEntries(name, name + PREVIOUS);
    await d.secrets.set(name, entries.value);
    if (entries.cert) await d.secrets.set(name + CERT, entries.cert);
    else await d.secrets.delete(name + CERT);
    await d.secrets.set(name + META, JSON.stringify(entries.meta));
    return { rotation: rotation || names.has(name + PREVIOUS) };
  }

  return {
    list,
    /** Whether the configuration references the name. */
    referenced: (name: string): boolean => (secretRefs(d.config()).get(name) ?? []).length > 0,

    /** Public facts of the imported certificates and keys (the alerts read expiry from here). */
    async certificates(): Promise<CertificateInfo[]> {
      return (await list())
        .filter((r): r is SecretRow & { kind: CertificateInfo['kind'] } => r.kind !== 'secret' && r.source !== 'missing')
        .map((r) => ({
          name: r.name,
          kind: r.kind,
          subject: r.subject,
          issuer: r.issuer,
          notBefore: r.notBefore,
          notAfter: r.notAfter,
          fingerprint: r.fingerprint,
          importedAt: r.importedAt ?? 0,
          importedBy: r.importedBy ?? '',
          previousKept: r.previous !== null,
        }));
    },

    async importFile(input: ImportInput, actor: string) {
      checkName(input.name);
      const bytes = decode(input);
      let material;
      try {
        material = readCertificateFile(bytes, input.fileName, input.passphrase || undefined);
      } catch (e) {
        if (e instanceof CertificateImportError) throw new SecretsAdminError('invalid', e.message);
        throw new SecretsAdminError('invalid', `Filen «${input.fileName}» kunne ikke leses som sertifikat eller nøkkel.`);
      }
      const now = d.now();
      const facts = material.facts;
      const meta: Meta = {
        v: 1,
        kind: material.kind,
        subject: facts?.subject ?? null,
        issuer: facts?.issuer ?? null,
        notBefore: facts?.notBefore ?? null,
        notAfter: facts?.notAfter ?? null,
        fingerprint: facts?.fingerprint ?? null,
        importedAt: now,
        importedBy: actor,
      };
      // the integrations read NAME: the key when there is one (PKCS#8 PEM), else the certificate chain
      const value = material.keyPem ?? material.certPem!;
      const { rotation } = await write(input.name, { value, cert: material.keyPem ? material.certPem : null, meta });
      await audit(actor, 'secrets.imported', input.name, { kind: material.kind, fingerprint: meta.fingerprint, notAfter: meta.notAfter, hasKey: material.keyPem !== null, rotation });
      const warnings: string[] = [];
      if (meta.notAfter !== null && meta.notAfter <= now) warnings.push('Sertifikatet er allerede utløpt. Det er lagret, men integrasjonene vil bli avvist til du importerer et gyldig sertifikat.');
      else if (meta.notAfter !== null && expiryState(meta.notAfter, now) === 'warning') warnings.push(`Sertifikatet utløper om ${daysLeft(meta.notAfter, now)} dager. Bestill et nytt i god tid.`);
      if (material.kind === 'pem-certificate' && !material.keyPem) warnings.push('Filen hadde bare sertifikatet, ingen privat nøkkel.');
      // an environment variable (POSTMOTTAK_SECRET_<NAME>) or the demo's own value wins over what is stored here
      if ((await d.secrets.get(input.name)) !== value) warnings.push(`En miljøvariabel eller demoen gir allerede «${input.name}» en verdi, og den brukes i stedet for den du importerte. Fjern miljøvariabelen, eller bruk et annet navn.`);
      return { name: input.name, kind: material.kind, rotation, warnings, row: version(meta, now) };
    },

    async setSecret(name: string, value: string, actor: string) {
      checkName(name);
      const { rotation } = await write(name, {
        value,
        cert: null,
        meta: { v: 1, kind: 'secret', subject: null, issuer: null, notBefore: null, notAfter: null, fingerprint: null, importedAt: d.now(), importedBy: actor },
      });
      await audit(actor, 'secrets.set', name, { kind: 'secret', rotation });
      return { name, rotation };
    },

    /** IT says the new value works («Den nye nøkkelen virker – fjern den gamle»). */
    async confirmRotation(name: string, actor: string) {
      checkName(name);
      const prevMeta = await readMeta(name + PREVIOUS);
      if ((await d.secrets.get(name + PREVIOUS)) === undefined) throw new SecretsAdminError('not-found', `«${name}» har ingen tidligere verdi som venter på å bli fjernet.`);
      await deleteEntries(name + PREVIOUS);
      await audit(actor, 'secrets.rotation-confirmed', name, { by: 'it', removedFingerprint: prevMeta?.fingerprint ?? null });
      return { name };
    },

    /** The new value did not work: the previous one is put back in force. */
    async rollback(name: string, actor: string) {
      checkName(name);
      if ((await d.secrets.get(name + PREVIOUS)) === undefined) throw new SecretsAdminError('not-found', `«${name}» har ingen tidligere verdi å gå tilbake til.`);
      const dropped = await readMeta(name);
      await moveEntries(name + PREVIOUS, name);
      await deleteEntries(name + PREVIOUS);
      await audit(actor, 'secrets.rolled-back', name, { droppedFingerprint: dropped?.fingerprint ?? null, restoredFingerprint: (await readMeta(name))?.fingerprint ?? null });
      return { name };
    },

    async remove(name: string, actor: string) {
      checkName(name);
      const refs = secretRefs(d.config()).get(name) ?? [];
      if (refs.length) {
        throw new SecretsAdminError('conflict', `«${name}» kan ikke slettes fordi konfigurasjonen bruker den (${refs.join(', ')}). Endre eller fjern referansen på Integrasjoner-siden først.`);
      }
      if (!(await d.secrets.names()).includes(name)) throw new SecretsAdminError('not-found', `Fant ingen hemmelighet med navnet «${name}» i lageret.`);
      const meta = await readMeta(name);
      await deleteEntries(name);
      await deleteEntries(name + PREVIOUS);
      await audit(actor, 'secrets.deleted', name, { kind: meta?.kind ?? null, fingerprint: meta?.fingerprint ?? null });
      return { name };
    },
  };
}

export type SecretsAdmin = ReturnType<typeof createSecretsAdmin>;
