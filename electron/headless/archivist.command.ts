import path from 'node:path';
import { InvalidArgumentError, type Command } from 'commander';
import { exportExitCode, exportSummary, fileOut, periodOf, progressLine, runExportNow, writeJournal } from '../app/admin/archivist-export';
import { openHub, type GlobalOptions } from './open-hub';

const print = (s: string): void => void process.stdout.write(s + '\n');
const progress = (line: string): void => void process.stderr.write(`${line}\n`);

/** A usage mistake the person can fix: the message on stderr, exit 2. */
function usage(message: string): number {
  process.stderr.write(`${message}\n`);
  return 2;
}

/**
 * The hub for an archivist's command: refused unless the user has the arkivar role (the contract's
 * rule for the Arkiv screen); the demo acts as its sample archivist.
 */
async function withArchivist(g: GlobalOptions, fn: (hub: Awaited<ReturnType<typeof openHub>>['hub'], account: string) => Promise<number>): Promise<number> {
  const { hub } = await openHub(g, { autoStart: false, connect: false });
  try {
    let user = hub.users.current();
    if (!user.roles.includes('arkivar')) {
      const archivist = hub.users.switchable().find((u) => u.roles.includes('arkivar'));
      if (archivist) user = hub.users.switchTo(archivist.account) ?? user;
    }
    if (!user.roles.includes('arkivar')) {
      process.stderr.write(`${user.account} har ikke rollen arkivar i Postmottak. Be IT om tilgang.\n`);
      return 2;
    }
    return await fn(hub, user.account);
  } finally {
    await hub.stop();
  }
}

/**
 * #16: `postmottak export noark5|noark4` and `postmottak journal`, on the data folder's store through
 * the same core service as the Arkiv screen: progress on stderr, a Norwegian summary on stdout, exit
 * 3 when the pre-check fails, 2 for a usage mistake.
 */
export function addArchivistCommands(program: Command, g: () => GlobalOptions, guarded: (fn: () => Promise<number | void>) => Promise<void>): void {
  program
    .command('export')
    .description('lag arkivuttrekk (Noark 5, med forhåndskontroll) eller deponering (Noark 4) for en arkivdel og en periode')
    .argument('<format>', 'noark5 | noark4', (v: string) => {
      if (v !== 'noark5' && v !== 'noark4') throw new InvalidArgumentError('må være noark5 eller noark4');
      return v;
    })
    .requiredOption('--arkivdel <navn>', 'arkivdelen saksmappene er arkivert i')
    .requiredOption('--from <dato>', 'første saksdato (ÅÅÅÅ-MM-DD)')
    .requiredOption('--to <dato>', 'siste saksdato (ÅÅÅÅ-MM-DD)')
    .option('--out <mappe>', 'mappen uttrekket skrives i (standard: eksportmappen, <datamappe>/exports)')
    .option('--tar', 'pakk uttrekket som .tar med METS info.xml (bare noark5)')
    .action((format: 'noark5' | 'noark4', o: { arkivdel: string; from: string; to: string; out?: string; tar?: boolean }) =>
      guarded(async () => {
        const period = periodOf(o);
        if (typeof period === 'string') return usage(period);
        if (o.tar && format !== 'noark5') return usage('--tar gjelder bare noark5.');
        const req = format === 'noark5' ? { kind: format, arkivdel: o.arkivdel, ...period, pack: !!o.tar } : { kind: format, arkivdel: o.arkivdel, ...period };
        return withArchivist(g(), async (hub, account) => {
          const r = await runExportNow(hub, req, { out: o.out, account, onProgress: (p) => progress(progressLine(p)) });
          for (const line of exportSummary(r)) print(line);
          return exportExitCode(r);
        });
      }),
    );

  program
    .command('journal')
    .description('løpende journal for en dag eller en periode (tabulatorseparert), eller offentlig journal (XML og PDF/A) med --public')
    .option('--date <dato>', 'én dag (ÅÅÅÅ-MM-DD)')
    .option('--from <dato>', 'første journaldato')
    .option('--to <dato>', 'siste journaldato')
    .option('--public', 'lag offentlig journal: skjermede navn og skjermede deler av titler er skjult')
    .option('--out <sti>', 'løpende journal: fil (standard: standard ut); offentlig journal: mappe (standard: eksportmappen)')
    .action((o: { date?: string; from?: string; to?: string; public?: boolean; out?: string }) =>
      guarded(async () => {
        const period = periodOf(o);
        if (typeof period === 'string') return usage(period);
        return withArchivist(g(), async (hub, account) => {
          if (o.public) {
            const r = await runExportNow(hub, { kind: 'public-journal', ...period }, { out: o.out, account, onProgress: (p) => progress(progressLine(p)) });
            for (const line of exportSummary(r)) print(line);
            return exportExitCode(r);
          }
          if (!o.out) {
            const n = await writeJournal(hub, period, process.stdout);
            process.stderr.write(`${n} journalposter ${period.from} – ${period.to}.\n`);
            return 0;
          }
          const f = fileOut(o.out);
          const n = await writeJournal(hub, period, f.stream).finally(() => f.end());
          print(`Løpende journal ${period.from} – ${period.to}: ${n} journalposter skrevet til ${path.resolve(o.out)}.`);
          return 0;
        });
      }),
    );

}
