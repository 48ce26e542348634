import { Worker } from 'node:worker_threads';
import { validateXML } from 'xmllint-wasm';

/**
 * Runs xmllint (libxml2 compiled to wasm) on one schema and N documents:
 * `xmllint --schema form.xsd --noout d0.xml d1.xml …`, and returns its exit code and stderr.
 *
 * Two engines:
 *  - 'worker' (default): one long-lived worker thread holding the compiled wasm module, a fresh
 *    wasm instance per run. It drives the Emscripten factory that xmllint-wasm's own worker
 *    uses (xmllint-node.js), with the standard `instantiateWasm` hook. ~3–5 ms per run.
 *  - 'library': xmllint-wasm's public validateXML(), which starts a worker and compiles the
 *    wasm on every call: ~85–100 ms per run. Kept as the fallback if the factory changes.
 */

export interface XmllintRun {
  exitCode: number;
  stderr: string;
}

/** A file the main schema imports or includes, by the name its schemaLocation uses. */
export interface SchemaFile {
  fileName: string;
  contents: string;
}

export interface XmllintEngine {
  /** Validates docs against xsd (written as form.xsd); imports resolve to `schemaFiles` by file name. */
  run(xsd: string, docs: readonly string[], schemaFiles?: readonly SchemaFile[]): Promise<XmllintRun>;
  close(): Promise<void>;
}

export interface EngineOptions {
  timeoutMs: number;
  maxMemoryMiB: number;
  /** Worker engine: start a fresh worker after this many runs (wasm memory the worker's GC is slow to return cannot pile up). */
  recycleAfterRuns?: number;
}

export const docFileName = (i: number): string => `d${i}.xml`;
const SCHEMA_FILE = 'form.xsd';
const PAGES_PER_MIB = 16;

const args = (n: number): string[] => ['--schema', SCHEMA_FILE, '--noout', ...Array.from({ length: n }, (_, i) => docFileName(i))];

export function createLibraryEngine(opts: EngineOptions): XmllintEngine {
  return {
    async run(xsd, docs, schemaFiles = []) {
      try {
        const r = await validateXML({
          xml: docs.map((contents, i) => ({ fileName: docFileName(i), contents })),
          schema: [{ fileName: SCHEMA_FILE, contents: xsd }],
          preload: schemaFiles,
          initialMemoryPages: 256,
          maxMemoryPages: opts.maxMemoryMiB * PAGES_PER_MIB,
        });
        return { exitCode: r.valid ? 0 : 3, stderr: r.rawOutput };
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        return { exitCode: typeof code === 'number' ? code : -1, stderr: e instanceof Error ? e.message : String(e) };
      }
    },
    async close() {},
  };
}

// Plain JS: runs as an eval'd worker so it survives bundling (no separate file to locate).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const fs = require('node:fs');
const factory = require(workerData.factoryPath);
const wasmModule = new WebAssembly.Module(fs.readFileSync(workerData.wasmPath));
const TAG = 'postmottak-xmllint';
parentPort.on('message', (msg) => {
  if (!msg || msg.tag !== TAG) return;
  let stderr = '';
  let done = false;
  const reply = (exitCode, text) => {
    if (done) return;
    done = true;
    parentPort.postMessage({ tag: TAG, id: msg.id, exitCode, stderr: text });
  };
  try {
    factory({
      inputFiles: msg.inputFiles,
      arguments: msg.args,
      print() {},
      printErr(t) { stderr += t + '\\n'; },
      onExit(code) { reply(code, stderr); },
      onAbort(reason) { reply(-1, stderr + 'WASM abort: ' + reason); },
      wasmMemory: new WebAssembly.Memory({ initial: msg.initialPages, maximum: msg.maxPages }),
      instantiateWasm(imports, receive) {
        WebAssembly.instantiate(wasmModule, imports).then((instance) => receive(instance), (e) => reply(-1, String(e)));
        return {};
      },
    }).catch((e) => reply(-1, stderr + String(e && e.message || e)));
  } catch (e) {
    reply(-1, stderr + String(e && e.message || e));
  }
});
`;

interface Pending {
  worker: Worker;
  resolve: (r: XmllintRun) => void;
  reject: (e: Error) => void;
  timer: ReturnType<typeof setTimeout>;
}

export function createWorkerEngine(opts: EngineOptions): XmllintEngine {
  const recycleAfter = opts.recycleAfterRuns ?? 5_000;
  let worker: Worker | null = null;
  let runs = 0;
  let nextId = 1;
  const pending = new Map<number, Pending>();

  /** Fails the runs of one worker (or all): a recycled or stuck worker must not take a new one's runs with it. */
  const fail = (e: Error, only?: Worker) => {
    for (const [id, p] of pending) {
      if (only && p.worker !== only) continue;
      pending.delete(id);
      clearTimeout(p.timer);
      p.reject(e);
    }
  };
  const busy = (w: Worker) => [...pending.values()].some((p) => p.worker === w);

  const start = (): Worker => {
    const w = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { factoryPath: require.resolve('xmllint-wasm/xmllint-node.js'), wasmPath: require.resolve('xmllint-wasm/xmllint.wasm') },
    });
    w.on('message', (m: { tag?: string; id: number; exitCode: number; stderr: string }) => {
      if (m?.tag !== 'postmottak-xmllint') return;
      const p = pending.get(m.id);
      if (!p) return;
      pending.delete(m.id);
      clearTimeout(p.timer);
      if (!busy(w)) {
        w.unref();
        if (runs >= recycleAfter && worker === w) {
          worker = null;
          void w.terminate();
        }
      }
      p.resolve({ exitCode: m.exitCode, stderr: m.stderr });
    });
    w.on('error', (e) => {
      if (worker === w) worker = null;
      fail(new Error(`xmllint-arbeidstråden feilet: ${e.message}`), w);
    });
    w.on('exit', () => {
      if (worker === w) worker = null;
      fail(new Error('xmllint-arbeidstråden avsluttet'), w);
    });
    w.unref();
    return w;
  };

  return {
    run(xsd, docs, schemaFiles = []) {
      if (!worker) {
        worker = start();
        runs = 0;
      }
      runs++;
      const w = worker;
      const id = nextId++;
      return new Promise<XmllintRun>((resolve, reject) => {
        const timer = setTimeout(() => {
          pending.delete(id);
          // a run that does not finish means a stuck instance: start afresh next time
          if (worker === w) worker = null;
          void w.terminate();
          reject(new Error(`XSD-validering tok mer enn ${opts.timeoutMs} ms`));
        }, opts.timeoutMs);
        pending.set(id, { worker: w, resolve, reject, timer });
        w.ref();
        w.postMessage({
          tag: 'postmottak-xmllint',
          id,
          inputFiles: [{ fileName: SCHEMA_FILE, contents: xsd }, ...schemaFiles, ...docs.map((contents, i) => ({ fileName: docFileName(i), contents }))],
          args: args(docs.length),
          initialPages: 256,
          maxPages: opts.maxMemoryMiB * PAGES_PER_MIB,
        });
      });
    },
    async close() {
      const w = worker;
      worker = null;
      fail(new Error('XSD-validatoren er lukket'));
      if (w) await w.terminate();
    },
  };
}
