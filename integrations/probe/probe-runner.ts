import { randomUUID } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { ProbeResult, ProbeRun, ProbeStep } from '../../electron/core/ports/connection-probe.port';
import type { SecretStore } from '../../electron/core/ports/secret-store.port';
import { redactText } from '../../electron/core/redact';
import { resolveSecret } from '../shared/config';
import { describeFailure } from './probe-failure';

/** A step gets this many per-request timeouts before it is reported as timed out. */
const STEP_DEADLINE_FACTOR = 3;

/** Thrown past the remaining steps once one has failed (its step is already recorded). */
class ProbeStopped extends Error {}

/** The probe file's name: a dot file no archive, print vendor or target picks up (they take *.xml, *.pdf …). */
const probeFileName = () => `.postmottak-tilkoblingstest-${randomUUID()}.tmp`;

/** Runs one probe's chain: every step timed, the first failure described and the rest not tried. */
export async function runProbe(o: { timeoutMs: number; secrets: SecretStore }, chain: (run: ProbeRun) => Promise<void>): Promise<ProbeResult> {
  const steps: ProbeStep[] = [];
  const run: ProbeRun = {
    timeoutMs: o.timeoutMs,
    async step(name, target, fn, detail) {
      const t0 = performance.now();
      const ms = () => Math.round(performance.now() - t0);
      let value;
      let timer: ReturnType<typeof setTimeout> | undefined;
      // a backstop over the calls' own timeouts (a step may make a few calls): IT never waits forever
      const deadline = new Promise<never>((_, reject) => {
        timer = setTimeout(() => reject(Object.assign(new Error('tidsavbrudd'), { name: 'TimeoutError', waitedMs: o.timeoutMs * STEP_DEADLINE_FACTOR })), o.timeoutMs * STEP_DEADLINE_FACTOR);
      });
      try {
        value = await Promise.race([fn(), deadline]);
      } catch (e) {
        steps.push({ step: name, ok: false, detail: describeFailure(e, target, o.timeoutMs), ms: ms() });
        throw new ProbeStopped();
      } finally {
        clearTimeout(timer);
      }
      steps.push({ step: name, ok: true, detail: redactText(detail(value)), ms: ms() });
      return value;
    },
    secret(ref, what) {
      return run.step(
        `Hent ${what} fra hemmelighetslageret`,
        {},
        () => resolveSecret(o.secrets, ref, what),
        () => `«${ref.secret}» finnes (${o.secrets.kind})`,
      );
    },
    writableFolder(dir, what) {
      return run.step(
        `Skriv en prøvefil i ${what}`,
        { dir },
        async () => {
          if (!(await fs.stat(dir)).isDirectory()) throw Object.assign(new Error(`${dir} er ikke en mappe`), { code: 'ENOTDIR' });
          const file = path.join(dir, probeFileName());
          const h = await fs.open(file, 'wx');
          try {
            await h.writeFile('Postmottak tilkoblingstest\n');
            await h.sync();
          } finally {
            await h.close();
            await fs.rm(file, { force: true });
          }
        },
        () => `«${dir}» finnes og tar imot filer (prøvefil skrevet, synket og slettet)`,
      );
    },
    readableFolder(dir, what) {
      return run.step(
        `Les ${what}`,
        { dir },
        async () => (await fs.readdir(dir)).length,
        (n) => `«${dir}» kan leses (${n} ${n === 1 ? 'fil' : 'filer'})`,
      );
    },
  };
  try {
    await chain(run);
  } catch (e) {
    // a failure outside any step (a bug, a config the schema should have refused): still a result, not an exception
    if (!(e instanceof ProbeStopped)) steps.push({ step: 'Test av tilkoblingen', ok: false, detail: `Oppsettet kan ikke testes: ${describeFailure(e, {}, o.timeoutMs)}`, ms: 0 });
    return { ok: false, steps };
  }
  return { ok: steps.every((s) => s.ok), steps };
}
