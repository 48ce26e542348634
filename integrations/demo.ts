import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import type { SeedHousehold } from './altinn/simulator/seed-person';
import type { DemoAltinn } from './altinn/simulator/demo-altinn';
import { startArchiveSimulator as startSimulatorOf } from './noark/simulator/start-archive-simulator';
import type { ArchiveConfig } from './noark/noark.config';
import { startPrintVendor, type PrintVendorSimulator } from './print/simulator/print-vendor.simulator';
import type { SimPerson } from './registers/simulator/register-sim-state';
import { startSmtpSimulator, type SmtpSimulator } from './mail/simulator/smtp.simulator';
import { startRegisterSimulator, type RegisterSimulator } from './registers/simulator/start-register-simulator';

/**
 * The demo: simulators standing in for Altinn, the archive, the registers and the print
 * vendor, seeded with made-up people. index.ts loads this module only in demo mode (and for
 * `postmottak simulate`): the seed generator and its name lists stay out of a real
 * installation's memory.
 */

export { startDemoAltinn, type DemoAltinn } from './altinn/simulator/demo-altinn';
export { startDemoInternal, type DemoInternal } from './internal/simulator/demo-internal';

/** An archive simulator (the demo's Noark 5 archive, `postmottak simulate archive`). */
export async function startArchiveSimulator(
  ...args: Parameters<typeof startSimulatorOf>
): Promise<{ config: ArchiveConfig; url: string; close(): Promise<void> }> {
  const { sim, config } = await startSimulatorOf(...args);
  return { url: sim.url, close: () => sim.close(), config: { enabled: true, ...config } as ArchiveConfig };
}

/** The demo's archive: the Noark 5 REST simulator, kept across restarts in `stateFile` when given. */
export const startDemoArchive = (o: { resourcesDir: string; workDir: string; stateFile?: string }) => startArchiveSimulator({ transport: 'noark5-rest', ...o });

// ---- the reply side: registers and print vendor ----

export interface DemoReplies {
  config: {
    correspondence?: { enabled: true; transport: 'altinn3'; resourceId: string; altinn3: { events: boolean }; pollSchedule: string; sweepSchedule: string };
    registers: {
      enabled: true;
      folkeregisteret: { url: string; timeoutMs: number };
      krr: { url: string; timeoutMs: number };
      auth: { kind: 'bearer'; token: { secret: string } };
    };
    print: { enabled: true; channel: 'hot-folder'; hotFolder: { dir: string } };
  };
  secrets: Record<string, string>;
  registers: RegisterSimulator;
  vendor: PrintVendorSimulator;
  hotFolder: string;
  close(): Promise<void>;
}

/** The demo's people as the registers know them: every seventh applicant reserved against digital mail, so paper-at-once shows too. */
export function demoPersons(households: SeedHousehold[], now: number): SimPerson[] {
  const out = new Map<string, SimPerson>();
  // a made-up person living at the applicant's address
  const resident = (p: SeedHousehold['subjects'][number], home: SeedHousehold['applicant'], rest: Pick<SimPerson, 'children' | 'parents' | 'krr'>): SimPerson => ({
    personNumber: p.personNumber,
    firstName: p.firstName,
    lastName: p.lastName,
    birthDate: p.birthDate,
    sex: p.sex === 'female' ? 'kvinne' : 'mann',
    address: { street: home.street, postalCode: home.postalCode, postalPlace: home.postalPlace },
    protection: 'none',
    status: 'bosatt',
    ...rest,
  });
  households.forEach((h, i) => {
    const a = h.applicant;
    const krr = { reserved: i % 7 === 3, state: 'AKTIV' as const, email: a.email, mobile: a.mobile, updatedAt: now - 90 * 86_400_000 };
    out.set(a.personNumber, resident(a, a, { children: h.subjects.map((s) => s.personNumber), parents: [], krr }));
    for (const s of h.subjects) if (!out.has(s.personNumber)) out.set(s.personNumber, resident(s, a, { children: [], parents: [a.personNumber] }));
  });
  return [...out.values()];
}

export async function startDemoReplies(o: { workDir: string; altinn: DemoAltinn | null; now: () => number }): Promise<DemoReplies> {
  // the registers know every applicant the Altinn simulator makes up, also those arriving later (#13 item 10):
  // a made-up register person for a seeded applicant's number is the demo posting a letter to a stranger
  const known = () => demoPersons(o.altinn?.households() ?? [], o.now());
  const registers = await startRegisterSimulator({ synthesize: true, now: o.now, known, control: true });
  const hotFolder = path.join(o.workDir, 'hot-folder');
  const vendor = startPrintVendor({ dir: hotFolder, intervalMs: 3000, now: o.now });
  return {
    config: {
      ...(o.altinn ? { correspondence: { enabled: true as const, transport: 'altinn3' as const, resourceId: 'kommune-svar-til-innbygger', altinn3: { events: true }, pollSchedule: '* * * * *', sweepSchedule: '* * * * *' } } : {}),
      registers: {
        enabled: true,
        folkeregisteret: registers.config.folkeregisteret,
        krr: registers.config.krr,
        auth: { kind: 'bearer', token: { secret: 'demo.register-token' } },
      },
      print: { enabled: true, channel: 'hot-folder', hotFolder: { dir: hotFolder } },
    },
    secrets: { 'demo.register-token': registers.token },
    registers,
    vendor,
    hotFolder,
    async close() {
      await vendor.stop();
      await registers.close();
    },
  };
}

// ---- #17: the demo's SMTP server, so the alerts really go out by mail ----

export interface DemoMail {
  /** What the demo lays over alerts.mail and alerts.recipients when they are not configured. */
  config: {
    mail: { host: string; port: number; security: 'starttls'; username: string; password: { secret: string }; from: string; ca: string };
    recipients: string[];
  };
  secrets: Record<string, string>;
  sim: SmtpSimulator;
  close(): Promise<void>;
}

/**
 * The SMTP simulator with STARTTLS and a login, its self-signed certificate written to `dir`
 * (the alerts trust it as the municipality's internal CA), and every mail it receives kept as an
 * .eml file beside it so the demo's alert mails can be opened.
 */
export async function startDemoMail(o: { dir: string }): Promise<DemoMail> {
  const password = randomBytes(18).toString('base64url');
  const sim = await startSmtpSimulator({ auth: { username: 'postmottak', password } });
  try {
    fs.mkdirSync(path.join(o.dir, 'mail'), { recursive: true, mode: 0o700 });
    const ca = path.join(o.dir, 'smtp-ca.pem');
    fs.writeFileSync(ca, sim.certPem, { mode: 0o600 });
    let n = 0;
    sim.onMessage((m) => {
      n++;
      fs.writeFile(path.join(o.dir, 'mail', `${new Date(m.receivedAt).toISOString().replace(/[:.]/g, '-')}-${n}.eml`), m.raw, { mode: 0o600 }, () => undefined);
    });
    return {
      config: {
        mail: { host: sim.host, port: sim.port, security: 'starttls', username: 'postmottak', password: { secret: 'demo.smtp-password' }, from: 'postmottak@demo.kommune.no', ca },
        recipients: ['it-drift@demo.kommune.no'],
      },
      secrets: { 'demo.smtp-password': password },
      sim,
      close: () => sim.close(),
    };
  } catch (e) {
    await sim.close();
    throw e;
  }
}
