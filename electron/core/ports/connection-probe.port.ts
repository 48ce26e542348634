/**
 * "Test tilkobling" (#17 item 1): one real call chain against an integration (token fetch, a
 * harmless list or lookup), reported step by step so IT sees where it stops.
 */
export interface ProbeStep {
  /** What was tried, in Norwegian ("Hent token fra Maskinporten", "List arkivdeler"). */
  step: string;
  ok: boolean;
  /** What happened: the answer's gist or the error in words (no secrets, no fødselsnummer). */
  detail: string;
  ms: number;
}

export interface ProbeResult {
  ok: boolean;
  steps: ProbeStep[];
  /** Set when nothing was called: the integration is not in the config, or switched off. */
  notRun?: 'not-configured' | 'disabled';
}

/** The configurable integrations as IT sees them: one card each (internal targets as `internal:<id>`). */
export type IntegrationKey = 'altinn' | 'altinn2' | 'archive' | 'correspondence' | 'registers' | 'print' | `internal:${string}`;

/** Where a step talks to and what it logs in with, so a failure can name them (never a secret's value). */
export interface ProbeTarget {
  /** The address called: a failure names its host:port. */
  url?: string;
  /** The config field or secret whose credentials are used («archive-password», «klient-id postmottak»). */
  credentials?: string;
  /** The folder a file step works in. */
  dir?: string;
}

/**
 * The runner the per-system probes are handed: each step is really performed and timed; the
 * first failure is recorded in words and stops the chain (the runner throws past the rest).
 */
export interface ProbeRun {
  /** Per-request timeout the probe's calls use (ms). */
  readonly timeoutMs: number;
  step<T>(name: string, target: ProbeTarget, fn: () => Promise<T>, detail: (value: T) => string): Promise<T>;
  /** Step «Hent <what> fra hemmelighetslageret»: the value behind the reference, or the missing-secret failure. */
  secret(ref: { secret: string }, what: string): Promise<string>;
  /** Step: the folder exists and takes a file (a probe file written, fsynced and deleted). */
  writableFolder(dir: string, what: string): Promise<void>;
  /** Step: the folder exists and can be listed; the number of entries. */
  readableFolder(dir: string, what: string): Promise<number>;
}
