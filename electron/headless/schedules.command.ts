import type { Command } from 'commander';
import { SCHEDULE_NAMES_NB, scheduleLines } from '../app/admin/schedule-text';
import type { SystemStatus } from '../ipc';
import { openHub, type GlobalOptions } from './open-hub';

type Guarded = (fn: () => Promise<number | void>) => Promise<void>;

/**
 * `postmottak schedules`: every schedule the hub runs, also those of the integrations (Altinn,
 * replies), so the hub is made with its integrations connected but not started. When they cannot
 * be connected (a secret is missing), the housekeeping schedules are listed and the reason said.
 */
export function addSchedulesCommand(program: Command, g: () => GlobalOptions, guarded: Guarded, print: (s: string) => void): void {
  program
    .command('schedules')
    .description('vis alle tidsplaner med navn og neste kjøring')
    .option('--json', 'skriv ut som JSON')
    .action((o: { json?: boolean }) =>
      guarded(async () => {
        let opened: Awaited<ReturnType<typeof openHub>>;
        let note: string | null = null;
        try {
          opened = await openHub(g(), { autoStart: false });
        } catch (e) {
          note = `Integrasjonene kunne ikke kobles til (${(e as Error).message}); bare tidsplanene som ikke trenger dem er med.`;
          opened = await openHub(g(), { autoStart: false, connect: false });
        }
        const { hub, config } = opened;
        try {
          const r = await hub.invoke('system.status', {});
          if (!r.ok) throw new Error(r.error.message);
          const schedules = (r.value as SystemStatus).schedules;
          if (o.json) return print(JSON.stringify(schedules.map((s) => ({ ...s, label: SCHEDULE_NAMES_NB[s.name] ?? s.name })), null, 2));
          print(`Tidsplaner (${config.timezone}):`);
          for (const line of scheduleLines(schedules, config.timezone)) print(`  ${line}`);
          if (note) print(note);
        } finally {
          await hub.stop();
        }
      }),
    );
}
