import { existsSync } from 'node:fs';
import path from 'node:path';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { ExtractionProgress, PreCheckReport } from '../../../../electron/core/ports/archive-extraction.port';
import type { PreCheckRunOptions } from './pre-check-run';
import type { PreCheckWorkerMessage } from './pre-check.worker';

/** Starts the pre-check's worker thread (pre-check.worker.ts) and relays its progress and report. */

/** What the worker needs: the options that can cross a thread. */
export interface PreCheckWorkerData {
  packageDir: string;
  deps: PreCheckRunOptions;
}

/**
 * The worker's file: beside this module when run from source (tsx, vitest), and
 * out/main/precheck-worker.js in the built app (an entry of electron.vite.config.ts).
 */
export function workerEntry(): { file: string; execArgv?: string[] } | null {
  if (__filename.endsWith('.ts')) return { file: path.join(__dirname, 'pre-check.worker.ts'), execArgv: ['--require', require.resolve('tsx/cjs')] };
  const built = path.join(__dirname, 'precheck-worker.js');
  return existsSync(built) ? { file: built } : null;
}

export function runInWorker(
  entry: { file: string; execArgv?: string[] },
  data: PreCheckWorkerData,
  resourceLimits: ResourceLimits,
  onProgress?: (p: ExtractionProgress) => void,
): Promise<PreCheckReport> {
  return new Promise((resolve, reject) => {
    let settled = false;
    const w = new Worker(entry.file, {
      workerData: data,
      ...(entry.execArgv ? { execArgv: entry.execArgv } : {}),
      resourceLimits,
    });
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      f();
      void w.terminate();
    };
    w.on('message', (m: PreCheckWorkerMessage) => {
      if (m.type === 'progress') onProgress?.(m.progress);
      else if (m.type === 'done') finish(() => resolve(m.report));
      else finish(() => reject(new Error(m.message)));
    });
    w.on('error', (e) => finish(() => reject(new Error(`Forhåndskontrollen stoppet: ${e.message}`))));
    w.on('exit', (code) => finish(() => reject(new Error(`Forhåndskontrollen stoppet (kode ${code}).`))));
  });
}

