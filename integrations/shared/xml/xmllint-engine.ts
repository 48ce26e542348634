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
  /** wasm memory of one run (libxml2's trees); a run that needs more aborts. */
  maxMemoryMiB: number;
  /** Error lines kept per file of a run (libxml2 can write one per attribute); default 20. The status lines are always kept. */
  maxLinesPerFile?: number;
  /** Worker engine: start a fresh worker after this many runs (wasm memory the worker's GC is slow to return cannot pile up). */
  recycleAfterRuns?: number;
  /**
   * Worker engine: the worker's young generation (V8 semi-spaces), default 2 MB. The worker only
   * hands strings to wasm; at V8's default (up to 32 MB a semi-space here) a long series of runs
   * kept more RSS (#16 pre-check of 10,000 entries: 270–285 MB peak against 300–330 MB).
   */
  workerYoungGenerationMb?: number;
}

export const docFileName = (i: number): string => `d${i}.xml`;
const SCHEMA_FILE = 'form.xsd';
const PAGES_PER_MIB = 16;

/** Bounds on what a run's stderr may hold, whatever the document provokes. */
const MAX_STDERR_CHARS = 256 * 1024;
const MAX_LINE_CHARS = 1000;
const DEFAULT_LINES_PER_FILE = 20;

/** Keeps the status line of each document and the first lines per file, each cut to MAX_LINE_CHARS. */
export function limitOutput(stderr: string, perFile = DEFAULT_LINES_PER_FILE): string {
  const counts = new Map<string, number>();
  let out = '';
  let dropped = 0;
  for (const line of stderr.split('\n')) {
    if (!line) continue;
    if (/^d\d+\.xml (?:validates|fails to validate)$/.test(line)) {
      out += line + '\n';
      continue;
    }
    const file = /^(d\d+\.xml|form\.xsd):/.exec(line)?.[1] ?? '';
    const n = counts.get(file) ?? 0;
    if (n >= perFile || out.length > MAX_STDERR_CHARS) {
      dropped++;
      continue;
    }
    counts.set(file, n + 1);
    out += (line.length > MAX_LINE_CHARS ? line.slice(0, MAX_LINE_CHARS) + '…' : line) + '\n';
  }
  return dropped ? `${out}(${dropped} linjer utelatt)\n` : out;
}

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
        return { exitCode: r.valid ? 0 : 3, stderr: limitOutput(r.rawOutput, opts.maxLinesPerFile) };
      } catch (e) {
        const code = (e as { code?: unknown }).code;
        return { exitCode: typeof code === 'number' ? code : -1, stderr: limitOutput(e instanceof Error ? e.message : String(e), opts.maxLinesPerFile) };
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
const STATUS = /^d\\d+\\.xml (?:validates|fails to validate)$/;
const FILE = /^(d\\d+\\.xml|form\\.xsd):/;
parentPort.on('message', (msg) => {
  if (!msg || msg.tag !== TAG) return;
  // bounded: the status line of each document, the first lines per file, each line cut short
  let stderr = '';
  let dropped = 0;
  const perFile = new Map();
  const keep = (t) => {
    if (STATUS.test(t)) { stderr += t + '\\n'; return; }
    const m = FILE.exec(t);
    const file = m ? m[1] : '';
    const n = perFile.get(file) || 0;
    if (n >= msg.linesPerFile || stderr.length > msg.maxChars) { dropped++; return; }
    perFile.set(file, n + 1);
    stderr += (t.length > msg.maxLine ? t.slice(0, msg.maxLine) + '…' : t) + '\\n';
  };
  let done = false;
  const reply = (exitCode, text) => {
    if (done) return;
    done = true;
    parentPort.postMessage({ tag: TAG, id: msg.id, exitCode, stderr: dropped ? text + '(' + dropped + ' linjer utelatt)\\n' : text });
  };
  try {
    factory({
      inputFiles: msg.inputFiles,
      arguments: msg.args,
      print() {},
      printErr(t) { keep(String(t)); },
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
      resourceLimits: { maxYoungGenerationSizeMb: opts.workerYoungGenerationMb ?? 2 },
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
          initialPages: Math.min(256, opts.maxMemoryMiB * PAGES_PER_MIB),
          maxPages: opts.maxMemoryMiB * PAGES_PER_MIB,
          linesPerFile: opts.maxLinesPerFile ?? DEFAULT_LINES_PER_FILE,
          maxChars: MAX_STDERR_CHARS,
          maxLine: MAX_LINE_CHARS,
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
