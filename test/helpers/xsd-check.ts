import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { expect } from 'vitest';
import { validateXML } from 'xmllint-wasm';
import { findOnPath } from './system-tool';

/**
 * `xmllint --schema <xsd> --noout <files…>` as the tests' independent schema check.
 *
 * Always run with xmllint-wasm's own validateXML() (libxml2 as wasm, a fresh instance per call: not the
 * app's batching worker engine in integrations/shared/xml), so the check needs nothing from the system.
 * When the system's xmllint (libxml2-utils) is on PATH it runs as well, a second opinion from a native
 * libxml2 build. CI (.ci/run) installs it, so both are exercised there.
 */
export interface XmllintOpinion {
  tool: 'xmllint-wasm' | 'xmllint';
  /** xmllint's exit code: 0 all valid, 3 some invalid, 4/5 unreadable document or schema. */
  status: number;
  /** What xmllint wrote to stderr: "<file> validates" / "<file> fails to validate" and the errors. */
  stderr: string;
}

/** The schema's folder holds the files it imports or includes (schemaLocation by file name). */
function schemaFolder(xsdPath: string): { fileName: string; contents: string }[] {
  const dir = path.dirname(xsdPath);
  return fs
    .readdirSync(dir)
    .filter((f) => f.endsWith('.xsd') && f !== path.basename(xsdPath))
    .map((f) => ({ fileName: f, contents: fs.readFileSync(path.join(dir, f), 'utf8') }));
}

/** Every opinion on the files: xmllint-wasm first (always), then the system xmllint if present. */
export async function xmllintRuns(xsdPath: string, files: readonly string[]): Promise<XmllintOpinion[]> {
  const names = files.map((f) => path.basename(f));
  if (new Set(names).size !== names.length) throw new Error('xmllintRuns: file names must differ');
  let wasm: XmllintOpinion;
  try {
    const r = await validateXML({
      xml: files.map((f) => ({ fileName: path.basename(f), contents: fs.readFileSync(f, 'utf8') })),
      schema: [{ fileName: path.basename(xsdPath), contents: fs.readFileSync(xsdPath, 'utf8') }],
      preload: schemaFolder(xsdPath),
      initialMemoryPages: 256,
      maxMemoryPages: 512 * 16,
    });
    wasm = { tool: 'xmllint-wasm', status: r.valid ? 0 : 3, stderr: r.rawOutput };
  } catch (e) {
    const code = (e as { code?: unknown }).code;
    wasm = { tool: 'xmllint-wasm', status: typeof code === 'number' && code !== 0 ? code : 1, stderr: e instanceof Error ? e.message : String(e) };
  }
  const opinions = [wasm];
  const system = findOnPath('xmllint');
  if (system) {
    const r = spawnSync(system, ['--schema', xsdPath, '--noout', ...files], { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    opinions.push({ tool: 'xmllint', status: r.status ?? -1, stderr: r.stderr });
  }
  return opinions;
}

/**
 * Resolves when the file is valid against the schema, throws xmllint's words when not (decided by
 * xmllint-wasm). A system xmllint that disagrees fails the test as a soft assertion, so a
 * disagreement is seen even where the caller expects a throw.
 */
export async function xsdCheck(xsdPath: string, file: string): Promise<void> {
  const [wasm, system] = await xmllintRuns(xsdPath, [file]);
  if (system) expect.soft(system.status === 0, `the system xmllint agrees with xmllint-wasm on ${path.basename(file)}: ${system.stderr}`).toBe(wasm!.status === 0);
  if (wasm!.status !== 0) throw new Error(`${path.basename(file)} er ikke gyldig mot ${path.basename(xsdPath)}: ${wasm!.stderr}`);
}
