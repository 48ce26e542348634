import { parentPort, workerData } from 'node:worker_threads';
import type { ExtractionProgress, PreCheckReport } from '../../../../electron/core/ports/archive-extraction.port';
import { runPreCheckInProcess } from './pre-check-run';
import type { PreCheckWorkerData } from './worker-host';

/**
 * The pre-check's worker thread (#16): pre-check.ts starts it with a small young generation, so
 * the pass's fast allocation (saxes events, unit texts, hashing) cannot grow the heap of the
 * process that runs the export. Built as its own entry (out/main/precheck-worker.js).
 */

export type PreCheckWorkerMessage =
  | { type: 'progress'; progress: ExtractionProgress }
  | { type: 'done'; report: PreCheckReport }
  | { type: 'error'; message: string };

const post = (m: PreCheckWorkerMessage) => parentPort!.postMessage(m);
const data = workerData as PreCheckWorkerData;

runPreCheckInProcess(data.deps, data.packageDir, (progress) => post({ type: 'progress', progress })).then(
  (report) => post({ type: 'done', report }),
  (e: unknown) => post({ type: 'error', message: e instanceof Error ? e.message : String(e) }),
);
