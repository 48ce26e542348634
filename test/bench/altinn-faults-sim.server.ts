/**
 * The Altinn simulator in a process of its own for the ingest-under-faults benchmark: like
 * altinn-sim.server.ts, plus fault injection and token lifetimes from the command line, and its
 * counts on request (a line "counts" on stdin answers one line "COUNTS {json}").
 * argv: <count> <attachment bytes> <faults JSON> <Altinn token lifetime s>. Prints "SIM <url> <a2 count>" when ready.
 */
import readline from 'node:readline';
import type { FaultConfig } from '../../integrations/altinn/simulator/altinn-simulator';
import { downloadQueueExtension } from '../../integrations/altinn/simulator/download-queue.simulator';
import { generateSubmissions } from '../../integrations/altinn/simulator/seed-generator';
import { ORG, startSim } from '../helpers/altinn-fixture';
import { A2_PASSWORD, shippedProfiles } from '../helpers/ingest-env';

const [countArg, bytesArg, faultsArg, lifetimeArg] = process.argv.slice(2) as [string, string, string, string];

/** As seededSim (test/helpers/ingest-env.ts), with the faults and the token lifetime. */
async function start() {
  const sim = await startSim({
    extensions: [downloadQueueExtension({ systemUserName: 'postmottak', systemPassword: A2_PASSWORD })],
    tokenLifetimeSec: Number(lifetimeArg),
    maskinportenTokenLifetimeSec: Math.min(120, Number(lifetimeArg)),
    faults: JSON.parse(faultsArg) as FaultConfig,
  });
  const seeds = generateSubmissions({ seed: 2026, count: Number(countArg), org: ORG, profiles: shippedProfiles().all(), attachmentBytes: Number(bytesArg) });
  sim.state.addSubmissions(seeds);
  return { sim, seeds };
}

void start().then(({ sim, seeds }) => {
  process.stdout.write(`SIM ${sim.url} ${seeds.filter((s) => s.altinn2).length}\n`);
  readline.createInterface({ input: process.stdin }).on('line', (line) => {
    if (line.trim() !== 'counts') return;
    const instances = sim.state.instances();
    const calls = instances.map((i) => sim.state.completeCalls.get(i.id) ?? 0);
    const requests = Object.fromEntries(['token', 'exchange', 'list', 'instance', 'data', 'complete'].map((op) => [op, sim.state.requestCount(op)]));
    const cpu = process.cpuUsage();
    const counts = {
      requests,
      instances: instances.length,
      confirmed: instances.filter((i) => sim.state.confirmedCount(i.id) === 1).length,
      completeCallsOverOne: calls.filter((n) => n > 1).length,
      cpuMs: Math.round((cpu.user + cpu.system) / 1000),
    };
    process.stdout.write(`COUNTS ${JSON.stringify(counts)}\n`);
  });
  process.on('SIGTERM', () => void sim.close().then(() => process.exit(0)));
});
