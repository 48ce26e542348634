import { createLibraryEngine, createWorkerEngine, type SchemaFile, type XmllintEngine, type XmllintRun } from './xmllint-engine';

export type { SchemaFile } from './xmllint-engine';

/**
 * XSD validation with xmllint-wasm (libxml2), so users need no native libxml2.
 *
 * xmllint parses the schema on every run and the library offers no compiled-schema handle,
 * so what is cached is the compiled wasm (one worker), and documents waiting for the same
 * schema are validated together in one run: while a run is busy, new documents queue, and
 * the next run takes them all (up to maxBatch / maxBatchBytes). Callers that validate many
 * forms concurrently therefore pay the schema parse once per batch.
 */

export interface XsdError {
  /** Line in the document, when xmllint gives one. */
  line: number | null;
  /** xmllint's own message, e.g. "Element '{urn:…}Aarsak': This element is not expected. Expected is ( … )." */
  message: string;
}

export type XsdValidation = { valid: true } | { valid: false; kind: 'invalid' | 'unparsable' | 'too-large'; errors: XsdError[] };

/** A main schema with the files it imports (official schemas come as sets, e.g. arkivmelding.xsd + metadatakatalog.xsd). */
export interface SchemaSet {
  main: string;
  files: readonly SchemaFile[];
}

export interface XsdValidator {
  validate(xml: string, xsd: string | SchemaSet): Promise<XsdValidation>;
  close(): Promise<void>;
}

export interface XsdValidatorOptions {
  /** An engine object: tests drive the batching with a scripted one. */
  engine?: 'worker' | 'library' | XmllintEngine;
  maxBatch?: number;
  maxBatchBytes?: number;
  /** Per run: a batch, or one document run alone after its batch failed. */
  timeoutMs?: number;
  /** wasm memory per run; default 512 MiB. */
  maxMemoryMiB?: number;
  recycleAfterRuns?: number;
  /** Error lines kept per document; default 20. */
  maxLinesPerFile?: number;
}

/** The schema itself cannot be compiled: a profile problem, not a form problem. */
export class XsdSchemaError extends Error {
  override readonly name = 'XsdSchemaError';
}

interface Job {
  xml: string;
  resolve: (v: XsdValidation) => void;
  reject: (e: Error) => void;
}

const SCHEMA_COMPILE_FAILED = 5;
/** xmllint's exit code when libxml2 ran out of (wasm) memory, and what libxml2 and Emscripten say then. */
const XMLLINT_ERR_MEM = 9;
const OUT_OF_MEMORY = /out of memory|Cannot enlarge memory/i;

/** Splits xmllint's stderr by document: status and errors per dN.xml. */
export function parseRunOutput(stderr: string, count: number): { status: 'valid' | 'invalid' | 'unparsable' | 'unknown'; errors: XsdError[] }[] {
  const out = Array.from({ length: count }, () => ({ status: 'unknown' as 'valid' | 'invalid' | 'unparsable' | 'unknown', errors: [] as XsdError[] }));
  for (const line of stderr.split('\n')) {
    const m = /^d(\d+)\.xml(?::(\d+):\s*(.*)|\s+(validates|fails to validate))$/.exec(line);
    const doc = m ? out[Number(m[1])] : undefined;
    if (!m || !doc) continue;
    if (m[4] === 'validates') doc.status = 'valid';
    else if (m[4]) doc.status = 'invalid';
    else {
      const text = m[3] ?? '';
      const message = text.replace(/^.*?(?:Schemas validity error|parser error|validity error)\s*:\s*/, '');
      if (/parser error/.test(text) && doc.status === 'unknown') doc.status = 'unparsable';
      doc.errors.push({ line: Number(m[2]), message });
    }
  }
  return out;
}

