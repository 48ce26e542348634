// #17 item 4: the alert evaluator (pure): one incident per problem, hysteresis before a recovery, the conditions and their words.
import { describe, expect, it } from 'vitest';
import { certificateConditions, deadJobConditions, diskBelow, diskConditions, integrationConditions, type AlertRules, type Condition } from '../../electron/core/operations/alerts.conditions';
import { evaluate, isMailable } from '../../electron/core/operations/alerts.evaluator';
import { incidentMail } from '../../electron/core/operations/alerts.mail';
import { bytes, duration, when } from '../../electron/core/operations/alerts.text';
import { ALERT_KINDS, type Incident } from '../../electron/core/operations/alerts.types';
import type { CertificateInfo } from '../../electron/core/ports/certificate-store.port';
import type { IntegrationHealth } from '../../electron/core/ports/health.port';
import { integrationHealth } from '../helpers/integration-health.fixture';

const MIN = 60_000;
const DAY = 86_400_000;
const T0 = Date.UTC(2026, 11, 7, 12, 0, 0); // 13:00 in Oslo
const RULES: AlertRules = { failingAfterMs: 15 * MIN, certificateWarnDays: 30, disk: { minFreePercent: 10, minFreeBytes: 1024 ** 3 }, timeZone: 'Europe/Oslo' };
const ALL = new Set(ALERT_KINDS);

const health = (over: Partial<IntegrationHealth>): IntegrationHealth => integrationHealth({ state: 'nede', ...over });

const cert = (over: Partial<CertificateInfo>): CertificateInfo => ({
  name: 'virksomhet',
  kind: 'pkcs12',
  subject: 'CN=Demo kommune',
  issuer: 'Buypass',
  notBefore: T0 - 300 * DAY,
  notAfter: T0 + 365 * DAY,
  fingerprint: 'AA:BB',
  importedAt: T0 - DAY,
  importedBy: 'ida',
  previousKept: false,
  ...over,
});

/**
 * A tiny in-memory run of the evaluator over time: what the store would hold after each step,
 * so the tests read as a timeline ("failing 20 min → one incident").
 */
function timeline(clearAfterMs = 5 * MIN) {
  let open: Incident[] = [];
  const cleared: Incident[] = [];
  let nextId = 1;
  const opened: string[] = [];
  const recovered: string[] = [];
  return {
    step(now: number, conditions: Condition[], observed: ReadonlySet<(typeof ALERT_KINDS)[number]> = ALL) {
      const ev = evaluate(open, conditions, observed, { now, clearAfterMs });
      for (const t of ev.touch) {
        const i = open.find((x) => x.id === t.incident.id)!;
        Object.assign(i, t.text, { lastSeenAt: t.lastSeenAt, clearPendingSince: t.clearPendingSince });
      }
      for (const c of ev.clear) {
        open = open.filter((x) => x.id !== c.id);
        cleared.push({ ...c, clearedAt: now, clearMail: 'pending' });
        recovered.push(c.key);
      }
      for (const o of ev.open) {
        open.push({ ...o, id: nextId++, openedAt: now, lastSeenAt: now, clearPendingSince: null, clearedAt: null, acknowledgedAt: null, acknowledgedBy: null, openMail: 'pending', openMailAt: null, clearMail: null, clearMailAt: null, mailError: null });
        opened.push(o.key);
      }
      return ev;
    },
    get open() {
      return open;
    },
    opened,
    recovered,
    cleared,
  };
}

