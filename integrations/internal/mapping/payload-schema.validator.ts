import Ajv, { type ErrorObject, type ValidateFunction } from 'ajv';
import Ajv2019 from 'ajv/dist/2019';
import Ajv2020 from 'ajv/dist/2020';
import addFormats from 'ajv-formats';
import type { MappingProblem } from '../../../electron/core/ports/payload-mapper.port';
import { createXsdValidator, XsdSchemaError, type XsdError, type XsdValidator } from '../../shared/xml/xsd-validator';

/**
 * The mapped payload checked against the target's schema: JSON Schema through ajv (compiled once
 * per schema text), XSD through the repo's xmllint validator. The messages are ours, in
 * Norwegian, built from the path and the rule only: a schema message must never carry the
 * application's values (a fødselsnummer that fails a pattern stays out of the case log).
 */

const MAX_PROBLEMS = 20;
const MAX_COMPILED = 50;

const quote = (s: unknown): string => `«${String(s)}»`;

/** ajv's error as a Norwegian sentence from the keyword and its (schema) params. */
export function ajvMessage(e: ErrorObject): string {
  const p = e.params as Record<string, unknown>;
  switch (e.keyword) {
    case 'required':
      return `mangler feltet ${quote(p.missingProperty)}`;
    case 'additionalProperties':
      return `feltet ${quote(p.additionalProperty)} er ikke tillatt her`;
    case 'type':
      return `skal være av typen ${String(p.type)}`;
    case 'format':
      return `skal ha formatet ${String(p.format)}`;
    case 'enum':
      return `skal være en av: ${(p.allowedValues as unknown[]).map(quote).join(', ')}`;
    case 'const':
      return `skal være ${quote(p.allowedValue)}`;
    case 'pattern':
      return `følger ikke mønsteret ${String(p.pattern)}`;
    case 'minLength':
      return `skal ha minst ${String(p.limit)} tegn`;
    case 'maxLength':
      return `skal ha høyst ${String(p.limit)} tegn`;
    case 'minimum':
    case 'exclusiveMinimum':
    case 'maximum':
    case 'exclusiveMaximum':
      return `skal være ${String(p.comparison)} ${String(p.limit)}`;
    case 'minItems':
      return `skal ha minst ${String(p.limit)} elementer`;
    case 'maxItems':
      return `skal ha høyst ${String(p.limit)} elementer`;
    default:
      return `bryter regelen ${quote(e.keyword)} i skjemaet`;
  }
}

/** xmllint's message without the values it quotes: what element (or attribute), and which rule. */
export function xsdMessage(e: XsdError): MappingProblem {
  const at = e.line ? `linje ${e.line}` : undefined;
  const m = /^Element '([^']+)'(?:, attribute '([^']+)')?:\s*(.*)$/s.exec(e.message.trim());
  const where = m ? (m[2] ? `Attributtet ${quote(m[2])} i ${quote(m[1])}` : `Elementet ${quote(m[1])}`) : 'Dokumentet';
  const rest = m ? m[3]! : e.message;
  let rule: string;
  const facet = /\[facet '(\w+)'\]/.exec(rest);
  const type = /is not a valid value of the (?:local )?(?:atomic|list|union) type(?: '([^']+)')?/.exec(rest);
  const expected = /Expected is(?: one of)? \((.*)\)/.exec(rest);
  if (facet) rule = `verdien bryter regelen ${quote(facet[1])}`;
  else if (type) rule = type[1] ? `verdien er ikke gyldig for typen ${quote(type[1])}` : 'verdien er ikke gyldig for typen';
  else if (/This element is not expected/.test(rest)) rule = expected ? `er ikke ventet her; ventet er ${expected[1]!.trim()}` : 'er ikke ventet her';
  else if (/Missing child element/.test(rest)) rule = expected ? `mangler underelement; ventet er ${expected[1]!.trim()}` : 'mangler underelement';
  else if (/attribute '([^']+)' is required/i.test(rest)) rule = `mangler attributtet ${quote(/attribute '([^']+)'/i.exec(rest)![1])}`;
  else if (/is not allowed/.test(rest) && /attribute/i.test(rest)) rule = 'har et attributt som ikke er tillatt';
  else if (/Character content/.test(rest)) rule = 'skal ikke ha tekst, bare underelementer';
  else if (/No matching global declaration/.test(rest)) rule = 'er ikke et rotelement skjemaet kjenner';
  // anything else: the sentence with every quoted part (a value, maybe) taken out
  else rule = rest.replace(/'[^']*'/g, '«…»').replace(/\s+/g, ' ').slice(0, 300);
  return { stage: 'schema', message: `${where}: ${rule}`, ...(at ? { at } : {}) };
}

export interface PayloadSchemaValidator {
  json(payload: unknown, schemaText: string): MappingProblem[];
  /** Rejects when the validator itself fails (timeout, worker lost): a reason to try again, not a mapping problem. */
  xsd(xml: string, xsdText: string): Promise<MappingProblem[]>;
}

export function createPayloadSchemaValidator(o: { xsd?: XsdValidator } = {}): PayloadSchemaValidator {
  const compiled = new Map<string, ValidateFunction | Error>();
  let xsdValidator = o.xsd;

  const compile = (text: string): ValidateFunction | Error => {
    const hit = compiled.get(text);
    if (hit) return hit;
    let v: ValidateFunction | Error;
    try {
      const schema = JSON.parse(text) as { $schema?: unknown };
      const dialect = typeof schema.$schema === 'string' ? schema.$schema : '';
      // one Ajv per schema (two schema files with the same $id must not collide), of the dialect the schema names (draft-07 otherwise)
      const Dialect = dialect.includes('2020-12') ? Ajv2020 : dialect.includes('2019-09') ? Ajv2019 : Ajv;
      const ajv = new Dialect({ allErrors: true, strict: false });
      addFormats(ajv);
      v = ajv.compile(schema as object);
    } catch (e) {
      v = e instanceof Error ? e : new Error(String(e));
    }
    if (compiled.size >= MAX_COMPILED) compiled.delete(compiled.keys().next().value!);
    compiled.set(text, v);
    return v;
  };

  return {
    json(payload, schemaText) {
      const validate = compile(schemaText);
      if (validate instanceof Error) return [{ stage: 'schema', message: `Målsystemets JSON Schema kan ikke brukes: ${validate.message.slice(0, 300)}` }];
      if (validate(payload)) return [];
      return (validate.errors ?? []).slice(0, MAX_PROBLEMS).map((e) => ({ stage: 'schema' as const, message: ajvMessage(e), at: e.instancePath || '/' }));
    },
    async xsd(xml, xsdText) {
      xsdValidator ??= createXsdValidator({ timeoutMs: 10_000, maxMemoryMiB: 128 });
      try {
        const r = await xsdValidator.validate(xml, xsdText);
        if (r.valid) return [];
        if (r.kind === 'too-large') return [{ stage: 'schema', message: 'Dokumentet er for stort til å valideres mot XSD-en.' }];
        const problems = r.errors.slice(0, MAX_PROBLEMS).map(xsdMessage);
        return problems.length ? problems : [{ stage: 'schema', message: 'Dokumentet følger ikke XSD-en.' }];
      } catch (e) {
        if (e instanceof XsdSchemaError) return [{ stage: 'schema', message: 'Målsystemets XSD kan ikke kompileres; se konfigurasjonen.' }];
        // not the mapping's fault, so not a problem: thrown, the hand-over job tries again later. xmllint's own output may quote the document: not passed on
        throw new Error('XSD-valideringen stoppet (tidsavbrudd eller teknisk feil)', { cause: e });
      }
    },
  };
}