export function createXsdValidator(options: XsdValidatorOptions = {}): XsdValidator {
  const maxBatch = options.maxBatch ?? 200;
  const maxBatchBytes = options.maxBatchBytes ?? 8 * 1024 * 1024;
  const maxMemoryMiB = options.maxMemoryMiB ?? 512;
  const engineOpts = { timeoutMs: options.timeoutMs ?? 30_000, maxMemoryMiB, recycleAfterRuns: options.recycleAfterRuns, maxLinesPerFile: options.maxLinesPerFile };
  const engine: XmllintEngine =
    typeof options.engine === 'object' ? options.engine : options.engine === 'library' ? createLibraryEngine(engineOpts) : createWorkerEngine(engineOpts);

  const queues = new Map<string, Job[]>();
  // imports per main schema text: the queue key stays the main schema, so batching is unchanged
  const imports = new Map<string, readonly SchemaFile[]>();
  let running = false;
  let scheduled = false;
  let closed = false;

  const settle = (jobs: Job[], run: XmllintRun): Job[] => {
    const results = parseRunOutput(run.stderr, jobs.length);
    const retry: Job[] = [];
    jobs.forEach((job, i) => {
      const r = results[i]!;
      if (r.status === 'valid') job.resolve({ valid: true });
      else if (r.status === 'invalid' || r.status === 'unparsable') job.resolve({ valid: false, kind: r.status, errors: r.errors });
      else if (jobs.length > 1) retry.push(job);
      else if (run.exitCode === 0) job.resolve({ valid: true });
      else if (run.exitCode === XMLLINT_ERR_MEM || (run.exitCode < 0 && OUT_OF_MEMORY.test(run.stderr))) {
        job.resolve({ valid: false, kind: 'too-large', errors: [{ line: null, message: `XSD-valideringen av skjemaet trengte mer enn ${maxMemoryMiB} MiB minne.` }] });
      }
      else job.reject(new Error(`xmllint avsluttet med kode ${run.exitCode}: ${run.stderr.slice(0, 500)}`));
    });
    return retry;
  };

  const runBatch = async (xsd: string, jobs: Job[]): Promise<void> => {
    let run: XmllintRun;
    try {
      run = await engine.run(xsd, jobs.map((j) => j.xml), imports.get(xsd));
    } catch (e) {
      // the batch as a whole failed (timeout, worker lost): each document alone, with its own limits
      if (jobs.length > 1 && !closed) {
        for (const job of jobs) await runBatch(xsd, [job]);
        return;
      }
      const err = e instanceof Error ? e : new Error(String(e));
      jobs.forEach((j) => j.reject(err));
      return;
    }
    if (run.exitCode === SCHEMA_COMPILE_FAILED) {
      const why = run.stderr.split('\n').filter((l) => l.startsWith('form.xsd')).join('; ') || run.stderr;
      const err = new XsdSchemaError(`XSD-en kan ikke kompileres: ${why}`);
      jobs.forEach((j) => j.reject(err));
      return;
    }
    // a document xmllint could not account for (crash, abort) is retried alone so it cannot sink the others
    for (const job of settle(jobs, run)) await runBatch(xsd, [job]);
  };

  const pump = async (): Promise<void> => {
    scheduled = false;
    if (running) return;
    running = true;
    try {
      for (;;) {
        const next = [...queues.entries()].find(([, q]) => q.length > 0);
        if (!next) break;
        const [xsd, queue] = next;
        let bytes = 0;
        let n = 0;
        while (n < queue.length && n < maxBatch && (n === 0 || bytes + queue[n]!.xml.length <= maxBatchBytes)) bytes += queue[n++]!.xml.length;
        const batch = queue.splice(0, n);
        if (queue.length === 0) queues.delete(xsd);
        await runBatch(xsd, batch);
      }
    } finally {
      running = false;
    }
  };

  return {
    validate(xml, schema) {
      if (closed) return Promise.reject(new Error('XSD-validatoren er lukket'));
      const xsd = typeof schema === 'string' ? schema : schema.main;
      if (typeof schema !== 'string') imports.set(xsd, schema.files);
      return new Promise<XsdValidation>((resolve, reject) => {
        const q = queues.get(xsd) ?? [];
        q.push({ xml, resolve, reject });
        queues.set(xsd, q);
        // a microtask lets a synchronous burst of calls join the same run
        if (!scheduled && !running) {
          scheduled = true;
          queueMicrotask(() => void pump());
        }
      });
    },
    async close() {
      closed = true;
      for (const q of queues.values()) q.forEach((j) => j.reject(new Error('XSD-validatoren er lukket')));
      queues.clear();
      await engine.close();
    },
  };
}
