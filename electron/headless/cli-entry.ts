import { checkNode } from './node-guard';

// The package's bin (out/main/cli.js, with a #!/usr/bin/env node line added by the build): check the
// Node version before ./cli loads anything native (better-sqlite3), then run the CLI.
if (checkNode('cli')) {
  void import('./cli').then(({ buildCli }) => buildCli().parseAsync(process.argv));
}