describe('#17: the alert evaluator', () => {
  it('an integration failing past the configured time opens one incident; still failing opens no second; recovery clears it once, after the hysteresis', () => {
    const t = timeline();
    const failing = (now: number) => integrationConditions([health({ failingSince: T0, lastError: 'ECONNREFUSED 127.0.0.1:9', lastErrorKind: 'transient', queueDepth: 3 })], RULES, now);
    // failing for 10 minutes: not yet
    for (let m = 0; m <= 14; m++) t.step(T0 + m * MIN, failing(T0 + m * MIN));
    expect(t.opened).toEqual([]);
    // 15 minutes: one incident, and every further minute of failing keeps the same one
    for (let m = 15; m <= 60; m++) t.step(T0 + m * MIN, failing(T0 + m * MIN));
    expect(t.opened).toEqual(['integration:archive']);
    expect(t.open).toHaveLength(1);
    expect(t.open[0]).toMatchObject({ openedAt: T0 + 15 * MIN, lastSeenAt: T0 + 60 * MIN });
    // the words follow the condition: the duration grows
    expect(t.open[0]!.message).toContain('(1 t)');
    // recovers: nothing for the first minutes (hysteresis), then one recovery
    for (let m = 61; m <= 65; m++) t.step(T0 + m * MIN, integrationConditions([health({ failingSince: null })], RULES, T0 + m * MIN));
    expect(t.recovered).toEqual([]);
    expect(t.open[0]!.clearPendingSince).toBe(T0 + 61 * MIN);
    t.step(T0 + 66 * MIN, []);
    expect(t.recovered).toEqual(['integration:archive']);
    expect(t.open).toEqual([]);
    for (let m = 67; m <= 80; m++) t.step(T0 + m * MIN, []);
    expect(t.recovered).toEqual(['integration:archive']);
  });

  it('a link that flaps every minute gives one incident and no recoveries while it flaps; it clears only after staying well for the whole hysteresis', () => {
    const t = timeline(5 * MIN);
    const at = (m: number) => T0 + m * MIN;
    // failing long enough to open
    for (let m = 0; m <= 20; m++) t.step(at(m), integrationConditions([health({ failingSince: at(0) })], RULES, at(m)));
    // then: ok, failing again (failingSince restarts), ok, …: the incident holds while it fails at all
    for (let m = 21; m <= 60; m++) {
      const up = m % 2 === 1;
      t.step(at(m), integrationConditions([health({ failingSince: up ? null : at(m) })], RULES, at(m)));
    }
    expect(t.opened).toEqual(['integration:archive']);
    expect(t.recovered).toEqual([]);
    for (let m = 61; m <= 70; m++) t.step(at(m), []);
    expect(t.recovered).toEqual(['integration:archive']);
    expect(t.opened).toEqual(['integration:archive']);
  });

  it('a kind that could not be observed leaves its incidents alone; a new problem after recovery is a new incident', () => {
    const t = timeline(0);
    const disk = diskConditions({ dataDir: '/data', dataBytes: 1, databaseBytes: 1, freeBytes: 100, totalBytes: 10_000 }, RULES);
    t.step(T0, disk);
    expect(t.opened).toEqual(['disk']);
    // the disk could not be read: no condition, but no recovery either
    t.step(T0 + MIN, [], new Set(['integration', 'job-dead', 'certificate']));
    expect(t.recovered).toEqual([]);
    t.step(T0 + 2 * MIN, []);
    expect(t.recovered).toEqual(['disk']);
    t.step(T0 + 3 * MIN, disk);
    expect(t.opened).toEqual(['disk', 'disk']);
  });

  it('dead jobs: one incident per job type while any stays unresolved; more of the same type is the same incident', () => {
    const t = timeline(0);
    t.step(T0, deadJobConditions([{ type: 'archive.deliver', integration: 'archive', count: 1, newestAt: T0, lastError: 'Arkivet avviste 12345678901' }], RULES));
    t.step(T0 + MIN, deadJobConditions([{ type: 'archive.deliver', integration: 'archive', count: 4, newestAt: T0 + MIN, lastError: 'x' }], RULES));
    t.step(T0 + 2 * MIN, deadJobConditions([{ type: 'archive.deliver', integration: 'archive', count: 4, newestAt: T0 + MIN, lastError: 'x' }, { type: 'store.backup', integration: null, count: 1, newestAt: T0, lastError: null }], RULES));
    expect(t.opened).toEqual(['job-dead:archive.deliver', 'job-dead:store.backup']);
    expect(t.open[0]!.message).toMatch(/^4 jobber av typen «archive\.deliver» har stoppet/);
    // retried or abandoned: none left of that type
    t.step(T0 + 3 * MIN, deadJobConditions([{ type: 'store.backup', integration: null, count: 1, newestAt: T0, lastError: null }], RULES));
    expect(t.recovered).toEqual(['job-dead:archive.deliver']);
  });

  it('never leaves a fødselsnummer or a bearer token in an incident\'s words', () => {
    const [c] = integrationConditions([health({ failingSince: T0, lastError: 'Søker 12345678901 avvist; Authorization: Bearer abc.def.ghi', lastErrorKind: 'validation' })], RULES, T0 + 20 * MIN);
    const [d] = deadJobConditions([{ type: 'archive.deliver', integration: 'archive', count: 1, newestAt: T0, lastError: 'fnr 010190 12345 ukjent' }], RULES);
    for (const x of [c!, d!]) expect(`${x.title} ${x.message} ${x.advice}`).not.toMatch(/\d{6}\s?\d{5}|abc\.def/);
    expect(c!.message).toContain('123456*****');
    expect(c!.advice).toMatch(/avviser det Postmottak sender/);
  });

  it('isMailable: the mail server\'s own trouble is shown in the app, not mailed through it', () => {
    expect(isMailable('integration:archive')).toBe(true);
    expect(isMailable('integration:smtp')).toBe(false);
    expect(isMailable('job-dead:alerts.mail')).toBe(false);
  });
});

