/**
 * Measures archive delivery in a clean process: stores <count> received applications (each
 * with its own ~50 KB PDF), registers them for the archive, then starts the real hub and
 * times until every entry is archived at the simulator. Prints one JSON line: the time, the
 * counts, and the CPU time of this process and of the simulator (by its pid, from /proc) over
 * the measured window, so one can see which side is the limit.
 * argv: <data dir> <config file> <count> <pdf bytes> [simulator pid]
 */
import { randomBytes } from 'node:crypto';
import fs from 'node:fs';
import { hubFromConfig } from '../helpers/config-hub';
import { pdfBytes } from '../helpers/archive-fixture';

const [dataDir, configFile, countArg, bytesArg, simPidArg] = process.argv.slice(2) as [string, string, string, string, string | undefined];
const count = Number(countArg);

void (async () => {
  // seed the store with a hub that does not run jobs, then measure a fresh hub that starts with the backlog
  const seeder = await (await import('../../electron/app/create-hub')).createHub({ ...(await optionsFor()), autoStart: false });
  const form = (i: number, fnr: string) => ({
    applicant: { name: `Søker ${i}`, personNumber: fnr },
    title: `Søknad om barnehageplass ${i}`,
    titlePublic: `Søknad om barnehageplass ${i}`,
    fields: {},
    lists: {},
  });
  for (let start = 0; start < count; start += 500) {
    await seeder.store.uow.run(async () => {
      for (let i = start; i < Math.min(count, start + 500); i++) {
        const fnr = String(10_000_000_000 + i).slice(-11);
        const { id } = await seeder.submissions.insert(
          {
            status: 'received',
            serviceKey: 'kommune/barnehageplass',
            profileId: 'barnehageplass',
            profileVersion: 1,
            a2ArchiveRef: null,
            reportee: { partyId: String(50_000 + i), personNumber: fnr, organisationNumber: null },
            applicantName: `Søker ${i}`,
            title: `Søknad om barnehageplass ${i}`,
            titlePublic: `Søknad om barnehageplass ${i}`,
            form: form(i, fnr),
            quarantine: null,
            submittedAt: Date.now(),
            receivedAt: Date.now(),
            parts: [
              { role: 'receipt-pdf', dataType: 'ref-data-as-pdf', filename: 'kvittering.pdf', contentType: 'application/pdf', size: Number(bytesArg), bytes: withNonce(pdfBytes(`søknad ${i}`, Number(bytesArg))) },
            ],
          },
          { source: 'altinn3', sourceId: `bench-${i}`, serviceKey: 'kommune/barnehageplass', fetchedAt: Date.now() },
        );
        await seeder.archive.service.registerIncoming(id);
      }
    });
  }
  await seeder.stop();

  const t0 = performance.now();
  const cpu0 = process.cpuUsage();
  const sim0 = simCpuMs();
  const measured = await hubFromConfig(dataDir, configFile, 'bench');
  // poll one count at a time (a slow count must not overlap the next)
  while ((await measured.archive.store.counts()).archived < count) await new Promise((r) => setTimeout(r, 20));
  const ms = performance.now() - t0;
  const cpu = process.cpuUsage(cpu0);
  const sim1 = simCpuMs();
  const c = await measured.archive.store.counts();
  await measured.stop();
  const hubCpuMs = (cpu.user + cpu.system) / 1000;
  const simCpu = sim0 !== null && sim1 !== null ? sim1 - sim0 : null;
  process.stdout.write(`${JSON.stringify({ ms, counts: c, hubCpuMs, simCpuMs: simCpu })}\n`);
  process.exit(0);
})();

/** The simulator's user + system CPU time (all its threads) in ms, from /proc/<pid>/stat; null where there is no /proc. */
function simCpuMs(): number | null {
  if (!simPidArg) return null;
  try {
    // fields after the command's closing parenthesis: utime and stime are the 12th and 13th (clock ticks, 100 per s on Linux)
    const rest = fs.readFileSync(`/proc/${simPidArg}/stat`, 'utf8').split(') ')[1]!.split(' ');
    return (Number(rest[11]) + Number(rest[12])) * 10;
  } catch {
    return null;
  }
}

function withNonce(b: Uint8Array): Uint8Array {
  // every application its own bytes, as in life (the store deduplicates equal blobs)
  const out = new Uint8Array(b);
  out.set(randomBytes(16), 20);
  return out;
}

async function optionsFor() {
  const { loadConfig } = await import('../../electron/app/config/load-config');
  const { createEnvSecretStore } = await import('../../electron/app/secrets/env-secret-store');
  const { silentLogger } = await import('../../electron/core/ports/logger.port');
  return { dataDir, config: loadConfig(configFile).config, demo: false, host: 'test' as const, version: 'bench', secrets: createEnvSecretStore(), actor: 'bench', logger: silentLogger };
}
