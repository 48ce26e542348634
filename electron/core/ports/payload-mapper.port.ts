/**
 * Turns an application into a target's payload: a mapping written as data (a JSONata
 * expression) evaluated over the hand-over document, serialised to the target's format and
 * checked against its schema where one is given (XSD or JSON Schema).
 */

export type PayloadFormat = 'json' | 'xml' | 'csv';

export interface MappingTarget {
  format: PayloadFormat;
  /** The target's schema text, when it has one: an XSD for xml, a JSON Schema (JSON text) otherwise. */
  schema: { kind: 'xsd' | 'json-schema'; text: string } | null;
  /** CSV: the columns in order (else the first row's keys) and the separator (default ';'). */
  csv?: { columns?: string[]; delimiter?: string };
}

export interface MappingProblem {
  /** Where it went wrong: the expression, its evaluation, the target's schema, or serialising. */
  stage: 'syntax' | 'evaluate' | 'schema' | 'serialise';
  /** In Norwegian, for IT staff; never personal data from the application. */
  message: string;
  /** The payload path (schema errors) or character position in the expression (syntax). */
  at?: string;
}

export type MappingResult = { ok: true; payload: unknown; text: string | null } | { ok: false; problems: MappingProblem[] };

export interface PayloadMapper {
  /** Syntax only: what the editor shows as you type. */
  check(expression: string): MappingProblem[];
  run(expression: string, target: MappingTarget, input: unknown): Promise<MappingResult>;
}
