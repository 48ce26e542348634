import jsonata from 'jsonata';
import type { MappingProblem, MappingTarget, PayloadMapper } from '../../../electron/core/ports/payload-mapper.port';
import type { XsdValidator } from '../../shared/xml/xsd-validator';
import { toCsv } from './csv-payload.serialiser';
import { createPayloadSchemaValidator } from './payload-schema.validator';
import { toXml } from './xml-payload.serialiser';

/**
 * A mapping (JSONata) run over the hand-over document: compiled once per text (a bounded cache),
 * evaluated with jsonata's own guard rails (time, depth, sequence length) so a runaway expression
 * stops after about a second instead of holding the hub, cleaned to plain JSON, serialised to the
 * target's format and checked against its schema. Problems are data, in Norwegian, and carry
 * positions and paths, never the application's values. `run` rejects only when the schema check
 * itself could not run (the XSD validator timed out): that is worth another try, a problem is not.
 */

export interface PayloadMapperOptions {
  /** Wall-clock cap per evaluation; default 1000 ms. */
  timeoutMs?: number;
  /** Compiled expressions kept; default 200. */
  cacheSize?: number;
  /** The XSD validator (tests and the hub may share one); a worker of its own otherwise. */
  xsd?: XsdValidator;
}

const MAX_STACK = 500;
const MAX_SEQUENCE = 100_000;
const MAX_TEXT = 10 * 1024 * 1024;

interface JsonataFailure {
  code?: string;
  position?: number;
  token?: string;
  value?: unknown;
  value2?: unknown;
  message?: string;
}

/** The messages IT staff meet most, in Norwegian; the others keep jsonata's English after the code. */
const NORWEGIAN: Record<string, string> = {
  S0101: 'en tekst mangler avsluttende anførselstegn',
  S0105: 'et navn i `backticks` mangler avsluttende `',
  S0106: 'en kommentar mangler */',
  S0201: 'syntaksfeil',
  S0204: 'ukjent operator',
  S0205: 'uventet tegn',
  S0207: 'uttrykket slutter for tidlig',
  S0212: 'venstre side av := må være en variabel ($navn)',
  S0302: 'et regulært uttrykk mangler avsluttende /',
  D1011: 'for dyp rekursjon; uttrykket ble stoppet',
  D2014: 'et intervall (..) er for stort',
  D2015: 'en liste ble for lang; uttrykket ble stoppet',
  T1006: 'prøvde å kalle noe som ikke er en funksjon',
  T2001: 'venstre side av operatoren må være et tall',
  T2002: 'høyre side av operatoren må være et tall',
  D3030: 'en verdi kunne ikke gjøres om til et tall',
  D3138: '$single() fant mer enn ett treff',
  D3139: '$single() fant ingen treff',
};

/** jsonata's message with the values it quotes taken out: they may come from the application. */
function failureMessage(e: JsonataFailure, timeoutMs: number): string {
  const code = e.code ?? '';
  if (code === 'D1012') return `Uttrykket brukte mer enn ${timeoutMs} ms og ble stoppet (en uendelig løkke?)`;
  let english = typeof e.message === 'string' ? e.message : String(e);
  for (const v of [e.value, e.value2]) {
    if (v === undefined) continue;
    for (const shown of new Set([JSON.stringify(v), String(v)])) if (shown && shown.length > 0) english = english.split(shown).join('«…»');
  }
  // $error()/$assert() texts are the mapping's own; a number in them may still be a fødselsnummer
  english = english.replace(/\d{6,}/g, '«…»').slice(0, 300);
  // a syntax error's value and token come from the expression itself, not from an application
  if (code === 'S0202') return `Ventet «${String(e.value)}», fant «${String(e.token).slice(0, 40)}» [${code}]`;
  if (code === 'S0203') return `Ventet «${String(e.value)}» før slutten av uttrykket [${code}]`;
  const nb = NORWEGIAN[code];
  return nb ? `${nb[0]!.toUpperCase()}${nb.slice(1)}${e.token && code.startsWith('S') ? ` («${String(e.token).slice(0, 40)}»)` : ''} [${code}]` : `${code ? `[${code}] ` : ''}${english}`;
}

