import { redactText } from '../redact';
import type { CertificateInfo } from '../ports/certificate-store.port';
import type { DiskInfo } from '../ports/disk.port';
import type { IntegrationHealth } from '../ports/health.port';
import { bytes, capital, day, duration, integrationName, jobs, percent, when } from './alerts.text';
import type { AlertKind, DeadJobGroup, IncidentText } from './alerts.types';

/**
 * What the evaluator watches, turned into conditions: one per problem, with its words. `opens`
 * says the problem is bad enough to open an incident; `holds` says an open incident's problem is
 * still there. The two differ where a flapping value would otherwise open and clear again and
 * again: an integration opens after failing for `failingAfterMs` but stays open while it fails at
 * all; the disk opens below the limit but stays open until a tenth above it.
 */
export interface Condition extends IncidentText {
  key: string;
  kind: AlertKind;
  opens: boolean;
  holds: boolean;
}

export interface AlertRules {
  /** An integration failing this long opens an incident (config failingAfterMinutes). */
  failingAfterMs: number;
  /** Open an incident this many days before a certificate's notAfter. */
  certificateWarnDays: number;
  /** The disk is nearly full below either limit. */
  disk: { minFreePercent: number; minFreeBytes: number };
  timeZone: string;
}

const DAY = 86_400_000;
/** The disk incident stays open until the free space is this much above the limit. */
const DISK_MARGIN = 1.1;

/** Every text of a condition redacted: an error text may carry a fødselsnummer or a token. */
const clean = (c: Condition): Condition => ({ ...c, title: redactText(c.title), message: redactText(c.message), advice: redactText(c.advice) });

const ADVICE_BY_KIND: Record<string, string> = {
  auth: 'Tjenesten avviste innloggingen. Sjekk nøkkelen eller sertifikatet under Sertifikater og innstillingene under Integrasjoner, og bruk «Test tilkobling».',
  'rate-limited': 'Tjenesten ber Postmottak vente (for mange forespørsler). Postmottak prøver igjen av seg selv; varer det, kontakt leverandøren.',
  validation: 'Tjenesten avviser det Postmottak sender. Se feilen under Jobber, og kontakt leverandøren hvis årsaken ikke er klar.',
  permanent: 'Tjenesten avviser det Postmottak sender. Se feilen under Jobber, og kontakt leverandøren hvis årsaken ikke er klar.',
};
const ADVICE_UNREACHABLE =
  'Tjenesten svarer ikke. Sjekk at den kjører og at nettverket og brannmuren slipper Postmottak fram, og bruk «Test tilkobling» under Integrasjoner. Jobbene prøves igjen av seg selv; ingenting går tapt.';

/** An integration whose every attempt has failed since `failingSince` (HealthReader). */
export function integrationConditions(health: readonly IntegrationHealth[], rules: AlertRules, now: number): Condition[] {
  const out: Condition[] = [];
  for (const h of health) {
    if (h.failingSince === null) continue;
    const name = integrationName(h.integration);
    const paused = h.pausedUntil !== null && h.pausedUntil > now ? ` Integrasjonen er satt på pause til ${when(h.pausedUntil, rules.timeZone)}.` : '';
    const waiting = h.queueDepth > 0 ? ` ${capital(jobs(h.queueDepth))} venter.` : '';
    const error = h.lastError ? ` Siste feil${h.lastErrorKind ? ` (${h.lastErrorKind})` : ''}: ${h.lastError}` : '';
    out.push(
      clean({
        key: `integration:${h.integration}`,
        kind: 'integration',
        title: `${capital(name)} feiler`,
        message: `Alle forsøk mot ${name} har feilet siden ${when(h.failingSince, rules.timeZone)} (${duration(now - h.failingSince)}).${waiting}${paused}${error}`,
        advice: (h.lastErrorKind && ADVICE_BY_KIND[h.lastErrorKind]) || ADVICE_UNREACHABLE,
        opens: now - h.failingSince >= rules.failingAfterMs,
        holds: true,
      }),
    );
  }
  return out;
}

