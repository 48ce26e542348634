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
}

/** The configurable integrations as IT sees them: one card each (internal targets as `internal:<id>`). */
export type IntegrationKey = 'altinn' | 'altinn2' | 'archive' | 'correspondence' | 'registers' | 'print' | `internal:${string}`;
