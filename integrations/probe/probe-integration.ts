import type { IntegrationKey, ProbeResult, ProbeRun } from '../../electron/core/ports/connection-probe.port';
import type { SecretStore } from '../../electron/core/ports/secret-store.port';
import { runProbe } from './probe-runner';

export interface ProbeDeps {
  secrets: SecretStore;
  resourcesDir: string;
  now?: () => number;
  timeZone?: string;
  /** Per-request timeout of the probe's calls; default 10 s (IT waits for the answer). */
  timeoutMs?: number;
}

export const PROBE_TIMEOUT_MS = 10_000;

/** One section of the config as the probe reads it: parsed (defaults applied), possibly not saved yet. */
type Section = { enabled?: boolean } & Record<string, unknown>;

/** What a system's probe gets besides the runner and its section. */
export interface SystemProbeContext {
  resourcesDir: string;
  timeZone?: string;
  now: () => number;
  /** The whole integrations section (correspondence falls back on integrations.altinn). */
  integrations: Record<string, unknown>;
}

/**
 * The per-system probes (each in its system's folder, wired by integrations/probes.ts: an
 * integration folder may not import another, so this one gets them handed in).
 */
export interface SystemProbes {
  altinn(run: ProbeRun, section: never, c: SystemProbeContext): Promise<void>;
  altinn2(run: ProbeRun, section: never, c: SystemProbeContext): Promise<void>;
  archive(run: ProbeRun, section: never, c: SystemProbeContext): Promise<void>;
  correspondence(run: ProbeRun, section: never, c: SystemProbeContext): Promise<void>;
  registers(run: ProbeRun, section: never, c: SystemProbeContext): Promise<void>;
  print(run: ProbeRun, section: never, c: SystemProbeContext): Promise<void>;
  internal(run: ProbeRun, target: { id: string; section: never }, c: SystemProbeContext): Promise<void>;
}

const NAMES: Record<Exclude<IntegrationKey, `internal:${string}`>, string> = {
  altinn: 'Altinn 3',
  altinn2: 'Altinn 2 (nedlastingskø)',
  archive: 'Sak/arkiv',
  correspondence: 'Svar gjennom Altinn',
  registers: 'Folkeregisteret og KRR',
  print: 'Utskrift',
};

function notRun(why: 'not-configured' | 'disabled', name: string, where: string): ProbeResult {
  const detail = why === 'not-configured' ? `${name} er ikke satt opp (${where} mangler i oppsettet) – ingenting å teste` : `${name} er slått av (${where}.enabled er false) – slå den på for å teste`;
  return { ok: false, notRun: why, steps: [{ step: 'Oppsett', ok: false, detail, ms: 0 }] };
}

/**
 * "Test tilkobling" (#17 item 1): really calls the integration named by `key` as `integrations`
 * (the config's parsed `integrations` section, possibly unsaved) describes it, with adapters and
 * token clients built here for this one test (never the running hub's). Each step is timed; the
 * first failure stops the chain and says in Norwegian what to fix. Never throws.
 */
export function createProbeIntegration(systems: SystemProbes) {
  return async function probeIntegration(key: IntegrationKey, integrations: Record<string, unknown>, deps: ProbeDeps): Promise<ProbeResult> {
    const c: SystemProbeContext = { resourcesDir: deps.resourcesDir, timeZone: deps.timeZone, now: deps.now ?? Date.now, integrations };
    const run = (chain: (r: ProbeRun) => Promise<void>) => runProbe({ timeoutMs: deps.timeoutMs ?? PROBE_TIMEOUT_MS, secrets: deps.secrets }, chain);
    if (key.startsWith('internal:')) {
      const id = key.slice('internal:'.length);
      const target = ((integrations.internal as { targets?: Record<string, Section> } | undefined)?.targets ?? {})[id];
      const name = typeof target?.name === 'string' ? `«${target.name}»` : `Fagsystemet «${id}»`;
      if (!target) return notRun('not-configured', `Fagsystemet «${id}»`, `integrations.internal.targets.${id}`);
      if (target.enabled === false) return notRun('disabled', name, `integrations.internal.targets.${id}`);
      return run((r) => systems.internal(r, { id, section: target as never }, c));
    }
    const k = key as keyof typeof NAMES;
    if (!(k in NAMES)) return { ok: false, steps: [{ step: 'Oppsett', ok: false, detail: `Ukjent integrasjon «${key}»`, ms: 0 }] };
    const section = integrations[k] as Section | undefined;
    if (!section) return notRun('not-configured', NAMES[k], `integrations.${k}`);
    if (section.enabled === false) return notRun('disabled', NAMES[k], `integrations.${k}`);
    return run((r) => systems[k](r, section as never, c));
  };
}

export type ProbeIntegration = ReturnType<typeof createProbeIntegration>;
