import fs from 'node:fs';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { ConfigError, loadConfig } from '../app/config/load-config';
import { accessWarnings, configJsonSchema } from '../app/config/config.schema';
import { resolvePaths } from '../app/paths';
import { backupData, BackupInvalidError, BackupUnsupportedError, restoreData, StoreTooNewError } from '../app/admin/data-maintenance';
import { activeMappings, copyStores, migrateStore, parseStoreAddress, StoreCopyError, verifyStoreAudit } from '../app/admin/store-admin';
import { headlessSecrets } from '../app/secrets/headless-secrets';
import { simulateAltinn, simulateArchive, SIM_ARCHIVE_TRANSPORTS } from '../app/admin/simulate';
import { copyProfileTo, exportProfileFile, importProfileFile, listProfiles, profileRouteTargets } from '../app/admin/profiles-admin';
import { openHub, resolveHost, VERSION, type GlobalOptions } from './open-hub';
import { serve } from './serve.command';
import { statusLines } from '../app/admin/status-text';
import { addArchivistCommands } from './archivist.command';
import { addSchedulesCommand } from './schedules.command';

const int = (v: string) => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new InvalidArgumentError('må være et heltall');
  return n;
};

const print = (s: string): void => void process.stdout.write(s + '\n');

/** Errors people can act on get their message; anything else a short line and exit 1. */
async function guarded(fn: () => Promise<number | void>): Promise<void> {
  try {
    process.exitCode = (await fn()) ?? 0;
  } catch (e) {
    if (e instanceof ConfigError || e instanceof StoreTooNewError || e instanceof BackupInvalidError || e instanceof BackupUnsupportedError || e instanceof StoreCopyError) {
      process.stderr.write(`${e.message}\n`);
      process.exitCode = 2;
    } else {
      process.stderr.write(`Feil: ${(e as Error).message}\n`);
      process.exitCode = 1;
    }
  }
}

/**
 * The hub for a one-off command: its store and contract, without connecting to Altinn or
 * starting the demo's simulators (no secrets needed), stopped again afterwards.
 */
async function withHub<T>(g: GlobalOptions, fn: (hub: Awaited<ReturnType<typeof openHub>>['hub']) => Promise<T>): Promise<T> {
  const { hub } = await openHub(g, { autoStart: false, connect: false });
  try {
    return await fn(hub);
  } finally {
    await hub.stop();
  }
}