describe('#17: the alert conditions', () => {
  it('certificates: 20 days left opens a warning with the date, past notAfter says expired, far off or a bare key says nothing', () => {
    const now = T0;
    const list = [cert({ name: 'snart', notAfter: now + 20 * DAY }), cert({ name: 'ute', notAfter: now - DAY }), cert({ name: 'lenge', notAfter: now + 200 * DAY }), cert({ name: 'nøkkel', kind: 'private-key', notAfter: null })];
    const cs = certificateConditions(list, RULES, now);
    expect(cs.map((c) => [c.key, c.title])).toEqual([
      ['certificate:snart', 'Sertifikatet «snart» utløper snart'],
      ['certificate:ute', 'Sertifikatet «ute» er utløpt'],
    ]);
    expect(cs[0]!.message).toBe('Sertifikatet «snart» (CN=Demo kommune) utløper 27.12.2026, om 20 dager.');
    expect(cs[0]!.advice).toContain('hos Buypass');
    // exactly at the edge of the warning window
    expect(certificateConditions([cert({ notAfter: now + 30 * DAY })], RULES, now)).toHaveLength(1);
    expect(certificateConditions([cert({ notAfter: now + 30 * DAY + 1 })], RULES, now)).toHaveLength(0);
  });

  it('disk: below the share or below the bytes opens; it holds until a tenth above the limit; an unknown size is not watched', () => {
    const total = 100 * 1024 ** 3;
    const d = (free: number) => diskConditions({ dataDir: '/var/lib/postmottak', dataBytes: 2 * 1024 ** 3, databaseBytes: 1024 ** 3, freeBytes: free, totalBytes: total }, RULES);
    expect(d(20 * 1024 ** 3)).toEqual([]);
    const [low] = d(5 * 1024 ** 3);
    expect(low).toMatchObject({ key: 'disk', opens: true, holds: true });
    expect(low!.message).toBe('Bare 5 GB (5 %) er ledig på disken med datamappen /var/lib/postmottak. Grensen er 10 % eller 1 GB. Datamappen bruker 2 GB, databasen 1 GB.');
    // 10.5 % free: above the limit but inside the margin — holds an open incident, opens none
    expect(d(10.5 * 1024 ** 3)[0]).toMatchObject({ opens: false, holds: true });
    // a large disk with a share above the limit but less than the bytes
    expect(diskConditions({ dataDir: '/d', dataBytes: 0, databaseBytes: 0, freeBytes: 512 * 1024 ** 2, totalBytes: 2 * 1024 ** 3 }, RULES)[0]).toMatchObject({ opens: true });
    expect(diskConditions({ dataDir: '/d', dataBytes: 0, databaseBytes: 0, freeBytes: 0, totalBytes: 0 }, RULES)).toEqual([]);
  });

  it('an integration names what to do by the kind of failure, and says when it is paused', () => {
    const [auth] = integrationConditions([health({ integration: 'altinn', failingSince: T0, lastErrorKind: 'auth', lastError: '401' })], RULES, T0 + 16 * MIN);
    expect(auth).toMatchObject({ key: 'integration:altinn', title: 'Altinn (innsendinger) feiler', opens: true });
    expect(auth!.advice).toMatch(/Sertifikater/);
    const [paused] = integrationConditions([health({ failingSince: T0, pausedUntil: T0 + 30 * MIN, lastErrorKind: 'rate-limited', queueDepth: 1 })], RULES, T0 + 5 * MIN);
    expect(paused).toMatchObject({ opens: false, holds: true });
    expect(paused!.message).toBe('Alle forsøk mot sak/arkiv har feilet siden 07.12.2026 kl. 13:00 (5 min). 1 jobb venter. Integrasjonen er satt på pause til 07.12.2026 kl. 13:30.');
  });
});