/** Jobs that went dead and nobody has retried or abandoned, one condition per job type. */
export function deadJobConditions(groups: readonly DeadJobGroup[], rules: AlertRules): Condition[] {
  return groups
    .filter((g) => g.count > 0)
    .map((g) =>
      clean({
        key: `job-dead:${g.type}`,
        kind: 'job-dead',
        title: `Jobb har gitt opp: ${g.type}${g.integration ? ` (${integrationName(g.integration)})` : ''}`,
        message:
          `${capital(jobs(g.count))} av typen «${g.type}» har stoppet etter gjentatte feil og blir ikke prøvd igjen av seg selv` +
          ` (sist ${when(g.newestAt, rules.timeZone)}).${g.lastError ? ` Siste feil: ${g.lastError}` : ''}`,
        advice: 'Gå til Jobber i Postmottak, rett årsaken og velg «Prøv igjen», eller «Forlat» hvis jobben ikke skal gjøres. Varselet løses når ingen slike jobber står igjen.',
        opens: true,
        holds: true,
      }),
    );
}

/** A certificate within `certificateWarnDays` of its notAfter, or past it. Bare keys have no expiry. */
export function certificateConditions(certs: readonly CertificateInfo[], rules: AlertRules, now: number): Condition[] {
  const out: Condition[] = [];
  for (const c of certs) {
    if (c.notAfter === null || c.notAfter - now > rules.certificateWarnDays * DAY) continue;
    const expired = c.notAfter <= now;
    const who = c.subject ? ` (${c.subject})` : '';
    const days = Math.ceil((c.notAfter - now) / DAY);
    out.push(
      clean({
        key: `certificate:${c.name}`,
        kind: 'certificate',
        title: expired ? `Sertifikatet «${c.name}» er utløpt` : `Sertifikatet «${c.name}» utløper snart`,
        message: expired
          ? `Sertifikatet «${c.name}»${who} utløp ${day(c.notAfter, rules.timeZone)}. Integrasjonene som bruker det, blir avvist til et nytt er importert.`
          : `Sertifikatet «${c.name}»${who} utløper ${day(c.notAfter, rules.timeZone)}, om ${days} ${days === 1 ? 'dag' : 'dager'}.`,
        advice: `Bestill et nytt sertifikat${c.issuer ? ` hos ${c.issuer}` : ''} og importer det under Sertifikater; det gamle beholdes til det nye har virket.`,
        opens: true,
        holds: true,
      }),
    );
  }
  return out;
}

/**
 * Free space on the data folder's disk below either limit (a share of the disk, or bytes); with a margin
 * above 1, the limit a recovery must clear. A disk of unknown size (the platform could not tell) is never low.
 * The alert and the Drift screen's warning both ask this, so they cannot disagree.
 */
export function diskBelow(disk: DiskInfo, limit: AlertRules['disk'], margin = 1): boolean {
  if (!(disk.totalBytes > 0)) return false;
  return (disk.freeBytes / disk.totalBytes) * 100 < limit.minFreePercent * margin || disk.freeBytes < limit.minFreeBytes * margin;
}

/** The disk with the data folder nearly full: free space below a share of the disk or below a number of bytes. */
export function diskConditions(disk: DiskInfo, rules: AlertRules): Condition[] {
  const share = disk.freeBytes / disk.totalBytes;
  const { minFreePercent, minFreeBytes } = rules.disk;
  const below = (margin: number) => diskBelow(disk, rules.disk, margin);
  if (!below(DISK_MARGIN)) return [];
  return [
    clean({
      key: 'disk',
      kind: 'disk',
      title: 'Disken med datamappen er nesten full',
      message:
        `Bare ${bytes(disk.freeBytes)} (${percent(share)}) er ledig på disken med datamappen ${disk.dataDir}. Grensen er ${minFreePercent} % eller ${bytes(minFreeBytes)}.` +
        ` Datamappen bruker ${bytes(disk.dataBytes)}, databasen ${bytes(disk.databaseBytes)}.`,
      advice:
        'Frigjør plass på disken, eller flytt datamappen til en større disk. Under Drift ser du hva som tar plass og kan rydde (flytte filinnhold ut, beholde færre sikkerhetskopier). Når disken er full, stopper Postmottak.',
      opens: below(1),
      holds: true,
    }),
  ];
}
