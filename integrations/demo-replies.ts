/**
 * The demo's reply side: Folkeregisteret and KRR simulators that know the demo's applicants
 * (and make up anyone else), a hot folder with a simulated print vendor, and the Altinn
 * simulator's correspondence API. Loaded only in demo mode.
 */
import path from 'node:path';
import type { DemoAltinn } from './altinn/simulator/demo-altinn';
import type { SeedHousehold } from './altinn/simulator/seed-person';
import { startPrintVendor, type PrintVendorSimulator } from './print/simulator/print-vendor.simulator';
import type { SimPerson } from './registers/simulator/register-sim-state';
import { startRegisterSimulator, type RegisterSimulator } from './registers/simulator/start-register-simulator';

export interface DemoReplies {
  config: {
    correspondence?: { enabled: true; transport: 'altinn3'; resourceId: string; pollSchedule: string; sweepSchedule: string };
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
  households.forEach((h, i) => {
    const a = h.applicant;
    out.set(a.personNumber, {
      personNumber: a.personNumber,
      firstName: a.firstName,
      lastName: a.lastName,
      birthDate: a.birthDate,
      sex: a.sex === 'female' ? 'kvinne' : 'mann',
      address: { street: a.street, postalCode: a.postalCode, postalPlace: a.postalPlace },
      protection: 'none',
      status: 'bosatt',
      children: h.subjects.map((s) => s.personNumber),
      parents: [],
      krr: { reserved: i % 7 === 3, state: 'AKTIV', email: a.email, mobile: a.mobile, updatedAt: now - 90 * 86_400_000 },
    });
    for (const s of h.subjects) {
      if (out.has(s.personNumber)) continue;
      out.set(s.personNumber, {
        personNumber: s.personNumber,
        firstName: s.firstName,
        lastName: s.lastName,
        birthDate: s.birthDate,
        sex: s.sex === 'female' ? 'kvinne' : 'mann',
        address: { street: a.street, postalCode: a.postalCode, postalPlace: a.postalPlace },
        protection: 'none',
        status: 'bosatt',
        children: [],
        parents: [a.personNumber],
      });
    }
  });
  return [...out.values()];
}

export async function startDemoReplies(o: { workDir: string; altinn: DemoAltinn | null; now: () => number }): Promise<DemoReplies> {
  const registers = await startRegisterSimulator({ synthesize: true, now: o.now, persons: demoPersons(o.altinn?.households() ?? [], o.now()) });
  // applications arriving later in the demo are made up by the simulator itself
  const hotFolder = path.join(o.workDir, 'hot-folder');
  const vendor = startPrintVendor({ dir: hotFolder, intervalMs: 3000, now: o.now });
  return {
    config: {
      ...(o.altinn ? { correspondence: { enabled: true as const, transport: 'altinn3' as const, resourceId: 'kommune-svar-til-innbygger', pollSchedule: '* * * * *', sweepSchedule: '* * * * *' } } : {}),
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
