import { checkNode } from './node-guard';

// `npm start` (out/main/start.js): check the Node version before ./start loads the host.
if (checkNode('start')) {
  void import('./start')
    .then(({ main }) => main())
    .catch((e: unknown) => {
      process.stderr.write(`${(e as Error).message}\n`);
      process.exit(1);
    });
}
