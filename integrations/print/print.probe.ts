import type { ProbeRun } from '../../electron/core/ports/connection-probe.port';
import { errorForStatus, httpRequest } from '../shared/http';
import type { PrintConfig } from './print.config';
import { createSvarUtPrintChannel } from './svarut-print.channel';

/**
 * "Test tilkobling" for print (#17 item 1): the hot folder takes a probe file (written, fsynced,
 * deleted: the vendor only picks up finished orders), or SvarUt answers a lookup by an external
 * reference no letter carries, with the configured token and integration password.
 */

export const PROBE_REFERENCE = 'postmottak-tilkoblingstest';

export async function probePrint(run: ProbeRun, p: PrintConfig, now: () => number): Promise<void> {
  if (p.channel === 'hot-folder') {
    if (!p.hotFolder) throw new Error('Utskriftskanalen «hot-folder» mangler seksjonen «hotFolder».');
    await run.writableFolder(p.hotFolder.dir, 'trykkeriets mappe (hot folder)');
    return;
  }
  const s = p.svarut;
  if (!s) throw new Error('Utskriftskanalen «svarut» mangler seksjonen «svarut».');
  const token = await run.secret(s.token, `SvarUt-tokenet «${s.token.secret}»`);
  const password = await run.secret(s.integrasjonPassord, `integrasjonspassordet «${s.integrasjonPassord.secret}»`);
  const channel = createSvarUtPrintChannel({ url: s.url, kontoId: s.kontoId, integrasjonId: s.integrasjonId, integrasjonPassord: password, token: async () => token, timeoutMs: run.timeoutMs, now });
  const headers = { Authorization: `Bearer ${token}`, IntegrasjonId: s.integrasjonId, IntegrasjonPassord: password, Accept: 'application/json' };
  const creds = `integrasjon ${s.integrasjonId} / ${s.integrasjonPassord.secret}`;
  // the lookup below takes a 404 for "no such letter": a wrong address is caught here first
  const typesUrl = `${s.url.replace(/\/+$/, '')}/v2/forsendelsestyper`;
  await run.step(
    'Hent forsendelsestyper fra SvarUt',
    { url: typesUrl, credentials: creds },
    async () => {
      const res = await httpRequest(typesUrl, { headers }, 'SvarUt forsendelsestyper', { integration: 'print', timeoutMs: run.timeoutMs });
      await res.body?.cancel();
      const e = errorForStatus(res, 'SvarUt forsendelsestyper', 'print');
      if (e) throw e;
    },
    () => 'SvarUt svarte',
  );
  await run.step(
    'Slå opp en forsendelse i SvarUt (eksternRef)',
    { url: s.url, credentials: creds },
    () => channel.lookup(PROBE_REFERENCE),
    (ids) => `SvarUt svarte på oppslaget for kontoen (${ids.length} treff på en referanse ingen forsendelse har)`,
  );
}
