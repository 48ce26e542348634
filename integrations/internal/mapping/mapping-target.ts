import fs from 'node:fs';
import path from 'node:path';
import type { MappingTarget } from '../../../electron/core/ports/payload-mapper.port';
import type { InternalTargetConfig } from '../internal.config';

/**
 * What a target's mapping must produce: REST and SOAP take JSON (the SOAP client builds the XML
 * from it), a file drop its configured format; the schema file, relative to resources/, read once.
 */

const MAX_SCHEMA_BYTES = 5 * 1024 * 1024;
const schemaTexts = new Map<string, string>();

function readSchema(resourcesDir: string, rel: string): string {
  const file = path.resolve(resourcesDir, rel);
  const hit = schemaTexts.get(file);
  if (hit !== undefined) return hit;
  let text: string;
  try {
    if (fs.statSync(file).size > MAX_SCHEMA_BYTES) throw new Error(`større enn ${MAX_SCHEMA_BYTES / 1024 / 1024} MB`);
    text = fs.readFileSync(file, 'utf8');
  } catch (e) {
    throw new Error(`Skjemaet «${rel}» for målsystemet kan ikke leses: ${(e as Error).message}`, { cause: e });
  }
  schemaTexts.set(file, text);
  return text;
}

export function mappingTargetOf(t: InternalTargetConfig, resourcesDir: string): MappingTarget {
  const format = t.transport === 'file' && t.file ? t.file.format : 'json';
  const schema = t.schema ? { kind: t.schema.endsWith('.xsd') ? ('xsd' as const) : ('json-schema' as const), text: readSchema(resourcesDir, t.schema) } : null;
  const csv = format === 'csv' && t.file?.csv ? { ...(t.file.csv.columns ? { columns: [...t.file.csv.columns] } : {}), delimiter: t.file.csv.delimiter } : undefined;
  return { format, schema, ...(csv ? { csv } : {}) };
}