const at = (e: JsonataFailure): { at?: string } => (typeof e.position === 'number' ? { at: `posisjon ${e.position}` } : {});

/** jsonata's result as plain JSON: undefined and functions left out (also in arrays), sequences as arrays. */
export function plainJson(v: unknown): unknown {
  if (v === undefined || typeof v === 'function') return undefined;
  if (v === null || typeof v !== 'object') return typeof v === 'number' && !Number.isFinite(v) ? null : v;
  if (Array.isArray(v)) return v.map(plainJson).filter((x) => x !== undefined);
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v as Record<string, unknown>)) {
    const c = plainJson(x);
    if (c !== undefined) out[k] = c;
  }
  return out;
}

export function createPayloadMapper(o: PayloadMapperOptions = {}): PayloadMapper {
  const timeoutMs = o.timeoutMs ?? 1000;
  const cacheSize = o.cacheSize ?? 200;
  const cache = new Map<string, jsonata.Expression | MappingProblem>();
  const schemas = createPayloadSchemaValidator(o.xsd ? { xsd: o.xsd } : {});

  const compile = (expression: string): jsonata.Expression | MappingProblem => {
    const hit = cache.get(expression);
    if (hit) {
      // least recently used goes first: a hit moves to the end
      cache.delete(expression);
      cache.set(expression, hit);
      return hit;
    }
    let compiled: jsonata.Expression | MappingProblem;
    if (!expression.trim()) compiled = { stage: 'syntax', message: 'Uttrykket er tomt' };
    else {
      try {
        compiled = jsonata(expression, { timeout: timeoutMs, stack: MAX_STACK, sequence: MAX_SEQUENCE });
      } catch (e) {
        compiled = { stage: 'syntax', message: failureMessage(e as JsonataFailure, timeoutMs), ...at(e as JsonataFailure) };
      }
    }
    if (cache.size >= cacheSize) cache.delete(cache.keys().next().value!);
    cache.set(expression, compiled);
    return compiled;
  };
  const isProblem = (c: jsonata.Expression | MappingProblem): c is MappingProblem => 'stage' in c;

  async function validate(target: MappingTarget, payload: unknown, text: string | null): Promise<MappingProblem[]> {
    const s = target.schema;
    if (!s) return [];
    if (s.kind === 'xsd') {
      if (target.format !== 'xml' || text === null) return [{ stage: 'schema', message: 'En XSD kan bare sjekke XML; målsystemet får ikke XML.' }];
      return schemas.xsd(text, s.text);
    }
    return schemas.json(payload, s.text);
  }

  return {
    check(expression) {
      const c = compile(expression);
      return isProblem(c) ? [c] : [];
    },
    async run(expression, target, input) {
      const c = compile(expression);
      if (isProblem(c)) return { ok: false, problems: [c] };
      let raw: unknown;
      try {
        raw = await c.evaluate(input);
      } catch (e) {
        return { ok: false, problems: [{ stage: 'evaluate', message: failureMessage(e as JsonataFailure, timeoutMs), ...at(e as JsonataFailure) }] };
      }
      const payload = plainJson(raw);
      if (payload === undefined) return { ok: false, problems: [{ stage: 'evaluate', message: 'Uttrykket ga ingen verdi (finnes feltene det leser?)' }] };
      let text: string | null = null;
      if (target.format !== 'json') {
        const s = target.format === 'xml' ? toXml(payload) : toCsv(payload, target.csv);
        if (!s.ok) return { ok: false, problems: s.problems };
        text = s.text;
      }
      if ((text ?? JSON.stringify(payload)).length > MAX_TEXT) return { ok: false, problems: [{ stage: 'serialise', message: `Resultatet er større enn ${MAX_TEXT / 1024 / 1024} MB` }] };
      const problems = await validate(target, payload, text);
      return problems.length ? { ok: false, problems } : { ok: true, payload, text };
    },
  };
}
