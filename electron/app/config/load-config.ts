import fs from 'node:fs';
import path from 'node:path';
import YAML from 'yaml';
import { z } from 'zod';
import { configSchema, type AppConfig } from './config.schema';

export class ConfigError extends Error {
  override readonly name = 'ConfigError';
  constructor(
    message: string,
    readonly problems: { key: string; message: string }[] = [],
  ) {
    super(message);
  }
}

const norwegian = z.locales.no().localeError;

const MAX_CONFIG_BYTES = 1024 * 1024;

const keyOf = (p: readonly PropertyKey[]): string => (p.length === 0 ? '(rot)' : p.map(String).join('.'));

export function formatIssues(issues: readonly z.core.$ZodIssue[]): { key: string; message: string }[] {
  return issues.map((i) => {
    if (i.code === 'unrecognized_keys') {
      return { key: keyOf([...i.path, ...i.keys.slice(0, 1)]), message: `ukjent nøkkel: ${i.keys.join(', ')}` };
    }
    return { key: keyOf(i.path), message: i.message };
  });
}

/** Validates an already parsed object; the error names every bad key. */
export function parseConfig(raw: unknown, source = 'konfigurasjonen'): AppConfig {
  // Norwegian messages for IT staff, without changing zod's global configuration
  const r = configSchema.safeParse(raw, { error: norwegian });
  if (r.success) return r.data;
  const problems = formatIssues(r.error.issues);
  throw new ConfigError(`Feil i ${source}:\n${problems.map((p) => `  ${p.key}: ${p.message}`).join('\n')}`, problems);
}

export interface LoadedConfig {
  config: AppConfig;
  /** No configuration file: the app runs on its built-in demo. */
  demo: boolean;
  file: string | null;
}

/** Reads JSON or YAML (by extension). With no file the built-in demo configuration is used. */
export function loadConfig(file: string | undefined): LoadedConfig {
  if (!file) return { config: parseConfig({ version: 1 }), demo: true, file: null };
  const abs = path.resolve(file);
  let text: string;
  try {
    const st = fs.statSync(abs);
    if (st.size > MAX_CONFIG_BYTES) throw new ConfigError(`Konfigurasjonsfilen ${abs} er større enn 1 MB.`);
    text = fs.readFileSync(abs, 'utf8');
  } catch (e) {
    if (e instanceof ConfigError) throw e;
    throw new ConfigError(`Finner ikke konfigurasjonsfilen ${abs}.`);
  }
  let raw: unknown;
  try {
    raw = /\.ya?ml$/i.test(abs) ? YAML.parse(text, { maxAliasCount: 50 }) : JSON.parse(text);
  } catch (e) {
    throw new ConfigError(`Konfigurasjonsfilen ${abs} kan ikke leses: ${(e as Error).message}`);
  }
  return { config: parseConfig(raw, abs), demo: false, file: abs };
}