export function buildCli(): Command {
  const program = new Command('postmottak')
    .description('Postmottak: mottak fra Altinn, arkivering i sak/arkiv, saksbehandling og svar.')
    .version(VERSION)
    .option('--data <dir>', 'datamappe (standard: brukerens app-datamappe; miljøvariabel POSTMOTTAK_DATA)')
    .option('--config <file>', 'konfigurasjonsfil, JSON eller YAML (miljøvariabel POSTMOTTAK_CONFIG)')
    .option('--demo', 'kjør demoen med simulatorer og eksempelbrukere, i sin egen datamappe (aldri på ekte data)')
    .showHelpAfterError();
  const g = (): GlobalOptions => program.opts<GlobalOptions>();

  program
    .command('serve')
    .description('start Postmottak og brukergrensesnittet på 127.0.0.1, og skriv ut adressen')
    .option('--port <n>', 'port (0 = ledig port)', int)
    .option('--no-open', 'ikke åpne nettleseren')
    .option('--demo', 'kjør demoen (se over)')
    .action((o: { port?: number; open: boolean; demo?: boolean }) =>
      guarded(async () => {
        const s = await serve({ ...g(), demo: g().demo || o.demo, port: o.port, open: o.open });
        const stop = () => void s.close().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        await new Promise(() => undefined);
      }),
    );

  program
    .command('migrate')
    .description('oppgrader databasen til gjeldende skjemaversjon')
    .action(() =>
      guarded(async () => {
        const h = resolveHost(g());
        const r = await migrateStore(h.config.store, h.dataDir, headlessSecrets(h.config, h.dataDir));
        print(r.from === r.to ? `Databasen (${r.where}) er allerede på versjon ${r.to}.` : `Databasen (${r.where}) er oppgradert fra versjon ${r.from} til ${r.to}.`);
      }),
    );

  program
    .command('status')
    .description('vis status: database, jobber og tidsplaner')
    .option('--json', 'skriv ut som JSON')
    .action((o: { json?: boolean }) =>
      guarded(async () => {
        const { hub, config } = await openHub(g(), { autoStart: false, connect: false });
        try {
          const r = await hub.invoke('system.status', {});
          if (!r.ok) throw new Error(r.error.message);
          const s = r.value as import('../ipc').SystemStatus;
          if (o.json) return print(JSON.stringify(s, null, 2));
          // #13 item 1: the configured zone's date and times (Europe/Oslo), as the UI shows them
          for (const line of statusLines(s, config.timezone)) print(line);
        } finally {
          await hub.stop();
        }
      }),
    );

  program
    .command('backup')
    .description('ta en sikkerhetskopi av databasen mens den er i bruk')
    .option('--out <file>', 'målfil (standard: backups-mappen)')
    .action((o: { out?: string }) =>
      guarded(async () => {
        const h = resolveHost(g());
        const r = await backupData(h.dataDir, h.config, o.out);
        print(`Sikkerhetskopi skrevet: ${r.file} (${r.bytes} byte)`);
      }),
    );

  program
    .command('restore <file>')
    .description('gjenopprett databasen fra en sikkerhetskopi (Postmottak må være stoppet)')
    .action((file: string) =>
      guarded(async () => {
        const p = resolvePaths(g());
        // the configuration says which store is in use: restore replaces the SQLite file only
        const r = restoreData(p.dataDir, loadConfig(p.configFile).config, file);
        print(`Gjenopprettet fra ${path.resolve(file)}.${r.previous ? ` Forrige database er tatt vare på som ${r.previous}.` : ''}`);
      }),
    );

  const storeCmd = program.command('store').description('lageret (SQLite eller PostgreSQL)');
  storeCmd
    .command('copy')
    .description('kopier et lager over i et nytt, tomt lager og kontroller kopien (antall, sjekksummer, revisjonslogg)')
    .requiredOption('--from <adresse>', 'sqlite:<fil>')
    .requiredOption('--to <adresse>', 'postgres://bruker@vert/database (passord i PGPASSWORD)')
    .option('--schema <navn>', 'skjema i måldatabasen')
    .action((o: { from: string; to: string; schema?: string }) =>
      guarded(async () => {
        const r = await copyStores(parseStoreAddress(o.from), parseStoreAddress(o.to), {
          ...(o.schema ? { schema: o.schema } : {}),
          progress: (table, rows) => print(`  ${table}: ${rows}`),
        });
        const rows = r.tables.reduce((n, t) => n + t.rows, 0);
        print(`Kopiert og kontrollert: ${rows} rader i ${r.tables.length} tabeller, revisjonsloggen hel (${r.audit.checked} rader).`);
        print(`Fra ${r.from} til ${r.to}. Sett "store" i konfigurasjonen til PostgreSQL-lageret før Postmottak startes igjen.`);
      }),
    );

  const audit = program.command('audit').description('revisjonsloggen');
  audit
    .command('verify')
    .description('kontroller at ingen rad i revisjonsloggen er endret eller fjernet')
    .action(() =>
      guarded(async () => {
        const h = resolveHost(g());
        const r = await verifyStoreAudit(h.config.store, h.dataDir, headlessSecrets(h.config, h.dataDir));
        if (r.ok) {
          print(`Revisjonsloggen er hel: ${r.checked} rader kontrollert.`);
          return 0;
        }
        print(`Revisjonsloggen er BRUTT ved rad ${r.problem?.seq}: ${r.problem?.reason}.`);
        return 3;
      }),
    );

  const config = program.command('config').description('konfigurasjonsfilen');
  config
    .command('check [file]')
    .description('kontroller en konfigurasjonsfil og vis feil med nøkkelnavn')
    .action((file: string | undefined) =>
      guarded(async () => {
        const f = file ?? resolvePaths(g()).configFile;
        if (!f) {
          print('Ingen konfigurasjonsfil funnet. «postmottak serve» trenger en (--config FIL), eller --demo for demoen.');
          return 0;
        }
        const loaded = loadConfig(f);
        print(`${path.resolve(f)} er gyldig.`);
        for (const w of accessWarnings(loaded.config.access)) print(`Advarsel: ${w}`);
      }),
    );
  config
    .command('schema')
    .description('skriv JSON Schema for konfigurasjonsfilen')
    .option('--out <file>', 'skriv til fil i stedet for standard ut')
    .action((o: { out?: string }) =>
      guarded(async () => {
        const text = JSON.stringify(configJsonSchema(), null, 2) + '\n';
        if (o.out) fs.writeFileSync(o.out, text);
        else process.stdout.write(text);
      }),
    );

  const simulate = program.command('simulate').description('simulatorene Postmottak testes mot');
  simulate
    .command('altinn')
    .description('start Altinn-simulatoren (Maskinporten, Storage, Altinn 2 DownloadQueue) med genererte innsendinger')
    .option('--port <n>', 'port (0 = ledig port)', int)
    .option('--seed <n>', 'frø for de genererte innsendingene', int)
    .option('--count <n>', 'antall innsendinger', int)
    .action((o: { port?: number; seed?: number; count?: number }) =>
      guarded(async () => {
        const { dataDir } = resolvePaths(g());
        const r = await simulateAltinn({ dataDir, port: o.port, seed: o.seed, count: o.count });
        print(`Altinn-simulatoren kjører på ${r.demo.sim.url}`);
        print(`Altinn 2 DownloadQueue: ${r.demo.config.altinn2.url}`);
        print(`Konfigurasjon som peker hit: ${r.configFile}`);
        print(`Start Postmottak mot den: postmottak --data <mappe> --config ${r.configFile} serve`);
        const stop = () => void r.demo.close().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        await new Promise(() => undefined);
      }),
    );

  simulate
    .command('archive')
    .description('start en arkivsimulator (sak/arkiv) som validerer det den mottar mot det offisielle skjemaet')
    .option('--transport <t>', `${SIM_ARCHIVE_TRANSPORTS.join(' | ')}`, 'noark5-rest')
    .option('--dialect <d>', 'for arkivmelding: fiks-arkiv-v2 | eformidling', 'fiks-arkiv-v2')
    .option('--port <n>', 'port (0 = ledig port)', int)
    .action((o: { transport: string; dialect: string; port?: number }) =>
      guarded(async () => {
        const { dataDir } = resolvePaths(g());
        const r = await simulateArchive({ dataDir, transport: o.transport, dialect: o.dialect, port: o.port });
        print(`Arkivsimulatoren (${o.transport}) kjører: ${r.sim.url}`);
        print(`Konfigurasjon som peker hit: ${r.configFile}`);
        print(`Start Postmottak mot den: postmottak --data <mappe> --config ${r.configFile} serve`);
        const stop = () => void r.sim.close().then(() => process.exit(0));
        process.once('SIGINT', stop);
        process.once('SIGTERM', stop);
        // the drop-folder simulator has no server to keep the process alive
        setInterval(() => undefined, 60_000);
        await new Promise(() => undefined);
      }),
    );

  const profiles = program.command('profiles').description('tjenesteprofiler (én per Altinn-tjeneste)');
  profiles
    .command('list')
    .description('vis innebygde og kommunens egne profiler')
    .action(() =>
      guarded(async () => {
        const h = resolveHost(g());
        for (const p of listProfiles(h.config, h.dataDir)) {
          print(`${p.id}\tv${p.version}\t${p.origin === 'shipped' ? 'innebygd' : 'kommunens'}\t${p.name}${p.basedOn ? `\t(kopi av ${p.basedOn.id} v${p.basedOn.version})` : ''}`);
        }
      }),
    );
  profiles
    .command('export <id>')
    .description('skriv profilen med XSD som én fil, til deling med andre kommuner')
    .option('--out <file>', 'fil (standard: standard ut)')
    .action((id: string, o: { out?: string }) =>
      guarded(async () => {
        const h = resolveHost(g());
        const mappings = await activeMappings(h.config.store, h.dataDir, headlessSecrets(h.config, h.dataDir), id, profileRouteTargets(h.config, h.dataDir, id));
        const text = exportProfileFile(h.config, h.dataDir, id, mappings);
        if (o.out) fs.writeFileSync(o.out, text);
        else process.stdout.write(text);
      }),
    );
  profiles
    .command('import <file>')
    .description('kontroller og installer en eksportert profil i kommunens profilmappe')
    .action((file: string) =>
      guarded(async () => {
        const h = resolveHost(g());
        const r = importProfileFile(h.config, h.dataDir, file);
        print(`Profilen ${r.id} v${r.version} er installert i ${r.folder}.`);
      }),
    );
  profiles
    .command('copy <id> <newId>')
    .description('lag en ny profil fra en eksisterende')
    .option('--patch <file>', 'endringene som JSON Merge Patch (RFC 7396)')
    .action((id: string, newId: string, o: { patch?: string }) =>
      guarded(async () => {
        const h = resolveHost(g());
        const r = copyProfileTo(h.config, h.dataDir, id, newId, o.patch);
        print(`Ny profil i ${r.folder}. Endret: ${r.changed.join(', ') || 'ingenting'}.`);
      }),
    );

  // #16: the archivist's exports and journals, on the same core service as the Arkiv screen
  addArchivistCommands(program, g, guarded);
  // #14: every schedule with its Norwegian name and next run
  addSchedulesCommand(program, g, guarded, print);

  const jobs = program.command('jobs').description('den varige jobbkøen');
  jobs
    .command('list')
    .option('--status <status>', 'queued | running | done | dead')
    .action((o: { status?: string }) =>
      guarded(async () => {
        await withHub(g(), async (hub) => {
          const r = await hub.invoke('jobs.list', { status: o.status, limit: 100 });
          if (!r.ok) throw new Error(r.error.message);
          for (const j of r.value as import('../ipc').JobSummary[]) {
            print(`${j.id}\t${j.status}${j.abandoned ? ' (oppgitt)' : ''}\t${j.type}\t${j.attempts}/${j.maxAttempts}\t${j.lastError ?? ''}`);
          }
        });
      }),
    );
  for (const verb of ['retry', 'abandon'] as const) {
    jobs
      .command(`${verb} <id>`)
      .description(verb === 'retry' ? 'prøv en død jobb igjen' : 'gi opp en død jobb')
      .action((id: string) =>
        guarded(async () => {
          const r = await withHub(g(), (hub) => hub.invoke(`jobs.${verb}`, { id: Number(id) }));
          if (!r.ok) {
            process.stderr.write(r.error.message + '\n');
            return 1;
          }
          print(verb === 'retry' ? `Jobb ${id} er lagt i kø igjen.` : `Jobb ${id} er oppgitt.`);
        }),
      );
  }
  return program;
}

if (require.main === module) {
  void buildCli().parseAsync(process.argv);
}