describe('#17: the words of the alerts', () => {
  it('formats times in the configured zone, durations and sizes in bokmål', () => {
    expect(when(T0, 'Europe/Oslo')).toBe('07.12.2026 kl. 13:00');
    expect(when(Date.UTC(2026, 6, 1, 12), 'Europe/Oslo')).toBe('01.07.2026 kl. 14:00');
    expect([duration(30_000), duration(17 * MIN), duration(125 * MIN), duration(3 * DAY + 4 * 60 * MIN)]).toEqual(['under 1 min', '17 min', '2 t 5 min', '3 døgn 4 t']);
    expect([bytes(512), bytes(1536), bytes(4.25 * 1024 ** 3)]).toEqual(['512 B', '1,5 kB', '4,3 GB']);
  });

  it('the alert mail says what, since when, what to do; the recovery says how long it lasted', () => {
    const i: Incident = {
      id: 7, key: 'integration:archive', kind: 'integration', title: 'Sak/arkiv feiler', message: 'Alle forsøk …', advice: 'Sjekk …',
      openedAt: T0, lastSeenAt: T0, clearPendingSince: null, clearedAt: T0 + 95 * MIN, acknowledgedAt: null, acknowledgedBy: null,
      openMail: 'sent', openMailAt: T0, clearMail: 'pending', clearMailAt: null, mailError: null,
    };
    const open = incidentMail(i, 'open', { timeZone: 'Europe/Oslo', installation: 'Demo kommune', now: T0 });
    expect(open.subject).toBe('[Postmottak] Varsel: Sak/arkiv feiler');
    expect(open.text).toContain('Hva du gjør:\nSjekk …');
    expect(open.text).toContain('Oppdaget: 07.12.2026 kl. 13:00');
    const clear = incidentMail(i, 'clear', { timeZone: 'Europe/Oslo', installation: 'Demo kommune', now: T0 });
    expect(clear.subject).toBe('[Postmottak] Løst: Sak/arkiv feiler');
    expect(clear.text).toContain('fra 07.12.2026 kl. 13:00 til 07.12.2026 kl. 14:35 (1 t 35 min)');
  });
});

describe('#17 review: one disk limit for the alert and the Drift screen', () => {
  const disk = (freeBytes: number, totalBytes: number) => ({ dataDir: '/data', dataBytes: 0, databaseBytes: 0, freeBytes, totalBytes });
  const limit = { minFreePercent: 10, minFreeBytes: 2 * 1024 ** 3 };
  it('is low below either limit, never on a disk of unknown size, and the recovery margin asks for more', () => {
    expect(diskBelow(disk(50 * 1024 ** 3, 1000 * 1024 ** 3), limit)).toBe(true); // 5 %
    expect(diskBelow(disk(1024 ** 3, 5 * 1024 ** 3), limit)).toBe(true); // 20 %, but 1 GiB
    expect(diskBelow(disk(200 * 1024 ** 3, 1000 * 1024 ** 3), limit)).toBe(false);
    expect(diskBelow(disk(0, 0), limit)).toBe(false);
    expect(diskBelow(disk(105 * 1024 ** 3, 1000 * 1024 ** 3), limit)).toBe(false);
    expect(diskBelow(disk(105 * 1024 ** 3, 1000 * 1024 ** 3), limit, 1.1)).toBe(true);
  });
});
