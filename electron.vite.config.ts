import { resolve } from 'node:path';
import react from '@vitejs/plugin-react';
import { defineConfig } from 'electron-vite';

// One build for every host: out/main (Electron main + the headless CLI), out/preload, out/renderer.
export default defineConfig({
  main: {
    build: {
      outDir: 'out/main',
      rollupOptions: {
        input: {
          index: resolve(__dirname, 'electron/main/index.ts'),
          // cli and start check the Node version before the host (and better-sqlite3) loads: node-guard.ts
          cli: resolve(__dirname, 'electron/headless/cli-entry.ts'),
          start: resolve(__dirname, 'electron/headless/start-entry.ts'),
          // the archivist's pre-check runs in a worker thread of its own (bounded memory): worker-host.ts
          'precheck-worker': resolve(__dirname, 'integrations/noark/uttrekk/precheck/pre-check.worker.ts'),
        },
        output: {
          // the package's bin runs as a program: `npx postmottak`, an installed `postmottak`
          banner: (chunk) => (chunk.isEntry && chunk.name === 'cli' ? '#!/usr/bin/env node' : ''),
          // chunks beside the entries, so code that finds files from __dirname sees out/main either way
          chunkFileNames: '[name]-[hash].js',
        },
      },
    },
  },
  preload: {
    build: {
      outDir: 'out/preload',
      rollupOptions: { input: { index: resolve(__dirname, 'electron/preload/index.ts') } },
    },
  },
  renderer: {
    root: resolve(__dirname, 'renderer'),
    plugins: [react()],
    build: {
      outDir: resolve(__dirname, 'out/renderer'),
      rollupOptions: { input: { index: resolve(__dirname, 'renderer/index.html') } },
    },
  },
});
